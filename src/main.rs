//! The `argmap` command: parses the command line, runs the library, prints, and maps errors to exit codes.

mod cli;

// Queries and loads allocate many small short-lived values (terms, tuples,
// hash tables); mimalloc serves them faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::main());
}
