//! `argmap export`: write a stored brief as AIF JSON, AIF RDF or Argdown (the interchange formats only; drawings live elsewhere).

use std::path::PathBuf;

use anyhow::{Context, Result};
use argmap::graph::brief_graph;
use clap::{Args, ValueEnum};

use super::{Global, print};

/// Write a brief of the store in an interchange format
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap export --brief kinu-co-17-32 --format argdown > kinu.argdown\n  argmap export --brief nodeset10 --format aif --output nodeset10.json"
)]
pub struct ExportArgs {
    /// The brief to export
    #[arg(long, value_name = "ID")]
    brief: String,
    /// The format to write
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// Write to this file instead of stdout
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// The interchange formats.
#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// AIFdb JSON: {"nodes", "edges", "locutions"}
    Aif,
    /// AIF RDF in Turtle (namespace http://www.arg.tech/aif#)
    AifRdf,
    /// Argdown text
    Argdown,
}

pub fn run(args: ExportArgs, global: &Global) -> Result<()> {
    let kb = global.read_store()?;
    let graph = brief_graph(&kb, &args.brief)?;
    let text = match args.format {
        ExportFormat::Aif => argmap::aif::write_json(&graph),
        ExportFormat::AifRdf => argmap::aif::write_rdf(&graph)?,
        ExportFormat::Argdown => argmap::argdown::write(&graph),
    };
    match &args.output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
        }
        None => print(&text),
    }
}
