//! Enumerated readings: the sentences or parts of a sentence that a text counts as the answers to one question.

use std::ops::Range;

use crate::draft::argument::{counts_readings, exclusive, lower_words, ordinal};
use crate::draft::layout::Layout;
use crate::draft::lexicon::{ORDINALS, STOPWORDS, find_phrase, is};
use crate::draft::names::slug;
use crate::draft::sentences::Sentence;

/// One reading: a hypothesis of the draft.
#[derive(Debug, Clone)]
pub struct Reading {
    pub key: String,
    /// The open sentence it is in.
    pub sentence: usize,
    /// Its words, within the sentence's words.
    pub words: Range<usize>,
    pub hedge: Option<String>,
    pub why: String,
}

/// A question and its readings.
#[derive(Debug, Clone)]
pub struct Readings {
    pub key: String,
    /// The open sentence that announces the readings, when there is one.
    pub question_sentence: Option<usize>,
    pub exclusive: bool,
    pub exclusive_why: String,
    pub why: String,
    pub readings: Vec<Reading>,
}

/// Singular nouns for "one explanation … another …".
const ONE_OF: &[&str] = &[
    "explanation",
    "reading",
    "possibility",
    "interpretation",
    "reason",
    "view",
    "answer",
    "hypothesis",
    "motive",
    "account",
    "scenario",
];

/// Words a reading's key leaves out: modals and the words of hedges.
const NOT_KEY_WORDS: &[&str] = &[
    "be", "been", "have", "has", "is", "are", "was", "were", "would", "could", "may", "might",
    "can", "must", "probably", "likely", "seems", "sought", "trying", "attempt", "use",
];

/// Finds every enumeration of readings among the open sentences.
pub fn find(layout: &Layout, open: &[&Sentence]) -> Vec<Readings> {
    let lower: Vec<Vec<String>> = open.iter().map(|s| lower_words(&s.words(layout))).collect();
    let mut found = ordinal_runs(&lower);
    for (k, words) in lower.iter().enumerate() {
        if found
            .iter()
            .any(|r| r.question_sentence == Some(k) || r.readings.iter().any(|x| x.sentence == k))
        {
            continue;
        }
        if let Some(r) = inline_list(&open[k].words(layout), words, k) {
            found.push(r);
        }
    }
    found.extend(one_and_another(&lower, &found));
    found.sort_by_key(|r| r.readings[0].sentence);
    let mut taken: Vec<String> = Vec::new();
    for (n, r) in found.iter_mut().enumerate() {
        r.key = if n == 0 {
            "question".into()
        } else {
            format!("question-{}", n + 1)
        };
        let mut passage: Vec<String> = r
            .question_sentence
            .map(|q| lower[q].clone())
            .unwrap_or_default();
        for reading in &mut r.readings {
            let words = &lower[reading.sentence][reading.words.clone()];
            passage.extend(words.iter().cloned());
            reading.key = reading_key(words, &mut taken);
        }
        (r.exclusive, r.exclusive_why) = exclusive(&passage);
    }
    found
}

fn reading(sentence: usize, words: Range<usize>, why: String) -> Reading {
    Reading {
        key: String::new(),
        sentence,
        words,
        hedge: None,
        why,
    }
}

/// "First, … Second, … Third, …": a run of sentences opening with ordinals in order.
fn ordinal_runs(lower: &[Vec<String>]) -> Vec<Readings> {
    let mut runs = Vec::new();
    let mut current: Vec<(usize, usize)> = Vec::new();
    let close = |current: &mut Vec<(usize, usize)>, runs: &mut Vec<Readings>| {
        if current.len() >= 2 {
            runs.push(run_of(lower, current));
        }
        current.clear();
    };
    for (k, words) in lower.iter().enumerate() {
        // An ordinal with next to nothing after it is no reading.
        let Some(place) = ordinal(words).filter(|_| words.len() >= 4) else {
            continue;
        };
        let expected = current.len() + 1;
        if place == 1 {
            close(&mut current, &mut runs);
            current.push((k, 1));
        } else if !current.is_empty() && (place == expected || place == 0) {
            current.push((k, expected));
            if place == 0 {
                close(&mut current, &mut runs);
            }
        }
    }
    close(&mut current, &mut runs);
    runs
}

fn run_of(lower: &[Vec<String>], items: &[(usize, usize)]) -> Readings {
    let first = items[0].0;
    let question = (first.saturating_sub(2)..first).rev().find(|&q| {
        counts_readings(&lower[q]).is_some() || lower[q].last().is_some_and(|w| w.ends_with(':'))
    });
    let readings = items
        .iter()
        .map(|&(k, _)| {
            let opener = ORDINALS
                .iter()
                .filter(|(o, _)| find_phrase(&lower[k], o, 0) == Some(0))
                .map(|(o, _)| o.split(' ').count())
                .max()
                .unwrap_or(1);
            let word = &lower[k][opener - 1];
            reading(
                k,
                opener..lower[k].len(),
                format!("the sentence opens with \"{word}\""),
            )
        })
        .collect();
    let why = match question {
        Some(q) if counts_readings(&lower[q]).is_some() => {
            "a sentence that counts the readings, then sentences opening with ordinals".to_string()
        }
        _ => "sentences opening with ordinals in order".to_string(),
    };
    Readings {
        key: String::new(),
        question_sentence: question,
        exclusive: false,
        exclusive_why: String::new(),
        why,
        readings,
    }
}

/// "Possible motivations include A, B, and C, as well as D"; "two methods …: the one, …; the other, …".
fn inline_list(words: &[&str], lower: &[String], k: usize) -> Option<Readings> {
    let noun = counts_readings(lower)?;
    let colon = (noun..words.len()).find(|&i| words[i].ends_with(':'));
    let include = (noun + 1..words.len().min(noun + 3)).find(|&i| {
        matches!(
            lower[i].as_str(),
            "include" | "includes" | "including" | "are" | "were"
        )
    });
    let (start, split_on_semicolon) = match (colon, include) {
        (Some(c), _) if words[c + 1..].iter().any(|w| w.ends_with(';')) => (c + 1, true),
        (_, Some(i)) => (i + 1, false),
        _ => return None,
    };
    let mut items: Vec<Range<usize>> = Vec::new();
    let mut from = start;
    let mut i = start;
    while i < words.len() {
        let w = words[i];
        let joiner = !split_on_semicolon && matches!(lower[i].as_str(), "and" | "or") && i == from;
        if joiner {
            from = i + 1;
        } else if !split_on_semicolon
            && lower[i] == "as"
            && lower.get(i + 1).is_some_and(|x| x == "well")
            && lower.get(i + 2).is_some_and(|x| x == "as")
        {
            if i > from {
                items.push(from..i);
            }
            from = i + 3;
            i += 2;
        } else if split_on_semicolon && w.ends_with(';') || !split_on_semicolon && w.ends_with(',')
        {
            items.push(from..i + 1);
            from = i + 1;
        }
        i += 1;
    }
    if from < words.len() {
        items.push(from..words.len());
    }
    items.retain(|r| !r.is_empty());
    if items.len() < 2 {
        return None;
    }
    let cue = if split_on_semicolon {
        "a colon, then parts split by semicolons"
    } else {
        "a list after the count"
    };
    Some(Readings {
        key: String::new(),
        question_sentence: Some(k),
        exclusive: false,
        exclusive_why: String::new(),
        why: format!("\"{} {}\" and {cue}", lower[noun - 1], lower[noun]),
        readings: items
            .into_iter()
            .map(|r| {
                reading(
                    k,
                    r,
                    format!("a part of the list in \"{}\"", words[..start].join(" ")),
                )
            })
            .collect(),
    })
}

/// "One explanation is … Another is …": sentences that introduce readings one by one.
fn one_and_another(lower: &[Vec<String>], found: &[Readings]) -> Vec<Readings> {
    let used = |k: usize| {
        found
            .iter()
            .any(|r| r.question_sentence == Some(k) || r.readings.iter().any(|x| x.sentence == k))
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < lower.len() {
        let opens = lower[k]
            .windows(2)
            .any(|p| p[0] == "one" && is(ONE_OF, &p[1]));
        if !opens || used(k) {
            k += 1;
            continue;
        }
        let mut items = vec![k];
        let mut j = k + 1;
        while j < lower.len() && j <= items[items.len() - 1] + 3 {
            let another = lower[j].iter().take(6).any(|w| w == "another")
                || lower[j]
                    .windows(2)
                    .take(6)
                    .any(|p| p[0] == "a" && p[1] == "second");
            if another && !used(j) {
                items.push(j);
            }
            j += 1;
        }
        if items.len() >= 2 {
            let readings = items
                .iter()
                .map(|&i| reading(i, 0..lower[i].len(), "\"one …\" then \"another …\"".into()))
                .collect();
            out.push(Readings {
                key: String::new(),
                question_sentence: None,
                exclusive: false,
                exclusive_why: String::new(),
                why: "\"one …\" then \"another …\"".into(),
                readings,
            });
            k = *items.last().unwrap_or(&k) + 1;
        } else {
            k += 1;
        }
    }
    out
}

/// A reading's key: three of its content words, unique.
fn reading_key(words: &[String], taken: &mut Vec<String>) -> String {
    let content: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| {
            !w.is_empty()
                && !is(STOPWORDS, w)
                && !is(NOT_KEY_WORDS, w)
                && w.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        .take(3)
        .collect();
    let words = slug(&content.join(" "));
    let base = if words.is_empty() {
        "reading".to_string()
    } else {
        format!("h-{words}")
    };
    let mut key = base.clone();
    let mut n = 2;
    while taken.contains(&key) {
        key = format!("{base}-{n}");
        n += 1;
    }
    taken.push(key.clone());
    key
}
