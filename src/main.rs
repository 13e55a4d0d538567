//! The `shuyu` binary: parse the arguments and hand over to [`shuyu::cli`].

use clap::Parser;

fn main() -> std::process::ExitCode {
    shuyu::cli::run(shuyu::cli::Cli::parse())
}
