//! Lookup tables the rules share, built once from the raw glossary.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{FileId, Label};
use crate::load::{label_at, Loaded, RawGlossary};
use crate::raw::{RawConcept, RawSource, SpannedStr};

/// What every rule can see: the raw input and indexes over it.
pub struct Ctx<'a> {
    pub raw: &'a RawGlossary,
    /// Languages declared in glossary.yaml, in declared order.
    pub languages: Vec<&'a str>,
    pub domains: BTreeSet<&'a str>,
    pub authorities: BTreeSet<&'a str>,
    /// Concepts by id: the first file that defines each id.
    pub concepts: BTreeMap<&'a str, &'a Loaded<RawConcept>>,
    /// Sources by id: the first file that defines each id.
    pub sources: BTreeMap<&'a str, &'a Loaded<RawSource>>,
}

impl<'a> Ctx<'a> {
    pub fn new(raw: &'a RawGlossary) -> Self {
        let meta = raw.glossary.as_ref().map(|g| &g.value);
        let languages = meta.map_or_else(Vec::new, |m| {
            m.languages.iter().map(|l| l.value.as_str()).collect()
        });
        let names =
            |pick: fn(&'a crate::raw::RawGlossaryFile) -> &'a crate::raw::KeyedList<String>| {
                meta.map_or_else(BTreeSet::new, |m| {
                    pick(m).0.iter().map(|(k, _)| k.value.as_str()).collect()
                })
            };
        let mut concepts = BTreeMap::new();
        for c in &raw.concepts {
            concepts.entry(c.value.id.value.as_str()).or_insert(c);
        }
        let mut sources = BTreeMap::new();
        for s in &raw.sources {
            sources.entry(s.value.id.value.as_str()).or_insert(s);
        }
        Ctx {
            raw,
            languages,
            domains: names(|m| &m.domains),
            authorities: names(|m| &m.authorities),
            concepts,
            sources,
        }
    }

    /// Whether glossary.yaml was read, so that declarations can be checked against it.
    pub fn has_declarations(&self) -> bool {
        self.raw.glossary.is_some()
    }

    /// The label of a positioned value in a file.
    pub fn label(&self, file: FileId, value: &SpannedStr) -> Label {
        label_at(file, &self.raw.files, value)
    }

    /// Every concept file, in sorted order.
    pub fn concepts(&self) -> impl Iterator<Item = &'a Loaded<RawConcept>> {
        self.raw.concepts.iter()
    }

    /// Every source file, in sorted order.
    pub fn sources(&self) -> impl Iterator<Item = &'a Loaded<RawSource>> {
        self.raw.sources.iter()
    }

    /// The passage text a `source#passage` reference points at, with the source's language.
    pub fn passage(&self, reference: &str) -> Option<(&'a str, &'a str)> {
        let (source, passage) = reference.split_once('#')?;
        let source = self.sources.get(source)?;
        let text = source
            .value
            .passages
            .iter()
            .find(|p| p.id.value == passage)?;
        Some((text.text.as_str(), source.value.lang.value.as_str()))
    }
}

/// Whether `id` is a lowercase slug: a-z and 0-9 in words joined by single hyphens.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The closest of `candidates` to `wrong`, to suggest as a fix ("did you mean …").
pub fn suggest<'c>(wrong: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(wrong, c), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(is_slug("society-work-2"));
        for bad in [
            "",
            "Society",
            "a--b",
            "-a",
            "a-",
            "../../etc/passwd",
            "a_b",
            "社会",
        ] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            suggest("goverance", ["governance", "stability"]),
            Some("governance")
        );
        assert_eq!(suggest("xyz", ["governance"]), None);
    }
}
