//! The `argmap` command: parses the command line, runs the library, prints, and maps errors to exit codes.

mod cli;

#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    std::process::exit(cli::main());
}
