//! The page as laid out: lines, the page furniture among them (running heads, footers, page numbers), and the words of the body with the paragraph breaks between them.
//!
//! Furniture is found by repetition: a short line with no closing
//! punctuation that occurs twice or more is a running head or footer, and
//! so is a page number. A block of such short lines around a page break is
//! furniture as a whole when it holds a repeated line, and a running head
//! that a page break glued to the end of a line of text is split off it.
//! The body is every word that is not furniture, each with its byte range,
//! so that a sentence's words are the text's own.

use std::collections::HashMap;

/// One line of the text: the byte range of its content, white space trimmed.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    /// Where the line begins, white space included.
    pub begin: usize,
    pub start: usize,
    pub end: usize,
    /// Whether the line begins with white space (an indented paragraph).
    pub indented: bool,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.start == self.end
    }
}

/// A furniture string the map should declare, and why it was taken for one.
#[derive(Debug, Clone)]
pub struct Furniture {
    pub text: String,
    pub why: String,
}

/// A word of the body: a run of non-white-space, by byte range.
#[derive(Debug, Clone, Copy)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// The line it is on (an index into [`Layout::lines`]).
    pub line: usize,
    /// Whether a paragraph ends before it.
    pub breaks_before: bool,
}

/// The text's lines, its furniture, and its body.
pub struct Layout<'a> {
    pub text: &'a str,
    pub lines: Vec<Line>,
    pub furniture: Vec<Furniture>,
    /// The byte ranges of the text that are furniture.
    pub furniture_ranges: Vec<(usize, usize)>,
    pub words: Vec<Word>,
}

impl<'a> Layout<'a> {
    /// The text of word `i`.
    pub fn word(&self, i: usize) -> &'a str {
        let w = self.words[i];
        &self.text[w.start..w.end]
    }

    /// The content of line `i`.
    pub fn line(&self, i: usize) -> &'a str {
        let l = self.lines[i];
        &self.text[l.start..l.end]
    }
}

/// The longest a furniture line may be, in words and in characters.
const FURNITURE_WORDS: usize = 12;
const FURNITURE_CHARS: usize = 100;
/// A line this long holds a whole paragraph.
const PARAGRAPH_LINE: usize = 200;

/// Lays out `text`.
pub fn lay_out(text: &str) -> Layout<'_> {
    let lines = split_lines(text);
    let (furniture, mut ranges) = find_furniture(text, &lines);
    ranges.sort_unstable();
    let words = body_words(text, &lines, &ranges);
    Layout {
        text,
        lines,
        furniture,
        furniture_ranges: ranges,
        words,
    }
}

fn split_lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut at = 0;
    for raw in text.split('\n') {
        let trimmed_start = raw.len() - raw.trim_start().len();
        let content = raw.trim();
        let start = at + trimmed_start;
        lines.push(Line {
            begin: at,
            start: if content.is_empty() { at } else { start },
            end: if content.is_empty() {
                at
            } else {
                start + content.len()
            },
            indented: trimmed_start > 0 && !content.is_empty(),
        });
        at += raw.len() + 1;
    }
    lines
}

/// Whether a line may be furniture: short, and not ending as a sentence does.
fn short_line(content: &str) -> bool {
    !content.is_empty()
        && content.split_whitespace().count() <= FURNITURE_WORDS
        && content.chars().count() <= FURNITURE_CHARS
        && !content.ends_with(['.', ',', ';', ':', '!', '?'])
}

/// Whether a line is a page number: "7", "- 7 -", "Page 7", "7 of 12", "7 / 12".
fn page_number(content: &str) -> bool {
    let words: Vec<&str> = content
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '/' | '|'))
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit());
    match words.as_slice() {
        [n] => number(n),
        [p, n] => p.eq_ignore_ascii_case("page") && number(n) || number(p) && number(n),
        [n, of, m] => number(n) && of.eq_ignore_ascii_case("of") && number(m),
        [p, n, of, m] => {
            p.eq_ignore_ascii_case("page")
                && number(n)
                && of.eq_ignore_ascii_case("of")
                && number(m)
        }
        _ => false,
    }
}

/// The furniture strings, each with its reason, and the byte ranges they cover.
fn find_furniture(text: &str, lines: &[Line]) -> (Vec<Furniture>, Vec<(usize, usize)>) {
    let content = |i: usize| &text[lines[i].start..lines[i].end];
    let short: Vec<bool> = (0..lines.len()).map(|i| short_line(content(i))).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (i, _) in short.iter().enumerate().filter(|(_, short)| **short) {
        *counts.entry(content(i)).or_default() += 1;
    }
    let pages = (0..lines.len())
        .filter(|&i| short[i] && page_number(content(i)))
        .count();
    let mut why: Vec<Option<String>> = (0..lines.len())
        .map(|i| {
            if !short[i] {
                None
            } else if pages >= 2 && page_number(content(i)) {
                Some("a page number".to_string())
            } else if counts[content(i)] >= 2 {
                Some(format!("a line that occurs {} times", counts[content(i)]))
            } else {
                None
            }
        })
        .collect();
    mark_blocks(text, lines, &short, &mut why);
    let mut furniture: Vec<Furniture> = Vec::new();
    let mut ranges = Vec::new();
    for (i, reason) in why.iter().enumerate() {
        let Some(reason) = reason else { continue };
        ranges.push((lines[i].start, lines[i].end));
        if !furniture.iter().any(|f| f.text == content(i)) {
            furniture.push(Furniture {
                text: content(i).to_string(),
                why: reason.clone(),
            });
        }
    }
    ranges.extend(glued(text, lines, &why, &furniture));
    (furniture, ranges)
}

/// Marks the other lines of a block of short lines that holds furniture:
/// those with a digit (dates, issue numbers), and those with furniture on
/// both sides within the block.
fn mark_blocks(text: &str, lines: &[Line], short: &[bool], why: &mut [Option<String>]) {
    let mut i = 0;
    while i < lines.len() {
        if !short[i] {
            i += 1;
            continue;
        }
        // A block: short lines with only blank lines between them.
        let mut members = vec![i];
        let mut j = i + 1;
        while j < lines.len() && (lines[j].is_blank() || short[j]) {
            if short[j] {
                members.push(j);
            }
            j += 1;
        }
        i = j;
        if !members.iter().any(|&m| why[m].is_some()) {
            continue;
        }
        let marked: Vec<bool> = members.iter().map(|&m| why[m].is_some()).collect();
        for (k, &m) in members.iter().enumerate() {
            if marked[k] {
                continue;
            }
            let content = &text[lines[m].start..lines[m].end];
            let before = marked[..k].iter().any(|&b| b);
            let after = marked[k + 1..].iter().any(|&b| b);
            if content.bytes().any(|b| b.is_ascii_digit()) {
                why[m] = Some("in a block of running heads, with a number".into());
            } else if before && after {
                why[m] = Some("between running heads".into());
            }
        }
    }
}

/// The byte ranges of furniture glued by a page break to the start or end
/// of a line of text next to a furniture line: "… 'humanitarian Korea
/// Institute for National Unification" before a page's running heads.
fn glued(
    text: &str,
    lines: &[Line],
    why: &[Option<String>],
    furniture: &[Furniture],
) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let next_marked = |i: usize, step: isize| -> bool {
        let mut j = i as isize + step;
        while j >= 0 && (j as usize) < lines.len() {
            let l = j as usize;
            if !lines[l].is_blank() {
                return why[l].is_some();
            }
            j += step;
        }
        false
    };
    for (i, line) in lines.iter().enumerate() {
        if line.is_blank() || why[i].is_some() {
            continue;
        }
        let content = &text[line.start..line.end];
        for f in furniture
            .iter()
            .filter(|f| f.text.split_whitespace().count() >= 2)
        {
            if next_marked(i, 1) && content.len() > f.text.len() {
                if let Some(head) = content.strip_suffix(f.text.as_str()) {
                    if head.ends_with(char::is_whitespace) {
                        ranges.push((line.end - f.text.len(), line.end));
                    }
                }
            }
            if next_marked(i, -1) && content.len() > f.text.len() {
                if let Some(tail) = content.strip_prefix(f.text.as_str()) {
                    if tail.starts_with(char::is_whitespace) {
                        ranges.push((line.start, line.start + f.text.len()));
                    }
                }
            }
        }
    }
    ranges
}

/// Whether `word` closes a sentence by its last characters: a full stop,
/// question or exclamation mark, perhaps inside closing quotes or brackets.
pub fn closes(word: &str) -> bool {
    let core = word.trim_end_matches(['"', '\'', '’', '”', ')', ']', '*']);
    core.ends_with(['.', '?', '!'])
}

/// The body's words, furniture left out, each with whether a paragraph ends before it.
fn body_words(text: &str, lines: &[Line], ranges: &[(usize, usize)]) -> Vec<Word> {
    let mut words = Vec::new();
    let in_furniture = |start: usize| {
        let k = ranges.partition_point(|r| r.0 <= start);
        k > 0 && start < ranges[k - 1].1
    };
    let lengths: Vec<usize> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| text[l.start..l.end].chars().count())
        .collect();
    let mut sorted = lengths.clone();
    sorted.sort_unstable();
    let median = sorted.get(sorted.len() / 2).copied().unwrap_or(0);
    let blank_lines = lines
        .iter()
        .enumerate()
        .any(|(i, l)| l.is_blank() && i > 0 && i + 1 < lines.len());
    let first_line = lines.iter().position(|l| !l.is_blank());
    let mut line = 0;
    let mut previous: Option<Word> = None;
    for (start, end) in spans(text) {
        while line + 1 < lines.len() && lines[line + 1].begin <= start {
            line += 1;
        }
        if in_furniture(start) {
            continue;
        }
        let breaks_before = match previous {
            None => false,
            Some(p) => {
                let gap = &text[p.end..start];
                let furniture_between = ranges.iter().any(|r| r.0 >= p.end && r.1 <= start);
                let blank = gap_has_blank_line(gap);
                let previous_line = &lines[p.line];
                let previous_text = &text[previous_line.start..previous_line.end];
                let capital = text[start..]
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_lowercase());
                if furniture_between {
                    blank && closes(&text[p.start..p.end]) && capital
                } else if blank {
                    true
                } else if !gap.contains('\n') {
                    false
                } else if (Some(p.line) == first_line && title_like(previous_text) && capital)
                    || lines[line].indented
                    || previous_text.chars().count() > PARAGRAPH_LINE
                {
                    true
                } else {
                    !blank_lines
                        && closes(&text[p.start..p.end])
                        && previous_text.chars().count() * 10 < median * 7
                }
            }
        };
        let word = Word {
            start,
            end,
            line,
            breaks_before,
        };
        words.push(word);
        previous = Some(word);
    }
    words
}

/// Whether a first line reads as a title: short, and ending as a heading or a question does.
fn title_like(line: &str) -> bool {
    line.split_whitespace().count() <= 15
        && (line.ends_with('?') || !line.ends_with(['.', ',', ';', ':', '!']))
}

/// Whether white space between two words holds a blank line.
fn gap_has_blank_line(gap: &str) -> bool {
    let mut newlines = 0;
    for c in gap.chars() {
        if c == '\n' {
            newlines += 1;
            if newlines >= 2 {
                return true;
            }
        } else if !c.is_whitespace() {
            // Furniture between: count the newlines on each side apart.
            newlines = 0;
        }
    }
    false
}

/// The byte ranges of the runs of non-white-space in `text`.
pub fn spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = chars.peek() {
            if c.is_whitespace() {
                chars.next();
            } else {
                break;
            }
        }
        let (start, _) = *chars.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_whitespace() {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        Some((start, end))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_short_lines_and_their_block_are_furniture() {
        let text = "A Title\n\nThe first paragraph ends\n\nOnline Series\n\n2017.12.15. | CO 17-32\n\nKorea Institute\n\nOnline Series\n\nCO 17-32\n\nhere. A new one starts.\n\nOnline Series\n\nCO 17-32\n\nand ends.\n";
        let layout = lay_out(text);
        let furniture: Vec<&str> = layout.furniture.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(
            furniture,
            [
                "Online Series",
                "2017.12.15. | CO 17-32",
                "Korea Institute",
                "CO 17-32"
            ]
        );
        let words: Vec<&str> = (0..layout.words.len()).map(|i| layout.word(i)).collect();
        assert_eq!(
            words,
            [
                "A",
                "Title",
                "The",
                "first",
                "paragraph",
                "ends",
                "here.",
                "A",
                "new",
                "one",
                "starts.",
                "and",
                "ends."
            ]
        );
        // A page break inside a sentence is no paragraph break.
        assert!(layout.words[2].breaks_before);
        assert!(!layout.words[6].breaks_before);
        assert!(!layout.words[11].breaks_before);
    }

    #[test]
    fn page_numbers_are_furniture_and_crlf_is_white_space() {
        let text =
            "Heading\r\n\r\nOne sentence here.\r\n\r\n- 1 -\r\n\r\nTwo sentences.\r\n\r\n- 2 -\r\n";
        let layout = lay_out(text);
        let furniture: Vec<&str> = layout.furniture.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(furniture, ["- 1 -", "- 2 -"]);
        assert_eq!(layout.word(0), "Heading");
        assert!(layout.words[1].breaks_before);
    }

    #[test]
    fn hard_wrapped_paragraphs_end_on_short_lines() {
        let text = "This line of a paragraph is about as long as the others are here,\nand this one ends the paragraph.\nThis one starts the next paragraph, which is as long as the first\none and ends it.\n";
        let layout = lay_out(text);
        let starts: Vec<&str> = (0..layout.words.len())
            .filter(|&i| layout.words[i].breaks_before)
            .map(|i| layout.word(i))
            .collect();
        assert_eq!(starts, ["This"]);
        assert_eq!(layout.word(20), "This");
    }
}
