//! Links to other knowledge bases: `argmap link` against a dataset with decoys, against a local endpoint, link imports, and SERVICE in `query`.
//!
//! `tests/data/link/decoys.ttl` holds true matches of the bundled brief's
//! actors in other spellings beside near-homonyms, namesakes of another type
//! and a second namesake; `truth.tsv` lists the right pairs. The endpoint
//! tests serve a store with `argmap serve` on a free loopback port.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TempStore, root};
use crate::servers::{ArgmapServer, Process, SparqlServer, free_port};

fn data(name: &str) -> PathBuf {
    root().join("tests/data/link").join(name)
}

fn truth() -> BTreeSet<(String, String)> {
    std::fs::read_to_string(data("truth.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (a, b) = l.split_once('\t').unwrap();
            (a.to_string(), b.to_string())
        })
        .collect()
}

/// The (entity, candidate) pairs a JSON table marks `decision`.
fn pairs(json: &str, decision: &str) -> BTreeSet<(String, String)> {
    let rows: serde_json::Value = serde_json::from_str(json).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .filter(|r| r["decision"] == decision)
        .map(|r| {
            (
                r["entity"].as_str().unwrap().to_string(),
                r["candidate"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const KJU: &str = "https://w3id.org/argmap/kb/actor/kim-jong-un";

#[test]
fn reconciliation_against_decoys_is_precise_and_reports_what_it_does_not_link() {
    let store = TempStore::with_seed();
    let json = store.ok(&[
        "link",
        "--with",
        data("decoys.ttl").to_str().unwrap(),
        "--dry-run",
        "--format",
        "json",
    ]);
    let linked = pairs(&json, "linked");
    let truth = truth();
    let right = linked.intersection(&truth).count() as f64;
    let precision = right / linked.len() as f64;
    let recall = right / truth.len() as f64;
    // Measured: precision 1.000, recall 0.941 (16 of 17; the 17th, Song Tao,
    // has a namesake in the dataset and is reported as ambiguous).
    eprintln!(
        "link --with decoys.ttl: precision {precision:.3}, recall {recall:.3} ({} linked, {} true)",
        linked.len(),
        truth.len()
    );
    assert_eq!(
        precision,
        1.0,
        "wrong links: {:?}",
        linked.difference(&truth)
    );
    assert!(recall >= 0.94, "missed: {:?}", truth.difference(&linked));

    // Never Kim Jong-il for Kim Jong-un: a near miss, reported.
    let kji = (
        KJU.to_string(),
        "http://example.org/kb/kim-jong-il".to_string(),
    );
    assert!(pairs(&json, "near-miss").contains(&kji), "{json}");
    // A person never matches an organisation of the same name.
    let tillerson = (
        "https://w3id.org/argmap/kb/actor/tillerson".to_string(),
        "http://example.org/kb/tillerson-company".to_string(),
    );
    assert!(pairs(&json, "type-mismatch").contains(&tillerson));
    // Two people called Song Tao: both reported, neither linked.
    let ambiguous = pairs(&json, "ambiguous");
    assert_eq!(
        ambiguous
            .iter()
            .filter(|(e, _)| e.ends_with("/song-tao"))
            .count(),
        2
    );
    // A dry run writes nothing.
    let graphs = store.ok(&[
        "query",
        "--sparql",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a <https://w3id.org/argmap/ns#Link> } }",
        "--format",
        "csv",
    ]);
    assert!(graphs.ends_with("\r\n0\r\n"), "{graphs}");
    // The table says the same in text.
    let table = store.ok(&[
        "link",
        "--with",
        data("decoys.ttl").to_str().unwrap(),
        "--dry-run",
    ]);
    assert!(table.contains("Kim Jong-il"), "{table}");
    assert!(table.contains("near-miss"), "{table}");
}

#[test]
fn accepted_links_go_to_their_own_graph_with_provenance_and_a_rerun_replaces_it() {
    let store = TempStore::with_seed();
    let trace_before = store.ok(&["trace"]);
    for _ in 0..2 {
        store.ok(&[
            "link",
            "--with",
            data("decoys.ttl").to_str().unwrap(),
            "--min-score",
            "0.9",
        ]);
    }
    let graph = "https://w3id.org/argmap/kb/graph/links/reconciled/decoys-ttl";
    let rows = store.ok(&[
        "query",
        "--sparql",
        &format!(
            "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX arg: <https://w3id.org/argmap/ns#> \
             PREFIX skos: <http://www.w3.org/2004/02/skos/core#> \
             SELECT ?e ?t ?score ?dataset ?when WHERE {{ GRAPH <{graph}> {{ \
               ?e skos:exactMatch ?t . ?l arg:linkSubject ?e ; arg:linkTarget ?t ; arg:score ?score ; \
                  prov:wasGeneratedBy ?a . ?a a arg:Reconciliation ; prov:used ?dataset ; prov:endedAtTime ?when }} }} ORDER BY ?e"
        ),
        "--format",
        "csv",
    ]);
    let lines: Vec<&str> = rows.lines().skip(1).collect();
    // Replaced, not added to: one row per link after two runs.
    assert_eq!(lines.len(), 16, "{rows}");
    assert!(rows.contains(&format!("{KJU},http://example.org/kb/kim-jong-un,1")));
    assert!(rows.contains("https://w3id.org/argmap/kb/dataset/decoys-ttl"));
    // The brief's own graph is untouched.
    assert_eq!(store.ok(&["trace"]), trace_before);
    let turtle = store.ok(&[
        "query",
        "--sparql",
        &format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"),
    ]);
    let file = store.dir.path().join("links.ttl");
    std::fs::write(&file, turtle).unwrap();
    crate::common::assert_conforms(&file);
}

#[test]
fn imported_links_keep_apart_from_reconciled_and_written_ones() {
    let store = TempStore::with_seed();
    let file = store.dir.path().join("team.ttl");
    std::fs::write(
        &file,
        format!(
            "<{KJU}> <http://www.w3.org/2004/02/skos/core#exactMatch> <http://example.org/team/kju> .\n\
             <http://example.org/team/guterres> <http://www.w3.org/2002/07/owl#sameAs> <https://w3id.org/argmap/kb/actor/guterres> .\n\
             <http://example.org/elsewhere> <http://www.w3.org/2004/02/skos/core#exactMatch> <http://example.org/other> .\n"
        ),
    )
    .unwrap();
    store.ok(&["link", "--import", file.to_str().unwrap()]);
    let rows = store.ok(&[
        "query",
        "--sparql",
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?g ?e ?t WHERE { GRAPH ?g { ?e skos:exactMatch ?t } } ORDER BY ?g ?e",
        "--format",
        "csv",
    ]);
    let imported: Vec<&str> = rows
        .lines()
        .filter(|l| l.contains("/graph/links/imported/"))
        .collect();
    assert_eq!(imported.len(), 2, "{rows}");
    assert!(
        rows.contains("https://w3id.org/argmap/kb/actor/guterres,http://example.org/team/guterres")
    );
    assert!(!rows.contains("http://example.org/elsewhere"));
}

#[test]
fn reconciliation_against_an_endpoint_finds_what_the_file_finds() {
    let kb = SparqlServer::oxigraph_holding(&data("decoys.ttl"));
    let store = TempStore::with_seed();
    let from_file = store.ok(&[
        "link",
        "--with",
        data("decoys.ttl").to_str().unwrap(),
        "--dry-run",
        "--format",
        "json",
    ]);
    let from_endpoint = store.ok(&[
        "link",
        "--against-endpoint",
        &kb.query_url(),
        "--batch-size",
        "40",
        "--delay-ms",
        "0",
        "--dry-run",
        "--format",
        "json",
    ]);
    let endpoint_links = pairs(&from_endpoint, "linked");
    // An endpoint matches labels exactly, so it is asked for spellings of the
    // store's labels: the one the file finds and it cannot is "António
    // Guterres" (the store writes "Antonio": an accent cannot be guessed back).
    let file_links = pairs(&from_file, "linked");
    let missing: BTreeSet<String> = file_links
        .difference(&endpoint_links)
        .map(|(e, _)| e.rsplit('/').next().unwrap().to_string())
        .collect();
    assert_eq!(missing, BTreeSet::from(["guterres".to_string()]));
    assert!(endpoint_links.is_subset(&file_links));
    assert!(
        endpoint_links.contains(&(KJU.to_string(), "http://example.org/kb/kim-jong-un".into()))
    );
    assert!(
        !endpoint_links
            .iter()
            .any(|(_, t)| t.ends_with("kim-jong-il"))
    );
    // Written, the links name the endpoint as their dataset.
    store.ok(&[
        "link",
        "--against-endpoint",
        &kb.query_url(),
        "--delay-ms",
        "0",
    ]);
    let datasets = store.ok(&[
        "query",
        "--sparql",
        "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT DISTINCT ?d WHERE { GRAPH ?g { ?a prov:used ?d } }",
        "--format",
        "csv",
    ]);
    assert!(datasets.contains(&kb.query_url()), "{datasets}");
}

#[test]
fn endpoint_requests_come_in_batches_with_a_pause_and_name_argmap() {
    // A stand-in endpoint that records each request and answers with no rows.
    let (listener, port) = crate::servers::listener();
    let recorder = std::thread::spawn(move || {
        let mut seen: Vec<(Instant, String)> = Vec::new();
        listener
            .set_nonblocking(false)
            .expect("a blocking listener");
        for stream in listener.incoming() {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut head = String::new();
            let mut length = 0;
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                if line.to_ascii_lowercase().starts_with("content-length:") {
                    length = line[15..].trim().parse().unwrap();
                }
                head.push_str(&line);
                if line == "\r\n" || line.is_empty() {
                    break;
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let stop = head.starts_with("GET /stop");
            seen.push((Instant::now(), head));
            let answer = r#"{"head":{"vars":["entity","p","value"]},"results":{"bindings":[]}}"#;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                answer.len()
            );
            if stop {
                break;
            }
        }
        seen
    });
    let store = TempStore::with_seed();
    store.ok(&[
        "link",
        "--against-endpoint",
        &format!("http://127.0.0.1:{port}/sparql"),
        "--batch-size",
        "20",
        "--delay-ms",
        "150",
        "--dry-run",
    ]);
    let mut stop = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stop, "GET /stop HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut ignored = String::new();
    let _ = stop.read_to_string(&mut ignored);
    let seen = recorder.join().unwrap();
    let requests = &seen[..seen.len() - 1];
    assert!(requests.len() >= 2, "one batch only: {}", requests.len());
    for (_, head) in requests {
        let agent = head
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("user-agent:"))
            .unwrap_or_default();
        assert!(
            agent.contains(concat!("argmap/", env!("CARGO_PKG_VERSION"))),
            "{head}"
        );
    }
    for pair in requests.windows(2) {
        assert!(pair[1].0 - pair[0].0 >= Duration::from_millis(140));
    }
}

#[test]
fn service_in_query_joins_the_store_with_a_local_endpoint_through_the_links() {
    // A small Wikidata-shaped dataset: birth dates as wdt:P569 (invented
    // values, on made-up IRIs), for two linked people and one other.
    let kb_file = tempfile::NamedTempFile::with_suffix(".ttl").unwrap();
    std::fs::write(
        kb_file.path(),
        "@prefix wdt: <http://www.wikidata.org/prop/direct/> .\n\
         @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\
         <http://example.org/kb/kim-jong-un> wdt:P569 \"1901-02-03\"^^xsd:date .\n\
         <http://example.org/kb/tillerson> wdt:P569 \"1902-03-04\"^^xsd:date .\n\
         <http://example.org/kb/kim-jong-il> wdt:P569 \"1903-04-05\"^^xsd:date .\n",
    )
    .unwrap();
    let kb = SparqlServer::oxigraph_holding(kb_file.path());
    let store = TempStore::with_seed();
    store.ok(&["link", "--with", data("decoys.ttl").to_str().unwrap()]);
    let out = store.ok(&[
        "query",
        "linked-birth-dates",
        "--brief",
        "kinu-co-17-32",
        "--param",
        &format!("kb={}", kb.query_url()),
        "--format",
        "csv",
    ]);
    assert_eq!(
        out,
        "brief,actor,name,linked,born\r\n\
         kinu-co-17-32,kim-jong-un,Kim Jong-un,http://example.org/kb/kim-jong-un,1901-02-03\r\n\
         kinu-co-17-32,tillerson,Rex Tillerson,http://example.org/kb/tillerson,1902-03-04\r\n"
    );
    // --no-service refuses to call out.
    let refused = store.run(&[
        "query",
        "linked-birth-dates",
        "--brief",
        "kinu-co-17-32",
        "--param",
        &format!("kb={}", kb.query_url()),
        "--no-service",
    ]);
    assert!(!refused.status.success());
}

#[test]
fn serve_calls_out_with_service_only_when_allowed() {
    let kb = SparqlServer::oxigraph_holding(&data("decoys.ttl"));
    let store = TempStore::with_seed();
    let query = format!(
        "SELECT ?l WHERE {{ SERVICE <{}> {{ <http://example.org/kb/russia> <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}",
        kb.query_url()
    );
    for (flags, allowed) in [(&[][..], false), (&["--allow-service"][..], true)] {
        let server = ArgmapServer::on(&store.path(), flags);
        let (code, _, text) = server.curl(
            "/sparql",
            &[
                "-H",
                "Accept: text/csv",
                "--data-urlencode",
                &format!("query={query}"),
            ],
        );
        drop(server);
        if allowed {
            assert_eq!(code, 200, "{text}");
            assert!(text.contains("Russia"), "{text}");
        } else {
            assert_eq!(code, 403, "{text}");
        }
    }
}

#[test]
fn service_over_https_checks_the_certificate_against_the_webpki_roots() {
    // A local TLS server with a self-signed certificate: oxigraph's client
    // (rustls, webpki roots) must open TLS and refuse the certificate,
    // which no root in Mozilla's list signed.
    let dir = tempfile::tempdir().unwrap();
    let (key, cert) = (dir.path().join("key.pem"), dir.path().join("cert.pem"));
    let made = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        ])
        .args(["-subj", "/CN=127.0.0.1", "-keyout"])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl runs (scripts/setup.sh --tests installs it)");
    assert!(made.status.success(), "{made:?}");
    let port = free_port();
    let server = Process::listening(
        Command::new("openssl")
            .args(["s_server", "-quiet", "-www", "-accept"])
            .arg(format!("127.0.0.1:{port}"))
            .arg("-cert")
            .arg(&cert)
            .arg("-key")
            .arg(&key)
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
        port,
        "the TLS server",
    );
    let store = TempStore::with_seed();
    let out = store.run(&[
        "query",
        "--sparql",
        &format!("SELECT * WHERE {{ SERVICE <https://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"),
    ]);
    drop(server);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("certificate"), "{stderr}");
}

#[test]
fn a_malformed_dataset_is_reported_at_its_place_and_nothing_is_written() {
    let store = TempStore::with_seed();
    let file = store.dir.path().join("broken.ttl");
    std::fs::write(&file, "<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> \"A\" .\n<http://example.org/b> oops .\n").unwrap();
    let out = store.run(&["link", "--with", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.ttl:2:"), "{stderr}");
    let links = store.ok(&[
        "query",
        "--sparql",
        "ASK { GRAPH ?g { ?l a <https://w3id.org/argmap/ns#Link> } }",
    ]);
    assert_eq!(links, "false\n");
    // Without a store there is nothing to write links into.
    let none = crate::common::argmap()
        .arg("link")
        .arg("--with")
        .arg(data("decoys.ttl"))
        .output()
        .unwrap();
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no store"));
}
