//! Every field of every `--format json` output is in the README's table for it, and every field a table names is in the output: the two agree both ways.
//!
//! A table is the one under `<!-- json-fields: NAME -->`; the first cell of
//! each row names one or more fields by their full paths in backticks
//! (`briefs[].hypotheses[].key`, `[]` for the items of a list). The trees of
//! a trace are recursive: a node's fields are named once, as `node.key`.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use crate::common::{TempStore, argmap, root, seed_dir};

/// The lists whose items are trace nodes, named `node.…` in the tables.
const NODE_LISTS: &[&str] = &[
    "supported_by",
    "opposed_by",
    "undercut_by",
    "other_conclusions",
];

/// Every field path of `value` below `prefix`.
fn paths(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(fields) => {
            for (key, v) in fields {
                // The variables of a SPARQL result row are the query's own.
                let key = if prefix.ends_with("bindings[]") {
                    "<var>"
                } else {
                    key.as_str()
                };
                let path = if prefix.is_empty() {
                    key.to_string()
                } else {
                    format!("{prefix}.{key}")
                };
                out.insert(path.clone());
                if let Value::Array(items) = v {
                    let inner = if NODE_LISTS.contains(&key) {
                        "node".to_string()
                    } else {
                        format!("{path}[]")
                    };
                    for item in items {
                        paths(item, &inner, out);
                    }
                } else {
                    paths(v, &path, out);
                }
            }
        }
        Value::Array(items) => {
            let inner = format!("{prefix}[]");
            for item in items {
                paths(item, &inner, out);
            }
        }
        _ => {}
    }
}

/// The fields the README's table `name` documents.
fn documented(name: &str) -> BTreeSet<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let marker = format!("<!-- json-fields: {name} -->");
    let at = readme
        .find(&marker)
        .unwrap_or_else(|| panic!("the README has no table `{marker}`"));
    let mut fields = BTreeSet::new();
    let rows = readme[at + marker.len()..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2);
    for row in rows {
        let first = row.split('|').nth(1).unwrap_or("");
        for (i, piece) in first.split('`').enumerate() {
            if i % 2 == 1 {
                fields.insert(piece.to_string());
            }
        }
    }
    assert!(!fields.is_empty(), "the table `{name}` names no field");
    fields
}

/// The fields of the JSON documents in `outputs`, together.
fn fields_of(outputs: &[String]) -> BTreeSet<String> {
    let mut fields = BTreeSet::new();
    for out in outputs {
        let value: Value = serde_json::from_str(out).unwrap_or_else(|e| panic!("{e}: {out}"));
        paths(&value, "", &mut fields);
    }
    fields
}

/// The table `name` and the outputs agree both ways.
fn agree(name: &str, outputs: &[String]) {
    let (table, output) = (documented(name), fields_of(outputs));
    let undocumented: Vec<&String> = output.difference(&table).collect();
    let absent: Vec<&String> = table.difference(&output).collect();
    assert!(
        undocumented.is_empty() && absent.is_empty(),
        "README table `{name}`:\n  in the output, not in the table: {undocumented:?}\n  in the table, not in the output: {absent:?}"
    );
}

/// stdout of `argmap ARGS…` in `dir`, whatever the exit code.
fn stdout_in(dir: &Path, args: &[&str]) -> String {
    let out = argmap().current_dir(dir).args(args).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn trace_matrix_and_lint_of_the_bundled_brief() {
    let here = tempfile::tempdir().unwrap();
    let trace = stdout_in(here.path(), &["trace", "--format", "json"]);
    // An AIF map whose inference is undercut, for `undercut_by`.
    let undercut = TempStore::new();
    let aif = root().join("tests/data/json-fields/undercut.json");
    undercut.ok(&["import", aif.to_str().unwrap(), "--hypothesis", "1"]);
    let undercut = undercut.ok(&["trace", "--format", "json"]);
    agree("trace", &[trace, undercut]);
    let matrix = stdout_in(here.path(), &["matrix", "--format", "json"]);
    agree("matrix", &[matrix]);
    let lint = stdout_in(here.path(), &["lint", "--format", "json"]);
    agree("lint", &[lint]);
}

#[test]
fn check_clean_and_with_problems() {
    let here = tempfile::tempdir().unwrap();
    let seed = seed_dir().display().to_string();
    let bad = root().join("tests/data/bad/brief/quote-curly-quotes");
    let outputs = [
        stdout_in(here.path(), &["check", "--format", "json", &seed]),
        stdout_in(
            here.path(),
            &["check", "--format", "json", &bad.display().to_string()],
        ),
    ];
    agree("check", &outputs);
}

#[test]
fn reanchor_of_revised_texts() {
    let here = tempfile::tempdir().unwrap();
    let brief = here.path().join("seed");
    std::fs::create_dir(&brief).unwrap();
    for f in ["map.toml", "brief.txt"] {
        std::fs::copy(seed_dir().join(f), brief.join(f)).unwrap();
    }
    // Revisions whose quotes are placed exactly, normalised, fuzzily and
    // orphaned (with and without candidates).
    let cases = [
        "seed-curly",
        "seed-reworded",
        "seed-typos",
        "seed-deleted",
        "seed-lookalike-added",
    ];
    let outputs: Vec<String> = cases
        .iter()
        .map(|case| {
            let revised = root()
                .join("tests/data/reanchor/cases")
                .join(case)
                .join("revised.txt");
            stdout_in(
                here.path(),
                &[
                    "reanchor",
                    "seed",
                    "--text",
                    &revised.display().to_string(),
                    "--dry-run",
                    "--format",
                    "json",
                ],
            )
        })
        .collect();
    agree("reanchor", &outputs);
}

#[test]
fn link_query_and_briefs_on_a_store() {
    let store = TempStore::with_seed();
    let decoys = root().join("tests/data/link/decoys.ttl");
    let link = store.ok(&[
        "link",
        "--with",
        decoys.to_str().unwrap(),
        "--dry-run",
        "--format",
        "json",
    ]);
    agree("link", &[link]);
    let select = store.ok(&["query", "timeline", "--format", "json"]);
    let ask = store.ok(&[
        "query",
        "--sparql",
        "ASK { GRAPH ?g { ?h a arg:Hypothesis } }",
        "--format",
        "json",
    ]);
    agree("query", &[select, ask]);
    let server = crate::servers::ArgmapServer::on(&store.path(), &[]);
    let (code, _, briefs) = server.curl("/briefs", &[]);
    assert_eq!(code, 200, "{briefs}");
    agree("briefs", &[briefs]);
}
