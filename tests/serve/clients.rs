//! `argmap serve` driven by real clients: SPARQLWrapper and rdflib, headless Chromium, an update-isolation check and a load test (the Python scripts beside this file).

use std::path::PathBuf;
use std::process::Command;

use super::{GRAPH, TOKEN, python};
use crate::common::root;
use crate::servers::ArgmapServer as Server;

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
    assert!(dom.contains("Rights: ©KINU 2017"), "{dom}");
    // The query typed in, run, its rows in a table.
    assert!(dom.contains("<td>forty-two</td>"), "{dom}");
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
            &s.url("/sparql"),
            query.to_str().unwrap(),
            "100",
            "--requests",
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
