//! Anchoring quotes in the brief's text: where a quote's words occur, in order, across white space and page furniture.
//!
//! A quote matches where its words (split on white space) occur in order in
//! the text, separated only by white space, or by white space and declared
//! furniture strings (running heads that a page break puts inside a
//! sentence). Matching is done on bytes with `str` searches; positions are
//! reported in Unicode scalar values, as Web Annotation selectors count them.
//!
//! A quote of two words or more is looked up through an index of the
//! text's words, built once per text: its second word must begin a word of
//! the text, so only those places are tried, and a map of ten thousand
//! quotes over a megabyte of text checks in linear time rather than reading
//! the whole text once per quote.

use std::cell::OnceCell;
use std::collections::BTreeMap;

/// Characters of context kept on each side of a quote for `oa:prefix` and `oa:suffix`.
pub const CONTEXT_CHARS: usize = 32;

/// A brief's text prepared for anchoring many quotes.
pub struct Text<'a> {
    text: &'a str,
    furniture: Vec<&'a str>,
    /// Character offset of each byte offset, when the text is not all ASCII.
    char_of_byte: Option<Vec<u32>>,
    /// Where each word of the text (a run of non-white-space) begins, by
    /// word, built on the first lookup that needs it.
    words: OnceCell<BTreeMap<&'a str, Vec<usize>>>,
}

/// Where a quote was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// First character, inclusive.
    pub start: usize,
    /// Last character, exclusive.
    pub end: usize,
    /// The text from `start` to `end`, furniture included.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] characters before.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after.
    pub suffix: String,
}

/// The outcome of anchoring one quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The quote occurs; `count` says how often, and `anchor` is the one chosen.
    Anchored { anchor: Anchor, count: usize },
    /// `occurrence` asked for more occurrences than there are.
    TooFew { count: usize },
    /// The quote does not occur; the closest passage is shown.
    Missing { closest: Option<Anchor> },
    /// The quote has no words.
    Empty,
}

impl<'a> Text<'a> {
    /// Prepares `text`, whose furniture strings may be skipped inside a quote.
    pub fn new(text: &'a str, furniture: &[&'a str]) -> Text<'a> {
        let char_of_byte = (!text.is_ascii()).then(|| {
            let mut map = vec![0u32; text.len() + 1];
            let mut chars = 0u32;
            let mut iter = text.char_indices().peekable();
            for (byte, slot) in map.iter_mut().enumerate() {
                while let Some(&(b, _)) = iter.peek() {
                    if b < byte {
                        iter.next();
                        chars += 1;
                    } else {
                        break;
                    }
                }
                *slot = chars;
            }
            map
        });
        let mut furniture: Vec<&str> = furniture
            .iter()
            .copied()
            .filter(|f| !f.trim().is_empty())
            .collect();
        // Longer furniture first, so that "2017.12.15. | CO 17-32" is skipped whole.
        furniture.sort_by_key(|f| std::cmp::Reverse(f.len()));
        Text {
            text,
            furniture,
            char_of_byte,
            words: OnceCell::new(),
        }
    }

    /// The text itself.
    pub fn as_str(&self) -> &'a str {
        self.text
    }

    /// The character offset of byte offset `byte`.
    pub fn char_offset(&self, byte: usize) -> usize {
        match &self.char_of_byte {
            Some(map) => map[byte] as usize,
            None => byte,
        }
    }

    /// Finds `quote`, taking its `occurrence`-th match (1-based), or the first.
    pub fn find(&self, quote: &str, occurrence: Option<usize>) -> Found {
        let words: Vec<&str> = quote.split_whitespace().collect();
        if words.is_empty() {
            return Found::Empty;
        }
        let matches = self.matches(&words);
        if matches.is_empty() {
            return Found::Missing {
                closest: self.closest(&words),
            };
        }
        let wanted = occurrence.unwrap_or(1);
        match matches.get(wanted.saturating_sub(1)) {
            Some(&(start, end)) if wanted >= 1 => Found::Anchored {
                anchor: self.anchor(start, end),
                count: matches.len(),
            },
            _ => Found::TooFew {
                count: matches.len(),
            },
        }
    }

    /// Every match of `words`, as byte ranges, in text order.
    fn matches(&self, words: &[&str]) -> Vec<(usize, usize)> {
        let starts: Vec<usize> = if words.len() == 1 {
            // A single word may begin and end inside a word of the text.
            self.text.match_indices(words[0]).map(|(i, _)| i).collect()
        } else {
            self.candidate_starts(words)
        };
        starts
            .into_iter()
            .filter_map(|start| Some((start, self.match_words(start, words)?)))
            .collect()
    }

    /// Where a match of `words` (two or more) may start, in text order: a
    /// superset of the matches, each checked forwards by `match_words`.
    ///
    /// The second word begins a word of the text: it is that whole word
    /// when more words follow, and a prefix of it when it is the last. From
    /// each such place, white space and furniture are skipped backwards to
    /// where the first word must end.
    fn candidate_starts(&self, words: &[&str]) -> Vec<usize> {
        let index = self.words.get_or_init(|| {
            let mut index: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for (start, end) in word_spans(self.text) {
                index.entry(&self.text[start..end]).or_default().push(start);
            }
            index
        });
        let second = words[1];
        let places: Vec<usize> = if words.len() > 2 {
            index.get(second).cloned().unwrap_or_default()
        } else {
            index
                .range(second..)
                .take_while(|(word, _)| word.starts_with(second))
                .flat_map(|(_, places)| places.iter().copied())
                .collect()
        };
        let mut starts = Vec::new();
        for place in places {
            self.starts_before(place, words[0], 0, &mut starts);
        }
        starts.sort_unstable();
        starts.dedup();
        starts
    }

    /// Pushes where `first` would start if it ended before the white space
    /// (and any furniture with its white space) that ends at byte `at`.
    fn starts_before(&self, at: usize, first: &str, depth: usize, starts: &mut Vec<usize>) {
        let before = &self.text[..at];
        let end = before.trim_end().len();
        if end == at {
            return;
        }
        if self.text[..end].ends_with(first) {
            starts.push(end - first.len());
        }
        // Furniture repeats at most once per page break the quote crosses.
        if depth >= 8 {
            return;
        }
        for f in &self.furniture {
            // Furniture may end in white space of its own: try every end
            // within the run of white space.
            for (offset, _) in self.text[end..at].char_indices() {
                let f_end = end + offset;
                if self.text[..f_end].ends_with(f) {
                    self.starts_before(f_end - f.len(), first, depth + 1, starts);
                }
            }
            if self.text[..at].ends_with(f) && f.ends_with(char::is_whitespace) {
                self.starts_before(at - f.len(), first, depth + 1, starts);
            }
        }
    }

    /// Matches `words` from byte `at`, returning the end of the last word.
    fn match_words(&self, at: usize, words: &[&str]) -> Option<usize> {
        let rest = &self.text[at..];
        if !rest.starts_with(words[0]) {
            return None;
        }
        let end = at + words[0].len();
        if words.len() == 1 {
            return Some(end);
        }
        self.match_gap(end, &words[1..])
    }

    /// Skips white space and furniture from byte `at`, then matches `words`.
    fn match_gap(&self, at: usize, words: &[&str]) -> Option<usize> {
        let after_space = skip_space(self.text, at);
        if after_space == at {
            return None;
        }
        if let Some(end) = self.match_words(after_space, words) {
            return Some(end);
        }
        self.furniture.iter().find_map(|f| {
            if self.text[after_space..].starts_with(f) {
                self.match_gap(after_space + f.len(), words)
            } else {
                None
            }
        })
    }

    fn anchor(&self, start: usize, end: usize) -> Anchor {
        let before = &self.text[..start];
        let prefix_start = before
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let after = &self.text[end..];
        let suffix_end = after
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(after.len(), |(i, _)| i);
        Anchor {
            start: self.char_offset(start),
            end: self.char_offset(end),
            exact: self.text[start..end].to_string(),
            prefix: before[prefix_start..].to_string(),
            suffix: after[..suffix_end].to_string(),
        }
    }

    /// The passage of as many words as the quote that shares the longest
    /// in-order run of words with it.
    fn closest(&self, words: &[&str]) -> Option<Anchor> {
        let spans: Vec<(usize, usize)> = word_spans(self.text);
        if spans.is_empty() {
            return None;
        }
        let n = words.len().min(spans.len());
        let mut best_score = 0;
        let mut ties: Vec<usize> = Vec::new();
        for window in 0..=spans.len() - n {
            let candidate: Vec<&str> = spans[window..window + n]
                .iter()
                .map(|&(s, e)| &self.text[s..e])
                .collect();
            // Cheap filter first: windows that share no word cannot win.
            if !candidate.iter().any(|w| words.contains(w)) {
                continue;
            }
            let score = common_subsequence(words, &candidate);
            if score > best_score {
                best_score = score;
                ties.clear();
            }
            if score == best_score {
                ties.push(window);
            }
        }
        // Among windows sharing as many words, the one closest in characters wins.
        let quote = words.join(" ");
        let best = ties
            .into_iter()
            .map(|window| {
                let candidate: Vec<&str> = spans[window..window + n]
                    .iter()
                    .map(|&(s, e)| &self.text[s..e])
                    .collect();
                (
                    crate::map::diagnostic::edit_distance(&quote, &candidate.join(" ")),
                    window,
                )
            })
            .min();
        let (_, window) = best?;
        Some(self.anchor(spans[window].0, spans[window + n - 1].1))
    }
}

fn skip_space(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + (rest.len() - rest.trim_start().len())
}

fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

fn common_subsequence(a: &[&str], b: &[&str]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y {
                diagonal + 1
            } else {
                above.max(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchored(found: Found) -> Anchor {
        match found {
            Found::Anchored { anchor, .. } => anchor,
            other => panic!("not anchored: {other:?}"),
        }
    }

    #[test]
    fn words_match_across_white_space_and_furniture() {
        let text = "the 'humanitarian Header Line\n\nPage 2\n\ncrisis' frame";
        let t = Text::new(text, &["Header Line", "Page 2"]);
        let a = anchored(t.find("'humanitarian crisis' frame", None));
        assert_eq!(a.start, 4);
        assert_eq!(a.end, text.len());
        assert!(a.exact.contains("Header Line"));
    }

    #[test]
    fn offsets_count_characters_not_bytes() {
        let text = "Ça été « dit » : North Korea could be trying.";
        let t = Text::new(text, &[]);
        let a = anchored(t.find("North Korea could be", None));
        let chars: Vec<char> = text.chars().collect();
        let slice: String = chars[a.start..a.end].iter().collect();
        assert_eq!(slice, "North Korea could be");
        assert_eq!(a.prefix, "Ça été « dit » : ");
    }

    #[test]
    fn a_repeated_quote_takes_the_first_unless_told() {
        let t = Text::new("a b. a b.", &[]);
        assert!(matches!(
            t.find("a b", None),
            Found::Anchored {
                anchor: Anchor { start: 0, .. },
                count: 2
            }
        ));
        assert!(matches!(
            t.find("a b", Some(2)),
            Found::Anchored {
                anchor: Anchor { start: 5, .. },
                ..
            }
        ));
        assert!(matches!(t.find("a b", Some(3)), Found::TooFew { count: 2 }));
    }

    #[test]
    fn a_missing_quote_shows_the_closest_passage() {
        let t = Text::new("one two three four five six", &[]);
        match t.find("two three fuor", None) {
            Found::Missing { closest: Some(a) } => assert_eq!(a.exact, "two three four"),
            other => panic!("{other:?}"),
        }
    }

    /// The indexed lookup finds exactly what trying every place in the
    /// text finds, furniture and repeated words included.
    #[test]
    fn indexed_matches_are_every_match() {
        let furniture = ["Page 2", "HEAD er ", "x"];
        let pieces = [
            "a", "b", "ab", "ba", "a\n", " ", "  ", "\n\n", "Page 2", "HEAD er ", "x", "é", "aé",
        ];
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut found = 0;
        for _ in 0..300 {
            let text: String = (0..40).map(|_| pieces[next(pieces.len())]).collect();
            let t = Text::new(&text, &furniture);
            for _ in 0..10 {
                let quote: Vec<&str> = (0..2 + next(3))
                    .map(|_| ["a", "b", "ab", "ba", "é", "aé"][next(6)])
                    .collect();
                let brute: Vec<(usize, usize)> = (0..=text.len())
                    .filter(|&i| text.is_char_boundary(i))
                    .filter_map(|i| Some((i, t.match_words(i, &quote)?)))
                    .collect();
                assert_eq!(t.matches(&quote), brute, "{quote:?} in {text:?}");
                found += brute.len();
            }
        }
        assert!(found > 100, "the cases match often enough to test: {found}");
    }

    #[test]
    fn furniture_is_not_skipped_without_white_space() {
        let t = Text::new("aXb", &["X"]);
        assert!(matches!(t.find("a b", None), Found::Missing { .. }));
    }
}
