//! Scoring a pair of folded labels, and what can become of a candidate: linked, ambiguous, outranked, a near miss, a type mismatch.

use crate::link::fold::{Folded, similarity};

/// The highest score a match that is not exact after folding can reach.
pub const FUZZY_CEILING: f64 = 0.85;
/// The default `--min-score`.
pub const DEFAULT_MIN_SCORE: f64 = 0.9;
/// Candidates scoring below this are not reported at all.
pub const REPORT_FLOOR: f64 = 0.6;
/// Two candidates for one entity closer than this are ambiguous.
pub const AMBIGUITY_MARGIN: f64 = 0.05;
/// A folded label shorter than this (an acronym) never links on its own.
const SHORT_LABEL: usize = 4;

/// How two labels matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// The same after folding.
    Exact,
    /// The same tokens in another order ("Sung, Ki-Young" and "Ki-Young Sung").
    Tokens,
    /// Close but different.
    Fuzzy,
}

/// The score of two folded labels, and how they matched: `a` is the
/// store's label, `b` the other dataset's.
pub fn score_labels(
    a: &Folded,
    a_preferred: bool,
    b: &Folded,
    b_preferred: bool,
) -> (f64, MatchKind) {
    let (mut score, how) = if a.compact == b.compact {
        (1.0, MatchKind::Exact)
    } else if a.tokens.len() > 1 && {
        let mut x = a.tokens.clone();
        let mut y = b.tokens.clone();
        x.sort();
        y.sort();
        x == y
    } {
        (0.95, MatchKind::Tokens)
    } else {
        (
            FUZZY_CEILING * similarity(&a.compact, &b.compact),
            MatchKind::Fuzzy,
        )
    };
    if !(a_preferred && b_preferred) {
        score *= 0.93;
    }
    // An acronym links only as both sides' preferred name ("CNN"), never
    // through an alternative label ("UN", "US" name many things).
    let short = a.compact.chars().count() < SHORT_LABEL || b.compact.chars().count() < SHORT_LABEL;
    if short && !(a_preferred && b_preferred && how == MatchKind::Exact) {
        score = score.min(FUZZY_CEILING);
    }
    // A one-word alias in a map is how the brief refers to an actor
    // ("Guterres", "Pyongyang" for North Korea, "Beijing" for China), not a
    // name that identifies it: alone it never links.
    if !a_preferred && a.tokens.len() < 2 {
        score = score.min(FUZZY_CEILING);
    }
    (score, how)
}

/// What became of a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Decision {
    /// Linked.
    Linked,
    /// Above the threshold, but another candidate is as good (for this
    /// entity, or another entity claims the same target): not linked.
    Ambiguous,
    /// Above the threshold, but a clearly better candidate was linked.
    Outranked,
    /// Below the threshold: reported, not linked.
    NearMiss,
    /// The labels match but the types cannot: a person is not an organisation.
    TypeMismatch,
}

impl Decision {
    pub fn name(self) -> &'static str {
        match self {
            Decision::Linked => "linked",
            Decision::Ambiguous => "ambiguous",
            Decision::Outranked => "outranked",
            Decision::NearMiss => "near-miss",
            Decision::TypeMismatch => "type-mismatch",
        }
    }
}

/// One candidate pair with its score and decision.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub entity: String,
    pub entity_label: String,
    pub target: String,
    pub target_label: String,
    /// The store's label and the dataset's label that matched best.
    pub matched: (String, String),
    /// In [0, 1], rounded to three decimals.
    pub score: f64,
    pub decision: Decision,
}

/// Reconciliation settings.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Candidates at or above this score may be linked.
    pub min_score: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            min_score: DEFAULT_MIN_SCORE,
        }
    }
}
