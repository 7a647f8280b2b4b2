//! `argmap restore`: put a backup back in the store's place, keeping the store it replaces.

use std::path::PathBuf;

use anyhow::{Context, Result};
use argmap::KnowledgeBase;
use clap::Args;

use super::Global;

/// Replace the store with a copy of a backup made by `argmap backup`
///
/// The backup is checked and copied first; the store it replaces (even a
/// damaged one) is moved aside to STORE.replaced-TIME, never deleted. A
/// store in use by another process is refused.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap restore ~/backups/argmap-2026-11-27\n  argmap --store ./kb restore ./kb-backup"
)]
pub struct RestoreArgs {
    /// The backup's folder, as `argmap backup DIR` made it
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Restore a backup that has no CHECKSUMS (made by an older argmap), whose files cannot be verified
    #[arg(long)]
    unverified: bool,
}

pub fn run(args: RestoreArgs, global: &Global) -> Result<()> {
    let path = global.store_path();
    let replaced = KnowledgeBase::restore(&args.dir, &path, args.unverified)
        .with_context(|| format!("the store at {} was not changed", path.display()))?;
    if !global.quiet {
        eprintln!("restored {} from {}", path.display(), args.dir.display());
        if let Some(old) = replaced {
            eprintln!(
                "note: the store it replaced is kept at {}; delete it once you are satisfied",
                old.display()
            );
        }
    }
    Ok(())
}
