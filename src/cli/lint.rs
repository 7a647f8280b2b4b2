//! `argmap lint`: estimative language and sourcing, reported like `check` with a place and a fix for each finding.

use std::path::PathBuf;

use anyhow::Result;
use argmap::map::check::{Disk, map_path};
use argmap::map::lint::lint_map;
use argmap::map::seed::{Bundled, MAP_PATH};
use clap::{Args, ValueEnum};

use super::{Global, Reported, print};

/// Lint maps for estimative language and sourcing, with file:line:col and a fix for each finding
///
/// Flags hedges no published scale defines, hypotheses with no hedge, likelihood and confidence in one sentence of the brief (ICD 203), hedges their own quotes contradict, evidence with no source, sources never cited, reports with no speaker, and "observed" items whose quotes hedge.
#[derive(Args)]
#[command(
    after_help = "Findings are advice: lint exits 0 with findings, and 1 only when a map does not check clean, or with --deny-warnings when there is any finding.\n\nExamples:\n  argmap lint                          # the bundled brief\n  argmap lint seeds/kinu-co-17-32 --format json"
)]
pub struct LintArgs {
    /// Maps to lint: map.toml files, or folders holding one [default: the bundled brief]
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// How to report findings
    #[arg(long, value_enum, default_value_t = LintFormat::Text)]
    format: LintFormat,
    /// Treat findings as errors: exit 1 when there is any (for CI)
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum LintFormat {
    /// One finding per paragraph on stderr
    Text,
    /// A JSON document on stdout (the same shape as `check --format json`)
    Json,
}

pub fn run(args: LintArgs, global: &Global) -> Result<()> {
    let mut all = Vec::new();
    let count = args.files.len().max(1);
    if args.files.is_empty() {
        all.extend(lint_map(std::path::Path::new(MAP_PATH), &Bundled));
    }
    for file in &args.files {
        all.extend(lint_map(&map_path(file), &Disk));
    }
    let errors = all.iter().filter(|d| d.is_error()).count();
    let warnings = all.len() - errors;
    // Findings are advice, as `check`'s warnings are: only a map that does
    // not check, or a finding under --deny-warnings, fails the run.
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    match args.format {
        LintFormat::Json => {
            let report = serde_json::json!({
                "ok": !failed,
                "errors": errors,
                "warnings": warnings,
                "problems": all.iter().map(|d| d.to_json()).collect::<Vec<_>>(),
            });
            print(&format!("{}\n", serde_json::to_string_pretty(&report)?))?;
        }
        LintFormat::Text => {
            for d in &all {
                eprintln!("{d}");
            }
            if !global.quiet || failed {
                let s = |n: usize| if n == 1 { "" } else { "s" };
                eprintln!(
                    "{}: {count} map{} linted, {warnings} finding{}{}",
                    if failed { "failed" } else { "ok" },
                    s(count),
                    s(warnings),
                    if errors > 0 {
                        format!(", {errors} error{} (run `argmap check`)", s(errors))
                    } else {
                        String::new()
                    }
                );
            }
        }
    }
    if failed {
        return Err(Reported(1).into());
    }
    Ok(())
}
