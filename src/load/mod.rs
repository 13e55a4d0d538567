//! Load: read the glossary folder into raw types, with the position of every value.
//!
//! This module alone owns the YAML libraries (serde-saphyr and its parser, granit-parser) and
//! its own quick reader. Each file goes through these steps, and the first that fails yields
//! one diagnostic:
//!
//! 1. read the bytes ([`read_bytes`]): a glossary may come from a stranger's pull request, so
//!    a symbolic link (file or folder), a pipe or a device is refused unread and unopened, a
//!    file is opened once without following links or blocking, and at most
//!    [`MAX_FILE_BYTES`] + 1 bytes are read whatever size it claims; then refuse UTF-16,
//!    invalid UTF-8 and NUL bytes, warn on a BOM;
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
//!
//! The budget of a file, which keeps a run to a few seconds per MB whatever the input: at most
//! [`MAX_FILE_BYTES`], nesting at most [`MAX_DEPTH`], no anchors or aliases, one document; the
//! quick reader and the diagnostics work in linear time (hash sets for keys, a line index per
//! file), and the human format prints at most [`crate::diag::HUMAN_LIMIT_PER_FILE`] diagnostics
//! a file.

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
pub mod raw;
mod recover;

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
    #[error("cannot read {path}")]
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
    // Whatever stands there is read, or refused with a diagnostic (a link, a pipe): only a
    // missing name means a missing file.
    if std::fs::symlink_metadata(&meta_path).is_ok() {
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

/// The `.yaml` files of a folder in sorted order; other entries get a warning. Links are
/// not followed: a linked folder is refused whole, and a `.yaml` entry that is not a regular
/// file is listed so that reading it refuses it with a located diagnostic.
fn yaml_files(dir: &Path, diags: &mut Vec<Diagnostic>) -> Result<Vec<PathBuf>, LoadError> {
    let io = |source| LoadError::Io {
        path: dir.to_path_buf(),
        source,
    };
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(e)),
        Ok(m) if m.file_type().is_symlink() => {
            diags.push(linked_folder(dir));
            return Ok(Vec::new());
        }
        Ok(_) => {}
    }
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let path = entry.path();
        // The entry's type as listed: a link is not followed to learn what it points to.
        let is_dir = entry.file_type().map_err(io)?.is_dir();
        if path.extension().is_some_and(|e| e == "yaml") && !is_dir {
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

/// `concepts/` or `sources/` is a symbolic link: it is not read, wherever it leads.
fn linked_folder(dir: &Path) -> Diagnostic {
    Diagnostic::new(
        Code::NotARegularFile,
        format!(
            "{} is a symbolic link; the glossary's folders are not read through links",
            dir.display()
        ),
    )
    .help("replace the link with the folder itself")
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
                    let (value, found) = explain_failure(&e, &text, file);
                    diags.extend(found);
                    value
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

/// Step 3: why the typed parse failed: a structural problem, else every problem that
/// recovery ([`recover`]) finds, with what it could read; serde-saphyr's own error only if
/// recovery finds none.
fn explain_failure<T: DeserializeOwned>(
    e: &YamlError,
    text: &str,
    file: FileId,
) -> (Option<T>, Vec<Diagnostic>) {
    if let Some(d) = scan(text, file) {
        return (None, vec![d]);
    }
    match recover::recover(text, file) {
        (_, found) if found.is_empty() => (None, vec![typed_error(e, file, text)]),
        recovered => recovered,
    }
}

/// Step 1: the file's text (a BOM removed); or, for a file that is refused or is not text,
/// the text to register for it.
fn read_text(
    path: &Path,
    file: FileId,
    diags: &mut Vec<Diagnostic>,
) -> Result<Result<String, String>, LoadError> {
    match read_bytes(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })? {
        Ok(bytes) => Ok(decode(bytes, file, diags)),
        Err(refusal) => {
            diags.push(refusal.diagnostic(path, file));
            Ok(Err(String::new()))
        }
    }
}

/// Why a file was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A symbolic link: where it leads is never opened, so no file of the machine can be
    /// quoted in a diagnostic through a glossary.
    Link,
    /// A named pipe, socket, device or folder, which could block or never end.
    NotRegular(&'static str),
    /// Over [`MAX_FILE_BYTES`]: its size, if the file told it (files of /proc say 0).
    TooLarge(Option<u64>),
}

impl Refusal {
    /// The diagnostic, located at the start of the file (registered empty: nothing of the
    /// file is quoted).
    fn diagnostic(self, path: &Path, file: FileId) -> Diagnostic {
        let at = Label::new(file, 0..0);
        let shown = path.display();
        match self {
            Refusal::Link => Diagnostic::new(
                Code::NotARegularFile,
                format!("{shown} is a symbolic link; glossary files are not read through links"),
            )
            .at(at.with_message("not followed"))
            .help("replace the link with the file itself"),
            Refusal::NotRegular(kind) => Diagnostic::new(
                Code::NotARegularFile,
                format!("{shown} is {kind}, not a regular file"),
            )
            .at(at.with_message("not read"))
            .help("glossary files are plain text files: remove it or replace it with one"),
            Refusal::TooLarge(size) => {
                let size = size.map_or_else(
                    || format!("more than {MAX_FILE_BYTES} bytes"),
                    |n| format!("{n} bytes"),
                );
                Diagnostic::new(
                    Code::FileTooLarge,
                    format!("{shown} is {size}; the limit is {MAX_FILE_BYTES}"),
                )
                .at(at)
                .help("split the source into several files, or quote shorter passages")
            }
        }
    }
}

/// The bytes of a glossary file, read safely whatever stands at `path`: a link is refused
/// unopened; the file is opened once, without following a link and without blocking (a pipe
/// put there after the check), and its type and size come from the open handle; at most
/// [`MAX_FILE_BYTES`] + 1 bytes are read, so a file that misstates its size (those of /proc
/// say 0) is bounded too. `Err` only where the file cannot be read at all.
pub fn read_bytes(path: &Path) -> std::io::Result<Result<Vec<u8>, Refusal>> {
    use std::io::Read;
    // The type before opening: opening a named pipe could block; a link is not followed.
    let listed = std::fs::symlink_metadata(path)?.file_type();
    if let Some(refusal) = refuse_type(listed) {
        return Ok(Err(refusal));
    }
    let handle = match open_no_follow(path) {
        Ok(handle) => handle,
        // Replaced by a link since the check: O_NOFOLLOW refuses it with ELOOP.
        Err(e) if is_link_error(&e) => return Ok(Err(Refusal::Link)),
        Err(e) => return Err(e),
    };
    let meta = handle.metadata()?;
    if let Some(refusal) = refuse_type(meta.file_type()) {
        return Ok(Err(refusal));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Ok(Err(Refusal::TooLarge(Some(meta.len()))));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    handle.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Ok(Err(Refusal::TooLarge(None)));
    }
    Ok(Ok(bytes))
}

/// Why a file of this type is not read, if it is not a regular file.
fn refuse_type(t: std::fs::FileType) -> Option<Refusal> {
    #[cfg(unix)]
    use std::os::unix::fs::FileTypeExt;
    if t.is_file() {
        return None;
    }
    if t.is_symlink() {
        return Some(Refusal::Link);
    }
    #[cfg(unix)]
    {
        if t.is_fifo() {
            return Some(Refusal::NotRegular("a named pipe"));
        }
        if t.is_socket() {
            return Some(Refusal::NotRegular("a socket"));
        }
        if t.is_block_device() || t.is_char_device() {
            return Some(Refusal::NotRegular("a device"));
        }
    }
    Some(Refusal::NotRegular(if t.is_dir() {
        "a folder"
    } else {
        "a special file"
    }))
}

/// Opens `path` for reading without following a final symbolic link and without blocking.
#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// The error of opening a symbolic link with `O_NOFOLLOW`.
fn is_link_error(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// The text of a file's bytes; for bytes that are not UTF-8, a diagnostic at the first bad
/// byte and the text to register for it.
fn decode(bytes: Vec<u8>, file: FileId, diags: &mut Vec<Diagnostic>) -> Result<String, String> {
    if let Some(d) = utf16(&bytes, file) {
        diags.push(d);
        return Err(String::new());
    }
    match String::from_utf8(bytes) {
        Ok(text) if text.contains('\0') => {
            diags.push(nul_byte(&text, file));
            Err(text.replace('\0', "\u{FFFD}"))
        }
        Ok(text) => Ok(strip_bom(text, file, diags)),
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
            Err(lossy)
        }
    }
}

/// A NUL byte, which YAML does not allow: the mark of a binary file. Located in the text as
/// registered, where the NUL became a replacement character (a terminal shows no NUL).
fn nul_byte(text: &str, file: FileId) -> Diagnostic {
    let at = text.find('\0').unwrap_or(0);
    Diagnostic::new(
        Code::YamlSyntax,
        "the file holds a NUL byte, which YAML does not allow",
    )
    .at(Label::new(file, at..at + '\u{FFFD}'.len_utf8()).with_message("NUL byte here"))
    .help("is it a binary file? glossary files are UTF-8 text")
}

/// A file that starts with a UTF-16 byte order mark: said as such, rather than as invalid
/// UTF-8 quoted from a text of replacement characters.
fn utf16(bytes: &[u8], file: FileId) -> Option<Diagnostic> {
    let order = match bytes {
        [0xFF, 0xFE, ..] => "little-endian",
        [0xFE, 0xFF, ..] => "big-endian",
        _ => return None,
    };
    Some(
        Diagnostic::new(
            Code::InvalidUtf8,
            format!("the file is UTF-16 ({order}), not UTF-8"),
        )
        .at(Label::new(file, 0..0).with_message("UTF-16 byte order mark"))
        .help("save the file as UTF-8"),
    )
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
