//! Rules on whole entries: ids, declared languages, domains and authorities, dates,
//! translations.

use std::collections::BTreeMap;

use super::tables::{is_slug, suggest, Tables};
use crate::chinese::is_chinese;
use crate::codes::Code;
use crate::diag::{Diagnostic, FileId};
use crate::raw::SpannedStr;
use crate::suggest::did_you_mean;

/// V101 V102 V103: ids are slugs equal to their file stem, unique among concepts, among
/// sources, and among the passages of a source.
pub fn ids(ctx: &Tables, out: &mut Vec<Diagnostic>) {
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

fn slug_and_stem(ctx: &Tables, file: FileId, id: &SpannedStr, out: &mut Vec<Diagnostic>) {
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

fn bad_id(ctx: &Tables, file: FileId, id: &SpannedStr, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::BadId,
        format!("{what} `{}` is not a lowercase slug", id.value),
    )
    .at(ctx.label(file, id).with_message("not a slug"))
    .help("use lowercase letters a-z, digits and single hyphens, e.g. `society-work-department`")
}

fn unique(
    ctx: &Tables,
    kind: &str,
    entries: Vec<(FileId, &SpannedStr)>,
    out: &mut Vec<Diagnostic>,
) {
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
pub fn languages(ctx: &Tables, out: &mut Vec<Diagnostic>) {
    for c in ctx.concepts() {
        let v = &c.value;
        let keys = v.terms.0.iter().map(|(k, _)| k);
        let keys = keys.chain(v.definition.0.iter().map(|(k, _)| k));
        for lang in keys.chain(v.notes.0.iter().map(|(k, _)| k)) {
            declared_language(ctx, c.file, lang, out);
        }
        for (required, is) in [
            ("zh", is_chinese as fn(&str) -> bool),
            ("en", |l| l == "en"),
        ] {
            let present = v.terms.0.iter().any(|(k, t)| is(&k.value) && !t.is_empty());
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

fn declared_language(ctx: &Tables, file: FileId, lang: &SpannedStr, out: &mut Vec<Diagnostic>) {
    if ctx.has_declarations() && !ctx.languages.contains(&lang.value.as_str()) {
        out.push(
            Diagnostic::new(
                Code::UndeclaredLanguage,
                format!("language `{}` is not declared in glossary.yaml", lang.value),
            )
            .at(ctx.label(file, lang).with_message("undeclared language"))
            .help(
                did_you_mean(&lang.value, ctx.languages.iter().copied()).unwrap_or_else(|| {
                    format!(
                        "use one of: {}; or add it to `languages` in glossary.yaml",
                        ctx.languages.join(", ")
                    )
                }),
            ),
        );
    }
}

/// V108 V109: domains, authorities and source kinds are declared in glossary.yaml.
pub fn declared_names(ctx: &Tables, out: &mut Vec<Diagnostic>) {
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

fn declared(ctx: &Tables, file: FileId, name: &SpannedStr, code: Code, out: &mut Vec<Diagnostic>) {
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
pub fn dates(ctx: &Tables, out: &mut Vec<Diagnostic>) {
    for c in ctx.concepts() {
        for event in &c.value.history {
            check_date(ctx, c.file, &event.date, out);
        }
    }
    for s in ctx.sources() {
        check_date(ctx, s.file, &s.value.date, out);
    }
}

fn check_date(ctx: &Tables, file: FileId, date: &SpannedStr, out: &mut Vec<Diagnostic>) {
    if !is_date(&date.value) {
        // A well-formed day the calendar does not have (2023-02-31) is told as such.
        let digits = date.value.bytes().filter(u8::is_ascii_digit).count();
        let why = if digits == 8 && is_date(&date.value[..date.value.len().min(7)]) {
            "the month has no such day"
        } else {
            "expected YYYY, YYYY-MM or YYYY-MM-DD"
        };
        out.push(
            Diagnostic::new(Code::BadDate, format!("`{}` is not a date", date.value))
                .at(ctx.label(file, date).with_message(why))
                .help("write e.g. 2023, 2023-03 or 2023-03-16"),
        );
    }
}

/// YYYY, YYYY-MM or YYYY-MM-DD: a month 1–12, a day that the month has (2023-02-31 is no
/// date; 2024-02-29 is).
pub fn is_date(s: &str) -> bool {
    let number = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u32>().ok())?
    };
    let parts: Vec<Option<u32>> = s
        .split('-')
        .zip([4, 2, 2])
        .map(|(p, n)| number(p, n))
        .collect();
    if s.split('-').count() > 3 {
        return false;
    }
    match parts.as_slice() {
        [Some(_)] => true,
        [Some(_), Some(m)] => (1..=12).contains(m),
        [Some(y), Some(m), Some(d)] => (1..=12).contains(m) && (1..=days_in(*y, *m)).contains(d),
        _ => false,
    }
}

/// How many days month `m` of year `y` has (Gregorian).
fn days_in(y: u32, m: u32) -> u32 {
    match m {
        2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// V123: a translation names an existing source in another language, and each of its
/// passages has an id found in that source (same id = aligned passage).
pub fn translations(ctx: &Tables, out: &mut Vec<Diagnostic>) {
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
        for ok in ["2023", "2023-03", "2024-11-05", "2024-02-29", "2000-02-29"] {
            assert!(is_date(ok), "{ok}");
        }
        for bad in [
            "23",
            "2023-3",
            "2023-13",
            "2023-02-32",
            "2023-02-31",
            "2023-02-29",
            "1900-02-29",
            "2023-04-31",
            "2023-01-01-01",
            "2023/03",
            "n.d.",
            "",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
    }
}
