//! Re-anchoring a map's quotes in a revised text: each is found exactly, found after folding typography, found fuzzily with a clear lead over every lookalike, or orphaned and left where it was.
//!
//! A brief gets corrected and reissued; its quotes must follow. Annotation
//! tools that fall back on a fuzzy match have been seen to attach a quote to
//! a similar passage elsewhere, and for evidence a wrong anchor is worse
//! than none. So each step below accepts a place only when nothing else
//! could be meant:
//!
//! 1. **exact**: the quote's words occur as before ([`crate::map::anchor`]),
//!    perhaps at a new offset;
//! 2. **normalised**: they occur once white space, quotes, dashes, ligatures,
//!    hyphenation at line ends and page furniture are folded ([`fold`]);
//! 3. **fuzzy**: a passage within a small word edit distance ([`fuzzy`]),
//!    scored on the wording, on the quote's stored prefix and suffix, and on
//!    its old relative position;
//! 4. **orphaned**: none of these, or more than one place could be meant.
//!
//! Whenever a step has more than one candidate, or the old text itself held
//! a lookalike of the quote (another occurrence, or another passage close
//! to it), every candidate is scored ([`score`]) and the best is taken only
//! when its score is at least [`THRESHOLD`] (for fuzzy matches) and beats
//! the runner-up by [`MARGIN`]. The runner-up includes the best lookalike
//! in the old text, scored against the same stored context: a passage that
//! was already there and was not the quote then cannot become the quote
//! now just because the quote's own passage was rewritten.
//!
//! Every accepted place is checked by anchoring the quote as it will be
//! written (with its `occurrence`) in the new text, as `check` will: a
//! place that does not anchor so is orphaned instead.

mod fold;
mod fuzzy;
mod quotes;
mod report;
mod write;

pub use quotes::{MapQuote, Site, map_quotes};
pub use report::{Entry, to_json, to_text};
pub use write::{MapEdits, edit_map};

use crate::map::anchor::{Anchor, CONTEXT_CHARS, Found, Text};
use fold::{Folded, fold_quote};

/// The least score a fuzzy match needs, from 0 to 1.
///
/// A quote whose stored prefix and suffix and old relative position agree
/// fully needs three quarters of its wording to survive (a reworded clause
/// in a sentence); one whose context is wholly gone needs more than the
/// whole of it, so it is never accepted on wording alone.
pub const THRESHOLD: f64 = 0.80;

/// How far the best candidate must lead the runner-up (the next candidate
/// in the new text, or the best lookalike in the old one).
pub const MARGIN: f64 = 0.10;

/// Weight of the wording in a score.
pub const WEIGHT_WORDING: f64 = 0.55;
/// Weight of the stored prefix and suffix in a score.
pub const WEIGHT_CONTEXT: f64 = 0.35;
/// Weight of the old relative position in a score.
pub const WEIGHT_POSITION: f64 = 0.10;

/// Quotes of fewer words are never matched fuzzily: a short phrase with one
/// word changed is too often another phrase.
pub const FUZZY_MIN_WORDS: usize = 4;

/// How many of the closest candidates an orphaned quote lists.
const CLOSEST: usize = 3;

/// A quote as the old text held it.
#[derive(Debug, Clone)]
pub struct OldQuote {
    /// The quote as the map writes it.
    pub quote: String,
    /// Where it sat in the old text (with its stored prefix and suffix),
    /// when it could be found there.
    pub old: Option<Anchor>,
}

/// A quote's place in the new text, as it will be written in the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The quote's words in the new text.
    pub quote: String,
    /// The `occurrence` to write, when the quote occurs more than once.
    pub occurrence: Option<usize>,
    /// Where it is.
    pub anchor: Anchor,
}

/// A place an orphaned quote might have meant, with its score.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The passage's words.
    pub text: String,
    /// Its first character in the new text.
    pub start: usize,
    pub score: f64,
}

/// What became of one quote.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Found as before, perhaps at a new offset.
    Exact(Placed),
    /// Found once typography was folded; the quote is rewritten to the new text's characters.
    Normalised(Placed),
    /// Found by a fuzzy match that led every other candidate.
    Fuzzy {
        placed: Placed,
        score: f64,
        /// The runner-up's score, when there was one.
        runner_up: Option<f64>,
    },
    /// Not found well enough, or found in more than one place: kept as it
    /// was. `why` says which, in a sentence.
    Orphaned {
        why: String,
        candidates: Vec<Candidate>,
    },
}

impl Outcome {
    /// The outcome's name in reports.
    pub fn name(&self) -> &'static str {
        match self {
            Outcome::Exact(_) => "exact",
            Outcome::Normalised(_) => "normalised",
            Outcome::Fuzzy { .. } => "fuzzy",
            Outcome::Orphaned { .. } => "orphaned",
        }
    }

    /// The new place, unless orphaned.
    pub fn placed(&self) -> Option<&Placed> {
        match self {
            Outcome::Exact(p) | Outcome::Normalised(p) | Outcome::Fuzzy { placed: p, .. } => {
                Some(p)
            }
            Outcome::Orphaned { .. } => None,
        }
    }
}

/// One text, old or new, prepared for every step.
pub struct Side<'a> {
    text: &'a str,
    anchors: Text<'a>,
    folded: Folded,
    chars: usize,
    furniture: Vec<&'a str>,
}

impl<'a> Side<'a> {
    /// Prepares `text`, whose `furniture` strings may interrupt a quote.
    pub fn new(text: &'a str, furniture: &[&'a str]) -> Side<'a> {
        Side {
            text,
            anchors: Text::new(text, furniture),
            folded: Folded::new(text, furniture),
            chars: text.chars().count(),
            furniture: furniture.to_vec(),
        }
    }

    /// Anchors `quote` as `check` does.
    pub fn find(&self, quote: &str, occurrence: Option<usize>) -> Found {
        self.anchors.find(quote, occurrence)
    }

    /// Where the old quote sits, in bytes, when known.
    fn bytes_of(&self, anchor: &Anchor) -> (usize, usize) {
        (
            self.byte_of_char(anchor.start),
            self.byte_of_char(anchor.end),
        )
    }

    fn byte_of_char(&self, char: usize) -> usize {
        self.text
            .char_indices()
            .nth(char)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Every exact match of `quote`, as byte ranges.
    fn exact_matches(&self, quote: &str) -> Vec<(usize, usize)> {
        let count = match self.anchors.find(quote, None) {
            Found::Anchored { count, .. } => count,
            _ => return Vec::new(),
        };
        (1..=count)
            .filter_map(|k| match self.anchors.find(quote, Some(k)) {
                Found::Anchored { anchor, .. } => Some(self.bytes_of(&anchor)),
                _ => None,
            })
            .collect()
    }

    /// Every match of the folded quote in the folded text, as original byte ranges.
    fn normalised_matches(&self, folded_quote: &str) -> Vec<(usize, usize)> {
        if folded_quote.is_empty() {
            return Vec::new();
        }
        self.folded
            .text
            .match_indices(folded_quote)
            .map(|(at, m)| self.folded.original(at, at + m.len()))
            .collect()
    }

    /// Fuzzy passages of the folded quote, as original byte ranges with their wording.
    fn fuzzy_matches(&self, folded_quote: &str) -> Vec<((usize, usize), f64)> {
        fuzzy::passages(&self.folded, folded_quote)
            .into_iter()
            .map(|p| (self.folded.original(p.start, p.end), p.wording))
            .collect()
    }

    /// The words of the original bytes `start..end`, furniture left out:
    /// the quote to write for a passage found there.
    fn words(&self, start: usize, end: usize) -> String {
        let words: Vec<&str> = self.text[start..end].split_whitespace().collect();
        let mut passage = format!(" {} ", words.join(" "));
        let mut furniture: Vec<String> = self
            .furniture
            .iter()
            .map(|f| f.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|f| !f.is_empty())
            .collect();
        furniture.sort_by_key(|f| std::cmp::Reverse(f.len()));
        for f in &furniture {
            let pattern = format!(" {f} ");
            while passage.contains(&pattern) {
                passage = passage.replace(&pattern, " ");
            }
        }
        passage.trim().to_string()
    }
}

/// The longest line [`repeated_lines`] takes for page furniture.
const FURNITURE_MAX_CHARS: usize = 60;

/// Lines of `text` that stand alone (blank lines or the text's ends around
/// them) more than once and are short: running heads and page footers,
/// which a reissued brief may have renamed. Each once, in text order.
pub fn repeated_lines(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let alone = |i: usize| {
        (i == 0 || lines[i - 1].is_empty()) && lines.get(i + 1).is_none_or(|l| l.is_empty())
    };
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        if !line.is_empty() && line.chars().count() <= FURNITURE_MAX_CHARS && alone(i) {
            *counts.entry(line).or_default() += 1;
        }
    }
    let mut seen = std::collections::HashSet::new();
    lines
        .iter()
        .filter(|l| counts.get(*l).is_some_and(|&n| n >= 2) && seen.insert(**l))
        .map(|l| l.to_string())
        .collect()
}

/// Re-anchors every quote of `quotes`, made against `old`, in `new`.
pub fn reanchor(quotes: &[OldQuote], old: &Side, new: &Side) -> Vec<Outcome> {
    quotes.iter().map(|q| reanchor_one(q, old, new)).collect()
}

/// Re-anchors one quote: each step in turn, the first with a candidate decides.
pub fn reanchor_one(q: &OldQuote, old: &Side, new: &Side) -> Outcome {
    let own = q.old.as_ref().map(|a| old.bytes_of(a));
    let folded = fold_quote(&q.quote);

    let exact = new.exact_matches(&q.quote);
    if !exact.is_empty() {
        let lookalikes = others(old.exact_matches(&q.quote), own);
        let scored = exact.into_iter().map(|r| (r, 1.0)).collect();
        return decide(Step::Exact, q, scored, &lookalikes, old, new);
    }
    let normalised = new.normalised_matches(&folded);
    if !normalised.is_empty() {
        let lookalikes = others(old.normalised_matches(&folded), own);
        let scored = normalised.into_iter().map(|r| (r, 1.0)).collect();
        return decide(Step::Normalised, q, scored, &lookalikes, old, new);
    }
    let words = folded.split(' ').count();
    if words < FUZZY_MIN_WORDS {
        return Outcome::Orphaned {
            why: format!(
                "not found, and a quote of fewer than {FUZZY_MIN_WORDS} words is not matched fuzzily"
            ),
            candidates: Vec::new(),
        };
    }
    let fuzzy = new.fuzzy_matches(&folded);
    let lookalikes: Vec<((usize, usize), f64)> = match own {
        Some(own) => old
            .fuzzy_matches(&folded)
            .into_iter()
            .filter(|(r, _)| !overlaps(*r, own))
            .collect(),
        // Without its old place, the best passage of the old text is taken
        // to be the quote's own, and the others are lookalikes.
        None => old.fuzzy_matches(&folded).into_iter().skip(1).collect(),
    };
    decide(Step::Fuzzy, q, fuzzy, &lookalikes, old, new)
}

#[derive(Clone, Copy, PartialEq)]
enum Step {
    Exact,
    Normalised,
    Fuzzy,
}

/// The ranges of `all` other than the quote's own place.
fn others(all: Vec<(usize, usize)>, own: Option<(usize, usize)>) -> Vec<((usize, usize), f64)> {
    let others: Vec<(usize, usize)> = match own {
        Some(own) => all.into_iter().filter(|r| !overlaps(*r, own)).collect(),
        None => all.into_iter().skip(1).collect(),
    };
    others.into_iter().map(|r| (r, 1.0)).collect()
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Scores a passage at original bytes `range` of `side` with `wording`
/// against the quote's stored context and old relative position.
pub fn score(q: &OldQuote, old: &Side, side: &Side, range: (usize, usize), wording: f64) -> f64 {
    let Some(anchor) = &q.old else {
        // Without a stored context, context and position are neutral.
        return WEIGHT_WORDING * wording + (WEIGHT_CONTEXT + WEIGHT_POSITION) * 0.5;
    };
    let before = &side.text[..range.0];
    let prefix_start = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let after = &side.text[range.1..];
    let suffix_end = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(i, _)| i);
    let prefix = fuzzy::likeness(
        &fold_quote(&anchor.prefix),
        &fold_quote(&before[prefix_start..]),
    );
    let suffix = fuzzy::likeness(
        &fold_quote(&anchor.suffix),
        &fold_quote(&after[..suffix_end]),
    );
    let old_at = anchor.start as f64 / old.chars.max(1) as f64;
    let new_at = side.text[..range.0].chars().count() as f64 / side.chars.max(1) as f64;
    let position = 1.0 - (old_at - new_at).abs();
    WEIGHT_WORDING * wording + WEIGHT_CONTEXT * (prefix + suffix) / 2.0 + WEIGHT_POSITION * position
}

/// Takes the best of `candidates` (new text, with their wording) when it
/// is the only place that could be meant, or leads every other candidate and
/// every old `lookalike` by [`MARGIN`]; orphans the quote otherwise.
fn decide(
    step: Step,
    q: &OldQuote,
    candidates: Vec<((usize, usize), f64)>,
    lookalikes: &[((usize, usize), f64)],
    old: &Side,
    new: &Side,
) -> Outcome {
    let mut scored: Vec<((usize, usize), f64)> = candidates
        .into_iter()
        .map(|(r, wording)| (r, score(q, old, new, r, wording)))
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let runner_up_old = lookalikes
        .iter()
        .map(|&(r, wording)| score(q, old, old, r, wording))
        .fold(None, |m: Option<f64>, s| Some(m.map_or(s, |m| m.max(s))));
    let runner_up_new = scored.get(1).map(|c| c.1);
    let runner_up = match (runner_up_new, runner_up_old) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let Some(&(best, best_score)) = scored.first() else {
        return orphan("not found in the new text, even approximately", &[], new);
    };
    if step == Step::Fuzzy && best_score < THRESHOLD {
        let why = format!(
            "no passage is close enough (the best scores {best_score:.2}, below {THRESHOLD:.2})"
        );
        return orphan(&why, &scored, new);
    }
    if let Some(r) = runner_up {
        if best_score - r < MARGIN {
            let where_ = if runner_up_old.is_some_and(|o| o + MARGIN > best_score) {
                "a passage of the old text other than the quote's own is as close"
            } else {
                "another passage of the new text is as close"
            };
            let why = format!(
                "ambiguous: the best place scores {best_score:.2}, and {where_} ({r:.2}; the lead must be {MARGIN:.2})"
            );
            return orphan(&why, &scored, new);
        }
    }
    let quote = match step {
        Step::Exact => q.quote.clone(),
        Step::Normalised | Step::Fuzzy => new.words(best.0, best.1),
    };
    let Some(placed) = place(&quote, best, new) else {
        return orphan(
            "the passage found cannot be quoted so that it anchors there alone",
            &scored,
            new,
        );
    };
    match step {
        Step::Exact => Outcome::Exact(placed),
        Step::Normalised => Outcome::Normalised(placed),
        Step::Fuzzy => Outcome::Fuzzy {
            placed,
            score: best_score,
            runner_up,
        },
    }
}

/// Anchors `quote` in the new text as `check` will, choosing the occurrence
/// that starts at `range`; `None` when none does.
fn place(quote: &str, range: (usize, usize), new: &Side) -> Option<Placed> {
    let start = new.anchors.char_offset(range.0);
    let count = match new.find(quote, None) {
        Found::Anchored { anchor, count: 1 } if anchor.start == start => {
            return Some(Placed {
                quote: quote.to_string(),
                occurrence: None,
                anchor,
            });
        }
        Found::Anchored { count, .. } => count,
        _ => return None,
    };
    (1..=count).find_map(|k| match new.find(quote, Some(k)) {
        Found::Anchored { anchor, .. } if anchor.start == start => Some(Placed {
            quote: quote.to_string(),
            occurrence: Some(k),
            anchor,
        }),
        _ => None,
    })
}

fn orphan(why: &str, scored: &[((usize, usize), f64)], new: &Side) -> Outcome {
    Outcome::Orphaned {
        why: why.to_string(),
        candidates: scored
            .iter()
            .take(CLOSEST)
            .map(|&(r, score)| Candidate {
                text: new.words(r.0, r.1),
                start: new.anchors.char_offset(r.0),
                score,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests;
