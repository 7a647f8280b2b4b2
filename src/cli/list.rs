//! `argmap list`: the briefs in the store, their questions and hypotheses.

use std::fmt::Write as _;

use anyhow::Result;
use argmap::sparql::{lexical, named_query};
use clap::Args;

use super::{Global, print};

/// List the briefs in the store with their questions and hypotheses
#[derive(Args)]
#[command(after_help = "Example:\n  argmap list")]
pub struct ListArgs {}

pub fn run(_args: ListArgs, global: &Global) -> Result<()> {
    let kb = global.read_store()?;
    let query = named_query("list").map(|q| q.text).unwrap_or_default();
    let rows = kb.select(query, &[])?;
    let get = |row: &[Option<oxigraph::model::Term>], v: &str| -> Option<String> {
        rows.column(v).and_then(|c| row[c].as_ref()).map(lexical)
    };
    let mut out = String::new();
    let (mut brief, mut question) = (None, None);
    for row in &rows.rows {
        let id = get(row, "id");
        if id != brief {
            let _ = writeln!(
                out,
                "{}  {}",
                id.clone().unwrap_or_default(),
                get(row, "title").unwrap_or_default()
            );
            brief = id;
            question = None;
        }
        let q = get(row, "questionKey");
        if q.is_some() && q != question {
            let exclusive = get(row, "exclusive").is_some_and(|e| e == "true");
            let _ = writeln!(
                out,
                "  question {}: {} ({})",
                q.clone().unwrap_or_default(),
                get(row, "question").unwrap_or_default(),
                if exclusive {
                    "hypotheses exclude each other"
                } else {
                    "complementary hypotheses"
                }
            );
            question = q;
        }
        if let Some(h) = get(row, "hypothesisKey") {
            let hedge = get(row, "hedge")
                .map(|h| format!(" [\"{h}\"]"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    hypothesis {h}: {}{hedge}",
                get(row, "hypothesis").unwrap_or_default()
            );
        }
    }
    if out.is_empty() {
        out.push_str("the store holds no brief; load one with `argmap load DIR`\n");
    }
    print(&out)
}
