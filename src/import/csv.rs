//! CSV/TSV → concepts: the columns [`crate::export::csv`] writes (`id`, `<lang>`,
//! `<lang>_admitted`, `<lang>_deprecated`, `pinyin`, `definition_<lang>`), in any order;
//! `_` may also be a space or a hyphen. Unknown columns are reported and ignored.

use std::collections::BTreeSet;
use std::path::Path;

use super::{origin, slugify, Context, ImportError, Imported};
use crate::model::{Concept, Status, Term};

enum Column {
    Id,
    Terms(String, Status),
    Pinyin,
    Definition(String),
    Ignored,
}

pub fn read(
    file: &Path,
    text: &str,
    ctx: &Context,
    delimiter: u8,
) -> Result<Imported, ImportError> {
    // A .csv file may be tab-separated (Excel's "Unicode text"): judge by the header line.
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if delimiter == b',' && first.contains('\t') && !first.contains(',') {
        b'\t'
    } else {
        delimiter
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .quoting(delimiter == b',')
        .from_reader(text.as_bytes());
    let malformed = |line: usize, column: usize, message: String| ImportError::Malformed {
        file: file.to_path_buf(),
        line,
        column,
        message,
    };
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(malformed(1, 1, e.to_string())),
        None => {
            return Err(malformed(
                1,
                1,
                "the file is empty: expected a header row starting with `id`".into(),
            ))
        }
    };
    let mut out = Imported::default();
    let mut columns = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let n = name.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        let col = if n == "id" {
            Column::Id
        } else if n == "pinyin" || n == "zh_pinyin" {
            Column::Pinyin
        } else if let Some(l) = n.strip_prefix("definition_").and_then(|l| ctx.language(l)) {
            Column::Definition(l)
        } else if let Some(l) = n.strip_suffix("_admitted").and_then(|l| ctx.language(l)) {
            Column::Terms(l, Status::Admitted)
        } else if let Some(l) = n
            .strip_suffix("_deprecated")
            .or_else(|| n.strip_suffix("_forbidden"))
            .and_then(|l| ctx.language(l))
        {
            Column::Terms(l, Status::Deprecated)
        } else if let Some(l) = ctx.language(&n) {
            Column::Terms(l, Status::Preferred)
        } else {
            out.report
                .note(1, i + 1, format!("column `{name}` not recognised: ignored"));
            Column::Ignored
        };
        columns.push(col);
    }
    if !columns.iter().any(|c| matches!(c, Column::Id))
        || !columns.iter().any(|c| matches!(c, Column::Terms(..)))
    {
        let expected: Vec<String> = crate::export::csv::header(&ctx.languages);
        return Err(malformed(
            1,
            1,
            format!(
                "wrong columns: the header must name `id` and at least one language column; expected {} (found {})",
                expected.join(if delimiter == b'\t' { " TAB " } else { "," }),
                header.iter().collect::<Vec<_>>().join(if delimiter == b'\t' { " TAB " } else { "," })
            ),
        ));
    }
    let mut ids = BTreeSet::new();
    let mut record = ::csv::StringRecord::new();
    loop {
        let before = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let at = e.position().map_or(before, |p| p.byte() as usize);
                return Err(malformed(line_at(text, at), 1, e.to_string()));
            }
        }
        let line = line_at(
            text,
            record.position().map_or(before, |p| p.byte() as usize),
        );
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            return Err(malformed(
                line,
                1,
                format!(
                    "this row has {} cells, the header {}: is a delimiter or a quote missing?",
                    record.len(),
                    header.len()
                ),
            ));
        }
        let mut c = Concept::new(String::new(), origin(file, line, 1));
        let mut id = String::new();
        let mut pinyin = None;
        for (col, cell) in columns.iter().zip(record.iter()) {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            match col {
                Column::Id => id = cell.to_string(),
                Column::Pinyin => pinyin = Some(cell.to_string()),
                Column::Definition(l) => {
                    c.definition.insert(l.clone(), cell.to_string());
                }
                Column::Terms(l, status) => {
                    for t in cell.split('|').map(str::trim).filter(|t| !t.is_empty()) {
                        let terms = c.terms.entry(l.clone()).or_default();
                        if terms.iter().any(|o| o.text == t) {
                            out.report.note(
                                line,
                                1,
                                format!("{l} term `{t}` given twice: the second not kept"),
                            );
                        } else {
                            terms.push(Term::new(t, *status, origin(file, line, 1)));
                        }
                    }
                }
                Column::Ignored => {}
            }
        }
        if let Some(p) = pinyin {
            match c
                .terms
                .get_mut("zh")
                .and_then(|ts| ts.iter_mut().find(|t| t.status == Status::Preferred))
            {
                Some(t) => t.pinyin = Some(p),
                None => out
                    .report
                    .note(line, 1, "pinyin without a preferred zh term: not kept"),
            }
        }
        if !crate::validate::is_slug(&id) {
            let made = c
                .preferred("en")
                .and_then(|t| slugify(&t.text))
                .or_else(|| slugify(&id))
                .unwrap_or_else(|| format!("concept-{line}"));
            out.report.note(
                line,
                1,
                format!("id `{id}` is not a lowercase slug: the concept is `{made}`"),
            );
            id = made;
        }
        if !ids.insert(id.clone()) {
            out.report
                .note(line, 1, format!("id `{id}` used twice: this row not kept"));
            continue;
        }
        c.id = id;
        for (l, terms) in &c.terms {
            if !terms.iter().any(|t| t.status == Status::Preferred) {
                out.report.note(
                    line,
                    1,
                    format!("missing: `{}` has {l} terms but no preferred one", c.id),
                );
            }
            for t in terms.iter().filter(|t| t.status == Status::Deprecated) {
                out.report.note(line, 1, format!("missing: deprecated {l} term `{}` of `{}` needs a note saying why (CSV has no column for it)", t.text, c.id));
            }
        }
        for lang in ["zh", "en"] {
            if ctx.languages.iter().any(|l| l == lang) && c.preferred(lang).is_none() {
                out.report.note(line, 1, format!("missing: `{}` has no preferred {lang} term (the glossary requires zh and en)", c.id));
            }
        }
        out.concepts.push(c);
    }
    Ok(out)
}

/// The 1-based line of the record starting at byte `at` (line breaks left over from the
/// previous record skipped).
fn line_at(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = at.min(bytes.len());
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    bytes[..at].iter().filter(|b| **b == b'\n').count() + 1
}
