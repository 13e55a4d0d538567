//! Readers for the files `shuyu check` takes, each turning a file into [`Segment`]s as it reads
//! (XML is streamed, so a 100 MB file is never held whole).
//!
//! - XLIFF 1.2 (`trans-unit`: `source`, `target`, `note`) and 2.0 (`unit`/`segment`, `notes`);
//! - TMX 1.4 (`tu` with a `tuv`/`seg` per language, `prop` and `note`);
//! - TSV and CSV (first column the source, second the target, or columns named by language
//!   in a header row);
//! - Markdown and plain text (monolingual: one segment per paragraph; Markdown code and URLs
//!   are blanked out first).
//!
//! Inline markup keeps its text (`<g>`, `<mrk>`, `<pc>`, `<hi>`); native code does not (`<ph>`,
//! `<bpt>`, `<ept>`, `<it>`, XLIFF 1.2's `<seg-source>`). A DOCTYPE is refused (no entity is ever
//! declared, so none is expanded and no external file is read); only the five predefined
//! entities and character references are resolved. UTF-8 with or without a BOM and UTF-16 with
//! a BOM are read.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use super::Segment;

/// The kinds of file `check` reads, by extension.
pub const FORMATS: &str = "xliff (.xlf, .xliff), tmx, tsv, csv, md (Markdown), txt";

/// A file that cannot be read as its format says, with the place of the problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ReadError {
    /// The line the problem was found on (XML: where the offending markup ends).
    pub line: usize,
    pub message: String,
}

impl ReadError {
    fn at(line: usize, message: impl Into<String>) -> Self {
        ReadError {
            line,
            message: message.into(),
        }
    }
}

/// The format of a file, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xliff,
    Tmx,
    Tsv,
    Csv,
    Markdown,
    Text,
}

impl Format {
    /// The format its extension names, if any.
    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "xlf" | "xliff" | "sdlxliff" | "mqxliff" => Format::Xliff,
            "tmx" => Format::Tmx,
            "tsv" | "tab" => Format::Tsv,
            "csv" => Format::Csv,
            "md" | "markdown" => Format::Markdown,
            "txt" | "text" => Format::Text,
            _ => return None,
        })
    }
}

/// What a file declares about its languages (XLIFF and TMX headers, a TSV header row).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Languages {
    pub source: Option<String>,
    pub target: Option<String>,
}

/// Reads `path` as `format`, calling `each` for every segment with the languages the file has
/// declared so far. An I/O error (the file is missing, unreadable) is the `Err` of the outer
/// result: the command cannot run; a malformed file is the inner `Err`, located in it.
pub fn read(
    path: &Path,
    format: Format,
    target: &str,
    each: &mut dyn FnMut(Segment, &Languages),
) -> std::io::Result<Result<(), ReadError>> {
    let mut file = BufReader::new(File::open(path)?);
    let head = file.fill_buf()?;
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        let Some(text) = decode_utf16(&bytes) else {
            return Ok(Err(ReadError::at(1, "invalid UTF-16")));
        };
        return Ok(read_from(text.as_bytes(), format, target, each));
    }
    if head.starts_with(b"\xEF\xBB\xBF") {
        file.consume(3);
    }
    Ok(read_from(file, format, target, each))
}

fn read_from(
    input: impl BufRead,
    format: Format,
    target: &str,
    each: &mut dyn FnMut(Segment, &Languages),
) -> Result<(), ReadError> {
    match format {
        Format::Xliff | Format::Tmx => Xml::new(target).read(input, each),
        Format::Tsv => table(input, b'\t', each),
        Format::Csv => table(input, b',', each),
        Format::Markdown => paragraphs(input, true, each),
        Format::Text => paragraphs(input, false, each),
    }
}

/// UTF-16 with a byte-order mark, as Windows tools write XML.
fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let little = bytes.starts_with(&[0xFF, 0xFE]);
    let units = bytes[2..].chunks(2).map(|c| {
        let pair = [c[0], *c.get(1).unwrap_or(&0)];
        if little {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
}

/// The concept ids named by `shuyu-ignore: <id>` markers in a text.
pub fn ignore_markers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("shuyu-ignore:") {
        rest = rest[at + "shuyu-ignore:".len()..].trim_start();
        let id: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if !id.is_empty() {
            out.push(id);
        }
    }
    out
}

/// A unit being read: its id, texts and notes.
#[derive(Debug, Default)]
struct Unit {
    id: Option<String>,
    /// A TMX `tu`'s own `srclang`, which wins over the header's.
    srclang: Option<String>,
    line: usize,
    /// (language or role, text) of each segment part read.
    parts: Vec<(String, String)>,
    notes: String,
}

/// The streaming XML reader shared by XLIFF and TMX.
struct Xml {
    target: String,
    languages: Languages,
    line: usize,
    /// Local names of the open elements.
    stack: Vec<String>,
    unit: Option<Unit>,
    /// What text goes into now: a part of the unit, a note, or nothing.
    sink: Sink,
    /// The `xml:lang` of the TMX `tuv` being read.
    tuv_lang: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sink {
    None,
    Part,
    Note,
}

/// Elements whose text is native code, not translatable text.
const CODE: &[&str] = &["ph", "bpt", "ept", "it", "seg-source", "sub"];

impl Xml {
    fn new(target: &str) -> Self {
        Xml {
            target: target.to_string(),
            languages: Languages::default(),
            line: 1,
            stack: Vec::new(),
            unit: None,
            sink: Sink::None,
            tuv_lang: None,
        }
    }

    fn read(
        mut self,
        input: impl BufRead,
        each: &mut dyn FnMut(Segment, &Languages),
    ) -> Result<(), ReadError> {
        let mut reader = quick_xml::Reader::from_reader(input);
        reader.config_mut().check_end_names = true;
        let mut buf = Vec::new();
        loop {
            let event = reader
                .read_event_into(&mut buf)
                .map_err(|e| ReadError::at(self.line, format!("malformed XML: {e}")))?;
            let newlines = memchr::memchr_iter(b'\n', event.as_bytes()).count();
            let done = matches!(event, Event::Eof);
            self.event(event, each)?;
            self.line += newlines;
            if done {
                break;
            }
            buf.clear();
        }
        if !self.stack.is_empty() {
            return Err(ReadError::at(self.line, "the file ends inside an element"));
        }
        Ok(())
    }

    fn event(
        &mut self,
        event: Event,
        each: &mut dyn FnMut(Segment, &Languages),
    ) -> Result<(), ReadError> {
        match event {
            // A DOCTYPE that only names an external DTD (translate-toolkit writes
            // `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`) is ignored, never fetched; one that declares
            // entities is refused: none is ever expanded.
            Event::DocType(t) if !t.contains("<!ENTITY") => Ok(()),
            Event::DocType(_) => Err(ReadError::at(
                self.line,
                "a DOCTYPE that declares entities is not accepted (entities are never expanded)",
            )),
            Event::Start(e) => {
                self.open(&e)?;
                self.stack.push(local(&e));
                Ok(())
            }
            Event::Empty(e) => self.open(&e),
            Event::End(_) => {
                let name = self.stack.pop().unwrap_or_default();
                self.close(&name, each);
                Ok(())
            }
            Event::Text(t) => {
                self.push_text(&t.xml10_content());
                Ok(())
            }
            Event::CData(t) => {
                self.push_text(&t);
                Ok(())
            }
            Event::GeneralRef(r) => {
                let c = self.entity(&r)?;
                self.push_text(c.encode_utf8(&mut [0; 4]));
                Ok(())
            }
            Event::Comment(t) => {
                if let Some(u) = self.unit.as_mut() {
                    u.notes.push_str(&t.xml10_content());
                    u.notes.push('\n');
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// The character an entity or character reference stands for.
    fn entity(&self, r: &quick_xml::events::BytesRef) -> Result<char, ReadError> {
        if let Ok(Some(c)) = r.resolve_char_ref() {
            return Ok(c);
        }
        match r.as_ref() {
            "amp" => Ok('&'),
            "lt" => Ok('<'),
            "gt" => Ok('>'),
            "quot" => Ok('"'),
            "apos" => Ok('\''),
            other => Err(ReadError::at(
                self.line,
                format!("unknown entity `&{other};`"),
            )),
        }
    }

    fn push_text(&mut self, text: &str) {
        if self.stack.iter().any(|n| CODE.contains(&n.as_str())) {
            return;
        }
        let Some(u) = self.unit.as_mut() else { return };
        match self.sink {
            Sink::Part => {
                if let Some((_, t)) = u.parts.last_mut() {
                    t.push_str(text);
                }
            }
            Sink::Note => u.notes.push_str(text),
            Sink::None => {}
        }
    }

    fn open(&mut self, e: &BytesStart) -> Result<(), ReadError> {
        let name = local(e);
        let attr = |key: &str| attribute(e, key);
        match name.as_str() {
            "file" | "xliff" | "header" => self.declare(
                attr("source-language")
                    .or(attr("srcLang"))
                    .or(attr("srclang")),
                attr("target-language").or(attr("trgLang")),
            ),
            "trans-unit" | "unit" | "tu" => {
                self.unit = Some(Unit {
                    id: attr("id").or(attr("tuid")),
                    srclang: attr("srclang").filter(|l| l != "*all*"),
                    line: self.line,
                    ..Unit::default()
                })
            }
            "tuv" => self.tuv_lang = attr("xml:lang").or(attr("lang")),
            "source" | "target" | "seg" if !self.in_code() => {
                let role = match name.as_str() {
                    "seg" => self.tuv_lang.clone().unwrap_or_default(),
                    other => other.to_string(),
                };
                if let Some(u) = self.unit.as_mut() {
                    u.parts.push((role, String::new()));
                }
                self.sink = Sink::Part;
            }
            "note" | "prop" => {
                self.sink = Sink::Note;
                if let (Some(u), Some(t)) = (self.unit.as_mut(), attr("type")) {
                    if t == "x-shuyu-ignore" {
                        u.notes.push_str("shuyu-ignore: ");
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn in_code(&self) -> bool {
        self.stack.iter().any(|n| CODE.contains(&n.as_str()))
    }

    fn declare(&mut self, source: Option<String>, target: Option<String>) {
        if source.is_some() {
            self.languages.source = source;
        }
        if target.is_some() {
            self.languages.target = target;
        }
    }

    fn close(&mut self, name: &str, each: &mut dyn FnMut(Segment, &Languages)) {
        match name {
            "source" | "target" | "seg" | "note" | "prop" => {
                if name == "note" || name == "prop" {
                    if let Some(u) = self.unit.as_mut() {
                        u.notes.push('\n');
                    }
                }
                self.sink = Sink::None;
            }
            "trans-unit" | "unit" | "tu" => {
                if let Some(u) = self.unit.take() {
                    self.emit(u, each);
                }
            }
            _ => {}
        }
    }

    /// The unit's segments: source/target pairs in order (XLIFF), or the source-language and
    /// target-language `tuv`s (TMX).
    fn emit(&self, u: Unit, each: &mut dyn FnMut(Segment, &Languages)) {
        let ignore = ignore_markers(&u.notes);
        let mut languages = self.languages.clone();
        if u.srclang.is_some() {
            languages.source = u.srclang.clone();
        }
        let source_lang = languages.source.clone().unwrap_or_else(|| "zh".into());
        let is = |role: &str, lang: &str| {
            role == lang
                || role.starts_with(&format!("{lang}-"))
                || lang.starts_with(&format!("{role}-"))
        };
        // A TMX header names only the source language: the target is the other `tuv`'s.
        if languages.target.is_none() && self.target.is_empty() {
            languages.target = u
                .parts
                .iter()
                .map(|(role, _)| role)
                .find(|r| {
                    !matches!(r.as_str(), "source" | "target")
                        && !is(r, &source_lang)
                        && !r.starts_with("zh")
                })
                .cloned();
        }
        let target_lang = languages
            .target
            .clone()
            .unwrap_or_else(|| self.target.clone());
        let mut source: Option<String> = None;
        let mut pairs: Vec<(String, String)> = Vec::new();
        for (role, text) in u.parts {
            if role == "source"
                || is(&role, &source_lang)
                || (role.starts_with("zh") && source.is_none())
            {
                if let Some(s) = source.replace(text) {
                    pairs.push((s, String::new()));
                }
            } else if role == "target" || is(&role, &target_lang) {
                pairs.push((source.take().unwrap_or_default(), text));
            }
        }
        if let Some(s) = source {
            pairs.push((s, String::new()));
        }
        for (s, t) in pairs {
            let mut ignore = ignore.clone();
            ignore.extend(ignore_markers(&t));
            each(
                Segment {
                    id: u.id.clone(),
                    line: u.line,
                    source: Some(s),
                    target: t,
                    ignore,
                },
                &languages,
            );
        }
    }
}

/// An element's local name (without prefix).
fn local(e: &BytesStart) -> String {
    e.local_name().as_ref().to_string()
}

/// An attribute's value by its full name, entities resolved.
fn attribute(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// TSV or CSV: a row per segment; a header row naming languages says which column is which.
fn table(
    input: impl BufRead,
    delimiter: u8,
    each: &mut dyn FnMut(Segment, &Languages),
) -> Result<(), ReadError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .quoting(delimiter == b',')
        .from_reader(input);
    let mut columns = (0, 1);
    let mut languages = Languages::default();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            ReadError::at(
                line,
                format!("not valid UTF-8 text or a malformed row: {e}"),
            )
        })?;
        let line = record.position().map_or(i + 1, |p| p.line() as usize);
        if i == 0 {
            if let Some((cols, langs)) = header(&record) {
                columns = cols;
                languages = langs;
                continue;
            }
        }
        let cell = |n: usize| record.get(n).unwrap_or_default().to_string();
        let rest: String = record
            .iter()
            .enumerate()
            .filter(|(n, _)| *n != columns.0 && *n != columns.1)
            .map(|(_, c)| c)
            .collect::<Vec<_>>()
            .join(" ");
        let target = cell(columns.1);
        let mut ignore = ignore_markers(&rest);
        ignore.extend(ignore_markers(&target));
        each(
            Segment {
                id: None,
                line,
                source: Some(cell(columns.0)),
                target,
                ignore,
            },
            &languages,
        );
    }
    Ok(())
}

/// A header row: cells naming languages (`zh`, `en-US`) or roles (`source`, `target`). Other
/// columns (an id, an attribution) may come first: `id, source, zh, en` is read as zh → en, a
/// Chinese column naming the source before a `source` column does.
fn header(record: &csv::StringRecord) -> Option<((usize, usize), Languages)> {
    let cells: Vec<String> = record
        .iter()
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    let is_lang = |c: &str| {
        let base = c.split(['-', '_']).next().unwrap_or_default();
        base.len() == 2 && base.chars().all(|ch| ch.is_ascii_lowercase())
    };
    let named = |c: &String| is_lang(c) || c == "source" || c == "target";
    if cells.len() < 2 || cells.iter().filter(|c| named(c)).count() < 2 {
        return None;
    }
    let source = cells
        .iter()
        .position(|c| c.starts_with("zh"))
        .or_else(|| cells.iter().position(|c| c == "source"))
        .or_else(|| cells.iter().position(named))?;
    let target = cells
        .iter()
        .position(|c| c == "target")
        .or_else(|| (source + 1..cells.len()).find(|&i| is_lang(&cells[i])))
        .or_else(|| (0..cells.len()).find(|&i| i != source && named(&cells[i])))?;
    let lang = |c: &String| is_lang(c).then(|| c.clone());
    Some((
        (source, target),
        Languages {
            source: lang(&cells[source]),
            target: lang(&cells[target]),
        },
    ))
}

/// Monolingual text: a segment per paragraph (blank-line separated), with Markdown's fenced
/// code, inline code and URLs blanked out.
fn paragraphs(
    mut input: impl BufRead,
    markdown: bool,
    each: &mut dyn FnMut(Segment, &Languages),
) -> Result<(), ReadError> {
    let languages = Languages::default();
    let mut para = String::new();
    let (mut start, mut line_no, mut fenced) = (0, 0, false);
    let mut line = String::new();
    let mut flush = |para: &mut String, start: usize| {
        if !para.trim().is_empty() {
            each(
                Segment {
                    id: None,
                    line: start,
                    source: None,
                    ignore: ignore_markers(para),
                    target: std::mem::take(para),
                },
                &languages,
            );
        }
        para.clear();
    };
    loop {
        line.clear();
        let n = input
            .read_line(&mut line)
            .map_err(|_| ReadError::at(line_no + 1, "not valid UTF-8 text"))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let trimmed = line.trim_start();
        if markdown && (trimmed.starts_with("```") || trimmed.starts_with("~~~")) {
            fenced = !fenced;
            flush(&mut para, start);
            continue;
        }
        if fenced || line.trim().is_empty() {
            flush(&mut para, start);
            continue;
        }
        if para.is_empty() {
            start = line_no;
        }
        para.push_str(&if markdown {
            blank_code_and_urls(&line)
        } else {
            line.clone()
        });
    }
    flush(&mut para, start);
    Ok(())
}

/// Markdown inline code spans and URLs replaced by spaces, so no term is found in them.
fn blank_code_and_urls(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '`' {
            in_code = !in_code;
            out.push(' ');
            continue;
        }
        let rest = &line[i..];
        if !in_code && (rest.starts_with("http://") || rest.starts_with("https://")) {
            let len = rest
                .find(|ch: char| ch.is_whitespace() || ch == ')' || ch == '>')
                .unwrap_or(rest.len());
            out.push_str(&" ".repeat(len));
            while chars.peek().is_some_and(|(j, _)| *j < i + len) {
                chars.next();
            }
            continue;
        }
        out.push(if in_code { ' ' } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(text: &str, format: Format) -> Result<Vec<(Segment, Languages)>, ReadError> {
        let mut out = Vec::new();
        read_from(text.as_bytes(), format, "en", &mut |s, l| {
            out.push((s, l.clone()))
        })?;
        Ok(out)
    }

    #[test]
    fn xliff_1_2_units_with_inline_code_and_notes() {
        let x = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2"><file source-language="zh-CN" target-language="en-US" datatype="plaintext" original="a">
<body>
<trans-unit id="1"><source>社会<ph id="1">&lt;b&gt;</ph>工作</source><target>social <g id="2">work</g> &amp; more</target>
<note>shuyu-ignore: society-work</note></trans-unit>
<trans-unit id="2"><source><![CDATA[两企三新]]></source><target>x</target></trans-unit>
</body></file></xliff>"#;
        let segs = segments(x, Format::Xliff).unwrap();
        assert_eq!(segs.len(), 2);
        let (s, langs) = &segs[0];
        assert_eq!(s.source.as_deref(), Some("社会工作"));
        assert_eq!(s.target, "social work & more");
        assert_eq!((s.id.as_deref(), s.line), (Some("1"), 4));
        assert_eq!(s.ignore, ["society-work"]);
        assert_eq!(langs.target.as_deref(), Some("en-US"));
        assert_eq!(segs[1].0.source.as_deref(), Some("两企三新"));
    }

    #[test]
    fn xliff_2_0_segments_and_tmx_variants() {
        let x = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="fr">
<file id="f"><unit id="u1"><notes><note>shuyu-ignore: a-b</note></notes>
<segment><source>一<pc id="1">二</pc><ph id="2"/></source><target>un <mrk id="m">deux</mrk></target></segment>
<segment><source>三</source><target>trois</target></segment></unit></file></xliff>"#;
        let segs = segments(x, Format::Xliff).unwrap();
        assert_eq!(segs.len(), 2);
        assert_eq!(
            (segs[0].0.source.as_deref(), segs[0].0.target.as_str()),
            (Some("一二"), "un deux")
        );
        assert_eq!(segs[1].0.ignore, ["a-b"]);
        let t = r#"<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>
<tu tuid="7"><prop type="x-shuyu-ignore">fengqiao-experience</prop><tuv xml:lang="zh-CN"><seg>枫桥<bpt i="1">&lt;i&gt;</bpt>经验<ept i="1">&lt;/i&gt;</ept></seg></tuv><tuv xml:lang="en-GB"><seg>Fengqiao Experience</seg></tuv></tu>
</body></tmx>"#;
        let segs = segments(t, Format::Tmx).unwrap();
        assert_eq!(segs.len(), 1);
        assert_eq!(segs[0].0.source.as_deref(), Some("枫桥经验"));
        assert_eq!(segs[0].0.target, "Fengqiao Experience");
        assert_eq!(segs[0].0.ignore, ["fengqiao-experience"]);
    }

    #[test]
    fn entities_are_refused_and_malformed_xml_is_located() {
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"aaaa\">]>\n<x>&a;</x>";
        let e = segments(bomb, Format::Xliff).unwrap_err();
        assert!(e.message.contains("DOCTYPE"), "{e}");
        let external = "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\"><body/></tmx>";
        assert!(segments(external, Format::Tmx).unwrap().is_empty());
        let e = segments("<xliff>\n<file>\n<unit></file></xliff>", Format::Xliff).unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        let e = segments("<x>&nbsp;</x>", Format::Xliff).unwrap_err();
        assert!(e.message.contains("unknown entity"), "{e}");
        assert!(segments("<xliff><file>", Format::Xliff).is_err());
    }

    #[test]
    fn tables_with_and_without_a_header() {
        let segs = segments("zh\ten\n社会工作\tsocial work\n", Format::Tsv).unwrap();
        assert_eq!(segs.len(), 1);
        assert_eq!(
            (segs[0].0.line, segs[0].1.target.as_deref()),
            (2, Some("en"))
        );
        let segs = segments(
            "\"社会工作\",\"social, work\",shuyu-ignore: x\n",
            Format::Csv,
        )
        .unwrap();
        assert_eq!(segs[0].0.target, "social, work");
        assert_eq!(segs[0].0.ignore, ["x"]);
        // The shared corpus's layout: an id and an attribution column before the languages.
        let segs = segments(
            "id\tsource\tzh\ten\nen1\thttp://x (shuyu-ignore: y)\t社会工作\tsocial work\n",
            Format::Tsv,
        )
        .unwrap();
        let (seg, langs) = &segs[0];
        assert_eq!(seg.source.as_deref(), Some("社会工作"));
        assert_eq!(seg.target, "social work");
        assert_eq!(seg.ignore, ["y"]);
        assert_eq!(
            (langs.source.as_deref(), langs.target.as_deref()),
            (Some("zh"), Some("en"))
        );
        let segs = segments("en\tzh\nsocial work\t社会工作\n", Format::Tsv).unwrap();
        assert_eq!(segs[0].0.source.as_deref(), Some("社会工作"));
    }

    #[test]
    fn markdown_paragraphs_skip_code_and_urls() {
        let md = "Intro line\nsame para `Central Social Work Department`\n\n```\ncode here\n```\n\nSee https://x.org/Central_Social and more.\n";
        let segs = segments(md, Format::Markdown).unwrap();
        assert_eq!(segs.len(), 2);
        assert_eq!(segs[0].0.line, 1);
        assert!(!segs[0].0.target.contains("Central"));
        assert_eq!(segs[1].0.line, 8);
        assert!(!segs[1].0.target.contains("x.org"));
    }

    #[test]
    fn utf16_is_decoded() {
        let text = "<x>社</x>";
        let mut bytes = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(decode_utf16(&bytes).unwrap(), text);
    }
}
