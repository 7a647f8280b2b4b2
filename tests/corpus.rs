//! `argmap gen-corpus`: generated maps pass `check`, a seed gives the same bytes, a generated corpus loads and traces, and the options the benchmarks use do what they say.

use std::fs;
use std::path::Path;

use crate::common::{TempStore, argmap};

fn generate(out: &Path, args: &[&str]) {
    let mut cmd = argmap();
    cmd.arg("gen-corpus").arg("--out").arg(out).args(args);
    let output = cmd.output().expect("argmap runs");
    assert!(
        output.status.success(),
        "gen-corpus failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all = Vec::new();
    for brief in fs::read_dir(dir).unwrap() {
        let brief = brief.unwrap().path();
        for name in ["brief.txt", "map.toml"] {
            let rel = format!("{}/{name}", brief.file_name().unwrap().to_string_lossy());
            all.push((rel, fs::read(brief.join(name)).unwrap()));
        }
    }
    all.sort();
    all
}

#[test]
fn generated_maps_pass_check_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    generate(&out, &["--briefs", "12", "--seed", "7"]);
    let output = argmap()
        .arg("check")
        .arg("--deny-warnings")
        .args(fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_seed_gives_the_same_bytes_and_another_seed_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("c"),
    );
    let (na, nb) = (dir.path().join("a.nq"), dir.path().join("b.nq"));
    generate(
        &a,
        &[
            "--briefs",
            "5",
            "--seed",
            "3",
            "--nquads",
            na.to_str().unwrap(),
        ],
    );
    generate(
        &b,
        &[
            "--briefs",
            "5",
            "--seed",
            "3",
            "--nquads",
            nb.to_str().unwrap(),
        ],
    );
    generate(&c, &["--briefs", "5", "--seed", "4"]);
    assert_eq!(files(&a), files(&b));
    assert_eq!(fs::read(&na).unwrap(), fs::read(&nb).unwrap());
    assert_ne!(files(&a), files(&c));
}

#[test]
fn briefs_have_the_shape_of_a_real_brief_and_share_actors_and_sources() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    generate(&out, &["--briefs", "6", "--seed", "11"]);
    let mut actors = std::collections::HashMap::<String, usize>::new();
    for entry in fs::read_dir(&out).unwrap() {
        let map = fs::read_to_string(entry.unwrap().path().join("map.toml")).unwrap();
        let count = |section: &str| map.matches(&format!("\n[{section}.")).count();
        assert!((1..=2).contains(&count("question")), "{map}");
        assert!((3..=6).contains(&count("hypothesis")));
        assert!((10..=15).contains(&count("claim")));
        assert!((20..=40).contains(&count("evidence")));
        assert!(count("source") > 0 && count("event") > 0);
        for line in map
            .lines()
            .filter(|l| l.starts_with("[actor.") || l.starts_with("[source."))
        {
            *actors.entry(line.to_string()).or_default() += 1;
        }
    }
    assert!(
        actors.values().any(|&n| n > 1),
        "no actor or source is shared"
    );
}

#[test]
fn a_large_brief_is_as_large_as_asked_and_a_corpus_loads_and_traces() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big");
    generate(
        &big,
        &["--briefs", "1", "--evidence", "300", "--claims", "40"],
    );
    let map = fs::read_to_string(big.join("brief-00001/map.toml")).unwrap();
    assert_eq!(map.matches("\n[evidence.").count(), 300);
    assert_eq!(map.matches("\n[claim.").count(), 40);

    let out = dir.path().join("corpus");
    let nq = dir.path().join("corpus.nq");
    generate(&out, &["--briefs", "4", "--nquads", nq.to_str().unwrap()]);
    let store = TempStore::new();
    let dirs: Vec<String> = (1..=4)
        .map(|i| {
            out.join(format!("brief-{i:05}"))
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let mut args = vec!["load"];
    args.extend(dirs.iter().map(String::as_str));
    store.ok(&args);
    // The store holds exactly the quads written to the N-Quads file.
    let quads = fs::read_to_string(&nq).unwrap().lines().count();
    assert_eq!(store.dump().len(), quads);
    let trace = store.ok(&["trace", "--brief", "brief-00002", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&trace).unwrap();
    let hypotheses = json["briefs"][0]["hypotheses"].as_array().unwrap();
    assert!(hypotheses.len() >= 3);
    assert!(
        hypotheses
            .iter()
            .any(|h| h["summary"]["evidence"].as_u64().unwrap() > 0)
    );
    // Loading more briefs into the store adds them (the ontology is kept,
    // not replaced). They come from the same seed, so that their shared
    // actors and sources are described as the store's briefs describe them.
    let more = dir.path().join("more");
    generate(&more, &["--briefs", "6"]);
    let extra = more.join("brief-00006");
    let extra = extra.to_string_lossy();
    store.ok(&["load", &extra]);
    assert!(store.ok(&["list"]).contains("brief-00006"));
}

#[test]
fn hypotheses_and_exclusive_questions_are_as_asked() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    generate(
        &out,
        &[
            "--briefs",
            "3",
            "--hypotheses",
            "4",
            "--exclusive",
            "--seed",
            "5",
        ],
    );
    for entry in fs::read_dir(&out).unwrap() {
        let map = fs::read_to_string(entry.unwrap().path().join("map.toml")).unwrap();
        assert_eq!(map.matches("\n[hypothesis.").count(), 4);
        assert!(!map.contains("exclusive = false"), "{map}");
    }
    let output = argmap()
        .arg("check")
        .arg("--deny-warnings")
        .args(fs::read_dir(&out).unwrap().map(|e| e.unwrap().path()))
        .output()
        .unwrap();
    assert!(output.status.success());
    // Fewer than two hypotheses would leave a question unanswered: a usage error.
    let refused = argmap()
        .args(["gen-corpus", "--briefs", "1", "--hypotheses", "1", "--out"])
        .arg(dir.path().join("none"))
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn the_roster_links_to_its_true_matches_and_never_to_a_decoy() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    let dataset = dir.path().join("dataset.ttl");
    generate(
        &out,
        &[
            "--briefs",
            "2",
            "--actors",
            "40",
            "--link-dataset",
            dataset.to_str().unwrap(),
        ],
    );
    let map = fs::read_to_string(out.join("brief-00002/map.toml")).unwrap();
    assert_eq!(map.matches("\n[actor.roster-").count(), 40);
    let store = TempStore::new();
    let briefs: Vec<String> = ["brief-00001", "brief-00002"]
        .iter()
        .map(|b| out.join(b).to_string_lossy().into_owned())
        .collect();
    store.ok(&["load", &briefs[0], &briefs[1]]);
    let table = store.ok(&[
        "link",
        "--with",
        dataset.to_str().unwrap(),
        "--dry-run",
        "--format",
        "json",
    ]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&table).unwrap();
    let linked: Vec<(String, String)> = rows
        .iter()
        .filter(|r| r["decision"] == "linked")
        .map(|r| {
            let entity = r["entity"].as_str().unwrap();
            let key = entity.rsplit('/').next().unwrap().to_string();
            (key, r["candidate"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(linked.len(), 40, "{table}");
    for (key, candidate) in &linked {
        assert_eq!(candidate, &format!("http://example.org/roster/match/{key}"));
    }
    // The organisations' person namesakes are told apart by type, not by name.
    assert!(rows.iter().any(|r| r["decision"] == "type-mismatch"));
    // A dataset with no roster to reconcile is a usage error.
    let refused = argmap()
        .args([
            "gen-corpus",
            "--briefs",
            "1",
            "--link-dataset",
            "x.ttl",
            "--out",
        ])
        .arg(dir.path().join("none"))
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
}
