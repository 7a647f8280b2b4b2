//! `argmap draft`: drafts of the bundled brief, of public-domain texts nobody tuned the drafter to, and of synthetic texts (non-ASCII first, CRLF, no paragraph breaks, page furniture), each checked, traced and held to the text.

use std::path::{Path, PathBuf};

use crate::common::{TempStore, argmap, root, seed_dir};

/// The texts of `tests/data/draft/`, each with the date of issue to give when the text has none.
const TEXTS: &[(&str, Option<&str>)] = &[
    ("federalist-10", None),
    ("federalist-51", None),
    ("fomc-2023-12-13", Some("2023-12-13")),
    ("fomc-2020-08-27-framework", Some("2020-08-27")),
    ("synthetic-furniture-crlf", None),
    ("synthetic-no-breaks", Some("2023-06-30")),
];

/// Drafts `brief` into `out` under `id`, with no keys from any store, and returns the map's text.
fn draft(brief: &Path, id: &str, out: &Path, extra: &[&str]) -> String {
    let output = argmap()
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .arg("draft")
        .arg(brief)
        .args(["--id", id, "--out"])
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "draft failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read_to_string(out.join(id).join("map.toml")).unwrap()
}

fn text_brief(name: &str) -> PathBuf {
    root().join("tests/data/draft").join(name).join("brief.txt")
}

fn check_clean(folder: &Path) {
    let out = argmap()
        .arg("check")
        .arg("--deny-warnings")
        .arg(folder)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "check of {} failed:\n{}",
        folder.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every quote of the map, as parsed from its TOML.
fn quotes(map: &toml::Table) -> Vec<String> {
    let mut out = Vec::new();
    for (kind, tables) in map {
        if kind == "unmapped" {
            for u in tables.as_array().unwrap() {
                out.push(u["quote"].as_str().unwrap().to_string());
            }
            continue;
        }
        if let Some(tables) = tables.as_table() {
            for value in tables.values() {
                if let Some(q) = value.get("quote").and_then(|q| q.as_str()) {
                    out.push(q.to_string());
                }
            }
        }
    }
    out
}

/// The text with its furniture removed and its white space collapsed, for finding quotes by hand.
/// Furniture is a whole line, or a running head glued to the start or end of a line by a page
/// break; the same words inside a sentence are the text's own.
fn flattened(text: &str, furniture: &[String]) -> String {
    let mut kept = Vec::new();
    for line in text.lines() {
        let mut line = line.trim();
        if furniture.iter().any(|f| f == line) {
            continue;
        }
        for f in furniture {
            if let Some(head) = line.strip_suffix(f.as_str()).filter(|h| h.ends_with(' ')) {
                line = head.trim_end();
            }
            if let Some(tail) = line.strip_prefix(f.as_str()).filter(|t| t.starts_with(' ')) {
                line = tail.trim_start();
            }
        }
        kept.push(line);
    }
    kept.join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn furniture(map: &toml::Table) -> Vec<String> {
    map["brief"]
        .get("furniture")
        .and_then(|f| f.as_array())
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

/// The hypotheses in the order the draft writes them (a parsed table sorts its keys).
fn hypotheses(map: &toml::Table, text: &str) -> Vec<(String, toml::Table)> {
    let mut out: Vec<(String, toml::Table)> = map
        .get("hypothesis")
        .and_then(|h| h.as_table())
        .map(|t| {
            t.iter()
                .map(|(k, v)| (k.clone(), v.as_table().unwrap().clone()))
                .collect()
        })
        .unwrap_or_default();
    out.sort_by_key(|(k, _)| text.find(&format!("[hypothesis.{k}]")));
    out
}

#[test]
fn the_bundled_brief_drafts_to_a_map_that_checks_and_traces() {
    let dir = tempfile::tempdir().unwrap();
    let text = draft(
        &seed_dir().join("brief.txt"),
        "kinu-draft",
        dir.path(),
        &["--no-reuse"],
    );
    let folder = dir.path().join("kinu-draft");
    assert_eq!(
        std::fs::read(folder.join("brief.txt")).unwrap(),
        std::fs::read(seed_dir().join("brief.txt")).unwrap(),
        "the text is copied byte for byte"
    );
    check_clean(&folder);
    assert!(text.contains("# draft: "), "guesses are marked");
    let map: toml::Table = text.parse().unwrap();
    assert_eq!(
        map["brief"]["title"].as_str(),
        Some("What Does North Korea Want to Achieve through the Dialogue with the UN?")
    );
    assert_eq!(map["brief"]["date"].as_str(), Some("2017-12-15"));
    assert_eq!(map["brief"]["number"].as_str(), Some("CO 17-32"));
    assert_eq!(map["brief"]["series"].as_str(), Some("Online Series"));
    // The four motives, each with the hedge of the hand-made map.
    let hedges: Vec<String> = hypotheses(&map, &text)
        .iter()
        .map(|(_, h)| {
            h.get("hedge")
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(hedges, ["could be", "may have", "can", "would probably"]);
    let question = &map["question"]["question"];
    assert!(
        question["quote"]
            .as_str()
            .unwrap()
            .contains("following four ways")
    );
    // Reported speech names its speaker.
    let kyodo = map["evidence"]
        .as_table()
        .unwrap()
        .values()
        .find(|n| {
            n["quote"]
                .as_str()
                .unwrap()
                .starts_with("Kyodo News Agency reported")
        })
        .expect("the Kyodo sentence is evidence");
    assert_eq!(kyodo["status"].as_str(), Some("reported"));
    assert!(text.contains("# draft: \"reported\" in \"Kyodo News Agency reported that"));
    // Dates: explicit ones completed with the brief's year, relative ones inferred.
    assert!(text.contains("date = \"2017-12-05/2017-12-09\""));
    assert!(text.contains("date = \"2017-11-30\""));
    assert!(text.contains("date = \"1995~/..\"\ndate-inferred = true"));
    // The trace runs at once.
    let store = TempStore::new();
    store.ok(&["load", folder.to_str().unwrap()]);
    let trace = store.ok(&["trace", "--brief", "kinu-draft"]);
    assert!(trace.contains("could be"), "{trace}");
}

#[test]
fn a_second_brief_reuses_the_keys_of_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let brief = dir.path().join("second.txt");
    std::fs::write(&brief, "Guterres and the Council\n\nUN Secretary-General Antonio Guterres met Kyodo News Agency editors in Tokyo. He said that the UN Security Council would meet North Korea's envoy. Pyongyang did not answer. Ri Yong-ho spoke at the UN General Assembly in September. His General Assembly address was long.\n").unwrap();
    let store = TempStore::with_seed();
    let out = dir.path().join("out");
    let status = argmap()
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .args(["--store", store.path().to_str().unwrap(), "draft"])
        .arg(&brief)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap()
        .status;
    assert!(status.success());
    let text = std::fs::read_to_string(out.join("second/map.toml")).unwrap();
    // Two names of one known actor give it one key, not `unga` and `unga-2`.
    assert!(!text.contains("[actor.unga-2]"), "{text}");
    for key in ["guterres", "un", "unsc", "unga", "north-korea", "japan"] {
        assert!(
            text.contains(&format!("[actor.{key}]")),
            "no [actor.{key}] in\n{text}"
        );
    }
    assert!(
        text.contains("# draft: the known actor \"guterres\" (Antonio Guterres), matched by name")
    );
    check_clean(&out.join("second"));
    // Without the store the same person gets a key of its own making.
    let fresh = draft(&brief, "fresh", &out, &["--no-reuse"]);
    assert!(
        fresh.contains("[actor.antonio-guterres]") || fresh.contains("[actor.guterres]"),
        "{fresh}"
    );
}

#[test]
fn texts_nobody_tuned_it_to_draft_to_maps_that_check_without_invented_quotes() {
    let dir = tempfile::tempdir().unwrap();
    for (name, date) in TEXTS {
        let brief = text_brief(name);
        let extra: Vec<&str> = match date {
            Some(d) => vec!["--no-reuse", "--date", d],
            None => vec!["--no-reuse"],
        };
        let text = draft(&brief, name, dir.path(), &extra);
        check_clean(&dir.path().join(name));
        let map: toml::Table = text.parse().unwrap();
        let source = std::fs::read_to_string(&brief).unwrap();
        let flat = flattened(&source, &furniture(&map));
        for quote in quotes(&map) {
            assert!(
                flat.contains(&quote),
                "{name}: the quote {quote:?} is not in the text"
            );
        }
        assert_eq!(
            std::fs::read(dir.path().join(name).join("brief.txt")).unwrap(),
            std::fs::read(&brief).unwrap(),
            "{name}: the text is copied byte for byte"
        );
    }
}

#[test]
fn enumerated_readings_come_out_as_hypotheses() {
    let dir = tempfile::tempdir().unwrap();
    let readings = |name: &str, date: Option<&str>| {
        let mut extra = vec!["--no-reuse"];
        if let Some(d) = date {
            extra.extend(["--date", d]);
        }
        let text = draft(&text_brief(name), name, dir.path(), &extra);
        let map: toml::Table = text.parse().unwrap();
        let questions: Vec<(String, bool)> = map
            .get("question")
            .and_then(|q| q.as_table())
            .map(|t| {
                t.iter()
                    .map(|(k, v)| (k.clone(), v["exclusive"].as_bool().unwrap()))
                    .collect()
            })
            .unwrap_or_default();
        let quotes: Vec<String> = hypotheses(&map, &text)
            .iter()
            .map(|(_, h)| h["quote"].as_str().unwrap().to_string())
            .collect();
        (questions, quotes)
    };
    // "Possible motivations include A, B, and C, as well as D" and "One explanation … Another explanation …".
    let (questions, quotes) = readings("synthetic-furniture-crlf", None);
    assert_eq!(questions.len(), 2, "{questions:?}");
    assert_eq!(
        quotes,
        [
            "the revival of border trade,",
            "the return of migrants,",
            "pressure from exporters,",
            "a wish to mediate between Caracas and Washington.",
            "One explanation is that Bogotá may have wanted a quick success before the regional elections.",
            "Another explanation is that the US administration asked Colombia to keep a channel open.",
        ]
    );
    // "two rival readings … First, … Second, …", with no paragraph breaks: rivals.
    let (questions, quotes) = readings("synthetic-no-breaks", Some("2023-06-30"));
    assert_eq!(questions, [("question".to_string(), true)]);
    assert_eq!(quotes.len(), 2);
    assert!(
        quotes[0].starts_with("the council may have feared the vote"),
        "{quotes:?}"
    );
    // The Federalist No. 10: "two methods of curing the mischiefs of faction: the one, …; the other, …".
    let (_, quotes) = readings("federalist-10", None);
    assert!(
        quotes
            .iter()
            .any(|q| q.starts_with("the one, by removing its causes")),
        "{quotes:?}"
    );
    assert!(
        quotes
            .iter()
            .any(|q| q.starts_with("the other, by controlling its effects")),
        "{quotes:?}"
    );
}

#[test]
fn synthetic_text_keeps_its_metadata_furniture_and_dates() {
    let dir = tempfile::tempdir().unwrap();
    let text = draft(
        &text_brief("synthetic-furniture-crlf"),
        "cafe",
        dir.path(),
        &["--no-reuse"],
    );
    let map: toml::Table = text.parse().unwrap();
    assert_eq!(
        map["brief"]["title"].as_str(),
        Some("Café diplomacy: what does Bogotá want from Caracas?")
    );
    assert_eq!(
        map["actor"]["maria-jose-nunez"]["role"].as_str(),
        Some("Senior Fellow, Andean Studies Programme")
    );
    assert_eq!(
        furniture(&map),
        ["Andean Policy Institute", "Page 1 of 2", "Page 2 of 2"]
    );
    assert!(
        map["actor"]["api"]["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a.as_str() == Some("API"))
    );
    assert!(text.contains("date = \"2024-03-03\""));
    assert!(
        text.contains("# draft: from \"last month\"\ndate = \"2024-02\"\ndate-inferred = true"),
        "{text}"
    );
    // "However" proposes an opposition.
    assert!(
        text.contains("# draft: \"however\" opens the sentence"),
        "{text}"
    );
}

#[test]
fn an_existing_map_is_never_overwritten_and_gets_proposals_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("kinu-co-17-32");
    std::fs::create_dir_all(&folder).unwrap();
    for file in ["brief.txt", "map.toml"] {
        std::fs::copy(seed_dir().join(file), folder.join(file)).unwrap();
    }
    let before = std::fs::read(folder.join("map.toml")).unwrap();
    let run = || {
        argmap()
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .arg("draft")
            .arg(seed_dir().join("brief.txt"))
            .arg("--out")
            .arg(dir.path())
            .args(["--id", "kinu-co-17-32", "--no-reuse"])
            .output()
            .unwrap()
    };
    let first = run();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(std::fs::read(folder.join("map.toml")).unwrap(), before);
    let proposals = std::fs::read_to_string(folder.join("map.draft.toml")).unwrap();
    // The hand-made map quotes the four motives, so the proposals hold none of them.
    assert!(!proposals.contains("[hypothesis."), "{proposals}");
    assert!(
        String::from_utf8_lossy(&first.stderr)
            .contains("sentences the map already quotes left out")
    );
    // A second run refuses to overwrite the proposals.
    let second = run();
    assert_eq!(second.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&second.stderr).contains("draft never overwrites a map"));
}

#[test]
fn the_same_text_always_gives_the_same_draft() {
    let dir = tempfile::tempdir().unwrap();
    let a = draft(
        &seed_dir().join("brief.txt"),
        "a",
        dir.path(),
        &["--no-reuse"],
    );
    let b = draft(
        &seed_dir().join("brief.txt"),
        "b",
        dir.path(),
        &["--no-reuse"],
    );
    assert_eq!(
        a.replace("draft map of a,", ""),
        b.replace("draft map of b,", "")
    );
}
