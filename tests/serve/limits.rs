//! `argmap serve`'s limits, one test each: time, rows, body size, nesting, LOAD and SERVICE, and the bounded queue.

use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use super::{GRAPH, ROWS, TOKEN, json, slow_query};
use crate::servers::ArgmapServer as Server;

#[test]
fn a_query_past_its_time_limit_gets_503_and_a_json_error() {
    let s = Server::start(&["--timeout", "0.5"]);
    let started = Instant::now();
    let (code, media, body) = s.curl(
        "/sparql",
        &["--data-urlencode", &format!("query={}", slow_query())],
    );
    let took = started.elapsed();
    assert_eq!((code, media.as_str()), (503, "application/json"), "{body}");
    assert_eq!(json(&body)["error"], "timeout");
    assert!(took < Duration::from_secs(5), "answered after {took:?}");
}

#[test]
fn a_result_over_the_row_cap_is_an_error_not_a_cut() {
    let s = Server::start(&["--max-rows", "10"]);
    let q = format!("SELECT ?s ?p ?o WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}");
    let (code, media, body) = s.curl("/sparql", &["--data-urlencode", &format!("query={q}")]);
    assert_eq!((code, media.as_str()), (400, "application/json"));
    assert_eq!(json(&body)["error"], "too-many-rows");
    let (code, _, body) = s.curl(&format!("/store?graph={GRAPH}"), &[]);
    assert_eq!(
        (code, json(&body)["error"].as_str()),
        (400, Some("too-many-rows"))
    );
    let (code, _, _) = s.curl(
        "/sparql",
        &["--data-urlencode", &format!("query={q} LIMIT 10")],
    );
    assert_eq!(code, 200);
}

#[test]
fn a_body_over_the_cap_gets_413() {
    let s = Server::start(&["--max-body", "1000"]);
    let big = format!("SELECT * WHERE {{ ?s ?p ?o }} # {}", "x".repeat(2000));
    let (code, _, body) = s.curl(
        "/sparql",
        &[
            "-H",
            "Content-Type: application/sparql-query",
            "--data-binary",
            &big,
        ],
    );
    assert_eq!(
        (code, json(&body)["error"].as_str()),
        (413, Some("too-large"))
    );
    let (code, _, _) = s.curl(
        "/sparql",
        &[
            "-H",
            "Content-Type: application/sparql-query",
            "--data-binary",
            "ASK {}",
        ],
    );
    assert_eq!(code, 200);
}

#[test]
fn a_query_nested_too_deep_gets_400_before_parsing() {
    let mut s = Server::start(&[]);
    // 10,000 levels would overflow the parser's stack and kill the process.
    let deep = format!(
        "SELECT * WHERE {}{}",
        "{".repeat(10_000),
        "}".repeat(10_000)
    );
    let (code, _, body) = s.curl(
        "/sparql",
        &[
            "-H",
            "Content-Type: application/sparql-query",
            "--data-binary",
            &deep,
        ],
    );
    assert_eq!(
        (code, json(&body)["error"].as_str()),
        (400, Some("too-deep"))
    );
    let deep = format!(
        "ASK {{ FILTER({}1{}) }}",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let (code, _, _) = s.curl(
        "/sparql",
        &[
            "-H",
            "Content-Type: application/sparql-query",
            "--data-binary",
            &deep,
        ],
    );
    assert_eq!(code, 400);
    // A run of prefix operators recurses in the parser as deeply as brackets do.
    let deep = format!("ASK {{ FILTER({}true) }}", "!".repeat(100_000));
    let (code, _, _) = s.curl(
        "/sparql",
        &[
            "-H",
            "Content-Type: application/sparql-query",
            "--data-binary",
            &deep,
        ],
    );
    assert_eq!(code, 400);
    assert!(s.alive());
    let (code, _, _) = s.curl("/sparql", &["-G", "--data-urlencode", "query=ASK {}"]);
    assert_eq!(code, 200);
}

#[test]
fn load_and_service_are_refused_unless_enabled() {
    let s = Server::start(&["--allow-update", "--token", TOKEN]);
    let auth = format!("Authorization: Bearer {TOKEN}");
    for target in ["file:///etc/passwd", "http://127.0.0.1:9/data.ttl"] {
        let (code, _, body) = s.curl(
            "/sparql",
            &[
                "-H",
                &auth,
                "-H",
                "Content-Type: application/sparql-update",
                "--data-binary",
                &format!("LOAD <{target}>"),
            ],
        );
        assert_eq!(
            (code, json(&body)["error"].as_str()),
            (403, Some("refused")),
            "{body}"
        );
    }
    let service = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }";
    let (code, _, body) = s.curl(
        "/sparql",
        &["--data-urlencode", &format!("query={service}")],
    );
    assert_eq!(code, 403, "{body}");
    assert_eq!(json(&body)["error"], "service-disabled");
}

#[test]
fn excess_requests_wait_in_a_bounded_queue_then_get_503() {
    let s = Server::start(&["--max-concurrent", "1", "--queue", "1", "--timeout", "60"]);
    let slow = slow_query();
    let url = s.url("/sparql");
    let spawn = |delay: u64| {
        let (url, slow) = (url.clone(), slow.clone());
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(delay));
            let out = Command::new("curl")
                .args([
                    "-sS",
                    "--max-time",
                    "60",
                    "-w",
                    "\n%{http_code}",
                    "--data-urlencode",
                ])
                .arg(format!("query={slow}"))
                .arg(url)
                .output()
                .expect("curl runs");
            String::from_utf8_lossy(&out.stdout).to_string()
        })
    };
    // Three clients a little apart: one runs, one waits, one finds the
    // queue full. Which is which is up to the scheduler on a busy machine.
    let clients = [spawn(0), spawn(300), spawn(600)];
    let answers: Vec<String> = clients.into_iter().map(|c| c.join().unwrap()).collect();
    let refused = answers
        .iter()
        .filter(|a| a.ends_with("\n503") && a.contains("\"busy\""))
        .count();
    let answered = answers
        .iter()
        .filter(|a| a.ends_with("\n200") && a.contains(&(ROWS * ROWS * ROWS * ROWS).to_string()))
        .count();
    assert_eq!((refused, answered), (1, 2), "{answers:#?}");
}
