//! Translation QA: the renderings a translation uses, checked against the glossary.
//!
//! `shuyu check` reads bilingual files (XLIFF 1.2 and 2.0, TMX, TSV/CSV) and monolingual ones
//! (Markdown, text) through [`read`], and turns each into [`Segment`]s. For a bilingual segment
//! the Chinese source is linked with the same linker as the glossary's own sources, senses
//! included; for each concept found, the target must use an accepted rendering of *that*
//! concept:
//!
//! - a deprecated or superseded rendering is an error naming the preferred one;
//! - a rendering only the homonym has (the other sense of 社会工作) is an error;
//! - a rendering both senses share is a note suggesting a rendering proper to this sense;
//! - no rendering at all is a warning listing what is accepted;
//! - an ambiguous occurrence is a note asking the translator to make the sense explicit;
//! - a numbered formula (两企三新) is rendered by one of its own renderings or by all of its
//!   components.
//!
//! A monolingual file is linted for deprecated and superseded renderings. A segment that
//! carries `shuyu-ignore: <concept-id>` is not reported for that concept. [`report`] prints the
//! findings as text, JSON, GitHub annotations or SARIF.

pub mod read;
pub mod report;

use serde::Serialize;

use crate::link::{Linker, Occurrence};
use crate::model::{Concept, Glossary, Status, Term};

/// One unit of a checked file: a source and its translation, or a line of text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segment {
    /// The segment's id in the file (XLIFF unit, TMX tuid), if it has one.
    pub id: Option<String>,
    /// The line the segment starts on, counted from 1.
    pub line: usize,
    /// The Chinese source; `None` for a monolingual file.
    pub source: Option<String>,
    /// The translation (or the text of a monolingual file).
    pub target: String,
    /// Concepts exempted by a `shuyu-ignore: <id>` marker.
    pub ignore: Vec<String>,
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Note,
}

/// One problem in a translation.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub level: Level,
    pub file: String,
    pub line: usize,
    pub segment: Option<String>,
    pub concept: String,
    pub message: String,
    /// The preferred rendering in the target language, if the concept has one.
    pub expected: Option<String>,
    pub authority: Option<String>,
    /// The concept's page: `concepts/<id>/`, absolute when the glossary sets `site_url`.
    pub permalink: String,
}

/// The glossary and linker a check runs with.
pub struct Checker<'g> {
    glossary: &'g Glossary,
    linker: &'g Linker,
    source_lang: String,
    target_lang: String,
}

impl<'g> Checker<'g> {
    pub fn new(glossary: &'g Glossary, linker: &'g Linker, source: &str, target: &str) -> Self {
        Checker {
            glossary,
            linker,
            source_lang: source.to_string(),
            target_lang: target.to_string(),
        }
    }

    /// The language translations are checked in.
    pub fn target_lang(&self) -> &str {
        &self.target_lang
    }

    /// Every finding of one segment of `file`.
    pub fn check(&self, file: &str, segment: &Segment) -> Vec<Finding> {
        let found = match &segment.source {
            Some(source) => self.bilingual(source, &segment.target),
            None => self.monolingual(&segment.target),
        };
        found
            .into_iter()
            .filter(|(concept, ..)| !segment.ignore.iter().any(|i| i == concept))
            .map(|(concept, level, message)| self.finding(file, segment, concept, level, message))
            .collect()
    }

    fn finding(
        &self,
        file: &str,
        segment: &Segment,
        concept: String,
        level: Level,
        message: String,
    ) -> Finding {
        let preferred = self
            .concept(&concept)
            .and_then(|c| c.preferred(&self.target_lang));
        Finding {
            level,
            file: file.to_string(),
            line: segment.line,
            segment: segment.id.clone(),
            expected: preferred.map(|t| t.text.clone()),
            authority: preferred.and_then(|t| t.authority.clone()),
            permalink: format!(
                "{}concepts/{concept}/",
                self.glossary.site_url.as_deref().unwrap_or("")
            ),
            concept,
            message,
        }
    }

    fn concept(&self, id: &str) -> Option<&'g Concept> {
        self.glossary.concepts.get(id)
    }

    /// (concept, level, message) for each concept of the source.
    fn bilingual(&self, source: &str, target: &str) -> Vec<(String, Level, String)> {
        let found = self.linker.link_text(&self.source_lang, source);
        let used = self.linker.link_text(&self.target_lang, target);
        let mut out: Vec<(String, Level, String)> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for o in &found {
            let Some(concept) = o.concept() else {
                out.extend(self.ambiguous(o));
                continue;
            };
            if seen.contains(&concept) {
                continue;
            }
            seen.push(concept);
            if let Some(c) = self.concept(concept) {
                out.extend(
                    self.rendering_of(c, &o.term, &used)
                        .map(|(level, m)| (c.id.clone(), level, m)),
                );
            }
        }
        out
    }

    fn ambiguous(&self, o: &Occurrence) -> Option<(String, Level, String)> {
        let first = o.concepts.first()?.clone();
        Some((
            first,
            Level::Note,
            format!(
                "`{}` may stand for {}: make the sense explicit in the translation",
                o.term,
                o.concepts.join(" or ")
            ),
        ))
    }

    /// What the target did with concept `c` (whose source term was `term`); `None` if fine.
    fn rendering_of(
        &self,
        c: &Concept,
        term: &str,
        used: &[Occurrence],
    ) -> Option<(Level, String)> {
        let lang = self.target_lang.as_str();
        let mine: Vec<(&Occurrence, &Term)> = used
            .iter()
            .filter(|o| o.may_be(&c.id))
            .filter_map(|o| Some((o, term_of(c, lang, &o.term)?)))
            .collect();
        if let Some((_, t)) = mine.iter().find(|(_, t)| is_avoided(t.status)) {
            return Some((Level::Error, self.avoided_message(c, t)));
        }
        if let Some((o, t)) = mine.iter().find(|(_, t)| !is_avoided(t.status)) {
            return self.shared_note(c, o, t);
        }
        if let Some(other) = self.homonym_used(c, used) {
            return Some((
                Level::Error,
                format!(
                    "`{term}` here means {} but the translation uses `{}`, a rendering of {}",
                    c.id,
                    other.term,
                    other.concepts.join(" or ")
                ),
            ));
        }
        if self.components_rendered(c, used) {
            return None;
        }
        Some((Level::Warning, self.expected_message(c, term)))
    }

    fn avoided_message(&self, c: &Concept, t: &Term) -> String {
        let preferred = c.preferred(&self.target_lang).map(|p| p.text.as_str());
        format!(
            "`{}` is a {} rendering of {}: write `{}`",
            t.text,
            t.status.word(),
            c.id,
            preferred.unwrap_or("the preferred rendering")
        )
    }

    /// A note when the rendering used is shared with a homonym, suggesting one proper to `c`.
    fn shared_note(&self, c: &Concept, o: &Occurrence, t: &Term) -> Option<(Level, String)> {
        let others: Vec<&String> = o.concepts.iter().filter(|x| **x != c.id).collect();
        if others.is_empty() {
            return None;
        }
        let own =
            c.terms.get(&self.target_lang)?.iter().find(|x| {
                !is_avoided(x.status) && !others.iter().any(|h| self.has_term(h, &x.text))
            });
        Some((
            Level::Note,
            format!(
                "`{}` also renders {}; the source means {} here{}",
                t.text,
                others
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                c.id,
                own.map(|x| format!(": `{}` says so", x.text))
                    .unwrap_or_default()
            ),
        ))
    }

    fn has_term(&self, concept: &str, text: &str) -> bool {
        self.concept(concept)
            .is_some_and(|c| term_of(c, &self.target_lang, text).is_some())
    }

    /// A target occurrence that renders only a homonym of `c`.
    fn homonym_used<'u>(&self, c: &Concept, used: &'u [Occurrence]) -> Option<&'u Occurrence> {
        let homonyms = self.homonyms(c);
        used.iter()
            .find(|o| !o.may_be(&c.id) && o.concepts.iter().any(|x| homonyms.contains(&x.as_str())))
    }

    /// The concepts sharing a Chinese term with `c`, declared on either side.
    fn homonyms<'c>(&'c self, c: &'c Concept) -> Vec<&'c str> {
        let mut out: Vec<&str> = c
            .senses
            .iter()
            .flat_map(|s| &s.homonyms)
            .map(String::as_str)
            .collect();
        for other in self.glossary.concepts.values() {
            if other
                .senses
                .as_ref()
                .is_some_and(|s| s.homonyms.contains(&c.id))
            {
                out.push(&other.id);
            }
        }
        out
    }

    /// A formula rendered by all of its components.
    fn components_rendered(&self, c: &Concept, used: &[Occurrence]) -> bool {
        let parts = &c.relations.components;
        !parts.is_empty() && parts.iter().all(|p| used.iter().any(|o| o.may_be(p)))
    }

    fn expected_message(&self, c: &Concept, term: &str) -> String {
        let mut accepted: Vec<&Term> = c
            .terms
            .get(&self.target_lang)
            .map(|ts| ts.iter().filter(|t| !is_avoided(t.status)).collect())
            .unwrap_or_default();
        accepted.sort_by_key(|t| t.status);
        if accepted.is_empty() {
            return format!(
                "`{term}` ({}) has no {} rendering in the glossary yet",
                c.id, self.target_lang
            );
        }
        let list: Vec<String> = accepted.iter().map(|t| format!("`{}`", t.text)).collect();
        let parts = if c.relations.components.is_empty() {
            String::new()
        } else {
            " (or a rendering of each of its components)".to_string()
        };
        format!(
            "`{term}` ({}): expected one of: {}{parts}",
            c.id,
            list.join(", ")
        )
    }

    /// Deprecated and superseded renderings in a text of the target language.
    fn monolingual(&self, text: &str) -> Vec<(String, Level, String)> {
        let mut out = Vec::new();
        for o in self.linker.link_text(&self.target_lang, text) {
            for id in &o.concepts {
                let Some(c) = self.concept(id) else { continue };
                let Some(t) = term_of(c, &self.target_lang, &o.term) else {
                    continue;
                };
                if is_avoided(t.status) {
                    out.push((c.id.clone(), Level::Error, self.avoided_message(c, t)));
                }
            }
        }
        out
    }
}

fn is_avoided(status: Status) -> bool {
    matches!(status, Status::Deprecated | Status::Superseded)
}

/// The term of `c` in `lang` written `text` (as the linker reports it: the entry that owns a
/// shared form may write it with other capitals or accents).
fn term_of<'c>(c: &'c Concept, lang: &str, text: &str) -> Option<&'c Term> {
    let terms = c.terms.get(lang)?;
    terms.iter().find(|t| t.text == text).or_else(|| {
        let folded = crate::search::fold(text);
        terms
            .iter()
            .find(|t| crate::search::fold(&t.text) == folded)
    })
}
