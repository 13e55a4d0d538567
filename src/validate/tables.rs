//! Lookup tables the rules share, built once from the raw glossary.

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::{Diagnostic, FileId, Label, Severity};
use crate::load::{label_at, Loaded, RawGlossary};
use crate::raw::{RawConcept, RawSource, SpannedStr};

/// What every rule can see: the raw input and indexes over it.
pub struct Tables<'a> {
    pub raw: &'a RawGlossary,
    /// Languages declared in glossary.yaml, in declared order.
    pub languages: Vec<&'a str>,
    pub domains: BTreeSet<&'a str>,
    pub authorities: BTreeSet<&'a str>,
    /// Concepts by id: the first file that defines each id.
    pub concepts: BTreeMap<&'a str, &'a Loaded<RawConcept>>,
    /// Sources by id: the first file that defines each id.
    pub sources: BTreeMap<&'a str, &'a Loaded<RawSource>>,
    /// The ids (file stems) of concept files that could not be read at all: they exist for
    /// references, so a mistake in one file is not also reported in every file naming it.
    pub unreadable_concepts: BTreeSet<&'a str>,
    /// The same for source files: references to their passages are not judged.
    pub unreadable_sources: BTreeSet<&'a str>,
    /// The files where the loader found an error, with where each error starts. What such a file lacks may be what failed
    /// to load (a misspelt `defintion:`, a term whose status did not parse), so the rules
    /// that report something missing stay silent there: one mistake, one error.
    pub damaged: BTreeMap<FileId, BTreeSet<usize>>,
}

impl<'a> Tables<'a> {
    /// The tables of `raw`, whose loading reported `load_diags`.
    pub fn new(raw: &'a RawGlossary, load_diags: &[Diagnostic]) -> Self {
        let meta = raw.glossary.as_ref().map(|g| &g.value);
        let languages = meta.map_or_else(Vec::new, |m| {
            m.languages.iter().map(|l| l.value.as_str()).collect()
        });
        let names =
            |pick: fn(&'a crate::raw::RawGlossaryFile) -> &'a crate::raw::LocatedMap<String>| {
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
        let mut damaged: BTreeMap<FileId, BTreeSet<usize>> = BTreeMap::new();
        let errors = load_diags
            .iter()
            .filter(|d| d.severity() == Severity::Error);
        for label in errors.filter_map(|d| d.primary.as_ref()) {
            damaged
                .entry(label.file)
                .or_default()
                .insert(label.span.start);
        }
        Tables {
            raw,
            languages,
            domains: names(|m| &m.domains),
            authorities: names(|m| &m.authorities),
            concepts,
            sources,
            unreadable_concepts: unreadable(raw, "concepts"),
            unreadable_sources: unreadable(raw, "sources"),
            damaged,
        }
    }

    /// Whether `id` names a concept, read or not (an unreadable file's problems are reported
    /// in it).
    pub fn knows_concept(&self, id: &str) -> bool {
        self.concepts.contains_key(id) || self.unreadable_concepts.contains(id)
    }

    /// Whether a `source#passage` reference names a source file that could not be read.
    pub fn source_unreadable(&self, reference: &str) -> bool {
        let source = reference.split_once('#').map_or(reference, |(s, _)| s);
        self.unreadable_sources.contains(source)
    }

    /// Whether the loader found an error in `file`: see [`Tables::damaged`].
    pub fn damaged(&self, file: FileId) -> bool {
        self.damaged.contains_key(&file)
    }

    /// Whether the loader reported an error starting at byte `start` of `file`: a rule
    /// finding a problem at the same place would report the same mistake again.
    pub fn load_error_at(&self, file: FileId, start: usize) -> bool {
        self.damaged.get(&file).is_some_and(|s| s.contains(&start))
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

/// The stems of the files of `folder` (concepts or sources) that gave no value.
fn unreadable<'a>(raw: &'a RawGlossary, folder: &str) -> BTreeSet<&'a str> {
    let read: BTreeSet<FileId> = raw
        .concepts
        .iter()
        .map(|c| c.file)
        .chain(raw.sources.iter().map(|s| s.file))
        .collect();
    let in_folder = |file: FileId| {
        let parent = raw.files.path(file).parent();
        parent
            .and_then(|p| p.file_name())
            .is_some_and(|n| n == folder)
    };
    raw.stems
        .iter()
        .filter(|(file, _)| !read.contains(file) && in_folder(*file))
        .map(|(_, stem)| stem.as_str())
        .collect()
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

pub use crate::suggest::suggest;

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
}
