//! `argmap backup`: a consistent copy of the store, taken while it may be in use.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use argmap::KnowledgeBase;
use clap::Args;

use super::Global;

/// Copy the store into a new folder, consistently, even while another process writes to it
///
/// The copy is a RocksDB checkpoint: the store as of its last completed
/// write. On the same file system its table files are hard links (quick,
/// and small); put backups on another disk to survive that disk's loss.
/// `argmap restore DIR` puts a backup back.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap backup ~/backups/argmap-2026-11-27\n  argmap --store ./kb backup ./kb-backup"
)]
pub struct BackupArgs {
    /// The folder to create for the copy; it must not exist yet
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Hard-link the table files instead of copying them: quicker and smaller on the same file system, but the backup then shares its files with the store, so damage to one reaches the other
    #[arg(long)]
    link: bool,
}

pub fn run(args: BackupArgs, global: &Global) -> Result<()> {
    let started = Instant::now();
    let path = global.store_path();
    if !path.join("CURRENT").exists() {
        anyhow::bail!(argmap::Error::NotFound(format!(
            "there is no store at {} to back up",
            path.display()
        )));
    }
    // Taken for writing when free, the store's last writes are flushed into
    // the copy. Held by another process (or not writable), the store is
    // read without its lock: every write flushes its table files before it
    // ends, so the copy holds every completed write and none in flight.
    let kb = match KnowledgeBase::open(&path) {
        Ok(kb) => kb,
        Err(argmap::Error::Locked { .. } | argmap::Error::ReadOnly { .. }) => {
            KnowledgeBase::open_read_only(&path)?
        }
        Err(e) => return Err(e.into()),
    };
    let quads = kb
        .backup(&args.dir, args.link)
        .with_context(|| format!("nothing was backed up into {}", args.dir.display()))?;
    if !global.quiet {
        eprintln!(
            "backed up {quads} quads from {} into {} in {:.0?}",
            path.display(),
            args.dir.display(),
            started.elapsed()
        );
    }
    Ok(())
}
