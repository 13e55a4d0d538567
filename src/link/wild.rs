//! Renderings in the wild: how often the sources use each term of a concept.
//!
//! Per concept and language, every term of the entry with the number of source passages that
//! use it for this concept, so a page can say "Department of Social Work: 4 passages
//! (admitted), Society Work Department: 2 (preferred)". A passage counts when the term is
//! linked to the concept there, or when a translation used it for a concept of its original
//! (which settles an occurrence that was ambiguous on its own). Aligned passages that used
//! none of the renderings are counted as `unmatched`.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use super::latin::FxBuild;
use super::{Alignment, Links};
use crate::model::{Glossary, Lang, Status, Term};

/// One term of a concept and how many passages use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WildRendering {
    pub term: String,
    pub status: Status,
    pub passages: usize,
}

/// The terms of one concept in one language, most used first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct WildLang {
    pub renderings: Vec<WildRendering>,
    /// Aligned translated passages that used none of these renderings.
    pub unmatched: usize,
}

/// Renderings in the wild by concept id, then language.
pub type Wild = BTreeMap<String, BTreeMap<Lang, WildLang>>;

/// (concept, language, term), borrowed from the links and alignments.
type Key<'a> = (&'a str, &'a str, &'a str);
/// The (source, passage) pairs that use one key, sorted, each once.
type Uses<'a> = Vec<(&'a str, &'a str)>;

/// Counts every rendering of every concept across the linked sources.
pub fn wild(glossary: &Glossary, links: &Links, alignments: &[Alignment]) -> Wild {
    let used = passages_using(links, alignments);
    // Unmatched alignments by (concept, language), counted once rather than per concept.
    let mut unmatched: HashMap<(&str, &str), usize, FxBuild> = HashMap::default();
    for a in alignments.iter().filter(|a| a.is_unmatched()) {
        *unmatched.entry((&a.concept, &a.lang)).or_default() += 1;
    }
    // Concepts on every core; `collect` keeps their order.
    let concepts: Vec<(String, BTreeMap<Lang, WildLang>)> = glossary
        .concepts
        .par_iter()
        .map(|(id, concept)| {
            let langs = concept.terms.iter().map(|(lang, terms)| {
                let uses = |term: &str| {
                    used.get(&(id.as_str(), lang.as_str(), term))
                        .map_or(0, Vec::len)
                };
                let renderings = renderings(terms, uses);
                let unmatched = unmatched.get(&(id.as_str(), lang.as_str()));
                let unmatched = unmatched.copied().unwrap_or(0);
                (
                    lang.clone(),
                    WildLang {
                        renderings,
                        unmatched,
                    },
                )
            });
            (id.clone(), langs.collect())
        })
        .collect();
    concepts.into_iter().collect()
}

/// One language's terms with the number of passages that use each, most used first.
fn renderings(terms: &[Term], passages: impl Fn(&str) -> usize) -> Vec<WildRendering> {
    let mut renderings: Vec<WildRendering> = terms
        .iter()
        .map(|t| WildRendering {
            term: t.text.clone(),
            status: t.status,
            passages: passages(&t.text),
        })
        .collect();
    renderings.sort_by(|a, b| b.passages.cmp(&a.passages).then(a.status.cmp(&b.status)));
    renderings
}

/// The passages that use each (concept, language, term).
fn passages_using<'a>(
    links: &'a Links,
    alignments: &'a [Alignment],
) -> HashMap<Key<'a>, Uses<'a>, FxBuild> {
    let mut used: HashMap<Key<'a>, Uses<'a>, FxBuild> = HashMap::default();
    for p in &links.passages {
        for o in &p.occurrences {
            if let Some(c) = o.concept() {
                used.entry((c, p.lang.as_str(), o.term.as_str()))
                    .or_default()
                    .push((p.source.as_str(), p.passage.as_str()));
            }
        }
    }
    for a in alignments {
        for r in &a.renderings {
            used.entry((a.concept.as_str(), a.lang.as_str(), r.term.as_str()))
                .or_default()
                .push((a.translation.as_str(), a.passage.as_str()));
        }
    }
    // A passage counts once, however many times it uses the term (or is also aligned).
    for uses in used.values_mut() {
        uses.sort_unstable();
        uses.dedup();
    }
    used
}

#[cfg(test)]
mod tests {
    use super::super::fixture::department;
    use super::super::{link_glossary, Linker};

    #[test]
    fn renderings_are_counted_per_language_with_status() {
        let g = department();
        let linked = link_glossary(&Linker::new(&g), &g);
        let en = &linked.wild["society-work-department"]["en"];
        let counts: Vec<_> = en
            .renderings
            .iter()
            .map(|r| (r.term.as_str(), r.passages))
            .collect();
        assert_eq!(
            counts,
            [
                ("Society Work Department", 1),
                ("Department of Social Work", 1)
            ]
        );
        let fr = &linked.wild["society-work-department"]["fr"];
        assert_eq!((fr.renderings[0].passages, fr.unmatched), (1, 1));
        assert_eq!(
            linked.wild["society-work-department"]["zh"].renderings[0].passages,
            1
        );
    }
}
