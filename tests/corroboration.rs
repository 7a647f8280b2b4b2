//! Independent corroboration: `derived-from` checked like every key, and `trace`, `matrix` and `query circular-reporting` counting root origins, not items, on generated briefs and the bundled brief.

use std::path::{Path, PathBuf};

use crate::common::{TempStore, argmap, seed_dir};

/// Writes a brief `id` under `dir`: its text and a map of `[brief]` and `body`.
pub fn write_brief(dir: &Path, id: &str, text: &str, body: &str) -> PathBuf {
    let folder = dir.join(id);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("brief.txt"), text).unwrap();
    let map = format!(
        "[brief]\ntitle = \"{id}\"\nlanguage = \"en\"\nrights = \"© tests\"\nmapped-by = \"tests\"\nmapped-on = \"2026-12-01\"\n\n{body}"
    );
    std::fs::write(folder.join("map.toml"), map).unwrap();
    folder
}

/// A brief whose two items come through two papers that both relayed one
/// wire story, and a third item from a witness of its own.
const WIRE_BODY: &str = r#"
[question.q]
text = "Did the port close?"
exclusive = false

[hypothesis.closed]
answers = "q"
text = "The port closed."

[evidence.paper-a-says]
text = "Paper A says the port closed."
status = "reported"
source = "paper-a"
supports = ["closed"]

[evidence.paper-b-says]
text = "Paper B says the port closed."
status = "reported"
source = "paper-b"
supports = ["closed"]

[evidence.witness-says]
text = "A witness saw the gates shut."
status = "reported"
said-by = "witness"
supports = ["closed"]
ratings = { closed = "C" }

[source.paper-a]
kind = "media"
title = "Paper A"
reliability = "B"
credibility = 2
derived-from = ["wire"]

[source.paper-b]
kind = "media"
title = "Paper B"
reliability = "B"
credibility = 2
derived-from = ["wire"]

[source.wire]
kind = "media"
title = "The wire story"
publisher = "agency"

[actor.agency]
kind = "organisation"
name = "The Wire Agency"

[actor.witness]
kind = "person"
name = "A witness"
"#;

fn wire_store() -> (TempStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let brief = write_brief(dir.path(), "wire", "The port closed.\n", WIRE_BODY);
    let store = TempStore::new();
    store.ok(&["load", brief.to_str().unwrap()]);
    (store, dir)
}

#[test]
fn trace_counts_origins_not_items_and_names_the_shared_origin() {
    let (store, _dir) = wire_store();
    let text = store.ok(&["trace"]);
    assert!(
        text.contains("origins: 2 behind 3 evidence items"),
        "{text}"
    );
    assert!(
        text.contains(
            "! apparent corroboration from one origin: The wire story (paper-a-says, paper-b-says)"
        ),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&store.ok(&["trace", "--format", "json"])).unwrap();
    let h = &json["briefs"][0]["hypotheses"][0];
    assert_eq!(h["summary"]["evidence"], 3);
    assert_eq!(h["summary"]["sources"], 2);
    assert_eq!(h["summary"]["origins"], 2);
    assert_eq!(h["one_origin"][0]["origin"]["label"], "The wire story");
    assert_eq!(
        h["one_origin"][0]["items"],
        serde_json::json!(["paper-a-says", "paper-b-says"])
    );
}

#[test]
fn matrix_weighs_items_from_one_origin_once() {
    let (store, _dir) = wire_store();
    let json: serde_json::Value =
        serde_json::from_str(&store.ok(&["matrix", "--format", "json"])).unwrap();
    let rows = json["briefs"][0]["questions"][0]["evidence"]
        .as_array()
        .unwrap();
    let row = |key: &str| rows.iter().find(|r| r["key"] == key).unwrap().clone();
    // B2 weighs 0.80 × 0.80 = 0.64; the two papers share it.
    for key in ["paper-a-says", "paper-b-says"] {
        assert_eq!(row(key)["same_origin"], 2, "{key}");
        assert_eq!(row(key)["weight"], 0.32, "{key}");
        assert_eq!(row(key)["origin"], "The wire story");
    }
    assert_eq!(row("witness-says")["same_origin"], 1);
    assert_eq!(row("witness-says")["weight"], 0.25);
    let text = store.ok(&["matrix"]);
    assert!(
        text.contains("one origin, weighed once: paper-a-says, paper-b-says come from The wire story, each at 1/2 of its weight"),
        "{text}"
    );
}

#[test]
fn a_speaker_is_one_origin_across_briefs_and_sources() {
    let dir = tempfile::tempdir().unwrap();
    let body = |item: &str, via: &str| {
        format!(
            r#"
[question.q]
text = "Will the talks resume?"
exclusive = false

[hypothesis.resume]
answers = "q"
text = "The talks resume."

[claim.signal]
text = "The minister signals a return to talks."
status = "inference"
supports = ["resume"]

[evidence.{item}-a]
text = "The minister said talks would resume."
status = "reported"
{via}
supports = ["signal"]

[evidence.{item}-b]
text = "The minister repeated that talks would resume."
status = "reported"
said-by = "minister"
supports = ["signal"]

[source.minister-interview]
kind = "interview"
title = "The minister's interview"
by = "minister"

[actor.minister]
kind = "person"
name = "The Minister"
"#
        )
    };
    let first = write_brief(
        dir.path(),
        "first",
        "Talks.\n",
        &body("first", "source = \"minister-interview\""),
    );
    let second = write_brief(
        dir.path(),
        "second",
        "Talks.\n",
        &body("second", "said-by = \"minister\""),
    );
    let store = TempStore::new();
    store.ok(&["load", first.to_str().unwrap(), second.to_str().unwrap()]);
    // Through the interview (the minister's own) or said directly: one origin.
    let trace = store.ok(&["trace", "--brief", "first"]);
    assert!(
        trace.contains("origins: 1 behind 2 evidence items"),
        "{trace}"
    );
    assert!(
        trace.contains("apparent corroboration from one origin: The Minister (first-a, first-b)"),
        "{trace}"
    );
    // The named query lists it for every brief of the corpus, at each node above.
    let rows = store.ok(&["query", "circular-reporting", "--format", "tsv"]);
    let lines: Vec<&str> = rows.lines().skip(1).collect();
    for brief in ["first", "second"] {
        for claim in ["signal", "resume"] {
            assert!(
                lines.iter().any(|l| l.contains(&format!("\"{brief}\""))
                    && l.contains(&format!("\"{claim}\""))
                    && l.contains("The Minister")),
                "{brief}/{claim} missing:\n{rows}"
            );
        }
    }
    assert_eq!(lines.len(), 4, "{rows}");
}

#[test]
fn the_bundled_brief_has_kyodo_as_the_one_origin_of_two_items() {
    let store = TempStore::with_seed();
    let trace = store.ok(&["trace", "--brief", "kinu-co-17-32"]);
    assert!(
        trace.contains(
            "! us-role-in-visit: apparent corroboration from one origin: Kyodo News (kyodo-ri-request, kyodo-us-opposition)"
        ),
        "{trace}"
    );
    let rows = store.ok(&["query", "circular-reporting", "--format", "tsv"]);
    let kyodo: Vec<&str> = rows.lines().filter(|l| l.contains("Kyodo News")).collect();
    assert_eq!(kyodo.len(), 1, "{rows}");
    assert!(
        kyodo[0].starts_with("\"kinu-co-17-32\"\t\"us-role-in-visit\""),
        "{rows}"
    );
    assert!(
        kyodo[0].contains("\t2\t1\t"),
        "two items through one source: {rows}"
    );
    // The map says so and checks clean.
    let check = argmap().arg("check").arg(seed_dir()).output().unwrap();
    assert!(check.status.success(), "{check:?}");
}

#[test]
fn an_unknown_origin_is_an_error_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let body = WIRE_BODY.replace(
        "derived-from = [\"wire\"]\n\n[source.paper-b]",
        "derived-from = [\"wrie\"]\n\n[source.paper-b]",
    );
    let brief = write_brief(dir.path(), "bad", "The port closed.\n", &body);
    let out = argmap().arg("check").arg(&brief).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let map = std::fs::read_to_string(brief.join("map.toml")).unwrap();
    let line = map.lines().position(|l| l.contains("\"wrie\"")).unwrap() + 1;
    assert!(stderr.contains(&format!("map.toml:{line}:17")), "{stderr}");
    assert!(stderr.contains("no source or actor of that id"), "{stderr}");
    assert!(stderr.contains("did you mean `wire`?"), "{stderr}");
}

#[test]
fn a_source_derived_from_itself_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let body = WIRE_BODY.replace(
        "publisher = \"agency\"",
        "publisher = \"agency\"\nderived-from = [\"paper-a\"]",
    );
    let brief = write_brief(dir.path(), "cycle", "The port closed.\n", &body);
    let out = argmap().arg("check").arg(&brief).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("[source.paper-a] is derived from itself: paper-a → wire → paper-a"),
        "{stderr}"
    );
}
