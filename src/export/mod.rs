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

/// An export whose arguments are checked, ready to be written to a file as it is made (a 10k
/// glossary's TBX and JSON are 63 and 53 MB: the site's downloads and `shuyu export` stream
/// them rather than hold them).
pub struct Prepared<'a> {
    glossary: &'a Glossary,
    linked: Option<&'a Linked>,
    format: Format,
    langs: Vec<Lang>,
    /// The OmegaT glossary's target language.
    target: Lang,
    bom: bool,
}

/// Checks what to export: the languages, OmegaT's target, the links JSON needs.
pub fn prepare<'a>(
    glossary: &'a Glossary,
    linked: Option<&'a Linked>,
    format: Format,
    options: &Options,
) -> Result<Prepared<'a>, ExportError> {
    let langs = languages(glossary, &options.langs)?;
    let source = glossary.languages.first().cloned().unwrap_or_default();
    let target = match (format, options.langs.as_slice()) {
        (Format::Omegat, [one]) if *one != source => one.clone(),
        (Format::Omegat, _) => return Err(ExportError::OmegatLang(source)),
        _ => String::new(),
    };
    if format == Format::Json && linked.is_none() {
        return Err(ExportError::NoLinks);
    }
    Ok(Prepared {
        glossary,
        linked,
        format,
        langs,
        target,
        bom: options.bom && matches!(format, Format::Csv | Format::Tsv | Format::Omegat),
    })
}

impl Prepared<'_> {
    /// Writes the export to `out`; TBX and JSON as they are made, the small formats whole.
    pub fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let g = self.glossary;
        if self.bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        match (self.format, self.linked) {
            (Format::Tbx, _) => tbx::write_to(out, g, &self.langs),
            (Format::Csv, _) => {
                out.write_all(csv::write(g, &self.langs, csv::Dialect::Csv).as_bytes())
            }
            (Format::Tsv, _) => {
                out.write_all(csv::write(g, &self.langs, csv::Dialect::Tsv).as_bytes())
            }
            (Format::Omegat, _) => {
                let source = g.languages.first().map_or("", String::as_str);
                out.write_all(omegat::write(g, source, &self.target).as_bytes())
            }
            (Format::Json, Some(linked)) => json::write_to(out, g, linked, &self.langs),
            // `prepare` refuses JSON without links.
            (Format::Json, None) => Ok(()),
        }
    }
}
