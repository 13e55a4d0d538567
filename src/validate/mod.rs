//! Validate: run every rule over the glossary, collect every problem, then build the model.
//!
//! Every rule is a small function in one registry, [`RULES`], with the codes it may report
//! (checked: a rule reporting a code it does not declare fails a debug assertion, and every
//! code has a rule). Rules come in two stages:
//! - [`Stage::Raw`] rules read the raw, positioned input through the [`Tables`] built once;
//!   none stops at the first problem. Only when none found an error is the [`Glossary`] built.
//! - [`Stage::Linked`] rules (K codes) read the valid model and what the linker found in it
//!   ([`Linked`]); [`validate_linked`] runs them.
//!
//! Diagnostics, the loader's included, are sorted once, at the end.

mod build;
mod entries;
mod history;
mod linked;
mod refs;
mod spelling;
mod tables;
mod terms;
mod text;
mod yaml12;

use rayon::prelude::*;

use crate::codes::Code;
use crate::diag::{self, Diagnostic, Files, Severity};
use crate::link::{Linker, Links};
use crate::load::RawGlossary;
use crate::model::Glossary;
use crate::segment::Dictionary;

pub use linked::Linked;
pub use tables::{is_slug, Tables};

/// A rule: the codes it may report and the function that checks it.
pub struct Rule {
    pub codes: &'static [Code],
    pub run: Stage,
}

/// What a rule reads.
#[derive(Clone, Copy)]
pub enum Stage {
    /// The raw input, before the model exists.
    Raw(fn(&Tables, &mut Vec<Diagnostic>)),
    /// The valid model and its links.
    Linked(fn(&Linked, &mut Vec<Diagnostic>)),
}

/// The registry of rules, run in this order.
pub const RULES: &[Rule] = &[
    Rule {
        codes: &[Code::BadId, Code::IdFileMismatch, Code::DuplicateId],
        run: Stage::Raw(entries::ids),
    },
    Rule {
        codes: &[Code::UndeclaredLanguage, Code::MissingLanguage],
        run: Stage::Raw(entries::languages),
    },
    Rule {
        codes: &[Code::UnknownDomain, Code::UnknownAuthority],
        run: Stage::Raw(entries::declared_names),
    },
    Rule {
        codes: &[Code::BadDate],
        run: Stage::Raw(entries::dates),
    },
    Rule {
        codes: &[Code::TranslationMismatch],
        run: Stage::Raw(entries::translations),
    },
    Rule {
        codes: &[Code::DuplicateTerm, Code::PreferredCount],
        run: Stage::Raw(terms::counts),
    },
    Rule {
        codes: &[Code::DeprecatedWithoutNote],
        run: Stage::Raw(terms::notes_for_deprecated),
    },
    Rule {
        codes: &[
            Code::PinyinMismatch,
            Code::TraditionalMismatch,
            Code::ChineseFieldMisplaced,
            Code::MissingPinyin,
        ],
        run: Stage::Raw(terms::chinese_forms),
    },
    Rule {
        codes: &[Code::UndeclaredHomonym],
        run: Stage::Raw(terms::homonyms),
    },
    Rule {
        codes: &[Code::UnknownConcept, Code::SelfReference],
        run: Stage::Raw(refs::relations),
    },
    Rule {
        codes: &[Code::RelationRepeated],
        run: Stage::Raw(refs::repeated_relations),
    },
    Rule {
        codes: &[Code::UnknownReference, Code::AttestationLanguage],
        run: Stage::Raw(refs::passages),
    },
    Rule {
        codes: &[Code::QuoteNotFound],
        run: Stage::Raw(refs::quotes),
    },
    Rule {
        codes: &[Code::UnsafeUrl, Code::RawHtml],
        run: Stage::Raw(text::markdown_and_urls),
    },
    Rule {
        codes: &[Code::EmptyText],
        run: Stage::Raw(text::blanks),
    },
    Rule {
        codes: &[Code::MissingDefinition],
        run: Stage::Raw(text::definitions),
    },
    Rule {
        codes: &[Code::PlainScalarNotText],
        run: Stage::Raw(yaml12::plain_scalars),
    },
    Rule {
        codes: &[Code::SpellingConvention],
        run: Stage::Raw(spelling::convention),
    },
    Rule {
        codes: &[Code::EventUnsupported],
        run: Stage::Raw(history::events),
    },
    Rule {
        codes: &[Code::TermSplit, Code::SenseElsewhere],
        run: Stage::Linked(linked::attestations),
    },
    Rule {
        codes: &[Code::Unlinked],
        run: Stage::Linked(linked::unlinked_concepts),
    },
];

/// Validates a loaded glossary with the raw-stage rules, then, when no error was found, builds
/// the model from the raw tree (using it up). Every diagnostic, the loader's included, comes
/// back in a stable order, with the files to quote.
pub fn validate(raw: RawGlossary, load_diags: Vec<Diagnostic>) -> Validated {
    let mut v = check_raw(raw, load_diags);
    diag::sort(&mut v.diags);
    v
}

/// [`validate`], then, when the model was built, links it with a linker whose segmenter has
/// `dictionary` and runs the linking rules. Returns the linker and links too (the caller may
/// use them, or not wait for them to be freed).
pub fn validate_linked(
    raw: RawGlossary,
    load_diags: Vec<Diagnostic>,
    dictionary: Dictionary,
) -> (Validated, Option<(Linker, Links)>) {
    let mut v = check_raw(raw, load_diags);
    let linked = v.glossary.as_ref().map(|g| {
        let linker = Linker::with_dictionary(g, |_| true, dictionary);
        let links = linker.link_glossary(g);
        let ctx = Linked::new(g, &v.files, &linker, &links);
        let found = run(&ctx, |stage| match stage {
            Stage::Linked(f) => Some(f),
            Stage::Raw(_) => None,
        });
        (found, linker, links)
    });
    let linked = linked.map(|(found, linker, links)| {
        v.diags.extend(found);
        (linker, links)
    });
    diag::sort(&mut v.diags);
    (v, linked)
}

/// The raw-stage rules, then the model if no error was found; diagnostics unsorted.
fn check_raw(raw: RawGlossary, load_diags: Vec<Diagnostic>) -> Validated {
    let mut diags = load_diags;
    let found = run(&Tables::new(&raw, &diags), |stage| match stage {
        Stage::Raw(f) => Some(f),
        Stage::Linked(_) => None,
    });
    diags.extend(found);
    let clean = !diags.iter().any(|d| d.severity() == Severity::Error);
    let (files, glossary) = if clean {
        build::glossary(raw)
    } else {
        (raw.files, None)
    };
    Validated {
        files,
        glossary,
        diags,
    }
}

/// Runs the rules of one stage side by side (they are independent); in debug builds, checks
/// that each reports only the codes it declares.
fn run<In: Sync>(
    input: &In,
    pick: impl Fn(Stage) -> Option<fn(&In, &mut Vec<Diagnostic>)> + Sync,
) -> Vec<Diagnostic> {
    RULES
        .par_iter()
        .filter_map(|rule| Some((rule, pick(rule.run)?)))
        .flat_map_iter(|(rule, check)| {
            let mut found = Vec::new();
            check(input, &mut found);
            debug_assert!(
                found.iter().all(|d| rule.codes.contains(&d.code)),
                "a rule declaring {:?} reported {:?}",
                rule.codes,
                found.iter().map(|d| d.code).collect::<Vec<_>>()
            );
            found
        })
        .collect()
}

/// What [`validate`] gives back.
#[derive(Debug)]
pub struct Validated {
    /// The files read, to quote in diagnostics.
    pub files: Files,
    /// The model, exactly when no error was found.
    pub glossary: Option<Glossary>,
    /// Every problem found, sorted by file and position.
    pub diags: Vec<Diagnostic>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every validation and linking code has exactly one rule (loading codes come from the
    /// loader).
    #[test]
    fn every_rule_code_has_one_rule() {
        let declared: Vec<Code> = RULES.iter().flat_map(|r| r.codes.iter().copied()).collect();
        let unique: BTreeSet<Code> = declared.iter().copied().collect();
        assert_eq!(unique.len(), declared.len(), "a code declared twice");
        for code in Code::ALL.iter().filter(|c| !c.id().starts_with('L')) {
            assert!(unique.contains(code), "{} has no rule", code.id());
        }
    }
}
