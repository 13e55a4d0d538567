//! Import: TBX (TBX-Basic v3 `conceptEntry`, and the older `martif`/`termEntry` of MultiTerm
//! and IATE) and CSV/TSV (the columns [`crate::export::csv`] writes) into concept files in
//! the glossary's own style ([`yaml`]).
//!
//! Reading never fails on content it does not know: everything that did not map is listed
//! in the [`Report`] with where it was. A file that cannot be read as a whole (malformed
//! XML, a CSV without an `id` column, UTF-16 or Latin-1 bytes) is an [`ImportError`] located
//! in it.

pub mod csv;
pub mod tbx;
pub mod xml;
pub mod yaml;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::model::{Concept, Lang, Origin};

/// What the target glossary declares, for mapping what a file says onto it.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Declared languages, source language first.
    pub languages: Vec<Lang>,
    /// Domain slug → label.
    pub domains: BTreeMap<String, String>,
    /// Declared authorities.
    pub authorities: BTreeSet<String>,
    /// Every `source#passage` of the glossary's sources.
    pub passages: BTreeSet<String>,
    /// The ids of the glossary's concepts.
    pub concepts: BTreeSet<String>,
}

impl Context {
    /// The declared language a language tag stands for: itself, or its primary subtag
    /// (`zh-CN`, `zh-Hans` → `zh`, `en-GB` → `en`).
    pub fn language(&self, tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase();
        if self.languages.contains(&tag) {
            return Some(tag);
        }
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        self.languages.iter().find(|l| *l == primary).cloned()
    }

    /// The domain slug a subject field names: a slug or a label (case-insensitively).
    pub fn domain(&self, field: &str) -> Option<String> {
        let f = field.trim();
        self.domains
            .iter()
            .find(|(slug, label)| *slug == f || label.eq_ignore_ascii_case(f))
            .map(|(slug, _)| slug.clone())
    }
}

/// Something in the file that was not kept, or that the glossary will miss.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// Notes of one kind are summarised together when there are many.
    pub kind: String,
}

/// What an import kept and what it did not.
#[derive(Debug, Default)]
pub struct Report {
    pub notes: Vec<Note>,
}

impl Report {
    pub fn note(&mut self, line: usize, column: usize, message: impl Into<String>) {
        let message = message.into();
        self.notes.push(Note {
            line,
            column,
            kind: message.clone(),
            message,
        });
    }

    /// A note of a kind that may recur with other values (`e.g.` the value in `message`).
    pub fn note_kind(
        &mut self,
        line: usize,
        column: usize,
        kind: &str,
        message: impl Into<String>,
    ) {
        self.notes.push(Note {
            line,
            column,
            kind: kind.to_string(),
            message: message.into(),
        });
    }

    /// The notes, one a line, `file:line:col: message`; a kind of note met more than
    /// three times is summarised once, at its first place, with its count.
    pub fn render(&self, file: &Path) -> String {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for n in &self.notes {
            *counts.entry(n.kind.as_str()).or_default() += 1;
        }
        let mut shown: BTreeMap<&str, usize> = BTreeMap::new();
        let mut out = String::new();
        for n in &self.notes {
            let seen = shown.entry(n.kind.as_str()).or_default();
            *seen += 1;
            let total = counts[n.kind.as_str()];
            if total > 3 && *seen > 1 {
                continue;
            }
            let more = if total > 3 {
                format!(" ({total} times like this; the first is shown)")
            } else {
                String::new()
            };
            out.push_str(&format!(
                "{}:{}:{}: {}{more}\n",
                file.display(),
                n.line,
                n.column,
                n.message
            ));
        }
        out
    }
}

/// The result of reading a file.
#[derive(Debug, Default)]
pub struct Imported {
    pub concepts: Vec<Concept>,
    pub report: Report,
}

/// A file that cannot be imported at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file's content is wrong (exit 1).
    #[error("{file}:{line}:{column}: {message}")]
    Malformed {
        file: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// The command cannot run (exit 2).
    #[error("{0}")]
    CannotRun(String),
}

/// The kinds of file import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Tbx,
    Csv,
    Tsv,
}

impl Kind {
    /// The kind a file name says (`.tbx`/`.xml`, `.csv`, `.tsv`/`.txt`).
    pub fn of(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "tbx" | "xml" => Kind::Tbx,
            "csv" => Kind::Csv,
            "tsv" | "tab" | "txt" => Kind::Tsv,
            _ => return None,
        })
    }
}

/// The text of a file: UTF-8, a byte order mark dropped; UTF-16 and invalid UTF-8 (Latin-1,
/// Windows-1252, GBK …) are errors that say so and where.
pub fn decode<'a>(file: &Path, bytes: &'a [u8]) -> Result<&'a str, ImportError> {
    let malformed = |line, column, message: String| ImportError::Malformed {
        file: file.to_path_buf(),
        line,
        column,
        message,
    };
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(malformed(
            1,
            1,
            "the file is UTF-16: save it as UTF-8 (Excel: \"CSV UTF-8\"; most editors: Save with Encoding → UTF-8)".into(),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if bytes.len() >= 2
        && bytes.iter().take(64).filter(|b| **b == 0).count() * 4 >= bytes.len().min(64)
    {
        return Err(malformed(
            1,
            1,
            "the file looks like UTF-16 without a byte order mark (many zero bytes): save it as UTF-8".into(),
        ));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        let line = good.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        malformed(
            line,
            column,
            format!(
                "not UTF-8 (byte 0x{:02x}): the file is probably Latin-1, Windows-1252 or GBK; save it as UTF-8",
                bytes[e.valid_up_to()]
            ),
        )
    })
}

/// Reads a TBX, CSV or TSV file into concepts.
pub fn read(file: &Path, bytes: &[u8], kind: Kind, ctx: &Context) -> Result<Imported, ImportError> {
    let text = decode(file, bytes)?;
    match kind {
        Kind::Tbx => tbx::read(file, text, ctx),
        Kind::Csv => csv::read(file, text, ctx, b','),
        Kind::Tsv => csv::read(file, text, ctx, b'\t'),
    }
}

/// A lowercase slug made of a term (`Open Cluster` → `open-cluster`), or None when nothing
/// of it is ASCII letters or digits.
pub fn slugify(s: &str) -> Option<String> {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            c => c,
        };
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(80);
    while out.ends_with('-') {
        out.pop();
    }
    (!out.is_empty()).then_some(out)
}

/// The origin given to imported entries: the start of the file they came from.
pub fn origin(file: &Path, line: usize, column: usize) -> Origin {
    Origin {
        file: file.to_path_buf(),
        line,
        column,
        at: None,
    }
}

/// The concept files an import writes: what happened to each.
#[derive(Debug, Default)]
pub struct Written {
    pub created: Vec<PathBuf>,
    pub updated: Vec<PathBuf>,
    /// Existing files left alone (no --force).
    pub skipped: Vec<PathBuf>,
}

/// Writes the concepts into `dir/concepts/`: a new file for a new id; an existing file only
/// with `force`, merged with what it had (see [`merge`]).
pub fn write(
    dir: &Path,
    concepts: &[Concept],
    existing: &BTreeMap<String, Concept>,
    languages: &[Lang],
    force: bool,
) -> std::io::Result<Written> {
    let concepts_dir = dir.join("concepts");
    std::fs::create_dir_all(&concepts_dir)?;
    let mut written = Written::default();
    for concept in concepts {
        let path = concepts_dir.join(format!("{}.yaml", concept.id));
        let exists = path.exists();
        if exists && !force {
            written.skipped.push(path);
            continue;
        }
        let text = match existing.get(&concept.id) {
            Some(old) if exists => yaml::concept(&merge(old, concept), languages),
            _ => yaml::concept(concept, languages),
        };
        let tmp = concepts_dir.join(format!(".{}.yaml.tmp", concept.id));
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, &path)?;
        if exists {
            written.updated.push(path);
        } else {
            written.created.push(path);
        }
    }
    Ok(written)
}

/// An existing concept updated by an imported one: each language the import has terms in
/// takes the imported terms (a term already there keeps what the import does not carry:
/// its attestations, note, authority, pinyin …); definitions and notes the import has
/// replace the old ones; domains and relations are replaced when the import has any;
/// history, citations and senses stay unless the import has them.
pub fn merge(old: &Concept, new: &Concept) -> Concept {
    let mut out = old.clone();
    for (lang, terms) in &new.terms {
        let before = old.terms.get(lang);
        let merged = terms
            .iter()
            .map(|t| {
                let mut t = t.clone();
                if let Some(o) = before.and_then(|b| b.iter().find(|o| o.text == t.text)) {
                    t.term_type = t.term_type.or(o.term_type);
                    t.pinyin = t.pinyin.or_else(|| o.pinyin.clone());
                    t.traditional = t.traditional.or_else(|| o.traditional.clone());
                    t.authority = t.authority.or_else(|| o.authority.clone());
                    t.note = t.note.or_else(|| o.note.clone());
                    if t.attested.is_empty() {
                        t.attested = o.attested.clone();
                    }
                }
                t
            })
            .collect();
        out.terms.insert(lang.clone(), merged);
    }
    out.definition
        .extend(new.definition.iter().map(|(k, v)| (k.clone(), v.clone())));
    out.notes
        .extend(new.notes.iter().map(|(k, v)| (k.clone(), v.clone())));
    if !new.domains.is_empty() {
        out.domains = new.domains.clone();
    }
    let r = &new.relations;
    if !(r.broader.is_empty()
        && r.narrower.is_empty()
        && r.related.is_empty()
        && r.contrast.is_empty()
        && r.components.is_empty())
    {
        out.relations = r.clone();
    }
    if new.senses.is_some() {
        out.senses = new.senses.clone();
    }
    if !new.history.is_empty() {
        out.history = new.history.clone();
    }
    if !new.citations.is_empty() {
        out.citations = new.citations.clone();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_languages() {
        assert_eq!(slugify("Open Cluster").as_deref(), Some("open-cluster"));
        assert_eq!(
            slugify("cúmulo  abierto!").as_deref(),
            Some("cumulo-abierto")
        );
        assert_eq!(slugify("社会工作"), None);
        let ctx = Context {
            languages: vec!["zh".into(), "en".into()],
            ..Context::default()
        };
        assert_eq!(ctx.language("zh-CN").as_deref(), Some("zh"));
        assert_eq!(ctx.language("EN").as_deref(), Some("en"));
        assert_eq!(ctx.language("de"), None);
    }

    #[test]
    fn decoding_says_what_is_wrong() {
        let p = Path::new("x.csv");
        assert_eq!(decode(p, b"\xef\xbb\xbfid").unwrap(), "id");
        let e = decode(p, b"\xff\xfei\0d\0").unwrap_err().to_string();
        assert!(e.contains("UTF-16"), "{e}");
        let e = decode(p, b"id\nbeyond caf\xe9").unwrap_err().to_string();
        assert!(e.contains("x.csv:2:11") && e.contains("Latin-1"), "{e}");
    }
}
