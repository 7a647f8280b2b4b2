//! `argmap check`: validate maps against themselves and their briefs, without touching a store.

use std::path::PathBuf;

use anyhow::Result;
use argmap::map::check::{Disk, check_map, map_paths};
use argmap::map::diagnostic::has_errors;
use argmap::store::agree::{describe, disagreements};
use clap::{Args, ValueEnum};

use super::{Global, Reported, print};

/// Check maps: every problem at once, with file:line:col, what is wrong and how to fix it
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap check seeds/kinu-co-17-32\n  argmap check seeds                       # every brief folder below seeds/\n  argmap check --format json seeds/*/map.toml"
)]
pub struct CheckArgs {
    /// Maps to check: map.toml files, folders holding one, or folders of briefs (every map.toml below)
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// How to report problems
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// Treat warnings as errors
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    /// One problem per paragraph on stderr
    Text,
    /// A JSON document on stdout, for editors and CI
    Json,
}

pub fn run(args: CheckArgs, global: &Global) -> Result<()> {
    let mut all = Vec::new();
    let mut maps = Vec::new();
    // Shared actors and sources must be described alike by every map
    // checked together, as `load` requires of the maps it loads.
    let mut described = Vec::new();
    let iris = global.iris();
    let files: Vec<PathBuf> = args.files.iter().flat_map(|f| map_paths(f)).collect();
    for file in &files {
        let checked = check_map(file, &Disk);
        all.extend(checked.diagnostics);
        if let Some(map) = &checked.map {
            maps.push(serde_json::json!({"file": file.display().to_string(), "brief": map.id, "propositions": map.propositions.len(), "quotes": map.quotes().count()}));
            let mine = describe(map, file, &iris);
            all.extend(disagreements(&mine, &described));
            described.extend(mine);
        }
    }
    let errors = all.iter().filter(|d| d.is_error()).count();
    let warnings = all.len() - errors;
    let failed = has_errors(&all) || (args.deny_warnings && warnings > 0);
    match args.format {
        CheckFormat::Json => {
            let report = serde_json::json!({
                "ok": !failed,
                "errors": errors,
                "warnings": warnings,
                "problems": all.iter().map(|d| d.to_json()).collect::<Vec<_>>(),
                "maps": maps,
            });
            print(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
        }
        CheckFormat::Text => {
            for d in &all {
                eprintln!("{d}");
            }
            if !global.quiet || failed {
                let s = |n: usize| if n == 1 { "" } else { "s" };
                eprintln!(
                    "{}: {} map{} checked, {errors} error{}, {warnings} warning{}",
                    if failed { "failed" } else { "ok" },
                    files.len(),
                    s(files.len()),
                    s(errors),
                    s(warnings)
                );
            }
        }
    }
    if failed {
        return Err(Reported(1).into());
    }
    Ok(())
}
