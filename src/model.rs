//! The validated glossary: plain data in ordered maps, built by [`crate::validate`] only
//! when every check has passed. Downstream stages (link, render, export, lookup, check) see
//! only these types.
//!
//! Everything is owned, plain data in ordered maps (`BTreeMap`), so two builds of the same
//! input iterate, print and serialize identically. The strings are those of the files, not
//! normalised: the linker folds and converts them itself.

#![warn(missing_docs)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

pub use crate::raw::{Status, TermType};

/// A language code declared in glossary.yaml (`zh`, `en`, `fr`, `es`).
pub type Lang = String;

/// Where an entry was written, for diagnostics raised after validation (e.g. by the linker).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The file, as the glossary folder was named on the command line.
    pub file: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

/// A `source#passage` reference, known to exist.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PassageRef {
    /// The id of the source (its file stem).
    pub source: String,
    /// The id of the passage within the source.
    pub passage: String,
}

impl std::fmt::Display for PassageRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}#{}", self.source, self.passage)
    }
}

impl Origin {
    /// The first line of `file`: for entries built in code (tests, benchmarks, imports).
    pub fn start_of(file: impl Into<PathBuf>) -> Self {
        Origin {
            file: file.into(),
            line: 1,
            column: 1,
        }
    }
}

/// One term of a concept in one language: a rendering, with its status and evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    /// The term exactly as written in running text.
    pub text: String,
    /// Whether to use it: exactly one term a language is preferred.
    pub status: Status,
    /// Its form (full form, abbreviation, formula …), if given.
    pub term_type: Option<TermType>,
    /// Hanyu pinyin with tone marks (Chinese terms only), checked against the characters.
    pub pinyin: Option<String>,
    /// The traditional-character form (Chinese terms only), checked against OpenCC.
    pub traditional: Option<String>,
    /// Who uses this rendering: one of the glossary's declared authorities.
    pub authority: Option<String>,
    /// Passages that use this rendering, in the term's language.
    pub attested: Vec<PassageRef>,
    /// A note for translators; every deprecated or superseded term has one.
    pub note: Option<String>,
    /// Where the term was written.
    pub origin: Origin,
}

impl Term {
    /// A term with only its text and status; every optional field empty.
    pub fn new(text: impl Into<String>, status: Status, origin: Origin) -> Self {
        Term {
            text: text.into(),
            status,
            term_type: None,
            pinyin: None,
            traditional: None,
            authority: None,
            attested: Vec::new(),
            note: None,
            origin,
        }
    }
}

/// Links from a concept to others, by concept id (every id exists).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Relations {
    /// More general concepts.
    pub broader: Vec<String>,
    /// More specific concepts.
    pub narrower: Vec<String>,
    /// Concepts worth reading alongside.
    pub related: Vec<String>,
    /// False friends: concepts easily confused with this one (shown prominently).
    pub contrast: Vec<String>,
    /// For a numbered formula (两企三新): its components, in order.
    pub components: Vec<String>,
}

/// How to tell a concept from another that shares one of its terms.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Senses {
    /// The concepts that share a term with this one (each names this one back).
    pub homonyms: Vec<String>,
    /// Words near an occurrence (same sentence) that select this sense.
    pub cues: Vec<String>,
}

/// A dated event in the life of a concept.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// YYYY, YYYY-MM or YYYY-MM-DD (a real day).
    pub date: String,
    /// What happened, in one sentence.
    pub event: String,
    /// The passage that reports it, if cited.
    pub source: Option<PassageRef>,
}

/// A quotation from a source passage backing the definition or notes.
#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    /// The passage cited.
    pub passage: PassageRef,
    /// Words of the passage (found in it, whitespace aside).
    pub quote: Option<String>,
    /// What the citation supports.
    pub note: Option<String>,
}

/// One concept: its terms in every language, what it means, and how it relates to others.
#[derive(Debug, Clone, Serialize)]
pub struct Concept {
    /// A lowercase slug, equal to its file name without `.yaml`.
    pub id: String,
    /// Subject domains, each declared in the glossary.
    pub domains: Vec<String>,
    /// Terms by language, in the order the entry gives them.
    pub terms: BTreeMap<Lang, Vec<Term>>,
    /// Markdown by language.
    pub definition: BTreeMap<Lang, String>,
    /// Markdown by language.
    pub notes: BTreeMap<Lang, String>,
    /// Links to other concepts.
    pub relations: Relations,
    /// For a concept sharing a term with another: how to tell them apart.
    pub senses: Option<Senses>,
    /// Dated events, oldest first.
    pub history: Vec<Event>,
    /// Quotations backing the definition and notes.
    pub citations: Vec<Citation>,
    /// Where the concept's id was written.
    pub origin: Origin,
}

impl Concept {
    /// A concept with an id and nothing else yet; callers fill in terms and the rest.
    pub fn new(id: impl Into<String>, origin: Origin) -> Self {
        Concept {
            id: id.into(),
            domains: Vec::new(),
            terms: BTreeMap::new(),
            definition: BTreeMap::new(),
            notes: BTreeMap::new(),
            relations: Relations::default(),
            senses: None,
            history: Vec::new(),
            citations: Vec::new(),
            origin,
        }
    }

    /// The preferred term in a language, if the concept has terms in it.
    pub fn preferred(&self, lang: &str) -> Option<&Term> {
        self.terms
            .get(lang)?
            .iter()
            .find(|t| t.status == Status::Preferred)
    }
}

/// One passage of a source: a paragraph or two, quoted with attribution.
#[derive(Debug, Clone, Serialize)]
pub struct Passage {
    /// Unique within its source; a translation's aligned passage has the same id.
    pub id: String,
    /// The text as published.
    pub text: String,
    /// Where in the document (page, section), if given.
    pub locator: Option<String>,
}

/// One source document: its metadata and the passages terms are linked to.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// A lowercase slug, equal to its file name without `.yaml`.
    pub id: String,
    /// The document's title as published.
    pub title: String,
    /// Who wrote it, if named.
    pub author: Option<String>,
    /// Who published it.
    pub publisher: String,
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    pub date: String,
    /// The language of its passages, declared in the glossary.
    pub lang: Lang,
    /// The kind of source: one of the glossary's declared authorities.
    pub kind: String,
    /// Where it was published (http or https).
    pub url: Option<String>,
    /// The id of the source this one translates (an existing source in another language).
    pub translation_of: Option<String>,
    /// Editorial remarks: how the text was obtained, what was corrected.
    pub note: Option<String>,
    /// The quoted passages, in document order.
    pub passages: Vec<Passage>,
    /// Where the source's id was written.
    pub origin: Origin,
}

impl Source {
    /// A source in `lang` with an id (its title too) and nothing else yet; callers fill in
    /// the passages and the rest.
    pub fn new(id: impl Into<String>, lang: impl Into<Lang>, origin: Origin) -> Self {
        let id = id.into();
        Source {
            title: id.clone(),
            id,
            author: None,
            publisher: String::new(),
            date: String::new(),
            lang: lang.into(),
            kind: String::new(),
            url: None,
            translation_of: None,
            note: None,
            passages: Vec::new(),
            origin,
        }
    }

    /// The passage with id `id`, if the source has it.
    pub fn passage(&self, id: &str) -> Option<&Passage> {
        self.passages.iter().find(|p| p.id == id)
    }
}

/// The whole validated glossary: what every output (site, exports, lookup, check) reads.
#[derive(Debug, Clone, Serialize)]
pub struct Glossary {
    /// The glossary's title, shown on the site and in exports.
    pub title: String,
    /// What the glossary covers (Markdown), if given.
    pub description: Option<String>,
    /// Declared languages, source language first.
    pub languages: Vec<Lang>,
    /// Subject domains: slug → label.
    pub domains: BTreeMap<String, String>,
    /// Kinds of authority a rendering or source may have: slug → what it means.
    pub authorities: BTreeMap<String, String>,
    /// The address the site is published at, ending in `/`, when glossary.yaml gives one.
    pub site_url: Option<String>,
    /// Every concept, by id.
    pub concepts: BTreeMap<String, Concept>,
    /// Every source, by id.
    pub sources: BTreeMap<String, Source>,
}

impl Glossary {
    /// The passage a reference points at; validation guarantees it exists.
    pub fn passage(&self, r: &PassageRef) -> Option<&Passage> {
        self.sources.get(&r.source)?.passage(&r.passage)
    }

    /// The sources that translate `source_id` (aligned by passage id).
    pub fn translations_of<'a>(&'a self, source_id: &'a str) -> impl Iterator<Item = &'a Source> {
        self.sources
            .values()
            .filter(move |s| s.translation_of.as_deref() == Some(source_id))
    }
}
