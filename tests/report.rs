//! `argmap report`: the page's structure, read from Rust, and the page in headless Chromium
//! (Debian's, driven by playwright-core with axe-core, pinned in tests/node): the click that shows
//! a passage, every quote in place, no request but the file, WCAG 2.1 AA, and screenshots.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{TempStore, argmap, root, seed_dir};
use crate::servers::ArgmapServer;

/// The anchors' offsets in the store (or the bundled brief with `store` None).
fn anchors(store: Option<&TempStore>) -> Vec<(usize, usize)> {
    // The passages the page marks: every quote but those listed as unmapped.
    let query = "PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX arg: <https://w3id.org/argmap/ns#> SELECT ?start ?end WHERE { GRAPH ?g { ?s a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end . ?a oa:hasTarget/oa:hasSelector ?s ; oa:hasBody ?b FILTER NOT EXISTS { ?b a arg:UnmappedPassage } } }";
    let args = ["-q", "query", "--sparql", query, "--format", "csv"];
    let out = match store {
        Some(s) => s.ok(&args),
        None => {
            let out = argmap().args(args).output().expect("argmap runs");
            assert!(out.status.success());
            String::from_utf8(out.stdout).expect("UTF-8")
        }
    };
    out.lines()
        .skip(1)
        .map(|l| {
            let (s, e) = l.trim().split_once(',').expect("two columns");
            (s.parse().expect("a number"), e.parse().expect("a number"))
        })
        .collect()
}

/// What the browser check expects: each quote as the text's characters between its offsets.
fn expectations(text: &str, anchors: &[(usize, usize)]) -> serde_json::Value {
    let chars: Vec<char> = text.chars().collect();
    let quotes: Vec<serde_json::Value> = anchors
        .iter()
        .map(|&(s, e)| {
            serde_json::json!({"start": s, "end": e, "text": chars[s..e].iter().collect::<String>()})
        })
        .collect();
    serde_json::json!({ "hypotheses": 4, "quotes": quotes, "axe": false, "screenshots": null })
}

/// Runs tests/node/report.js on `page`; returns its facts, failing the test on any failure.
fn browser_check(page: &Path, expect: &serde_json::Value) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let file = dir.path().join("expect.json");
    std::fs::write(&file, expect.to_string()).expect("write the expectations");
    let out = Command::new("node")
        .arg(root().join("tests/node/report.js"))
        .arg(page)
        .arg(&file)
        .output()
        .expect("node runs (scripts/setup.sh --tests installs it)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let result: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap_or(""))
        .unwrap_or_else(|_| {
            panic!(
                "the browser check printed no result:\n{stdout}\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
    assert!(
        out.status.success() && result["ok"] == true,
        "the browser check failed:\n{}",
        serde_json::to_string_pretty(&result["failures"]).unwrap_or_default()
    );
    result["facts"].clone()
}

fn page_of_bundled_brief(dir: &Path) -> PathBuf {
    let out = argmap()
        .current_dir(dir)
        .arg("report")
        .output()
        .expect("argmap runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("wrote kinu-co-17-32.html"), "{stderr}");
    dir.join("kinu-co-17-32.html")
}

#[test]
fn the_bundled_brief_in_chromium() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let page = page_of_bundled_brief(dir.path());
    let text = std::fs::read_to_string(seed_dir().join("brief.txt")).expect("the brief");
    let anchors = anchors(None);
    assert_eq!(anchors.len(), 66);
    let mut expect = expectations(&text, &anchors);
    let shots = root().join("target/report-screenshots");
    let _ = std::fs::remove_dir_all(&shots);
    expect["axe"] = true.into();
    expect["screenshots"] = shots.to_string_lossy().into_owned().into();
    let facts = browser_check(&page, &expect);
    assert_eq!(facts["hypotheses"], 4, "{facts}");
    assert_eq!(facts["quotes"], 66, "{facts}");
    assert_eq!(facts["axe_desktop"]["violations"], 0, "{facts}");
    assert_eq!(facts["axe_phone"]["violations"], 0, "{facts}");
    assert!(
        facts["clicked"]
            .as_str()
            .is_some_and(|h| h.starts_with("#p"))
    );
    assert!(
        facts["keyboard"]
            .as_str()
            .is_some_and(|h| h.starts_with("#p"))
    );
    let page_url = facts["requests"][0]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(page_url.starts_with("file://"), "{facts}");
    assert_eq!(
        facts["requests"].as_array().map(Vec::len),
        Some(1),
        "{facts}"
    );
    for shot in ["desktop.png", "phone.png"] {
        let len = std::fs::metadata(shots.join(shot))
            .map(|m| m.len())
            .unwrap_or(0);
        assert!(len > 10_000, "{shot} is {len} bytes");
    }
}

#[test]
fn the_page_is_one_file_with_every_part() {
    let out = argmap()
        .args(["-q", "report", "--out", "-"])
        .output()
        .expect("argmap runs");
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    for part in [
        "<header>",
        "<nav aria-label=\"Contents\">",
        "<main id=\"main\"",
        "<footer>",
        "<section id=\"about\"",
        "<section id=\"map\"",
        "<section id=\"hypotheses\"",
        "<section id=\"text\"",
        "<section id=\"matrix\"",
        "<section id=\"timeline\"",
        "<section id=\"actors\"",
        "©KINU 2017",
        "What does North Korea want to achieve through its dialogue with the UN",
        "no links recorded",
        "<caption",
        "scope=\"col\"",
        "@media print",
    ] {
        assert!(html.contains(part), "the page lacks {part}");
    }
    assert_eq!(html.matches("<article class=\"hypothesis\"").count(), 4);
    assert_eq!(html.matches("<main").count(), 1);
    assert_eq!(html.matches("<span class=\"target\"").count(), 66);
    // Likelihood bands, as text and as a bar.
    assert!(html.contains("“could be” → 25–50 % (survey)"), "a band");
    assert!(html.contains("class=\"band\""));
    // The map is inline, its nodes are links to their passages, and support and attack are drawn apart.
    assert!(!html.contains("<?xml"));
    assert!(html.contains("<svg role=\"group\""));
    assert!(html.contains("<a href=\"#p") && html.contains("class=\"node evidence\""));
    assert!(html.contains("class=\"edge supports supports\""));
    assert!(
        html.contains("class=\"edge opposes opposes\"")
            && html.contains("stroke-dasharray=\"6 3\" marker-end=\"url(#arrow-opposes)\"")
    );
    // Nothing is fetched: no source, stylesheet link, import or remote url().
    for fetch in [
        " src=", "<link", "@import", "url(http", "url(//", "<iframe", "<object",
    ] {
        assert!(!html.contains(fetch), "the page fetches with {fetch}");
    }
    assert_eq!(html.matches("<script>").count(), 1, "one inline script");
}

#[test]
fn text_is_escaped_offsets_count_characters_and_links_show() {
    let work = tempfile::tempdir().expect("a temporary directory");
    let brief = work.path().join("kinu-co-17-32");
    std::fs::create_dir(&brief).expect("a folder");
    let map = std::fs::read_to_string(seed_dir().join("map.toml")).expect("the map");
    let map = map
        .replacen(
            "title = \"What Does North Korea Want to Achieve through the Dialogue with the UN?\"",
            "title = \"What <script>alert('x')</script> & \\\"Pyongyang\\\" want\"",
            1,
        )
        .replacen(
            "links = [\"http://www.wikidata.org/entity/Q311440\"]",
            "links = [\"https://kb.example.org/actor/guterres?a=1&b='2'\"]",
            1,
        );
    std::fs::write(brief.join("map.toml"), map).expect("write the map");
    // Non-ASCII text before every quote: a byte offset would put each passage in the wrong place.
    let text = std::fs::read_to_string(seed_dir().join("brief.txt")).expect("the brief");
    let text = format!("Ünïcödé ☃ 朝鮮 — {text}");
    std::fs::write(brief.join("brief.txt"), &text).expect("write the text");
    let store = TempStore::new();
    store.ok(&["load", "-q", brief.to_str().unwrap()]);
    let page = work.path().join("page.html");
    store.ok(&[
        "-q",
        "report",
        "--brief",
        "https://w3id.org/argmap/kb/brief/kinu-co-17-32",
        "--out",
        page.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&page).expect("the page");
    assert!(
        !html.contains("<script>alert"),
        "markup in the title is escaped"
    );
    assert!(html.contains(
        "What &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Pyongyang&quot; want"
    ));
    assert!(html.contains(
        "<a href=\"https://kb.example.org/actor/guterres?a=1&amp;b=&#39;2&#39;\" rel=\"external noreferrer\">"
    ));
    assert!(html.contains("Ünïcödé ☃ 朝鮮 — "));
    let anchors = anchors(Some(&store));
    assert!(anchors.iter().all(|&(s, _)| s > 15));
    browser_check(&page, &expectations(&text, &anchors));
}

#[test]
fn an_endpoint_gives_the_same_page_as_the_store() {
    let server = ArgmapServer::start(&[]);
    let store = TempStore::with_seed();
    let local = store.ok(&["-q", "report", "--out", "-"]);
    let out = argmap()
        .args([
            "-q",
            "--endpoint",
            &server.url("/sparql"),
            "report",
            "--out",
            "-",
        ])
        .output()
        .expect("argmap runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), local);
}

#[test]
fn which_brief_and_what_goes_wrong() {
    let store = TempStore::with_seed();
    let out = store.run(&["report", "--brief", "nope", "--out", "-"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("there is no brief `nope` in the store; it holds: kinu-co-17-32"),
        "{stderr}"
    );
    let corpus = tempfile::tempdir().expect("a temporary directory");
    let two = TempStore::new();
    two.ok(&[
        "gen-corpus",
        "--briefs",
        "2",
        "--evidence",
        "5",
        "--out",
        corpus.path().to_str().unwrap(),
    ]);
    let dirs: Vec<String> = std::fs::read_dir(corpus.path())
        .expect("the corpus")
        .map(|e| e.expect("an entry").path().to_string_lossy().into_owned())
        .collect();
    let mut args = vec!["load", "-q"];
    args.extend(dirs.iter().map(String::as_str));
    two.ok(&args);
    let out = two.run(&["report", "--out", "-"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the store holds 2 briefs (")
            && stderr.contains("name one with --brief ID"),
        "{stderr}"
    );
    let out = store.run(&["report", "--out", "/nonexistent-dir/page.html"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot write /nonexistent-dir/page.html")
    );
}

#[test]
fn a_map_too_big_to_read_keeps_the_propositions_or_is_left_out() {
    let report = |limit: &str| {
        let out = argmap()
            .args(["-q", "report", "--out", "-", "--map-limit", limit])
            .output()
            .expect("argmap runs");
        assert!(out.status.success());
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let full = report("400");
    assert!(full.contains("class=\"node evidence\"") && !full.contains("class=\"notice\""));
    let simple = report("40");
    assert!(
        simple.contains("the map shows its")
            && simple.contains("questions, hypotheses and claims only")
    );
    assert!(!simple.contains("class=\"node evidence\"") && simple.contains("class=\"node claim\""));
    let none = report("3");
    assert!(none.contains("The map is not drawn") && !none.contains("<svg role=\"group\""));
    // The rest of the page is all there.
    assert_eq!(none.matches("<article class=\"hypothesis\"").count(), 4);
}

#[test]
fn links_accepted_by_link_show_beside_those_written_in_the_map() {
    let store = TempStore::with_seed();
    let work = tempfile::tempdir().expect("a temporary directory");
    let dataset = work.path().join("people.ttl");
    std::fs::write(
        &dataset,
        "@prefix schema: <https://schema.org/> .\n\
         <https://kb.example.org/person/ri-yong-ho> a schema:Person ; schema:name \"Ri Yong Ho\" .\n",
    )
    .expect("write the dataset");
    store.ok(&["-q", "link", "--with", dataset.to_str().unwrap()]);
    let html = store.ok(&["-q", "report", "--out", "-"]);
    // Accepted by reconciliation, in a links graph of its own.
    assert!(html.contains("https://kb.example.org/person/ri-yong-ho"));
    // Written in the map, in the brief's graph.
    assert!(html.contains("http://www.wikidata.org/entity/Q311440"));
}
