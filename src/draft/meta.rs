//! The brief's metadata as the text gives it: title, author line, date of issue, series and number, publisher and rights.
//!
//! A title is a short first paragraph that does not end as a sentence does
//! (a question mark is allowed); an author line is a short second paragraph
//! that starts with a name. The date of issue is the first full date in the
//! furniture ("2017.12.15.") or, failing that, in the first lines; the
//! series and number come from the furniture ("Online Series", "CO 17-32").

use crate::draft::Options;
use crate::draft::dates::{Ymd, full_date_in};
use crate::draft::layout::Layout;
use crate::draft::lexicon::{ORGANISATION_WORDS, is};
use crate::draft::sentences::Sentence;

/// A value the draft proposes, and what it was guessed from.
#[derive(Debug, Clone)]
pub struct Guess<T> {
    pub value: T,
    pub why: String,
}

fn guess<T>(value: T, why: impl Into<String>) -> Guess<T> {
    Guess {
        value,
        why: why.into(),
    }
}

/// The author as the author line names them.
#[derive(Debug, Clone)]
pub struct Author {
    /// The name in reading order ("Sung Ki-Young" from "Sung, Ki-Young").
    pub name: String,
    /// The name as written, when it differs.
    pub written: String,
    /// What the brackets after the name say ("Research Fellow, …").
    pub role: Option<String>,
}

/// What the draft knows of the brief itself.
#[derive(Debug, Clone)]
pub struct Meta {
    pub id: String,
    pub title: Guess<String>,
    /// The sentences that are the title and the author line.
    pub heading_sentences: Vec<usize>,
    pub author: Option<Guess<Author>>,
    pub issued: Option<Guess<Ymd>>,
    pub series: Option<Guess<String>>,
    pub number: Option<Guess<String>>,
    /// The publisher's name, from a furniture line that names an organisation.
    pub publisher: Option<Guess<String>>,
    pub rights: Guess<String>,
    pub today: String,
}

/// Reads the metadata of the text in `layout`.
pub fn read(layout: &Layout, sentences: &[Sentence], options: &Options) -> Meta {
    let mut heading_sentences = Vec::new();
    let first = sentences.first();
    let title = match first.filter(|s| heading(layout, s)) {
        Some(s) => {
            heading_sentences.push(s.index);
            guess(s.quote.clone(), "the first line, short and standing alone")
        }
        None => {
            let words: Vec<&str> = first
                .map(|s| s.words(layout).into_iter().take(10).collect())
                .unwrap_or_default();
            let title = if words.is_empty() {
                options.id.clone()
            } else {
                format!("{} …", words.join(" ").trim_end_matches([',', ';', ':']))
            };
            guess(title, "no title line: the first words of the text")
        }
    };
    let author = sentences
        .get(heading_sentences.len())
        .filter(|s| !heading_sentences.is_empty() && s.paragraph == 1 && author_like(layout, s))
        .map(|s| {
            heading_sentences.push(s.index);
            guess(
                author_of(&s.quote),
                format!("the line after the title, \"{}\"", s.quote),
            )
        });
    let issued = issued(layout, options);
    let (series, number) = series_and_number(layout);
    let publisher = layout
        .furniture
        .iter()
        .find(|f| {
            f.text
                .split_whitespace()
                .any(|w| is(ORGANISATION_WORDS, &w.to_lowercase()))
        })
        .map(|f| guess(f.text.clone(), format!("the furniture line \"{}\"", f.text)));
    let rights = rights(layout);
    Meta {
        id: options.id.clone(),
        title,
        heading_sentences,
        author,
        issued,
        series,
        number,
        publisher,
        rights,
        today: options.today.clone(),
    }
}

/// Whether a sentence is a heading: a whole short paragraph not ending with a full stop.
fn heading(layout: &Layout, s: &Sentence) -> bool {
    let words = s.last - s.first;
    let alone = s.last == layout.words.len() || layout.words[s.last].breaks_before;
    alone && words <= 20 && !s.quote.ends_with(['.', ',', ';', ':'])
}

/// Whether a sentence reads as an author line: short, alone, opening with a capitalised name.
fn author_like(layout: &Layout, s: &Sentence) -> bool {
    let words = s.words(layout);
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    heading(layout, s) && words.len() <= 20 && words.iter().take(2).all(capital)
}

/// The author from an author line: "Sung, Ki-Young (Research Fellow, …)" or "By Jane Doe, Fellow".
fn author_of(line: &str) -> Author {
    let line = line.strip_prefix("By ").unwrap_or(line);
    let (name_part, role) = match line.split_once('(') {
        Some((name, rest)) => (
            name.trim(),
            Some(rest.trim_end_matches(')').trim().to_string()),
        ),
        None => match line.split_once(", ") {
            Some((a, b)) if b.split_whitespace().count() > 2 => {
                (a.trim(), Some(b.trim().to_string()))
            }
            _ => (line.trim(), None),
        },
    };
    let name = match name_part.split_once(", ") {
        // "Family, Given": a comma inside the name is how many series print it.
        Some((family, given)) if !given.contains(' ') => format!("{family} {given}"),
        _ => name_part.to_string(),
    };
    Author {
        written: name_part.to_string(),
        name,
        role,
    }
}

/// The date of issue: the caller's, else the first full date in the furniture, else in the first lines.
fn issued(layout: &Layout, options: &Options) -> Option<Guess<Ymd>> {
    if let Some(given) = options.issued.as_deref().and_then(Ymd::parse) {
        return Some(guess(given, "the date given with --date"));
    }
    for f in &layout.furniture {
        if let Some(date) = full_date_in(&f.text) {
            return Some(guess(date, format!("the furniture line \"{}\"", f.text)));
        }
    }
    let head: Vec<&str> = (0..layout.lines.len().min(6))
        .map(|i| layout.line(i))
        .collect();
    head.iter().find_map(|line| {
        let date = full_date_in(line)?;
        Some(guess(date, format!("the line \"{line}\" near the top")))
    })
}

/// The series ("Online Series", "Working Paper") and number ("CO 17-32", "No. 12") from the furniture.
fn series_and_number(layout: &Layout) -> (Option<Guess<String>>, Option<Guess<String>>) {
    const SERIES: &[&str] = &[
        "series",
        "paper",
        "papers",
        "brief",
        "briefs",
        "report",
        "notes",
        "commentary",
    ];
    let series = layout.furniture.iter().find(|f| {
        let last = f
            .text
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_lowercase();
        SERIES.contains(&last.as_str()) && !f.text.bytes().any(|b| b.is_ascii_digit())
    });
    let number = layout.furniture.iter().find_map(|f| {
        let part = f.text.rsplit('|').next().unwrap_or(&f.text).trim();
        let words: Vec<&str> = part.split_whitespace().collect();
        let code = |w: &str| {
            w.bytes().any(|b| b.is_ascii_digit())
                && w.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
        };
        let fits = (1..=3).contains(&words.len())
            && words.last().is_some_and(|w| code(w))
            && full_date_in(part).is_none()
            && !words.iter().any(|w| w.eq_ignore_ascii_case("page"));
        fits.then(|| {
            guess(
                part.to_string(),
                format!("the furniture line \"{}\"", f.text),
            )
        })
    });
    let series =
        series.map(|f| guess(f.text.clone(), format!("the furniture line \"{}\"", f.text)));
    (series, number)
}

/// The rights statement: a line with "©" or "Copyright", else a placeholder the analyst must replace.
fn rights(layout: &Layout) -> Guess<String> {
    for i in 0..layout.lines.len() {
        let line = layout.line(i);
        if let Some(at) = line.find('©').or_else(|| line.find("Copyright")) {
            let statement = line[at..].trim();
            if statement.split_whitespace().count() <= 8 {
                return guess(statement.to_string(), format!("the text's \"{statement}\""));
            }
        }
    }
    guess(
        "unknown: state the brief's licence here".to_string(),
        "no rights statement in the text",
    )
}
