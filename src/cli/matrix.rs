//! `argmap matrix`: the competing-hypotheses (ACH) matrix of each question, with scores, diagnosticity and sensitivity.

use anyhow::Result;
use argmap::read::matrix::{matrix, to_csv, to_html, to_json, to_text};
use clap::{Args, ValueEnum};

use super::{Global, print};

/// Weigh the hypotheses: evidence down the side, each question's hypotheses across the top (CC, C, N, I, II, NA), weighted by the sources' Admiralty grades
#[derive(Args)]
#[command(
    after_help = "Cells come from the map's supports and oppositions (C/CC, I/II, N for no path) unless the analyst rated them (`ratings` in the map, marked *).\nExclusive hypotheses are ranked least inconsistent first; others are compared by support, with no ranking.\n\nExamples:\n  argmap matrix                          # the bundled brief, when no store exists yet\n  argmap matrix --brief kinu-co-17-32 --question aim --format csv\n  argmap matrix --format html > matrix.html"
)]
pub struct MatrixArgs {
    /// The brief [default: every brief in the store]
    #[arg(long, value_name = "ID")]
    brief: Option<String>,
    /// The question [default: every question of the brief]
    #[arg(long, value_name = "ID")]
    question: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = MatrixFormat::Text)]
    format: MatrixFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum MatrixFormat {
    /// The table, the scores, the order and what would change it
    Text,
    /// One row per item of evidence, one column per hypothesis, then the scores
    Csv,
    /// Stable JSON (format "argmap-matrix/1"), documented in the README
    Json,
    /// A standalone HTML page
    Html,
}

pub fn run(args: MatrixArgs, global: &Global) -> Result<()> {
    let kb = global.read_store()?;
    let matrices = matrix(kb.as_ref(), args.brief.as_deref(), args.question.as_deref())?;
    match args.format {
        MatrixFormat::Text => print(&to_text(&matrices)),
        MatrixFormat::Csv => print(&to_csv(&matrices)),
        MatrixFormat::Json => print(&format!(
            "{}\n",
            serde_json::to_string_pretty(&to_json(&matrices))?
        )),
        MatrixFormat::Html => print(&to_html(&matrices)),
    }
}
