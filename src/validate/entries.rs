//! Rules on whole entries: ids, declared languages, domains and authorities, dates,
//! translations.

use std::collections::BTreeMap;

use super::ctx::{is_slug, suggest, Ctx};
use crate::codes::Code;
use crate::diag::{Diagnostic, FileId};
use crate::raw::SpannedStr;

/// V101 V102 V103: ids are slugs equal to their file stem, unique among concepts, among
/// sources, and among the passages of a source.
pub fn ids(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let concepts = ctx.concepts().map(|c| (c.file, &c.value.id));
    let sources = ctx.sources().map(|s| (s.file, &s.value.id));
    for (kind, entries) in [
        ("concept", concepts.collect::<Vec<_>>()),
        ("source", sources.collect()),
    ] {
        for (file, id) in &entries {
            slug_and_stem(ctx, *file, id, out);
        }
        unique(ctx, kind, entries, out);
    }
    for source in ctx.sources() {
        let passages = source.value.passages.iter().map(|p| (source.file, &p.id));
        let passages: Vec<_> = passages.collect();
        for (file, id) in &passages {
            if !is_slug(&id.value) {
                out.push(bad_id(ctx, *file, id, "passage"));
            }
        }
        unique(ctx, "passage", passages, out);
    }
}

fn slug_and_stem(ctx: &Ctx, file: FileId, id: &SpannedStr, out: &mut Vec<Diagnostic>) {
    if !is_slug(&id.value) {
        out.push(bad_id(ctx, file, id, "id"));
    }
    let stem = ctx.raw.stem(file).unwrap_or_default();
    if id.value != stem {
        out.push(
            Diagnostic::new(
                Code::IdFileMismatch,
                format!(
                    "id `{}` does not match the file name `{stem}.yaml`",
                    id.value
                ),
            )
            .at(ctx.label(file, id).with_message("this id"))
            .help(format!("change the id to `{stem}`, or rename the file")),
        );
    }
}

fn bad_id(ctx: &Ctx, file: FileId, id: &SpannedStr, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::BadId,
        format!("{what} `{}` is not a lowercase slug", id.value),
    )
    .at(ctx.label(file, id).with_message("not a slug"))
    .help("use lowercase letters a-z, digits and single hyphens, e.g. `society-work-department`")
}

fn unique(ctx: &Ctx, kind: &str, entries: Vec<(FileId, &SpannedStr)>, out: &mut Vec<Diagnostic>) {
    let mut first: BTreeMap<&str, (FileId, &SpannedStr)> = BTreeMap::new();
    for (file, id) in entries {
        match first.get(id.value.as_str()) {
            Some((f0, id0)) => out.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    format!("duplicate {kind} id `{}`", id.value),
                )
                .at(ctx.label(file, id).with_message("defined again here"))
                .also(ctx.label(*f0, id0).with_message("first defined here"))
                .help(format!("give each {kind} its own id")),
            ),
            None => {
                first.insert(&id.value, (file, id));
            }
        }
    }
}

/// V107 V111: every language used is declared; every concept has zh and en terms.
pub fn languages(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for c in ctx.concepts() {
        let v = &c.value;
        let keys = v.terms.0.iter().map(|(k, _)| k);
        let keys = keys.chain(v.definition.0.iter().map(|(k, _)| k));
        for lang in keys.chain(v.notes.0.iter().map(|(k, _)| k)) {
            declared_language(ctx, c.file, lang, out);
        }
        for required in ["zh", "en"] {
            let present = v
                .terms
                .0
                .iter()
                .any(|(k, t)| k.value == required && !t.is_empty());
            if !present && !ctx.damaged(c.file) {
                out.push(
                    Diagnostic::new(
                        Code::MissingLanguage,
                        format!("concept `{}` has no `{required}` terms", v.id.value),
                    )
                    .at(ctx.label(c.file, &v.id).with_message("this concept"))
                    .help(format!("add `terms: {required}:` with a preferred term")),
                );
            }
        }
    }
    for s in ctx.sources() {
        declared_language(ctx, s.file, &s.value.lang, out);
    }
}

fn declared_language(ctx: &Ctx, file: FileId, lang: &SpannedStr, out: &mut Vec<Diagnostic>) {
    if ctx.has_declarations() && !ctx.languages.contains(&lang.value.as_str()) {
        out.push(
            Diagnostic::new(
                Code::UndeclaredLanguage,
                format!("language `{}` is not declared in glossary.yaml", lang.value),
            )
            .at(ctx.label(file, lang).with_message("undeclared language"))
            .help(format!(
                "use one of: {}; or add it to `languages` in glossary.yaml",
                ctx.languages.join(", ")
            )),
        );
    }
}

/// V108 V109: domains, authorities and source kinds are declared in glossary.yaml.
pub fn declared_names(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    if !ctx.has_declarations() {
        return;
    }
    for c in ctx.concepts() {
        for domain in &c.value.domains {
            declared(ctx, c.file, domain, Code::UnknownDomain, out);
        }
        let terms = c.value.terms.0.iter().flat_map(|(_, t)| t);
        for authority in terms.filter_map(|t| t.authority.as_ref()) {
            declared(ctx, c.file, authority, Code::UnknownAuthority, out);
        }
    }
    for s in ctx.sources() {
        declared(ctx, s.file, &s.value.kind, Code::UnknownAuthority, out);
    }
}

fn declared(ctx: &Ctx, file: FileId, name: &SpannedStr, code: Code, out: &mut Vec<Diagnostic>) {
    let (what, known) = match code {
        Code::UnknownDomain => ("domain", &ctx.domains),
        _ => ("authority", &ctx.authorities),
    };
    if known.contains(name.value.as_str()) {
        return;
    }
    let help = match suggest(&name.value, known.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("declare it under `{what}s` in glossary.yaml"),
    };
    out.push(
        Diagnostic::new(code, format!("unknown {what} `{}`", name.value))
            .at(ctx
                .label(file, name)
                .with_message("not declared in glossary.yaml"))
            .help(help),
    );
}

/// V119: dates are YYYY, YYYY-MM or YYYY-MM-DD with a real month and day.
pub fn dates(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for c in ctx.concepts() {
        for event in &c.value.history {
            check_date(ctx, c.file, &event.date, out);
        }
    }
    for s in ctx.sources() {
        check_date(ctx, s.file, &s.value.date, out);
    }
}

fn check_date(ctx: &Ctx, file: FileId, date: &SpannedStr, out: &mut Vec<Diagnostic>) {
    if !is_date(&date.value) {
        out.push(
            Diagnostic::new(Code::BadDate, format!("`{}` is not a date", date.value))
                .at(ctx
                    .label(file, date)
                    .with_message("expected YYYY, YYYY-MM or YYYY-MM-DD"))
                .help("write e.g. 2023, 2023-03 or 2023-03-16"),
        );
    }
}

/// YYYY, YYYY-MM or YYYY-MM-DD, month 1–12 and day 1–31.
pub fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let number = |p: &str, len: usize| p.len() == len && p.bytes().all(|b| b.is_ascii_digit());
    let in_range = |p: &str, max: u32| p.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n));
    match parts.as_slice() {
        [y] => number(y, 4),
        [y, m] => number(y, 4) && number(m, 2) && in_range(m, 12),
        [y, m, d] => {
            number(y, 4) && number(m, 2) && in_range(m, 12) && number(d, 2) && in_range(d, 31)
        }
        _ => false,
    }
}

/// V123: a translation names an existing source in another language, and each of its
/// passages has an id found in that source (same id = aligned passage).
pub fn translations(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for s in ctx.sources() {
        let Some(of) = &s.value.translation_of else {
            continue;
        };
        let Some(original) = ctx.sources.get(of.value.as_str()) else {
            out.push(
                Diagnostic::new(
                    Code::TranslationMismatch,
                    format!("`translation_of` names unknown source `{}`", of.value),
                )
                .at(ctx.label(s.file, of).with_message("no such source"))
                .help("name the id of the original source file in glossary/sources/"),
            );
            continue;
        };
        if original.value.lang.value == s.value.lang.value {
            out.push(
                Diagnostic::new(
                    Code::TranslationMismatch,
                    format!("a translation of `{}` is in the same language", of.value),
                )
                .at(ctx
                    .label(s.file, &s.value.lang)
                    .with_message("same language as the original"))
                .help("a translation's `lang` differs from its original's"),
            );
        }
        for p in &s.value.passages {
            if !original
                .value
                .passages
                .iter()
                .any(|o| o.id.value == p.id.value)
            {
                out.push(
                    Diagnostic::new(
                        Code::TranslationMismatch,
                        format!(
                            "passage `{}` has no counterpart in `{}`",
                            p.id.value, of.value
                        ),
                    )
                    .at(ctx.label(s.file, &p.id).with_message("not aligned"))
                    .help("aligned passages share their id: use the id of the original passage"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_date;

    #[test]
    fn dates() {
        for ok in ["2023", "2023-03", "2024-11-05"] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "23",
            "2023-3",
            "2023-13",
            "2023-02-32",
            "2023/03",
            "n.d.",
            "",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }
}
