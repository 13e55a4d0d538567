//! Rules on references: relations between concepts, `source#passage` references, quotes.

use super::tables::{suggest, Tables};
use crate::codes::Code;
use crate::diag::{Diagnostic, FileId};
use crate::raw::{LocatedStr, RawConcept};
use crate::suggest::excerpt;

/// Every concept id a concept names: relations, components and homonyms, with the field.
fn named_concepts(c: &RawConcept) -> Vec<(&'static str, &LocatedStr)> {
    let r = &c.relations;
    let mut out = Vec::new();
    for (field, ids) in [
        ("broader", &r.broader),
        ("narrower", &r.narrower),
        ("related", &r.related),
        ("contrast", &r.contrast),
        ("components", &r.components),
    ] {
        out.extend(ids.iter().map(|id| (field, id)));
    }
    if let Some(s) = &c.senses {
        out.extend(s.homonyms.iter().map(|id| ("homonyms", id)));
    }
    out
}

/// V105 V122: relations, components and homonyms name existing concepts, other than itself.
pub fn relations(ctx: &Tables, out: &mut Vec<Diagnostic>) {
    for c in ctx.concepts() {
        for (field, id) in named_concepts(&c.value) {
            if id.value == c.value.id.value {
                out.push(
                    Diagnostic::new(
                        Code::SelfReference,
                        format!("`{field}` names the concept itself"),
                    )
                    .at(ctx.label(c.file, id).with_message("this concept"))
                    .help("remove it: a concept is not related to itself"),
                );
            } else if !ctx.knows_concept(&id.value) {
                let help = match suggest(&id.value, ctx.concepts.keys().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => "name a concept file in glossary/concepts/ (without .yaml)".into(),
                };
                out.push(
                    Diagnostic::new(
                        Code::UnknownConcept,
                        format!("`{field}` names unknown concept `{}`", excerpt(&id.value)),
                    )
                    .at(ctx.label(c.file, id).with_message("no such concept"))
                    .help(help),
                );
            }
        }
    }
}

/// V130: a concept is named once among another's relations; a second mention (in the same
/// list or another) says nothing new and shows the concept twice on its page and map.
pub fn repeated_relations(ctx: &Tables, out: &mut Vec<Diagnostic>) {
    for c in ctx.concepts() {
        // The first field naming each id (a map: a hostile file may list thousands).
        let mut seen: std::collections::HashMap<&str, &str> = Default::default();
        let mut named = named_concepts(&c.value);
        // Components first: a component also listed as `related` is reported at `related`.
        named.sort_by_key(|(field, _)| *field != "components");
        for (field, id) in named.into_iter().filter(|(f, _)| *f != "homonyms") {
            match seen.get(id.value.as_str()) {
                Some(first_field) => out.push(
                    Diagnostic::new(
                        Code::RelationRepeated,
                        format!("`{field}` names `{}` again", excerpt(&id.value)),
                    )
                    .at(ctx.label(c.file, id).with_message(format!("already in `{first_field}`")))
                    .help("keep it in one list: components are parts, `related` is for what is neither part, broader nor narrower"),
                ),
                None => {
                    seen.insert(&id.value, field);
                }
            }
        }
    }
}

/// Every `source#passage` reference of a concept, with the language it must be in (for
/// attestations) if any.
fn passage_refs(c: &RawConcept) -> Vec<(&LocatedStr, Option<&str>)> {
    let mut out = Vec::new();
    for (lang, terms) in &c.terms.0 {
        for t in terms {
            out.extend(t.attested.iter().map(|r| (r, Some(lang.value.as_str()))));
        }
    }
    out.extend(
        c.history
            .iter()
            .filter_map(|e| e.source.as_ref())
            .map(|r| (r, None)),
    );
    out.extend(c.citations.iter().map(|cit| (&cit.reference, None)));
    out
}

/// V106 V124: `source#passage` references resolve; attestations are in the term's language.
pub fn passages(ctx: &Tables, out: &mut Vec<Diagnostic>) {
    for c in ctx.concepts() {
        for (reference, lang) in passage_refs(&c.value) {
            match ctx.passage(&reference.value) {
                None if ctx.source_unreadable(&reference.value) => {}
                None => out.push(unresolved(ctx, c.file, reference)),
                Some((_, passage_lang)) => {
                    if let Some(lang) = lang.filter(|l| *l != passage_lang) {
                        out.push(
                            Diagnostic::new(
                                Code::AttestationLanguage,
                                format!("a `{lang}` rendering is attested by `{}`, a `{passage_lang}` passage", reference.value),
                            )
                            .at(ctx.label(c.file, reference).with_message("passage in another language"))
                            .help(format!("cite a `{lang}` passage that uses the rendering")),
                        );
                    }
                }
            }
        }
    }
}

fn unresolved(ctx: &Tables, file: FileId, reference: &LocatedStr) -> Diagnostic {
    let d = Diagnostic::new(
        Code::UnknownReference,
        format!("reference `{}` does not resolve", excerpt(&reference.value)),
    );
    let Some((source, passage)) = reference.value.split_once('#') else {
        return d
            .at(ctx
                .label(file, reference)
                .with_message("expected `source-id#passage-id`"))
            .help("write the source id and the passage id joined by `#`");
    };
    match ctx.sources.get(source) {
        None => {
            let help = match suggest(source, ctx.sources.keys().copied()) {
                Some(s) => format!("did you mean `{s}#{passage}`?"),
                None => "name a source file in glossary/sources/ (without .yaml)".into(),
            };
            d.at(ctx
                .label(file, reference)
                .with_message(format!("no source `{source}`")))
                .help(help)
        }
        Some(s) => {
            let ids: Vec<&str> = s
                .value
                .passages
                .iter()
                .map(|p| p.id.value.as_str())
                .collect();
            let help = match suggest(passage, ids.iter().copied()) {
                Some(p) => format!("did you mean `{source}#{p}`?"),
                None => format!("its passages are: {}", ids.join(", ")),
            };
            d.at(ctx
                .label(file, reference)
                .with_message(format!("`{source}` has no passage `{passage}`")))
                .help(help)
        }
    }
}

/// V114: a citation's quote occurs in the cited passage, whitespace-normalised.
pub fn quotes(ctx: &Tables, out: &mut Vec<Diagnostic>) {
    for c in ctx.concepts() {
        for cit in &c.value.citations {
            let (Some(quote), Some((text, _))) = (&cit.quote, ctx.passage(&cit.reference.value))
            else {
                continue;
            };
            if !quoted_in(text, &quote.value) {
                out.push(
                    Diagnostic::new(
                        Code::QuoteNotFound,
                        format!("the quote is not found in `{}`", cit.reference.value),
                    )
                    .at(ctx.label(c.file, quote).with_message("not in the passage"))
                    .help("copy the words exactly from the passage (line breaks and spacing may differ)"),
                );
            }
        }
    }
}

/// Whether `quote` is in `text` once both are [`squash`]ed. A quote found as it is needs no
/// squashing: squashing keeps a substring a substring.
fn quoted_in(text: &str, quote: &str) -> bool {
    text.contains(quote) || squash(text).contains(&squash(quote))
}

/// Collapses every run of whitespace to one space and unifies typographic quotes, so a
/// quote copied across a line break still matches.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_matches_across_line_breaks_spacing_and_typographic_quotes() {
        let text = "It is essential to strengthen\n  Party building in “new” organizations.";
        assert!(quoted_in(text, "strengthen Party building"));
        assert!(quoted_in(text, "in \"new\" organizations"));
        assert!(quoted_in(text, " essential  to\tstrengthen "));
        assert!(!quoted_in(text, "strengthen the Party"));
    }

    #[test]
    fn squashing_keeps_a_substring_a_substring() {
        let text = "a  b\n\n c ‘d’  e ";
        for start in 0..text.len() {
            for end in start..=text.len() {
                if let Some(part) = text.get(start..end) {
                    assert!(squash(text).contains(&squash(part)), "{part:?}");
                }
            }
        }
    }
}
