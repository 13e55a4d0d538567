//! The `shuyu` binary: parse the arguments and hand over to [`shuyu::cli`].

use clap::Parser;

/// mimalloc: a glossary is millions of small strings, allocated on every core at once, and
/// the system allocator spent a sixth of `shuyu validate`'s instructions on them. Version 2:
/// on a machine with transparent huge pages always on, version 3 held up to 40 MB more
/// (10k concepts: v2 267 MB at most in 18 runs, v3 310 MB; v2 a little faster too).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    shuyu::cli::run(shuyu::cli::Cli::parse())
}
