//! `argmap list`: the briefs in the store, their questions and hypotheses.

use std::fmt::Write as _;

use anyhow::Result;
use argmap::read::rows::{rows, select};
use clap::Args;

use super::{Global, print};

/// List the briefs in the store with their questions and hypotheses
#[derive(Args)]
#[command(after_help = "Example:\n  argmap list")]
pub struct ListArgs {}

pub fn run(_args: ListArgs, global: &Global) -> Result<()> {
    let kb = global.read_store()?;
    let answer = select(kb.as_ref(), "list", &[])?;
    let mut out = String::new();
    let (mut brief, mut question) = (None, None);
    for row in rows(&answer) {
        let get = |v: &str| row.text(v);
        let id = get("id");
        if id != brief {
            let _ = writeln!(
                out,
                "{}  {}",
                id.clone().unwrap_or_default(),
                get("title").unwrap_or_default()
            );
            brief = id;
            question = None;
        }
        let q = get("questionKey");
        if q.is_some() && q != question {
            let exclusive = row.flag("exclusive");
            let _ = writeln!(
                out,
                "  question {}: {} ({})",
                q.clone().unwrap_or_default(),
                get("question").unwrap_or_default(),
                if exclusive {
                    "hypotheses exclude each other"
                } else {
                    "complementary hypotheses"
                }
            );
            question = q;
        }
        if let Some(h) = get("hypothesisKey") {
            let hedge = get("hedge")
                .map(|h| format!(" [\"{h}\"]"))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    hypothesis {h}: {}{hedge}",
                get("hypothesis").unwrap_or_default()
            );
        }
    }
    if out.is_empty() {
        out.push_str("the store holds no brief; load one with `argmap load DIR`\n");
    }
    print(&out)
}
