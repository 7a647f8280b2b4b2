//! The JSON Schema of `map.toml`: `argmap schema` prints the repository's copy, the maps that check clean validate against it, and a key `check` refuses is refused by it too.

use std::path::{Path, PathBuf};

use crate::common::{argmap, compare_file, root, seed_dir};

/// Runs `tests/schema/validate.py` (Python's jsonschema, installed by
/// scripts/setup.sh) on `maps`; returns whether all are valid and its report.
fn validate(maps: &[PathBuf]) -> (bool, String) {
    let out = std::process::Command::new("python3")
        .arg(root().join("tests/schema/validate.py"))
        .arg(root().join("schema/map.schema.json"))
        .args(maps)
        .output()
        .expect("python3 runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), report)
}

/// Every `map.toml` below `dir` that `argmap check` passes.
fn clean_maps(dir: &Path) -> Vec<PathBuf> {
    let mut maps = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n == "map.toml")
                && argmap()
                    .arg("check")
                    .arg(&path)
                    .output()
                    .unwrap()
                    .status
                    .success()
            {
                maps.push(path);
            }
        }
    }
    maps.sort();
    maps
}

#[test]
fn argmap_schema_prints_the_repository_s_copy() {
    let out = argmap().arg("schema").output().unwrap();
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    // UPDATE_EXPECT=1 writes the copy after a change to the map format.
    if let Err(mismatch) = compare_file(&root().join("schema/map.schema.json"), &printed) {
        panic!(
            "{mismatch}\nschema/map.schema.json is behind `argmap schema`: run with UPDATE_EXPECT=1"
        );
    }
}

#[test]
fn the_bundled_map_and_every_clean_fixture_validate() {
    let mut maps = vec![seed_dir().join("map.toml")];
    maps.extend(clean_maps(&root().join("tests/data")));
    assert!(maps.len() > 5, "{maps:?}");
    let (ok, report) = validate(&maps);
    assert!(ok, "{report}");
    assert_eq!(
        report.lines().filter(|l| l.starts_with("ok ")).count(),
        maps.len()
    );
}

#[test]
fn what_check_refuses_as_a_key_the_schema_refuses_too() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(seed_dir().join("map.toml")).unwrap();
    let cases = [
        (
            "unknown-key",
            seed.replacen("[brief]\n", "[brief]\ntitel = \"x\"\n", 1),
        ),
        (
            "unknown-section",
            format!("{seed}\n[claims.x]\ntext = \"x\"\n"),
        ),
        (
            "wrong-type",
            seed.replacen("[question.aim]\n", "[question.aim]\nnote = 3\n", 1),
        ),
        (
            "bad-status",
            format!("{seed}\n[claim.extra]\ntext = \"x\"\nstatus = \"rumour\"\n"),
        ),
    ];
    for (name, text) in cases {
        let case = dir.path().join(name);
        std::fs::create_dir(&case).unwrap();
        std::fs::write(case.join("map.toml"), &text).unwrap();
        std::fs::copy(seed_dir().join("brief.txt"), case.join("brief.txt")).unwrap();
        let checked = argmap().arg("check").arg(&case).output().unwrap();
        assert_eq!(checked.status.code(), Some(1), "check passes {name}");
        let (ok, report) = validate(&[case.join("map.toml")]);
        assert!(!ok && report.contains("invalid"), "{name}: {report}");
    }
}
