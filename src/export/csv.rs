//! CSV and TSV for CAT tools and spreadsheets: one row a concept.
//!
//! Columns: `id`; then per language `<lang>` (the preferred term), `<lang>_admitted` and
//! `<lang>_deprecated` (deprecated and superseded terms: what a CAT tool's QA flags as
//! forbidden), several terms in one cell separated by ` | `; then `pinyin` (of the preferred
//! Chinese term) and `definition_en` when those languages are exported.
//!
//! CSV follows RFC 4180 (quotes where needed, a definition keeps its line breaks); TSV has no
//! quoting at all, so tabs and line breaks inside a cell become spaces.

use crate::model::{Concept, Glossary, Lang, Status};

use super::tbx::SEPARATOR;

/// CSV (comma, quoted) or TSV (tab, never quoted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Csv,
    Tsv,
}

/// The header row for `langs`.
pub fn header(langs: &[Lang]) -> Vec<String> {
    let mut h = vec!["id".to_string()];
    for lang in langs {
        h.push(lang.clone());
        h.push(format!("{lang}_admitted"));
        h.push(format!("{lang}_deprecated"));
    }
    if langs.iter().any(|l| l == "zh") {
        h.push("pinyin".into());
    }
    if langs.iter().any(|l| l == "en") {
        h.push("definition_en".into());
    }
    h
}

/// One concept's row, matching [`header`].
pub fn row(concept: &Concept, langs: &[Lang]) -> Vec<String> {
    let mut r = vec![concept.id.clone()];
    let terms_with = |lang: &str, keep: &dyn Fn(Status) -> bool| -> String {
        concept
            .terms
            .get(lang)
            .map(|terms| {
                terms
                    .iter()
                    .filter(|t| keep(t.status))
                    .map(|t| t.text.as_str())
                    .collect::<Vec<_>>()
                    .join(SEPARATOR)
            })
            .unwrap_or_default()
    };
    for lang in langs {
        r.push(terms_with(lang, &|s| s == Status::Preferred));
        r.push(terms_with(lang, &|s| s == Status::Admitted));
        r.push(terms_with(lang, &|s| {
            matches!(s, Status::Deprecated | Status::Superseded)
        }));
    }
    if langs.iter().any(|l| l == "zh") {
        r.push(
            concept
                .preferred("zh")
                .and_then(|t| t.pinyin.clone())
                .unwrap_or_default(),
        );
    }
    if langs.iter().any(|l| l == "en") {
        r.push(
            concept
                .definition
                .get("en")
                .map(|d| d.trim_end().to_string())
                .unwrap_or_default(),
        );
    }
    r
}

/// Writes every concept that has a term in one of `langs`.
pub fn write(glossary: &Glossary, langs: &[Lang], dialect: Dialect) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(if dialect == Dialect::Tsv { b'\t' } else { b',' })
        .quote_style(if dialect == Dialect::Tsv {
            ::csv::QuoteStyle::Never
        } else {
            ::csv::QuoteStyle::Necessary
        })
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::with_capacity(glossary.concepts.len() * 256));
    let clean = |cells: Vec<String>| -> Vec<String> {
        match dialect {
            Dialect::Csv => cells,
            Dialect::Tsv => cells.into_iter().map(|c| flatten(&c)).collect(),
        }
    };
    // Writing to a Vec cannot fail.
    let _ = w.write_record(clean(header(langs)));
    for concept in glossary.concepts.values() {
        if langs.iter().any(|l| concept.terms.contains_key(l)) {
            let _ = w.write_record(clean(row(concept, langs)));
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Tabs and line breaks as single spaces (TSV cells cannot hold them).
pub fn flatten(s: &str) -> String {
    s.split(['\t', '\n', '\r'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
