//! Folding a text for the normalised and fuzzy steps: one space for any white space, straight quotes, plain hyphens, no ligatures, no hyphenation at line ends, no page furniture, with the way back to the original bytes.
//!
//! A revised brief often differs from the old one only in typography: a
//! reissue set with curly quotes, en dashes or ligatures, lines broken (and
//! hyphenated) in new places, running heads moved or renamed. Folding both
//! the quote and the text the same way lets such a quote be found without
//! guessing; every folded byte remembers the original bytes it came from, so
//! a match in the folded text is a range of the original one.

/// A text folded, with the original byte range behind every folded byte.
pub(super) struct Folded {
    /// The folded text.
    pub text: String,
    /// For each byte of `text`, the range of original bytes it stands for.
    origin: Vec<(usize, usize)>,
}

impl Folded {
    /// Folds `text`, treating each occurrence of a `furniture` string that
    /// stands between white space as white space.
    pub fn new(text: &str, furniture: &[&str]) -> Folded {
        let skipped = furniture_ranges(text, furniture);
        let mut folded = Folded {
            text: String::with_capacity(text.len()),
            origin: Vec::with_capacity(text.len()),
        };
        let mut skip = skipped.iter().peekable();
        let mut chars = text.char_indices().peekable();
        // True while a run of white space (or furniture) has been seen but
        // not yet written, so that the run becomes one space.
        let mut space: Option<(usize, usize)> = None;
        while let Some((at, c)) = chars.next() {
            while skip.peek().is_some_and(|&&(_, end)| end <= at) {
                skip.next();
            }
            let end = at + c.len_utf8();
            if skip.peek().is_some_and(|&&(start, _)| start <= at) || c.is_whitespace() {
                space = Some(space.map_or((at, end), |(s, _)| (s, end)));
                continue;
            }
            if c == '\u{ad}' {
                continue;
            }
            if is_hyphen(c) && line_end_hyphenation(text, end) {
                // "inter-\nnational" reads "international": drop the hyphen
                // and the line break after it.
                while let Some(&(next, n)) = chars.peek() {
                    if !n.is_whitespace() {
                        break;
                    }
                    chars.next();
                    let _ = next;
                }
                continue;
            }
            if let Some((s, e)) = space.take() {
                if !folded.text.is_empty() {
                    folded.push(' ', (s, e));
                }
            }
            fold_char(c, |f| folded.push(f, (at, end)));
        }
        folded
    }

    fn push(&mut self, c: char, origin: (usize, usize)) {
        self.text.push(c);
        for _ in 0..c.len_utf8() {
            self.origin.push(origin);
        }
    }

    /// The original byte range of the folded bytes `start..end`.
    pub fn original(&self, start: usize, end: usize) -> (usize, usize) {
        (self.origin[start].0, self.origin[end - 1].1)
    }
}

/// Folds a quote the way [`Folded::new`] folds a text.
pub(super) fn fold_quote(quote: &str) -> String {
    Folded::new(quote, &[]).text
}

/// Writes what `c` folds to.
fn fold_char(c: char, mut push: impl FnMut(char)) {
    let expanded: &str = match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' => "'",
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => "\"",
        c if is_hyphen(c) => "-",
        '\u{fb00}' => "ff",
        '\u{fb01}' => "fi",
        '\u{fb02}' => "fl",
        '\u{fb03}' => "ffi",
        '\u{fb04}' => "ffl",
        '\u{fb05}' | '\u{fb06}' => "st",
        '\u{2026}' => "...",
        _ => {
            push(c);
            return;
        }
    };
    expanded.chars().for_each(push);
}

fn is_hyphen(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            | '\u{2011}'
            | '\u{2012}'
            | '\u{2013}'
            | '\u{2014}'
            | '\u{2015}'
            | '\u{2212}'
    )
}

/// Whether a hyphen ending at byte `after` breaks a word across lines: a
/// letter before it, a line break (and only white space) after it, then a
/// lower-case letter.
fn line_end_hyphenation(text: &str, after: usize) -> bool {
    let before = text[..after].chars().rev().nth(1);
    if !before.is_some_and(char::is_alphabetic) {
        return false;
    }
    let rest = &text[after..];
    let gap = rest.len() - rest.trim_start().len();
    rest[..gap].contains('\n') && rest[gap..].chars().next().is_some_and(char::is_lowercase)
}

/// The byte ranges of furniture strings that stand between white space (or
/// the text's ends), sorted and not overlapping.
fn furniture_ranges(text: &str, furniture: &[&str]) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for f in furniture.iter().map(|f| f.trim()).filter(|f| !f.is_empty()) {
        for (at, _) in text.match_indices(f) {
            let end = at + f.len();
            let open = text[..at]
                .chars()
                .next_back()
                .is_none_or(char::is_whitespace);
            let close = text[end..].chars().next().is_none_or(char::is_whitespace);
            if open && close {
                ranges.push((at, end));
            }
        }
    }
    ranges.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typography_folds_away() {
        let f = Folded::new(
            "the \u{201c}in\u{fb01}nite\u{201d} \u{2013} inter-\nnational  case",
            &[],
        );
        assert_eq!(f.text, "the \"infinite\" - international case");
    }

    #[test]
    fn furniture_is_white_space_and_offsets_come_back() {
        let text = "a b\n\nPage 2\n\nc d";
        let f = Folded::new(text, &["Page 2"]);
        assert_eq!(f.text, "a b c d");
        let at = f.text.find("b c").unwrap();
        let (s, e) = f.original(at, at + 3);
        assert_eq!(&text[s..e], "b\n\nPage 2\n\nc");
    }
}
