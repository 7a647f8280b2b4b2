//! `argmap completions`: the shell's completion script, generated from the same clap definitions that parse the command line.

use anyhow::Result;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Global, print};

/// Print the completion script for a shell, generated from argmap's own options
///
/// The script completes subcommands, options and their fixed values (formats, shells); install it
/// where your shell looks for completions.
#[derive(Args)]
#[command(
    after_help = "Examples:\n  argmap completions bash > ~/.local/share/bash-completion/completions/argmap\n  argmap completions zsh > ~/.zfunc/_argmap      # with fpath+=(~/.zfunc) before compinit\n  argmap completions fish > ~/.config/fish/completions/argmap.fish"
)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(args: CompletionsArgs, _global: &Global) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "argmap", &mut script);
    print(&String::from_utf8(script)?)
}
