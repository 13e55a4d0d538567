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
pub struct Export {
    /// Always `shuyu-export`.
    pub format: String,
    /// The version of this format.
    pub version: u32,
    pub title: String,
    pub description: Option<String>,
    pub site_url: Option<String>,
    /// The exported languages, source language first.
    pub languages: Vec<Lang>,
    /// Domain slug → label.
    pub domains: BTreeMap<String, String>,
    /// Authority slug → what it means.
    pub authorities: BTreeMap<String, String>,
    /// Concepts, by id.
    pub concepts: Vec<Concept>,
    /// Source documents, by id.
    pub sources: Vec<Source>,
    /// For each concept linked in an original passage, what each aligned translation used.
    pub alignments: Vec<Alignment>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Concept {
    pub id: String,
    pub domains: Vec<String>,
    /// Terms by language, in the entry's order.
    pub terms: BTreeMap<Lang, Vec<Term>>,
    /// Markdown by language.
    pub definition: BTreeMap<Lang, String>,
    /// Markdown by language.
    pub notes: BTreeMap<Lang, String>,
    pub relations: Relations,
    pub senses: Option<Senses>,
    pub history: Vec<Event>,
    pub citations: Vec<Citation>,
    /// Renderings in the wild by language: how many source passages use each term.
    pub wild: BTreeMap<Lang, WildLang>,
    /// Every place in the sources where a term of this concept occurs (or may: `ambiguous`).
    pub occurrences: Vec<Occurrence>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Term {
    pub term: String,
    pub status: Status,
    #[serde(rename = "type")]
    pub term_type: Option<TermType>,
    pub pinyin: Option<String>,
    pub traditional: Option<String>,
    pub authority: Option<String>,
    /// `source#passage` references.
    pub attested: Vec<String>,
    pub note: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Relations {
    pub broader: Vec<String>,
    pub narrower: Vec<String>,
    pub related: Vec<String>,
    pub contrast: Vec<String>,
    pub components: Vec<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Senses {
    pub homonyms: Vec<String>,
    pub cues: Vec<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Event {
    pub date: String,
    pub event: String,
    pub source: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Citation {
    #[serde(rename = "ref")]
    pub reference: String,
    pub quote: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct WildLang {
    /// Most used first.
    pub renderings: Vec<WildRendering>,
    /// Aligned translated passages that used none of the renderings.
    pub unmatched: usize,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct WildRendering {
    pub term: String,
    pub status: Status,
    pub passages: usize,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Occurrence {
    pub source: String,
    pub passage: String,
    pub lang: Lang,
    /// Byte offsets into the passage text.
    pub start: usize,
    pub end: usize,
    /// The term as the entry writes it.
    pub term: String,
    /// The term's status in this concept.
    pub status: Option<Status>,
    /// True when the term is shared with another concept and the context did not decide.
    pub ambiguous: bool,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub author: Option<String>,
    pub publisher: String,
    pub date: String,
    pub lang: Lang,
    pub kind: String,
    pub url: Option<String>,
    pub translation_of: Option<String>,
    pub note: Option<String>,
    pub passages: Vec<Passage>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Passage {
    pub id: String,
    pub text: String,
    pub locator: Option<String>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Alignment {
    pub concept: String,
    /// The original source and the translation, aligned by passage id.
    pub original: String,
    pub translation: String,
    pub passage: String,
    pub lang: Lang,
    /// The renderings the translation used; empty when none was found.
    pub renderings: Vec<Rendering>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Rendering {
    pub term: String,
    pub status: Option<Status>,
}

/// Builds the export of `glossary` in `langs`.
pub fn build(glossary: &Glossary, linked: &Linked, langs: &[Lang]) -> Export {
    let keep = |lang: &Lang| langs.contains(lang);
    let mut occurrences: BTreeMap<&str, Vec<Occurrence>> = BTreeMap::new();
    for p in &linked.links.passages {
        for o in &p.occurrences {
            for c in &o.concepts {
                occurrences.entry(c.as_str()).or_default().push(Occurrence {
                    source: p.source.clone(),
                    passage: p.passage.clone(),
                    lang: p.lang.clone(),
                    start: o.start,
                    end: o.end,
                    term: o.term.clone(),
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
            id: c.id.clone(),
            domains: c.domains.clone(),
            terms: c
                .terms
                .iter()
                .filter(|(l, _)| keep(l))
                .map(|(l, ts)| (l.clone(), ts.iter().map(term).collect()))
                .collect(),
            definition: filter(&c.definition, keep),
            notes: filter(&c.notes, keep),
            relations: Relations {
                broader: c.relations.broader.clone(),
                narrower: c.relations.narrower.clone(),
                related: c.relations.related.clone(),
                contrast: c.relations.contrast.clone(),
                components: c.relations.components.clone(),
            },
            senses: c.senses.as_ref().map(|s| Senses {
                homonyms: s.homonyms.clone(),
                cues: s.cues.clone(),
            }),
            history: c
                .history
                .iter()
                .map(|e| Event {
                    date: e.date.clone(),
                    event: e.event.clone(),
                    source: e.source.as_ref().map(ToString::to_string),
                })
                .collect(),
            citations: c
                .citations
                .iter()
                .map(|x| Citation {
                    reference: x.passage.to_string(),
                    quote: x.quote.clone(),
                    note: x.note.clone(),
                })
                .collect(),
            wild: linked
                .wild
                .get(&c.id)
                .map(|by_lang| {
                    by_lang
                        .iter()
                        .filter(|(l, _)| keep(l))
                        .map(|(l, w)| {
                            (
                                l.clone(),
                                WildLang {
                                    renderings: w
                                        .renderings
                                        .iter()
                                        .map(|r| WildRendering {
                                            term: r.term.clone(),
                                            status: r.status,
                                            passages: r.passages,
                                        })
                                        .collect(),
                                    unmatched: w.unmatched,
                                },
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
            occurrences: occurrences
                .remove(c.id.as_str())
                .unwrap_or_default()
                .into_iter()
                .filter(|o| keep(&o.lang))
                .collect(),
        })
        .collect();
    let sources = glossary
        .sources
        .values()
        .map(|s| Source {
            id: s.id.clone(),
            title: s.title.clone(),
            author: s.author.clone(),
            publisher: s.publisher.clone(),
            date: s.date.clone(),
            lang: s.lang.clone(),
            kind: s.kind.clone(),
            url: s.url.clone(),
            translation_of: s.translation_of.clone(),
            note: s.note.clone(),
            passages: s
                .passages
                .iter()
                .map(|p| Passage {
                    id: p.id.clone(),
                    text: p.text.clone(),
                    locator: p.locator.clone(),
                })
                .collect(),
        })
        .collect();
    let alignments = linked
        .alignments
        .iter()
        .filter(|a| keep(&a.lang))
        .map(|a| Alignment {
            concept: a.concept.clone(),
            original: a.original.clone(),
            translation: a.translation.clone(),
            passage: a.passage.clone(),
            lang: a.lang.clone(),
            renderings: a
                .renderings
                .iter()
                .map(|r| Rendering {
                    term: r.term.clone(),
                    status: r.status,
                })
                .collect(),
        })
        .collect();
    Export {
        format: "shuyu-export".into(),
        version: VERSION,
        title: glossary.title.clone(),
        description: glossary.description.clone(),
        site_url: glossary.site_url.clone(),
        languages: langs.to_vec(),
        domains: glossary.domains.clone(),
        authorities: glossary.authorities.clone(),
        concepts,
        sources,
        alignments,
    }
}

fn term(t: &model::Term) -> Term {
    Term {
        term: t.text.clone(),
        status: t.status,
        term_type: t.term_type,
        pinyin: t.pinyin.clone(),
        traditional: t.traditional.clone(),
        authority: t.authority.clone(),
        attested: t.attested.iter().map(ToString::to_string).collect(),
        note: t.note.clone(),
    }
}

fn filter(map: &BTreeMap<Lang, String>, keep: impl Fn(&Lang) -> bool) -> BTreeMap<Lang, String> {
    map.iter()
        .filter(|(l, _)| keep(l))
        .map(|(l, s)| (l.clone(), s.clone()))
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
        .into_root_schema_for::<Export>();
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
