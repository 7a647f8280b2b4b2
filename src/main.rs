//! The `argmap` command: parses the command line, runs the library, prints, and maps errors to exit codes.

mod cli;

// jemalloc also replaces `malloc` for RocksDB's C++ code, so the process has
// one allocator: oxigraph frees RocksDB's error strings from Rust, which
// only works when both sides share it (benches/findings.md, item 13).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    std::process::exit(cli::main());
}
