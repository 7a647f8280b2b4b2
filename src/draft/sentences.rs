//! The body cut into sentences, each a run of the text's own words, respecting abbreviations, initials, decimals and quotation marks.
//!
//! A sentence ends at a paragraph break, or after a word that closes one
//! (a full stop, question or exclamation mark, perhaps inside closing
//! quotes) when the next word opens one (a capital, a digit, an opening
//! quote or bracket). A full stop after an abbreviation ("Dr.", "No."), an
//! initial ("H.") or a dotted short form ("U.S.", "p.m.") ends a sentence
//! only when the next word is a function word ("The", "It"), which a name
//! after an abbreviation never is. Decimals and dates ("2.5", "2017.12.15")
//! hold no white space and so never split a word.

use crate::draft::layout::{Layout, closes};
use crate::draft::lexicon::{ABBREVIATIONS, STOPWORDS, is};

/// One sentence: a run of the body's words.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// Its number, from 0, in the text's order.
    pub index: usize,
    /// The first word (an index into the layout's words) and one past the last.
    pub first: usize,
    pub last: usize,
    /// The paragraph it is in, from 0.
    pub paragraph: usize,
    /// The byte range of the text it spans (furniture between its words included).
    pub start: usize,
    pub end: usize,
    /// Its words joined by single spaces: the quote that anchors it.
    pub quote: String,
}

impl Sentence {
    /// Its words as the text writes them.
    pub fn words<'a>(&self, layout: &Layout<'a>) -> Vec<&'a str> {
        (self.first..self.last).map(|i| layout.word(i)).collect()
    }
}

/// Cuts the body of `layout` into sentences.
pub fn split(layout: &Layout) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut paragraph = 0;
    let mut first = 0;
    let count = layout.words.len();
    for i in 0..count {
        if i > first && layout.words[i].breaks_before {
            push(layout, &mut sentences, first, i, paragraph);
            first = i;
        }
        if i == first && i > 0 && layout.words[i].breaks_before {
            paragraph += 1;
        }
        let next = (i + 1 < count).then(|| layout.word(i + 1));
        let paragraph_ends = i + 1 < count && layout.words[i + 1].breaks_before;
        if !paragraph_ends && ends_sentence(layout.word(i), next) {
            push(layout, &mut sentences, first, i + 1, paragraph);
            first = i + 1;
        }
    }
    if first < count {
        push(layout, &mut sentences, first, count, paragraph);
    }
    sentences
}

fn push(layout: &Layout, out: &mut Vec<Sentence>, first: usize, last: usize, paragraph: usize) {
    let quote = (first..last)
        .map(|i| layout.word(i))
        .collect::<Vec<_>>()
        .join(" ");
    out.push(Sentence {
        index: out.len(),
        first,
        last,
        paragraph,
        start: layout.words[first].start,
        end: layout.words[last - 1].end,
        quote,
    });
}

/// Whether a sentence ends after `word`, given the word after it.
pub fn ends_sentence(word: &str, next: Option<&str>) -> bool {
    if !closes(word) {
        return false;
    }
    let Some(next) = next else { return true };
    if !opens(next) {
        return false;
    }
    let core = word.trim_end_matches(['"', '\'', '’', '”', ')', ']', '*']);
    if !core.ends_with('.') {
        return true;
    }
    let stem = core
        .trim_end_matches('.')
        .trim_start_matches(['"', '\'', '‘', '“', '(', '[']);
    let abbreviated = is(ABBREVIATIONS, &stem.to_lowercase())
        || initial(stem)
        || stem.contains('.') && stem.chars().all(|c| c.is_alphabetic() || c == '.');
    if !abbreviated {
        return true;
    }
    let next_word = next
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    is(STOPWORDS, &next_word)
}

/// Whether `word` may open a sentence: a capital or digit, perhaps after
/// opening quotes or brackets, or a note's mark.
fn opens(word: &str) -> bool {
    let core = word.trim_start_matches(['"', '\'', '‘', '“', '(', '[', '¿', '¡']);
    match core.chars().next() {
        Some(c) => {
            c.is_uppercase() || c.is_ascii_digit() || matches!(c, '*' | '©' | '•' | '–' | '-')
        }
        None => true,
    }
}

/// Whether `stem` is an initial: one capital letter.
fn initial(stem: &str) -> bool {
    let mut chars = stem.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::layout::lay_out;

    fn quotes(text: &str) -> Vec<String> {
        let layout = lay_out(text);
        split(&layout).into_iter().map(|s| s.quote).collect()
    }

    #[test]
    fn abbreviations_initials_decimals_and_quotes_do_not_split() {
        let text = "Dr. Kim met Jerome H. Powell on Dec. 13 at 2.5 p.m. in the U.S. capital. \"It went well,\" he said. \"Very well.\" The U.S. The end?";
        assert_eq!(
            quotes(text),
            [
                "Dr. Kim met Jerome H. Powell on Dec. 13 at 2.5 p.m. in the U.S. capital.",
                "\"It went well,\" he said.",
                "\"Very well.\"",
                "The U.S.",
                "The end?"
            ]
        );
    }

    #[test]
    fn paragraphs_are_counted() {
        let layout = lay_out("One. Two.\n\nThree.\n");
        let s = split(&layout);
        assert_eq!(s.iter().map(|s| s.paragraph).collect::<Vec<_>>(), [0, 0, 1]);
    }
}
