//! `argmap matrix`: the bundled brief's matrix as a snapshot, and an exclusive fixture whose scores, ranking and sensitivity are worked out by hand.

use crate::common::{TempStore, argmap, expect_file, root};

#[test]
fn the_bundled_brief_compares_support_and_ranks_nothing() {
    let out = argmap().args(["--quiet", "matrix"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    expect_file(&root().join("tests/snapshots/matrix.txt"), &text);
    assert!(text.contains("no ranking implied"));

    let out = argmap()
        .args(["--quiet", "matrix", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], "argmap-matrix/1");
    let q = &json["briefs"][0]["questions"][0];
    assert_eq!(q["exclusive"], false);
    for h in q["hypotheses"].as_array().unwrap() {
        assert!(h["rank"].is_null(), "non-exclusive hypotheses get no rank");
    }
    // Evidence down the side: every item of the map, the four motives across.
    assert_eq!(q["hypotheses"].as_array().unwrap().len(), 4);
    assert_eq!(q["evidence"].as_array().unwrap().len(), 33);
}

/// The exclusive fixture, loaded into a fresh store.
fn fixture() -> TempStore {
    let store = TempStore::new();
    let dir = root().join("tests/data/matrix/exclusive");
    store.ok(&["load", dir.to_str().unwrap()]);
    store
}

#[test]
fn exclusive_hypotheses_are_ranked_least_inconsistent_first() {
    let store = fixture();
    let json: serde_json::Value =
        serde_json::from_str(&store.ok(&["matrix", "--format", "json"])).unwrap();
    let q = &json["briefs"][0]["questions"][0];
    assert_eq!(q["key"], "cause");
    assert_eq!(q["exclusive"], true);

    // Weights (README's table, reliability × credibility, divided by the
    // number of items sharing the root origin):
    //   e1 and e5 from s1, graded B2: 0.80 × 0.80 / 2 = 0.32 (one origin)
    //   e2 from s3, graded A1:        1.00 × 1.00 = 1.00
    //   e3 from s2, graded C3:        0.60 × 0.60 = 0.36
    //   e4 has no source (F6):        0.50 × 0.50 = 0.25
    //
    // Cells (rows in map order: e1, e2, e3, e4, e5):
    //        h-a   h-b  h-c
    //   e1   CC    I    N     supports-strongly h-a; opposes h-b
    //   e4   N     I    II*   opposes k1, which supports h-b; the analyst rates h-c II
    //   e2   II    C    N     opposes-strongly h-a; supports k1 → h-b
    //   e3   NA*   C    I     supports k1 → h-b; opposes h-c; the analyst rates h-a NA
    //   e5   C     C    C     supports all three
    let rows: Vec<(String, Vec<String>)> = q["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let cells = e["cells"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    let star = if c["analyst"] == true { "*" } else { "" };
                    format!("{}{star}", c["rating"].as_str().unwrap())
                })
                .collect();
            (e["key"].as_str().unwrap().to_string(), cells)
        })
        .collect();
    let expected = [
        ("e1", ["CC", "I", "N"]),
        ("e2", ["II", "C", "N"]),
        ("e3", ["NA*", "C", "I"]),
        ("e4", ["N", "I", "II*"]),
        ("e5", ["C", "C", "C"]),
    ];
    for ((key, cells), (want_key, want_cells)) in rows.iter().zip(expected) {
        assert_eq!(key, want_key);
        assert_eq!(cells, &want_cells);
    }
    // The analyst's NA overrides what the graph gives (no path: N).
    assert_eq!(q["evidence"][2]["cells"][0]["derived"], "N");

    // Weighted inconsistency (I = 1, II = 2):
    //   h-a: e2 II            2 × 1.00            = 2.00  (unweighted 2)
    //   h-b: e1 I + e4 I      0.32 + 0.25         = 0.57  (unweighted 2)
    //   h-c: e3 I + e4 II     0.36 + 2 × 0.25     = 0.86  (unweighted 3)
    // Weighted support (C = 1, CC = 2):
    //   h-a: e1 CC + e5 C     2 × 0.32 + 0.32     = 0.96
    //   h-b: e2 + e3 + e5     1.00 + 0.36 + 0.32  = 1.68
    //   h-c: e5               0.32
    let h = q["hypotheses"].as_array().unwrap();
    let scores: Vec<(&str, f64, u64, f64, u64)> = h
        .iter()
        .map(|h| {
            (
                h["key"].as_str().unwrap(),
                h["inconsistency"].as_f64().unwrap(),
                h["inconsistency_unweighted"].as_u64().unwrap(),
                h["support"].as_f64().unwrap(),
                h["rank"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        scores,
        [
            ("h-a", 2.00, 2, 0.96, 3),
            ("h-b", 0.57, 2, 1.68, 1),
            ("h-c", 0.86, 3, 0.32, 2),
        ]
    );
    // So h-b < h-c < h-a, least inconsistent first. Unweighted, h-c would
    // come last (3 against 2 and 2): the grades decide.
    assert_eq!(q["order"], serde_json::json!([["h-b"], ["h-c"], ["h-a"]]));
    // e1 and e5 share their root origin, s1, and say so.
    assert_eq!(q["evidence"][0]["same_origin"], 2);
    assert_eq!(q["evidence"][4]["same_origin"], 2);
    assert_eq!(q["evidence"][1]["same_origin"], 1);

    // Diagnosticity: the spread of CC = 2 … II = −2 over the cells that apply.
    //   e1: 2, −1, 0 → 3;  e2: −2, 1, 0 → 3;  e3: (NA), 1, −1 → 2;
    //   e4: 0, −1, −2 → 2;  e5: 1, 1, 1 → 0, no diagnostic value.
    let diag: Vec<(u64, bool)> = q["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["diagnosticity"].as_u64().unwrap(),
                e["no_diagnostic_value"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        diag,
        [(3, false), (3, false), (2, false), (2, false), (0, true)]
    );

    // Sensitivity, from inconsistency 2.00 / 0.57 / 0.86 (h-a / h-b / h-c):
    //   e1 removed or h-b I→N: h-b 0.25, still first                 → no
    //   e1 h-b I→II: h-b 0.89 > h-c 0.86                             → changes
    //   e4 removed: h-b 0.32, h-c 0.36 — still h-b < h-c < h-a       → no
    //   e4 h-b I→N: h-b 0.32, still first                            → no
    //   e4 h-b I→II: h-b 0.82 < 0.86; h-c II→I: h-c 0.61 > 0.57      → no
    //   e2 removed: h-a 0.00, first                                  → changes
    //   e2 h-a II→I: h-a 1.00, still last                            → no
    //   e3 removed or h-c I→N: h-c 0.50 < h-b 0.57                   → changes
    //   e3 h-c I→II: h-c 1.22, still between 0.57 and 2.00           → no
    //   e5: support only, no inconsistency                           → no
    assert_eq!(
        q["sensitivity"],
        serde_json::json!([
            {"evidence": "e1", "removal": false, "re_ratings": [{"hypothesis": "h-b", "from": "I", "to": "II"}]},
            {"evidence": "e2", "removal": true, "re_ratings": []},
            {"evidence": "e3", "removal": true, "re_ratings": [{"hypothesis": "h-c", "from": "I", "to": "N"}]},
        ])
    );
}

#[test]
fn csv_html_and_question_selection() {
    let store = fixture();
    let csv = store.ok(&["matrix", "--question", "cause", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "brief,question,evidence,source,grade,weight,h-a,h-b,h-c,diagnosticity,no_diagnostic_value"
    );
    assert!(lines.contains(&"exclusive,cause,e4,,--,0.25,N,I,II*,2,false"));
    assert!(lines.contains(&"exclusive,cause,score:inconsistency,,,,2.00,0.57,0.86,,"));
    let html = store.ok(&["matrix", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(
        "<td class=\"r-II\">II<span class=\"analyst\" title=\"the analyst's rating; derived: N\">*</span></td>"
    ));
    assert!(html.contains("<caption id=\"mx0-0\">"));

    let out = store.run(&["matrix", "--question", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no question `nope`"));
}

#[test]
fn ratings_compile_to_rdf() {
    let nq = String::from_utf8(
        argmap()
            .args([
                "compile",
                root().join("tests/data/matrix/exclusive").to_str().unwrap(),
            ])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(nq.contains(
        "<https://w3id.org/argmap/kb/brief/exclusive/evidence/e4> <https://w3id.org/argmap/ns#rating> <https://w3id.org/argmap/kb/brief/exclusive/evidence/e4/rating/h-c>"
    ));
    assert!(nq.contains(
        "<https://w3id.org/argmap/kb/brief/exclusive/evidence/e4/rating/h-c> <https://w3id.org/argmap/ns#consistency> \"II\""
    ));
}

#[test]
fn the_compiled_ratings_conform_to_the_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("fixture.nq");
    let fixture = root().join("tests/data/matrix/exclusive");
    let out = argmap()
        .args(["compile", fixture.to_str().unwrap()])
        .output()
        .unwrap();
    std::fs::write(&data, out.stdout).unwrap();
    crate::common::assert_conforms(&data);
}

/// The table of the first question in `html`, captioned under `id`: from its
/// wrapper to the line of sensitive items under it.
fn first_table<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!(
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"{id}\">"
        ))
        .unwrap_or_else(|| panic!("no table {id}"));
    let rest = &html[start..];
    let end = rest
        .find("would change this order")
        .expect("the sensitive items");
    &rest[..end]
}

/// `html` without the links the report puts around each item's key.
fn without_passage_links(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("<a class=\"to-passage\" href=\"") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        rest = &after[after.find('>').expect("the tag's end") + 1..];
    }
    out.push_str(rest);
    out.replace("</a></th>", "</th>")
}

#[test]
fn the_matrix_page_and_the_report_write_the_same_table() {
    let run = |args: &[&str]| {
        let out = argmap().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let page = run(&["--quiet", "matrix", "--format", "html"]);
    let report = run(&["--quiet", "report", "--out", "-"]);
    let from_page = first_table(&page, "mx0-0").replace("mx0-0", "ID");
    let from_report = without_passage_links(first_table(&report, "mx0")).replace("mx0", "ID");
    assert!(from_report.contains("<caption id=\"ID\">"));
    assert_eq!(from_page, from_report);
    assert!(
        report.contains("<a class=\"to-passage\" href=\"#p"),
        "the report links each item to its passage"
    );
}
