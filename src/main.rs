//! The `shuyu` binary: parse the arguments and hand over to [`shuyu::cli`].

use clap::Parser;

/// mimalloc: a glossary is millions of small strings, allocated on every core at once, and
/// the system allocator spent a sixth of `shuyu validate`'s instructions on them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    shuyu::cli::run(shuyu::cli::Cli::parse())
}
