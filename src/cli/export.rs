//! `shuyu export`: the validated glossary as TBX-Basic, CSV, TSV, an OmegaT glossary or JSON
//! (see [`crate::export`]). An invalid glossary prints its diagnostics and exports nothing.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{emit_bytes, emit_with, glossary_dir, Outcome};
use crate::export::{self, Format, Options};
use crate::link::{self, Linker};
use crate::{diag, load, validate};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// tbx (TBX-Basic), csv, tsv, omegat (tab-separated glossary for one --lang) or json.
    #[arg(long, value_enum, required_unless_present = "json_schema")]
    pub format: Option<Format>,
    /// Only these languages (repeat the option, or separate with commas); all by default.
    #[arg(long = "lang", value_name = "L", value_delimiter = ',')]
    pub langs: Vec<String>,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Start CSV, TSV and OmegaT files with a UTF-8 byte order mark (Excel needs it).
    #[arg(long)]
    pub bom: bool,
    /// Print the JSON Schema of the JSON export and exit.
    #[arg(long)]
    pub json_schema: bool,
}

pub fn run(glossary: Option<&Path>, args: &ExportArgs) -> anyhow::Result<Outcome> {
    if args.json_schema {
        emit_bytes(export::json::schema().as_bytes())?;
        return Ok(Outcome::Clean);
    }
    let Some(format) = args.format else {
        anyhow::bail!("--format is required");
    };
    let dir = glossary_dir(glossary)?;
    let (raw, load_diags) = load::load(&dir)?;
    let dictionary = super::dictionary_for_sources(&raw);
    let validated = validate::validate(raw, load_diags);
    let Some(model) = validated.glossary else {
        eprint!(
            "{}",
            diag::render(&validated.files, &validated.diags, diag::Format::Human)
        );
        eprintln!("nothing was exported: fix the errors above");
        return Ok(Outcome::Problems);
    };
    let linked = format.needs_links().then(|| {
        let linker = Linker::with_dictionary(&model, |_| true, dictionary);
        link::link_glossary(&linker, &model)
    });
    let options = Options {
        langs: args.langs.clone(),
        bom: args.bom,
    };
    let export = export::prepare(&model, linked.as_ref(), format, &options)?;
    match &args.out {
        Some(path) => {
            let len = write_atomically(path, |w| export.write_to(w))?;
            eprintln!("wrote {} ({len} bytes)", path.display());
        }
        None => emit_with(|w| export.write_to(w))?,
    }
    // The process ends here: freeing the model and the links would only delay the exit.
    std::mem::forget((model, linked));
    Ok(Outcome::Clean)
}

/// Writes the export (`write` makes it) to a temporary file beside `path`, then renames it over
/// `path`; returns its size.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> anyhow::Result<u64> {
    use anyhow::Context;
    use std::io::Write;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|file| {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut out)?;
        out.flush()?;
        out.get_ref().metadata().map(|m| m.len())
    });
    let len = written
        .and_then(|len| std::fs::rename(&tmp, path).map(|()| len))
        .with_context(|| {
            let _ = std::fs::remove_file(&tmp);
            format!("cannot write {}", path.display())
        })?;
    Ok(len)
}
