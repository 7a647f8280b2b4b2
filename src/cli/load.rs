//! `argmap load`: check maps, compile them, and replace their graphs in the store, all or nothing.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use argmap::check::{Disk, map_path};
use argmap::load::{Progress, check_maps, load_maps};
use clap::Args;

use super::Global;

/// Check maps, then load them into the store; on any problem the store is left as it was
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap load seeds/kinu-co-17-32\n  argmap --store ./kb load seeds/*/"
)]
pub struct LoadArgs {
    /// Maps to load: map.toml files, or folders holding one
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
}

pub fn run(args: LoadArgs, global: &Global) -> Result<()> {
    let started = Instant::now();
    let iris = global.iris();
    let paths: Vec<PathBuf> = args.files.iter().map(|f| map_path(f)).collect();
    let (maps, diagnostics) = check_maps(&paths, &Disk);
    for d in diagnostics.iter().filter(|d| !d.is_error()) {
        eprintln!("{d}");
    }
    let Some(maps) = maps else {
        let errors: Vec<_> = diagnostics.into_iter().filter(|d| d.is_error()).collect();
        return Err(
            anyhow::Error::new(argmap::Error::Invalid(errors)).context("nothing was loaded")
        );
    };
    let kb = global.open_store()?;
    let show = global.show_progress();
    let progress = move |p: Progress| {
        if show && (p.maps.is_multiple_of(16) || p.maps == p.total_maps) {
            eprint!(
                "\rloading: {} of {} maps, {} quads",
                p.maps, p.total_maps, p.quads
            );
            let _ = std::io::stderr().flush();
        }
    };
    let report = load_maps(&kb, &maps, &iris, &progress)?;
    if show {
        eprintln!();
    }
    if !global.quiet {
        let briefs = &report.briefs;
        let listed = if briefs.len() <= 10 {
            briefs.join(", ")
        } else {
            format!("{}, … {}", briefs[..3].join(", "), briefs[briefs.len() - 1])
        };
        eprintln!(
            "loaded {} brief{} ({listed}) and the ontology: {} quads into {} in {:.0?}",
            briefs.len(),
            if briefs.len() == 1 { "" } else { "s" },
            report.quads,
            global.store_path().display(),
            started.elapsed()
        );
    }
    Ok(())
}
