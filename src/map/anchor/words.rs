//! The words of a brief's text for anchoring: numbered, indexed by spelling, and joined into the runs a quote may cross, with the linear search of a quote's words in them.

use std::collections::{BTreeMap, HashMap, HashSet};

/// The words of a text, numbered, with what a quote may cross between them.
pub(super) struct Words<'a> {
    /// Where each word (a run of non-white-space) begins and ends.
    pub(super) spans: Vec<(usize, usize)>,
    /// Every word of the text, with the numbers of the words spelt so.
    pub(super) index: BTreeMap<&'a str, Vec<usize>>,
    /// Each word as a number of its spelling, for the search.
    ids: Vec<u32>,
    /// The number of each spelling.
    id_of: HashMap<&'a str, u32>,
    /// Runs of words that are not furniture, each word joined to the next
    /// by white space and whole furniture strings only.
    runs: Vec<Vec<usize>>,
    /// Every white-space-separated word of the furniture strings.
    furniture_words: HashSet<&'a str>,
}
impl<'a> Words<'a> {
    pub(super) fn new(text: &'a str, furniture: &[&'a str]) -> Words<'a> {
        let spans = word_spans(text);
        let mut index: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        let mut id_of: HashMap<&str, u32> = HashMap::new();
        let mut ids = Vec::with_capacity(spans.len());
        for (i, &(start, end)) in spans.iter().enumerate() {
            let word = &text[start..end];
            index.entry(word).or_default().push(i);
            let next = id_of.len() as u32;
            ids.push(*id_of.entry(word).or_insert(next));
        }
        let furniture_words: HashSet<&str> = furniture
            .iter()
            .flat_map(|f| f.split_whitespace())
            .collect();
        let runs = runs(text, &spans, furniture, &furniture_words);
        Words {
            spans,
            index,
            ids,
            id_of,
            runs,
            furniture_words,
        }
    }

    /// Whether a quote of `words` could take furniture for its own words:
    /// one of them is a word of the furniture, or its first word could end
    /// one, or its last begin one. Such a quote is checked place by place.
    pub(super) fn ambiguous(&self, words: &[&str]) -> bool {
        let (first, last) = (words[0], words[words.len() - 1]);
        words.iter().any(|w| self.furniture_words.contains(w))
            || self
                .furniture_words
                .iter()
                .any(|f| f.ends_with(first) || f.starts_with(last))
    }

    /// Every match of `words` (two or more, not ambiguous) as byte ranges,
    /// in text order: the inner words found in each run by Knuth, Morris and
    /// Pratt's search, the first and last checked around each place found.
    pub(super) fn search(&self, text: &str, words: &[&str]) -> Vec<(usize, usize)> {
        let (first, last) = (words[0], words[words.len() - 1]);
        let inner: Option<Vec<u32>> = words[1..words.len() - 1]
            .iter()
            .map(|w| self.id_of.get(w).copied())
            .collect();
        // An inner word the text lacks: no match anywhere.
        let Some(inner) = inner else {
            return Vec::new();
        };
        let word = |i: usize| &text[self.spans[i].0..self.spans[i].1];
        let mut found = Vec::new();
        for run in &self.runs {
            if run.len() < words.len() {
                continue;
            }
            let ids: Vec<u32> = run.iter().map(|&i| self.ids[i]).collect();
            // The inner words may start only where the first word has a word before them.
            for at in occurrences(&ids[1..run.len() - 1], &inner) {
                let (before, after) = (run[at], run[at + 1 + inner.len()]);
                if word(before).ends_with(first) && word(after).starts_with(last) {
                    found.push((
                        self.spans[before].1 - first.len(),
                        self.spans[after].0 + last.len(),
                    ));
                }
            }
        }
        found.sort_unstable();
        found
    }
}

/// The runs of words of `text` that are not furniture words, each word
/// joined to the next by white space, or by white space and furniture
/// strings that cover the words between them exactly.
fn runs(
    text: &str,
    spans: &[(usize, usize)],
    furniture: &[&str],
    furniture_words: &HashSet<&str>,
) -> Vec<Vec<usize>> {
    let is_furniture = |i: usize| furniture_words.contains(&text[spans[i].0..spans[i].1]);
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < spans.len() {
        if !is_furniture(i) {
            current.push(i);
            i += 1;
            continue;
        }
        let gap_start = i;
        while i < spans.len() && is_furniture(i) {
            i += 1;
        }
        let crossed = i < spans.len()
            && !current.is_empty()
            && covered_by_furniture(text, spans, furniture, gap_start, i);
        if !crossed {
            runs.push(std::mem::take(&mut current));
        }
    }
    runs.push(current);
    runs.retain(|r| !r.is_empty());
    runs
}

/// Whether the words `from..to` of the text are exactly a sequence of
/// furniture strings, each beginning a word and followed by white space.
fn covered_by_furniture(
    text: &str,
    spans: &[(usize, usize)],
    furniture: &[&str],
    from: usize,
    to: usize,
) -> bool {
    let mut reached = vec![false; to - from + 1];
    reached[0] = true;
    for k in from..to {
        if !reached[k - from] {
            continue;
        }
        let start = spans[k].0;
        for f in furniture {
            if !text[start..].starts_with(f) {
                continue;
            }
            let end = start + f.len();
            if !text[end..].starts_with(char::is_whitespace) {
                continue;
            }
            // The next word after the furniture, which a quote's next word
            // or more furniture may begin.
            let next = k + spans[k..to].partition_point(|&(s, _)| s < end);
            if next > k && next <= to {
                reached[next - from] = true;
            }
        }
    }
    reached[to - from]
}

/// Where `pattern` occurs in `ids`, overlapping occurrences included, by
/// Knuth, Morris and Pratt's search: linear in both.
fn occurrences(ids: &[u32], pattern: &[u32]) -> Vec<usize> {
    if pattern.is_empty() {
        return (0..=ids.len()).collect();
    }
    let mut fail = vec![0usize; pattern.len()];
    let mut k = 0;
    for i in 1..pattern.len() {
        while k > 0 && pattern[i] != pattern[k] {
            k = fail[k - 1];
        }
        if pattern[i] == pattern[k] {
            k += 1;
        }
        fail[i] = k;
    }
    let mut found = Vec::new();
    let mut k = 0;
    for (i, id) in ids.iter().enumerate() {
        while k > 0 && *id != pattern[k] {
            k = fail[k - 1];
        }
        if *id == pattern[k] {
            k += 1;
        }
        if k == pattern.len() {
            found.push(i + 1 - k);
            k = fail[k - 1];
        }
    }
    found
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
