//! One order for hypotheses everywhere: map order (as `map.toml` writes them), stored as `arg:order`, and the same in trace, matrix, list, the named queries, serve's `/briefs` and the report.

use serde_json::Value;

use crate::common::{TempStore, root};
use crate::servers::ArgmapServer;

/// The map order of `tests/data/order/rivers`: neither the keys' order
/// (alpha, mid, zeta) nor the quotes' (mid, zeta, alpha).
const MAP_ORDER: [&str; 3] = ["zeta", "alpha", "mid"];

fn rivers() -> TempStore {
    let store = TempStore::new();
    let dir = root().join("tests/data/order/rivers");
    store.ok(&["load", dir.to_str().unwrap()]);
    store
}

fn keys(values: &Value) -> Vec<String> {
    values
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| v["key"].as_str().expect("a key").to_string())
        .collect()
}

/// Each hypothesis's text in the map, by key.
fn text_of(key: &str) -> &'static str {
    match key {
        "zeta" => "The treaty is failing.",
        "alpha" => "The treaty is ignored.",
        _ => "The treaty holds.",
    }
}

/// The hypothesis keys in the order their markers first appear in `text`.
fn in_text_order(text: &str, marker: impl Fn(&str) -> String) -> Vec<String> {
    let mut found: Vec<(usize, String)> = MAP_ORDER
        .iter()
        .filter_map(|k| text.find(&marker(k)).map(|at| (at, k.to_string())))
        .collect();
    found.sort();
    found.into_iter().map(|(_, k)| k).collect()
}

#[test]
fn every_command_lists_hypotheses_in_map_order() {
    let store = rivers();
    let expected: Vec<String> = MAP_ORDER.iter().map(|k| k.to_string()).collect();

    let orders = store.ok(&[
        "query",
        "--sparql",
        "SELECT ?key ?order WHERE { GRAPH ?g { ?h a arg:Hypothesis ; arg:key ?key ; arg:order ?order } } ORDER BY ?order",
        "--format",
        "csv",
    ]);
    let stored: Vec<&str> = orders
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(stored, MAP_ORDER, "arg:order:\n{orders}");

    let trace: Value = serde_json::from_str(&store.ok(&["trace", "--format", "json"])).unwrap();
    assert_eq!(keys(&trace["briefs"][0]["hypotheses"]), expected, "trace");

    let matrix: Value = serde_json::from_str(&store.ok(&["matrix", "--format", "json"])).unwrap();
    let question = &matrix["briefs"][0]["questions"][0];
    assert_eq!(keys(&question["hypotheses"]), expected, "matrix columns");

    let text = store.ok(&["trace"]);
    assert_eq!(
        in_text_order(&text, |k| text_of(k).to_string()),
        expected,
        "trace's text:\n{text}"
    );

    let list = store.ok(&["list"]);
    assert_eq!(
        in_text_order(&list, |k| format!("hypothesis {k}:")),
        expected,
        "list:\n{list}"
    );

    let rows = store.ok(&["query", "list", "--format", "json"]);
    let rows: Value = serde_json::from_str(&rows).unwrap();
    let listed: Vec<&str> = rows["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["hypothesisKey"]["value"].as_str().unwrap())
        .collect();
    assert_eq!(listed, MAP_ORDER, "query list");

    let report = store.ok(&["report", "--out", "-"]);
    let section = report
        .find("<section id=\"hypotheses\"")
        .map_or("", |at| &report[at..]);
    assert_eq!(
        in_text_order(section, |k| text_of(k).to_string()),
        expected,
        "report's hypotheses"
    );

    let server = ArgmapServer::on(&store.path(), &[]);
    let (code, _, body) = server.curl("/briefs", &[]);
    assert_eq!(code, 200, "{body}");
    let briefs: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        keys(&briefs["briefs"][0]["hypotheses"]),
        expected,
        "/briefs"
    );
}
