//! The JSON export: the whole validated glossary (every field of every concept and source),
//! with what linking derived: each concept's occurrences in the sources, its renderings in
//! the wild, and the alignments of translated passages. [`schema`] is its JSON Schema
//! (draft-07), committed as `glossary/schema/export.schema.json`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::link::Linked;
use crate::model::{self, Glossary, Lang, Status, TermType};
use crate::scan::{first_special, Specials};

/// The format's version: raised when a field changes meaning or goes away.
pub const VERSION: u32 = 1;

/// The export of a shuyu glossary.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Export<'a> {
    /// Always `shuyu-export`.
    pub format: &'a str,
    /// The version of this format.
    pub version: u32,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub site_url: Option<&'a str>,
    /// The exported languages, source language first.
    pub languages: &'a [Lang],
    /// Domain slug → label.
    pub domains: &'a BTreeMap<String, String>,
    /// Authority slug → what it means.
    pub authorities: &'a BTreeMap<String, String>,
    /// Concepts, by id.
    pub concepts: Vec<Concept<'a>>,
    /// Source documents, by id.
    pub sources: Vec<Source<'a>>,
    /// For each concept linked in an original passage, what each aligned translation used.
    pub alignments: Vec<Alignment<'a>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Concept<'a> {
    pub id: &'a str,
    pub domains: &'a [String],
    /// Terms by language, in the entry's order.
    pub terms: BTreeMap<&'a str, Vec<Term<'a>>>,
    /// Markdown by language.
    pub definition: BTreeMap<&'a str, &'a str>,
    /// Markdown by language.
    pub notes: BTreeMap<&'a str, &'a str>,
    pub relations: Relations<'a>,
    pub senses: Option<Senses<'a>>,
    pub history: Vec<Event<'a>>,
    pub citations: Vec<Citation<'a>>,
    /// Renderings in the wild by language: how many source passages use each term.
    pub wild: BTreeMap<&'a str, WildLang<'a>>,
    /// Every place in the sources where a term of this concept occurs (or may: `ambiguous`).
    pub occurrences: Vec<Occurrence<'a>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Term<'a> {
    pub term: &'a str,
    pub status: Status,
    #[serde(rename = "type")]
    pub term_type: Option<TermType>,
    pub pinyin: Option<&'a str>,
    pub traditional: Option<&'a str>,
    pub authority: Option<&'a str>,
    /// `source#passage` references.
    pub attested: Vec<String>,
    pub note: Option<&'a str>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Relations<'a> {
    pub broader: &'a [String],
    pub narrower: &'a [String],
    pub related: &'a [String],
    pub contrast: &'a [String],
    pub components: &'a [String],
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Senses<'a> {
    pub homonyms: &'a [String],
    pub cues: &'a [String],
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Event<'a> {
    pub date: &'a str,
    pub event: &'a str,
    pub source: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Citation<'a> {
    #[serde(rename = "ref")]
    pub reference: String,
    pub quote: Option<&'a str>,
    pub note: Option<&'a str>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct WildLang<'a> {
    /// Most used first.
    pub renderings: Vec<WildRendering<'a>>,
    /// Aligned translated passages that used none of the renderings.
    pub unmatched: usize,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct WildRendering<'a> {
    pub term: &'a str,
    pub status: Status,
    pub passages: usize,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Occurrence<'a> {
    pub source: &'a str,
    pub passage: &'a str,
    pub lang: &'a str,
    /// Byte offsets into the passage text.
    pub start: usize,
    pub end: usize,
    /// The term as the entry writes it.
    pub term: &'a str,
    /// The term's status in this concept.
    pub status: Option<Status>,
    /// True when the term is shared with another concept and the context did not decide.
    pub ambiguous: bool,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Source<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub author: Option<&'a str>,
    pub publisher: &'a str,
    pub date: &'a str,
    pub lang: &'a str,
    pub kind: &'a str,
    pub url: Option<&'a str>,
    pub translation_of: Option<&'a str>,
    pub note: Option<&'a str>,
    pub passages: Vec<Passage<'a>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Passage<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub locator: Option<&'a str>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Alignment<'a> {
    pub concept: &'a str,
    /// The original source and the translation, aligned by passage id.
    pub original: &'a str,
    pub translation: &'a str,
    pub passage: &'a str,
    pub lang: &'a str,
    /// The renderings the translation used; empty when none was found.
    pub renderings: Vec<Rendering<'a>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Rendering<'a> {
    pub term: &'a str,
    pub status: Option<Status>,
}

/// Builds the export of `glossary` in `langs`, borrowing its text (the export is as large as
/// the glossary with its links: copying it all would double the memory it takes).
pub fn build<'a>(glossary: &'a Glossary, linked: &'a Linked, langs: &'a [Lang]) -> Export<'a> {
    let keep = |lang: &str| langs.iter().any(|l| l == lang);
    let mut occurrences: BTreeMap<&str, Vec<Occurrence>> = BTreeMap::new();
    for p in &linked.links.passages {
        for o in &p.occurrences {
            for c in &o.concepts {
                occurrences.entry(c.as_str()).or_default().push(Occurrence {
                    source: &p.source,
                    passage: &p.passage,
                    lang: &p.lang,
                    start: o.start,
                    end: o.end,
                    term: &o.term,
                    status: o.status,
                    ambiguous: o.ambiguous,
                });
            }
        }
    }
    let concepts = glossary
        .concepts
        .values()
        .map(|c| Concept {
            id: &c.id,
            domains: &c.domains,
            terms: c
                .terms
                .iter()
                .filter(|(l, _)| keep(l))
                .map(|(l, ts)| (l.as_str(), ts.iter().map(term).collect()))
                .collect(),
            definition: filter(&c.definition, keep),
            notes: filter(&c.notes, keep),
            relations: Relations {
                broader: &c.relations.broader,
                narrower: &c.relations.narrower,
                related: &c.relations.related,
                contrast: &c.relations.contrast,
                components: &c.relations.components,
            },
            senses: c.senses.as_ref().map(|s| Senses {
                homonyms: &s.homonyms,
                cues: &s.cues,
            }),
            history: c
                .history
                .iter()
                .map(|e| Event {
                    date: &e.date,
                    event: &e.event,
                    source: e.source.as_ref().map(ToString::to_string),
                })
                .collect(),
            citations: c
                .citations
                .iter()
                .map(|x| Citation {
                    reference: x.passage.to_string(),
                    quote: x.quote.as_deref(),
                    note: x.note.as_deref(),
                })
                .collect(),
            wild: linked
                .wild
                .get(&c.id)
                .map(|by_lang| {
                    by_lang
                        .iter()
                        .filter(|(l, _)| keep(l))
                        .map(|(l, w)| (l.as_str(), wild(w)))
                        .collect()
                })
                .unwrap_or_default(),
            occurrences: occurrences
                .remove(c.id.as_str())
                .unwrap_or_default()
                .into_iter()
                .filter(|o| keep(o.lang))
                .collect(),
        })
        .collect();
    Export {
        format: "shuyu-export",
        version: VERSION,
        title: &glossary.title,
        description: glossary.description.as_deref(),
        site_url: glossary.site_url.as_deref(),
        languages: langs,
        domains: &glossary.domains,
        authorities: &glossary.authorities,
        concepts,
        sources: glossary.sources.values().map(source).collect(),
        alignments: linked
            .alignments
            .iter()
            .filter(|a| keep(&a.lang))
            .map(alignment)
            .collect(),
    }
}

fn term(t: &model::Term) -> Term<'_> {
    Term {
        term: &t.text,
        status: t.status,
        term_type: t.term_type,
        pinyin: t.pinyin.as_deref(),
        traditional: t.traditional.as_deref(),
        authority: t.authority.as_deref(),
        attested: t.attested.iter().map(ToString::to_string).collect(),
        note: t.note.as_deref(),
    }
}

fn wild(w: &crate::link::wild::WildLang) -> WildLang<'_> {
    WildLang {
        renderings: w
            .renderings
            .iter()
            .map(|r| WildRendering {
                term: &r.term,
                status: r.status,
                passages: r.passages,
            })
            .collect(),
        unmatched: w.unmatched,
    }
}

fn source(s: &model::Source) -> Source<'_> {
    Source {
        id: &s.id,
        title: &s.title,
        author: s.author.as_deref(),
        publisher: &s.publisher,
        date: &s.date,
        lang: &s.lang,
        kind: &s.kind,
        url: s.url.as_deref(),
        translation_of: s.translation_of.as_deref(),
        note: s.note.as_deref(),
        passages: s
            .passages
            .iter()
            .map(|p| Passage {
                id: &p.id,
                text: &p.text,
                locator: p.locator.as_deref(),
            })
            .collect(),
    }
}

fn alignment(a: &crate::link::Alignment) -> Alignment<'_> {
    Alignment {
        concept: &a.concept,
        original: &a.original,
        translation: &a.translation,
        passage: &a.passage,
        lang: &a.lang,
        renderings: a
            .renderings
            .iter()
            .map(|r| Rendering {
                term: &r.term,
                status: r.status,
            })
            .collect(),
    }
}

fn filter(map: &BTreeMap<Lang, String>, keep: impl Fn(&str) -> bool) -> BTreeMap<&str, &str> {
    map.iter()
        .filter(|(l, _)| keep(l))
        .map(|(l, s)| (l.as_str(), s.as_str()))
        .collect()
}

/// The export as compact JSON on one line, ending in a newline, written as it is serialised.
/// It is read by programs (`jq .` shows it indented); indented, it would be half as large
/// again (78 MB instead of 53 MB at 10,000 concepts) and slower to write and to parse.
pub fn write_to(
    out: &mut dyn std::io::Write,
    glossary: &Glossary,
    linked: &Linked,
    langs: &[Lang],
) -> std::io::Result<()> {
    write_json(out, &build(glossary, linked, langs))?;
    out.write_all(b"\n")
}

/// Writes `export` as compact JSON, byte for byte what `serde_json::to_writer` writes for it
/// (a test holds the two together), in blocks of about [`Json::BLOCK`] bytes. Written by hand
/// because serde's escaping looks at one byte at a time, and the passages are most of the 53 MB.
fn write_json(out: &mut dyn std::io::Write, export: &Export) -> std::io::Result<()> {
    let mut w = Json::default();
    w.open("format");
    w.str(export.format);
    w.key("version");
    w.number(export.version as usize);
    w.key("title");
    w.str(export.title);
    w.key("description");
    w.opt_str(export.description);
    w.key("site_url");
    w.opt_str(export.site_url);
    w.key("languages");
    w.strs(export.languages);
    w.key("domains");
    w.map(export.domains, |w, v| w.str(v));
    w.key("authorities");
    w.map(export.authorities, |w, v| w.str(v));
    w.key("concepts");
    w.list_in_blocks(out, &export.concepts, write_concept)?;
    w.key("sources");
    w.list_in_blocks(out, &export.sources, write_source)?;
    w.key("alignments");
    w.list_in_blocks(out, &export.alignments, write_alignment)?;
    w.close();
    out.write_all(&w.buf)
}

fn write_concept(w: &mut Json, c: &Concept) {
    w.open("id");
    w.str(c.id);
    w.key("domains");
    w.strs(c.domains);
    w.key("terms");
    w.map(&c.terms, |w, ts| w.list(ts, write_term));
    w.key("definition");
    w.map(&c.definition, |w, v| w.str(v));
    w.key("notes");
    w.map(&c.notes, |w, v| w.str(v));
    w.key("relations");
    write_relations(w, &c.relations);
    w.key("senses");
    match &c.senses {
        Some(s) => {
            w.open("homonyms");
            w.strs(s.homonyms);
            w.key("cues");
            w.strs(s.cues);
            w.close();
        }
        None => w.null(),
    }
    w.key("history");
    w.list(&c.history, write_event);
    w.key("citations");
    w.list(&c.citations, write_citation);
    w.key("wild");
    w.map(&c.wild, write_wild);
    w.key("occurrences");
    w.list(&c.occurrences, write_occurrence);
    w.close();
}

fn write_term(w: &mut Json, t: &Term) {
    w.open("term");
    w.str(t.term);
    w.key("status");
    w.status(t.status);
    w.key("type");
    match t.term_type {
        // A unit variant: serde writes its name, renamed as `TermType` says.
        Some(term_type) => w.serde(&term_type),
        None => w.null(),
    }
    w.key("pinyin");
    w.opt_str(t.pinyin);
    w.key("traditional");
    w.opt_str(t.traditional);
    w.key("authority");
    w.opt_str(t.authority);
    w.key("attested");
    w.strs(&t.attested);
    w.key("note");
    w.opt_str(t.note);
    w.close();
}

fn write_relations(w: &mut Json, r: &Relations) {
    w.open("broader");
    w.strs(r.broader);
    w.key("narrower");
    w.strs(r.narrower);
    w.key("related");
    w.strs(r.related);
    w.key("contrast");
    w.strs(r.contrast);
    w.key("components");
    w.strs(r.components);
    w.close();
}

fn write_event(w: &mut Json, e: &Event) {
    w.open("date");
    w.str(e.date);
    w.key("event");
    w.str(e.event);
    w.key("source");
    w.opt_str(e.source.as_deref());
    w.close();
}

fn write_citation(w: &mut Json, c: &Citation) {
    w.open("ref");
    w.str(&c.reference);
    w.key("quote");
    w.opt_str(c.quote);
    w.key("note");
    w.opt_str(c.note);
    w.close();
}

fn write_wild(w: &mut Json, wild: &WildLang) {
    w.open("renderings");
    w.list(&wild.renderings, |w, r| {
        w.open("term");
        w.str(r.term);
        w.key("status");
        w.status(r.status);
        w.key("passages");
        w.number(r.passages);
        w.close();
    });
    w.key("unmatched");
    w.number(wild.unmatched);
    w.close();
}

fn write_occurrence(w: &mut Json, o: &Occurrence) {
    w.open("source");
    w.str(o.source);
    w.key("passage");
    w.str(o.passage);
    w.key("lang");
    w.str(o.lang);
    w.key("start");
    w.number(o.start);
    w.key("end");
    w.number(o.end);
    w.key("term");
    w.str(o.term);
    w.key("status");
    w.opt_status(o.status);
    w.key("ambiguous");
    w.raw(if o.ambiguous { "true" } else { "false" });
    w.close();
}

fn write_source(w: &mut Json, s: &Source) {
    w.open("id");
    w.str(s.id);
    w.key("title");
    w.str(s.title);
    w.key("author");
    w.opt_str(s.author);
    w.key("publisher");
    w.str(s.publisher);
    w.key("date");
    w.str(s.date);
    w.key("lang");
    w.str(s.lang);
    w.key("kind");
    w.str(s.kind);
    w.key("url");
    w.opt_str(s.url);
    w.key("translation_of");
    w.opt_str(s.translation_of);
    w.key("note");
    w.opt_str(s.note);
    w.key("passages");
    w.list(&s.passages, |w, p| {
        w.open("id");
        w.str(p.id);
        w.key("text");
        w.str(p.text);
        w.key("locator");
        w.opt_str(p.locator);
        w.close();
    });
    w.close();
}

fn write_alignment(w: &mut Json, a: &Alignment) {
    w.open("concept");
    w.str(a.concept);
    w.key("original");
    w.str(a.original);
    w.key("translation");
    w.str(a.translation);
    w.key("passage");
    w.str(a.passage);
    w.key("lang");
    w.str(a.lang);
    w.key("renderings");
    w.list(&a.renderings, |w, r| {
        w.open("term");
        w.str(r.term);
        w.key("status");
        w.opt_status(r.status);
        w.close();
    });
    w.close();
}

/// Compact JSON written into a buffer, value by value. Keys are the structs' field names,
/// plain ASCII, written as they are.
#[derive(Default)]
struct Json {
    buf: Vec<u8>,
}

impl Json {
    /// How full the buffer gets before the top-level lists hand it on.
    const BLOCK: usize = 1 << 16;

    fn raw(&mut self, text: &str) {
        self.buf.extend_from_slice(text.as_bytes());
    }

    /// Starts an object with its first key.
    fn open(&mut self, key: &str) {
        self.raw("{\"");
        self.raw(key);
        self.raw("\":");
    }

    /// A key after the first.
    fn key(&mut self, key: &str) {
        self.raw(",\"");
        self.raw(key);
        self.raw("\":");
    }

    fn close(&mut self) {
        self.buf.push(b'}');
    }

    fn null(&mut self) {
        self.raw("null");
    }

    /// A string, escaped as serde_json escapes it: `"`, `\\` and the controls below 0x20,
    /// with the short escapes JSON has and `\u00xx` (lowercase) for the others.
    fn str(&mut self, text: &str) {
        let bytes = text.as_bytes();
        self.buf.push(b'"');
        let mut start = 0;
        loop {
            let i = start + first_special(&bytes[start..], &JSON_SPECIAL);
            self.buf.extend_from_slice(&bytes[start..i]);
            let Some(&b) = bytes.get(i) else { break };
            self.escape(b);
            start = i + 1;
        }
        self.buf.push(b'"');
    }

    fn escape(&mut self, b: u8) {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.raw("\\u00");
                self.buf.push(HEX[usize::from(b >> 4)]);
                self.buf.push(HEX[usize::from(b & 0xF)]);
                return;
            }
        };
        self.raw(short);
    }

    fn opt_str(&mut self, text: Option<&str>) {
        match text {
            Some(text) => self.str(text),
            None => self.null(),
        }
    }

    fn strs(&mut self, texts: &[String]) {
        self.list(texts, |w, t| w.str(t));
    }

    fn status(&mut self, status: Status) {
        self.buf.push(b'"');
        self.raw(status.word());
        self.buf.push(b'"');
    }

    fn opt_status(&mut self, status: Option<Status>) {
        match status {
            Some(status) => self.status(status),
            None => self.null(),
        }
    }

    /// A value written by serde, for the rare ones without a word of their own.
    fn serde(&mut self, value: &impl Serialize) {
        // Writing into a vector fails only if the value's `Serialize` does, and these do not.
        let _ = serde_json::to_writer(&mut self.buf, value);
    }

    fn number(&mut self, n: usize) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut rest = n;
        loop {
            at -= 1;
            digits[at] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        self.buf.extend_from_slice(&digits[at..]);
    }

    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.buf.push(b'[');
        for (k, item) in items.iter().enumerate() {
            if k > 0 {
                self.buf.push(b',');
            }
            each(self, item);
        }
        self.buf.push(b']');
    }

    /// A map with string keys (languages, slugs), in its order.
    fn map<K: AsRef<str>, V>(&mut self, map: &BTreeMap<K, V>, mut each: impl FnMut(&mut Self, &V)) {
        self.buf.push(b'{');
        for (k, (key, value)) in map.iter().enumerate() {
            if k > 0 {
                self.buf.push(b',');
            }
            self.str(key.as_ref());
            self.buf.push(b':');
            each(self, value);
        }
        self.buf.push(b'}');
    }

    /// [`Json::list`] for the long lists at the top, handing the buffer to `out` whenever it
    /// holds a block, so that the whole export is never in memory.
    fn list_in_blocks<T>(
        &mut self,
        out: &mut dyn std::io::Write,
        items: &[T],
        each: impl Fn(&mut Self, &T),
    ) -> std::io::Result<()> {
        self.buf.push(b'[');
        for (k, item) in items.iter().enumerate() {
            if k > 0 {
                self.buf.push(b',');
            }
            each(self, item);
            if self.buf.len() >= Self::BLOCK {
                out.write_all(&self.buf)?;
                self.buf.clear();
            }
        }
        self.buf.push(b']');
        Ok(())
    }
}

/// The bytes JSON strings escape.
const JSON_SPECIAL: Specials<2> = Specials::new([b'"', b'\\'], true);

/// The JSON Schema (draft-07) of the export, pretty-printed, ending in a newline.
pub fn schema() -> String {
    let schema = schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<Export<'static>>();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    /// The committed schema must be what the code generates: run
    /// `shuyu export --json-schema > glossary/schema/export.schema.json` after changing this file.
    #[test]
    fn committed_schema_is_current() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("glossary/schema/export.schema.json");
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert_eq!(
            committed,
            super::schema(),
            "glossary/schema/export.schema.json is stale"
        );
    }

    /// The hand-written JSON is what serde writes for the structs the schema is made from, on
    /// the repository's glossary, with all its languages and with one.
    #[test]
    fn written_as_serde_writes_it() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary");
        let (raw, load_diags) = crate::load::load(&dir).unwrap();
        let model = crate::validate::validate(raw, load_diags).glossary.unwrap();
        let linked = crate::link::link_glossary(&crate::link::Linker::new(&model), &model);
        for langs in [model.languages.clone(), vec!["en".to_string()]] {
            let export = super::build(&model, &linked, &langs);
            let mut ours = Vec::new();
            super::write_json(&mut ours, &export).unwrap();
            let theirs = serde_json::to_string(&export).unwrap();
            assert!(ours.len() > super::Json::BLOCK, "the blocks are not tried");
            assert_eq!(String::from_utf8(ours).unwrap(), theirs);
        }
    }

    /// Every ASCII byte, and others, escaped as serde_json escapes it, wherever it falls.
    #[test]
    fn strings_escape_as_serde_escapes_them() {
        for b in 0..0x80u8 {
            for len in 1..40 {
                for at in 0..len {
                    let mut text: Vec<char> = (0..len).map(|k| ['a', '术', 'é'][k % 3]).collect();
                    text[at] = char::from(b);
                    let text: String = text.into_iter().collect();
                    let mut w = super::Json::default();
                    w.str(&text);
                    let theirs = serde_json::to_string(&text).unwrap();
                    assert_eq!(String::from_utf8(w.buf).unwrap(), theirs);
                }
            }
        }
    }
}
