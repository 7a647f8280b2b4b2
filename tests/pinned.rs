//! Pinned output: every reading command, on the bundled brief and a small generated corpus, gives the bytes recorded in `tests/data/pinned/digests.txt`.
//!
//! The file holds one line per output (`md5  bytes  name`), so that a change
//! of behaviour shows as a changed line in review, and a move of code that
//! should change nothing is proved to change nothing. On a mismatch every
//! output is written to `target/pinned/` to be compared; `UPDATE_EXPECT=1`
//! rewrites the digests.

use std::fmt::Write as _;
use std::path::Path;

use md5::{Digest, Md5};

use crate::common::{TempStore, argmap, expect_file, root, seed_dir};

/// The named queries that take `--brief` (their header binds `?graph`), and the others.
fn named_queries(store: &TempStore) -> Vec<(String, bool)> {
    let list = store.ok(&["query", "--list"]);
    let mut names = Vec::new();
    for line in list.lines() {
        let Some(name) = line.split_whitespace().next() else {
            continue;
        };
        if line.starts_with(' ') || !name.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
            continue;
        }
        names.push(name.to_string());
    }
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|n| n != "linked-birth-dates")
        // A query with a required parameter other than ?graph is refused
        // without it; those are pinned below with their parameters.
        .filter(|n| {
            let text = std::fs::read_to_string(root().join("queries").join(format!("{n}.rq")))
                .unwrap_or_default();
            !text
                .lines()
                .take_while(|l| l.starts_with('#'))
                .any(|l| l.contains(" required:") && !l.contains("param ?graph "))
        })
        .map(|n| {
            let text = std::fs::read_to_string(root().join("queries").join(format!("{n}.rq")))
                .unwrap_or_default();
            let scoped = text
                .lines()
                .take_while(|l| l.starts_with('#'))
                .any(|l| l.contains("?graph"));
            (n, scoped)
        })
        .collect()
}

const EXPORTS: &[&str] = &[
    "turtle",
    "trig",
    "ntriples",
    "nquads",
    "rdfxml",
    "jsonld",
    "dot",
    "svg",
    "graphml",
    "mermaid",
    "cytoscape",
    "aif",
    "aif-rdf",
    "argdown",
];

fn run(store: &TempStore, args: &[&str]) -> Vec<u8> {
    let out = store.run(args);
    assert!(
        out.status.success(),
        "argmap {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn every_reading_command_gives_the_pinned_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let generated = argmap()
        .args(["gen-corpus", "--briefs", "2", "--seed", "3"])
        .args(["--evidence", "6", "--claims", "4", "--out"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(generated.status.success());
    let store = TempStore::new();
    store.ok(&["load", "--quiet", seed_dir().to_str().unwrap()]);
    let mut dirs: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    for d in &dirs {
        store.ok(&["load", "--quiet", d.to_str().unwrap()]);
    }
    let mut briefs = vec!["kinu-co-17-32".to_string()];
    briefs.extend(
        dirs.iter()
            .map(|d| d.file_name().unwrap().to_string_lossy().into_owned()),
    );

    let mut outputs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |name: String, args: &[&str]| outputs.push((name, run(&store, args)));
    add("list".into(), &["list"]);
    add("trace".into(), &["trace"]);
    add("trace.json".into(), &["trace", "--format", "json"]);
    for format in ["text", "csv", "json", "html"] {
        add(format!("matrix.{format}"), &["matrix", "--format", format]);
    }
    for format in ["trig", "nquads", "jsonld"] {
        add(format!("export.{format}"), &["export", "--format", format]);
    }
    let queries = named_queries(&store);
    assert!(queries.len() > 10, "{queries:?}");
    for brief in &briefs {
        add(format!("{brief}/trace"), &["trace", "--brief", brief]);
        add(
            format!("{brief}/report.html"),
            &["report", "--brief", brief, "--out", "-"],
        );
        for format in EXPORTS {
            add(
                format!("{brief}/export.{format}"),
                &["export", "--brief", brief, "--format", format],
            );
        }
        for (query, scoped) in &queries {
            if *scoped {
                add(
                    format!("{brief}/query.{query}"),
                    &["query", query, "--brief", brief, "--format", "tsv"],
                );
            }
        }
    }
    for (query, scoped) in &queries {
        if !scoped {
            add(
                format!("query.{query}"),
                &["query", query, "--format", "tsv"],
            );
        }
    }

    add(
        "query.briefs-relying-on-source".to_string(),
        &[
            "query",
            "briefs-relying-on-source",
            "--param",
            "source=https://w3id.org/argmap/kb/source/kyodo-report",
            "--format",
            "tsv",
        ],
    );

    let mut digests = String::new();
    for (name, bytes) in &outputs {
        let digest = Md5::digest(bytes);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        writeln!(digests, "{hex}  {:>8}  {name}", bytes.len()).unwrap();
    }
    let expected = root().join("tests/data/pinned/digests.txt");
    let same = std::fs::read_to_string(&expected).is_ok_and(|e| e == digests);
    if !same {
        let keep = root().join("target/pinned");
        for (name, bytes) in &outputs {
            let path = keep.join(name);
            std::fs::create_dir_all(path.parent().unwrap_or(Path::new("."))).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
    }
    expect_file(&expected, &digests);
}
