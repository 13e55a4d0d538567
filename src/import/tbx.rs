//! TBX → concepts: the inverse of [`crate::export::tbx`], and a reader for the TBX other
//! tools write (LTAC's TBX-Basic, MultiTerm's and IATE's older `martif` with `termEntry`,
//! `langSet`, `tig`/`ntig`). What has no place in a concept is reported, not dropped silently.

use std::collections::BTreeSet;
use std::path::Path;

use super::xml::{self, Element};
use super::{origin, slugify, Context, ImportError, Imported, Report};
use crate::export::tbx::{
    status_of, term_type_of, AUTHORITY, PINYIN, RELATION_KINDS, SENSE_CUES, SEPARATOR, TERM_TYPE,
    TRADITIONAL,
};
use crate::model::{Concept, Lang, PassageRef, Senses, Status, Term, TermType};
use crate::validate::is_slug;

/// A cross-reference waiting for every concept to be read.
struct PendingRef {
    from: usize,
    kind: String,
    target: String,
    line: usize,
    column: usize,
}

pub fn read(file: &Path, text: &str, ctx: &Context) -> Result<Imported, ImportError> {
    let mut root = xml::parse(text).map_err(|e| ImportError::Malformed {
        file: file.to_path_buf(),
        line: e.line,
        column: e.column,
        message: e.message,
    })?;
    if root.name != "tbx" && root.name != "martif" {
        return Err(ImportError::Malformed {
            file: file.to_path_buf(),
            line: root.line,
            column: root.column,
            message: format!("the root element is <{}>, not <tbx> (TBX 3) or <martif> (TBX 2): is this a TBX file?", root.name),
        });
    }
    // Another tool's file is pretty-printed: its line breaks and indentation are layout,
    // not text. A shuyu export keeps text exactly as the entries have it.
    if !is_shuyu_export(&root) {
        collapse_whitespace(&mut root);
    }
    let default_lang = root.attr("xml:lang").unwrap_or("en").to_string();
    let mut out = Imported::default();
    let mut refs = Vec::new();
    let mut ids = BTreeSet::new();
    let mut entries = Vec::new();
    find_entries(&root, &mut entries);
    for entry in entries {
        if let Some(c) = concept(
            file,
            entry,
            ctx,
            &default_lang,
            &mut out.report,
            &mut refs,
            out.concepts.len(),
            &mut ids,
        ) {
            out.concepts.push(c);
        }
    }
    // Cross-references: to a concept of this file or of the glossary.
    let known: BTreeSet<String> = out.concepts.iter().map(|c| c.id.clone()).collect();
    for r in refs {
        let target = concept_id(&r.target);
        if !known.contains(&target) && !ctx.concepts.contains(&target) {
            out.report.note(
                r.line,
                r.column,
                format!("cross-reference to `{}` not kept: no such concept in this file or the glossary", r.target),
            );
            continue;
        }
        let c = &mut out.concepts[r.from];
        let rel = &mut c.relations;
        let list = match r.kind.as_str() {
            "broader" => &mut rel.broader,
            "narrower" => &mut rel.narrower,
            "contrast" => &mut rel.contrast,
            "component" => &mut rel.components,
            "homonym" => &mut c.senses.get_or_insert_with(Senses::default).homonyms,
            _ => &mut rel.related,
        };
        if !list.contains(&target) {
            list.push(target);
        }
    }
    Ok(out)
}

/// Whether the file says it was written by `shuyu export`.
fn is_shuyu_export(root: &Element) -> bool {
    root.elements()
        .filter(|e| e.name == "tbxHeader" || e.name == "martifHeader")
        .flat_map(|h| h.elements())
        .filter(|e| e.name == "fileDesc")
        .flat_map(|f| f.elements())
        .filter(|e| e.name == "sourceDesc")
        .flat_map(|s| s.elements())
        .any(|p| p.text().starts_with("Exported by shuyu"))
}

/// Whitespace runs as single spaces, and the text of a text-only element trimmed.
fn collapse_whitespace(e: &mut Element) {
    let text_only = e.children.iter().all(|n| matches!(n, xml::Node::Text(_)));
    for n in &mut e.children {
        match n {
            xml::Node::Text(t) => {
                let mut out = String::with_capacity(t.len());
                let mut space = false;
                for c in t.chars() {
                    if c.is_whitespace() {
                        space = true;
                    } else {
                        if space && (!out.is_empty() || !text_only) {
                            out.push(' ');
                        }
                        space = false;
                        out.push(c);
                    }
                }
                if space && !text_only {
                    out.push(' ');
                }
                *t = out;
            }
            xml::Node::Element(child) => collapse_whitespace(child),
        }
    }
}

/// Every concept entry below `e` (TBX 3 `conceptEntry`, TBX 2 `termEntry`).
fn find_entries<'a>(e: &'a Element, out: &mut Vec<&'a Element>) {
    for child in e.elements() {
        if child.name == "conceptEntry" || child.name == "termEntry" {
            out.push(child);
        } else if matches!(child.name.as_str(), "text" | "body") {
            find_entries(child, out);
        }
    }
}

/// A concept id from an XML id: the leading `_` export adds before a digit removed.
fn concept_id(xml_id: &str) -> String {
    match xml_id.strip_prefix('_') {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => rest.to_string(),
        _ => xml_id.to_string(),
    }
}

fn name_of(e: &Element) -> String {
    match e.attr("type") {
        Some(t) => format!("<{} type=\"{t}\">", e.name),
        None => format!("<{}>", e.name),
    }
}

#[allow(clippy::too_many_arguments)]
fn concept(
    file: &Path,
    entry: &Element,
    ctx: &Context,
    default_lang: &str,
    report: &mut Report,
    refs: &mut Vec<PendingRef>,
    index: usize,
    ids: &mut BTreeSet<String>,
) -> Option<Concept> {
    let mut c = Concept::new(String::new(), origin(file, entry.line, entry.column));
    let mut cues = Vec::new();
    let mut loose_notes: Vec<(Lang, String)> = Vec::new();
    let mut unstated: Vec<(Lang, String)> = Vec::new();
    for child in entry.elements() {
        let (line, col) = (child.line, child.column);
        match (child.name.as_str(), child.attr("type")) {
            ("descrip", Some("subjectField")) => subject_field(child, ctx, &mut c, report),
            ("descripGrp", _) => {
                for d in child.elements() {
                    match (d.name.as_str(), d.attr("type")) {
                        ("descrip", Some("subjectField")) => subject_field(d, ctx, &mut c, report),
                        ("descrip", Some("definition")) => {
                            definition(d, ctx, default_lang, &mut c.definition, report)
                        }
                        _ => report.note(
                            d.line,
                            d.column,
                            format!("{} in a concept's descripGrp not kept", name_of(d)),
                        ),
                    }
                }
            }
            ("descrip", Some("definition")) => {
                definition(child, ctx, default_lang, &mut c.definition, report)
            }
            ("ref", _) => {
                let text = child.text();
                let (kind, _) = text.split_once(": ").unwrap_or(("related", ""));
                let kind = if RELATION_KINDS.contains(&kind) {
                    kind
                } else {
                    "related"
                };
                match child.attr("target") {
                    Some(t) => refs.push(PendingRef {
                        from: index,
                        kind: kind.to_string(),
                        target: t.to_string(),
                        line,
                        column: col,
                    }),
                    None => report.note(line, col, "cross-reference without a target not kept"),
                }
            }
            ("note", _) => {
                let text = child.text();
                if let Some(rest) = text.strip_prefix(SENSE_CUES) {
                    cues.extend(
                        rest.split(SEPARATOR)
                            .map(|s| s.trim().to_string())
                            .filter(|s| !s.is_empty()),
                    );
                } else {
                    let lang = child.attr("xml:lang").unwrap_or(default_lang);
                    match ctx.language(lang) {
                        Some(l) => loose_notes.push((l, text)),
                        None => report.note(
                            line,
                            col,
                            format!("note in undeclared language `{lang}` not kept"),
                        ),
                    }
                }
            }
            ("langSec" | "langSet", _) => lang_sec(file, child, ctx, &mut c, &mut unstated, report),
            ("transacGrp", _) => report.note(
                line,
                col,
                "<transacGrp> (transaction dates and responsibility) not kept",
            ),
            _ => report.note_kind(
                line,
                col,
                &name_of(child),
                format!("{} of a concept not kept", name_of(child)),
            ),
        }
    }
    for (lang, text) in loose_notes {
        append(c.notes.entry(lang).or_default(), &text);
    }
    if !cues.is_empty() {
        c.senses.get_or_insert_with(Senses::default).cues = cues;
    }
    // Languages without a preferred term: the first term without a status is preferred.
    for (lang, terms) in c.terms.iter_mut() {
        if !terms.iter().any(|t| t.status == Status::Preferred) {
            if let Some(t) = terms
                .iter_mut()
                .find(|t| unstated.iter().any(|(l, x)| l == lang && *x == t.text))
            {
                t.status = Status::Preferred;
                report.note_kind(
                    t.origin.line,
                    t.origin.column,
                    "made-preferred",
                    format!(
                        "{lang}: no preferred term given: `{}` made preferred",
                        t.text
                    ),
                );
            }
        }
    }
    let xml_id = entry.attr("id").unwrap_or_default();
    let id = concept_id(xml_id);
    let id = if is_slug(&id) {
        id
    } else {
        let made = ["en", "fr", "es"]
            .iter()
            .find_map(|l| c.preferred(l).and_then(|t| slugify(&t.text)))
            .or_else(|| slugify(xml_id))
            .or_else(|| {
                c.terms
                    .values()
                    .flatten()
                    .find_map(|t| t.pinyin.as_deref().and_then(slugify))
            })
            .unwrap_or_else(|| format!("concept-{}", index + 1));
        report.note(
            entry.line,
            entry.column,
            format!("id `{xml_id}` is not a lowercase slug: the concept is `{made}`"),
        );
        made
    };
    let mut unique = id.clone();
    let mut n = 2;
    while ids.contains(&unique) {
        unique = format!("{id}-{n}");
        n += 1;
    }
    if unique != id {
        report.note(
            entry.line,
            entry.column,
            format!("id `{id}` used twice: this concept is `{unique}`"),
        );
    }
    ids.insert(unique.clone());
    c.id = unique;
    if c.terms.is_empty() {
        report.note_kind(
            entry.line,
            entry.column,
            "no-terms",
            format!(
                "concept `{}` has no term in a declared language: not imported",
                c.id
            ),
        );
        return None;
    }
    for lang in ["zh", "en"] {
        if ctx.languages.iter().any(|l| l == lang) && c.preferred(lang).is_none() {
            report.note_kind(entry.line, entry.column, &format!("missing-{lang}"), format!("missing: concept `{}` has no preferred {lang} term (the glossary requires zh and en)", c.id));
        }
    }
    Some(c)
}

fn subject_field(e: &Element, ctx: &Context, c: &mut Concept, report: &mut Report) {
    let field = e.text();
    match ctx.domain(&field) {
        Some(slug) if !c.domains.contains(&slug) => c.domains.push(slug),
        Some(_) => {}
        None => report.note_kind(
            e.line,
            e.column,
            "subject-field",
            format!(
                "subject field `{}` not kept: not a domain of this glossary",
                field.trim()
            ),
        ),
    }
}

fn definition(
    e: &Element,
    ctx: &Context,
    default_lang: &str,
    into: &mut std::collections::BTreeMap<Lang, String>,
    report: &mut Report,
) {
    let lang = e.attr("xml:lang").unwrap_or(default_lang);
    match ctx.language(lang) {
        Some(l) => append(into.entry(l).or_default(), &e.text()),
        None => report.note(
            e.line,
            e.column,
            format!("definition in undeclared language `{lang}` not kept"),
        ),
    }
}

fn append(to: &mut String, text: &str) {
    if !to.is_empty() {
        to.push_str("\n\n");
    }
    to.push_str(text);
}

fn lang_sec(
    file: &Path,
    sec: &Element,
    ctx: &Context,
    c: &mut Concept,
    unstated: &mut Vec<(Lang, String)>,
    report: &mut Report,
) {
    let tag = sec
        .attr("xml:lang")
        .or_else(|| sec.attr("lang"))
        .unwrap_or_default();
    let Some(lang) = ctx.language(tag) else {
        report.note(
            sec.line,
            sec.column,
            format!("language `{tag}` is not declared in glossary.yaml: its terms were not kept"),
        );
        return;
    };
    for child in sec.elements() {
        let (line, col) = (child.line, child.column);
        match (child.name.as_str(), child.attr("type")) {
            ("descrip", Some("definition")) => {
                append(c.definition.entry(lang.clone()).or_default(), &child.text())
            }
            ("descripGrp", _) => {
                for d in child.elements() {
                    match (d.name.as_str(), d.attr("type")) {
                        ("descrip", Some("definition")) => append(c.definition.entry(lang.clone()).or_default(), &d.text()),
                        ("admin", Some("source")) => report.note(d.line, d.column, "the source of a definition is not kept (a concept's definition has no source field; cite it in `citations`)"),
                        _ => report.note(d.line, d.column, format!("{} in a language's descripGrp not kept", name_of(d))),
                    }
                }
            }
            ("note", _) => append(c.notes.entry(lang.clone()).or_default(), &child.text()),
            ("termSec" | "tig" | "ntig", _) => {
                if let Some((t, stated)) = term(file, child, &lang, ctx, report) {
                    if !stated {
                        unstated.push((lang.clone(), t.text.clone()));
                    }
                    let terms = c.terms.entry(lang.clone()).or_default();
                    if terms.iter().any(|o| o.text == t.text) {
                        report.note(
                            line,
                            col,
                            format!("{lang} term `{}` given twice: the second not kept", t.text),
                        );
                    } else {
                        terms.push(t);
                    }
                }
            }
            ("transacGrp", _) => report.note(
                line,
                col,
                "<transacGrp> (transaction dates and responsibility) not kept",
            ),
            _ => report.note(
                line,
                col,
                format!("{} of a language section not kept", name_of(child)),
            ),
        }
    }
}

/// A term, and whether the file gave its status.
fn term(
    file: &Path,
    sec: &Element,
    lang: &str,
    ctx: &Context,
    report: &mut Report,
) -> Option<(Term, bool)> {
    // TBX 2's ntig wraps the term and its termNotes in a termGrp.
    let mut parts: Vec<&Element> = Vec::new();
    for child in sec.elements() {
        if child.name == "termGrp" {
            parts.extend(child.elements());
        } else {
            parts.push(child);
        }
    }
    let Some(term_el) = parts.iter().find(|e| e.name == "term") else {
        report.note(
            sec.line,
            sec.column,
            "a term section without <term> not kept",
        );
        return None;
    };
    let text = term_el.text().trim().to_string();
    if text.is_empty() {
        report.note(term_el.line, term_el.column, "an empty <term> not kept");
        return None;
    }
    let mut t = Term::new(
        text,
        Status::Admitted,
        origin(file, term_el.line, term_el.column),
    );
    let mut status = None;
    let mut notes = Vec::new();
    let mut formula = false;
    for e in parts {
        let (line, col) = (e.line, e.column);
        match (e.name.as_str(), e.attr("type")) {
            ("term", _) => {}
            ("termNote", Some("administrativeStatus")) | ("termNote", Some("normativeAuthorization")) => {
                match status_of(&e.text()) {
                    Some(s) => status = Some(s),
                    None => report.note(line, col, format!("administrative status `{}` not understood: the term is admitted", e.text().trim())),
                }
            }
            ("termNote", Some("termType")) => match term_type_of(&e.text()) {
                Some(tt) => t.term_type = Some(tt),
                None => report.note(line, col, format!("term type `{}` has no equivalent: not kept", e.text().trim())),
            },
            ("descripGrp", _) => context(e, ctx, &mut t, report),
            ("descrip", Some("context")) => report.note(line, col, "a context without a source not kept (attestations are `source#passage` references)"),
            ("note", _) => {
                let n = e.text();
                if let Some(p) = n.strip_prefix(PINYIN) {
                    t.pinyin = Some(p.to_string());
                } else if let Some(p) = n.strip_prefix(TRADITIONAL) {
                    t.traditional = Some(p.to_string());
                } else if let Some(a) = n.strip_prefix(AUTHORITY) {
                    if ctx.authorities.contains(a) {
                        t.authority = Some(a.to_string());
                    } else {
                        report.note(line, col, format!("authority `{a}` not kept: not declared in glossary.yaml"));
                    }
                } else if n.strip_prefix(TERM_TYPE) == Some("formula") {
                    formula = true;
                } else {
                    notes.push(n);
                }
            }
            _ => report.note(line, col, format!("{} of a term not kept", name_of(e))),
        }
    }
    if formula {
        t.term_type = Some(TermType::Formula);
    }
    if !notes.is_empty() {
        t.note = Some(notes.join("\n\n"));
    }
    if let Some(s) = status {
        t.status = s;
    }
    if lang != "zh" && (t.pinyin.is_some() || t.traditional.is_some()) {
        report.note(
            sec.line,
            sec.column,
            format!("pinyin or traditional form of a {lang} term not kept"),
        );
        t.pinyin = None;
        t.traditional = None;
    }
    Some((t, status.is_some()))
}

/// A context with its source: kept as an attestation when the source names a passage of
/// the glossary (`… [source#passage]`, or `source#passage` alone).
fn context(grp: &Element, ctx: &Context, t: &mut Term, report: &mut Report) {
    let mut source = None;
    for e in grp.elements() {
        match (e.name.as_str(), e.attr("type")) {
            ("descrip", Some("context")) => {}
            ("admin", Some("source")) => source = Some(e),
            _ => report.note(
                e.line,
                e.column,
                format!("{} in a context not kept", name_of(e)),
            ),
        }
    }
    let Some(src) = source else {
        report.note(
            grp.line,
            grp.column,
            "a context without a source not kept (attestations are `source#passage` references)",
        );
        return;
    };
    let text = src.text();
    let text = text.trim();
    let reference = text
        .strip_suffix(']')
        .and_then(|s| s.rsplit_once('['))
        .map_or(text, |(_, r)| r);
    match reference.split_once('#') {
        Some((s, p)) if ctx.passages.contains(reference) => {
            let r = PassageRef {
                source: s.to_string(),
                passage: p.to_string(),
            };
            if !t.attested.contains(&r) {
                t.attested.push(r);
            }
        }
        _ => report.note_kind(
            src.line,
            src.column,
            "context-source",
            format!(
                "context not kept: its source `{text}` names no passage of this glossary's sources"
            ),
        ),
    }
}
