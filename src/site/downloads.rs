//! The downloads page's files: the exchange formats of [`crate::export`], written into
//! `downloads/` so translators can take the glossary into their CAT tools from the site.

use super::pages::Download;
use crate::export::{self, Format, Options};
use crate::link::Linked;
use crate::model::Glossary;

/// Every export file (path in the site, bytes) and its line on the downloads page. A format
/// the glossary cannot be exported in (an OmegaT glossary needs a target language) is left out.
pub fn files(glossary: &Glossary, linked: &Linked) -> Vec<(String, Vec<u8>, Download)> {
    let mut wanted: Vec<(String, Format, Options, &'static str, String)> = vec![
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
        .into_iter()
        .filter_map(|(name, format, options, label, purpose)| {
            let bytes = export::export(glossary, Some(linked), format, &options).ok()?;
            let line = Download {
                href: name.clone(),
                size: size(bytes.len()),
                name: name.clone(),
                format: label,
                purpose,
            };
            Some((format!("downloads/{name}"), bytes, line))
        })
        .collect()
}

fn file(
    name: &str,
    format: Format,
    langs: &[String],
    bom: bool,
    label: &'static str,
    purpose: String,
) -> (String, Format, Options, &'static str, String) {
    let options = Options {
        langs: langs.to_vec(),
        bom,
    };
    (name.to_string(), format, options, label, purpose)
}

/// "812 B", "12.3 KB", "4.1 MB".
fn size(bytes: usize) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}
