//! The words of names: a word cleaned of its punctuation, capitals and acronyms, slugs, and the known actors found by folded name.

use std::collections::HashMap;

use crate::draft::Known;
use crate::link::fold::fold;

/// The known actors, by the folded form of each of their names.
pub struct KnownIndex<'k> {
    by_name: HashMap<String, &'k Known>,
}

impl<'k> KnownIndex<'k> {
    pub fn new(known: &'k [Known]) -> KnownIndex<'k> {
        let mut by_name = HashMap::new();
        for k in known {
            for name in &k.names {
                by_name.entry(fold(name).compact).or_insert(k);
            }
        }
        KnownIndex { by_name }
    }

    pub fn find(&self, name: &str) -> Option<&'k Known> {
        self.by_name.get(&fold(name).compact).copied()
    }
}

pub fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

pub fn acronym(word: &str) -> bool {
    (2..=8).contains(&word.chars().count())
        && word.chars().all(|c| c.is_ascii_uppercase() || c == '.')
        && word.chars().filter(char::is_ascii_uppercase).count() >= 2
}

/// A word without the punctuation around it or a possessive, and whether punctuation ended it.
pub fn clean(word: &str) -> (String, bool) {
    let inner = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let trimmed = inner.trim_end_matches(|c: char| !c.is_alphanumeric());
    let ended = trimmed.len() < inner.len() && !inner[trimmed.len()..].starts_with(['\'', '’']);
    let initial = trimmed.chars().count() == 1
        && trimmed.chars().all(char::is_uppercase)
        && inner.ends_with('.');
    let ended = !initial
        && (ended
            || inner[trimmed.len()..].contains([',', ';', ':', '.', '?', '!', ')', '"', '”'])
            || trimmed.ends_with("'s")
            || trimmed.ends_with("’s"));
    let mut core = trimmed.to_string();
    // "UN-led", "US-backed": the name is the part before a lower-case suffix.
    if let Some((head, tail)) = core.split_once('-') {
        const SUFFIXES: &[&str] = &[
            "led",
            "backed",
            "based",
            "era",
            "style",
            "run",
            "owned",
            "made",
            "funded",
            "sponsored",
            "like",
            "wide",
            "born",
            "centred",
            "centered",
            "related",
            "specific",
        ];
        if capitalised(head) && (acronym(head) || SUFFIXES.contains(&tail)) {
            core = head.to_string();
            return (core, true);
        }
    }
    (core, ended)
}

/// The slug of a name: its folded words joined by hyphens.
pub fn slug(name: &str) -> String {
    let tokens: Vec<String> = fold(name)
        .tokens
        .into_iter()
        .map(|t| {
            t.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .filter(|t| !t.is_empty())
        .collect();
    tokens.join("-")
}
