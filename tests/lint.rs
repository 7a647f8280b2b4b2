//! `argmap lint`: each rule has a failing map in `tests/data/lint/`, with its exact output beside it.

use crate::common::{argmap, root};

/// Every folder of `tests/data/lint/` is a map that breaks one rule (a
/// folder's name says which), or a clean one: `argmap lint FOLDER` must
/// give the exit code and stderr of its `expected.txt`. A new folder is a
/// new case.
#[test]
fn every_case_gives_its_expected_output() {
    assert!(crate::common::expect_every_case("lint") >= 9);
}

#[test]
fn with_no_file_the_bundled_brief_is_linted() {
    // Findings are advice: the bundled brief has some, and lint still exits 0.
    let out = argmap()
        .args(["lint", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
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
fn findings_fail_the_run_only_with_deny_warnings() {
    let out = argmap().args(["lint"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("warning: "), "{stderr}");
    assert!(stderr.contains("ok: 1 map linted, 22 findings"), "{stderr}");
    let out = argmap().args(["lint", "--deny-warnings"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("failed: 1 map linted, 22 findings"),
        "{stderr}"
    );
    let help = argmap().args(["lint", "--help"]).output().unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("Findings are advice"));
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
