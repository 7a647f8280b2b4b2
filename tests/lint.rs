//! `argmap lint`: each rule has a failing map in `tests/data/lint/`, with its exact output beside it.

use crate::common::{argmap, root};

fn lint(case: &str) {
    crate::common::expect_case("lint", case);
}

#[test]
fn a_clean_map_has_no_findings() {
    lint("clean");
}

#[test]
fn a_hedge_no_scale_defines() {
    lint("unscaled-hedge");
}

#[test]
fn a_hypothesis_with_no_hedge() {
    lint("hypothesis-without-hedge");
}

#[test]
fn likelihood_and_confidence_in_one_sentence() {
    lint("likelihood-and-confidence");
}

#[test]
fn a_hedge_its_own_quote_contradicts() {
    lint("hedge-contradicts-quote");
}

#[test]
fn evidence_with_no_source() {
    lint("evidence-without-source");
}

#[test]
fn a_source_never_cited() {
    lint("unused-source");
}

#[test]
fn a_report_with_no_speaker() {
    lint("reported-without-speaker");
}

#[test]
fn an_observation_whose_quote_hedges() {
    lint("observed-with-hedge");
}

#[test]
fn with_no_file_the_bundled_brief_is_linted() {
    let out = argmap()
        .args(["lint", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = report["problems"].as_array().unwrap();
    assert!(!problems.is_empty());
    for p in problems {
        assert_eq!(p["file"], "seeds/kinu-co-17-32/map.toml");
        assert_eq!(p["severity"], "warning");
        assert!(p["line"].as_u64().unwrap() >= 1);
        assert!(!p["help"].as_str().unwrap().is_empty());
    }
    // The seed's own map-defined hedges are on no published scale.
    assert!(problems.iter().any(|p| {
        p["message"]
            .as_str()
            .unwrap()
            .contains("`seems` is on no published scale")
    }));
}

#[test]
fn a_map_that_does_not_check_gets_checks_errors() {
    let dir = root().join("tests/data/check");
    let out = argmap()
        .current_dir(&dir)
        .args(["lint", "bad-ratings"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("error: rating `X`"), "{stderr}");
    assert!(stderr.contains("(run `argmap check`)"), "{stderr}");
}
