//! `argmap man`: the manual page in roff, generated from the same clap definitions that parse the command line.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, CommandFactory};

use super::{Cli, Global, print};

/// Print argmap's manual page (roff), or write one page per subcommand into a folder
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap man | man -l -\n  argmap man > ~/.local/share/man/man1/argmap.1\n  argmap man --dir ~/.local/share/man/man1   # argmap.1, argmap-trace.1, argmap-query.1 …"
)]
pub struct ManArgs {
    /// Write argmap.1 and one page per subcommand (argmap-check.1 …) into this folder instead of printing argmap.1
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub fn run(args: ManArgs, _global: &Global) -> Result<()> {
    let command = Cli::command();
    let Some(dir) = args.dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(command).render(&mut page)?;
        return print(&String::from_utf8(page)?);
    };
    std::fs::create_dir_all(&dir).with_context(|| {
        argmap::Error::Io(format!(
            "cannot create the folder {} for the manual pages",
            dir.display()
        ))
    })?;
    clap_mangen::generate_to(command, &dir).map_err(|e| {
        argmap::Error::Io(format!(
            "cannot write the manual pages into {}: {e}; choose a folder you may write",
            dir.display()
        ))
    })?;
    Ok(())
}
