//! The `shuyu` command: arguments, and one function per subcommand.
//!
//! Exit codes everywhere: 0 fine, 1 the data or the checked files have errors, 2 the
//! command could not run.

mod build;
mod check;
mod export;
mod import;
mod link;
mod lookup;
mod new;
mod schema;
mod serve;
mod validate;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::chinese::is_chinese;
use crate::load;
use crate::segment::Dictionary;

#[derive(Debug, Parser)]
#[command(
    name = "shuyu",
    version,
    about = "A terminology knowledge base for translators of Chinese political discourse"
)]
pub struct Cli {
    /// The glossary folder (holding glossary.yaml); found from the current folder upward if omitted.
    #[arg(long, global = true, value_name = "DIR")]
    pub glossary: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every file of the glossary and report every problem.
    Validate(validate::ValidateArgs),
    /// Print the JSON Schema (draft-07) of a glossary file, or write all of them.
    Schema {
        /// Which file: concept, source or glossary.
        #[arg(default_value = "concept")]
        kind: String,
        /// Write every schema into this folder instead of printing one.
        #[arg(long, value_name = "DIR")]
        write: Option<PathBuf>,
    },
    /// Find the glossary's terms in its sources, or in the given files (a concordance, or JSON).
    Link(link::LinkArgs),
    /// Every occurrence of one concept, found by any of its forms, in context.
    Concordance(link::ConcordanceArgs),
    /// A concept's card: renderings by status, false friends, an example; any form, any language.
    Lookup(lookup::LookupArgs),
    /// Check translations (XLIFF, TMX, TSV/CSV) and texts (Markdown, text) against the glossary.
    Check(check::CheckArgs),
    /// Render the static reference site (validates and links first).
    Build(build::BuildArgs),
    /// Export the glossary as TBX-Basic, CSV, TSV, an OmegaT glossary or JSON.
    Export(export::ExportArgs),
    /// Import a TBX or CSV file into concept files (never overwrites without --force).
    Import(import::ImportArgs),
    /// Build the site, serve it on 127.0.0.1 and rebuild and reload on every change.
    Serve(serve::ServeArgs),
    /// Write a commented skeleton for a new concept (never overwrites).
    New {
        /// The concept id: a lowercase slug, also the file name.
        id: String,
    },
}

/// The outcome of a command, mapped to the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Clean,
    Problems,
}

/// Runs the command line and returns the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    let result = match cli.command {
        Command::Validate(args) => validate::run(cli.glossary.as_deref(), &args),
        Command::Schema { kind, write } => schema(&kind, write.as_deref()),
        Command::New { id } => new(cli.glossary.as_deref(), &id),
        Command::Lookup(args) => lookup::run(cli.glossary.as_deref(), &args),
        Command::Check(args) => check::run(cli.glossary.as_deref(), &args),
        Command::Build(args) => build::run(cli.glossary.as_deref(), &args),
        Command::Serve(args) => serve::run(cli.glossary.as_deref(), &args),
        Command::Link(args) => link::run_link(cli.glossary.as_deref(), &args),
        Command::Concordance(args) => link::run_concordance(cli.glossary.as_deref(), &args),
        Command::Export(args) => export::run(cli.glossary.as_deref(), &args),
        Command::Import(args) => import::run(cli.glossary.as_deref(), &args),
    };
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// The segmenter's dictionary for linking the sources of `raw`: the whole one, starting to
/// load now on a thread of its own, if their Chinese passages are large enough to want it.
/// Decided from the glossary as loaded: no file is read twice.
pub(crate) fn dictionary_for_sources(raw: &load::RawGlossary) -> Dictionary {
    Dictionary::start_for(chinese_source_bytes(raw))
}

/// The bytes of Chinese passage text the glossary's sources hold: what linking will cut.
pub(crate) fn chinese_source_bytes(raw: &load::RawGlossary) -> usize {
    raw.sources
        .iter()
        .map(|s| &s.value)
        .filter(|s| is_chinese(&s.lang.value))
        .flat_map(|s| &s.passages)
        .map(|p| p.text.len())
        .sum()
}

/// Writes `text` to standard output; a reader that stops early (`shuyu link | head`) is not an
/// error.
pub(crate) fn emit(text: &str) -> anyhow::Result<()> {
    emit_bytes(text.as_bytes())
}

/// Writes `bytes` to standard output, like [`emit`].
pub(crate) fn emit_bytes(bytes: &[u8]) -> anyhow::Result<()> {
    emit_with(|out| out.write_all(bytes))
}

/// [`emit_bytes`] for output made as it is written: `write` writes to a buffered standard
/// output.
pub(crate) fn emit_with(
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => Ok(result?),
    }
}

/// The glossary folder: the one given, or the one found from the current folder upward.
pub fn glossary_dir(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    match given {
        Some(dir) => Ok(dir.to_path_buf()),
        None => {
            let cwd = std::env::current_dir()?;
            let found = load::discover(&cwd)?;
            // Shown in every diagnostic: keep it short and relative when we can.
            Ok(match found.strip_prefix(&cwd) {
                Ok(rel) if rel.as_os_str().is_empty() => PathBuf::from("."),
                Ok(rel) => rel.to_path_buf(),
                Err(_) => found.clone(),
            })
        }
    }
}

fn schema(kind: &str, write: Option<&Path>) -> anyhow::Result<Outcome> {
    let Some(dir) = write else {
        let text = schema::schema(kind).ok_or_else(|| {
            anyhow::anyhow!("unknown file kind `{kind}`: use concept, source or glossary")
        })?;
        emit(&text)?;
        return Ok(Outcome::Clean);
    };
    std::fs::create_dir_all(dir)?;
    for (kind, file) in schema::FILES {
        let text = schema::schema(kind).unwrap_or_default();
        std::fs::write(dir.join(file), text)?;
        eprintln!("wrote {}", dir.join(file).display());
    }
    Ok(Outcome::Clean)
}

fn new(glossary: Option<&Path>, id: &str) -> anyhow::Result<Outcome> {
    let dir = glossary_dir(glossary)?;
    let (raw, _) = load::load(&dir)?;
    let domains: Vec<String> = raw
        .glossary
        .map(|g| {
            g.value
                .domains
                .0
                .into_iter()
                .map(|(k, _)| k.value)
                .collect()
        })
        .unwrap_or_default();
    let path = new::write_skeleton(&dir, id, &domains)?;
    eprintln!(
        "wrote {}: fill it in, then run `shuyu validate`",
        path.display()
    );
    Ok(Outcome::Clean)
}
