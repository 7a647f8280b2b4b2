//! `argmap compile`: check maps and print their quads as N-Quads, without a store.

use std::path::PathBuf;

use anyhow::Result;
use argmap::map::check::{Disk, check_map, map_path};
use argmap::map::diagnostic::has_errors;
use argmap::store::compile::compile;

use clap::Args;

use super::{Global, print};

/// Check maps and print their compiled quads as N-Quads on stdout
#[derive(Args)]
#[command(after_help = "Example:\n  argmap compile seeds/kinu-co-17-32 > kinu.nq")]
pub struct CompileArgs {
    /// Maps to compile: map.toml files, or folders holding one
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

pub fn run(args: CompileArgs, global: &Global) -> Result<()> {
    let iris = global.iris();
    let mut out = String::new();
    let mut diagnostics = Vec::new();
    for file in &args.files {
        let checked = check_map(&map_path(file), &Disk);
        diagnostics.extend(checked.diagnostics);
        if let Some(map) = checked.map {
            for quad in compile(&map, &iris) {
                out.push_str(&quad.to_string());
                out.push_str(" .\n");
            }
        }
    }
    for d in diagnostics.iter().filter(|d| !d.is_error()) {
        eprintln!("{d}");
    }
    if has_errors(&diagnostics) {
        let errors: Vec<_> = diagnostics.into_iter().filter(|d| d.is_error()).collect();
        return Err(argmap::Error::Invalid(errors).into());
    }
    print(&out)
}
