//! `argmap reanchor` on a corpus of revisions of the bundled brief and of a
//! second text: every quote's outcome against its expected one, no wrong
//! anchor ever (precision 100 %), the written map and text, and loading,
//! the store and `check` around it.
//!
//! Each case of `tests/data/reanchor/cases/<case>/` holds `base` (`seed`,
//! or the name of a folder of `tests/data/reanchor/bases/`), `revised.txt`,
//! optionally `cmd` (more arguments, one per line), `truth.tsv` (written by
//! hand: the quotes the revision touches, each with its expected outcome and
//! the wording of its right place; every other quote must stay exact) and
//! `expected.txt`, the report (rewritten with `UPDATE_EXPECT=1`).

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{TempStore, argmap, case_dirs, compare_file, root, seed_dir};

fn cases() -> Vec<PathBuf> {
    case_dirs(&root().join("tests/data/reanchor/cases"))
}

/// The folder holding the map and text a case revises.
fn base_of(case: &Path) -> PathBuf {
    let base = std::fs::read_to_string(case.join("base")).unwrap();
    match base.trim() {
        "seed" => seed_dir(),
        other => root().join("tests/data/reanchor/bases").join(other),
    }
}

/// Copies the map and its text into a fresh folder.
fn copy_base(base: &Path, into: &Path) {
    std::fs::create_dir_all(into).unwrap();
    for file in ["map.toml", "brief.txt"] {
        std::fs::copy(base.join(file), into.join(file)).unwrap();
    }
}

fn extra_args(case: &Path) -> Vec<String> {
    std::fs::read_to_string(case.join("cmd"))
        .map(|c| shell_words(&c))
        .unwrap_or_default()
}

/// Splits `--furniture "a b"` into words, honouring double quotes.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let (mut word, mut quoted, mut any) = (String::new(), false, false);
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        words.push(word);
    }
    words
}

/// Runs `argmap reanchor DIR --text REVISED ARGS…` in `dir`'s parent.
fn reanchor(dir: &Path, revised: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = argmap();
    cmd.current_dir(dir.parent().unwrap())
        .arg("reanchor")
        .arg(dir.file_name().unwrap())
        .arg("--text")
        .arg(revised)
        .args(args);
    cmd.output().unwrap()
}

/// One expected line of a case's `truth.tsv`.
struct Truth {
    outcome: String,
    wording: Option<String>,
}

fn truth(case: &Path) -> std::collections::BTreeMap<String, Truth> {
    let text = std::fs::read_to_string(case.join("truth.tsv")).unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut f = l.split('\t');
            let site = f.next().unwrap().to_string();
            let outcome = f.next().expect("an outcome").to_string();
            let wording = f.next().map(str::to_string);
            (site, Truth { outcome, wording })
        })
        .collect()
}

/// How one case went: quotes placed, placed right, and with a right place.
#[derive(Default)]
struct Tally {
    placed: usize,
    right: usize,
    recoverable: usize,
    wrong: Vec<String>,
}

fn judge(case: &Path, report: &Value, tally: &mut Tally) {
    let truth = truth(case);
    let name = case.file_name().unwrap().to_string_lossy();
    for q in report["quotes"].as_array().unwrap() {
        let site = q["site"].as_str().unwrap();
        let outcome = q["outcome"].as_str().unwrap();
        let old = q["old"].as_str().unwrap();
        let (expected, wording) = match truth.get(site) {
            Some(t) => (t.outcome.as_str(), t.wording.as_deref().unwrap_or(old)),
            None => ("exact", old),
        };
        let placed = outcome != "orphaned";
        if expected != "orphaned" {
            tally.recoverable += 1;
        }
        if placed {
            tally.placed += 1;
            let new = q["new"].as_str().unwrap();
            if expected != "orphaned" && new == wording {
                tally.right += 1;
            } else {
                tally.wrong.push(format!(
                    "{name}: {site} placed at \"{new}\", which is not its place"
                ));
            }
        }
        let fits = expected == outcome || (expected == "placed" && placed);
        if !fits {
            tally
                .wrong
                .push(format!("{name}: {site} is {outcome}, expected {expected}"));
        }
    }
}

#[test]
fn every_revision_finds_each_quote_its_place_or_orphans_it() {
    let mut tally = Tally::default();
    let mut mismatches = Vec::new();
    for case in cases() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("map");
        copy_base(&base_of(&case), &dir);
        let revised = case.join("revised.txt");
        let extra = extra_args(&case);
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();

        let text = reanchor(&dir, &revised, &[&["--dry-run"], extra.as_slice()].concat());
        assert!(
            text.status.success(),
            "{}",
            String::from_utf8_lossy(&text.stderr)
        );
        let report = String::from_utf8(text.stdout)
            .unwrap()
            .replace(revised.to_str().unwrap(), "revised.txt");
        if let Err(e) = compare_file(&case.join("expected.txt"), &report) {
            mismatches.push(e);
        }

        let json = reanchor(
            &dir,
            &revised,
            &[&["--format", "json"], extra.as_slice()].concat(),
        );
        assert!(
            json.status.success(),
            "{}",
            String::from_utf8_lossy(&json.stderr)
        );
        let report: Value = serde_json::from_slice(&json.stdout).unwrap();
        judge(&case, &report, &mut tally);

        // The written map checks against the written text, but for the
        // orphaned quotes, which are kept as they were.
        let orphans = report["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|q| q["outcome"] == "orphaned")
            .count();
        assert_eq!(
            std::fs::read(dir.join("brief.txt")).unwrap(),
            std::fs::read(&revised).unwrap()
        );
        let check = argmap().arg("check").arg(&dir).output().unwrap();
        let stderr = String::from_utf8_lossy(&check.stderr);
        let not_found = stderr.matches("quote not found").count();
        assert!(
            not_found <= orphans,
            "{}: {not_found} quotes not found after writing, {orphans} orphaned:\n{stderr}",
            case.display()
        );
        if orphans == 0 {
            assert!(check.status.success(), "{}:\n{stderr}", case.display());
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n\n"));
    assert!(tally.wrong.is_empty(), "{}", tally.wrong.join("\n"));
    // Precision is the point: every placed quote at its own place.
    assert_eq!(tally.right, tally.placed);
    let recall = tally.right as f64 / tally.recoverable as f64;
    assert!(recall > 0.97, "recall {recall:.3}");
}

#[test]
fn a_dry_run_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("map");
    copy_base(&seed_dir(), &dir);
    let revised = root().join("tests/data/reanchor/cases/seed-typos/revised.txt");
    let out = reanchor(&dir, &revised, &["--dry-run"]);
    assert!(out.status.success());
    assert_eq!(
        std::fs::read(dir.join("map.toml")).unwrap(),
        std::fs::read(seed_dir().join("map.toml")).unwrap()
    );
    assert_eq!(
        std::fs::read(dir.join("brief.txt")).unwrap(),
        std::fs::read(seed_dir().join("brief.txt")).unwrap()
    );
}

/// Lines of `a` not in `b`, in order.
fn lines_not_in(a: &str, b: &str) -> Vec<String> {
    let b: std::collections::HashSet<&str> = b.lines().collect();
    a.lines()
        .filter(|l| !b.contains(l))
        .map(str::to_string)
        .collect()
}

#[test]
fn the_map_keeps_its_comments_and_layout_and_only_the_changed_quotes_change() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("map");
    copy_base(&seed_dir(), &dir);
    let revised = root().join("tests/data/reanchor/cases/seed-typos/revised.txt");
    let out = reanchor(&dir, &revised, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let before = std::fs::read_to_string(seed_dir().join("map.toml")).unwrap();
    let after = std::fs::read_to_string(dir.join("map.toml")).unwrap();
    let added = lines_not_in(&after, &before);
    let removed = lines_not_in(&before, &after);
    // Four quotes reworded by the typo fixes, and `revises` in [brief].
    assert_eq!(removed.len(), 4, "{removed:#?}");
    assert_eq!(added.len(), 5, "{added:#?}");
    assert!(
        added
            .iter()
            .all(|l| l.starts_with("quote = ") || l.starts_with("revises = \"sha256:"))
    );
    assert_eq!(before.lines().count() + 1, after.lines().count());
    // Every comment of the map is still there.
    let comments = |t: &str| {
        t.lines()
            .filter(|l| l.trim_start().starts_with('#'))
            .count()
    };
    assert_eq!(comments(&before), comments(&after));
}

#[test]
fn an_orphaned_quote_is_kept_and_marked_and_a_rerun_does_not_mark_it_twice() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("map");
    copy_base(&seed_dir(), &dir);
    let revised = root().join("tests/data/reanchor/cases/seed-deleted/revised.txt");
    assert!(reanchor(&dir, &revised, &[]).status.success());
    let once = std::fs::read_to_string(dir.join("map.toml")).unwrap();
    assert!(
        once.contains("quote = \"Last month, North Korea invited members of Russian Parliament\"")
    );
    let marks = once.matches("# reanchor: orphaned").count();
    assert!(marks >= 2, "{marks}");
    // The text is the revised one now: a second run finds the same orphans.
    assert!(reanchor(&dir, &revised, &[]).status.success());
    let twice = std::fs::read_to_string(dir.join("map.toml")).unwrap();
    assert_eq!(twice.matches("# reanchor: orphaned").count(), marks);
}

#[test]
fn loading_records_the_text_s_digest_and_the_text_it_revises() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("map");
    copy_base(&seed_dir(), &dir);
    let revised = root().join("tests/data/reanchor/cases/seed-reordered/revised.txt");
    assert!(reanchor(&dir, &revised, &[]).status.success());
    let store = TempStore::new();
    store.ok(&["load", dir.to_str().unwrap()]);
    let out = store.ok(&[
        "query",
        "--format",
        "tsv",
        "--sparql",
        "PREFIX arg: <https://w3id.org/argmap/ns#> PREFIX prov: <http://www.w3.org/ns/prov#>
         SELECT ?new ?old WHERE { GRAPH ?g { ?brief arg:hasText ?t . ?t arg:sha256 ?new ; prov:wasRevisionOf ?was . BIND(STRAFTER(STR(?was), \"/text/\") AS ?old) } }",
    ]);
    let row: Vec<&str> = out.lines().nth(1).expect("one row").split('\t').collect();
    let hex = |path: &Path| {
        let out = std::process::Command::new("sha256sum")
            .arg(path)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()[..64].to_string()
    };
    assert_eq!(row[0].trim_matches('"'), hex(&revised));
    assert_eq!(row[1].trim_matches('"'), hex(&seed_dir().join("brief.txt")));
}

#[test]
fn the_store_alone_is_enough_to_reanchor_a_loaded_brief() {
    let store = TempStore::with_seed();
    let revised = root().join("tests/data/reanchor/cases/seed-typos/revised.txt");
    let from_store = store.ok(&[
        "reanchor",
        "--from-store",
        "kinu-co-17-32",
        "--text",
        revised.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let from_store: Value = serde_json::from_str(&from_store).unwrap();
    let outcomes = |r: &Value| {
        let mut o: Vec<(String, String)> = r["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| {
                (
                    q["site"].as_str().unwrap().into(),
                    q["outcome"].as_str().unwrap().into(),
                )
            })
            .collect();
        o.sort();
        o
    };
    // A map whose text was already replaced by the revision: the old text
    // and each quote's context come from the store.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("map");
    copy_base(&seed_dir(), &dir);
    std::fs::copy(&revised, dir.join("brief.txt")).unwrap();
    let mut cmd = argmap();
    cmd.arg("--store").arg(store.path()).current_dir(tmp.path());
    let out = cmd
        .args([
            "reanchor",
            "map",
            "--from-store",
            "kinu-co-17-32",
            "--format",
            "json",
            "--text",
        ])
        .arg(&revised)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let with_map: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(outcomes(&from_store), outcomes(&with_map));
    assert_eq!(
        outcomes(&with_map)
            .iter()
            .filter(|(_, o)| o == "fuzzy")
            .count(),
        4
    );
    let check = argmap().arg("check").arg(&dir).output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn check_points_at_reanchor_when_several_quotes_no_longer_match() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("map");
    copy_base(&seed_dir(), &dir);
    std::fs::copy(
        root().join("tests/data/reanchor/cases/seed-deleted/revised.txt"),
        dir.join("brief.txt"),
    )
    .unwrap();
    let out = argmap().arg("check").arg(&dir).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("argmap reanchor"), "{stderr}");
}
