//! `draft`: a first map of a brief from its text alone, every guess marked with what it was guessed from.
//!
//! The drafter reads English with word lists ([`lexicon`], [`gazetteer`])
//! and the map language's own tables (the hedge table, the date language),
//! never with a model: the same text always gives the same draft. Its
//! steps are the folders of this module, in order: [`layout`] finds the
//! lines, the page furniture and the paragraphs; [`sentences`] cuts the
//! body into sentences; [`meta`] reads the title, author line, date,
//! series and number; [`names`] finds the actors and matches them against
//! those already known; [`dates`] finds the dates of each sentence;
//! [`argument`] finds the question and its hypotheses and gives every
//! sentence a role; [`write`] writes the TOML with a `# draft:` comment on
//! every guess.
//!
//! It sits above `map` (it uses the hedge table, the date language and
//! quote anchoring, so that what it writes checks) and beside `link` (whose
//! label folding matches a name to a known actor); nothing below imports it.

pub mod argument;
pub mod dates;
pub mod gazetteer;
pub mod layout;
pub mod lexicon;
pub mod meta;
pub mod names;
pub mod sentences;
pub mod words;
pub mod write;

/// An actor, source or event already described elsewhere (in the store or
/// in the map beside the draft), which the draft reuses by key.
#[derive(Debug, Clone)]
pub struct Known {
    /// Its key, shared by every brief that names it.
    pub key: String,
    /// `person`, `organisation`, `state`, `place`, `source` or `event`.
    pub kind: String,
    /// Its preferred name first, then the others.
    pub names: Vec<String>,
}

/// What the drafter needs besides the text.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The brief's id.
    pub id: String,
    /// The date the draft is made (`YYYY-MM-DD`), for `mapped-on`.
    pub today: String,
    /// The date of issue, when the caller knows it better than the text.
    pub issued: Option<String>,
    /// Actors, sources and events to reuse.
    pub known: Vec<Known>,
    /// Character ranges of the text that a map already quotes: a sentence
    /// they take up half of or more is left out of the draft.
    pub covered: Vec<(usize, usize)>,
}

/// What the draft found, for the command's summary and the benchmarks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub sentences: usize,
    pub nodes: usize,
    pub unmapped: usize,
    pub questions: usize,
    pub hypotheses: usize,
    pub actors: usize,
    pub reused: usize,
    pub events: usize,
    pub furniture: usize,
    /// Sentences left out because a map already quotes them.
    pub covered: usize,
}

/// A draft: the TOML of the map and what it holds.
#[derive(Debug, Clone)]
pub struct Draft {
    pub toml: String,
    pub summary: Summary,
}

/// Drafts a map of `text`.
pub fn draft(text: &str, options: &Options) -> Draft {
    let text_chars = CharOffsets::new(text);
    let layout = layout::lay_out(text);
    let all = sentences::split(&layout);
    let meta = meta::read(&layout, &all, options);
    let known = names::KnownIndex::new(&options.known);
    let mut actors = names::Actors::new(&known);
    actors.add_meta(&meta);
    for sentence in all
        .iter()
        .filter(|s| !meta.heading_sentences.contains(&s.index))
    {
        actors.read(&layout, sentence);
    }
    actors.settle();
    let covered = |s: &sentences::Sentence| {
        let (start, end) = (text_chars.of(s.start), text_chars.of(s.end));
        // A map's quote need not be the whole sentence: the sentence is
        // covered when its quotes take up half of it or more.
        let quoted: usize = options
            .covered
            .iter()
            .map(|&(a, b)| b.min(end).saturating_sub(a.max(start)))
            .sum();
        quoted * 2 >= end - start
    };
    let open: Vec<&sentences::Sentence> = all.iter().filter(|s| !covered(s)).collect();
    let argument = argument::read(&layout, &open, &meta, &actors);
    let mut summary = Summary {
        sentences: all.len(),
        covered: all.len() - open.len(),
        furniture: layout.furniture.len(),
        ..Summary::default()
    };
    let toml = write::write(&layout, &meta, &actors, &argument, &mut summary);
    Draft { toml, summary }
}

/// Character offsets of byte offsets, for texts that are not all ASCII.
struct CharOffsets {
    starts: Option<Vec<usize>>,
}

impl CharOffsets {
    fn new(text: &str) -> CharOffsets {
        if text.is_ascii() {
            return CharOffsets { starts: None };
        }
        CharOffsets {
            starts: Some(text.char_indices().map(|(i, _)| i).collect()),
        }
    }

    fn of(&self, byte: usize) -> usize {
        match &self.starts {
            None => byte,
            Some(starts) => starts.partition_point(|&s| s < byte),
        }
    }
}
