//! Writing re-anchored quotes back into `map.toml` with `toml_edit`, so that the analyst's comments, order and layout stay as they were.
//!
//! Only the values that changed are touched: a quote's string (keeping the
//! white space and comment around it), its `occurrence` (added, changed or
//! removed), a comment above an orphaned quote, and in `[brief]` the hash
//! of the text this one revises (`revises`) and, when given, the new
//! text's `furniture`.

use toml_edit::{Array, DocumentMut, Item, TableLike, Value};

use super::Outcome;
use super::quotes::{MapQuote, Site};

/// The first words of the comment put above an orphaned quote; a rerun
/// replaces a comment that begins so rather than adding another.
const ORPHAN_MARK: &str = "# reanchor: orphaned";

/// What to change in a map besides its quotes.
#[derive(Debug, Clone, Default)]
pub struct MapEdits {
    /// `revises` in `[brief]`: `sha256:` and the hex digest of the old text.
    pub revises: Option<String>,
    /// A new `furniture` list for `[brief]`.
    pub furniture: Option<Vec<String>>,
}

/// Rewrites `map_text` with every quote's outcome; an error (from
/// `toml_edit`) only when the map is not TOML, which `check` reports first.
pub fn edit_map(
    map_text: &str,
    quotes: &[(MapQuote, Outcome)],
    edits: &MapEdits,
) -> Result<String, String> {
    let mut doc: DocumentMut = map_text.parse().map_err(|e| format!("{e}"))?;
    for (quote, outcome) in quotes {
        let Some(table) = site_table(&mut doc, &quote.site) else {
            continue;
        };
        match outcome.placed() {
            Some(placed) => {
                if placed.quote != quote.quote {
                    set_string(table, "quote", &placed.quote);
                }
                set_occurrence(table, placed.occurrence);
                clear_mark(table);
            }
            None => mark_orphan(table, outcome),
        }
    }
    if let Some(brief) = doc.get_mut("brief").and_then(Item::as_table_like_mut) {
        if let Some(revises) = &edits.revises {
            set_string(brief, "revises", revises);
        }
        if let Some(furniture) = &edits.furniture {
            let list: Array = furniture.iter().map(String::as_str).collect();
            match brief.get_mut("furniture").and_then(Item::as_value_mut) {
                Some(v) => {
                    let decor = v.decor().clone();
                    *v = Value::Array(list);
                    *v.decor_mut() = decor;
                }
                None => {
                    brief.insert("furniture", Item::Value(Value::Array(list)));
                }
            }
        }
    }
    Ok(doc.to_string())
}

/// The table that holds the quote at `site`.
fn site_table<'d>(doc: &'d mut DocumentMut, site: &Site) -> Option<&'d mut dyn TableLike> {
    match site {
        Site::Table { kind, key } => doc
            .get_mut(kind)?
            .as_table_like_mut()?
            .get_mut(key)?
            .as_table_like_mut(),
        Site::Unmapped { index } => doc
            .get_mut("unmapped")?
            .as_array_of_tables_mut()?
            .get_mut(*index)
            .map(|t| t as &mut dyn TableLike),
    }
}

/// Sets `key` to the string `text`, keeping the white space and comment around the old value.
fn set_string(table: &mut dyn TableLike, key: &str, text: &str) {
    match table.get_mut(key).and_then(Item::as_value_mut) {
        Some(v) => {
            let decor = v.decor().clone();
            *v = Value::from(text);
            *v.decor_mut() = decor;
        }
        None => {
            table.insert(key, Item::Value(Value::from(text)));
        }
    }
}

/// Writes `occurrence = k`, or removes it when the quote is now unique.
fn set_occurrence(table: &mut dyn TableLike, occurrence: Option<usize>) {
    let Some(k) = occurrence else {
        table.remove("occurrence");
        return;
    };
    let k = i64::try_from(k).unwrap_or(i64::MAX);
    match table.get_mut("occurrence").and_then(Item::as_value_mut) {
        Some(v) => {
            let decor = v.decor().clone();
            *v = Value::from(k);
            *v.decor_mut() = decor;
        }
        None => {
            table.insert("occurrence", Item::Value(Value::from(k)));
        }
    }
}

/// Puts a comment above the quote saying why it is orphaned and what came closest.
fn mark_orphan(table: &mut dyn TableLike, outcome: &Outcome) {
    let Outcome::Orphaned { why, candidates } = outcome else {
        return;
    };
    let mut comment = format!("{ORPHAN_MARK}: {}\n", one_line(why));
    if let Some(c) = candidates.first() {
        comment.push_str(&format!(
            "# closest ({:.2}): \"{}\"\n",
            c.score,
            one_line(&c.text)
        ));
    }
    let Some(mut key) = table.key_mut("quote") else {
        return;
    };
    let decor = key.leaf_decor_mut();
    let kept = without_mark(decor.prefix().and_then(|p| p.as_str()).unwrap_or(""));
    decor.set_prefix(format!("{kept}{comment}"));
}

fn clear_mark(table: &mut dyn TableLike) {
    let Some(mut key) = table.key_mut("quote") else {
        return;
    };
    let decor = key.leaf_decor_mut();
    let Some(prefix) = decor.prefix().and_then(|p| p.as_str()) else {
        return;
    };
    if prefix.contains(ORPHAN_MARK) {
        let kept = without_mark(prefix);
        decor.set_prefix(kept);
    }
}

/// `prefix` without the lines an earlier orphan mark wrote.
fn without_mark(prefix: &str) -> String {
    let mut kept = String::new();
    let mut in_mark = false;
    for line in prefix.split_inclusive('\n') {
        if line.trim_start().starts_with(ORPHAN_MARK) {
            in_mark = true;
            continue;
        }
        if in_mark && line.trim_start().starts_with("# closest (") {
            continue;
        }
        in_mark = false;
        kept.push_str(line);
    }
    kept
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
