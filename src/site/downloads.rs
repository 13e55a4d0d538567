//! The downloads page's files: the exchange formats of [`crate::export`], written into
//! `downloads/` so translators can take the glossary into their CAT tools from the site.

use std::path::Path;

use super::output::{OutputError, Staging};
use super::pages::Download;
use crate::export::{self, Format, Options};
use crate::link::Linked;
use crate::model::Glossary;

/// One export file of the downloads page, made on demand so that the formats can be made on
/// several cores at once, each written and dropped as soon as it is made.
pub struct ExportFile<'a> {
    glossary: &'a Glossary,
    linked: &'a Linked,
    name: String,
    format: Format,
    options: Options,
    label: &'static str,
    purpose: String,
}

impl ExportFile<'_> {
    /// Writes the file into the new site as it is made; returns whether its bytes are new and
    /// its line on the downloads page, or `None` for a format the glossary cannot be exported
    /// in.
    pub fn write(self, staging: &Staging) -> Result<Option<(bool, Download)>, OutputError> {
        let Ok(export) =
            export::prepare(self.glossary, Some(self.linked), self.format, &self.options)
        else {
            return Ok(None);
        };
        let path = format!("downloads/{}", self.name);
        let (changed, len) = staging.write_streamed(Path::new(&path), |w| export.write_to(w))?;
        let line = Download {
            href: self.name.clone(),
            size: size(len),
            name: self.name,
            format: self.label,
            purpose: self.purpose,
        };
        Ok(Some((changed, line)))
    }
}

/// Every export file, in the downloads page's order: TBX, CSV, TSV, JSON, then an OmegaT
/// glossary per target language.
pub fn files<'a>(glossary: &'a Glossary, linked: &'a Linked) -> Vec<ExportFile<'a>> {
    let file = |name: &str, format, langs: &[String], bom, label, purpose: String| ExportFile {
        glossary,
        linked,
        name: name.to_string(),
        format,
        options: Options {
            langs: langs.to_vec(),
            bom,
        },
        label,
        purpose,
    };
    let mut wanted = vec![
        file(
            "shuyu.tbx",
            Format::Tbx,
            &[],
            false,
            "TBX-Basic",
            "memoQ, Trados MultiTerm, Phrase and other termbases (ISO 30042)".into(),
        ),
        file(
            "shuyu.csv",
            Format::Csv,
            &[],
            true,
            "CSV (UTF-8 with BOM)",
            "Excel, memoQ and MultiTerm imports: a column per language and status".into(),
        ),
        file(
            "shuyu.tsv",
            Format::Tsv,
            &[],
            false,
            "TSV (UTF-8)",
            "Spreadsheets and scripts".into(),
        ),
        file(
            "shuyu.json",
            Format::Json,
            &[],
            false,
            "JSON",
            "Scripts: the whole glossary with links and renderings in the wild".into(),
        ),
    ];
    let source = glossary.languages.first().cloned().unwrap_or_default();
    for lang in glossary.languages.iter().filter(|l| **l != source) {
        wanted.push(file(
            &format!("shuyu-omegat-{lang}.txt"),
            Format::Omegat,
            std::slice::from_ref(lang),
            false,
            "OmegaT glossary",
            format!("OmegaT projects from {source} into {lang}"),
        ));
    }
    wanted
}

/// "812 B", "12.3 KB", "4.1 MB".
fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}
