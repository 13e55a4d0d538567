//! Diagnostics: every problem found in the glossary, with its code, place and fix.
//!
//! Problems are collected, never thrown: the loader and every check push [`Diagnostic`]s, and
//! the command prints them all at the end in one of three formats (rustc-style text, JSON
//! lines, GitHub workflow annotations). This module alone owns `codespan-reporting`.

use std::ops::Range;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use serde::Serialize;

use crate::codes::Code;
pub use crate::codes::Severity;
use crate::model::Origin;

/// Index of a file in [`Files`].
pub type FileId = usize;

/// The text of every file read, so that diagnostics can quote their lines.
#[derive(Debug, Default)]
pub struct Files {
    files: Vec<(PathBuf, String)>,
    by_path: std::collections::HashMap<PathBuf, FileId>,
}

impl Files {
    /// Registers a file's display path and text; returns its id.
    pub fn add(&mut self, path: PathBuf, text: String) -> FileId {
        let id = self.files.len();
        self.by_path.entry(path.clone()).or_insert(id);
        self.files.push((path, text));
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
        &self.files[id].0
    }

    pub fn text(&self, id: FileId) -> &str {
        &self.files[id].1
    }

    /// The file registered under `path`, if any.
    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.by_path.get(path).copied()
    }

    /// A label at an entry's [`Origin`] (for problems found after validation, e.g. by the
    /// linker), `len` bytes long.
    pub fn label_for(&self, origin: &Origin, len: usize) -> Option<Label> {
        let file = self.find(&origin.file)?;
        let start = self.offset_of(file, origin.line, origin.column);
        let end = (start + len).min(self.text(file).len());
        Some(Label::new(file, start..end))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, id: FileId, offset: usize) -> (usize, usize) {
        let text = self.text(id);
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = before.matches('\n').count() + 1;
        (line, before[line_start..].chars().count() + 1)
    }

    /// Byte offset of a 1-based line and character column, clamped to the text.
    pub fn offset_of(&self, id: FileId, line: usize, column: usize) -> usize {
        offset_of(self.text(id), line, column)
    }
}

/// Byte offset of a 1-based line and character column in `text`, clamped to the text.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[line_start.min(text.len())..];
    let in_line = rest
        .char_indices()
        .take_while(|(_, c)| *c != '\n')
        .nth(column.saturating_sub(1))
        .map_or_else(|| rest.find('\n').unwrap_or(rest.len()), |(i, _)| i);
    line_start + in_line
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

/// Renders diagnostics in the chosen format, one after another.
pub fn render(files: &Files, diagnostics: &[Diagnostic], format: Format) -> String {
    let mut out = String::new();
    for d in diagnostics {
        match format {
            Format::Human => out.push_str(&render_human(files, d)),
            Format::Json => out.push_str(&render_json(files, d)),
            Format::Github => out.push_str(&render_github(files, d)),
        }
    }
    if format == Format::Human {
        out.push_str(&summary(diagnostics));
    }
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

fn render_human(files: &Files, d: &Diagnostic) -> String {
    let mut simple = SimpleFiles::new();
    let mut ids = Vec::new();
    for label in d.primary.iter().chain(&d.secondary) {
        ids.push((
            label.file,
            simple.add(
                files.path(label.file).display().to_string(),
                files.text(label.file),
            ),
        ));
    }
    let id_of = |file: FileId| ids.iter().find(|(f, _)| *f == file).map_or(0, |(_, i)| *i);
    let severity = match d.severity() {
        Severity::Error => cs::Severity::Error,
        Severity::Warning => cs::Severity::Warning,
    };
    let mut labels = Vec::new();
    if let Some(l) = &d.primary {
        labels.push(cs::Label::primary(id_of(l.file), l.span.clone()).with_message(&l.message));
    }
    for l in &d.secondary {
        labels.push(cs::Label::secondary(id_of(l.file), l.span.clone()).with_message(&l.message));
    }
    let notes = d.help.iter().map(|h| format!("help: {h}")).collect();
    let diagnostic = cs::Diagnostic::new(severity)
        .with_code(d.code.id())
        .with_message(&d.message)
        .with_labels(labels)
        .with_notes(notes);
    let config = term::Config::default();
    term::emit_into_string(&config, &simple, &diagnostic).unwrap_or_else(|e| {
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
        file: files.path(label.file).display().to_string(),
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
