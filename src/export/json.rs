//! The JSON export: the whole validated glossary (every field of every concept and source),
//! with what linking derived: each concept's occurrences in the sources, its renderings in
//! the wild, and the alignments of translated passages. [`schema`] is its JSON Schema
//! (draft-07), committed as `glossary/schema/export.schema.json`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::link::Linked;
use crate::model::{self, Glossary, Lang, Status, TermType};

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
    serde_json::to_writer(&mut *out, &build(glossary, linked, langs))?;
    out.write_all(b"\n")
}

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
}
