//! The fuzzy step: passages of a folded text whose words are within a small edit distance of a quote's, best first.
//!
//! The distance is counted in words (a word put in, left out or replaced
//! costs one), except that a replaced word close in spelling to the quote's
//! costs its share of changed letters, so a corrected typo costs little and
//! a reworded phrase a lot. The quote may match anywhere in the text
//! (Sellers' semi-global alignment: a start in the text costs nothing), and
//! every local best end gives one candidate passage.

use super::fold::Folded;

/// A passage of the folded text close to the quote.
#[derive(Debug, Clone, Copy)]
pub(super) struct Passage {
    /// Folded byte range.
    pub start: usize,
    pub end: usize,
    /// How much of the quote's wording survives there, from 0 to 1: one
    /// less the word distance over the quote's length.
    pub wording: f64,
}

/// The most passages kept per quote: the best and enough runners-up to list.
const KEPT: usize = 6;

/// Passages of `text` that share at least half of the quote's wording, best
/// first, none overlapping a better one.
pub(super) fn passages(text: &Folded, quote: &str) -> Vec<Passage> {
    let quote: Vec<&str> = quote.split(' ').filter(|w| !w.is_empty()).collect();
    let words = word_spans(&text.text);
    if quote.is_empty() || words.is_empty() {
        return Vec::new();
    }
    let (cost, start) = align(&quote, &words, &text.text);
    let n = quote.len() as f64;
    let mut ends: Vec<usize> = (0..words.len())
        .filter(|&j| {
            // A local best end: no better end just before or after.
            let here = cost[j];
            here * 2.0 <= n
                && (j == 0 || cost[j - 1] >= here)
                && (j + 1 == words.len() || cost[j + 1] > here)
        })
        .collect();
    ends.sort_by(|&a, &b| cost[a].total_cmp(&cost[b]).then(a.cmp(&b)));
    let mut kept: Vec<Passage> = Vec::new();
    for j in ends {
        let passage = Passage {
            start: trimmed_start(&text.text, words[start[j]], quote[0]),
            end: trimmed_end(&text.text, words[j], quote[quote.len() - 1]),
            wording: (1.0 - cost[j] / n).max(0.0),
        };
        if kept
            .iter()
            .all(|k| passage.end <= k.start || passage.start >= k.end)
        {
            kept.push(passage);
        }
        if kept.len() == KEPT {
            break;
        }
    }
    kept
}

/// Where a passage starting at `word` starts: inside the word when the
/// quote's first word is the word's end (a quote may begin after an
/// opening parenthesis or quotation mark, as `check` allows).
fn trimmed_start(text: &str, word: (usize, usize), first: &str) -> usize {
    let found = &text[word.0..word.1];
    if found != first && found.ends_with(first) {
        word.1 - first.len()
    } else {
        word.0
    }
}

/// Where a passage ending at `word` ends: inside the word when the quote's
/// last word is the word's beginning (a quote may stop before a full stop).
fn trimmed_end(text: &str, word: (usize, usize), last: &str) -> usize {
    let found = &text[word.0..word.1];
    if found != last && found.starts_with(last) {
        word.0 + last.len()
    } else {
        word.1
    }
}

/// For each word of the text, the least cost of aligning the whole quote
/// with a passage ending there, and the word that passage starts at.
fn align(quote: &[&str], words: &[(usize, usize)], text: &str) -> (Vec<f64>, Vec<usize>) {
    let m = words.len();
    // Row i holds the costs of the first i words of the quote; a passage
    // may start anywhere, so row 0 costs nothing. The start of the passage
    // travels with each cell.
    let mut cost: Vec<f64> = vec![0.0; m + 1];
    let mut start: Vec<usize> = (0..=m).collect();
    for (i, q) in quote.iter().enumerate() {
        let mut next_cost = vec![0.0; m + 1];
        let mut next_start = vec![0; m + 1];
        next_cost[0] = (i + 1) as f64;
        next_start[0] = 0;
        for j in 1..=m {
            let (ws, we) = words[j - 1];
            let replace = cost[j - 1] + word_cost(q, &text[ws..we]);
            let skip_quote_word = cost[j] + 1.0;
            let skip_text_word = next_cost[j - 1] + 1.0;
            let (c, s) = if replace <= skip_quote_word && replace <= skip_text_word {
                (replace, start[j - 1])
            } else if skip_quote_word <= skip_text_word {
                (skip_quote_word, start[j])
            } else {
                (skip_text_word, next_start[j - 1])
            };
            next_cost[j] = c;
            next_start[j] = s;
        }
        cost = next_cost;
        start = next_start;
    }
    // Column j + 1 ends at word j; a passage starting at column s starts at word s.
    let start = start[1..]
        .iter()
        .enumerate()
        .map(|(j, &s)| s.min(j))
        .collect();
    (cost[1..].to_vec(), start)
}

/// The cost of reading `a` where the quote has `b`: nothing when equal, the
/// share of letters changed when they are close in spelling, one otherwise.
fn word_cost(a: &str, b: &str) -> f64 {
    if a == b {
        return 0.0;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.abs_diff(lb) > 2 || la.max(lb) < 3 {
        return 1.0;
    }
    let distance = crate::map::diagnostic::edit_distance(a, b) as f64;
    (distance / la.max(lb) as f64 * 2.0).min(1.0)
}

/// The byte ranges of the words (runs of non-space) of a folded text.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut at = 0;
    for word in text.split(' ') {
        if !word.is_empty() {
            spans.push((at, at + word.len()));
        }
        at += word.len() + 1;
    }
    spans
}

/// How alike two short strings are, from 0 to 1: one less their edit
/// distance over the longer's length (two empty strings are alike).
pub(super) fn likeness(a: &str, b: &str) -> f64 {
    let longer = a.chars().count().max(b.chars().count());
    if longer == 0 {
        return 1.0;
    }
    1.0 - crate::map::diagnostic::edit_distance(a, b) as f64 / longer as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corrected_typo_keeps_most_of_the_wording() {
        let text = Folded::new("one two. the quick brown fox jumps. three four", &[]);
        let found = passages(&text, "the quikc brown fox jumps.");
        let best = found[0];
        assert_eq!(
            &text.text[best.start..best.end],
            "the quick brown fox jumps."
        );
        assert!(best.wording > 0.8, "{}", best.wording);
    }

    #[test]
    fn unrelated_text_gives_nothing() {
        let text = Folded::new("nothing here is like it at all", &[]);
        assert!(passages(&text, "the quick brown fox jumps over").is_empty());
    }
}
