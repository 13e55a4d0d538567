//! Load: read the glossary folder into raw types, with the position of every value.
//!
//! This module alone owns the YAML libraries (serde-saphyr and its parser, granit-parser).
//! Each file goes through these steps, and the first that fails yields one diagnostic:
//!
//! 1. read the bytes: refuse files over [`MAX_FILE_BYTES`] and invalid UTF-8, warn on a BOM;
//! 2. deserialize into the strict [`crate::raw`] types, under a budget that refuses anchors,
//!    aliases, a second document and deep nesting;
//! 3. only if that fails, scan the YAML events (the "generic node" pass) to find the first
//!    structural problem — a syntax error, an anchor or alias, nesting deeper than
//!    [`MAX_DEPTH`], a second document, an empty file — and report it as itself; otherwise
//!    report the type error: an unknown, missing or mistyped field.
//!
//! Files are read in sorted order, so diagnostics and everything downstream are deterministic.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_saphyr::granit_parser::{Event, Parser, ScanError};
use serde_saphyr::{Budget, Error as YamlError, Location, Options};

use crate::codes::Code;
use crate::diag::{Diagnostic, FileId, Files, Label};
use crate::raw::{RawConcept, RawGlossaryFile, RawSource};

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
}

impl RawGlossary {
    /// The file name without `.yaml` of a file, which the id must equal.
    pub fn stem(&self, file: FileId) -> Option<&str> {
        self.stems
            .iter()
            .find(|(f, _)| *f == file)
            .map(|(_, s)| s.as_str())
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
/// cannot be read at all is an error.
pub fn load(dir: &Path) -> Result<(RawGlossary, Vec<Diagnostic>), LoadError> {
    if !dir.is_dir() {
        return Err(LoadError::NotADirectory(dir.to_path_buf()));
    }
    let mut raw = RawGlossary::default();
    let mut diags = Vec::new();
    let meta_path = dir.join("glossary.yaml");
    if meta_path.is_file() {
        let (file, parsed) = read_yaml(&mut raw.files, &meta_path, &mut diags)?;
        raw.glossary = parsed.map(|value| Loaded { file, value });
    } else {
        diags.push(
            Diagnostic::new(
                Code::MissingGlossaryFile,
                format!("{} has no glossary.yaml", dir.display()),
            )
            .help("create glossary.yaml with title, languages, domains and authorities"),
        );
    }
    for path in yaml_files(&dir.join("concepts"), &mut diags)? {
        let (file, parsed) = read_yaml(&mut raw.files, &path, &mut diags)?;
        raw.stems.push((file, file_stem(&path)));
        raw.concepts
            .extend(parsed.map(|value| Loaded { file, value }));
    }
    for path in yaml_files(&dir.join("sources"), &mut diags)? {
        let (file, parsed) = read_yaml(&mut raw.files, &path, &mut diags)?;
        raw.stems.push((file, file_stem(&path)));
        raw.sources
            .extend(parsed.map(|value| Loaded { file, value }));
    }
    Ok((raw, diags))
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
        let path = entry.map_err(io)?.path();
        if path.extension().is_some_and(|e| e == "yaml") && path.is_file() {
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
    paths.sort();
    Ok(paths)
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

/// Reads one file through the three steps of the module doc.
fn read_yaml<T: DeserializeOwned>(
    files: &mut Files,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Result<(FileId, Option<T>), LoadError> {
    let (file, text) = match read_text(files, path, diags)? {
        Ok(text) => text,
        Err(file) => return Ok((file, None)),
    };
    // The typed pass refuses everything the scan does (its budget allows no anchors, one
    // document, the same depth), so the scan runs only to explain a failure: a syntax error
    // is then reported as itself, not as the type error it caused. Valid files parse once.
    match serde_saphyr::from_str_with_options::<T>(&text, options()) {
        Ok(value) => Ok((file, Some(value))),
        Err(e) => {
            diags.push(scan(&text, file, files).unwrap_or_else(|| typed_error(&e, file, files)));
            Ok((file, None))
        }
    }
}

/// Step 1: the file's text, registered in `files`; or the id of a file that is not text.
fn read_text(
    files: &mut Files,
    path: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Result<Result<(FileId, String), FileId>, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        let file = files.add(path.to_path_buf(), String::new());
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
        return Ok(Err(file));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Ok(strip_bom(files, path, text, diags))),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let at = lossy[..]
                .char_indices()
                .nth(valid_chars(e.as_bytes(), valid));
            let start = at.map_or(lossy.len(), |(i, _)| i);
            let file = files.add(path.to_path_buf(), lossy);
            diags.push(
                Diagnostic::new(Code::InvalidUtf8, "the file is not valid UTF-8")
                    .at(Label::new(file, start..start + 1).with_message("invalid byte here"))
                    .help("save the file as UTF-8"),
            );
            Ok(Err(file))
        }
    }
}

/// How many characters the valid prefix of `bytes` holds.
fn valid_chars(bytes: &[u8], valid_up_to: usize) -> usize {
    std::str::from_utf8(&bytes[..valid_up_to]).map_or(0, |s| s.chars().count())
}

fn strip_bom(
    files: &mut Files,
    path: &Path,
    text: String,
    diags: &mut Vec<Diagnostic>,
) -> (FileId, String) {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            let file = files.add(path.to_path_buf(), rest.to_string());
            diags.push(
                Diagnostic::new(
                    Code::ByteOrderMark,
                    "the file starts with a byte order mark",
                )
                .at(Label::new(file, 0..0))
                .help("save the file as UTF-8 without BOM"),
            );
            (file, rest.to_string())
        }
        None => (files.add(path.to_path_buf(), text.clone()), text),
    }
}

/// Step 2: walks the YAML events once; returns the first structural problem.
fn scan(text: &str, file: FileId, files: &Files) -> Option<Diagnostic> {
    let mut depth = 0usize;
    let mut documents = 0usize;
    let mut nodes = 0usize;
    for event in Parser::new_from_str(text) {
        let (event, span) = match event {
            Ok(pair) => pair,
            Err(e) => return Some(syntax_error(&e, file, files)),
        };
        let at = |files: &Files| {
            let start = files.offset_of(file, span.start.line(), span.start.col() + 1);
            let end = files.offset_of(file, span.end.line(), span.end.col() + 1);
            Label::new(file, start..end.max(start))
        };
        match event {
            Event::DocumentStart(..) => documents += 1,
            Event::Alias(_) | Event::UnresolvedAlias(_) => return Some(alias_error(at(files))),
            Event::Scalar(_, _, anchor, _) if anchor != 0 => return Some(anchor_error(at(files))),
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                if anchor != 0 {
                    return Some(anchor_error(at(files)));
                }
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(too_deep(at(files)));
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
                    .at(at(files).with_message("a second document starts here"))
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

fn syntax_error(e: &ScanError, file: FileId, files: &Files) -> Diagnostic {
    let m = e.marker();
    let start = files.offset_of(file, m.line(), m.col() + 1);
    let line_text = files.text(file)[..start]
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .to_string();
    if e.info().contains("recursion limit") {
        return too_deep(Label::new(file, start..start));
    }
    let mut d = Diagnostic::new(Code::YamlSyntax, format!("invalid YAML: {}", e.info()))
        .at(Label::new(file, start..start));
    if line_text.contains('\t') || files.text(file)[start..].starts_with('\t') {
        d = d.help("YAML forbids tabs for indentation: indent with spaces");
    } else if e.info().contains("unclosed") || start >= files.text(file).trim_end().len() {
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
fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_aliases = 0;
    budget.max_anchors = 0;
    budget.max_depth = MAX_DEPTH;
    budget.max_documents = 1;
    let mut options = Options::default();
    options.budget = Some(budget);
    options
}

/// Step 3: a serde error as a diagnostic with our code and the value's position.
fn typed_error(e: &YamlError, file: FileId, files: &Files) -> Diagnostic {
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
        d = d.at(label_at(file, files, &loc));
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

/// The label for a value whose position serde-saphyr recorded.
pub fn label_at(file: FileId, files: &Files, loc: &Location) -> Label {
    let span = loc.span();
    let start = match span.byte_offset() {
        Some(b) => b as usize,
        None => files.offset_of(file, loc.line() as usize, loc.column() as usize),
    };
    let len = span.byte_len().unwrap_or(0) as usize;
    let text_len = files.text(file).len();
    let start = start.min(text_len);
    Label::new(file, start..(start + len).min(text_len))
}
