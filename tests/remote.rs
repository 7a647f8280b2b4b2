//! Remote stores: a real oxigraph server and a real Virtuoso 7, each started on a free port of 127.0.0.1.
//!
//! For each server: a push killed part way (the server is killed with
//! SIGKILL) names the complete graphs, a second push after a restart
//! completes the data quad for quad, and `trace`, `list` and named queries
//! read remotely print byte for byte what they print on the local store.
//! The servers are started by [`SparqlServer`], and killed when it drops;
//! `scripts/setup.sh --tests` installs them.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TempStore, argmap, seed_dir};
use crate::servers::{Engine, SparqlServer};

/// How many generated briefs go with the seed.
const GENERATED: usize = 40;

/// Writes `count` small briefs, each with a question, two hypotheses, a
/// claim, three items of evidence, a dated event and a source shared by all
/// of them, with non-ASCII text early on.
fn generate_briefs(dir: &Path, count: usize) -> Vec<PathBuf> {
    (0..count)
        .map(|i| {
            let folder = dir.join(format!("gen-{i:03}"));
            std::fs::create_dir_all(&folder).unwrap();
            let text = format!(
                "Harbour {i}: what next?\n\n\
                 Analysts in Zürich asked whether harbour {i} will reopen. \
                 Harbour {i} will likely reopen before winter. \
                 It could instead be sold to a consortium from 北京. \
                 A ministry spokesperson said on 3 March that repairs at harbour {i} began. \
                 Satellite images showed {i} new cranes at the quay. \
                 Repairs suggest the owners mean to keep harbour {i}. \
                 The consortium can raise the money.\n"
            );
            let map = format!(
                r#"[brief]
title = "Harbour {i}: what next?"
language = "en"
rights = "© Generated {i}"
series = "Generated"
number = "G-{i}"
date = "2020-03-{day:02}"
mapped-by = "tests"
mapped-on = "2026-11-27"

[question.future]
text = "Will harbour {i} reopen?"
quote = "Analysts in Zürich asked whether harbour {i} will reopen."
exclusive = {exclusive}

[hypothesis.reopen]
answers = "future"
text = "Harbour {i} reopens before winter."
quote = "Harbour {i} will likely reopen before winter."
hedge = "likely"
confidence = "moderate"

[hypothesis.sale]
answers = "future"
text = "Harbour {i} is sold to a consortium."
quote = "It could instead be sold to a consortium from 北京."
hedge = "could"

[claim.keep]
text = "The owners mean to keep harbour {i}."
quote = "Repairs suggest the owners mean to keep harbour {i}."
status = "inference"
supports-strongly = ["reopen"]
opposes = ["sale"]

[evidence.spokesperson]
text = "A ministry spokesperson said that repairs at harbour {i} began."
quote = "A ministry spokesperson said on 3 March that repairs at harbour {i} began."
status = "reported"
said-by = "spokesperson"
source = "ministry-bulletin"
date = "2020-03-03"
event = "repairs-{i}"
supports = ["keep"]

[evidence.cranes]
text = "Satellite images showed {i} new cranes."
quote = "Satellite images showed {i} new cranes at the quay."
status = "observed"
date = "2020-03"
date-inferred = true
supports = ["keep"]

[evidence.money]
text = "The consortium can raise the money."
quote = "The consortium can raise the money."
status = "observed"
hedge = "can"
supports = ["sale"]

[event.repairs-{i}]
text = "Repairs begin at harbour {i}"
date = "2020-03-01/2020-03-05"
actors = ["ministry"]

[source.ministry-bulletin]
kind = "statement"
title = "The ministry's bulletin"
publisher = "ministry"
reliability = "B"
credibility = 3

[actor.ministry]
kind = "organisation"
name = "The Ministry of Harbours"

[actor.spokesperson]
kind = "person"
name = "A ministry spokesperson"
member-of = "ministry"
"#,
                day = i % 28 + 1,
                exclusive = i % 2 == 0,
            );
            std::fs::write(folder.join("brief.txt"), text).unwrap();
            std::fs::write(folder.join("map.toml"), map).unwrap();
            folder
        })
        .collect()
}

/// A local store with the seed and the generated briefs.
fn local_corpus() -> (TempStore, tempfile::TempDir) {
    let store = TempStore::new();
    let maps = tempfile::tempdir().unwrap();
    let mut args = vec!["load".to_string(), seed_dir().display().to_string()];
    args.extend(
        generate_briefs(maps.path(), GENERATED)
            .iter()
            .map(|p| p.display().to_string()),
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    store.ok(&args);
    (store, maps)
}

fn run(store: &TempStore, remote: &[String], args: &[&str]) -> Output {
    let mut cmd = argmap();
    cmd.arg("--store").arg(store.path()).args(remote).args(args);
    cmd.output().expect("argmap runs")
}

fn ok(store: &TempStore, remote: &[String], args: &[&str]) -> String {
    let out = run(store, remote, args);
    assert!(
        out.status.success(),
        "argmap {remote:?} {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Every quad of the argmap graphs of a store, as sorted TSV lines, read
/// graph by graph (Virtuoso cuts any one answer at 10,000 rows).
fn dump(store: &TempStore, remote: &[String]) -> Vec<String> {
    let graphs = ok(
        store,
        &[],
        &[
            "query",
            "--sparql",
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
            "--format",
            "tsv",
        ],
    );
    let mut lines = Vec::new();
    for graph in graphs.lines().skip(1) {
        let out = ok(
            store,
            remote,
            &[
                "query",
                "--sparql",
                "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                "--param",
                &format!("g={graph}"),
                "--format",
                "tsv",
            ],
        );
        lines.extend(out.lines().skip(1).map(str::to_string));
    }
    lines.sort();
    lines
}

/// The number of argmap graphs the server holds.
fn remote_graphs(store: &TempStore, remote: &[String]) -> usize {
    let out = run(
        store,
        remote,
        &[
            "query",
            "--sparql",
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s a <https://w3id.org/argmap/ns#Brief> } }",
            "--format",
            "csv",
        ],
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .nth(1)
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

/// What must read the same on the local store and the remote one.
const SAME_OUTPUT: &[&[&str]] = &[
    &["trace"],
    &["trace", "--format", "json"],
    &["trace", "--brief", "gen-007", "reopen"],
    &["report", "--brief", "kinu-co-17-32", "--out", "-"],
    &["report", "--brief", "gen-004", "--out", "-"],
    &["list"],
    &["query", "briefs"],
    &["query", "motives", "--brief", "kinu-co-17-32"],
    &["query", "motives", "--brief", "gen-003", "--format", "json"],
    &[
        "query",
        "timeline",
        "--brief",
        "kinu-co-17-32",
        "--format",
        "csv",
    ],
    &["query", "timeline", "--brief", "gen-011"],
    &["query", "shared-evidence", "--brief", "kinu-co-17-32"],
    &["query", "sources", "--brief", "kinu-co-17-32"],
    &["query", "actors", "--brief", "gen-001"],
    &["query", "unsupported-claims", "--brief", "kinu-co-17-32"],
    &[
        "query",
        "inference-vs-reported",
        "--brief",
        "gen-002",
        "--format",
        "tsv",
    ],
    &[
        "query",
        "briefs-relying-on-source",
        "--param",
        "source=https://w3id.org/argmap/kb/source/ministry-bulletin",
    ],
];

fn assert_same_as_local(store: &TempStore, remote: &[String]) {
    for args in SAME_OUTPUT {
        let local = ok(store, &[], args);
        let far = ok(store, remote, args);
        assert!(!local.is_empty());
        if local != far {
            let line = local
                .lines()
                .zip(far.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            panic!(
                "`argmap {args:?}` differs on the remote store, first at line {}:\nlocal:  {:?}\nremote: {:?}",
                line + 1,
                local.lines().nth(line),
                far.lines().nth(line)
            );
        }
    }
}

/// Kills the server during a push, restarts it, and shows that a second push completes the data.
fn interrupted_push_then_complete(store: &TempStore, server: &mut SparqlServer, second_gsp: bool) {
    let writer = server.writer(false);
    let child = Command::new(assert_cmd::cargo::cargo_bin("argmap"))
        .env_remove("ARGMAP_STORE")
        .arg("--store")
        .arg(store.path())
        .args(&writer)
        .args(["push", "--batch-size", "25"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while remote_graphs(store, &server.endpoint()) < 3 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the push wrote nothing"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    server.kill();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the push did not fail: {stderr}"
    );
    assert!(stderr.contains("the push stopped at "), "{stderr}");
    assert!(
        stderr.contains("complete on the server: gen-000, gen-001"),
        "{stderr}"
    );
    assert!(
        stderr.contains("run the same `argmap push` again"),
        "{stderr}"
    );

    server.launch();
    let remote_before = dump(store, &server.endpoint());
    let local = dump(store, &[]);
    assert!(
        remote_before.len() < local.len(),
        "the first push was not cut short"
    );

    let out = run(store, &server.writer(second_gsp), &["push"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("pushed {} briefs and the ontology", GENERATED + 1)),
        "{stderr}"
    );
    let remote_after = dump(store, &server.endpoint());
    assert_eq!(remote_after.len(), local.len());
    assert!(
        remote_after == local,
        "the remote store differs from the local one"
    );
}

#[test]
fn oxigraph_server() {
    let (store, _maps) = local_corpus();
    let mut server = SparqlServer::start(Engine::Oxigraph);
    interrupted_push_then_complete(&store, &mut server, true);
    assert_same_as_local(&store, &server.endpoint());

    // A query stopped at the server's time limit is answered with 200 and a cut body.
    let out = run(
        &store,
        &server.endpoint(),
        &[
            "query",
            "--sparql",
            "SELECT * WHERE { GRAPH ?g { ?a ?p ?b . ?c ?p ?b . ?d ?p ?b } }",
            "--endpoint-timeout",
            "60",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(out.stdout.is_empty(), "a cut result printed something");
    assert!(stderr.contains("cut short"), "{stderr}");

    // Pull: a brief into a fresh store reads the same as where it came from.
    let fresh = TempStore::new();
    let pulled = run(
        &fresh,
        &server.endpoint(),
        &["pull", "gen-005", "kinu-co-17-32"],
    );
    assert!(
        pulled.status.success(),
        "{}",
        String::from_utf8_lossy(&pulled.stderr)
    );
    assert_eq!(
        fresh.ok(&["trace", "--brief", "gen-005"]),
        store.ok(&["trace", "--brief", "gen-005"])
    );
    assert_eq!(
        fresh.ok(&["trace", "--brief", "kinu-co-17-32"]),
        store.ok(&["trace", "--brief", "kinu-co-17-32"])
    );
    // All or nothing: one missing brief, nothing written.
    let before = fresh.dump();
    let out = run(
        &fresh,
        &server.endpoint(),
        &["pull", "gen-006", "no-such-brief"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no brief `no-such-brief`"));
    assert_eq!(fresh.dump(), before);
}

#[test]
fn virtuoso() {
    let (store, _maps) = local_corpus();
    let mut server = SparqlServer::start(Engine::Virtuoso);
    interrupted_push_then_complete(&store, &mut server, false);
    assert_same_as_local(&store, &server.endpoint());

    // The Graph Store Protocol replaces a graph with one PUT.
    let out = run(
        &store,
        &server.writer(true),
        &["push", "gen-001", "gen-002"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("with the Graph Store Protocol"), "{stderr}");
    assert_same_as_local(&store, &server.endpoint());

    // Digest authentication on /sparql-auth (Virtuoso's dba account), and the
    // password never shows, not even when it is refused.
    let auth = vec![
        "--endpoint".to_string(),
        server.url("/sparql-auth"),
        "--user".into(),
        "dba".into(),
        "--auth".into(),
        "digest".into(),
    ];
    let mut cmd = argmap();
    cmd.arg("--store")
        .arg(store.path())
        .args(&auth)
        .env("ARGMAP_PASSWORD", "dba");
    let out = cmd.args(["trace", "--brief", "gen-004"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        store.ok(&["trace", "--brief", "gen-004"])
    );
    let mut cmd = argmap();
    cmd.arg("--store")
        .arg(store.path())
        .args(&auth)
        .env("ARGMAP_PASSWORD", "wrong-Secret-42");
    let out = cmd.args(["list"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("HTTP 401"), "{stderr}");
    assert!(!stderr.contains("wrong-Secret-42"));

    // Virtuoso cuts a result at its row limit (10,000 here) and says so in a header.
    let out = run(
        &store,
        &server.endpoint(),
        &[
            "query",
            "--sparql",
            "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(stderr.contains("row limit"), "{stderr}");

    // Pull, in pages under that limit.
    let fresh = TempStore::new();
    let pulled = run(
        &fresh,
        &server.endpoint(),
        &["pull", "kinu-co-17-32", "--page-size", "1000"],
    );
    assert!(
        pulled.status.success(),
        "{}",
        String::from_utf8_lossy(&pulled.stderr)
    );
    assert_eq!(
        fresh.ok(&["trace"]),
        store.ok(&["trace", "--brief", "kinu-co-17-32"])
    );
}

/// A bearer token and basic credentials go in the Authorization header and
/// never into a message, checked against a one-request server that refuses them.
#[test]
fn credentials_are_sent_and_never_printed() {
    for (flags, password, expected) in [
        (Vec::<&str>::new(), "tok-Secret-1", "Bearer tok-Secret-1"),
        (
            vec!["--user", "ann"],
            "pw-Secret-2",
            "Basic YW5uOnB3LVNlY3JldC0y",
        ),
    ] {
        let (listener, port) = crate::servers::listener();
        let server = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut request = Vec::new();
            let mut buf = [0u8; 4096];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                let n = stream.read(&mut buf).unwrap();
                if n == 0 {
                    break;
                }
                request.extend_from_slice(&buf[..n]);
            }
            let _ = stream.write_all(
                b"HTTP/1.1 401 Unauthorized\r\nContent-Length: 6\r\nConnection: close\r\n\r\ndenied",
            );
            String::from_utf8_lossy(&request).into_owned()
        });
        let mut cmd = argmap();
        cmd.arg("--endpoint")
            .arg(format!("http://127.0.0.1:{port}/sparql"))
            .args(&flags);
        if flags.is_empty() {
            cmd.env("ARGMAP_TOKEN", password);
        } else {
            cmd.env("ARGMAP_PASSWORD", password);
        }
        let out = cmd.arg("list").output().unwrap();
        let request = server.join().unwrap();
        assert!(
            request
                .lines()
                .any(|l| l.eq_ignore_ascii_case(&format!("authorization: {expected}"))),
            "{request}"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr.contains("HTTP 401"), "{stderr}");
        assert!(stderr.contains("credentials were refused"), "{stderr}");
        assert!(!stderr.contains(password), "{stderr}");
    }
}
