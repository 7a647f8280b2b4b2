//! `argmap check`: each kind of problem has a failing map in `tests/data/check/`, with its exact output beside it.

use crate::common::{argmap, root};

fn check(case: &str) {
    crate::common::expect_case("check", case);
}

#[test]
fn malformed_toml() {
    check("malformed-toml");
}

#[test]
fn unknown_key_names_the_nearest_known_key() {
    check("unknown-key");
}

#[test]
fn unknown_section() {
    check("unknown-section");
}

#[test]
fn duplicate_key() {
    check("duplicate-key");
}

#[test]
fn reference_to_nothing() {
    check("reference-to-nothing");
}

#[test]
fn support_cycle() {
    check("support-cycle");
}

#[test]
fn self_support() {
    check("self-support");
}

#[test]
fn quote_not_found_shows_the_closest_passage() {
    check("quote-not-found");
}

#[test]
fn bad_dates() {
    check("bad-date");
}

#[test]
fn unknown_hedge() {
    check("unknown-hedge");
}

#[test]
fn hypothesis_that_answers_no_question() {
    check("answers-no-question");
}

#[test]
fn empty_text() {
    check("empty-text");
}

#[test]
fn reported_without_speaker_or_source() {
    check("reported-without-speaker");
}

#[test]
fn bad_enumerated_values() {
    check("bad-values");
}

#[test]
fn bad_ach_ratings() {
    check("bad-ratings");
}

#[test]
fn a_quote_found_twice_is_a_warning_naming_the_rule() {
    check("quote-twice");
}

#[test]
fn a_quote_across_a_page_break_is_found() {
    check("page-break-quote");
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

#[test]
fn links_that_are_not_iris() {
    check("bad-link");
}
