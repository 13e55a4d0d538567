//! Export: the validated glossary in the formats CAT tools and scripts read.
//!
//! - [`tbx`]: TBX-Basic (ISO 30042, DCA style), valid against the LTAC core schema and the
//!   TBX-Basic Schematron; what TBX-Basic has no place for goes into `<note>`s of a fixed shape
//!   (the README's "Exchange formats" lists the mapping) so that [`crate::import`] reads it back
//!   and the round trip is byte for byte.
//! - [`mod@csv`]: one row a concept, columns per language (CSV or TSV) for memoQ, Trados MultiTerm,
//!   Phrase and spreadsheets.
//! - [`omegat`]: OmegaT's tab-separated glossary for one target language.
//! - [`json`]: the whole glossary with its links and renderings in the wild, described by a
//!   JSON Schema ([`json::schema`]).
//!
//! Every writer reads the model in its own order (concepts by id, languages in the glossary's
//! order, terms as the entry gives them), so two exports of the same glossary are identical.

pub mod csv;
pub mod json;
pub mod omegat;
pub mod tbx;

use crate::link::Linked;
use crate::model::{Glossary, Lang};

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Tbx,
    Csv,
    Tsv,
    Omegat,
    Json,
}

impl Format {
    /// Whether the format needs the linker's results (renderings in the wild).
    pub fn needs_links(self) -> bool {
        self == Format::Json
    }
}

/// What to export.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The languages to export, in the glossary's order; empty means every declared language.
    pub langs: Vec<Lang>,
    /// Start CSV and TSV with a UTF-8 byte order mark (Excel needs it to show Chinese).
    pub bom: bool,
}

/// Why an export could not be written (bad arguments: exit 2).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("language `{0}` is not declared in glossary.yaml (declared: {1})")]
    UnknownLanguage(String, String),
    #[error("the OmegaT glossary needs exactly one target language: --lang en, fr or es (not the source language {0})")]
    OmegatLang(String),
    #[error("the JSON export needs the linked glossary")]
    NoLinks,
}

/// The languages to export: the ones asked for (checked, deduplicated), in the glossary's order.
pub fn languages(glossary: &Glossary, asked: &[Lang]) -> Result<Vec<Lang>, ExportError> {
    for lang in asked {
        if !glossary.languages.contains(lang) {
            return Err(ExportError::UnknownLanguage(
                lang.clone(),
                glossary.languages.join(", "),
            ));
        }
    }
    Ok(glossary
        .languages
        .iter()
        .filter(|l| asked.is_empty() || asked.contains(l))
        .cloned()
        .collect())
}

/// Writes the glossary in `format`. `linked` is needed for JSON only.
pub fn export(
    glossary: &Glossary,
    linked: Option<&Linked>,
    format: Format,
    options: &Options,
) -> Result<Vec<u8>, ExportError> {
    let langs = languages(glossary, &options.langs)?;
    let text = match format {
        Format::Tbx => tbx::write(glossary, &langs),
        Format::Csv => csv::write(glossary, &langs, csv::Dialect::Csv),
        Format::Tsv => csv::write(glossary, &langs, csv::Dialect::Tsv),
        Format::Omegat => {
            let source = glossary.languages.first().cloned().unwrap_or_default();
            let target = match options.langs.as_slice() {
                [one] if *one != source => one.clone(),
                _ => return Err(ExportError::OmegatLang(source)),
            };
            omegat::write(glossary, &source, &target)
        }
        Format::Json => json::write(glossary, linked.ok_or(ExportError::NoLinks)?, &langs),
    };
    if options.bom && matches!(format, Format::Csv | Format::Tsv | Format::Omegat) {
        return Ok(["\u{feff}", &text].concat().into_bytes());
    }
    // The text's own buffer: a 10k glossary's JSON is 80 MB, not worth copying.
    Ok(text.into_bytes())
}
