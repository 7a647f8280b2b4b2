//! `argmap init`: a skeleton map that checks against the brief the user supplies, or says what to do next, and never overwrites a map.

use crate::common::{argmap, seed_dir};

#[test]
fn init_beside_a_brief_writes_a_map_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    let brief = dir.path().join("my-brief");
    std::fs::create_dir(&brief).unwrap();
    std::fs::copy(seed_dir().join("brief.txt"), brief.join("brief.txt")).unwrap();
    let out = argmap().arg("init").arg(&brief).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("argmap check"), "{said}");
    let map = std::fs::read_to_string(brief.join("map.toml")).unwrap();
    let first_line = std::fs::read_to_string(seed_dir().join("brief.txt"))
        .unwrap()
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap()
        .to_string();
    assert!(
        map.contains(&format!(
            "title = {}",
            serde_json::to_string(&first_line).unwrap()
        )),
        "{map}"
    );
    assert!(map.contains("# [hypothesis."), "{map}");
    let checked = argmap().arg("check").arg(&brief).output().unwrap();
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
}

#[test]
fn init_without_a_brief_says_what_to_do_next_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let brief = dir.path().join("new-brief");
    let out = argmap().arg("init").arg(&brief).output().unwrap();
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("brief.txt") && said.contains("next:"),
        "{said}"
    );
    let map = std::fs::read_to_string(brief.join("map.toml")).unwrap();
    let checked = argmap().arg("check").arg(&brief).output().unwrap();
    assert_eq!(checked.status.code(), Some(1));
    let problems = String::from_utf8_lossy(&checked.stderr);
    assert!(problems.contains("brief.txt"), "{problems}");

    let again = argmap().arg("init").arg(&brief).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(said.contains("exists already"), "{said}");
    assert_eq!(
        std::fs::read_to_string(brief.join("map.toml")).unwrap(),
        map
    );
}
