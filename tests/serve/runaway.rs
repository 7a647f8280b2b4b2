//! Queries that would run or grow without end: each runs in a process of its own, killed at the
//! deadline or past its memory cap, so that its time and memory end with it; the server answers
//! others meanwhile. Also `argmap query --timeout` and the cap on one literal in a write.

use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use super::{TOKEN, json};
use crate::common::argmap;
use crate::servers::ArgmapServer as Server;

/// Every graph against every graph, sorted: rows² to sort before the first.
const CROSS_PRODUCT: &str =
    "SELECT * WHERE { GRAPH ?g1 { ?a ?b ?c } GRAPH ?g2 { ?d ?e ?f } } ORDER BY ?c ?f LIMIT 1";

/// Eight nested REPLACE calls, each making its string ten times longer: 10⁹ characters.
fn nested_replace() -> String {
    let mut expression = "\"aaaaaaaaaa\"".to_string();
    for _ in 0..8 {
        expression = format!("REPLACE({expression}, \"a\", \"aaaaaaaaaa\")");
    }
    format!("SELECT (STRLEN({expression}) AS ?n) WHERE {{}}")
}

/// The resident memory of process `pid` in KiB, and its children's pids.
fn resident_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// The pids of the processes `pid` started and that still run.
fn children(pid: u32) -> Vec<u32> {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return Vec::new();
    };
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("children")).ok())
        .flat_map(|c| {
            c.split_whitespace()
                .filter_map(|p| p.parse().ok())
                .collect::<Vec<u32>>()
        })
        .collect()
}

/// POSTs `query` from another thread; the answer is `(status, body)`.
fn post_in_background(s: &Server, query: String) -> thread::JoinHandle<(u16, String)> {
    let url = s.url("/sparql");
    thread::spawn(move || {
        let out = Command::new("curl")
            .args(["-sS", "--max-time", "60", "-w", "\n%{http_code}"])
            .args(["-H", "Content-Type: application/sparql-query"])
            .arg("--data-binary")
            .arg(query)
            .arg(url)
            .output()
            .expect("curl runs");
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let (body, code) = text.rsplit_once('\n').expect("curl's status line");
        (code.parse().unwrap_or(0), body.to_string())
    })
}

/// A normal query's answer, and how long it took.
fn normal_query(s: &Server) -> Duration {
    let started = Instant::now();
    let (code, _, body) = s.curl(
        "/sparql",
        &["-G", "--data-urlencode", "query=ASK { ?s ?p ?o }"],
    );
    assert_eq!(code, 200, "{body}");
    started.elapsed()
}

#[test]
fn two_runaway_queries_end_at_the_deadline_and_lock_no_one_out() {
    let mut s = Server::start(&["--timeout", "4", "--max-memory", "400M"]);
    let server = s.process.child.id();
    normal_query(&s);
    let before = resident_kib(server);
    let started = Instant::now();
    let attacks = [
        post_in_background(&s, CROSS_PRODUCT.to_string()),
        post_in_background(&s, nested_replace()),
    ];
    // While both run, others are answered, each within a second.
    let mut slowest = Duration::ZERO;
    while attacks.iter().any(|a| !a.is_finished()) {
        slowest = slowest.max(normal_query(&s));
        assert!(s.alive(), "the server died");
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the attacks still run after {:?}",
            started.elapsed()
        );
        thread::sleep(Duration::from_millis(200));
    }
    let ended = started.elapsed();
    for attack in attacks {
        let (code, body) = attack.join().unwrap();
        let error = json(&body)["error"].as_str().map(str::to_string);
        assert!(
            code == 503 && matches!(error.as_deref(), Some("timeout" | "memory")),
            "{code} {body}"
        );
    }
    assert!(
        slowest < Duration::from_secs(1),
        "a normal query took {slowest:?}"
    );
    assert!(ended < Duration::from_secs(8), "the attacks took {ended:?}");
    // Their processes are gone, and the server holds no more memory than before.
    thread::sleep(Duration::from_millis(300));
    let left: Vec<u32> = children(server);
    assert!(left.is_empty(), "query processes still run: {left:?}");
    let after = resident_kib(server);
    assert!(
        after < before + 64 * 1024,
        "memory grew from {before} KiB to {after} KiB"
    );
}

#[test]
fn a_query_past_its_memory_cap_is_stopped_before_its_deadline() {
    let s = Server::start(&["--timeout", "60", "--max-memory", "200M"]);
    let started = Instant::now();
    let (code, body) = post_in_background(&s, nested_replace()).join().unwrap();
    assert_eq!(
        (code, json(&body)["error"].as_str()),
        (503, Some("memory")),
        "{body}"
    );
    assert!(
        json(&body)["message"]
            .as_str()
            .unwrap()
            .contains("--max-memory")
    );
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "stopped after {:?}",
        started.elapsed()
    );
    normal_query(&s);
}

#[test]
fn the_command_line_query_stops_at_its_timeout() {
    let store = crate::common::TempStore::with_seed();
    let started = Instant::now();
    let out = argmap()
        .arg("--store")
        .arg(store.path())
        .args(["--quiet", "query", "--timeout", "1", "--sparql"])
        .arg(slower_query())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("ran past --timeout 1 s"), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    // Within its time a query answers as before.
    let out = argmap()
        .arg("--store")
        .arg(store.path())
        .args([
            "--quiet",
            "query",
            "--timeout",
            "30",
            "--sparql",
            "ASK { GRAPH ?g { ?s ?p ?o } }",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "true");
}

#[test]
fn an_update_and_a_graph_store_write_are_held_to_the_literal_cap() {
    let s = Server::start(&["--allow-update", "--token", TOKEN, "--max-body", "30000000"]);
    let big = "x".repeat(9 << 20);
    let dir = tempfile::tempdir().unwrap();
    let update = dir.path().join("update.ru");
    std::fs::write(
        &update,
        format!("INSERT DATA {{ GRAPH <urn:g> {{ <urn:s> <urn:p> \"{big}\" }} }}"),
    )
    .unwrap();
    let turtle = dir.path().join("graph.ttl");
    std::fs::write(&turtle, format!("<urn:s> <urn:p> \"{big}\" .\n")).unwrap();
    let auth = format!("Authorization: Bearer {TOKEN}");
    for (path, media, file, method) in [
        ("/sparql", "application/sparql-update", &update, "POST"),
        ("/store?graph=urn:g", "text/turtle", &turtle, "PUT"),
    ] {
        let (code, _, body) = s.curl(
            path,
            &[
                "-X",
                method,
                "-H",
                &auth,
                "-H",
                &format!("Content-Type: {media}"),
                "--data-binary",
                &format!("@{}", file.display()),
            ],
        );
        assert_eq!(code, 403, "{path}: {body}");
        assert!(
            json(&body)["message"]
                .as_str()
                .unwrap()
                .contains("cap of 8 MiB"),
            "{body}"
        );
    }
    // Nothing was written.
    let (code, _, body) = s.curl(
        "/sparql",
        &[
            "-G",
            "--data-urlencode",
            "query=ASK { GRAPH <urn:g> { ?s ?p ?o } }",
        ],
    );
    assert_eq!(code, 200);
    assert!(body.contains("false"), "{body}");
}

/// A query of five cross-joined VALUES blocks (70^5 rows to count, about a
/// minute of work), far past a one-second timeout on any machine.
fn slower_query() -> String {
    let v: Vec<String> = (1..=70).map(|i| i.to_string()).collect();
    let v = format!("{{ {} }}", v.join(" "));
    format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {v} VALUES ?b {v} VALUES ?c {v} VALUES ?d {v} VALUES ?e {v} }}"
    )
}
