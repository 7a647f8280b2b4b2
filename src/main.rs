//! The `argmap` command: parses the command line, runs the library, prints, and maps errors to exit codes.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
