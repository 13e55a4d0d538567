//! `shuyu check`: the renderings of translations and texts against the glossary (see
//! [`crate::check`]). Exit 1 when there is an error (or a warning with `--deny warnings`, or a
//! malformed file, located in it), 0 otherwise, 2 when a named file cannot be read or the
//! arguments do not say what to check.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::Args;

use super::{emit, glossary_dir, Outcome};
use crate::check::read::{self, Format as FileFormat, Languages, FORMATS};
use crate::check::report::{self, Format};
use crate::check::{Checker, Finding, Level};
use crate::link::Linker;
use crate::model::Glossary;
use crate::segment::Dictionary;
use crate::{diag, load, validate};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files to check: XLIFF (.xlf, .xliff), TMX, TSV, CSV (bilingual), Markdown, text
    /// (monolingual, in the target language).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The language of the sources, when a file does not say.
    #[arg(long, default_value = "zh")]
    pub source_lang: String,
    /// The language of the translations, when a file does not say (required for TSV/CSV
    /// without a header, Markdown and text).
    #[arg(long)]
    pub target_lang: Option<String>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Fail (exit 1) on warnings too.
    #[arg(long, value_name = "warnings", value_parser = ["warnings"])]
    pub deny: Option<String>,
}

pub fn run(glossary: Option<&Path>, args: &CheckArgs) -> anyhow::Result<Outcome> {
    let formats = formats_of(&args.files)?;
    let dir = glossary_dir(glossary)?;
    let (raw, load_diags) = load::load(&dir)?;
    let validated = validate::validate(raw, load_diags);
    let Some(model) = validated.glossary else {
        eprint!(
            "{}",
            diag::render(&validated.files, &validated.diags, diag::Format::Human)
        );
        eprintln!("check needs a valid glossary: fix the errors above");
        return Ok(Outcome::Problems);
    };
    let bytes: u64 = args
        .files
        .iter()
        .filter_map(|f| f.metadata().ok())
        .map(|m| m.len())
        .sum();
    let linker = Linker::with_dictionary(&model, |_| true, Dictionary::start_for(bytes as usize));
    let mut findings = Vec::new();
    for (path, format) in args.files.iter().zip(formats) {
        findings.extend(check_file(&model, &linker, args, path, format)?);
    }
    emit(&report::render(&findings, args.format))?;
    std::mem::forget((model, linker));
    let fails =
        |f: &Finding| f.level == Level::Error || (args.deny.is_some() && f.level == Level::Warning);
    Ok(if findings.iter().any(fails) {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

/// Every file's format, or why one cannot be checked (exit 2).
fn formats_of(files: &[PathBuf]) -> anyhow::Result<Vec<FileFormat>> {
    files
        .iter()
        .map(|f| {
            FileFormat::of(f).with_context(|| {
                format!(
                    "{}: unknown format; shuyu check reads {FORMATS}",
                    f.display()
                )
            })
        })
        .collect()
}

/// The findings of one file; a malformed file is one error finding, located in it.
fn check_file(
    glossary: &Glossary,
    linker: &Linker,
    args: &CheckArgs,
    path: &Path,
    format: FileFormat,
) -> anyhow::Result<Vec<Finding>> {
    let name = path.display().to_string();
    let fallback = args.target_lang.clone();
    let mut checkers: HashMap<String, Checker> = HashMap::new();
    let mut findings = Vec::new();
    let mut missing_lang = false;
    let mut each = |segment: crate::check::Segment, langs: &Languages| {
        let Some(target) = langs.target.as_deref().map(base).or(fallback.clone()) else {
            missing_lang = true;
            return;
        };
        let declared = langs.source.as_deref().map(base);
        // Tools write their default (PO's en-US) over Chinese text: the text decides then.
        let han = segment.source.as_deref().is_some_and(has_han);
        let source = match declared {
            Some(d) if han && !crate::link::is_chinese(&d) => "zh".to_string(),
            Some(d) => d,
            None => args.source_lang.clone(),
        };
        let checker = checkers
            .entry(format!("{source}>{target}"))
            .or_insert_with(|| Checker::new(glossary, linker, &source, &target));
        findings.extend(checker.check(&name, &segment));
    };
    let read = read::read(path, format, fallback.as_deref().unwrap_or(""), &mut each)
        .with_context(|| format!("cannot read {name}"))?;
    if missing_lang {
        bail!("{name} does not say its target language: give --target-lang");
    }
    if let Err(e) = read {
        findings.push(Finding {
            level: Level::Error,
            file: name,
            line: e.line,
            segment: None,
            concept: String::new(),
            message: format!("malformed file: {}", e.message),
            expected: None,
            authority: None,
            permalink: String::new(),
        });
    }
    Ok(findings)
}

/// Whether a text has a Han character.
fn has_han(text: &str) -> bool {
    text.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c))
}

/// `en-US` → `en`: the glossary's languages are base codes.
fn base(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or(lang)
        .to_ascii_lowercase()
}
