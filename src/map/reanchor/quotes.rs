//! The quotes of a map as written, each with the table it sits in, so that a re-anchored quote can be written back to its own place.

use toml::Spanned;

use crate::map::diagnostic::Position;
use crate::map::parse::{RawMap, Str};

/// Where a quote is written in `map.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Site {
    /// `[<kind>.<key>]`: kind is question, hypothesis, claim, evidence or event.
    Table { kind: &'static str, key: String },
    /// The `index`-th `[[unmapped]]` table, from 0.
    Unmapped { index: usize },
}

impl std::fmt::Display for Site {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Site::Table { kind, key } => write!(f, "{kind}.{key}"),
            Site::Unmapped { index } => write!(f, "unmapped[{}]", index + 1),
        }
    }
}

/// One quote of a map.
#[derive(Debug, Clone)]
pub struct MapQuote {
    pub site: Site,
    /// Where the quote's value is in `map.toml` (none for a quote read from the store).
    pub position: Option<Position>,
    pub quote: String,
    /// The `occurrence` written beside it, when it is a position (from 1).
    pub occurrence: Option<usize>,
}

/// Every quote of `raw` (parsed from `map_text`), in the order of the file's tables by kind.
pub fn map_quotes(raw: &RawMap, map_text: &str) -> Vec<MapQuote> {
    let mut quotes = Vec::new();
    let mut push = |site: Site, quote: &Option<Str>, occurrence: &Option<Spanned<i64>>| {
        let Some(quote) = quote else { return };
        quotes.push(MapQuote {
            site,
            position: Some(Position::of_byte(map_text, quote.span().start)),
            quote: quote.get_ref().clone(),
            occurrence: occurrence
                .as_ref()
                .and_then(|o| usize::try_from(*o.get_ref()).ok())
                .filter(|&o| o >= 1),
        });
    };
    let table = |kind: &'static str, key: &Str| Site::Table {
        kind,
        key: key.get_ref().clone(),
    };
    for (key, q) in &raw.questions {
        let q = q.get_ref();
        push(table("question", key), &q.quote, &q.occurrence);
    }
    for (key, h) in &raw.hypotheses {
        let h = h.get_ref();
        push(table("hypothesis", key), &h.quote, &h.occurrence);
    }
    for (key, c) in &raw.claims {
        let c = c.get_ref();
        push(table("claim", key), &c.quote, &c.occurrence);
    }
    for (key, e) in &raw.evidence {
        let e = e.get_ref();
        push(table("evidence", key), &e.quote, &e.occurrence);
    }
    for (key, e) in &raw.events {
        let e = e.get_ref();
        push(table("event", key), &e.quote, &e.occurrence);
    }
    for (index, u) in raw.unmapped.iter().enumerate() {
        let u = u.get_ref();
        push(Site::Unmapped { index }, &u.quote, &u.occurrence);
    }
    quotes.sort_by_key(|q| q.position);
    quotes
}
