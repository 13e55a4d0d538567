//! The rules that only linking can check (K codes): they read the valid model and what the
//! linker found in it.
//!
//! - K201 `term-split`: a Chinese term that occurs in a passage attesting it, but that the
//!   segmenter does not keep whole there (it is cut together with its neighbours), so the
//!   passage never links to it. The help shows how jieba cuts the spot.
//! - K203 `sense-elsewhere`: a term whose attesting passage uses it, but in the sense of a
//!   homonym (the cues around it resolve it to the other concept): the attestation or the
//!   cues are wrong.
//! - K202 `unlinked`: a concept that no passage of any source links to (not even as a
//!   candidate of an ambiguous occurrence): its terms may be misspelt, or the glossary lacks a
//!   source that uses it.

use std::collections::{HashMap, HashSet};

use crate::codes::Code;
use crate::diag::{Diagnostic, Files, Label};
use crate::link::{is_chinese, Linker, Links, Occurrence, PassageLinks};
use crate::model::{Concept, Glossary, Origin, PassageRef, Term};
use crate::segment::{block_around, Segmenter};

/// What the linking rules see: the valid model, its files, the linker and its links, with
/// indexes over the links built once.
pub struct Linked<'a> {
    pub glossary: &'a Glossary,
    pub files: &'a Files,
    pub linker: &'a Linker,
    /// Every concept some occurrence may stand for.
    linked: HashSet<&'a str>,
    /// Each passage's links by its reference (the first, as `Links::get` finds it).
    by_ref: HashMap<(&'a str, &'a str), &'a PassageLinks>,
}

impl<'a> Linked<'a> {
    pub fn new(
        glossary: &'a Glossary,
        files: &'a Files,
        linker: &'a Linker,
        links: &'a Links,
    ) -> Self {
        let linked = links
            .passages
            .iter()
            .flat_map(|p| &p.occurrences)
            .flat_map(|o| o.concepts.iter().map(String::as_str))
            .collect();
        let mut by_ref = HashMap::new();
        for p in &links.passages {
            by_ref
                .entry((p.source.as_str(), p.passage.as_str()))
                .or_insert(p);
        }
        Linked {
            glossary,
            files,
            linker,
            linked,
            by_ref,
        }
    }
}

/// A label `len` bytes long where an entry of the model was written, if it was read from one
/// of `files` (entries built in code have no place).
fn label_at(files: &Files, origin: &Origin, len: usize) -> Option<Label> {
    let (file, start) = origin.at.filter(|(file, _)| *file < files.len())?;
    let end = (start + len).min(files.text(file).len());
    Some(Label::new(file, start.min(end)..end))
}

/// K202: a concept that no passage links to.
pub fn unlinked_concepts(ctx: &Linked, out: &mut Vec<Diagnostic>) {
    for concept in ctx.glossary.concepts.values() {
        if !ctx.linked.contains(concept.id.as_str()) {
            out.push(unlinked(ctx.files, concept));
        }
    }
}

/// K201 K203: a term that a passage attesting it does not link to its concept.
pub fn attestations(ctx: &Linked, out: &mut Vec<Diagnostic>) {
    let seg = ctx.linker.segmenter();
    for concept in ctx.glossary.concepts.values() {
        out.extend(unlinked_attestations(
            ctx.glossary,
            ctx.files,
            seg,
            &ctx.by_ref,
            concept,
        ));
    }
}

fn unlinked(files: &Files, concept: &Concept) -> Diagnostic {
    let mut d = Diagnostic::new(
        Code::Unlinked,
        format!("concept `{}` occurs in no source passage", concept.id),
    )
    .help("check the spelling of its terms, or add a source passage that uses one of them");
    if let Some(label) = label_at(files, &concept.origin, concept.id.len()) {
        d = d.at(label.with_message("linked nowhere"));
    }
    d
}

/// K201 and K203 for the terms of `concept` that a passage attesting them does not link to
/// it: the term is there but resolved to another concept (K203, any language), or not kept
/// whole by the segmenter (K201, Chinese).
fn unlinked_attestations(
    glossary: &Glossary,
    files: &Files,
    seg: Option<&Segmenter>,
    by_ref: &HashMap<(&str, &str), &PassageLinks>,
    concept: &Concept,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (lang, terms) in &concept.terms {
        for term in terms {
            for r in &term.attested {
                let Some(text) = glossary.passage(r).map(|p| p.text.as_str()) else {
                    continue;
                };
                let found: Vec<&Occurrence> = by_ref
                    .get(&(r.source.as_str(), r.passage.as_str()))
                    .filter(|p| &p.lang == lang)
                    .map(|p| {
                        p.occurrences
                            .iter()
                            .filter(|o| o.term == term.text)
                            .collect()
                    })
                    .unwrap_or_default();
                if found.iter().any(|o| o.may_be(&concept.id)) {
                    continue;
                }
                if let Some(other) = found.first() {
                    out.push(elsewhere(files, concept, term, r, other));
                } else if let (true, Some(seg)) = (is_chinese(lang), seg) {
                    if let Some(at) = text.find(term.text.as_str()) {
                        out.push(split(files, seg, term, r, text, at));
                    }
                }
            }
        }
    }
    out
}

/// K203: the attesting passage has the term, but its cues give it to another concept.
fn elsewhere(
    files: &Files,
    concept: &Concept,
    term: &Term,
    r: &PassageRef,
    other: &Occurrence,
) -> Diagnostic {
    let others = other.concepts.join("`, `");
    let mut d = Diagnostic::new(
        Code::SenseElsewhere,
        format!(
            "`{}` in the passage that attests it ({r}) stands for `{others}` there, not `{}`",
            term.text, concept.id
        ),
    )
    .help(format!(
        "attest it with a passage that uses it in this sense, or adjust the `senses.cues` of \
         `{}` and `{others}`",
        concept.id
    ));
    if let Some(label) = label_at(files, &term.origin, term.text.len()) {
        d = d.at(label.with_message("attested by a passage of another sense"));
    }
    d
}

fn split(
    files: &Files,
    seg: &Segmenter,
    term: &Term,
    r: &PassageRef,
    text: &str,
    at: usize,
) -> Diagnostic {
    let block = block_around(text, at..at + term.text.len());
    let cut = seg.words(&text[block]).join("/");
    let mut d = Diagnostic::new(
        Code::TermSplit,
        format!(
            "`{}` is not kept whole in the passage that attests it ({r})",
            term.text
        ),
    )
    .help(format!(
        "the segmenter cuts it there as {cut}; a longer term of the glossary or of jieba's \
         dictionary takes its characters"
    ));
    if let Some(label) = label_at(files, &term.origin, term.text.len()) {
        d = d.at(label.with_message("split by the segmenter"));
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::fixture::department;

    #[test]
    fn split_and_unlinked_terms_are_warned() {
        let g = department();
        let linker = Linker::new(&g);
        let links = linker.link_glossary(&g);
        let files = Files::default();
        let ctx = Linked::new(&g, &files, &linker, &links);
        let mut d = Vec::new();
        attestations(&ctx, &mut d);
        unlinked_concepts(&ctx, &mut d);
        let codes: Vec<_> = d.iter().map(|d| (d.code, d.message.as_str())).collect();
        assert_eq!(codes.len(), 3, "{codes:?}");
        assert_eq!(codes[0].0, Code::TermSplit);
        assert!(codes[0].1.contains("信访") && codes[0].1.contains("zh-src#p2"));
        assert!(d[0].help.as_deref().is_some_and(|h| h.contains("信访局")));
        // 信访 occurs only inside 信访局 (局 is no generic head), so its concept is linked nowhere either.
        assert_eq!((codes[1].0, codes[2].0), (Code::Unlinked, Code::Unlinked));
        assert!(codes[1].1.contains("petitions") && codes[2].1.contains("unused"));
    }
}
