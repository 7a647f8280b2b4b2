//! A stored brief's quotes with their Web Annotation selectors and the text they were anchored in: what re-anchoring a brief from the store needs.

use crate::Error;
use crate::map::anchor::Anchor;
use crate::read::briefs::{brief_by_id, graph_bindings};
use crate::read::rows::{rows, select};
use crate::sparql::Backend;

/// One stored quote.
#[derive(Debug, Clone)]
pub struct StoredQuote {
    /// question, hypothesis, claim, evidence, event or unmapped.
    pub kind: String,
    /// The node's key; for an unmapped passage, its number from 1.
    pub key: String,
    /// The quote as the map wrote it.
    pub quote: String,
    /// Where it was anchored, with its stored prefix and suffix.
    pub anchor: Anchor,
}

/// A stored brief's text, furniture and quotes.
#[derive(Debug, Clone)]
pub struct StoredText {
    pub content: String,
    pub furniture: Vec<String>,
    pub quotes: Vec<StoredQuote>,
}

/// Reads brief `id`'s text and quotes; `Error::NotFound` when the store has no such brief.
pub fn stored_quotes(backend: &dyn Backend, id: &str) -> Result<StoredText, Error> {
    let Some(brief) = brief_by_id(backend, id)? else {
        return Err(Error::NotFound(format!(
            "the store has no brief `{id}`; `argmap list` shows the briefs it has"
        )));
    };
    let bindings = graph_bindings(&brief)?;
    let text = select(backend, "reanchor-text", &bindings)?;
    let mut content = None;
    let mut furniture = Vec::new();
    for row in rows(&text) {
        content = content.or_else(|| row.text("content"));
        furniture.extend(row.text("furniture"));
    }
    furniture.dedup();
    let Some(content) = content else {
        return Err(Error::NotFound(format!(
            "brief `{id}` has no text in the store (it was imported without one), so there is nothing to re-anchor from"
        )));
    };
    let answer = select(backend, "reanchor-quotes", &bindings)?;
    let quotes = rows(&answer)
        .filter_map(|row| {
            let kind = row.text("kind")?;
            let key = match row.text("key") {
                Some(key) => key,
                None => row.text("node")?.rsplit('/').next()?.to_string(),
            };
            Some(StoredQuote {
                kind,
                key,
                quote: row.text("quote")?,
                anchor: Anchor {
                    start: row.number("start")?,
                    end: row.number("end")?,
                    exact: row.text("exact")?,
                    prefix: row.text("prefix")?,
                    suffix: row.text("suffix")?,
                },
            })
        })
        .collect();
    Ok(StoredText {
        content,
        furniture,
        quotes,
    })
}
