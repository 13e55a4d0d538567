//! Alignment: what a translation did with each concept of its original.
//!
//! A source with `translation_of` translates another source passage by passage, and aligned
//! passages share their id. For every concept linked in an original passage, the aligned
//! translated passage either uses one (or more) of the concept's renderings in its language, or
//! none: an *unmatched* alignment, a candidate for a new rendering or a translation error.
//!
//! An ambiguous occurrence in the original counts for the one candidate whose rendering the
//! translation uses; the translator has resolved it. If the translation uses renderings of
//! several candidates, or of none, nothing is recorded: there is no telling which was meant.

use rayon::prelude::*;
use std::collections::BTreeSet;

use serde::Serialize;

use super::{Links, Occurrence, PassageLinks};
use crate::model::{Glossary, Lang, Source, Status};

/// A rendering a translation used.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Rendering {
    pub term: String,
    pub status: Option<Status>,
}

/// One concept of an original passage and what the aligned translation made of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alignment {
    pub concept: String,
    pub original: String,
    pub translation: String,
    pub passage: String,
    pub lang: Lang,
    /// The renderings used; empty when none of the concept's renderings was found.
    pub renderings: Vec<Rendering>,
}

impl Alignment {
    pub fn is_unmatched(&self) -> bool {
        self.renderings.is_empty()
    }
}

/// Every alignment of every translated passage of the glossary.
pub fn align(glossary: &Glossary, links: &Links) -> Vec<Alignment> {
    let translations: Vec<(&Source, &str)> = glossary
        .sources
        .values()
        .filter_map(|t| Some((t, t.translation_of.as_deref()?)))
        .collect();
    let by_passage = links.by_passage();
    let get = |source: &str, passage: &str| by_passage.get(&(source, passage)).copied();
    // Sources on every core; `collect` keeps the sources' order, so the output is the same.
    translations
        .par_iter()
        .flat_map_iter(|(translation, original)| {
            translation.passages.iter().flat_map(move |p| {
                match (get(original, &p.id), get(&translation.id, &p.id)) {
                    (Some(orig), Some(trans)) => align_passage(glossary, translation, orig, trans),
                    _ => Vec::new(),
                }
            })
        })
        .collect()
}

fn align_passage(
    glossary: &Glossary,
    translation: &Source,
    orig: &PassageLinks,
    trans: &PassageLinks,
) -> Vec<Alignment> {
    concepts_of(orig, trans)
        .into_iter()
        .map(|concept| Alignment {
            renderings: renderings(glossary, &translation.lang, &concept, &trans.occurrences),
            concept,
            original: orig.source.clone(),
            translation: translation.id.clone(),
            passage: orig.passage.clone(),
            lang: translation.lang.clone(),
        })
        .collect()
}

/// The concepts of the original passage: resolved ones, and ambiguous occurrences that the
/// translation resolves.
fn concepts_of(orig: &PassageLinks, trans: &PassageLinks) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for o in &orig.occurrences {
        if let Some(c) = o.concept() {
            out.insert(c.to_string());
            continue;
        }
        let used: Vec<&String> = o
            .concepts
            .iter()
            .filter(|c| trans.occurrences.iter().any(|t| t.may_be(c)))
            .collect();
        if let [one] = used.as_slice() {
            out.insert(one.to_string());
        }
    }
    out
}

/// The renderings of `concept` among `occurrences`, each once.
fn renderings(
    glossary: &Glossary,
    lang: &str,
    concept: &str,
    occurrences: &[Occurrence],
) -> Vec<Rendering> {
    let found: BTreeSet<Rendering> = occurrences
        .iter()
        .filter(|o| o.may_be(concept))
        .map(|o| Rendering {
            term: o.term.clone(),
            status: o
                .status
                .or_else(|| status_in(glossary, concept, lang, &o.term)),
        })
        .collect();
    found.into_iter().collect()
}

/// The status of `term` among `concept`'s terms in `lang`.
fn status_in(glossary: &Glossary, concept: &str, lang: &str, term: &str) -> Option<Status> {
    let terms = glossary.concepts.get(concept)?.terms.get(lang)?;
    terms.iter().find(|t| t.text == term).map(|t| t.status)
}

#[cfg(test)]
mod tests {
    use super::super::fixture::department;
    use super::super::Linker;
    use super::*;

    #[test]
    fn a_translation_uses_a_rendering_or_is_unmatched() {
        let g = department();
        let links = Linker::new(&g).link_glossary(&g);
        let a = align(&g, &links);
        let used: Vec<_> = a
            .iter()
            .map(|a| (a.passage.as_str(), a.renderings.len()))
            .collect();
        assert_eq!(used, [("a", 1), ("b", 0)]);
        assert_eq!(a[0].renderings[0].term, "Département du travail social");
        assert_eq!(a[0].renderings[0].status, Some(Status::Preferred));
        assert!(a[1].is_unmatched() && a[1].lang == "fr");
    }
}
