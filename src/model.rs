//! The validated glossary: plain data in ordered maps, built by [`crate::validate`] only
//! when every check has passed. Downstream stages (link, render, export, lookup, check) see
//! only these types.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

pub use crate::raw::{Status, TermType};

/// A language code declared in glossary.yaml (`zh`, `en`, `fr`, `es`).
pub type Lang = String;

/// Where an entry was written, for diagnostics raised after validation (e.g. by the linker).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

/// A `source#passage` reference, known to exist.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PassageRef {
    pub source: String,
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

#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub text: String,
    pub status: Status,
    pub term_type: Option<TermType>,
    pub pinyin: Option<String>,
    pub traditional: Option<String>,
    pub authority: Option<String>,
    pub attested: Vec<PassageRef>,
    pub note: Option<String>,
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

#[derive(Debug, Clone, Default, Serialize)]
pub struct Relations {
    pub broader: Vec<String>,
    pub narrower: Vec<String>,
    pub related: Vec<String>,
    pub contrast: Vec<String>,
    pub components: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Senses {
    pub homonyms: Vec<String>,
    pub cues: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub date: String,
    pub event: String,
    pub source: Option<PassageRef>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Citation {
    pub passage: PassageRef,
    pub quote: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Concept {
    pub id: String,
    pub domains: Vec<String>,
    /// Terms by language, in the order the entry gives them.
    pub terms: BTreeMap<Lang, Vec<Term>>,
    /// Markdown by language.
    pub definition: BTreeMap<Lang, String>,
    /// Markdown by language.
    pub notes: BTreeMap<Lang, String>,
    pub relations: Relations,
    pub senses: Option<Senses>,
    pub history: Vec<Event>,
    pub citations: Vec<Citation>,
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

#[derive(Debug, Clone, Serialize)]
pub struct Passage {
    pub id: String,
    pub text: String,
    pub locator: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
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

    pub fn passage(&self, id: &str) -> Option<&Passage> {
        self.passages.iter().find(|p| p.id == id)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Glossary {
    pub title: String,
    pub description: Option<String>,
    /// Declared languages, source language first.
    pub languages: Vec<Lang>,
    pub domains: BTreeMap<String, String>,
    pub authorities: BTreeMap<String, String>,
    /// The address the site is published at, ending in `/`, when glossary.yaml gives one.
    pub site_url: Option<String>,
    pub concepts: BTreeMap<String, Concept>,
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
