//! Linking: find every glossary term in the source passages, decide which concept each
//! occurrence stands for, and compare translations with their originals.
//!
//! - [`Linker`] holds one matcher per language: Chinese through the segmenter ([`zh`]: a term
//!   links only as a word of its own, or before a generic head such as 部门 in one word;
//!   traditional text through its simplified form), English, French and Spanish through folded
//!   and stemmed words ([`latin`]).
//! - [`senses`] resolves a term two concepts share by a compound that contains it, the cues in
//!   its sentence, or the rest of its text, or marks it ambiguous.
//! - [`mod@align`] looks in each translated passage for the renderings of the concepts linked in
//!   its original; [`mod@wild`] counts which renderings the sources actually use.
//! - `validate`'s linking rules (K codes) turn what linking learnt into warnings.
//!
//! Offsets are bytes into the passage text as written (the original, not a conversion).

pub mod align;
pub mod doc;
#[cfg(test)]
pub(crate) mod fixture;
pub mod fold;
pub mod forms;
pub mod kwic;
pub mod latin;
mod linker;
pub mod senses;
pub mod traditional;
pub mod variants;
pub mod wild;
pub mod zh;

use std::collections::HashMap;

use serde::Serialize;

pub use align::{align, Alignment};
pub use linker::{chinese_passage_bytes, is_chinese, Linker};
pub use wild::{wild, Wild};

use crate::model::{Glossary, Lang, Status};
use latin::FxBuild;

/// One place where a glossary term occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    /// Byte offsets into the passage text.
    pub start: usize,
    pub end: usize,
    /// The glossary term found, as the (resolved) concept's entry writes it.
    pub term: String,
    /// The concept; when `ambiguous`, every concept the term may stand for.
    pub concepts: Vec<String>,
    pub ambiguous: bool,
    /// The term's status in the resolved concept.
    pub status: Option<Status>,
    /// For a term several concepts share, what decided its sense (compound, sentence or
    /// text; see [`senses`]); none for an ambiguous occurrence or a term of one concept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved_by: Option<senses::Basis>,
}

impl Occurrence {
    /// The concept this occurrence links to, unless it is ambiguous.
    pub fn concept(&self) -> Option<&str> {
        match self.concepts.as_slice() {
            [one] if !self.ambiguous => Some(one),
            _ => None,
        }
    }

    /// Whether this occurrence may stand for `concept` (resolved to it, or a candidate).
    pub fn may_be(&self, concept: &str) -> bool {
        self.concepts.iter().any(|c| c == concept)
    }
}

/// The occurrences in one passage of one source.
#[derive(Debug, Clone, Serialize)]
pub struct PassageLinks {
    pub source: String,
    pub passage: String,
    pub lang: Lang,
    pub occurrences: Vec<Occurrence>,
}

/// The occurrences in every passage of the glossary's sources.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Links {
    pub passages: Vec<PassageLinks>,
}

impl Links {
    /// The links of every passage by (source, passage).
    pub fn by_passage(&self) -> HashMap<(&str, &str), &PassageLinks, FxBuild> {
        self.passages
            .iter()
            .map(|p| ((p.source.as_str(), p.passage.as_str()), p))
            .collect()
    }

    /// Every occurrence that may stand for `concept`, with its passage.
    pub fn of<'a>(
        &'a self,
        concept: &'a str,
    ) -> impl Iterator<Item = (&'a PassageLinks, &'a Occurrence)> {
        self.passages
            .iter()
            .flat_map(|p| p.occurrences.iter().map(move |o| (p, o)))
            .filter(move |(_, o)| o.may_be(concept))
    }
}

/// Everything linking derives from a glossary.
#[derive(Debug)]
pub struct Linked {
    pub links: Links,
    pub alignments: Vec<Alignment>,
    pub wild: Wild,
}

/// Links the glossary's sources, aligns translations and counts renderings in the wild.
pub fn link_glossary(linker: &Linker, glossary: &Glossary) -> Linked {
    let links = linker.link_glossary(glossary);
    let alignments = align(glossary, &links);
    let wild = wild(glossary, &links, &alignments);
    Linked {
        links,
        alignments,
        wild,
    }
}
