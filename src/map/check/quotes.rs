//! Quotes: anchoring each in the brief's text, the passages left out on purpose, and noticing when the text has changed under the map.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::path::Path;

use toml::Spanned;

use super::{Checker, differ};
use crate::map::anchor::{Anchor, Found, Text};
use crate::map::diagnostic::{Diagnostic, Position};
use crate::map::model::{Quote, Unmapped};
use crate::map::parse::{RawMap, Str};

/// The brief's text, for anchoring quotes, and what anchoring found so far.
pub(super) struct Anchoring<'a> {
    /// The text, unless it could not be read (then no quote is looked for).
    text: Option<&'a Text<'a>>,
    text_path: &'a Path,
    /// How many quotes were looked for, and the lines of those not found:
    /// when most are missing, the text has likely changed under the map.
    quotes: Cell<usize>,
    missing: RefCell<Vec<usize>>,
}

impl<'a> Anchoring<'a> {
    pub(super) fn new(text: Option<&'a Text<'a>>, text_path: &'a Path) -> Anchoring<'a> {
        Anchoring {
            text,
            text_path,
            quotes: Cell::new(0),
            missing: RefCell::new(Vec::new()),
        }
    }
}

impl Checker<'_> {
    /// `[[unmapped]]`: passages of the brief left out of the map on purpose,
    /// each with its reason.
    pub(super) fn unmapped(&mut self, raw: &RawMap, anchoring: &Anchoring) -> Vec<Unmapped> {
        raw.unmapped
            .iter()
            .filter_map(|u| {
                let span: Str = Spanned::new(u.span(), String::new());
                let u = u.get_ref();
                let reason = self.required(&u.reason, "reason", &span, "[[unmapped]]");
                if u.quote.is_none() {
                    self.error(
                        &span,
                        "[[unmapped]] has no `quote`",
                        "add `quote = \"…\"`, the passage left out",
                    );
                }
                let quote = self.quote(&u.quote, &u.occurrence, anchoring)?;
                Some(Unmapped { quote, reason })
            })
            .collect()
    }

    /// When several quotes (three, or two that are half of all) are not in
    /// the text, says so once: the text has likely changed under the map,
    /// and `reanchor` is the way to follow it.
    pub(super) fn stale(&mut self, anchoring: &Anchoring, brief: &Str) {
        let missing = anchoring.missing.borrow();
        let total = anchoring.quotes.get();
        let empty = anchoring.text.is_some_and(|t| t.as_str().trim().is_empty());
        let several = missing.len() >= 3 || (missing.len() == 2 && missing.len() * 2 >= total);
        if !several || empty {
            return;
        }
        let lines: Vec<String> = missing.iter().map(usize::to_string).collect();
        self.error(
            brief,
            format!(
                "{} of {total} quotes are not in {} (the quotes at lines {} of the map): has the text changed since the map was made?",
                missing.len(),
                anchoring.text_path.display(),
                lines.join(", ")
            ),
            format!(
                "if the brief was revised, put the text the map was made from back and run `argmap reanchor {} --text REVISED.txt`: it moves every quote it can find to the revised text and lists the rest; otherwise update each stale quote",
                self.path.parent().map_or(".".into(), |p| p.display().to_string()),
            ),
        );
    }

    /// Anchors `quote` (its `occurrence`-th occurrence, or the first) in the
    /// text; a warning when the choice of the first was not the analyst's,
    /// an error when it cannot be anchored.
    pub(super) fn quote(
        &mut self,
        quote: &Option<Str>,
        occurrence: &Option<Spanned<i64>>,
        anchoring: &Anchoring,
    ) -> Option<Quote> {
        let quote = quote.as_ref()?;
        let text = anchoring.text?;
        let wanted = match occurrence {
            Some(o) if *o.get_ref() < 1 => {
                self.error(
                    o,
                    format!("occurrence {} is not a position", o.get_ref()),
                    "count occurrences from 1",
                );
                return None;
            }
            Some(o) => Some(*o.get_ref() as usize),
            None => None,
        };
        anchoring.quotes.set(anchoring.quotes.get() + 1);
        match text.find(quote.get_ref(), wanted) {
            Found::Anchored { anchor, count } => {
                if count > 1 && wanted.is_none() {
                    let position = self.at(quote);
                    self.diagnostics.push(
                        Diagnostic::warning(self.path, position, format!("the quote occurs {count} times in the text; the first is taken"))
                            .with_help("add `occurrence = n` to choose another, or lengthen the quote until it is unique"),
                    );
                }
                Some(Quote {
                    text: quote.get_ref().clone(),
                    anchor,
                })
            }
            Found::TooFew { count } => {
                let message = format!(
                    "the quote occurs {count} time{}, so there is no occurrence {}",
                    if count == 1 { "" } else { "s" },
                    wanted.unwrap_or(1)
                );
                let help = format!("write an occurrence from 1 to {count}");
                match occurrence {
                    Some(o) => self.error(o, message, help),
                    None => self.error(quote, message, help),
                }
                None
            }
            Found::Empty => {
                self.error(
                    quote,
                    "the quote is empty",
                    "write the brief's words, or remove `quote`",
                );
                None
            }
            Found::Missing { closest } => {
                if let Some(p) = self.at(quote) {
                    anchoring.missing.borrow_mut().push(p.line);
                }
                let difference = closest
                    .as_ref()
                    .and_then(|c| self.difference(quote, c, text, anchoring.text_path));
                let help = missing_help(quote.get_ref(), closest, text, anchoring.text_path);
                let help = match difference {
                    Some(d) => format!("{d}\n{help}"),
                    None => help,
                };
                self.error(
                    quote,
                    format!(
                        "quote not found in {}: \"{}\"",
                        anchoring.text_path.display(),
                        quote.get_ref()
                    ),
                    help,
                );
                None
            }
        }
    }
}

impl Checker<'_> {
    /// The first character where `quote` parts from its closest passage
    /// `c`: where it is in the map and in the brief (line:col and character
    /// offset), and both characters with their code points.
    fn difference(&self, quote: &Str, c: &Anchor, text: &Text, text_path: &Path) -> Option<String> {
        let d = differ::first_difference(quote.get_ref(), &c.exact)?;
        let in_map = differ::byte_in_map(self.text, quote.span(), quote.get_ref(), d.quote_byte);
        let m = Position::of_byte(self.text, in_map);
        let offset = c.start + d.passage_char;
        let b = Position::of_char(text.as_str(), offset);
        Some(format!(
            "the first difference is at {}:{}:{} against {}:{}:{} (character {offset} of the brief): the quote has {} where the brief has {}",
            self.path.display(),
            m.line,
            m.column,
            text_path.display(),
            b.line,
            b.column,
            differ::describe(d.quote),
            differ::describe(d.passage),
        ))
    }
}

/// The advice for a quote not found in the text: the closest passage and
/// where it is, and whether page furniture may be what interrupts it.
fn missing_help(quote: &str, closest: Option<Anchor>, text: &Text, text_path: &Path) -> String {
    let Some(c) = closest else {
        if text.as_str().trim().is_empty() {
            return format!(
                "{} is empty: put the brief's exact text in it",
                text_path.display()
            );
        }
        return "copy the brief's words exactly, typos included".into();
    };
    let p = Position::of_char(text.as_str(), c.start);
    // A line of the passage none of whose words is in the quote (a page
    // number, a running head), or more words than the quote has: furniture
    // may interrupt it.
    let words: HashSet<&str> = quote.split_whitespace().collect();
    let foreign_line = c.exact.lines().skip(1).any(|line| {
        let mut w = line.split_whitespace().peekable();
        w.peek().is_some() && w.all(|x| !words.contains(x))
    });
    let furniture = if foreign_line
        || c.exact.split_whitespace().count() > quote.split_whitespace().count()
    {
        "\nif a running head or page number interrupts the quote there, list it in `furniture` in [brief]"
    } else {
        ""
    };
    format!(
        "the closest passage is at {}:{}:{}: \"{}\"\ncopy the brief's words exactly, typos included{furniture}",
        text_path.display(),
        p.line,
        p.column,
        c.exact.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}
