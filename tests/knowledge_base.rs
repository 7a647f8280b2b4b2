//! The knowledge base: compile, load, reload, drop, trace, with the store checked before and after.

use crate::common::{TempStore, argmap, expect_file, root, seed_dir};

fn seed() -> String {
    seed_dir().to_str().unwrap().to_string()
}

/// Asserts two dumps are equal, showing the first difference rather than both dumps.
fn assert_same_dump(before: &[String], after: &[String]) {
    let first = before.iter().zip(after).position(|(a, b)| a != b);
    assert!(
        before.len() == after.len() && first.is_none(),
        "the store changed: {} quads before, {} after; first difference: {:?}",
        before.len(),
        after.len(),
        first.map(|i| (&before[i], &after[i]))
    );
}

#[test]
fn compilation_is_deterministic_and_has_no_blank_nodes() {
    let run = || {
        let out = argmap().args(["compile", &seed()]).output().unwrap();
        assert!(out.status.success());
        let mut lines: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        lines.sort();
        lines.join("\n")
    };
    let first = run();
    assert_eq!(first, run());
    assert!(!first.contains("_:"), "compiled output holds a blank node");
    assert!(first.lines().count() > 500);
    assert!(
        first.contains("\"©KINU 2017\"@en"),
        "the rights statement travels with the brief"
    );
    assert!(first.contains("<https://w3id.org/argmap/kb/graph/kinu-co-17-32> ."));
}

#[test]
fn base_changes_the_data_iris() {
    let out = argmap()
        .args(["--base", "http://example.org/kb/", "compile", &seed()])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("<http://example.org/kb/brief/kinu-co-17-32/hypothesis/"));
    assert!(!text.contains("https://w3id.org/argmap/kb/"));
    argmap()
        .args(["--base", "not an iri", "compile", &seed()])
        .assert()
        .code(2);
}

#[test]
fn reloading_a_brief_replaces_its_graph() {
    let store = TempStore::with_seed();
    let before = store.dump();
    store.ok(&["load", &seed()]);
    assert_same_dump(&before, &store.dump());
    let graphs = store.ok(&[
        "query",
        "--sparql",
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g",
        "--format",
        "csv",
    ]);
    assert_eq!(
        graphs,
        "g\r\nhttps://w3id.org/argmap/kb/graph/kinu-co-17-32\r\nhttps://w3id.org/argmap/ns\r\n"
    );
}

#[test]
fn a_failed_load_leaves_the_store_as_it_was() {
    let store = TempStore::with_seed();
    let before = store.dump();
    let broken = root().join("tests/data/check/support-cycle");
    let non_ascii = root().join("tests/data/non-ascii");
    let out = store.run(&[
        "load",
        non_ascii.to_str().unwrap(),
        broken.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("support cycle"), "{stderr}");
    assert!(stderr.contains("nothing was loaded"), "{stderr}");
    assert_same_dump(&before, &store.dump());
}

#[test]
fn drop_removes_a_brief_and_only_it() {
    let store = TempStore::with_seed();
    store.ok(&[
        "load",
        root().join("tests/data/non-ascii").to_str().unwrap(),
    ]);
    assert!(store.ok(&["list"]).contains("non-ascii"));
    store.ok(&["drop", "non-ascii"]);
    let list = store.ok(&["list"]);
    assert!(!list.contains("non-ascii"));
    assert!(list.contains("kinu-co-17-32"));
    let out = store.run(&["drop", "no-such-brief"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("no brief or graph no-such-brief in the store")
    );
}

#[test]
fn trace_of_the_bundled_brief_text() {
    let store = TempStore::with_seed();
    let text = store.ok(&["trace", "--brief", "kinu-co-17-32"]);
    expect_file(&root().join("tests/snapshots/trace.txt"), &text);
}

#[test]
fn trace_of_the_bundled_brief_json() {
    let store = TempStore::with_seed();
    let json = store.ok(&["trace", "--brief", "kinu-co-17-32", "--format", "json"]);
    expect_file(&root().join("tests/snapshots/trace.json"), &json);
}

#[test]
fn trace_with_no_store_runs_on_the_bundled_brief() {
    let out = argmap().arg("trace").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("using the bundled brief"));
    let stored = TempStore::with_seed().ok(&["trace"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), stored);
}

#[test]
fn trace_of_one_hypothesis_and_of_an_unknown_one() {
    let store = TempStore::with_seed();
    let json: serde_json::Value =
        serde_json::from_str(&store.ok(&["trace", "--format", "json", "buffer-zone"])).unwrap();
    let hypotheses = json["briefs"][0]["hypotheses"].as_array().unwrap();
    assert_eq!(hypotheses.len(), 1);
    assert_eq!(hypotheses[0]["key"], "buffer-zone");
    let out = store.run(&["trace", "no-such-motive"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no hypothesis called no-such-motive"));
}

/// Every quote in a trace, wherever it sits in the tree.
fn quotes(node: &serde_json::Value, out: &mut Vec<(u64, u64, String)>) {
    if let Some(q) = node.get("quote").filter(|q| !q.is_null()) {
        out.push((
            q["start"].as_u64().unwrap(),
            q["end"].as_u64().unwrap(),
            q["text"].as_str().unwrap().to_string(),
        ));
    }
    for key in ["supported_by", "opposed_by", "hypotheses", "briefs"] {
        for child in node
            .get(key)
            .and_then(|c| c.as_array())
            .into_iter()
            .flatten()
        {
            quotes(child, out);
        }
    }
}

fn assert_offsets_point_at_quotes(trace: &serde_json::Value, text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    quotes(trace, &mut found);
    for (start, end, quote) in &found {
        let slice: String = chars[*start as usize..*end as usize].iter().collect();
        let words: Vec<&str> = quote.split_whitespace().collect();
        assert!(
            slice.starts_with(words[0]) && slice.ends_with(words[words.len() - 1]),
            "[{start}..{end}) is {slice:?}, not {quote:?}"
        );
        let mut rest = slice.as_str();
        for w in words {
            let at = rest
                .find(w)
                .unwrap_or_else(|| panic!("{w:?} of {quote:?} is not in {slice:?}"));
            rest = &rest[at + w.len()..];
        }
    }
    found.len()
}

#[test]
fn each_quote_offset_points_at_its_text() {
    let store = TempStore::with_seed();
    let trace: serde_json::Value =
        serde_json::from_str(&store.ok(&["trace", "--format", "json"])).unwrap();
    let text = std::fs::read_to_string(seed_dir().join("brief.txt")).unwrap();
    assert!(assert_offsets_point_at_quotes(&trace, &text) > 20);
}

#[test]
fn offsets_count_characters_in_a_brief_with_non_ascii_text_early() {
    let store = TempStore::new();
    let dir = root().join("tests/data/non-ascii");
    store.ok(&["load", dir.to_str().unwrap()]);
    let trace: serde_json::Value =
        serde_json::from_str(&store.ok(&["trace", "--format", "json"])).unwrap();
    let text = std::fs::read_to_string(dir.join("brief.txt")).unwrap();
    assert_eq!(assert_offsets_point_at_quotes(&trace, &text), 2);
    let h = &trace["briefs"][0]["hypotheses"][0];
    let expected_start = text[..text.find("Kim Jong-un").unwrap()].chars().count() as u64;
    assert_eq!(h["quote"]["start"], expected_start);
    assert_ne!(
        expected_start as usize,
        text.find("Kim Jong-un").unwrap(),
        "the brief must have multi-byte text before the quote"
    );
    assert_eq!(h["opposed_by"][0]["key"], "seoul");
    let nq = String::from_utf8(
        argmap()
            .args(["compile", dir.to_str().unwrap()])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        nq.contains("\"The offer is a stalling tactic.\"@ko"),
        "literals carry the map's language tag"
    );
}

#[test]
fn the_compiled_seed_conforms_to_the_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("seed.nq");
    let out = argmap().args(["compile", &seed()]).output().unwrap();
    std::fs::write(&data, out.stdout).unwrap();
    crate::common::assert_conforms(&data);
}

#[test]
fn trace_shows_likelihood_and_confidence_beside_the_strength_of_support() {
    // One item of evidence behind a hypothesis the author calls "likely" (55–80 %).
    let store = TempStore::new();
    let dir = root().join("tests/data/lint/clean");
    store.ok(&["load", dir.to_str().unwrap()]);
    let text = store.ok(&["trace"]);
    assert!(
        text.contains("likelihood: the author's \"likely\", read as 55–80 % (ICD 203)    confidence: not stated    support: thin (1 evidence item, 1 source)"),
        "{text}"
    );
    let warning = "the author states a likelihood of 55 % or more, but the support is thin (1 evidence item, 1 source)";
    assert!(text.contains(&format!("! holds: {warning}")), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&store.ok(&["trace", "--format", "json"])).unwrap();
    let h = &json["briefs"][0]["hypotheses"][0];
    assert_eq!(h["summary"]["strength"], "thin");
    assert_eq!(h["hedge_vs_support"], warning);
}
