//! Diagnostics: every problem found in the glossary, with its code, place and fix.
//!
//! Problems are collected, never thrown: the loader and every check push [`Diagnostic`]s, and
//! the command prints them all at the end in one of three formats (rustc-style text, JSON
//! lines, GitHub workflow annotations). This module alone owns `codespan-reporting`.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files as cs_files;
use codespan_reporting::term;
use serde::Serialize;

use crate::codes::Code;
pub use crate::codes::Severity;

/// Index of a file in [`Files`].
pub type FileId = usize;

/// The text of every file read, so that diagnostics can quote their lines: the one files
/// database of a report. Each file's line index is built once, on the first lookup, so a
/// clean run pays nothing and a run with many diagnostics pays once per file, not once per
/// diagnostic.
#[derive(Debug, Default)]
pub struct Files {
    files: Vec<SourceFile>,
}

/// One registered file.
#[derive(Debug)]
struct SourceFile {
    path: PathBuf,
    /// The path as printed, computed once.
    name: String,
    text: String,
    index: OnceLock<LineIndex>,
}

/// Where lines start and how many characters precede every block of [`BLOCK`] bytes, so that
/// a byte offset becomes a line (binary search) and a character column (one block counted)
/// without scanning the file.
#[derive(Debug)]
struct LineIndex {
    /// Byte offset of the start of every line; the first is 0.
    line_starts: Vec<usize>,
    /// `chars_before[b]`: characters in `text[..b * BLOCK]`.
    chars_before: Vec<usize>,
}

/// The block size of [`LineIndex::chars_before`]: a column costs at most this many bytes.
const BLOCK: usize = 1024;

/// Characters in `bytes`: every byte that does not continue a UTF-8 sequence starts one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = Vec::with_capacity(bytes.len() / 32 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        let mut chars_before = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut total = 0;
        chars_before.push(0);
        for block in bytes.chunks(BLOCK) {
            total += count_chars(block);
            chars_before.push(total);
        }
        LineIndex {
            line_starts,
            chars_before,
        }
    }

    /// The 0-based line holding byte `offset`; past the end, the last line.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    /// Characters before byte `offset`, which must be a character boundary.
    fn chars_to(&self, text: &str, offset: usize) -> usize {
        let block = offset / BLOCK;
        self.chars_before[block] + count_chars(&text.as_bytes()[block * BLOCK..offset])
    }
}

impl Files {
    /// Registers a file's display path and text; returns its id.
    pub fn add(&mut self, path: PathBuf, text: String) -> FileId {
        let id = self.files.len();
        self.files.push(SourceFile {
            name: path.display().to_string(),
            path,
            text,
            index: OnceLock::new(),
        });
        id
    }

    /// How many files are registered: the id the next one will get.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn path(&self, id: FileId) -> &Path {
        &self.files[id].path
    }

    pub fn text(&self, id: FileId) -> &str {
        &self.files[id].text
    }

    /// The path as printed in diagnostics.
    fn name(&self, id: FileId) -> &str {
        &self.files[id].name
    }

    /// The file's line index, built on first use.
    fn index(&self, id: FileId) -> &LineIndex {
        let f = &self.files[id];
        f.index.get_or_init(|| LineIndex::new(&f.text))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, id: FileId, offset: usize) -> (usize, usize) {
        let text = self.text(id);
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let index = self.index(id);
        let line = index.line_of(offset);
        let column = index.chars_to(text, offset) - index.chars_to(text, index.line_starts[line]);
        (line + 1, column + 1)
    }

    /// Byte offset of a 1-based line and character column, clamped to the text.
    pub fn offset_of(&self, id: FileId, line: usize, column: usize) -> usize {
        let text = self.text(id);
        let starts = &self.index(id).line_starts;
        let Some(&start) = starts.get(line.saturating_sub(1)) else {
            return text.len();
        };
        start + column_offset(&text[start..], column)
    }
}

/// Byte offset of a 1-based line and character column in `text`, clamped to the text. Scans
/// from the start: for one lookup in a file; [`Files::offset_of`] uses the file's index.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        memchr::memchr_iter(b'\n', text.as_bytes())
            .nth(line - 2)
            .map_or(text.len(), |i| i + 1)
    };
    line_start + column_offset(&text[line_start..], column)
}

/// Byte offset of the 1-based character `column` in the line that starts `rest`, clamped to
/// the line's end.
fn column_offset(rest: &str, column: usize) -> usize {
    rest.char_indices()
        .take_while(|(_, c)| *c != '\n')
        .nth(column.saturating_sub(1))
        .map_or_else(|| rest.find('\n').unwrap_or(rest.len()), |(i, _)| i)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A place in a file: a byte range, with a short message shown under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    pub span: Range<usize>,
    pub message: String,
}

impl Label {
    pub fn new(file: FileId, span: Range<usize>) -> Self {
        Label {
            file,
            span,
            message: String::new(),
        }
    }

    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }
}

/// One problem: what, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub message: String,
    /// Where the problem is; `None` for a problem of the whole glossary folder.
    pub primary: Option<Label>,
    /// Other places that explain it ("first defined here").
    pub secondary: Vec<Label>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            help: None,
        }
    }

    pub fn at(mut self, label: Label) -> Self {
        self.primary = Some(label);
        self
    }

    pub fn also(mut self, label: Label) -> Self {
        self.secondary.push(label);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// Sort key: file order, then position, then code, so output is deterministic.
    fn sort_key(&self) -> (usize, usize, &'static str, &str) {
        let (file, start) = self
            .primary
            .as_ref()
            .map_or((usize::MAX, 0), |l| (l.file, l.span.start));
        (file, start, self.code.id(), &self.message)
    }
}

/// Orders diagnostics by file and position and drops exact repeats.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics.dedup();
}

/// The output formats of `validate` and `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// rustc-style messages with the source line and a caret.
    Human,
    /// One JSON object per line.
    Json,
    /// GitHub workflow annotations (`::error file=…`).
    Github,
}

/// How many diagnostics of one file the human format shows; the rest are counted in one
/// line ("… and N more in FILE"), so that a file with thousands of mistakes cannot flood a
/// terminal or a CI log. The machine formats carry every diagnostic.
pub const HUMAN_LIMIT_PER_FILE: usize = 50;

/// Renders diagnostics in the chosen format, one after another.
pub fn render(files: &Files, diagnostics: &[Diagnostic], format: Format) -> String {
    match format {
        Format::Human => render_human_all(files, diagnostics),
        Format::Json => diagnostics.iter().map(|d| render_json(files, d)).collect(),
        Format::Github => diagnostics
            .iter()
            .map(|d| render_github(files, d))
            .collect(),
    }
}

/// The human format: at most [`HUMAN_LIMIT_PER_FILE`] diagnostics a file, then how many were
/// left out of each file, then the summary of all of them.
fn render_human_all(files: &Files, diagnostics: &[Diagnostic]) -> String {
    let config = term::Config::default();
    let mut out = String::new();
    let mut shown = std::collections::HashMap::<FileId, usize>::new();
    let mut hidden = std::collections::BTreeMap::<FileId, usize>::new();
    for d in diagnostics {
        if let Some(label) = &d.primary {
            let count = shown.entry(label.file).or_default();
            if *count == HUMAN_LIMIT_PER_FILE {
                *hidden.entry(label.file).or_default() += 1;
                continue;
            }
            *count += 1;
        }
        out.push_str(&render_human(files, &config, d));
    }
    for (file, n) in hidden {
        out.push_str(&format!(
            "… and {n} more in {} (`--format json` lists every one)\n\n",
            files.name(file)
        ));
    }
    out.push_str(&summary(diagnostics));
    out
}

/// "2 errors, 1 warning" — the closing line of human output.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let count = |s| diagnostics.iter().filter(|d| d.severity() == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}\n",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// codespan-reporting reads files through our database and its line index, instead of a
/// copy that would index the file again for every diagnostic.
impl<'a> cs_files::Files<'a> for Files {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, cs_files::Error> {
        self.files
            .get(id)
            .map(|f| f.name.as_str())
            .ok_or(cs_files::Error::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, cs_files::Error> {
        self.files
            .get(id)
            .map(|f| f.text.as_str())
            .ok_or(cs_files::Error::FileMissing)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, cs_files::Error> {
        self.source(id)?;
        Ok(self.index(id).line_of(byte_index))
    }

    fn line_range(&'a self, id: FileId, line: usize) -> Result<Range<usize>, cs_files::Error> {
        let len = self.source(id)?.len();
        let starts = &self.index(id).line_starts;
        let start = |i: usize| match i.cmp(&starts.len()) {
            std::cmp::Ordering::Less => Ok(starts[i]),
            std::cmp::Ordering::Equal => Ok(len),
            std::cmp::Ordering::Greater => Err(cs_files::Error::LineTooLarge {
                given: i,
                max: starts.len() - 1,
            }),
        };
        Ok(start(line)?..start(line + 1)?)
    }
}

fn render_human(files: &Files, config: &term::Config, d: &Diagnostic) -> String {
    let severity = match d.severity() {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
    };
    let mut labels = Vec::new();
    if let Some(l) = &d.primary {
        labels.push(cs::Label::primary(l.file, l.span.clone()).with_message(&l.message));
    }
    for l in &d.secondary {
        labels.push(cs::Label::secondary(l.file, l.span.clone()).with_message(&l.message));
    }
    let notes = d.help.iter().map(|h| format!("help: {h}")).collect();
    let diagnostic = cs::Diagnostic::new(severity)
        .with_code(d.code.id())
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes);
    term::emit_into_string(config, files, &diagnostic).unwrap_or_else(|e| {
        format!(
            "{}[{}]: {} (could not show the source: {e})\n",
            d.severity().word(),
            d.code.id(),
            d.message
        )
    })
}

/// A located diagnostic flattened for machines.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    message: &'a str,
    help: Option<&'a str>,
}

fn render_json(files: &Files, d: &Diagnostic) -> String {
    let place = d.primary.as_ref().map(|l| place(files, l));
    let record = JsonDiagnostic {
        code: d.code.id(),
        name: d.code.name(),
        severity: d.severity(),
        file: place.as_ref().map(|p| p.file.clone()),
        line: place.as_ref().map(|p| p.line),
        column: place.as_ref().map(|p| p.column),
        end_line: place.as_ref().map(|p| p.end_line),
        end_column: place.as_ref().map(|p| p.end_column),
        message: &d.message,
        help: d.help.as_deref(),
    };
    let mut line = serde_json::to_string(&record).unwrap_or_default();
    line.push('\n');
    line
}

struct Place {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

fn place(files: &Files, label: &Label) -> Place {
    let (line, column) = files.line_col(label.file, label.span.start);
    let (end_line, end_column) = files.line_col(label.file, label.span.end);
    Place {
        file: files.name(label.file).to_string(),
        line,
        column,
        end_line,
        end_column,
    }
}

fn render_github(files: &Files, d: &Diagnostic) -> String {
    let kind = d.severity().word();
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let title = format!("{} {}", d.code.id(), d.code.name());
    match d.primary.as_ref().map(|l| place(files, l)) {
        Some(p) => format!(
            "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(&p.file),
            p.line,
            p.column,
            p.end_line,
            p.end_column,
            escape_property(&title),
            escape_data(&message)
        ),
        None => format!(
            "::{kind} title={}::{}\n",
            escape_property(&title),
            escape_data(&message)
        ),
    }
}

/// Escapes a workflow-command message (GitHub's `escapeData`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow-command property (GitHub's `escapeProperty`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Files {
        let mut f = Files::default();
        f.add("a.yaml".into(), "id: x\nterm: 社会工作 y\n".into());
        f
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let f = files();
        let y = f.text(0).find(" y").unwrap() + 1;
        assert_eq!(f.line_col(0, y), (2, 12));
        assert_eq!(f.offset_of(0, 2, 12), y);
    }

    /// The index gives what a scan from the start gives, at every offset of a text longer
    /// than one block, with characters of one to four bytes and empty lines.
    #[test]
    fn line_col_agrees_with_a_scan_at_every_offset() {
        let mut f = Files::default();
        let text = "a社\n\n𝒳é b\n".repeat(300);
        f.add("t.yaml".into(), text.clone());
        for offset in 0..=text.len() {
            let at = floor_char_boundary(&text, offset);
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = before[start..].chars().count() + 1;
            assert_eq!(f.line_col(0, offset), (line, column), "offset {offset}");
            if text.is_char_boundary(offset) {
                assert_eq!(f.offset_of(0, line, column), offset);
                assert_eq!(offset_of(&text, line, column), offset);
            }
        }
    }

    #[test]
    fn human_output_is_bounded_per_file_and_json_is_not() {
        let f = files();
        let d = Diagnostic::new(Code::BadId, "bad").at(Label::new(0, 0..2));
        let many = vec![d; HUMAN_LIMIT_PER_FILE + 70];
        let human = render(&f, &many, Format::Human);
        assert_eq!(human.matches("error[V101]").count(), HUMAN_LIMIT_PER_FILE);
        assert!(human.contains("… and 70 more in a.yaml"), "{human}");
        assert!(human.ends_with("120 errors, 0 warnings\n"), "{human}");
        assert_eq!(render(&f, &many, Format::Json).lines().count(), 120);
    }

    #[test]
    fn offset_of_clamps_past_the_end() {
        let f = files();
        assert_eq!(f.offset_of(0, 1, 99), 5);
        assert_eq!(f.offset_of(0, 9, 1), f.text(0).len());
    }

    #[test]
    fn github_annotation_escapes_newlines_and_commas() {
        let f = files();
        let d = Diagnostic::new(Code::BadId, "a, b\nc").at(Label::new(0, 4..5));
        let out = render(&f, &[d], Format::Github);
        assert_eq!(
            out,
            "::error file=a.yaml,line=1,col=5,endLine=1,endColumn=6,title=V101 bad-id::a, b%0Ac\n"
        );
    }
}
