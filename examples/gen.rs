//! Writes a synthetic glossary for benchmarks: glossary.yaml, concepts/ and sources/, which
//! `shuyu validate` accepts without a warning.
//!
//! ```text
//! cargo run --release --example gen -- --concepts 10000 --out /dev/shm/g10k [--seed 1]
//! ```
//!
//! The same seed and size always give the same files. The generator itself is in
//! `examples/gen/synth.rs`, shared with `benches/validate.rs`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

#[path = "gen/synth.rs"]
mod synth;

/// Write a synthetic shuyu glossary (realistic Chinese terms, pinyin, four languages,
/// sources with passages) for benchmarks.
#[derive(Debug, Parser)]
#[command(name = "gen")]
struct Args {
    /// How many concepts to write (one source per ten concepts).
    #[arg(long, default_value_t = 1000)]
    concepts: usize,
    /// The glossary folder to write: it must not exist or be empty (see --force).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Seed of the generator: the same seed and size give the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Replace the glossary.yaml, concepts/ and sources/ already in DIR.
    #[arg(long)]
    force: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let start = Instant::now();
    let opts = synth::Options {
        concepts: args.concepts,
        seed: args.seed,
    };
    match synth::generate(&args.out, &opts, args.force) {
        Ok(stats) => {
            println!(
                "{}: {} concepts, {} sources, {} passages; {} files, {:.1} MB in {:.2} s",
                args.out.display(),
                stats.concepts,
                stats.sources,
                stats.passages,
                stats.files,
                stats.bytes as f64 / 1e6,
                start.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
