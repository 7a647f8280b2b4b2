//! Weighing imported hypotheses: a competing-hypotheses AIF map gets its roles inferred (with a note for each inference) and a ranked matrix; the user can say the roles instead, by option or in a roles file beside the map.

use serde_json::{Value, json};

use crate::common::{TempStore, root};

fn bridge() -> String {
    root()
        .join("tests/data/aif/ach-bridge.json")
        .to_str()
        .unwrap()
        .to_string()
}

/// The one question of `store`'s brief `brief`, as `matrix --format json` gives it.
fn question(store: &TempStore, brief: &str) -> Value {
    let json: Value =
        serde_json::from_str(&store.ok(&["matrix", "--brief", brief, "--format", "json"])).unwrap();
    json["briefs"][0]["questions"][0].clone()
}

/// Each hypothesis's key and rank, in the matrix's column order.
fn ranks(q: &Value) -> Vec<(String, Option<u64>)> {
    q["hypotheses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["key"].as_str().unwrap().to_string(), h["rank"].as_u64()))
        .collect()
}

#[test]
fn a_competing_hypotheses_map_gets_its_roles_inferred_and_a_ranked_matrix() {
    let store = TempStore::new();
    let out = store.run(&["import", &bridge()]);
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // A note for each inference, naming what was inferred.
    assert!(
        stderr.contains("note: 4 hypotheses inferred: the conclusions of the inferences named \"Evidence to Hypothesis\" (`ach_h1`, `ach_h2`, `ach_h3`, `ach_h4`)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("note: 9 items of evidence inferred"),
        "{stderr}"
    );
    assert!(
        stderr.contains("note: the hypotheses are taken to exclude each other, and `matrix` ranks them: the inferences are named for competing hypotheses"),
        "{stderr}"
    );

    let q = question(&store, "ach-bridge");
    assert_eq!(q["exclusive"], true);
    assert_eq!(
        q["evidence"].as_array().unwrap().len(),
        9,
        "a row per item of evidence"
    );
    // Inconsistency: h3 none; h1 (e6) and h2 (e4) one I each; h4 two (e5, e9).
    let ranked = ranks(&q);
    let rank = |key: &str| ranked.iter().find(|(k, _)| k == key).unwrap().1;
    assert_eq!(rank("ach-x5f-h3"), Some(1));
    assert_eq!(rank("ach-x5f-h1"), Some(2));
    assert_eq!(rank("ach-x5f-h2"), Some(2));
    assert_eq!(rank("ach-x5f-h4"), Some(4));
    let order: Vec<Vec<String>> = serde_json::from_value(q["order"].clone()).unwrap();
    assert_eq!(order[0], vec!["ach-x5f-h3".to_string()]);

    // The text matrix shows the ranking too.
    let text = store.ok(&["matrix", "--brief", "ach-bridge"]);
    assert!(!text.contains("no ranking implied"), "{text}");

    // `trace` puts the evidence under the hypotheses, not under "Other conclusions".
    let trace = store.ok(&["trace", "--brief", "ach-bridge"]);
    assert!(!trace.contains("Other conclusions"), "{trace}");
    assert!(
        trace.contains("Rust was found on the broken girders"),
        "{trace}"
    );
}

#[test]
fn the_user_says_the_roles_on_the_command_line() {
    let store = TempStore::new();
    store.ok(&[
        "--quiet",
        "import",
        &bridge(),
        "--hypothesis",
        "ach_h1",
        "--hypothesis",
        "ach-x5f-h2",
        "--complementary",
        "--question",
        "Why did the bridge fall?",
    ]);
    let q = question(&store, "ach-bridge");
    assert_eq!(q["text"], "Why did the bridge fall?");
    assert_eq!(q["exclusive"], false);
    let ranked = ranks(&q);
    assert_eq!(
        ranked,
        vec![
            ("ach-x5f-h1".to_string(), None),
            ("ach-x5f-h2".to_string(), None)
        ]
    );
    // Only what leads to the two hypotheses is evidence: e1, e2 and e6 to
    // h1, e3 and e4 to h2.
    assert_eq!(q["evidence"].as_array().unwrap().len(), 5);

    // A name that is no node of the file is an error that says so, and nothing is imported.
    let other = TempStore::new();
    let out = other.run(&["import", &bridge(), "--hypothesis", "ach_h9"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error: hypothesis `ach_h9` (given on the command line) is not a node of"),
        "{stderr}"
    );
    assert!(stderr.contains("help: did you mean `ach_"), "{stderr}");
}

#[test]
fn a_roles_file_beside_a_map_with_seventeen_hypotheses_says_which_are_rivals() {
    // Seventeen suspects, plain inferences with no telling scheme names: the
    // roles file says which nodes are the hypotheses and that they exclude
    // each other; the evidence is inferred.
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for n in 1..=17 {
        nodes.push(json!({"nodeID": format!("s{n}"), "text": format!("Suspect {n} took the painting"), "type": "I"}));
        for (m, kind) in [(1, "RA"), (2, "CA")] {
            if kind == "CA" && n % 3 != 0 {
                continue;
            }
            let e = format!("s{n}-e{m}");
            nodes.push(
                json!({"nodeID": e, "text": format!("Clue {m} about suspect {n}"), "type": "I"}),
            );
            nodes.push(json!({"nodeID": format!("{e}-s"), "text": "Default", "type": kind}));
            edges.push(json!({"edgeID": format!("{e}-in"), "fromID": e, "toID": format!("{e}-s")}));
            edges.push(json!({"edgeID": format!("{e}-out"), "fromID": format!("{e}-s"), "toID": format!("s{n}")}));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gallery.json");
    std::fs::write(&file, json!({"nodes": nodes, "edges": edges}).to_string()).unwrap();
    let hypotheses: Vec<String> = (1..=17).map(|n| format!("\"s{n}\"")).collect();
    std::fs::write(
        dir.path().join("gallery.json.argmap.toml"),
        format!(
            "# Who took the painting: one thief, seventeen suspects.\nquestion = \"Who took the painting?\"\nhypotheses = [{}]\nexclusive = true\n",
            hypotheses.join(", ")
        ),
    )
    .unwrap();
    let store = TempStore::new();
    let out = store.run(&["import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("note: 22 items of evidence inferred"),
        "{stderr}"
    );
    let q = question(&store, "gallery");
    assert_eq!(q["text"], "Who took the painting?");
    assert_eq!(q["exclusive"], true);
    assert_eq!(q["hypotheses"].as_array().unwrap().len(), 17);
    assert_eq!(q["evidence"].as_array().unwrap().len(), 22);
    // The five suspects with a clue against them rank below the twelve without.
    let ranked = ranks(&q);
    for (key, rank) in &ranked {
        let n: u32 = key.trim_start_matches('s').parse().unwrap();
        let expected = if n.is_multiple_of(3) { 13 } else { 1 };
        assert_eq!(*rank, Some(expected), "{key}: {ranked:?}");
    }

    // A roles file with an unknown key is an error at its line and column.
    std::fs::write(
        dir.path().join("gallery.json.argmap.toml"),
        "hypothesis = [\"s1\"]\n",
    )
    .unwrap();
    let other = TempStore::new();
    let out = other.run(&["import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "gallery.json.argmap.toml:1:1: error: unknown key `hypothesis` in the roles file"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `hypotheses`?"), "{stderr}");
}
