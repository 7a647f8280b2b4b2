//! Anchoring quotes in the brief's text: where a quote's words occur, in order, across white space and page furniture.
//!
//! A quote matches where its words (split on white space) occur in order in
//! the text, separated only by white space, or by white space and declared
//! furniture strings (running heads that a page break puts inside a
//! sentence). Positions are reported in Unicode scalar values, as Web
//! Annotation selectors count them.
//!
//! The text's words are numbered once per text, and the words that are not
//! furniture form runs joined by gaps a quote may cross (white space, or
//! white space and whole furniture strings). A quote of three words or more
//! is then found by Knuth, Morris and Pratt's search of its inner words in
//! those runs, and its first word (which may end a word of the text) and
//! last (which may begin one) are checked at each place: linear in the text
//! and the quote, whatever they repeat. A quote whose words are themselves
//! furniture (or could end or begin furniture) is ambiguous, and is checked
//! place by place instead, by a loop rather than by recursion, so that no
//! quote's length can overflow the stack.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

mod words;

use words::Words;

/// Characters of context kept on each side of a quote for `oa:prefix` and `oa:suffix`.
pub const CONTEXT_CHARS: usize = 32;

/// Windows sharing the best score that are compared in characters for the
/// closest passage; beyond them the first is taken.
const CLOSEST_TIES: usize = 64;

/// The longest quote (in bytes) whose closest passage is chosen among ties
/// by edit distance, which costs the product of the two lengths.
const CLOSEST_EDIT_BYTES: usize = 4096;

/// A brief's text prepared for anchoring many quotes.
pub struct Text<'a> {
    text: &'a str,
    furniture: Vec<&'a str>,
    /// Character offset of each byte offset, when the text is not all ASCII.
    char_of_byte: Option<Vec<u32>>,
    /// The text's words, built on the first lookup that needs them.
    words: OnceCell<Words<'a>>,
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
        if words.len() == 1 {
            // A single word may begin and end inside a word of the text.
            return self
                .text
                .match_indices(words[0])
                .map(|(i, w)| (i, i + w.len()))
                .collect();
        }
        let index = self.words();
        if index.ambiguous(words) {
            return self
                .candidate_starts(words)
                .into_iter()
                .filter_map(|start| Some((start, self.match_words(start, words)?)))
                .collect();
        }
        index.search(self.text, words)
    }

    fn words(&self) -> &Words<'a> {
        self.words
            .get_or_init(|| Words::new(self.text, &self.furniture))
    }

    /// Where a match of `words` (two or more) may start, in text order: a
    /// superset of the matches, each checked forwards by `match_words`.
    ///
    /// The second word begins a word of the text: it is that whole word
    /// when more words follow, and a prefix of it when it is the last. From
    /// each such place, white space and furniture are skipped backwards to
    /// where the first word must end.
    fn candidate_starts(&self, words: &[&str]) -> Vec<usize> {
        let index = self.words();
        let second = words[1];
        let places: Vec<usize> = if words.len() > 2 {
            index.index.get(second).cloned().unwrap_or_default()
        } else {
            index
                .index
                .range(second..)
                .take_while(|(word, _)| word.starts_with(second))
                .flat_map(|(_, places)| places.iter().copied())
                .collect()
        };
        let mut starts = Vec::new();
        for place in places {
            self.starts_before(index.spans[place].0, words[0], 0, &mut starts);
        }
        starts.sort_unstable();
        starts.dedup();
        starts
    }

    /// Pushes where `first` would start if it ended before the white space
    /// (and any furniture with its white space) that ends at byte `at`.
    /// Its recursion is bounded: at most eight furniture strings are
    /// skipped backwards.
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

    /// Matches `words` from byte `at`, returning the end of the last word
    /// (the earliest, when furniture allows more than one).
    ///
    /// After each word comes white space, then the next word or a
    /// furniture string followed by more of the same; every way through is
    /// followed at once, as a set of places, so the work is a loop over the
    /// quote's words and no recursion.
    fn match_words(&self, at: usize, words: &[&str]) -> Option<usize> {
        if !self.text[at..].starts_with(words[0]) {
            return None;
        }
        let mut ends = vec![at + words[0].len()];
        for word in &words[1..] {
            let mut next = Vec::new();
            let mut seen: HashSet<usize> = ends.iter().copied().collect();
            let mut todo = ends;
            while let Some(place) = todo.pop() {
                let after_space = skip_space(self.text, place);
                if after_space == place {
                    continue;
                }
                let rest = &self.text[after_space..];
                if rest.starts_with(word) {
                    next.push(after_space + word.len());
                }
                for f in &self.furniture {
                    if rest.starts_with(f) && seen.insert(after_space + f.len()) {
                        todo.push(after_space + f.len());
                    }
                }
            }
            if next.is_empty() {
                return None;
            }
            next.sort_unstable();
            next.dedup();
            ends = next;
        }
        ends.first().copied()
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

    /// The passage of as many words as the quote that shares the most
    /// words with it (counted with their repeats), the closest in
    /// characters among the first few that share as many.
    ///
    /// The count is kept for a window sliding over the text, one word in
    /// and one out per step, so the search is linear in the text.
    fn closest(&self, words: &[&str]) -> Option<Anchor> {
        let spans = &self.words().spans;
        if spans.is_empty() {
            return None;
        }
        let n = words.len().min(spans.len());
        let word = |i: usize| &self.text[spans[i].0..spans[i].1];
        let mut wanted: HashMap<&str, usize> = HashMap::new();
        for w in words {
            *wanted.entry(w).or_default() += 1;
        }
        let mut held: HashMap<&str, usize> = HashMap::new();
        let mut score = 0usize;
        let mut best_score = 0;
        let mut ties: Vec<usize> = Vec::new();
        for i in 0..spans.len() {
            if let Some(&want) = wanted.get(word(i)) {
                let have = held.entry(word(i)).or_default();
                *have += 1;
                if *have <= want {
                    score += 1;
                }
            }
            if i >= n {
                let out = word(i - n);
                if let Some(&want) = wanted.get(out) {
                    let have = held.get_mut(out).expect("a word in the window is counted");
                    if *have <= want {
                        score -= 1;
                    }
                    *have -= 1;
                }
            }
            if i + 1 < n {
                continue;
            }
            let window = i + 1 - n;
            if score > best_score {
                best_score = score;
                ties.clear();
            }
            if score == best_score && score > 0 && ties.len() < CLOSEST_TIES {
                ties.push(window);
            }
        }
        let quote = words.join(" ");
        let passage = |window: usize| (window..window + n).map(word).collect::<Vec<_>>().join(" ");
        let window = if quote.len() <= CLOSEST_EDIT_BYTES {
            ties.into_iter()
                .map(|w| {
                    (
                        crate::map::diagnostic::edit_distance(&quote, &passage(w)),
                        w,
                    )
                })
                .min()?
                .1
        } else {
            ties.first().copied()?
        };
        Some(self.anchor(spans[window].0, spans[window + n - 1].1))
    }
}

fn skip_space(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    at + (rest.len() - rest.trim_start().len())
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

    /// Quotes whose words are furniture words take the place-by-place
    /// path, which must find what trying every place finds too.
    #[test]
    fn ambiguous_quotes_match_as_every_place_would() {
        let furniture = ["x", "x y", "Page 2"];
        let pieces = ["a", "b", "x", "y", "x y", "Page 2", " ", "\n", "ab"];
        let mut seed = 11u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let mut found = 0;
        for _ in 0..300 {
            let text: String = (0..30)
                .map(|i| {
                    if i % 2 == 1 {
                        " "
                    } else {
                        pieces[next(pieces.len())]
                    }
                })
                .collect();
            let t = Text::new(&text, &furniture);
            for _ in 0..10 {
                let quote: Vec<&str> = (0..2 + next(3))
                    .map(|_| ["a", "b", "x", "y", "ab", "Page", "2"][next(7)])
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

    /// A quote of a hundred thousand words used to recurse once per word
    /// and overflow the stack; one word repeated fifty thousand times used
    /// to be checked again from every place it could start.
    #[test]
    fn long_and_repetitive_quotes_anchor_without_recursion() {
        let words: Vec<String> = (0..100_000).map(|i| format!("w{}", i % 977)).collect();
        let text = format!("Before. {} After.", words.join(" "));
        let t = Text::new(&text, &["Page 2"]);
        let a = anchored(t.find(&words.join(" "), None));
        assert_eq!(a.start, "Before. ".len());
        let same = vec!["again"; 50_000].join(" ");
        let text = format!("{same} again");
        let t = Text::new(&text, &[]);
        match t.find(&same, None) {
            Found::Anchored { anchor, count } => {
                assert_eq!((anchor.start, count), (0, 2));
            }
            other => panic!("{other:?}"),
        }
        let missing = format!("{} nowhere", words[..20_000].join(" "));
        match t.find(&missing, None) {
            Found::Missing { .. } => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn furniture_is_not_skipped_without_white_space() {
        let t = Text::new("aXb", &["X"]);
        assert!(matches!(t.find("a b", None), Found::Missing { .. }));
    }
}
