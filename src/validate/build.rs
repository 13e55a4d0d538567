//! Builds the plain model from raw input that passed every rule.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::ctx::Ctx;
use crate::diag::FileId;
use crate::model::{
    Citation, Concept, Event, Glossary, Origin, Passage, PassageRef, Relations, Senses, Source,
    Term,
};
use crate::raw::{KeyedList, RawConcept, RawSource, RawTerm, SpannedStr};

/// The model, or `None` if glossary.yaml is missing (validation reports that as an error).
pub fn glossary(ctx: &Ctx) -> Option<Glossary> {
    let meta = &ctx.raw.glossary.as_ref()?.value;
    let pairs = |list: &KeyedList<String>| -> BTreeMap<String, String> {
        list.0
            .iter()
            .map(|(k, v)| (k.value.clone(), v.clone()))
            .collect()
    };
    Some(Glossary {
        title: meta.title.clone(),
        description: meta.description.clone(),
        languages: meta.languages.iter().map(|l| l.value.clone()).collect(),
        domains: pairs(&meta.domains),
        authorities: pairs(&meta.authorities),
        // Built side by side; a map is built from the collected pairs in one go.
        concepts: ctx
            .raw
            .concepts
            .par_iter()
            .map(|c| (c.value.id.value.clone(), concept(ctx, c.file, &c.value)))
            .collect::<Vec<_>>()
            .into_iter()
            .collect(),
        sources: ctx
            .raw
            .sources
            .par_iter()
            .map(|s| (s.value.id.value.clone(), source(ctx, s.file, &s.value)))
            .collect::<Vec<_>>()
            .into_iter()
            .collect(),
    })
}

/// Where a value was written: the loader records its line and (character) column.
fn origin(ctx: &Ctx, file: FileId, value: &SpannedStr) -> Origin {
    Origin {
        file: ctx.raw.files.path(file).to_path_buf(),
        line: value.line as usize,
        column: value.column as usize,
    }
}

/// The text of an optional positioned value.
fn text(value: &Option<SpannedStr>) -> Option<String> {
    value.as_ref().map(|s| s.value.clone())
}

fn strings(values: &[SpannedStr]) -> Vec<String> {
    values.iter().map(|v| v.value.clone()).collect()
}

/// A `source#passage` reference; validation has checked its shape.
fn passage_ref(value: &SpannedStr) -> PassageRef {
    let (source, passage) = value.value.split_once('#').unwrap_or((&value.value, ""));
    PassageRef {
        source: source.to_string(),
        passage: passage.to_string(),
    }
}

fn by_lang(list: &KeyedList<SpannedStr>) -> BTreeMap<String, String> {
    list.0
        .iter()
        .map(|(k, v)| (k.value.clone(), v.value.clone()))
        .collect()
}

fn concept(ctx: &Ctx, file: FileId, c: &RawConcept) -> Concept {
    let r = &c.relations;
    Concept {
        id: c.id.value.clone(),
        domains: strings(&c.domains),
        terms: c
            .terms
            .0
            .iter()
            .map(|(lang, ts)| {
                (
                    lang.value.clone(),
                    ts.iter().map(|t| term(ctx, file, t)).collect(),
                )
            })
            .collect(),
        definition: by_lang(&c.definition),
        notes: by_lang(&c.notes),
        relations: Relations {
            broader: strings(&r.broader),
            narrower: strings(&r.narrower),
            related: strings(&r.related),
            contrast: strings(&r.contrast),
            components: strings(&r.components),
        },
        senses: c.senses.as_ref().map(|s| Senses {
            homonyms: strings(&s.homonyms),
            cues: s.cues.clone(),
        }),
        history: c
            .history
            .iter()
            .map(|e| Event {
                date: e.date.value.clone(),
                event: e.event.clone(),
                source: e.source.as_ref().map(passage_ref),
            })
            .collect(),
        citations: c
            .citations
            .iter()
            .map(|cit| Citation {
                passage: passage_ref(&cit.reference),
                quote: cit.quote.as_ref().map(|q| q.value.clone()),
                note: cit.note.clone(),
            })
            .collect(),
        origin: origin(ctx, file, &c.id),
    }
}

fn term(ctx: &Ctx, file: FileId, t: &RawTerm) -> Term {
    Term {
        text: t.term.value.clone(),
        status: t.status,
        term_type: t.term_type,
        pinyin: text(&t.pinyin),
        traditional: text(&t.traditional),
        authority: text(&t.authority),
        attested: t.attested.iter().map(passage_ref).collect(),
        note: t.note.clone(),
        origin: origin(ctx, file, &t.term),
    }
}

fn source(ctx: &Ctx, file: FileId, s: &RawSource) -> Source {
    Source {
        id: s.id.value.clone(),
        title: s.title.clone(),
        author: s.author.clone(),
        publisher: s.publisher.clone(),
        date: s.date.value.clone(),
        lang: s.lang.value.clone(),
        kind: s.kind.value.clone(),
        url: text(&s.url),
        translation_of: text(&s.translation_of),
        note: s.note.clone(),
        passages: s
            .passages
            .iter()
            .map(|p| Passage {
                id: p.id.value.clone(),
                text: p.text.clone(),
                locator: p.locator.clone(),
            })
            .collect(),
        origin: origin(ctx, file, &s.id),
    }
}
