//! `argmap serve-worker` (hidden): one query of `argmap serve`, evaluated in a process of its own
//! so that the server can stop it at its deadline and bound its memory.

use std::time::Duration;

use anyhow::Result;
use clap::Args;

use super::Global;

/// Answer one query of `argmap serve` read from standard input (run by the server, not by hand)
#[derive(Args)]
pub struct ServeWorkerArgs {
    /// Results with more rows than this are refused
    #[arg(long, value_name = "N")]
    max_rows: usize,
    /// Seconds left before the request's deadline
    #[arg(long, value_name = "SECONDS")]
    timeout: f64,
}

pub fn run(args: ServeWorkerArgs, global: &Global) -> Result<()> {
    let timeout = Duration::try_from_secs_f64(args.timeout).unwrap_or(Duration::ZERO);
    argmap::serve::serve_worker(&global.store_path(), args.max_rows, timeout)?;
    Ok(())
}
