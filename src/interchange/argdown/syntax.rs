//! Argdown's small syntaxes, each a function of one text: comments, element titles, relation symbols, headings, numbered items, trailing tags and data blocks, and escapes.

use super::{ESCAPED, Ref};

/// Blanks out comments (`<!-- -->`, `/* */`, and `//` at the start of a
/// line or after white space), keeping line breaks so positions hold.
/// Returns the text and, for an unclosed comment, where it opens.
pub(super) fn strip_comments(text: &str) -> (String, Option<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        let rest = &text[i..];
        let close = if rest.starts_with("<!--") {
            Some("-->")
        } else if rest.starts_with("/*") {
            Some("*/")
        } else if rest.starts_with("//") && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            Some("\n")
        } else {
            None
        };
        let Some(close) = close else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
            continue;
        };
        let Some(end) = rest[2..].find(close) else {
            if close == "\n" {
                out.extend(rest.chars().map(|_| ' '));
                break;
            }
            return (out, Some(i));
        };
        let stop = 2 + end + if close == "\n" { 0 } else { close.len() };
        for c in rest[..stop].chars() {
            out.push(if c == '\n' { '\n' } else { ' ' });
        }
        i += stop;
    }
    (out, None)
}

/// Takes a trailing `{…}` data block and `#tags` out of a text: the text
/// (unescaped), its tags, and the data block as written.
pub(super) fn take_extras(text: &str) -> (String, Vec<String>, Option<String>) {
    let (mut text, data) = split_data_block(text.trim());
    let tags = tags_of(&text);
    // `write` marks a hypothesis with a `#hypothesis` tag beside its
    // `kind` in the data block; the tag is no part of the text.
    if data
        .as_deref()
        .is_some_and(|d| d.contains("kind: \"hypothesis\""))
    {
        if let Some(rest) = text.strip_suffix(" #hypothesis") {
            text = rest.to_string();
        }
    }
    (unescape(&text), tags, data)
}

/// Splits a trailing `{…}` data block (braces balanced, escaped ones not
/// counted) off a trimmed text.
fn split_data_block(text: &str) -> (String, Option<String>) {
    if !text.ends_with('}') || text.ends_with("\\}") {
        return (text.to_string(), None);
    }
    let mut depth = 0usize;
    let escaped = |i: usize| i > 0 && text.as_bytes()[i - 1] == b'\\';
    for (i, c) in text.char_indices().rev() {
        match c {
            '}' | '{' if escaped(i) => {}
            '}' => depth += 1,
            '{' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return (
                        text[..i].trim_end().to_string(),
                        Some(text[i..].to_string()),
                    );
                }
            }
            _ => {}
        }
    }
    (text.to_string(), None)
}

/// The `#tag` and `#(tag with spaces)` words of a text, in order.
fn tags_of(text: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let at_word_start = i == 0 || chars[i - 1].is_whitespace();
        if chars[i] == '#' && at_word_start && i + 1 < chars.len() {
            if chars[i + 1] == '(' {
                if let Some(end) = chars[i + 2..].iter().position(|c| *c == ')') {
                    tags.push(chars[i + 2..i + 2 + end].iter().collect());
                    i += end + 3;
                    continue;
                }
            } else {
                let end = chars[i + 1..]
                    .iter()
                    .position(|c| c.is_whitespace())
                    .map_or(chars.len(), |p| i + 1 + p);
                if end > i + 1 {
                    tags.push(chars[i + 1..end].iter().collect());
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    tags
}

/// Undoes the writer's escaping: a backslash before a character that would start
/// Argdown syntax stands for that character.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if ESCAPED.contains(&next) {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// Parses a YAML flow mapping `{key: value, …}` into plain key–value pairs;
/// nested values are kept as written.
pub(super) fn parse_data(block: &str) -> Result<Vec<(String, String)>, String> {
    let inner = block
        .trim()
        .strip_prefix('{')
        .and_then(|b| b.strip_suffix('}'))
        .ok_or_else(|| "a data block is `{key: value, …}`".to_string())?;
    let mut parts = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None, 0);
    let mut escaped = false;
    for (i, c) in inner.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match (c, quote) {
            // A backslash in a double-quoted string escapes the next character.
            ('\\', Some('"')) => escaped = true,
            ('"' | '\'', None) => quote = Some(c),
            (q, Some(open)) if q == open => quote = None,
            ('[' | '{', None) => depth += 1,
            (']' | '}', None) => depth -= 1,
            (',', None) if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if quote.is_some() || depth != 0 {
        return Err("the data block has an unclosed quote or bracket".into());
    }
    parts.push(&inner[start..]);
    let mut out = Vec::new();
    for part in parts.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
        let Some((key, value)) = part.split_once(':') else {
            return Err(format!("`{part}` is not `key: value`"));
        };
        out.push((key.trim().to_string(), data_value(value.trim())));
    }
    Ok(out)
}

/// A data block's value as text: a double-quoted YAML string takes JSON's
/// escapes (`\"`, `\\`, `\n`, `\u0010`…), which is how `write` quotes every
/// value; otherwise the quotes are taken off as they are.
fn data_value(value: &str) -> String {
    let decoded = (value.len() >= 2 && value.starts_with('"') && value.ends_with('"'))
        .then(|| serde_json::from_str::<String>(value).ok())
        .flatten();
    match decoded {
        Some(v) => v,
        None => value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value)
            .replace("\\\"", "\""),
    }
}

/// The element a line (or relation) starts: a statement or argument,
/// defined (`[T]: text`), referenced (`[T]`), or untitled text.
pub(super) fn element(text: &str) -> Result<(Option<Ref>, Option<String>), String> {
    let t = text.trim_start();
    let (open, close, argument) = match t.chars().next() {
        Some('[') => ('[', ']', false),
        Some('<') if !t.starts_with("<!--") => ('<', '>', true),
        _ => return Ok((None, Some(t.to_string()))),
    };
    let Some(end) = t.find(close) else {
        return Err(format!(
            "`{open}` opens a title that is never closed with `{close}`"
        ));
    };
    let title = t[1..end].trim().to_string();
    let after = &t[end + 1..];
    // `[text](url)` is a link at the start of untitled text, not a title.
    if !argument && after.starts_with('(') {
        return Ok((None, Some(t.to_string())));
    }
    if title.is_empty() {
        return Err(format!("the title between `{open}` and `{close}` is empty"));
    }
    let r = if argument {
        Ref::Argument(title)
    } else {
        Ref::Statement(title)
    };
    match after.strip_prefix(':') {
        Some(rest) => Ok((Some(r), Some(rest.trim().to_string()))),
        None => Ok((
            Some(r),
            Some(after.trim().to_string()).filter(|s| !s.is_empty()),
        )),
    }
}

/// The relation symbols, the two-character ones first so that `<+` is not read as `<`.
const RELATION_SYMBOLS: &[&str] = &["<+", "+>", "<-", "->", "<_", "_>", "><", "+", "-", "_"];

/// A relation line's indentation, symbol and the rest.
pub(super) fn relation_line(line: &str) -> Option<(usize, &'static str, &str)> {
    let trimmed = line.trim_start();
    let indent = line.len() - trimmed.len();
    RELATION_SYMBOLS.iter().find_map(|s| {
        let rest = trimmed.strip_prefix(s)?;
        rest.starts_with([' ', '\t'])
            .then(|| (indent, *s, rest.trim_start()))
    })
}

/// Whether a line (trimmed, at no indentation) is a heading: `#`s, then
/// white space.
pub(super) fn is_heading(trimmed: &str) -> bool {
    let hashes = trimmed.chars().take_while(|c| *c == '#').count();
    hashes > 0 && trimmed[hashes..].starts_with([' ', '\t'])
}

/// The rest of a premise or conclusion line `(n) …`, after its number.
pub(super) fn numbered_item(trimmed: &str) -> Option<&str> {
    let r = trimmed.strip_prefix('(')?;
    let digits = r.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && r[digits..].starts_with(')')).then(|| &r[digits + 1..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_are_blanked_and_line_breaks_kept() {
        let text = "a <!-- b\nc --> d // e\nf /* g */";
        let (clean, unclosed) = strip_comments(text);
        assert_eq!(clean.len(), text.len());
        let lines: Vec<&str> = clean.lines().map(str::trim_end).collect();
        assert_eq!(lines, ["a", "      d", "f"]);
        assert_eq!(unclosed, None);
        assert_eq!(strip_comments("ok\nx /* never").1, Some(5));
    }

    #[test]
    fn a_trailing_data_block_and_tags_are_taken_out() {
        let (text, tags, data) = take_extras(" The claim #tag #(two words) {a: 1, b: {c: 2}} ");
        assert_eq!(text, "The claim #tag #(two words)");
        assert_eq!(tags, ["tag", "two words"]);
        assert_eq!(data.as_deref(), Some("{a: 1, b: {c: 2}}"));
        // Escaped braces are text, and so is everything escaped.
        let (text, tags, data) = take_extras("a \\{b\\} \\#c");
        assert_eq!((text.as_str(), tags.len(), data), ("a {b} #c", 0, None));
        // The writer's `#hypothesis` beside its data block is no part of the text.
        let (text, _, _) = take_extras("H #hypothesis {kind: \"hypothesis\"}");
        assert_eq!(text, "H");
    }

    #[test]
    fn data_blocks_read_as_keys_and_values() {
        let pairs =
            parse_data("{hedge: \"likely\", note: 'x, y', n: [1, 2], q: \"a\\\"b\\n\"}").unwrap();
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("hedge", "likely"),
                ("note", "x, y"),
                ("n", "[1, 2]"),
                ("q", "a\"b\n")
            ]
        );
        assert!(parse_data("{a: \"b}").is_err());
        assert!(parse_data("{a}").is_err());
    }

    #[test]
    fn an_element_is_a_statement_an_argument_or_text() {
        let statement = |t: &str| Some(Ref::Statement(t.into()));
        assert_eq!(
            element("[T]: the text"),
            Ok((statement("T"), Some("the text".into())))
        );
        assert_eq!(element("<A>"), Ok((Some(Ref::Argument("A".into())), None)));
        assert_eq!(
            element("[T] more"),
            Ok((statement("T"), Some("more".into())))
        );
        assert_eq!(
            element("[a link](https://example.org) text"),
            Ok((None, Some("[a link](https://example.org) text".into())))
        );
        assert!(element("[T: text").is_err());
        assert!(element("[ ]: text").is_err());
    }

    #[test]
    fn line_starts_are_recognised() {
        assert_eq!(relation_line("  <+ [T]"), Some((2, "<+", "[T]")));
        assert_eq!(relation_line("\t>< <A>"), Some((1, "><", "<A>")));
        assert_eq!(relation_line("+text"), None);
        assert_eq!(numbered_item("(12) [C]: c"), Some(" [C]: c"));
        assert_eq!(numbered_item("(a) text"), None);
        assert!(is_heading("## A section"));
        assert!(!is_heading("#tag"));
    }
}
