//! `argmap serve` under a hostile client, one test per attack, each in bounded loops on
//! 127.0.0.1: throughout, the server stays up and answers a normal query within a second, and
//! afterwards its memory is back near where it started.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

use super::{TOKEN, json};
use crate::common::argmap;
use crate::servers::ArgmapServer as Server;

/// Links in a long flat chain: about 80 KB of query, far under the body cap.
const CHAIN: usize = 20_000;

/// The server's resident memory in KiB, from the kernel.
fn resident_kib(s: &Server) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", s.process.child.id()))
        .expect("the server's /proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

/// Asserts that a normal query is answered, and within a second.
fn answers_promptly(s: &Server) {
    let started = Instant::now();
    let (code, _, body) = s.curl(
        "/sparql",
        &["-G", "--data-urlencode", "query=ASK { ?s ?p ?o }"],
    );
    let took = started.elapsed();
    assert_eq!(code, 200, "{body}");
    assert!(
        took < Duration::from_secs(1),
        "a normal query took {took:?}"
    );
}

/// POSTs `query` as application/sparql-query, from a file (a long query
/// is over the system's limit on one argument); returns (status, body).
fn post_query(s: &Server, query: &str) -> (u16, String) {
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), query).unwrap();
    let (code, _, body) = s.curl(
        "/sparql",
        &[
            "-H",
            "Content-Type: application/sparql-query",
            "--data-binary",
            &format!("@{}", file.path().display()),
        ],
    );
    (code, body)
}

#[test]
fn short_flat_chains_get_400_and_the_server_stays_up() {
    let mut s = Server::start(&[]);
    let before = resident_kib(&s);
    let chain = |term: &str, op: &str| [term; CHAIN].join(op);
    let attacks = [
        format!("ASK {{ FILTER({} > 0) }}", chain("1", " + ")),
        format!("ASK {{ ?s {} ?o }}", chain("<urn:p>", "/")),
        format!("ASK {{ ?s {} ?o }}", chain("<urn:p>", "|")),
        format!("ASK {{ FILTER({}) }}", chain("true", " || ")),
        format!("ASK {{ {} }}", chain("{ ?s ?p ?o }", " UNION ")),
        format!("ASK {{ ?s ?p ?o {} }}", chain("OPTIONAL { ?s ?p ?o }", " ")),
        format!("ASK {{ {} }}", chain("{ ?s ?p ?o }", " ")),
    ];
    for round in 0..3 {
        for attack in &attacks {
            let (code, body) = post_query(&s, attack);
            assert_eq!(
                (code, json(&body)["error"].as_str()),
                (400, Some("too-deep")),
                "round {round}: {body}"
            );
            assert!(s.alive(), "the server died");
            answers_promptly(&s);
        }
    }
    // The same chain in an update is refused as well, before it is parsed.
    let update = format!(
        "INSERT {{ <urn:s> <urn:p> ?o }} WHERE {{ BIND({} AS ?o) }}",
        chain("1", " + ")
    );
    let writer = Server::start(&["--allow-update", "--token", TOKEN]);
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), &update).unwrap();
    let (code, _, body) = writer.curl(
        "/sparql",
        &[
            "-H",
            &format!("Authorization: Bearer {TOKEN}"),
            "-H",
            "Content-Type: application/sparql-update",
            "--data-binary",
            &format!("@{}", file.path().display()),
        ],
    );
    assert_eq!(
        (code, json(&body)["error"].as_str()),
        (400, Some("too-deep"))
    );
    // A query a person writes, with a few dozen links, still runs.
    let (code, body) = post_query(
        &s,
        &format!(
            "ASK {{ FILTER({} > 0) }}",
            chain("1", " + ")[..400].trim_end_matches([' ', '+'])
        ),
    );
    assert_eq!(code, 200, "{body}");
    let after = resident_kib(&s);
    assert!(
        after < before + 64 * 1024,
        "memory grew from {before} KiB to {after} KiB"
    );
}

#[test]
fn a_chained_query_from_the_command_line_exits_1_with_a_message() {
    let query = format!("ASK {{ FILTER({} > 0) }}", ["1"; CHAIN].join(" + "));
    let out = argmap()
        .args(["--quiet", "query", "--sparql", &query])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("operators and patterns along one path") && stderr.contains("at most 1000"),
        "{stderr}"
    );
}

/// Opens a connection and sends the start of a request head, never its end.
fn trickle_start(port: u16) -> TcpStream {
    let mut c = TcpStream::connect(("127.0.0.1", port)).expect("a connection");
    c.write_all(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: localhost\r\n")
        .expect("the first line");
    c
}

#[test]
fn slow_clients_are_cut_at_the_head_deadline_and_lock_no_one_out() {
    let s = Server::start(&[]);
    let before = resident_kib(&s);
    let mut slow: Vec<TcpStream> = (0..200).map(|_| trickle_start(s.port)).collect();
    // One header line a second from each: an idle timeout alone would keep
    // them all open for ever; the head deadline (10 s) cuts them.
    let started = Instant::now();
    let mut cut = vec![false; slow.len()];
    while started.elapsed() < Duration::from_secs(14) && cut.iter().any(|c| !c) {
        for (i, c) in slow.iter_mut().enumerate() {
            if !cut[i] && c.write_all(b"X-Slow: 1\r\n").is_err() {
                cut[i] = true;
            }
        }
        answers_promptly(&s);
        thread::sleep(Duration::from_millis(1000));
    }
    // A cut connection has an answer (408) or is closed: reading ends.
    for (i, c) in slow.iter_mut().enumerate() {
        c.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
        let mut answer = Vec::new();
        let read = c.read_to_end(&mut answer);
        let open = matches!(&read, Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut));
        assert!(
            !open,
            "connection {i} is still open after {:?}",
            started.elapsed()
        );
        if !answer.is_empty() {
            let text = String::from_utf8_lossy(&answer);
            assert!(text.starts_with("HTTP/1.1 408"), "{text}");
            assert!(text.contains("application/json"), "{text}");
        }
    }
    assert!(
        started.elapsed() < Duration::from_secs(16),
        "slow clients held on for {:?}",
        started.elapsed()
    );
    answers_promptly(&s);
    let after = resident_kib(&s);
    assert!(
        after < before + 64 * 1024,
        "memory grew from {before} KiB to {after} KiB"
    );
}

#[test]
fn a_trickled_body_is_cut_at_the_time_limit() {
    let s = Server::start(&["--timeout", "2"]);
    let mut c = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    c.write_all(b"POST /sparql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK")
        .unwrap();
    let started = Instant::now();
    c.set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    let mut answer = Vec::new();
    // One byte every 300 ms: never idle, but never done.
    while started.elapsed() < Duration::from_secs(8) {
        let _ = c.write_all(b" ");
        let mut buf = [0u8; 4096];
        match c.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                answer.extend_from_slice(&buf[..n]);
                break;
            }
            Err(_) => {}
        }
    }
    let text = String::from_utf8_lossy(&answer);
    assert!(
        text.starts_with("HTTP/1.1 408"),
        "after {:?}: {text:?}",
        started.elapsed()
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    answers_promptly(&s);
}

#[test]
fn two_requests_in_one_packet_get_two_answers() {
    let s = Server::start(&[]);
    let mut c = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    let one = "GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: localhost\r\nAccept: text/csv\r\n\r\n";
    let two = "GET /sparql?query=ASK%7BFILTER(false)%7D HTTP/1.1\r\nHost: localhost\r\nAccept: text/csv\r\nConnection: close\r\n\r\n";
    c.write_all(format!("{one}{two}").as_bytes()).unwrap();
    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut answer = String::new();
    c.read_to_string(&mut answer).unwrap();
    assert_eq!(answer.matches("HTTP/1.1 200").count(), 2, "{answer}");
    let true_at = answer.find("true").expect("the first answer");
    let false_at = answer.find("false").expect("the second answer");
    assert!(true_at < false_at, "{answer}");
}

#[test]
fn exists_does_not_hide_a_refused_service() {
    let s = Server::start(&[]);
    for query in [
        "ASK { FILTER EXISTS { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } }",
        "ASK { FILTER NOT EXISTS { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } }",
        "SELECT ?x { BIND(EXISTS { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } AS ?x) }",
        "SELECT * { ?s ?p ?o OPTIONAL { ?s ?p ?x FILTER EXISTS { SERVICE <http://127.0.0.1:9/sparql> { ?x ?p ?o } } } } LIMIT 1",
    ] {
        let (code, _, body) = s.curl(
            "/sparql",
            &["-G", "--data-urlencode", &format!("query={query}")],
        );
        assert_eq!(
            (code, json(&body)["error"].as_str()),
            (403, Some("service-disabled")),
            "{query}: {body}"
        );
    }
}

#[test]
fn an_update_by_get_is_400_and_writes_nothing() {
    let s = Server::start(&["--allow-update", "--token", TOKEN]);
    let (code, _, body) = s.curl(
        "/sparql",
        &[
            "-G",
            "-H",
            &format!("Authorization: Bearer {TOKEN}"),
            "--data-urlencode",
            "update=CLEAR ALL",
        ],
    );
    assert_eq!(
        (code, json(&body)["error"].as_str()),
        (400, Some("protocol")),
        "{body}"
    );
    let (code, _, body) = s.curl(
        "/sparql",
        &[
            "-G",
            "--data-urlencode",
            "query=ASK { GRAPH ?g { ?s ?p ?o } }",
            "-H",
            "Accept: text/csv",
        ],
    );
    assert_eq!((code, body.trim()), (200, "true"));
}

#[test]
fn the_bearer_scheme_is_case_insensitive() {
    let s = Server::start(&["--allow-update", "--token", TOKEN]);
    for scheme in ["bearer", "BEARER", "Bearer"] {
        let (code, _, body) = s.curl(
            "/sparql",
            &[
                "-H",
                &format!("Authorization: {scheme} {TOKEN}"),
                "-H",
                "Content-Type: application/sparql-update",
                "--data-binary",
                "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> 1 } }",
            ],
        );
        assert_eq!(code, 200, "{scheme}: {body}");
    }
    let (code, _, _) = s.curl(
        "/sparql",
        &[
            "-H",
            &format!("Authorization: Basic {TOKEN}"),
            "-H",
            "Content-Type: application/sparql-update",
            "--data-binary",
            "CLEAR ALL",
        ],
    );
    assert_eq!(code, 401);
}

#[test]
fn an_update_s_syntax_error_is_said_in_words() {
    let s = Server::start(&["--allow-update", "--token", TOKEN]);
    let (code, _, body) = s.curl(
        "/sparql",
        &[
            "-H",
            &format!("Authorization: Bearer {TOKEN}"),
            "-H",
            "Content-Type: application/sparql-update",
            "--data-binary",
            "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> } }",
        ],
    );
    let message = json(&body)["message"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        (code, json(&body)["error"].as_str()),
        (400, Some("syntax")),
        "{body}"
    );
    assert!(message.contains("at line 1, column"), "{message}");
    assert!(!message.contains("error at 1:"), "{message}");
}

#[test]
fn a_query_s_syntax_error_is_said_in_words_as_query_says_it() {
    let s = Server::start(&[]);
    let text = "SELECT * WHERE { ?s ?p ?o } LIMIT five";
    let (code, _, body) = s.curl(
        "/sparql",
        &["-G", "--data-urlencode", &format!("query={text}")],
    );
    assert_eq!(
        (code, json(&body)["error"].as_str()),
        (400, Some("syntax")),
        "{body}"
    );
    let message = json(&body)["message"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let cli = argmap().args(["query", "--sparql", text]).output().unwrap();
    let said = String::from_utf8_lossy(&cli.stderr).to_string();
    // `--sparql:1:35: error: SPARQL syntax error: WHAT`: the same words, and place, from both.
    let line = said
        .lines()
        .find(|l| l.contains("SPARQL syntax error"))
        .unwrap_or_default();
    let (place, what) = line
        .split_once(": error: ")
        .expect("file:line:col: error: what");
    let column = place.rsplit(':').next().unwrap();
    assert!(
        message.starts_with(what),
        "server: {message}\nquery: {said}"
    );
    assert!(
        message.contains(&format!("at line 1, column {column}")),
        "{message}"
    );
    assert!(
        !message.contains("expected [") && !message.contains("error at 1:"),
        "{message}"
    );
}

#[test]
fn only_the_bound_host_names_are_answered_and_cors_is_opt_in() {
    let s = Server::start(&[]);
    fn with<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec!["-G", "--data-urlencode", "query=ASK {}"];
        args.extend_from_slice(extra);
        args
    }
    let (code, _, body) = s.curl("/sparql", &with(&["-H", "Host: rebound.example"]));
    assert_eq!(
        (code, json(&body)["error"].as_str()),
        (403, Some("host")),
        "{body}"
    );
    for host in [
        "localhost",
        &format!("localhost:{}", s.port),
        &format!("127.0.0.1:{}", s.port),
    ] {
        let (code, _, _) = s.curl("/sparql", &with(&["-H", &format!("Host: {host}")]));
        assert_eq!(code, 200, "{host}");
    }
    // No CORS header unless asked for.
    let headers = |server: &Server, extra: &[&str]| {
        let out = std::process::Command::new("curl")
            .args(["-sS", "-o", "/dev/null", "-D", "-"])
            .args(extra)
            .arg(server.url("/sparql?query=ASK%7B%7D"))
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_lowercase()
    };
    let plain = headers(&s, &["-H", "Origin: https://page.example"]);
    assert!(!plain.contains("access-control-allow-origin"), "{plain}");
    let allowed = Server::start(&[
        "--cors",
        "https://page.example",
        "--allow-host",
        "argmap.internal",
    ]);
    let got = headers(&allowed, &["-H", "Origin: https://page.example"]);
    assert!(
        got.contains("access-control-allow-origin: https://page.example"),
        "{got}"
    );
    let other = headers(&allowed, &["-H", "Origin: https://elsewhere.example"]);
    assert!(!other.contains("access-control-allow-origin"), "{other}");
    let preflight = headers(
        &allowed,
        &[
            "-X",
            "OPTIONS",
            "-H",
            "Origin: https://page.example",
            "-H",
            "Access-Control-Request-Method: POST",
        ],
    );
    assert!(preflight.starts_with("http/1.1 200"), "{preflight}");
    assert!(
        preflight.contains("access-control-allow-methods"),
        "{preflight}"
    );
    let (code, _, _) = allowed.curl("/sparql", &with(&["-H", "Host: argmap.internal"]));
    assert_eq!(code, 200);
}

/// Whether the server at `s` holds the bundled brief's graph.
fn holds_brief(s: &Server) -> bool {
    let (code, _, body) = s.curl(
        "/sparql",
        &[
            "-G",
            "-H",
            "Accept: text/csv",
            "--data-urlencode",
            &format!("query=ASK {{ GRAPH <{}> {{ ?s ?p ?o }} }}", super::GRAPH),
        ],
    );
    assert_eq!(code, 200, "{body}");
    body.trim() == "true"
}

#[test]
fn a_read_only_server_follows_the_store_s_writes() {
    let store = crate::common::TempStore::with_seed();
    let s = Server::on(&store.path(), &[]);
    assert!(holds_brief(&s));
    store.ok(&["drop", "kinu-co-17-32"]);
    assert!(!holds_brief(&s), "the dropped brief is still served");
    store.ok(&["load", crate::common::seed_dir().to_str().unwrap()]);
    assert!(holds_brief(&s), "the loaded brief is not served");
}

#[test]
fn a_backup_during_updates_holds_every_completed_one() {
    let store = crate::common::TempStore::with_seed();
    let s = Server::on(&store.path(), &["--allow-update", "--token", TOKEN]);
    let auth = format!("Authorization: Bearer {TOKEN}");
    let backups = tempfile::tempdir().unwrap();
    for n in 1..=60 {
        let insert = format!("INSERT DATA {{ GRAPH <urn:stream> {{ <urn:s{n}> <urn:p> {n} }} }}");
        let (code, _, body) = s.curl(
            "/sparql",
            &[
                "-H",
                &auth,
                "-H",
                "Content-Type: application/sparql-update",
                "--data-binary",
                &insert,
            ],
        );
        assert_eq!(code, 200, "{body}");
        if n % 20 == 0 {
            let target = backups.path().join(format!("b{n}"));
            store.ok(&["backup", target.to_str().unwrap()]);
            let out = argmap()
                .arg("--store")
                .arg(&target)
                .args([
                    "query",
                    "--format",
                    "csv",
                    "--sparql",
                    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:stream> { ?s ?p ?o } }",
                ])
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout);
            assert_eq!(
                text.lines().nth(1),
                Some(n.to_string().as_str()),
                "backup after {n} updates: {text}"
            );
        }
    }
}
