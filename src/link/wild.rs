//! Renderings in the wild: how often the sources use each term of a concept.
//!
//! Per concept and language, every term of the entry with the number of source passages that
//! use it for this concept, so a page can say "Department of Social Work: 4 passages
//! (admitted), Society Work Department: 2 (preferred)". A passage counts when the term is
//! linked to the concept there, or when a translation used it for a concept of its original
//! (which settles an occurrence that was ambiguous on its own). Aligned passages that used
//! none of the renderings are counted as `unmatched`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::{Alignment, Links};
use crate::model::{Glossary, Lang, Status};

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
/// (source, passage) pairs, borrowed likewise.
type PassageSet<'a> = BTreeSet<(&'a str, &'a str)>;

/// Counts every rendering of every concept across the linked sources.
pub fn wild(glossary: &Glossary, links: &Links, alignments: &[Alignment]) -> Wild {
    let used = passages_using(links, alignments);
    // Unmatched alignments by (concept, language), counted once rather than per concept.
    let mut unmatched: std::collections::HashMap<(&str, &str), usize> = Default::default();
    for a in alignments.iter().filter(|a| a.is_unmatched()) {
        *unmatched.entry((&a.concept, &a.lang)).or_default() += 1;
    }
    let mut out = Wild::new();
    for concept in glossary.concepts.values() {
        for (lang, terms) in &concept.terms {
            let mut renderings: Vec<WildRendering> = terms
                .iter()
                .map(|t| WildRendering {
                    term: t.text.clone(),
                    status: t.status,
                    passages: used
                        .get(&(concept.id.as_str(), lang.as_str(), t.text.as_str()))
                        .map_or(0, BTreeSet::len),
                })
                .collect();
            renderings.sort_by(|a, b| b.passages.cmp(&a.passages).then(a.status.cmp(&b.status)));
            let unmatched = unmatched
                .get(&(concept.id.as_str(), lang.as_str()))
                .copied()
                .unwrap_or(0);
            out.entry(concept.id.clone()).or_default().insert(
                lang.clone(),
                WildLang {
                    renderings,
                    unmatched,
                },
            );
        }
    }
    out
}

/// The passages that use each (concept, language, term).
fn passages_using<'a>(
    links: &'a Links,
    alignments: &'a [Alignment],
) -> HashMap<Key<'a>, PassageSet<'a>> {
    let mut used: HashMap<Key<'a>, PassageSet<'a>> = HashMap::new();
    for p in &links.passages {
        for o in &p.occurrences {
            if let Some(c) = o.concept() {
                used.entry((c, p.lang.as_str(), o.term.as_str()))
                    .or_default()
                    .insert((p.source.as_str(), p.passage.as_str()));
            }
        }
    }
    for a in alignments {
        for r in &a.renderings {
            used.entry((a.concept.as_str(), a.lang.as_str(), r.term.as_str()))
                .or_default()
                .insert((a.translation.as_str(), a.passage.as_str()));
        }
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
