//! Remote endpoints that answer wrongly, each a stand-in written here on a free port of 127.0.0.1: a redirect on a write, answers with other variable names, duplicate rows.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

use crate::common::TempStore;

/// Serves `answer(request head and body)` to every connection until the
/// test process ends; returns the port.
fn stand_in(answer: fn(&str) -> String) -> u16 {
    let (listener, port): (TcpListener, u16) = crate::servers::listener();
    listener
        .set_nonblocking(false)
        .expect("a blocking listener");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            let mut length = 0;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 {
                    break;
                }
                if line.to_ascii_lowercase().starts_with("content-length:") {
                    length = line[15..].trim().parse().unwrap_or(0);
                }
                request.push_str(&line);
                if line == "\r\n" {
                    break;
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            request.push_str(&String::from_utf8_lossy(&body));
            let _ = stream.write_all(answer(&request).as_bytes());
        }
    });
    port
}

fn json(body: &str) -> String {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

fn stderr_of(store: &TempStore, args: &[&str]) -> String {
    let out = store.run(args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
    stderr
}

#[test]
fn push_refuses_a_redirect_and_reports_no_success() {
    let port = stand_in(|_| {
        "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:9/evil?x=1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .to_string()
    });
    let store = TempStore::with_seed();
    let endpoint = format!("http://127.0.0.1:{port}/sparql");
    for gsp in [false, true] {
        let mut args = vec!["--endpoint", &endpoint];
        if gsp {
            args.extend(["--graph-store", &endpoint]);
        }
        args.push("push");
        let stderr = stderr_of(&store, &args);
        assert!(stderr.contains("redirect (HTTP 302)"), "{stderr}");
        assert!(stderr.contains("/evil?x=1"), "{stderr}");
        assert!(!stderr.contains("pushed"), "{stderr}");
    }
}

#[test]
fn a_push_the_server_did_not_keep_is_an_error() {
    // Every write is answered 204, and every count is zero.
    let port = stand_in(|request| {
        if request.contains("COUNT") {
            json(
                r#"{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"0"}}]}}"#,
            )
        } else {
            "HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".to_string()
        }
    });
    let store = TempStore::with_seed();
    let endpoint = format!("http://127.0.0.1:{port}/sparql");
    let stderr = stderr_of(&store, &["--endpoint", &endpoint, "push"]);
    assert!(stderr.contains("the server now counts 0"), "{stderr}");
    assert!(stderr.contains("complete on the server: none"), "{stderr}");
}

#[test]
fn readers_name_the_variables_an_endpoint_left_out() {
    let port = stand_in(|_| {
        json(
            r#"{"head":{"vars":["a"]},"results":{"bindings":[{"a":{"type":"literal","value":"x"}}]}}"#,
        )
    });
    let store = TempStore::new();
    let endpoint = format!("http://127.0.0.1:{port}/sparql");
    for command in [&["trace"][..], &["matrix"], &["report"], &["list"]] {
        let mut args = vec!["--endpoint", &endpoint];
        args.extend(command);
        let stderr = stderr_of(&store, &args);
        assert!(stderr.contains("the answer lacks the variable"), "{stderr}");
        assert!(stderr.contains("it names: ?a"), "{stderr}");
    }
}

#[test]
fn pull_counts_distinct_triples_against_the_server() {
    // The server counts three triples and sends three rows, one of them twice.
    let port = stand_in(|request| {
        if request.contains("COUNT") {
            return json(
                r#"{"head":{"vars":["n"]},"results":{"bindings":[{"n":{"type":"literal","value":"3"}}]}}"#,
            );
        }
        let row = |o: &str| {
            format!(
                r#"{{"s":{{"type":"uri","value":"urn:s"}},"p":{{"type":"uri","value":"urn:p"}},"o":{{"type":"literal","value":"{o}"}}}}"#
            )
        };
        json(&format!(
            r#"{{"head":{{"vars":["s","p","o"]}},"results":{{"bindings":[{},{},{}]}}}}"#,
            row("a"),
            row("b"),
            row("a")
        ))
    });
    let store = TempStore::new();
    let endpoint = format!("http://127.0.0.1:{port}/sparql");
    let stderr = stderr_of(&store, &["--endpoint", &endpoint, "pull", "brief-x"]);
    assert!(
        stderr.contains("counts 3 triples") && stderr.contains("sent 2 distinct ones (in 3 rows)"),
        "{stderr}"
    );
    assert!(
        !store.path().join("CURRENT").exists(),
        "nothing was written"
    );
}
