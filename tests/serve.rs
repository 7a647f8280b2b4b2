//! `argmap serve` with real clients: curl, SPARQLWrapper and rdflib, headless Chromium, and one
//! test per safety rule. Each test starts the server on a free loopback port and stops it.
//!
//! This file holds the SPARQL 1.1 Protocol, the Graph Store Protocol and the app's endpoints, as
//! curl sees them; `serve/limits.rs` has one test per limit, `serve/attacks.rs` the attacks
//! of a hostile client, and `serve/clients.rs` the clients
//! in other languages (the scripts beside it) and the browser.

mod attacks;
mod clients;
mod limits;
mod runaway;

use std::process::{Command, Output};

use crate::common::{TempStore, root};
use crate::servers::ArgmapServer as Server;

const GRAPH: &str = "https://w3id.org/argmap/kb/graph/kinu-co-17-32";
const TOKEN: &str = "test-token-7c1f";

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
