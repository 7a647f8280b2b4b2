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

#[test]
fn every_sentence_of_the_body_is_covered() {
    let text = brief_text();
    let chars: Vec<char> = text.chars().collect();
    let slice = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    let body_start = text
        .find("The UN Under-Secretary-General for Political Affairs")
        .unwrap();
    let body_end = text.find("©KINU 2017").unwrap();
    let (body_start, body_end) = (
        text[..body_start].chars().count(),
        text[..body_end].chars().count(),
    );
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
        if sentence.0 < body_start
            || sentence.1 > body_end
            || furniture.iter().any(|f| f.contains(piece.trim()))
        {
            continue;
        }
        body += 1;
        if !quotes.iter().any(|q| q.0 < sentence.1 && sentence.0 < q.1) {
            uncovered.push(slice(sentence));
        }
    }
    assert!(body > 40, "the body has {body} sentences");
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
