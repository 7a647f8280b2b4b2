//! Key assumptions and indicators: `[assumption.<id>]` and `[indicator.<id>]` checked at file:line:col, `trace` flagging an unsupported assumption, and `argmap indicators` on a store that grows, locally and through `--endpoint` against a real oxigraph server.

use std::path::PathBuf;

use crate::common::{TempStore, argmap};
use crate::corroboration::write_brief;
use crate::servers::{Engine, SparqlServer};

/// The first brief: a hypothesis that the port reopens, an indicator that a
/// later brief reports the reopening (due 2030), and one due in 2018 that
/// nothing will show.
const FIRST: &str = r#"
[question.q]
text = "Will the port reopen?"
exclusive = false

[hypothesis.reopens]
answers = "q"
text = "The port reopens."

[claim.repairs]
text = "Repairs are under way."
status = "inference"
supports = ["reopens"]

[evidence.cranes]
text = "New cranes stand at the quay."
status = "observed"
supports = ["repairs"]

[assumption.funding]
text = "The owners keep paying for the repairs."
supports = ["repairs"]
confidence = "unsupported"
invalidated-by = ["funds-cut"]

[assumption.permits]
text = "The permits stay valid."
supports = ["reopens"]
confidence = "solid"

[indicator.ships-return]
hypothesis = "reopens"
direction = "confirms"
expected-by = "2030"
text = "A later report says ships dock again."
ask = '''
PREFIX arg: <https://w3id.org/argmap/ns#>
ASK { GRAPH ?g { ?e a arg:Evidence ; arg:text ?t . FILTER(CONTAINS(LCASE(STR(?t)), "ships dock")) } }
'''

[indicator.tenders]
hypothesis = "reopens"
direction = "confirms"
expected-by = "2018-06"
ask = '''
PREFIX arg: <https://w3id.org/argmap/ns#>
ASK { GRAPH ?g { ?e arg:text ?t . FILTER(CONTAINS(STR(?t), "tender")) } }
'''

[indicator.funds-cut]
hypothesis = "reopens"
direction = "refutes"
ask = '''
PREFIX arg: <https://w3id.org/argmap/ns#>
ASK { GRAPH ?g { ?e arg:text ?t . FILTER(CONTAINS(STR(?t), "funds cut")) } }
'''
"#;

/// The second brief, loaded later: it reports that ships dock again.
const SECOND: &str = r#"
[question.q]
text = "Is the port open?"
exclusive = false

[hypothesis.open]
answers = "q"
text = "The port is open."

[evidence.ships]
text = "Ships dock again at the port."
status = "reported"
said-by = "harbour-master"
supports = ["open"]

[actor.harbour-master]
kind = "person"
name = "The harbour master"
"#;

fn briefs() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let first = write_brief(dir.path(), "port", "The port.\n", FIRST);
    let second = write_brief(dir.path(), "later", "Ships.\n", SECOND);
    (dir, first, second)
}

fn state<'a>(json: &'a serde_json::Value, key: &str) -> &'a serde_json::Value {
    json["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == key)
        .unwrap_or_else(|| panic!("no indicator {key} in {json}"))
}

fn indicators_json(store: &TempStore, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["indicators", "--as-of", "2019-01-15", "--format", "json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&store.ok(&args)).unwrap()
}

#[test]
fn an_indicator_is_observed_once_a_second_brief_is_loaded_and_another_is_overdue() {
    let (_dir, first, second) = briefs();
    let store = TempStore::new();
    store.ok(&["load", first.to_str().unwrap()]);
    let before = indicators_json(&store, &[]);
    assert_eq!(before["as_of"], "2019-01-15");
    assert_eq!(state(&before, "ships-return")["state"], "not-yet-observed");
    assert_eq!(state(&before, "ships-return")["bearing"], "none");
    assert_eq!(state(&before, "tenders")["state"], "overdue");
    assert_eq!(state(&before, "tenders")["bearing"], "loses");
    assert_eq!(state(&before, "funds-cut")["state"], "not-yet-observed");
    assert_eq!(before["hypotheses"][0]["key"], "reopens");
    assert_eq!(
        before["hypotheses"][0]["loses"],
        serde_json::json!(["tenders"])
    );
    assert_eq!(before["hypotheses"][0]["gains"], serde_json::json!([]));

    store.ok(&["load", second.to_str().unwrap()]);
    let after = indicators_json(&store, &[]);
    assert_eq!(state(&after, "ships-return")["state"], "observed");
    assert_eq!(state(&after, "ships-return")["bearing"], "gains");
    assert_eq!(
        after["hypotheses"][0]["gains"],
        serde_json::json!(["ships-return"])
    );
    // Before its date an indicator is not overdue.
    let early = store.ok(&["indicators", "--as-of", "2018-06-30"]);
    assert!(early.contains("tenders"), "{early}");
    let row = early.lines().find(|l| l.contains(" tenders ")).unwrap();
    assert!(row.contains("not yet observed"), "{early}");
    let text = store.ok(&["indicators", "--as-of", "2019-01-15", "--brief", "port"]);
    assert!(
        text.contains("port/reopens: gains from ships-return; loses from tenders"),
        "{text}"
    );
}

#[test]
fn an_observed_indicator_invalidates_its_assumption() {
    let dir = tempfile::tempdir().unwrap();
    let first = write_brief(dir.path(), "port", "The port.\n", FIRST);
    let cut = write_brief(
        dir.path(),
        "cut",
        "Cut.\n",
        &SECOND.replace(
            "Ships dock again at the port.",
            "The owners had their funds cut.",
        ),
    );
    let store = TempStore::new();
    store.ok(&["load", first.to_str().unwrap(), cut.to_str().unwrap()]);
    let json = indicators_json(&store, &[]);
    assert_eq!(state(&json, "funds-cut")["bearing"], "loses");
    assert_eq!(
        json["invalidated"],
        serde_json::json!([{ "brief": "port", "assumption": "funding", "indicator": "funds-cut" }])
    );
}

#[test]
fn trace_flags_a_hypothesis_that_rests_on_an_unsupported_assumption() {
    let (_dir, first, _) = briefs();
    let store = TempStore::new();
    store.ok(&["load", first.to_str().unwrap()]);
    let text = store.ok(&["trace"]);
    assert!(
        text.contains("! rests on an unsupported assumption: funding \"The owners keep paying for the repairs.\" (under repairs)"),
        "{text}"
    );
    assert!(
        text.contains("assumes (solid): permits \"The permits stay valid.\" (under reopens)"),
        "{text}"
    );
    assert!(
        text.contains("! reopens: rests on an unsupported assumption: funding"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&store.ok(&["trace", "--format", "json"])).unwrap();
    let assumptions = &json["briefs"][0]["hypotheses"][0]["assumptions"];
    assert_eq!(assumptions[0]["key"], "funding");
    assert_eq!(assumptions[0]["confidence"], "unsupported");
    assert_eq!(assumptions[1]["key"], "permits");
}

#[test]
fn a_malformed_ask_is_reported_at_its_line_and_column_in_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let bad = FIRST.replace(
        "ASK { GRAPH ?g { ?e arg:text ?t . FILTER(CONTAINS(STR(?t), \"tender\")) } }",
        "ASK { GRAPH ?g { ?e arg:text ?t . FILTR(CONTAINS(STR(?t), \"tender\")) } }",
    );
    let brief = write_brief(dir.path(), "port", "The port.\n", &bad);
    let out = argmap().arg("check").arg(&brief).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let map = std::fs::read_to_string(brief.join("map.toml")).unwrap();
    let line = map.lines().position(|l| l.contains("FILTR")).unwrap() + 1;
    let column = map.lines().nth(line - 1).unwrap().find("FILTR").unwrap() + 1;
    assert!(
        stderr.contains(&format!("map.toml:{line}:")),
        "expected line {line} (column near {column}):\n{stderr}"
    );
    assert!(
        stderr.contains("the `ask` of [indicator.tenders] is not valid SPARQL"),
        "{stderr}"
    );
    // A query that parses but is not an ASK, and an unknown hypothesis.
    let select = FIRST
        .replace(
            "ASK { GRAPH ?g { ?e a arg:Evidence",
            "SELECT * { GRAPH ?g { ?e a arg:Evidence",
        )
        .replace(
            "hypothesis = \"reopens\"\ndirection = \"refutes\"",
            "hypothesis = \"reopen\"\ndirection = \"refutes\"",
        );
    let brief = write_brief(dir.path(), "port2", "The port.\n", &select);
    let out = argmap().arg("check").arg(&brief).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the `ask` of [indicator.ships-return] is a SELECT query, not an ASK"),
        "{stderr}"
    );
    assert!(
        stderr.contains("`hypothesis` names `reopen`, but there is no hypothesis of that id"),
        "{stderr}"
    );
}

#[test]
fn indicators_read_through_an_endpoint_as_on_the_local_store() {
    let (_dir, first, second) = briefs();
    let store = TempStore::new();
    store.ok(&["load", first.to_str().unwrap(), second.to_str().unwrap()]);
    let server = SparqlServer::start(Engine::Oxigraph);
    let mut push = argmap();
    push.arg("--store")
        .arg(store.path())
        .args(server.writer(true))
        .arg("push");
    let pushed = push.output().unwrap();
    assert!(pushed.status.success(), "{pushed:?}");
    for format in ["text", "json"] {
        let args = ["indicators", "--as-of", "2019-01-15", "--format", format];
        let local = store.ok(&args);
        let mut remote = argmap();
        remote
            .arg("--store")
            .arg(store.path())
            .args(server.endpoint())
            .args(args);
        let out = remote.output().unwrap();
        assert!(out.status.success(), "{out:?}");
        assert_eq!(String::from_utf8(out.stdout).unwrap(), local, "{format}");
    }
}
