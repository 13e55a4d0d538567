//! Rules on the terms of a concept: counts, statuses, Chinese forms, shared renderings.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::tables::Tables;
use crate::chinese;
use crate::codes::Code;
use crate::diag::{Diagnostic, FileId};
use crate::load::Loaded;
use crate::raw::{RawConcept, RawTerm, SpannedStr, Status};

/// Every (language key, term) of a concept.
fn terms(c: &RawConcept) -> impl Iterator<Item = (&SpannedStr, &RawTerm)> {
    c.terms
        .0
        .iter()
        .flat_map(|(lang, ts)| ts.iter().map(move |t| (lang, t)))
}

/// V104 V110: a term appears once per language; each language has exactly one preferred.
pub fn counts(ctx: &Tables, out: &mut Vec<Diagnostic>) {
    for c in ctx.concepts() {
        for (lang, ts) in &c.value.terms.0 {
            duplicates(ctx, c.file, ts, out);
            let preferred: Vec<&RawTerm> = ts
                .iter()
                .filter(|t| t.status == Status::Preferred)
                .collect();
            // A term that failed to load may be the preferred one.
            let missing = preferred.is_empty() && ctx.damaged(c.file);
            if ts.is_empty() || preferred.len() == 1 || missing {
                continue;
            }
            let d = Diagnostic::new(
                Code::PreferredCount,
                format!(
                    "`{}` terms of `{}` have {} preferred terms; exactly one is needed",
                    lang.value,
                    c.value.id.value,
                    preferred.len()
                ),
            );
            let d = match preferred.as_slice() {
                [_] => continue,
                [] => d
                    .at(ctx.label(c.file, lang).with_message("no preferred term"))
                    .help("mark the rendering to use with `status: preferred`"),
                [first, second, rest @ ..] => rest
                    .iter()
                    .fold(
                        d.at(ctx
                            .label(c.file, &second.term)
                            .with_message("second preferred term")),
                        |d, t| d.also(ctx.label(c.file, &t.term)),
                    )
                    .also(
                        ctx.label(c.file, &first.term)
                            .with_message("first preferred term"),
                    )
                    .help("keep one `preferred`; make the others `admitted`"),
            };
            out.push(d);
        }
    }
}

fn duplicates(ctx: &Tables, file: FileId, ts: &[RawTerm], out: &mut Vec<Diagnostic>) {
    let mut first: BTreeMap<String, &SpannedStr> = BTreeMap::new();
    for t in ts {
        let key = t.term.value.trim().to_lowercase();
        match first.get(&key) {
            Some(t0) => out.push(
                Diagnostic::new(
                    Code::DuplicateTerm,
                    format!("term `{}` is listed twice", t.term.value),
                )
                .at(ctx.label(file, &t.term).with_message("listed again here"))
                .also(ctx.label(file, t0).with_message("first listed here"))
                .help("merge the two entries into one"),
            ),
            None => {
                first.insert(key, &t.term);
            }
        }
    }
}

/// V117: a deprecated or superseded term says why in a note.
pub fn notes_for_deprecated(ctx: &Tables, out: &mut Vec<Diagnostic>) {
    for c in ctx.concepts() {
        for (_, t) in terms(&c.value) {
            let needs = matches!(t.status, Status::Deprecated | Status::Superseded);
            if needs && t.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
                out.push(
                    Diagnostic::new(
                        Code::DeprecatedWithoutNote,
                        format!("{} term `{}` has no note", t.status.word(), t.term.value),
                    )
                    .at(ctx.label(c.file, &t.term).with_message("needs a note"))
                    .help("add `note:` saying why translators should avoid it, and what to use instead"),
                );
            }
        }
    }
}

/// V112 V113 V120 V121: pinyin and traditional forms match the characters, and only
/// Chinese terms carry them.
pub fn chinese_forms(ctx: &Tables, out: &mut Vec<Diagnostic>) {
    // The costliest rule (a pinyin search and three conversions a term): split it up.
    out.par_extend(ctx.raw.concepts.par_iter().flat_map_iter(|c| {
        let mut found = Vec::new();
        chinese_forms_of(ctx, c, &mut found);
        found
    }));
}

fn chinese_forms_of(ctx: &Tables, c: &Loaded<RawConcept>, out: &mut Vec<Diagnostic>) {
    {
        for (lang, t) in terms(&c.value) {
            if chinese::is_chinese(&lang.value) {
                check_zh_term(ctx, c, t, out);
            } else {
                for field in [&t.pinyin, &t.traditional].into_iter().flatten() {
                    out.push(
                        Diagnostic::new(
                            Code::ChineseFieldMisplaced,
                            format!(
                                "`{}` is a `{}` term and cannot have pinyin or a traditional form",
                                t.term.value, lang.value
                            ),
                        )
                        .at(ctx
                            .label(c.file, field)
                            .with_message("only for Chinese terms"))
                        .help("remove the field, or move the term under `zh`"),
                    );
                }
            }
        }
    }
}

fn check_zh_term(ctx: &Tables, c: &Loaded<RawConcept>, t: &RawTerm, out: &mut Vec<Diagnostic>) {
    match &t.pinyin {
        Some(p) => {
            if let Err(e) = chinese::check_pinyin(&t.term.value, &p.value) {
                out.push(pinyin_mismatch(ctx, c.file, t, p, &e));
            }
        }
        None if ctx.damaged(c.file) => {}
        None => out.push(
            Diagnostic::new(
                Code::MissingPinyin,
                format!("`{}` has no pinyin", t.term.value),
            )
            .at(ctx.label(c.file, &t.term).with_message("no pinyin"))
            .help("add `pinyin:` with tone marks, e.g. `pinyin: shèhuì gōngzuò`"),
        ),
    }
    if let Some(trad) = &t.traditional {
        // The standard conversion settles almost every term; the others only on a mismatch.
        let standard = chinese::to_traditional(&t.term.value) == trad.value;
        let forms = if standard {
            Vec::new()
        } else {
            chinese::traditional_forms(&t.term.value)
        };
        if !standard && !forms.contains(&trad.value) {
            let expected = forms.join("` or `");
            out.push(
                Diagnostic::new(
                    Code::TraditionalMismatch,
                    format!(
                        "traditional form `{}` does not match `{}`",
                        trad.value, t.term.value
                    ),
                )
                .at(ctx.label(c.file, trad).with_message(format!("expected `{expected}`")))
                .help(format!(
                    "write `traditional: {}` (OpenCC's conversion; Taiwan and Hong Kong forms are accepted too)",
                    forms[0]
                )),
            );
        }
    }
}

fn pinyin_mismatch(
    ctx: &Tables,
    file: FileId,
    t: &RawTerm,
    p: &SpannedStr,
    e: &chinese::PinyinMismatch,
) -> Diagnostic {
    let why = match e.character {
        Some(ch) => format!("no reading of {ch} ({}) fits here", e.readings.join(", ")),
        None => "the pinyin has syllables left over".to_string(),
    };
    let expected: Vec<String> = t
        .term
        .value
        .chars()
        .map(chinese::readings)
        .filter(|r| !r.is_empty())
        .map(|r| r[0].to_string())
        .collect();
    Diagnostic::new(
        Code::PinyinMismatch,
        format!(
            "pinyin `{}` does not match `{}`: {why}",
            p.value, t.term.value
        ),
    )
    .at(ctx
        .label(file, p)
        .with_message("does not match the characters"))
    .help(format!(
        "the most common readings give `{}`",
        expected.join(" ")
    ))
}

/// V118: two concepts with the same preferred term in a language name each other as homonyms.
pub fn homonyms(ctx: &Tables, out: &mut Vec<Diagnostic>) {
    // Every preferred term with its language and folded form, in file order; sorted stably
    // by the pair, each group's first is the term the later ones collide with.
    let mut preferred: Vec<(&str, String, &Loaded<RawConcept>, &RawTerm)> = ctx
        .concepts()
        .flat_map(|c| {
            terms(&c.value)
                .filter(|(_, t)| t.status == Status::Preferred)
                .map(move |(lang, t)| {
                    (
                        lang.value.as_str(),
                        t.term.value.trim().to_lowercase(),
                        c,
                        t,
                    )
                })
        })
        .collect();
    preferred.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    for group in preferred.chunk_by(|a, b| (a.0, &a.1) == (b.0, &b.1)) {
        let (_, _, c0, t0) = group[0];
        for &(_, _, c, t) in &group[1..] {
            if !(names_homonym(&c.value, &c0.value) && names_homonym(&c0.value, &c.value)) {
                out.push(
                    Diagnostic::new(
                        Code::UndeclaredHomonym,
                        format!(
                            "`{}` and `{}` share the preferred term `{}` without declaring each other as homonyms",
                            c0.value.id.value, c.value.id.value, t.term.value
                        ),
                    )
                    .at(ctx.label(c.file, &t.term).with_message("shared preferred term"))
                    .also(ctx.label(c0.file, &t0.term).with_message("also preferred here"))
                    .help(format!(
                        "if they are different senses, add `senses: {{ homonyms: [...] }}` to both, naming the other; otherwise merge them (this is `{}`, the other `{}`)",
                        c.value.id.value, c0.value.id.value
                    )),
                );
            }
        }
    }
}

fn names_homonym(c: &RawConcept, other: &RawConcept) -> bool {
    c.senses
        .as_ref()
        .is_some_and(|s| s.homonyms.iter().any(|h| h.value == other.id.value))
}
