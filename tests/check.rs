//! `argmap check`: each kind of problem has a failing map in `tests/data/check/`, with its exact output beside it.

use crate::common::{argmap, root};

/// Every folder of `tests/data/check/` is a map with one kind of problem
/// (the folder's name says which; a warning such as `quote-twice` still
/// passes), or one that must pass as it is (`page-break-quote`, whose quotes
/// cross a page break): `argmap check FOLDER` must give the exit code and
/// stderr of its `expected.txt`. A new folder is a new case.
#[test]
fn every_case_gives_its_expected_output() {
    assert!(crate::common::expect_every_case("check") >= 18);
}

#[test]
fn every_problem_of_every_file_is_reported_at_once() {
    let dir = root().join("tests/data/check");
    let out = argmap()
        .current_dir(&dir)
        .args([
            "check",
            "--format",
            "json",
            "unknown-key",
            "support-cycle",
            "bad-date",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["ok"], false);
    let problems = report["problems"].as_array().unwrap();
    let files: std::collections::BTreeSet<&str> = problems
        .iter()
        .map(|p| p["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 3, "{problems:#?}");
    for p in problems {
        assert!(p["line"].as_u64().unwrap() >= 1);
        assert!(p["column"].as_u64().unwrap() >= 1);
        assert!(!p["message"].as_str().unwrap().is_empty());
        assert!(!p["help"].as_str().unwrap().is_empty());
    }
    assert_eq!(report["errors"], 4);
}

#[test]
fn check_does_not_touch_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    argmap()
        .args([
            "--store",
            store.to_str().unwrap(),
            "check",
            crate::common::seed_dir().to_str().unwrap(),
        ])
        .assert()
        .success();
    assert!(!store.exists());
}

/// A quote of 100,000 words (about 690 KB) used to overflow the stack and
/// abort `check` and `load`; it now anchors, and loads, and a table of the
/// store's answers with a cell that long is written whole.
#[test]
fn a_quote_of_a_hundred_thousand_words_checks_and_loads() {
    let dir = tempfile::tempdir().unwrap();
    let words: Vec<String> = (0..100_000).map(|i| format!("w{}", i % 9973)).collect();
    let long = words.join(" ");
    std::fs::write(
        dir.path().join("brief.txt"),
        format!("A Long Brief\n\nIt begins. {long}. It ends.\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("map.toml"),
        format!(
            "[brief]\nid = \"long\"\ntitle = \"A Long Brief\"\nlanguage = \"en\"\nrights = \"© Example 2020\"\nmapped-by = \"tests\"\nmapped-on = \"2026-11-27\"\n\n\
             [question.q]\ntext = \"Is it long?\"\nexclusive = true\n\n\
             [hypothesis.long]\nanswers = \"q\"\ntext = \"It is long.\"\nquote = \"{long}\"\n"
        ),
    )
    .unwrap();
    let out = argmap().arg("check").arg(dir.path()).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = crate::common::TempStore::new();
    store.ok(&["load", dir.path().to_str().unwrap()]);
    let table = store.ok(&[
        "query",
        "--sparql",
        "SELECT ?quote WHERE { GRAPH ?g { ?s <http://www.w3.org/ns/oa#exact> ?quote } } LIMIT 1",
    ]);
    assert!(table.contains(&long), "the long cell is in the table");
}

/// A folder of briefs is checked brief by brief (`argmap check seeds`), and
/// `load` takes the same folder.
#[test]
fn a_folder_of_briefs_checks_every_brief_below_it() {
    let out = crate::common::argmap()
        .current_dir(crate::common::root())
        .args(["check", "seeds"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("ok: 1 map checked"), "{stderr}");
    let shared = crate::common::root().join("tests/data/shared");
    let out = crate::common::argmap()
        .args(["check", "--format", "json"])
        .arg(&shared)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let briefs: Vec<&str> = report["maps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["brief"].as_str().unwrap())
        .collect();
    assert_eq!(briefs, ["brief-a", "brief-b"]);
    let store = crate::common::TempStore::new();
    store.ok(&["load", shared.to_str().unwrap()]);
    let list = store.ok(&["list"]);
    assert!(
        list.contains("brief-a") && list.contains("brief-b"),
        "{list}"
    );
}
