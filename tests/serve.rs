//! `argmap serve` with real clients: curl, SPARQLWrapper and rdflib, headless Chromium, and one
//! test per safety rule. Each test starts the server on a free loopback port and stops it.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::common::{TempStore, root};

const GRAPH: &str = "https://w3id.org/argmap/kb/graph/kinu-co-17-32";
const TOKEN: &str = "test-token-7c1f";

/// A running `argmap serve`, killed when dropped.
pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) port: u16,
    _store: TempStore,
}

impl Server {
    /// Serves a fresh store holding the bundled brief, with `args` added.
    pub(crate) fn start(args: &[&str]) -> Server {
        let store = TempStore::with_seed();
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let bin = assert_cmd::cargo::cargo_bin("argmap");
        let child = Command::new(bin)
            .arg("--store")
            .arg(store.path())
            .args(["serve", "--quiet", "--bind", &format!("127.0.0.1:{port}")])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .spawn()
            .expect("argmap serve starts");
        let server = Server {
            child,
            port,
            _store: store,
        };
        let until = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < until,
                "the server did not listen within 20 s"
            );
            thread::sleep(Duration::from_millis(50));
        }
        server
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Runs curl with `args` and the URL of `path`; returns (status, content type, body).
    fn curl(&self, path: &str, args: &[&str]) -> (u16, String, String) {
        let out = Command::new("curl")
            .args([
                "-sS",
                "--max-time",
                "60",
                "-o",
                "-",
                "-w",
                "\n%{http_code} %{content_type}",
            ])
            .args(args)
            .arg(self.url(path))
            .output()
            .expect("curl runs (scripts/setup.sh --tests installs it)");
        assert!(
            out.status.success(),
            "curl failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        let (body, last) = text.rsplit_once('\n').expect("curl's status line");
        let (code, media) = last.split_once(' ').unwrap_or((last, ""));
        (
            code.parse().expect("a status"),
            media.to_string(),
            body.to_string(),
        )
    }

    /// Whether the process is still running (a stack overflow would have killed it).
    fn alive(&mut self) -> bool {
        self.child.try_wait().expect("the child's state").is_none()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn python(script: &str, args: &[&str]) -> Output {
    let out = Command::new("python3")
        .arg(root().join("tests/serve").join(script))
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{script} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn hypotheses_query() -> String {
    format!(
        "PREFIX arg: <https://w3id.org/argmap/ns#> SELECT ?key WHERE {{ GRAPH <{GRAPH}> {{ ?h a arg:Hypothesis ; arg:key ?key }} }} ORDER BY ?key"
    )
}

/// Rows of each VALUES table of [`slow_query`]: ROWS⁴ solutions to count.
const ROWS: u64 = 70;

/// A query over VALUES alone that takes seconds: oxigraph never checks its
/// cancellation token there, so only the server's own deadline stops it.
fn slow_query() -> String {
    let v: Vec<String> = (1..=ROWS).map(|i| i.to_string()).collect();
    let v = v.join(" ");
    format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {v} }} VALUES ?b {{ {v} }} VALUES ?c {{ {v} }} VALUES ?d {{ {v} }} }}"
    )
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

#[test]
fn the_protocol_with_curl() {
    let s = Server::start(&[]);
    let q = hypotheses_query();
    // GET, form POST and direct POST give the same rows.
    let (code, media, get) = s.curl(
        "/sparql",
        &[
            "-G",
            "--data-urlencode",
            &format!("query={q}"),
            "-H",
            "Accept: text/csv",
        ],
    );
    assert_eq!((code, media.as_str()), (200, "text/csv"));
    assert_eq!(
        get.lines().collect::<Vec<_>>(),
        [
            "key",
            "buffer-zone",
            "circumvent-beijing-moscow",
            "humanitarian-frame",
            "un-as-channel"
        ]
    );
    let (_, _, form) = s.curl(
        "/sparql",
        &[
            "--data-urlencode",
            &format!("query={q}"),
            "-H",
            "Accept: text/csv",
        ],
    );
    let (_, _, direct) = s.curl(
        "/sparql",
        &[
            "-H",
            "Content-Type: application/sparql-query",
            "--data-binary",
            &q,
            "-H",
            "Accept: text/csv",
        ],
    );
    assert_eq!((&get, &get), (&form, &direct));
    // Every results format, by the Accept header; JSON by default.
    for (accept, media, needle) in [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
            "\"bindings\"",
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            "<sparql",
        ),
        (
            "text/tab-separated-values",
            "text/tab-separated-values",
            "?key\n\"buffer-zone",
        ),
        ("*/*", "application/sparql-results+json", "\"bindings\""),
    ] {
        let (code, got, body) = s.curl(
            "/sparql",
            &[
                "--data-urlencode",
                &format!("query={q}"),
                "-H",
                &format!("Accept: {accept}"),
            ],
        );
        assert_eq!((code, got.as_str()), (200, media), "{accept}");
        assert!(body.contains(needle), "{accept}: {body}");
    }
    let (code, _, body) = s.curl(
        "/sparql",
        &[
            "-G",
            "--data-urlencode",
            "query=ASK { GRAPH ?g { ?s ?p ?o } }",
        ],
    );
    assert_eq!(code, 200);
    assert_eq!(json(&body)["boolean"], true);
    let (code, _, _) = s.curl(
        "/sparql",
        &[
            "-G",
            "--data-urlencode",
            &format!("query={q}"),
            "-H",
            "Accept: image/png",
        ],
    );
    assert_eq!(code, 406);
    // CONSTRUCT in every graph format.
    let construct = format!(
        "CONSTRUCT {{ ?h <urn:key> ?key }} WHERE {{ GRAPH <{GRAPH}> {{ ?h a <https://w3id.org/argmap/ns#Hypothesis> ; <https://w3id.org/argmap/ns#key> ?key }} }}"
    );
    for (accept, needle) in [
        ("text/turtle", "<urn:key> \"buffer-zone\""),
        ("application/n-triples", "<urn:key> \"buffer-zone\" ."),
        ("application/rdf+xml", "<rdf:RDF"),
        ("application/ld+json", "\"urn:key\""),
    ] {
        let (code, media, body) = s.curl(
            "/sparql",
            &[
                "--data-urlencode",
                &format!("query={construct}"),
                "-H",
                &format!("Accept: {accept}"),
            ],
        );
        assert_eq!((code, media.as_str()), (200, accept));
        assert!(body.contains(needle), "{accept}: {body}");
    }
    // default-graph-uri makes the brief's graph the default graph; named-graph-uri limits GRAPH ?g.
    let (_, _, body) = s.curl(
        "/sparql",
        &[
            "-G",
            "--data-urlencode",
            "query=SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/argmap/ns#Hypothesis> }",
            "--data-urlencode",
            &format!("default-graph-uri={GRAPH}"),
            "-H",
            "Accept: text/csv",
        ],
    );
    assert_eq!(body.lines().nth(1), Some("4"));
    let (_, _, body) = s.curl(
        "/sparql",
        &[
            "-G",
            "--data-urlencode",
            "query=SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
            "--data-urlencode",
            &format!("named-graph-uri={GRAPH}"),
            "-H",
            "Accept: text/csv",
        ],
    );
    assert_eq!(body.lines().collect::<Vec<_>>(), ["g", GRAPH]);
    // The service description, and the Graph Store Protocol for reading.
    let (code, media, body) = s.curl("/sparql", &[]);
    assert_eq!((code, media.as_str()), (200, "text/turtle"));
    assert!(
        body.contains("sparql-service-description#Service") || body.contains("sd:Service"),
        "{body}"
    );
    let (code, media, body) = s.curl(
        &format!("/store?graph={GRAPH}"),
        &["-H", "Accept: application/n-triples"],
    );
    assert_eq!((code, media.as_str()), (200, "application/n-triples"));
    assert!(
        body.lines().count() > 1000 && body.contains("\"buffer-zone\""),
        "{body}"
    );
    let (code, _, body) = s.curl("/store?default", &[]);
    assert_eq!((code, body.trim()), (200, ""));
    let (code, _, _) = s.curl("/store?graph=http://example.org/none", &[]);
    assert_eq!(code, 404);
    let (code, _, body) = s.curl(
        "/sparql",
        &["-G", "--data-urlencode", "query=SELECT * WHERE {"],
    );
    assert_eq!(code, 400);
    assert_eq!(json(&body)["error"], "syntax");
}

#[test]
fn python_clients() {
    let s = Server::start(&[]);
    let out = python("clients.py", &[&s.url("/sparql"), GRAPH]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("clients: ok"));
}

#[test]
fn the_page_in_chromium() {
    let s = Server::start(&[]);
    let profile = tempfile::tempdir().expect("a profile folder");
    let query = "SELECT ?answer WHERE { BIND(\"forty-two\" AS ?answer) }";
    let url = format!(
        "{}?brief=kinu-co-17-32&hypothesis=buffer-zone&query={}",
        s.url("/"),
        form_urlencoded::byte_serialize(query.as_bytes()).collect::<String>()
    );
    let out = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .expect("chromium runs (scripts/setup.sh --tests installs it)");
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The briefs and hypotheses, listed from /briefs.
    assert!(
        dom.contains("data-hypothesis=\"circumvent-beijing-moscow\""),
        "{dom}"
    );
    // The trace of the hypothesis in the address.
    assert!(
        dom.contains("Hypothesis buffer-zone") || dom.contains("buffer-zone:"),
        "{dom}"
    );
    assert!(dom.contains("Rights: © KINU 2017"), "{dom}");
    // The query typed in, run, its rows in a table.
    assert!(dom.contains("<td>forty-two</td>"), "{dom}");
}

#[test]
fn updates_need_the_flag_and_the_token() {
    let insert = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> 1 } }";
    let read_only = Server::start(&[]);
    let (code, _, body) = read_only.curl(
        "/sparql",
        &[
            "-H",
            "Content-Type: application/sparql-update",
            "-H",
            &format!("Authorization: Bearer {TOKEN}"),
            "--data-binary",
            insert,
        ],
    );
    assert_eq!(
        (code, json(&body)["error"].as_str()),
        (403, Some("read-only"))
    );
    let (code, _, _) = read_only.curl(
        "/store?graph=http://example.org/g",
        &[
            "-X",
            "PUT",
            "-H",
            "Content-Type: text/turtle",
            "--data-binary",
            "<http://a> <http://b> <http://c> .",
        ],
    );
    assert_eq!(code, 403);
    drop(read_only);

    // --allow-update without a token is refused before any store is opened.
    let store = TempStore::new();
    let out = store.run(&["serve", "--allow-update", "--bind", "127.0.0.1:1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a bearer token"));
    assert!(!store.path().exists());

    let s = Server::start(&["--allow-update", "--token", TOKEN]);
    let (code, _, _) = s.curl(
        "/sparql",
        &[
            "-H",
            "Content-Type: application/sparql-update",
            "--data-binary",
            insert,
        ],
    );
    assert_eq!(code, 401);
    let (code, _, _) = s.curl(
        "/sparql",
        &[
            "-H",
            "Content-Type: application/sparql-update",
            "-H",
            "Authorization: Bearer wrong",
            "--data-binary",
            insert,
        ],
    );
    assert_eq!(code, 403);
    let (code, _, _) = s.curl(
        "/sparql",
        &[
            "-H",
            "Authorization: Bearer wrong",
            "--data-urlencode",
            &format!("update={insert}"),
        ],
    );
    assert_eq!(code, 403);
    let (code, _, body) = s.curl(
        "/sparql",
        &[
            "-H",
            "Content-Type: application/sparql-update",
            "-H",
            &format!("Authorization: Bearer {TOKEN}"),
            "--data-binary",
            insert,
        ],
    );
    assert_eq!(code, 200, "{body}");
    let (_, _, body) = s.curl(
        "/store?graph=http://example.org/g",
        &["-H", "Accept: application/n-triples"],
    );
    assert!(body.contains("<http://example.org/s> <http://example.org/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> ."), "{body}");
    // Graph Store writes: PUT replaces, DELETE removes.
    let (code, _, _) = s.curl(
        "/store?graph=http://example.org/g",
        &[
            "-X",
            "PUT",
            "-H",
            &format!("Authorization: Bearer {TOKEN}"),
            "-H",
            "Content-Type: text/turtle",
            "--data-binary",
            "<http://a> <http://b> <http://c> .",
        ],
    );
    assert_eq!(code, 200);
    let (_, _, body) = s.curl(
        "/store?graph=http://example.org/g",
        &["-H", "Accept: application/n-triples"],
    );
    assert_eq!(body.trim(), "<http://a> <http://b> <http://c> .");
    let (code, _, _) = s.curl(
        "/store?graph=http://example.org/g",
        &[
            "-X",
            "DELETE",
            "-H",
            &format!("Authorization: Bearer {TOKEN}"),
        ],
    );
    assert_eq!(code, 200);
    let (code, _, _) = s.curl("/store?graph=http://example.org/g", &[]);
    assert_eq!(code, 404);
}

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

#[test]
fn a_query_during_updates_sees_before_or_after_never_a_mix() {
    let s = Server::start(&["--allow-update", "--token", TOKEN]);
    let out = python(
        "isolation.py",
        &["127.0.0.1", &s.port.to_string(), TOKEN, "40"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("0 problems"), "{text}");
}

#[test]
fn a_hundred_concurrent_clients_get_correct_answers() {
    let s = Server::start(&[]);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let query: PathBuf = dir.path().join("trace.rq");
    std::fs::write(&query, trace_query()).expect("write the query");
    let out = python(
        "load.py",
        &[
            "127.0.0.1",
            &s.port.to_string(),
            query.to_str().unwrap(),
            "100",
            "5",
        ],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("500 answers, 0 errors"), "{text}");
}

/// The trace's edge query with the brief's graph bound by a trailing VALUES.
fn trace_query() -> String {
    let text = std::fs::read_to_string(root().join("queries/trace-edges.rq")).expect("the query");
    format!("{text}\nVALUES ?graph {{ <{GRAPH}> }}\n")
}

#[test]
fn the_trace_endpoint() {
    let s = Server::start(&[]);
    let (code, media, body) = s.curl("/trace?brief=kinu-co-17-32&hypothesis=buffer-zone", &[]);
    assert_eq!((code, media.as_str()), (200, "application/json"));
    assert_eq!(
        json(&body)["briefs"][0]["hypotheses"][0]["key"],
        "buffer-zone"
    );
    let (code, _, _) = s.curl("/trace?brief=nope", &[]);
    assert_eq!(code, 404);
}
