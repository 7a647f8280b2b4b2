//! The argument a brief makes, as a first guess: the question and its enumerated readings, and the role, status, hedge, speaker, date and target of every other sentence.
//!
//! Readings are found where the text counts them: a sentence announcing
//! them ("can be analyzed in the following four ways") followed by
//! sentences opening "First, … Second, …"; a list inside one sentence
//! ("Possible motivations include A, B, and C, as well as D"; "two methods
//! …: the one, …; the other, …"); or "one explanation … another …".
//! Each sentence after a reading, to the end of its paragraph, supports
//! it; in a paragraph without one, the later sentences support the first.
//! Everything here is a guess the analyst corrects, and each carries the
//! words it was guessed from.

use crate::draft::dates::{Found, Ymd, date_of};
use crate::draft::layout::Layout;
use crate::draft::lexicon::{
    ATTRIBUTION, COMPLEMENT, CONCESSIVE, CONTRAST, EVENT_NOUNS, INFERENCE, NUMBERS, ORDINALS,
    READING_NOUNS, RIVALRY, find_phrase, first_of, is,
};
use crate::draft::meta::Meta;
use crate::draft::names::{Actors, slug};
use crate::draft::sentences::Sentence;
use crate::map::hedge::{builtin_table, lookup};

mod readings;

pub use readings::{Reading, Readings};

/// A sentence's epistemic status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Reported,
    Observed,
    Inference,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Reported => "reported",
            Status::Observed => "observed",
            Status::Inference => "inference",
        }
    }
}

/// A claim or item of evidence: one sentence.
#[derive(Debug, Clone)]
pub struct Node {
    pub key: String,
    pub sentence: usize,
    pub status: Status,
    pub status_why: String,
    pub hedge: Option<String>,
    /// The speaker (an actor) of a reported sentence.
    pub said_by: Option<usize>,
    /// The source (an index into [`Argument::sources`]).
    pub source: Option<usize>,
    pub date: Option<Found>,
    pub event: Option<usize>,
    /// The actors it names, by index.
    pub mentions: Vec<usize>,
    /// What it supports or opposes: a key, whether it opposes, and why.
    pub target: Option<(String, bool, String)>,
}

impl Node {
    pub fn kind(&self) -> &'static str {
        if self.status == Status::Inference {
            "claim"
        } else {
            "evidence"
        }
    }
}

/// A source a reported sentence names.
#[derive(Debug, Clone)]
pub struct Source {
    pub key: String,
    pub kind: &'static str,
    pub title: String,
    pub by: Option<usize>,
    pub publisher: Option<usize>,
    pub date: Option<Found>,
    pub why: String,
}

/// An event a dated sentence tells of.
#[derive(Debug, Clone)]
pub struct Event {
    pub key: String,
    pub text: String,
    pub date: String,
    pub inferred: bool,
    pub actors: Vec<usize>,
    pub why: String,
}

/// The draft's argument.
#[derive(Debug, Clone, Default)]
pub struct Argument {
    /// The sentences no map quotes yet, which the indices below point into.
    pub open: Vec<Sentence>,
    pub readings: Vec<Readings>,
    pub nodes: Vec<Node>,
    pub sources: Vec<Source>,
    pub events: Vec<Event>,
    /// Sentences no node quotes, with a note on what they are.
    pub unmapped: Vec<(usize, Option<String>)>,
    /// Hedges outside the built-in table, with the sentence each came from.
    pub hedges: Vec<(String, String)>,
}

/// Reads the argument of the sentences `open` (those no map quotes yet).
pub fn read(layout: &Layout, open: &[&Sentence], meta: &Meta, actors: &Actors) -> Argument {
    let mut argument = Argument {
        open: open.iter().map(|s| (*s).clone()).collect(),
        readings: readings::find(layout, open),
        ..Argument::default()
    };
    let issued = meta.issued.as_ref().map(|g| g.value);
    let mut used = vec![false; open.len()];
    for r in &argument.readings {
        if let Some(q) = r.question_sentence {
            used[q] = true;
        }
        for reading in &r.readings {
            used[reading.sentence] = true;
        }
    }
    let targets = targets(open, &argument.readings);
    let mut previous_speaker = None;
    for (k, sentence) in open.iter().enumerate() {
        if used[k] {
            continue;
        }
        if meta.heading_sentences.contains(&sentence.index) {
            argument
                .unmapped
                .push((k, Some(heading_note(meta, sentence))));
            continue;
        }
        let words = sentence.words(layout);
        if !substantive(&words) || targets[k].is_none() && paragraph_alone(open, k) && !cued(&words)
        {
            argument.unmapped.push((k, None));
            continue;
        }
        let node = node(
            layout,
            sentence,
            k,
            &targets[k],
            issued,
            actors,
            &mut argument,
            &mut previous_speaker,
        );
        argument.nodes.push(node);
    }
    // A paragraph's first sentence may have gone to [[unmapped]]: what pointed at it points nowhere.
    let keys: Vec<String> = argument.nodes.iter().map(|n| n.key.clone()).collect();
    let readings: Vec<String> = argument
        .readings
        .iter()
        .flat_map(|r| r.readings.iter().map(|x| x.key.clone()))
        .collect();
    for n in &mut argument.nodes {
        if n.target
            .as_ref()
            .is_some_and(|(t, _, _)| !keys.contains(t) && !readings.contains(t))
        {
            n.target = None;
        }
    }
    for r in &mut argument.readings {
        for reading in &mut r.readings {
            reading.hedge =
                hedge_of(&open[reading.sentence].words(layout)[reading.words.clone()].join(" "));
        }
    }
    let hedges: Vec<(String, String)> = argument
        .nodes
        .iter()
        .filter_map(|n| Some((n.hedge.clone()?, open[n.sentence].quote.clone())))
        .chain(argument.readings.iter().flat_map(|r| {
            r.readings
                .iter()
                .filter_map(|x| Some((x.hedge.clone()?, open[x.sentence].quote.clone())))
        }))
        .collect();
    let builtin = builtin_table();
    for (hedge, from) in hedges {
        if lookup(&hedge, &[], &builtin).is_none()
            && !argument.hedges.iter().any(|(h, _)| *h == hedge)
        {
            argument.hedges.push((hedge, from));
        }
    }
    argument
}

/// The note on a heading sentence left unmapped.
fn heading_note(meta: &Meta, sentence: &Sentence) -> String {
    if meta.heading_sentences.first() == Some(&sentence.index) {
        "the title".into()
    } else {
        "the author line".into()
    }
}

/// Whether a sentence says something: three words or more, some of them lower case.
fn substantive(words: &[&str]) -> bool {
    words.len() >= 3
        && words
            .iter()
            .filter(|w| w.chars().any(char::is_lowercase))
            .count()
            >= 2
}

/// Whether a sentence is a paragraph of its own.
fn paragraph_alone(open: &[&Sentence], k: usize) -> bool {
    let p = open[k].paragraph;
    let same = |j: usize| open.get(j).is_some_and(|s| s.paragraph == p);
    let before = k > 0 && same(k - 1);
    !before && !same(k + 1)
}

/// Whether a sentence carries a cue of attribution or inference.
fn cued(words: &[&str]) -> bool {
    let lower = lower_words(words);
    first_of(&lower, ATTRIBUTION).is_some() || first_of(&lower, INFERENCE).is_some()
}

/// The words lower case, without the punctuation around them.
pub fn lower_words(words: &[&str]) -> Vec<String> {
    words
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
                .trim_end_matches("'s")
                .to_lowercase()
        })
        .collect()
}

/// For each open sentence, what it supports (a reading's or a paragraph's
/// first sentence's key, as the node or hypothesis will be named), and why.
fn targets(open: &[&Sentence], readings: &[Readings]) -> Vec<Option<(String, String)>> {
    let mut out: Vec<Option<(String, String)>> = vec![None; open.len()];
    let mut in_reading = vec![false; open.len()];
    for r in readings {
        for (n, reading) in r.readings.iter().enumerate() {
            in_reading[reading.sentence] = true;
            if r.question_sentence == Some(reading.sentence) {
                // A list inside one sentence: what follows in its paragraph
                // is about them all, and points at the first for review.
                if n > 0 {
                    continue;
                }
                let p = open[reading.sentence].paragraph;
                for k in reading.sentence + 1..open.len() {
                    let later = r.readings.iter().any(|x| x.sentence == k);
                    if open[k].paragraph != p || later {
                        break;
                    }
                    in_reading[k] = true;
                    out[k] = Some((
                        reading.key.clone(),
                        "after the list of readings, about them all: the first is named".into(),
                    ));
                }
                continue;
            }
            let next = r
                .readings
                .get(n + 1)
                .map(|x| x.sentence)
                .unwrap_or(open.len());
            let p = open[reading.sentence].paragraph;
            for k in reading.sentence + 1..next {
                if open[k].paragraph != p || r.question_sentence == Some(k) {
                    break;
                }
                in_reading[k] = true;
                out[k] = Some((
                    reading.key.clone(),
                    format!("in the paragraph of reading \"{}\"", reading.key),
                ));
            }
        }
    }
    let mut k = 0;
    while k < open.len() {
        let p = open[k].paragraph;
        let end = (k..open.len())
            .find(|&j| open[j].paragraph != p)
            .unwrap_or(open.len());
        let first = (k..end)
            .find(|&j| !in_reading[j] && !readings.iter().any(|r| r.question_sentence == Some(j)));
        if let Some(first) = first {
            for j in first + 1..end {
                if !in_reading[j]
                    && out[j].is_none()
                    && !readings.iter().any(|r| r.question_sentence == Some(j))
                {
                    out[j] = Some((
                        node_key(open, first),
                        "the paragraph's first sentence".into(),
                    ));
                }
            }
        }
        k = end;
    }
    out
}

/// The key of the node made from open sentence `k`.
pub fn node_key(open: &[&Sentence], k: usize) -> String {
    format!("s{}", open[k].index + 1)
}

/// The hedge a passage carries, as the text words it: "could be", "may
/// have", "would probably", "must have", "seems", "likely", "can".
pub fn hedge_of(passage: &str) -> Option<String> {
    let words: Vec<&str> = passage.split_whitespace().collect();
    let lower = lower_words(&words);
    const TERMS: &[&str] = &[
        "almost certainly",
        "very likely",
        "very unlikely",
        "highly probable",
        "highly improbable",
        "roughly even chance",
        "unlikely",
        "improbable",
        "likely",
        "probable",
        "probably",
        "seems",
        "seem",
        "seemed",
        "appears",
        "apparently",
    ];
    const MODALS: &[&str] = &["may", "might", "could", "must"];
    for i in 0..lower.len() {
        let w = lower[i].as_str();
        let next = lower.get(i + 1).map(String::as_str).unwrap_or("");
        if let Some(term) = TERMS
            .iter()
            .find(|t| find_phrase(&lower[i..], t, 0) == Some(0))
        {
            let before = if i > 0 { lower[i - 1].as_str() } else { "" };
            return Some(match before {
                "would" | "will" | "most" | "more" => format!("{before} {term}"),
                _ => term.to_string(),
            });
        }
        if is(MODALS, w) {
            return match next {
                "have" | "be" => Some(format!("{w} {next}")),
                _ if w == "must" => continue,
                _ => Some(w.to_string()),
            };
        }
    }
    lower.iter().any(|w| w == "can").then(|| "can".to_string())
}

/// The node made from one sentence.
#[allow(clippy::too_many_arguments)]
fn node(
    layout: &Layout,
    sentence: &Sentence,
    k: usize,
    target: &Option<(String, String)>,
    issued: Option<Ymd>,
    actors: &Actors,
    argument: &mut Argument,
    previous_speaker: &mut Option<usize>,
) -> Node {
    let words = sentence.words(layout);
    let lower = lower_words(&words);
    let mentions: Vec<(usize, usize)> = actors.in_sentence(sentence.index).to_vec();
    let hedge = hedge_of(&sentence.quote);
    let mut status = Status::Observed;
    let mut status_why = "no cue of attribution or inference".to_string();
    let mut said_by = None;
    if let Some((at, cue)) = first_of(&lower, ATTRIBUTION) {
        match speaker(
            &mentions,
            sentence.first + at,
            cue,
            &lower,
            *previous_speaker,
            actors,
        ) {
            Some(s) => {
                status = Status::Reported;
                status_why = format!("\"{cue}\" in \"{}\"", around(&words, at, cue));
                said_by = Some(s);
            }
            None => status_why = format!("\"{cue}\" found, but no speaker: left as observed"),
        }
    }
    if status != Status::Reported {
        if let Some((at, cue)) = first_of(&lower, INFERENCE) {
            status = Status::Inference;
            status_why = format!("\"{cue}\" in \"{}\"", around(&words, at, cue));
        }
    }
    if let Some(p) = mentions
        .iter()
        .map(|m| m.1)
        .find(|&a| actors.list[a].kind == "person")
    {
        *previous_speaker = Some(p);
    }
    let date = date_of(&sentence.quote, issued);
    let source = said_by.map(|s| source_for(s, &lower, &date, actors, argument));
    let mention_list: Vec<usize> = mentions.iter().map(|m| m.1).collect();
    let event = date
        .as_ref()
        .filter(|_| status != Status::Inference)
        .map(|d| event_for(&sentence.quote, &lower, d, &mention_list, actors, argument));
    let target = target.as_ref().map(|(key, why)| {
        let opening: Vec<String> = lower.iter().take(4).cloned().collect();
        let contrast = first_of(&opening, CONTRAST)
            .or_else(|| first_of(&lower[..lower.len().min(1)], CONCESSIVE));
        match contrast {
            Some((_, cue)) => (
                key.clone(),
                true,
                format!("\"{cue}\" opens the sentence; {why}"),
            ),
            None => (key.clone(), false, why.clone()),
        }
    });
    Node {
        key: format!("s{}", sentence.index + 1),
        sentence: k,
        status,
        status_why,
        hedge: hedge.filter(|_| status == Status::Inference),
        said_by,
        source,
        date,
        event,
        mentions: mention_list,
        target,
    }
}

/// Up to six words around a cue, for the comment.
fn around(words: &[&str], at: usize, cue: &str) -> String {
    let n = cue.split(' ').count();
    let from = at.saturating_sub(3);
    let to = (at + n + 2).min(words.len());
    words[from..to].join(" ")
}

/// Who says a reported sentence: for "according to", the first actor
/// after; else the last before the cue, else the first after ("…," said
/// Chair Powell); a pronoun takes the last person named before.
fn speaker(
    mentions: &[(usize, usize)],
    cue_word: usize,
    cue: &str,
    lower: &[String],
    previous: Option<usize>,
    actors: &Actors,
) -> Option<usize> {
    let speaking = |a: usize| actors.list[a].kind != "place";
    let after = mentions
        .iter()
        .find(|m| m.0 > cue_word && speaking(m.1))
        .map(|m| m.1);
    if cue == "according to" {
        return after;
    }
    let before = mentions
        .iter()
        .rev()
        .find(|m| m.0 < cue_word && speaking(m.1))
        .map(|m| m.1);
    let pronoun = lower
        .first()
        .is_some_and(|w| matches!(w.as_str(), "he" | "she"));
    before.or(if pronoun { previous } else { after })
}

/// The source of a reported sentence: one per speaker and kind.
fn source_for(
    speaker: usize,
    lower: &[String],
    date: &Option<Found>,
    actors: &Actors,
    argument: &mut Argument,
) -> usize {
    let actor = &actors.list[speaker];
    let has = |w: &str| lower.iter().any(|x| x == w);
    let (kind, why) = if actor.media {
        ("media", format!("{} is a news medium", actor.name))
    } else if has("interview") {
        ("interview", "\"interview\" in the sentence".to_string())
    } else if has("briefed") || has("briefing") {
        ("briefing", "\"briefed\" in the sentence".to_string())
    } else if has("address") || has("speech") {
        (
            "speech",
            "\"address\" or \"speech\" in the sentence".to_string(),
        )
    } else if has("report") || has("reported") {
        ("report", "\"report\" in the sentence".to_string())
    } else {
        (
            "statement",
            "a speaker with no word for the kind of source: a statement".to_string(),
        )
    };
    let key = format!("{}-{kind}", actor.key);
    if let Some(i) = argument.sources.iter().position(|s| s.key == key) {
        return i;
    }
    let (by, publisher) = if kind == "media" {
        (None, Some(speaker))
    } else {
        (Some(speaker), None)
    };
    argument.sources.push(Source {
        key,
        kind,
        title: format!("{} {kind}", possessive(&actor.name)),
        by,
        publisher,
        date: date.clone(),
        why,
    });
    argument.sources.len() - 1
}

fn possessive(name: &str) -> String {
    if name.ends_with('s') {
        format!("{name}'")
    } else {
        format!("{name}'s")
    }
}

/// The event a dated sentence tells of, named by its first actor and its event noun.
fn event_for(
    quote: &str,
    lower: &[String],
    date: &Found,
    mentions: &[usize],
    actors: &Actors,
    argument: &mut Argument,
) -> usize {
    let noun = lower.iter().find(|w| is(EVENT_NOUNS, w));
    let actor = mentions
        .iter()
        .find(|&&a| actors.list[a].kind != "state")
        .or(mentions.first());
    let mut parts: Vec<String> = Vec::new();
    if let Some(&a) = actor {
        parts.push(actors.list[a].key.clone());
    }
    match noun {
        Some(n) => parts.push(n.clone()),
        None => parts.push(date.date.trim_end_matches('~').replace('/', "-")),
    }
    let key = slug(&parts.join(" "));
    let why = match noun {
        Some(n) => format!("the date \"{}\" and the word \"{n}\"", date.from),
        None => format!("the date \"{}\"", date.from),
    };
    if let Some(i) = argument
        .events
        .iter()
        .position(|e| e.key == key && e.date == date.date)
    {
        return i;
    }
    let mut unique = key.clone();
    let mut n = 2;
    while argument.events.iter().any(|e| e.key == unique) {
        unique = format!("{key}-{n}");
        n += 1;
    }
    argument.events.push(Event {
        key: unique,
        text: quote.to_string(),
        date: date.date.clone(),
        inferred: date.inferred,
        actors: mentions.to_vec(),
        why,
    });
    let main = argument.events.len() - 1;
    if let Some((day, words)) = &date.follows {
        let key = slug(
            &words
                .split(' ')
                .filter(|w| !matches!(*w, "the" | "of" | "a" | "that" | "which"))
                .take(4)
                .collect::<Vec<_>>()
                .join(" "),
        );
        if !key.is_empty() && !argument.events.iter().any(|e| e.key == key) {
            argument.events.push(Event {
                key,
                text: format!("{words} (the event the sentence counts from)"),
                date: day.clone(),
                inferred: true,
                actors: Vec::new(),
                why: format!("\"{}\" and \"… after {words}\"", date.from),
            });
        }
    }
    main
}

/// Whether the wording makes the readings rivals, and why.
pub fn exclusive(passage: &[String]) -> (bool, String) {
    if let Some((_, w)) = first_of(passage, RIVALRY) {
        return (true, format!("\"{w}\": the readings are rivals"));
    }
    if let Some((_, w)) = first_of(passage, COMPLEMENT) {
        return (false, format!("\"{w}\": the readings add up"));
    }
    (
        false,
        "no word of rivalry: the readings are taken to add up".into(),
    )
}

/// Whether `lower` holds a count of readings: "four ways", "two methods", "possible motivations".
/// One word may stand between the count and the noun ("two rival readings").
pub fn counts_readings(lower: &[String]) -> Option<usize> {
    let count = |w: &str| NUMBERS.iter().any(|(n, _)| *n == w) || w.parse::<usize>().is_ok();
    (0..lower.len()).find(|&i| {
        is(READING_NOUNS, &lower[i])
            && (i > 0 && (count(&lower[i - 1]) || lower[i - 1] == "possible")
                || i > 1 && count(&lower[i - 2]))
    })
}

/// The place an ordinal word gives an item ("First," is 1, "Finally," 0).
pub fn ordinal(lower: &[String]) -> Option<usize> {
    ORDINALS
        .iter()
        .filter(|(o, _)| find_phrase(lower, o, 0) == Some(0))
        .max_by_key(|(o, _)| o.len())
        .map(|(_, n)| *n)
}
