//! `argmap trace`: how each hypothesis is supported, down to the evidence, its quotes and sources.

use anyhow::Result;
use argmap::read::trace::{to_json, to_text, trace};
use clap::{Args, ValueEnum};

use super::{Global, print};

/// Show how each hypothesis is supported: trees of claims and evidence, quotes, sources, oppositions, and a summary
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap trace                      # the bundled brief, when no store exists yet\n  argmap trace --brief kinu-co-17-32 buffer-zone\n  argmap trace --format json | jq '.briefs[0].hypotheses[].summary'"
)]
pub struct TraceArgs {
    /// The brief to trace [default: every brief in the store]
    #[arg(long, value_name = "ID")]
    brief: Option<String>,
    /// The hypotheses to trace [default: all]
    #[arg(value_name = "HYPOTHESIS")]
    hypotheses: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = TraceFormat::Text)]
    format: TraceFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum TraceFormat {
    /// A readable tree per hypothesis and a summary table
    Text,
    /// Stable JSON (format "argmap-trace/1"), documented in the README
    Json,
}

pub fn run(args: TraceArgs, global: &Global) -> Result<()> {
    let kb = global.read_store()?;
    let traces = trace(&*kb, args.brief.as_deref(), &args.hypotheses)?;
    match args.format {
        TraceFormat::Text => print(&to_text(&traces)),
        TraceFormat::Json => print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&to_json(&traces))?
        )),
    }
}
