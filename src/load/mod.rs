//! Load: read the glossary folder into raw types, with the position of every value.
//!
//! This module alone owns the YAML libraries (serde-saphyr and its parser, granit-parser) and
//! its own quick reader. Each file goes through these steps, and the first that fails yields
//! one diagnostic:
//!
//! 1. read the bytes: refuse files over [`MAX_FILE_BYTES`] and invalid UTF-8, warn on a BOM;
//! 2. deserialize into the strict [`crate::raw`] types: first with the quick reader
//!    (`quick.rs`), which handles the plain subset of YAML that glossary files are written
//!    in, several times faster (`cargo bench --bench validate` compares them); whatever it
//!    declines (anything unusual, and every error) goes to serde-saphyr, under a budget that
//!    refuses anchors, aliases, a second document and deep nesting. Both give the same values
//!    and positions ([`Located`]), which the tests check;
//! 3. only if that fails, scan the YAML events (the "generic node" pass) to find the first
//!    structural problem — a syntax error, an anchor or alias, nesting deeper than
//!    [`MAX_DEPTH`], a second document, an empty file — and report it as itself; otherwise
//!    report the type error: an unknown, missing or mistyped field.
//!
//! Files are read in sorted order, so diagnostics and everything downstream are deterministic.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde_saphyr::granit_parser::{Event, Parser, ScanError};
use serde_saphyr::{Budget, Error as YamlError, Location, Options};

use crate::codes::Code;
use crate::diag::{offset_of, Diagnostic, FileId, Files, Label};
use crate::raw::{RawConcept, RawGlossaryFile, RawSource};

#[doc(hidden)]
pub mod fuzzing;
mod located;
mod quick;
mod quick_de;

pub use located::Located;

/// Files larger than this are refused unread: a glossary entry is a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// Deeper nesting than this is refused; the format itself needs six levels.
pub const MAX_DEPTH: usize = 32;

/// A problem that stops the command before any file can be judged (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("no glossary folder found: looked for glossary/glossary.yaml in {0} and its parents; pass --glossary DIR")]
    NotFound(PathBuf),
    #[error("{0} is not a folder")]
    NotADirectory(PathBuf),
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A value read from a file, with the file it came from.
#[derive(Debug)]
pub struct Loaded<T> {
    pub file: FileId,
    pub value: T,
}

/// Everything read from a glossary folder, before validation.
#[derive(Debug, Default)]
pub struct RawGlossary {
    pub files: Files,
    pub glossary: Option<Loaded<RawGlossaryFile>>,
    pub concepts: Vec<Loaded<RawConcept>>,
    pub sources: Vec<Loaded<RawSource>>,
    /// The file stem of every concept and source file read, parsed or not, by file id.
    pub stems: Vec<(FileId, String)>,
    /// How many files the quick reader parsed (the others went to serde-saphyr).
    pub quick_files: usize,
}

impl RawGlossary {
    /// The file name without `.yaml` of a file, which the id must equal.
    pub fn stem(&self, file: FileId) -> Option<&str> {
        // Files are registered, and their stems pushed, in increasing id order.
        let i = self.stems.binary_search_by_key(&file, |(f, _)| *f).ok()?;
        Some(self.stems[i].1.as_str())
    }
}

/// Finds the glossary folder: `start` itself if it holds glossary.yaml, else the first
/// `glossary/` folder with a glossary.yaml in `start` or one of its parents.
pub fn discover(start: &Path) -> Result<PathBuf, LoadError> {
    for dir in start.ancestors() {
        if dir.join("glossary.yaml").is_file() {
            return Ok(dir.to_path_buf());
        }
        let candidate = dir.join("glossary");
        if candidate.join("glossary.yaml").is_file() {
            return Ok(candidate);
        }
    }
    Err(LoadError::NotFound(start.to_path_buf()))
}

/// Reads a glossary folder. Problems with the data become diagnostics; only a folder that
/// cannot be read at all is an error. Files are parsed in parallel and registered in sorted
/// order, so file ids and output do not depend on scheduling.
pub fn load(dir: &Path) -> Result<(RawGlossary, Vec<Diagnostic>), LoadError> {
    load_with(dir, Reader::Quick)
}

/// Which YAML reader parses files that are valid. Diagnostics always come from serde-saphyr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// The quick reader (`quick.rs`), with serde-saphyr for whatever it declines.
    Quick,
    /// serde-saphyr alone (for benchmarks and tests that compare the two).
    SerdeSaphyr,
}

/// [`load`] with a choice of reader.
pub fn load_with(dir: &Path, reader: Reader) -> Result<(RawGlossary, Vec<Diagnostic>), LoadError> {
    if !dir.is_dir() {
        return Err(LoadError::NotADirectory(dir.to_path_buf()));
    }
    let mut raw = RawGlossary::default();
    let mut diags = Vec::new();
    let meta_path = dir.join("glossary.yaml");
    if meta_path.is_file() {
        for (file, value) in register(&mut raw, &mut diags, parse_all(&[meta_path], 0, reader)?) {
            raw.glossary = Some(Loaded { file, value });
        }
    } else {
        diags.push(
            Diagnostic::new(
                Code::MissingGlossaryFile,
                format!("{} has no glossary.yaml", dir.display()),
            )
            .help("create glossary.yaml with title, languages, domains and authorities"),
        );
    }
    let paths = yaml_files(&dir.join("concepts"), &mut diags)?;
    let parsed = parse_all(&paths, raw.files.len(), reader)?;
    for (file, value) in register(&mut raw, &mut diags, parsed) {
        raw.concepts.push(Loaded { file, value });
    }
    let paths = yaml_files(&dir.join("sources"), &mut diags)?;
    let parsed = parse_all(&paths, raw.files.len(), reader)?;
    for (file, value) in register(&mut raw, &mut diags, parsed) {
        raw.sources.push(Loaded { file, value });
    }
    Ok((raw, diags))
}

/// One file read and parsed, not yet registered in [`Files`].
struct Parsed<T> {
    path: PathBuf,
    text: String,
    value: Option<T>,
    diags: Vec<Diagnostic>,
    /// Whether the quick reader parsed it.
    quick: bool,
}

/// Parses `paths` in parallel; the i-th file will be registered as `first_id + i`.
fn parse_all<T: DeserializeOwned + Send>(
    paths: &[PathBuf],
    first_id: FileId,
    reader: Reader,
) -> Result<Vec<Parsed<T>>, LoadError> {
    paths
        .par_iter()
        .enumerate()
        .map(|(i, path)| parse_file(path, first_id + i, reader))
        .collect()
}

/// Registers parsed files in order; returns the values that parsed, with their file ids.
fn register<T>(
    raw: &mut RawGlossary,
    diags: &mut Vec<Diagnostic>,
    parsed: Vec<Parsed<T>>,
) -> Vec<(FileId, T)> {
    let mut values = Vec::new();
    for p in parsed {
        let stem = file_stem(&p.path);
        let file = raw.files.add(p.path, p.text);
        raw.stems.push((file, stem));
        raw.quick_files += usize::from(p.quick);
        diags.extend(p.diags);
        values.extend(p.value.map(|v| (file, v)));
    }
    values
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The `.yaml` files of a folder in sorted order; other entries get a warning.
fn yaml_files(dir: &Path, diags: &mut Vec<Diagnostic>) -> Result<Vec<PathBuf>, LoadError> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let io = |source| LoadError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        // The entry's type needs no `stat`, except through a symbolic link.
        let is_file = match entry.file_type() {
            Ok(t) if !t.is_symlink() => t.is_file(),
            _ => path.is_file(),
        };
        if path.extension().is_some_and(|e| e == "yaml") && is_file {
            paths.push(path);
        } else if !is_hidden(&path) {
            diags.push(
                Diagnostic::new(
                    Code::StrayFile,
                    format!("{} is not a .yaml file and is ignored", path.display()),
                )
                .help("rename it to .yaml or move it out of the glossary folder"),
            );
        }
    }
    // The paths share their parent, so their bytes sort as `Path::cmp` would, and faster.
    paths.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
    Ok(paths)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// Reads and parses one file through the steps of the module doc.
fn parse_file<T: DeserializeOwned>(
    path: &Path,
    file: FileId,
    reader: Reader,
) -> Result<Parsed<T>, LoadError> {
    let mut diags = Vec::new();
    let text = match read_text(path, file, &mut diags)? {
        Ok(text) => text,
        Err(text) => {
            return Ok(Parsed {
                path: path.to_path_buf(),
                text,
                value: None,
                diags,
                quick: false,
            })
        }
    };
    // The typed pass refuses everything the scan does (its budget allows no anchors, one
    // document, the same depth), so the scan runs only to explain a failure: a syntax error
    // is then reported as itself, not as the type error it caused. Valid files parse once.
    let quick = match reader {
        Reader::Quick => quick_de::from_str::<T>(&text),
        Reader::SerdeSaphyr => None,
    };
    let read_quickly = quick.is_some();
    let value =
        quick.or_else(
            || match serde_saphyr::from_str_with_options::<T>(&text, options()) {
                Ok(value) => Some(value),
                Err(e) => {
                    diags.push(scan(&text, file).unwrap_or_else(|| typed_error(&e, file, &text)));
                    None
                }
            },
        );
    Ok(Parsed {
        path: path.to_path_buf(),
        text,
        value,
        diags,
        quick: read_quickly,
    })
}

/// Step 1: the file's text (a BOM removed); or, for a file that is not text, the text to
/// register for it.
fn read_text(
    path: &Path,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Result<Result<String, String>, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        diags.push(
            Diagnostic::new(
                Code::FileTooLarge,
                format!(
                    "{} is {size} bytes; the limit is {MAX_FILE_BYTES}",
                    path.display()
                ),
            )
            .at(Label::new(file, 0..0))
            .help("split the source into several files, or quote shorter passages"),
        );
        return Ok(Err(String::new()));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Ok(strip_bom(text, file, diags))),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let at = lossy.char_indices().nth(valid_chars(e.as_bytes(), valid));
            let start = at.map_or(lossy.len(), |(i, _)| i);
            diags.push(
                Diagnostic::new(Code::InvalidUtf8, "the file is not valid UTF-8")
                    .at(Label::new(file, start..start + 1).with_message("invalid byte here"))
                    .help("save the file as UTF-8"),
            );
            Ok(Err(lossy))
        }
    }
}

/// How many characters the valid prefix of `bytes` holds.
fn valid_chars(bytes: &[u8], valid_up_to: usize) -> usize {
    std::str::from_utf8(&bytes[..valid_up_to]).map_or(0, |s| s.chars().count())
}

fn strip_bom(text: String, file: FileId, diags: &mut Vec<Diagnostic>) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            diags.push(
                Diagnostic::new(
                    Code::ByteOrderMark,
                    "the file starts with a byte order mark",
                )
                .at(Label::new(file, 0..0))
                .help("save the file as UTF-8 without BOM"),
            );
            rest.to_string()
        }
        None => text,
    }
}

/// Step 3: walks the YAML events once; returns the first structural problem.
fn scan(text: &str, file: FileId) -> Option<Diagnostic> {
    let mut depth = 0usize;
    let mut documents = 0usize;
    let mut nodes = 0usize;
    for event in Parser::new_from_str(text) {
        let (event, span) = match event {
            Ok(pair) => pair,
            Err(e) => return Some(syntax_error(&e, file, text)),
        };
        let at = || {
            let start = offset_of(text, span.start.line(), span.start.col() + 1);
            let end = offset_of(text, span.end.line(), span.end.col() + 1);
            Label::new(file, start..end.max(start))
        };
        match event {
            Event::DocumentStart(..) => documents += 1,
            Event::Alias(_) | Event::UnresolvedAlias(_) => return Some(alias_error(at())),
            Event::Scalar(_, _, anchor, _) if anchor != 0 => return Some(anchor_error(at())),
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                if anchor != 0 {
                    return Some(anchor_error(at()));
                }
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(too_deep(at()));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
        if matches!(
            event,
            Event::Scalar(..) | Event::SequenceStart(..) | Event::MappingStart(..)
        ) {
            nodes += 1;
        }
        if documents > 1 {
            return Some(
                Diagnostic::new(Code::YamlSyntax, "a glossary file holds one YAML document")
                    .at(at().with_message("a second document starts here"))
                    .help("remove the `---` line, or move the second document to its own file"),
            );
        }
    }
    (nodes == 0).then(|| {
        Diagnostic::new(Code::EmptyFile, "the file is empty")
            .at(Label::new(file, 0..0))
            .help("write the entry, or delete the file (`shuyu new <id>` writes a skeleton)")
    })
}

fn syntax_error(e: &ScanError, file: FileId, text: &str) -> Diagnostic {
    let m = e.marker();
    let start = offset_of(text, m.line(), m.col() + 1);
    if e.info().contains("recursion limit") {
        return too_deep(Label::new(file, start..start));
    }
    let line_text = text[..start].rsplit('\n').next().unwrap_or_default();
    let mut d = Diagnostic::new(Code::YamlSyntax, format!("invalid YAML: {}", e.info()))
        .at(Label::new(file, start..start));
    if line_text.contains('\t') || text[start..].starts_with('\t') {
        d = d.help("YAML forbids tabs for indentation: indent with spaces");
    } else if e.info().contains("unclosed") || start >= text.trim_end().len() {
        d = d.help("the file ends too early: is it truncated?");
    }
    d
}

fn alias_error(label: Label) -> Diagnostic {
    Diagnostic::new(
        Code::AnchorOrAlias,
        "YAML aliases are not allowed in glossary files",
    )
    .at(label.with_message("alias"))
    .help("write the value out in full: entries are reviewed as written")
}

fn anchor_error(label: Label) -> Diagnostic {
    Diagnostic::new(
        Code::AnchorOrAlias,
        "YAML anchors are not allowed in glossary files",
    )
    .at(label.with_message("anchored value"))
    .help("remove the `&name` anchor and write values out in full")
}

fn too_deep(label: Label) -> Diagnostic {
    Diagnostic::new(
        Code::TooDeep,
        format!("the YAML nests deeper than {MAX_DEPTH} levels"),
    )
    .at(label.with_message("too deep here"))
    .help("a glossary entry needs at most six levels: check the indentation")
}

/// Budgets for the typed pass: no anchors or aliases, one document, at most [`MAX_DEPTH`].
pub(crate) fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_aliases = 0;
    budget.max_anchors = 0;
    budget.max_depth = MAX_DEPTH;
    budget.max_documents = 1;
    let mut options = Options::default();
    options.budget = Some(budget);
    options
}

/// Step 2's failure: a serde error as a diagnostic with our code and the value's position.
fn typed_error(e: &YamlError, file: FileId, text: &str) -> Diagnostic {
    let inner = e.without_snippet();
    let code = match inner {
        YamlError::SerdeUnknownField { .. } => Code::UnknownField,
        YamlError::SerdeMissingField { .. } => Code::MissingField,
        YamlError::DuplicateMappingKey { .. } => Code::DuplicateKey,
        _ => Code::WrongType,
    };
    let message = strip_location(&inner.to_string());
    let mut d = Diagnostic::new(code, message);
    if let Some(loc) = e.location() {
        d = d.at(label_in(file, text, &loc));
    }
    match code {
        Code::UnknownField => d.help("check the spelling; `shuyu schema` lists every field"),
        Code::MissingField => d.help("add the field; `shuyu new <id>` shows a complete entry"),
        _ => d,
    }
}

/// serde-saphyr appends " at line L, column C" to messages; we show the place ourselves.
fn strip_location(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The label for a located value of `file`.
pub fn label_at<T>(file: FileId, files: &Files, value: &Located<T>) -> Label {
    let len = files.text(file).len();
    let bytes = value.bytes();
    Label::new(file, bytes.start.min(len)..bytes.end.min(len))
}

fn label_in(file: FileId, text: &str, loc: &Location) -> Label {
    let span = loc.span();
    let start = match span.byte_offset() {
        Some(b) => b as usize,
        None => offset_of(text, loc.line() as usize, loc.column() as usize),
    };
    let len = span.byte_len().unwrap_or(0) as usize;
    let start = start.min(text.len());
    Label::new(file, start..(start + len).min(text.len()))
}
