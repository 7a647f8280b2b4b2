//! The bundled brief, KINU CO 17-32: it checks clean, every sentence of its body is covered, and its motives sit where the text says.

use crate::common::{TempStore, argmap, seed_dir, sentences};

fn brief_text() -> String {
    std::fs::read_to_string(seed_dir().join("brief.txt")).unwrap()
}

#[test]
fn the_seed_is_the_brief_byte_for_byte() {
    let shipped = std::fs::read(seed_dir().join("brief.txt")).unwrap();
    // The brief as published sits beside the checkout, in the shared folder
    // the fixtures of the AIF and Argdown tests come from.
    let shared = crate::common::root().join("../shared/briefs/kinu-co-17-32.txt");
    let original = std::fs::read(&shared).unwrap_or_else(|e| {
        panic!(
            "the published brief {} cannot be read ({e}): the seed is compared with it byte for byte, \
             so put the shared folder beside the checkout",
            shared.display()
        )
    });
    assert!(
        shipped == original,
        "seeds/kinu-co-17-32/brief.txt differs from {}",
        shared.display()
    );
    assert_eq!(shipped.len(), 8971);
}

#[test]
fn the_seed_checks_clean() {
    argmap()
        .args(["check", "--deny-warnings", seed_dir().to_str().unwrap()])
        .assert()
        .success();
}

/// The character ranges of every quote in the compiled seed (questions,
/// hypotheses, claims, evidence, events and unmapped passages alike).
fn quote_ranges(store: &TempStore) -> Vec<(usize, usize)> {
    let out = store.ok(&[
        "query",
        "--sparql",
        "PREFIX oa: <http://www.w3.org/ns/oa#> SELECT ?start ?end WHERE { GRAPH ?g { ?s a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end } }",
        "--format",
        "csv",
    ]);
    out.lines()
        .skip(1)
        .map(|l| {
            let (s, e) = l.trim().split_once(',').unwrap();
            (s.parse().unwrap(), e.parse().unwrap())
        })
        .collect()
}

/// Every sentence of the brief, from its title to its disclaimer, is
/// covered by a quote or listed as unmapped with a reason; only the page
/// furniture the map declares is left out.
#[test]
fn every_sentence_of_the_brief_is_covered() {
    let text = brief_text();
    let chars: Vec<char> = text.chars().collect();
    let slice = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    let furniture = [
        "Online Series",
        "2017.12.15. | CO 17-32",
        "Korea Institute for National Unification",
        "CO 17-32",
    ];

    let store = TempStore::with_seed();
    let quotes = quote_ranges(&store);
    let mut body = 0;
    let mut uncovered = Vec::new();
    for sentence in sentences(&text) {
        let piece = slice(sentence);
        if furniture.iter().any(|f| f.contains(piece.trim())) {
            continue;
        }
        body += 1;
        if !quotes.iter().any(|q| q.0 < sentence.1 && sentence.0 < q.1) {
            uncovered.push(slice(sentence));
        }
    }
    assert!(body > 40, "the brief has {body} sentences");
    // The title, byline, rights and disclaimer are each covered on their own.
    for piece in [
        "What Does North Korea Want to Achieve through the Dialogue with the UN?",
        "Sung, Ki-Young (Research Fellow, Unification Policy Studies Division)",
        "©KINU 2017",
        "* The views expressed in this paper are entirely those of the author",
    ] {
        let byte = text.find(piece).unwrap();
        let start = text[..byte].chars().count();
        let end = start + piece.chars().count();
        assert!(
            quotes.iter().any(|q| q.0 <= start && end <= q.1),
            "no quote or unmapped passage covers {piece:?}"
        );
    }
    assert!(
        uncovered.is_empty(),
        "sentences covered by no quote and not unmapped:\n{}",
        uncovered.join("\n")
    );
}

#[test]
fn the_four_motives_sit_where_the_text_says() {
    let text = brief_text();
    let store = TempStore::with_seed();
    let json = store.ok(&["trace", "--brief", "kinu-co-17-32", "--format", "json"]);
    let trace: serde_json::Value = serde_json::from_str(&json).unwrap();
    let hypotheses = trace["briefs"][0]["hypotheses"].as_array().unwrap();
    assert_eq!(hypotheses.len(), 4);
    // Positions found independently: the byte offset of each motive's opening words, converted to characters.
    let openings = [
        "North Korea could be trying to create a buffer zone",
        "the North may have sought to use the UN channel",
        "the UN can play a very effective role",
        "North Korea would probably attempt to highlight",
    ];
    for opening in openings {
        let byte = text
            .find(opening)
            .unwrap_or_else(|| panic!("{opening} is in the brief"));
        let start = text[..byte].chars().count() as u64;
        let h = hypotheses
            .iter()
            .find(|h| h["quote"]["start"].as_u64() == Some(start))
            .unwrap_or_else(|| panic!("no motive's quote starts at {start} ({opening})"));
        let end = h["quote"]["end"].as_u64().unwrap() as usize;
        let quoted: String = text
            .chars()
            .skip(start as usize)
            .take(end - start as usize)
            .collect();
        assert!(quoted.starts_with(opening));
        assert_eq!(
            quoted.split_whitespace().collect::<Vec<_>>(),
            h["quote"]["text"]
                .as_str()
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>()
        );
    }
    let hedges: Vec<&str> = hypotheses
        .iter()
        .filter_map(|h| h["hedge"].as_str())
        .collect();
    for hedge in ["could be", "may have", "can", "would probably"] {
        assert!(hedges.contains(&hedge), "{hedge} missing from {hedges:?}");
    }
}

#[test]
fn the_three_sentences_across_page_breaks_are_quoted_across_them() {
    let store = TempStore::with_seed();
    let out = store.ok(&[
        "query",
        "--sparql",
        "PREFIX oa: <http://www.w3.org/ns/oa#> SELECT ?exact WHERE { GRAPH ?g { ?s a oa:TextQuoteSelector ; oa:exact ?exact } }",
        "--format",
        "json",
    ]);
    let results: serde_json::Value = serde_json::from_str(&out).unwrap();
    let exacts: Vec<&str> = results["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["exact"]["value"].as_str().unwrap())
        .collect();
    for (before, after) in [
        ("through", "their own channel"),
        ("welcoming North Korea", "and Russia's contact"),
        ("'humanitarian", "crisis' frame"),
    ] {
        assert!(
            exacts
                .iter()
                .any(|e| e.contains(before) && e.contains(after) && e.contains("CO 17-32")),
            "no quote runs from `{before}` across the page break to `{after}`"
        );
    }
}

#[test]
fn the_rights_are_the_brief_s_own_words() {
    let store = TempStore::with_seed();
    let json = store.ok(&["trace", "--brief", "kinu-co-17-32", "--format", "json"]);
    let trace: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rights = trace["briefs"][0]["brief"]["rights"].as_str().unwrap();
    assert_eq!(rights, "©KINU 2017");
    assert!(brief_text().contains(rights));
}

/// Every node of every tree of the trace, depth first.
fn tree_nodes(node: &serde_json::Value, out: &mut Vec<serde_json::Value>) {
    for child in ["supported_by", "opposed_by"] {
        for n in node[child].as_array().into_iter().flatten() {
            out.push(n.clone());
            tree_nodes(n, out);
        }
    }
}

#[test]
fn trace_tells_the_analyst_s_links_from_the_author_s() {
    let store = TempStore::with_seed();
    let json = store.ok(&["trace", "--brief", "kinu-co-17-32", "--format", "json"]);
    let trace: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut nodes = Vec::new();
    let brief = &trace["briefs"][0];
    for tree in brief["hypotheses"]
        .as_array()
        .unwrap()
        .iter()
        .chain(brief["other_conclusions"].as_array().unwrap())
    {
        tree_nodes(tree, &mut nodes);
    }
    let analyst: Vec<&serde_json::Value> =
        nodes.iter().filter(|n| n["analyst_link"] == true).collect();
    assert!(!analyst.is_empty(), "no analyst's link in the trace");
    assert!(nodes.iter().any(|n| n["analyst_link"] == false));
    let text = store.ok(&["trace", "--brief", "kinu-co-17-32"]);
    assert!(text.contains("(analyst's link)"), "{text}");
    // The store says who drew each line.
    let links = store.ok(&[
        "query",
        "--sparql",
        "PREFIX arg: <https://w3id.org/argmap/ns#> SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?r arg:analystLink true } }",
        "--format",
        "csv",
    ]);
    assert_eq!(links.lines().nth(1), Some("12"), "{links}");
}

#[test]
fn trace_prints_a_subtree_reached_twice_once() {
    let store = TempStore::with_seed();
    let text = store.ok(&["trace", "--brief", "kinu-co-17-32"]);
    // Within one hypothesis's section, a node's text is printed once; its
    // later places say "shown above".
    let trees = text
        .split("\nHypothesis ")
        .skip(1)
        .flat_map(|s| s.split("\n  ├─ conclusion: "))
        .flat_map(|s| s.split("\n  └─ conclusion: "));
    for section in trees {
        let section = section.split("\nSummary of").next().unwrap();
        let mut seen = std::collections::BTreeSet::new();
        for line in section
            .lines()
            .filter(|l| l.contains("supported by ") || l.contains("opposed by "))
        {
            let Some((head, rest)) = line.split_once(": ") else {
                continue;
            };
            let key = head.rsplit(' ').next().unwrap().to_string();
            if rest == "shown above" {
                assert!(
                    seen.contains(&key),
                    "{key} is referred back to before it is shown"
                );
            } else {
                assert!(
                    seen.insert(key.clone()),
                    "{key} is printed twice in one tree:\n{section}"
                );
            }
        }
    }
    assert!(text.contains("shown above"));
    // JSON keeps the tree and marks the repeats.
    let json = store.ok(&["trace", "--brief", "kinu-co-17-32", "--format", "json"]);
    let trace: serde_json::Value = serde_json::from_str(&json).unwrap();
    let mut nodes = Vec::new();
    let brief = &trace["briefs"][0];
    for tree in brief["hypotheses"]
        .as_array()
        .unwrap()
        .iter()
        .chain(brief["other_conclusions"].as_array().unwrap())
    {
        tree_nodes(tree, &mut nodes);
    }
    assert!(nodes.iter().any(|n| n["repeat"] == true));
}

#[test]
fn trace_shows_the_author_s_words_before_each_band_and_names_its_scale() {
    let store = TempStore::with_seed();
    let text = store.ok(&["trace", "--brief", "kinu-co-17-32"]);
    assert!(
        text.contains("the author's \"would probably\", read as 55–80 % (ICD 203)"),
        "{text}"
    );
    assert!(text.contains("the author's \"could be\", read as 25–50 % (survey)"));
    assert!(text.contains("  ICD 203: "));
    assert!(text.contains("  survey: "));
    assert!(text.contains("A map's [hedges] table may override any band"));
}

#[test]
fn an_open_interval_is_a_start_with_no_end() {
    let store = TempStore::with_seed();
    let json = store.ok(&["trace", "--brief", "kinu-co-17-32", "--format", "json"]);
    assert!(
        json.contains("\"date\": \"1991/..\""),
        "no open interval in the trace"
    );
    assert!(json.contains("\"date\": \"1995~/..\""));
    let text = store.ok(&["trace", "--brief", "kinu-co-17-32"]);
    assert!(text.contains("date from 1991 on"), "{text}");
    let timeline = store.ok(&[
        "query",
        "timeline",
        "--brief",
        "kinu-co-17-32",
        "--format",
        "csv",
    ]);
    assert!(timeline.contains("1995/..,food-shortages"), "{timeline}");
    let ends = store.ok(&[
        "query",
        "--sparql",
        "PREFIX arg: <https://w3id.org/argmap/ns#> SELECT ?s ?end WHERE { GRAPH ?g { ?s arg:key \"un-arena-against-seoul\" ; arg:startDate ?start . OPTIONAL { ?s arg:endDate ?end } } }",
        "--format",
        "csv",
    ]);
    assert_eq!(ends.lines().count(), 2, "{ends}");
    assert!(ends.lines().nth(1).unwrap().ends_with(','), "{ends}");
}
