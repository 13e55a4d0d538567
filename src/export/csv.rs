//! CSV and TSV for CAT tools and spreadsheets: one row a concept.
//!
//! Columns: `id`; then per language `<lang>` (the preferred term), `<lang>_admitted` and
//! `<lang>_deprecated` (deprecated and superseded terms: what a CAT tool's QA flags as
//! forbidden), several terms in one cell separated by ` | `; then `pinyin` (of the preferred
//! Chinese term) and `definition_en` when those languages are exported.
//!
//! CSV follows RFC 4180 (quotes where needed, a definition keeps its line breaks); TSV has no
//! quoting at all, so tabs and line breaks inside a cell become spaces.

use crate::model::{Concept, Glossary, Lang, Status, Term};

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

/// Writes every concept that has a term in one of `langs`.
pub fn write(glossary: &Glossary, langs: &[Lang], dialect: Dialect) -> String {
    let mut table = Table {
        text: String::with_capacity(glossary.concepts.len() * 256),
        dialect,
        row_started: false,
        scratch: String::new(),
    };
    for name in header(langs) {
        table.cell(&name);
    }
    table.end_row();
    let pinyin = langs.iter().any(|l| l == "zh");
    let definition = langs.iter().any(|l| l == "en");
    for concept in glossary.concepts.values() {
        if langs.iter().any(|l| concept.terms.contains_key(l)) {
            table.row(concept, langs, pinyin, definition);
        }
    }
    table.text
}

/// The text being written, cell by cell, straight into one `String` (the cells are borrowed
/// from the model: a row needs no vector or string of its own).
struct Table {
    text: String,
    dialect: Dialect,
    /// Whether the row has a cell already (the next one needs a delimiter).
    row_started: bool,
    /// A cell of several terms, joined before it is quoted or flattened as one.
    scratch: String,
}

impl Table {
    /// One concept's row, matching [`header`]; the pinyin and English definition columns when
    /// the header has them.
    fn row(&mut self, concept: &Concept, langs: &[Lang], pinyin: bool, definition: bool) {
        self.cell(&concept.id);
        for lang in langs {
            let terms = concept.terms.get(lang).map_or(&[][..], Vec::as_slice);
            self.terms_cell(terms, |s| s == Status::Preferred);
            self.terms_cell(terms, |s| s == Status::Admitted);
            self.terms_cell(terms, |s| {
                matches!(s, Status::Deprecated | Status::Superseded)
            });
        }
        if pinyin {
            let zh = concept.preferred("zh").and_then(|t| t.pinyin.as_deref());
            self.cell(zh.unwrap_or_default());
        }
        if definition {
            let en = concept.definition.get("en").map(|d| d.trim_end());
            self.cell(en.unwrap_or_default());
        }
        self.end_row();
    }

    /// The terms whose status `keep` accepts, separated by [`SEPARATOR`], as one cell.
    fn terms_cell(&mut self, terms: &[Term], keep: impl Fn(Status) -> bool) {
        let mut joined = std::mem::take(&mut self.scratch);
        join_into(&mut joined, terms, keep);
        self.cell(&joined);
        self.scratch = joined;
    }

    /// One cell: quoted where RFC 4180 needs it (CSV), flattened (TSV).
    fn cell(&mut self, value: &str) {
        match self.dialect {
            Dialect::Csv => {
                if self.row_started {
                    self.text.push(',');
                }
                push_quoted(&mut self.text, value);
            }
            Dialect::Tsv => {
                if self.row_started {
                    self.text.push('\t');
                }
                flatten_into(value, &mut self.text);
            }
        }
        self.row_started = true;
    }

    fn end_row(&mut self) {
        self.text.push_str("\r\n");
        self.row_started = false;
    }
}

/// The texts of the `terms` whose status `keep` accepts, separated by [`SEPARATOR`], in place
/// of what `out` held.
pub(super) fn join_into(out: &mut String, terms: &[Term], keep: impl Fn(Status) -> bool) {
    out.clear();
    for (i, t) in terms.iter().filter(|t| keep(t.status)).enumerate() {
        if i > 0 {
            out.push_str(SEPARATOR);
        }
        out.push_str(&t.text);
    }
}

/// `value` as a CSV field: in double quotes (doubled inside) when it holds a comma, a quote
/// or a line break, as is otherwise (the `csv` crate's `QuoteStyle::Necessary`).
fn push_quoted(out: &mut String, value: &str) {
    if !value
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
    {
        out.push_str(value);
        return;
    }
    out.push('"');
    for (i, part) in value.split('"').enumerate() {
        if i > 0 {
            out.push_str("\"\"");
        }
        out.push_str(part);
    }
    out.push('"');
}

/// Tabs and line breaks as single spaces (TSV cells cannot hold them).
pub fn flatten(s: &str) -> String {
    let mut flat = String::with_capacity(s.len());
    flatten_into(s, &mut flat);
    flat
}

/// [`flatten`], appended to `out`: the pieces between tabs and line breaks, trimmed, the empty
/// ones left out, joined by single spaces.
pub fn flatten_into(s: &str, out: &mut String) {
    let mut first = true;
    let mut rest = s;
    loop {
        // The breaks are ASCII: their byte offsets are character boundaries.
        let end = rest.bytes().position(is_break);
        let piece = rest[..end.unwrap_or(rest.len())].trim();
        if !piece.is_empty() {
            if !first {
                out.push(' ');
            }
            out.push_str(piece);
            first = false;
        }
        match end {
            Some(end) => rest = &rest[end + 1..],
            None => return,
        }
    }
}

/// A byte [`flatten`] replaces.
fn is_break(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\r')
}

#[cfg(test)]
mod tests {
    use super::{flatten, push_quoted};

    /// The quoting is the `csv` crate's (`QuoteStyle::Necessary`), which CAT tools read.
    #[test]
    fn quotes_as_the_csv_crate_does() {
        let fields = [
            "a",
            "",
            "a,b",
            "say \"x\"",
            "\"",
            "l1\nl2",
            "cr\r",
            " 中 ",
            "#x;|'",
        ];
        let mut written = ::csv::Writer::from_writer(Vec::new());
        written.write_record(fields).unwrap_or_default();
        let expected = written.into_inner().unwrap_or_default();
        let mut mine = String::new();
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                mine.push(',');
            }
            push_quoted(&mut mine, field);
        }
        mine.push('\n');
        assert_eq!(mine.as_bytes(), expected);
    }

    #[test]
    fn flattens_breaks_to_single_spaces() {
        assert_eq!(flatten("  a  "), "a");
        assert_eq!(flatten("a\t\tb \r\n c\n"), "a b c");
        assert_eq!(flatten("\t \n"), "");
    }
}
