//! Where a near-miss quote parts from its closest passage: the first character that differs, placed in the map and in the brief, with both code points.

use std::ops::Range;

/// The first character where a quote and the passage closest to it part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Difference {
    /// Byte offset of the character in the quote's text.
    pub quote_byte: usize,
    /// Character offset of the character in the passage.
    pub passage_char: usize,
    /// The quote's character there.
    pub quote: char,
    /// The passage's character there.
    pub passage: char,
}

/// The first character where `quote` and `passage` differ, runs of white
/// space counting as equal (a quote matches across line breaks); `None`
/// when one is a prefix of the other, or when they differ from their first
/// character on (the passage is then only the nearest words, and the
/// closest passage says more), unless that character is only the other
/// case of the same letter.
pub(super) fn first_difference(quote: &str, passage: &str) -> Option<Difference> {
    let d = scan(quote, passage)?;
    if d.quote_byte > 0 {
        return Some(d);
    }
    let next = |s: &str| s.chars().nth(1);
    let case_only = d.quote.to_lowercase().eq(d.passage.to_lowercase())
        && next(quote).is_some()
        && next(quote) == next(passage);
    case_only.then_some(d)
}

/// The first character where the two texts differ, white space aside.
fn scan(quote: &str, passage: &str) -> Option<Difference> {
    let mut q = quote.char_indices().peekable();
    let mut p = passage.chars().enumerate().peekable();
    loop {
        let (&(quote_byte, a), &(passage_char, b)) = (q.peek()?, p.peek()?);
        if a.is_whitespace() && b.is_whitespace() {
            while q.next_if(|(_, c)| c.is_whitespace()).is_some() {}
            while p.next_if(|(_, c)| c.is_whitespace()).is_some() {}
            continue;
        }
        if a != b {
            return Some(Difference {
                quote_byte,
                passage_char,
                quote: a,
                passage: b,
            });
        }
        q.next();
        p.next();
    }
}

/// The byte offset in the map of the byte `inside` of a string value whose
/// TOML source is at `span`, when the string is written as it reads (one
/// line, no escapes); otherwise the value's own start.
pub(super) fn byte_in_map(map: &str, span: Range<usize>, value: &str, inside: usize) -> usize {
    let source = map.get(span.clone()).unwrap_or("");
    let literal = ["\"", "'"].iter().any(|q| {
        source.len() == value.len() + 2
            && source.starts_with(q)
            && source.ends_with(q)
            && &source[1..source.len() - 1] == value
    });
    if literal {
        span.start + 1 + inside
    } else {
        span.start
    }
}

/// A character as a reader tells it apart: itself (white space and other
/// invisible characters by name only), its code point and, for the
/// characters quotes are most often confused by, its name.
pub(super) fn describe(c: char) -> String {
    let name = match c {
        '\'' => Some("APOSTROPHE"),
        '"' => Some("QUOTATION MARK"),
        '\u{2018}' => Some("LEFT SINGLE QUOTATION MARK"),
        '\u{2019}' => Some("RIGHT SINGLE QUOTATION MARK"),
        '\u{201C}' => Some("LEFT DOUBLE QUOTATION MARK"),
        '\u{201D}' => Some("RIGHT DOUBLE QUOTATION MARK"),
        '\u{00AB}' => Some("LEFT-POINTING DOUBLE ANGLE QUOTATION MARK"),
        '\u{00BB}' => Some("RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK"),
        '-' => Some("HYPHEN-MINUS"),
        '\u{2010}' => Some("HYPHEN"),
        '\u{2011}' => Some("NON-BREAKING HYPHEN"),
        '\u{2013}' => Some("EN DASH"),
        '\u{2014}' => Some("EM DASH"),
        '\u{2212}' => Some("MINUS SIGN"),
        '\u{00A0}' => Some("NO-BREAK SPACE"),
        '\u{202F}' => Some("NARROW NO-BREAK SPACE"),
        '\u{00AD}' => Some("SOFT HYPHEN"),
        '\u{200B}' => Some("ZERO WIDTH SPACE"),
        '\u{2026}' => Some("HORIZONTAL ELLIPSIS"),
        ' ' => Some("SPACE"),
        '\t' => Some("TAB"),
        '\n' => Some("LINE FEED"),
        _ => None,
    };
    let code = format!("U+{:04X}", c as u32);
    let visible = !c.is_whitespace() && !c.is_control() && !matches!(c, '\u{00AD}' | '\u{200B}');
    match (visible, name) {
        (true, Some(name)) => format!("`{c}` ({code} {name})"),
        (true, None) => format!("`{c}` ({code})"),
        (false, Some(name)) => format!("{code} {name}"),
        (false, None) => code,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_differing_character_is_found_across_white_space() {
        let d = first_difference("the state\u{2019}s  dams", "the state's\ndams").unwrap();
        assert_eq!((d.quote_byte, d.passage_char), (9, 9));
        assert_eq!((d.quote, d.passage), ('\u{2019}', '\''));
        let d = first_difference("a  b c", "a\nb d").unwrap();
        assert_eq!((d.quote_byte, d.passage_char, d.quote), (5, 4, 'c'));
    }

    #[test]
    fn a_prefix_or_a_passage_unlike_from_the_start_has_no_differing_character() {
        assert_eq!(first_difference("one two", "one two three"), None);
        assert_eq!(first_difference("Officials said", "failing because"), None);
        assert_eq!(first_difference("The treaty", "treaty could"), None);
        let d = first_difference("the treaty", "The treaty").unwrap();
        assert_eq!((d.quote, d.passage), ('t', 'T'));
    }

    #[test]
    fn a_character_is_named_with_its_code_point() {
        assert_eq!(
            describe('\u{2019}'),
            "`\u{2019}` (U+2019 RIGHT SINGLE QUOTATION MARK)"
        );
        assert_eq!(describe('\u{00A0}'), "U+00A0 NO-BREAK SPACE");
        assert_eq!(describe('é'), "`é` (U+00E9)");
    }

    #[test]
    fn a_plain_string_maps_to_its_byte_in_the_file() {
        let map = "quote = \"ab\u{2019}c\"\n";
        assert_eq!(byte_in_map(map, 8..16, "ab\u{2019}c", 2), 11);
        let escaped = "quote = \"a\\u2019\"\n";
        assert_eq!(byte_in_map(escaped, 8..17, "a\u{2019}", 1), 8);
    }
}
