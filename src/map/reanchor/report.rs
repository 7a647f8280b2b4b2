//! The report of a re-anchoring, quote by quote: what became of each, where it is now, and for a changed or orphaned quote the old and new wording side by side.

use std::fmt::Write;

use super::quotes::MapQuote;
use super::{MARGIN, Outcome, THRESHOLD};
use crate::map::diagnostic::Position;

/// One quote and what became of it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub quote: MapQuote,
    /// Its first character in the old text, when it was found there.
    pub old_start: Option<usize>,
    pub outcome: Outcome,
}

/// The report as text: one paragraph per quote, then a count of each outcome.
/// `map` and `text` name the map and the new text; `new_text` places offsets.
pub fn to_text(entries: &[Entry], map: &str, text: &str, new_text: &str, old_text: &str) -> String {
    let mut out = String::new();
    for e in entries {
        let site = match e.quote.position {
            Some(p) => format!("{} ({map}:{}:{})", e.quote.site, p.line, p.column),
            None => e.quote.site.to_string(),
        };
        let was = e.old_start.map(|s| {
            let p = Position::of_char(old_text, s);
            format!(" (was {}:{})", p.line, p.column)
        });
        let was = was.unwrap_or_else(|| " (not in the old text)".into());
        match &e.outcome {
            Outcome::Orphaned { why, candidates } => {
                let _ = writeln!(out, "{site}: orphaned: {why}");
                let _ = writeln!(out, "  kept: \"{}\"", e.quote.quote);
                for c in candidates {
                    let p = Position::of_char(new_text, c.start);
                    let _ = writeln!(
                        out,
                        "  closest ({:.2}) at {text}:{}:{}: \"{}\"",
                        c.score, p.line, p.column, c.text
                    );
                }
            }
            outcome => {
                let Some(placed) = outcome.placed() else {
                    continue;
                };
                let p = Position::of_char(new_text, placed.anchor.start);
                let how = match outcome {
                    Outcome::Fuzzy {
                        score, runner_up, ..
                    } => match runner_up {
                        Some(r) => format!("fuzzy (score {score:.2}, runner-up {r:.2})"),
                        None => format!("fuzzy (score {score:.2}, no runner-up)"),
                    },
                    other => other.name().to_string(),
                };
                let occurrence = placed
                    .occurrence
                    .map(|k| format!(", occurrence {k}"))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{site}: {how} at {text}:{}:{}{was}{occurrence}",
                    p.line, p.column
                );
                if placed.quote != e.quote.quote {
                    let _ = writeln!(out, "  was: \"{}\"", e.quote.quote);
                    let _ = writeln!(out, "  now: \"{}\"", placed.quote);
                }
            }
        }
    }
    let count = |name: &str| entries.iter().filter(|e| e.outcome.name() == name).count();
    let _ = writeln!(
        out,
        "{} quotes: {} exact, {} normalised, {} fuzzy, {} orphaned (fuzzy matches need a score of {THRESHOLD:.2} and a lead of {MARGIN:.2})",
        entries.len(),
        count("exact"),
        count("normalised"),
        count("fuzzy"),
        count("orphaned"),
    );
    out
}

/// The report as JSON, one object per quote.
pub fn to_json(entries: &[Entry], new_text: &str) -> serde_json::Value {
    let quotes: Vec<serde_json::Value> = entries
        .iter()
        .map(|e| {
            let mut entry = serde_json::json!({
                "site": e.quote.site.to_string(),
                "line": e.quote.position.map(|p| p.line),
                "outcome": e.outcome.name(),
                "old": e.quote.quote,
                "old_start": e.old_start,
            });
            match &e.outcome {
                Outcome::Orphaned { why, candidates } => {
                    entry["why"] = why.as_str().into();
                    entry["candidates"] = candidates
                        .iter()
                        .map(|c| {
                            let p = Position::of_char(new_text, c.start);
                            serde_json::json!({"text": c.text, "start": c.start, "line": p.line, "column": p.column, "score": round(c.score)})
                        })
                        .collect();
                }
                outcome => {
                    if let Some(placed) = outcome.placed() {
                        entry["new"] = placed.quote.as_str().into();
                        entry["start"] = placed.anchor.start.into();
                        entry["end"] = placed.anchor.end.into();
                        entry["occurrence"] = placed.occurrence.into();
                    }
                    if let Outcome::Fuzzy {
                        score, runner_up, ..
                    } = outcome
                    {
                        entry["score"] = round(*score).into();
                        entry["runner_up"] = runner_up.map(round).into();
                    }
                }
            }
            entry
        })
        .collect();
    serde_json::json!({ "threshold": THRESHOLD, "margin": MARGIN, "quotes": quotes })
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
