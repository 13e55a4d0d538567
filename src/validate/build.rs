//! Builds the plain model from raw input that passed every rule, moving its strings: the raw
//! tree is used up, so a large glossary is never held twice.

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diag::{FileId, Files};
use crate::load::RawGlossary;
use crate::model::{
    Citation, Concept, Event, Glossary, Origin, Passage, PassageRef, Relations, Senses, Source,
    Term,
};
use crate::raw::{LocatedMap, RawConcept, RawPassage, RawSource, RawTerm, SpannedStr};

/// The model and the files it was read from; no model if glossary.yaml is missing
/// (validation reports that as an error).
pub fn glossary(raw: RawGlossary) -> (Files, Option<Glossary>) {
    let RawGlossary {
        files,
        glossary,
        concepts,
        sources,
        ..
    } = raw;
    let Some(meta) = glossary.map(|g| g.value) else {
        return (files, None);
    };
    let pairs = |list: LocatedMap<String>| -> BTreeMap<String, String> {
        list.0.into_iter().map(|(k, v)| (k.value, v)).collect()
    };
    // Built side by side; a map is built from the collected pairs in one go.
    let concepts: Vec<(String, Concept)> = concepts
        .into_par_iter()
        .map(|c| concept(&files, c.file, c.value))
        .collect();
    let sources: Vec<(String, Source)> = sources
        .into_par_iter()
        .map(|s| source(&files, s.file, s.value))
        .collect();
    let model = Glossary {
        title: meta.title,
        description: meta.description,
        languages: strings(meta.languages),
        domains: pairs(meta.domains),
        authorities: pairs(meta.authorities),
        site_url: meta
            .site_url
            .map(|u| if u.ends_with('/') { u } else { u + "/" }),
        concepts: concepts.into_iter().collect(),
        sources: sources.into_iter().collect(),
    };
    (files, Some(model))
}

/// Where a value was written: the loader records its line and (character) column.
fn origin(files: &Files, file: FileId, value: &SpannedStr) -> Origin {
    Origin {
        file: files.path(file).to_path_buf(),
        line: value.line as usize,
        column: value.column as usize,
    }
}

/// The text of an optional positioned value.
fn text(value: Option<SpannedStr>) -> Option<String> {
    value.map(|s| s.value)
}

fn strings(values: Vec<SpannedStr>) -> Vec<String> {
    values.into_iter().map(|v| v.value).collect()
}

/// A `source#passage` reference; validation has checked its shape.
fn passage_ref(value: SpannedStr) -> PassageRef {
    let mut source = value.value;
    let passage = match source.find('#') {
        Some(i) => {
            let passage = source[i + 1..].to_string();
            source.truncate(i);
            passage
        }
        None => String::new(),
    };
    PassageRef { source, passage }
}

fn by_lang(list: LocatedMap<SpannedStr>) -> BTreeMap<String, String> {
    list.0
        .into_iter()
        .map(|(k, v)| (k.value, v.value))
        .collect()
}

fn concept(files: &Files, file: FileId, c: RawConcept) -> (String, Concept) {
    let origin = origin(files, file, &c.id);
    let r = c.relations;
    let concept = Concept {
        id: c.id.value.clone(),
        domains: strings(c.domains),
        terms: c
            .terms
            .0
            .into_iter()
            .map(|(lang, ts)| {
                let ts = ts.into_iter().map(|t| term(files, file, t)).collect();
                (lang.value, ts)
            })
            .collect(),
        definition: by_lang(c.definition),
        notes: by_lang(c.notes),
        relations: Relations {
            broader: strings(r.broader),
            narrower: strings(r.narrower),
            related: strings(r.related),
            contrast: strings(r.contrast),
            components: strings(r.components),
        },
        senses: c.senses.map(|s| Senses {
            homonyms: strings(s.homonyms),
            cues: s.cues,
        }),
        history: c
            .history
            .into_iter()
            .map(|e| Event {
                date: e.date.value,
                event: e.event,
                source: e.source.map(passage_ref),
            })
            .collect(),
        citations: c
            .citations
            .into_iter()
            .map(|cit| Citation {
                passage: passage_ref(cit.reference),
                quote: text(cit.quote),
                note: cit.note,
            })
            .collect(),
        origin,
    };
    (c.id.value, concept)
}

fn term(files: &Files, file: FileId, t: RawTerm) -> Term {
    Term {
        origin: origin(files, file, &t.term),
        text: t.term.value,
        status: t.status,
        term_type: t.term_type,
        pinyin: text(t.pinyin),
        traditional: text(t.traditional),
        authority: text(t.authority),
        attested: t.attested.into_iter().map(passage_ref).collect(),
        note: t.note,
    }
}

fn source(files: &Files, file: FileId, s: RawSource) -> (String, Source) {
    let source = Source {
        origin: origin(files, file, &s.id),
        id: s.id.value.clone(),
        title: s.title,
        author: s.author,
        publisher: s.publisher,
        date: s.date.value,
        lang: s.lang.value,
        kind: s.kind.value,
        url: text(s.url),
        translation_of: text(s.translation_of),
        note: s.note,
        passages: s.passages.into_iter().map(passage).collect(),
    };
    (s.id.value, source)
}

fn passage(p: RawPassage) -> Passage {
    Passage {
        id: p.id.value,
        text: p.text,
        locator: p.locator,
    }
}
