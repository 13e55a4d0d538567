//! Validate: run every rule over the raw glossary, collect every problem, then build the model.
//!
//! Each rule is a small function in [`CHECKS`], registered with the code it reports. The
//! rules read the raw, positioned input through a [`Ctx`] of lookup tables built once; none
//! stops at the first problem. Only when no error was found is the [`Glossary`] built.

mod build;
mod ctx;
mod entries;
mod refs;
mod terms;
mod text;
mod yaml12;

use rayon::prelude::*;

use crate::codes::Code;
use crate::diag::{self, Diagnostic, Files};
use crate::load::RawGlossary;
use crate::model::Glossary;

pub use ctx::{is_slug, Ctx};

/// A rule: the codes it may report and the function that checks it.
pub struct Check {
    pub codes: &'static [Code],
    pub run: fn(&Ctx, &mut Vec<Diagnostic>),
}

/// The registry of rules, run in this order.
pub const CHECKS: &[Check] = &[
    Check {
        codes: &[Code::BadId, Code::IdFileMismatch, Code::DuplicateId],
        run: entries::ids,
    },
    Check {
        codes: &[Code::UndeclaredLanguage, Code::MissingLanguage],
        run: entries::languages,
    },
    Check {
        codes: &[Code::UnknownDomain, Code::UnknownAuthority],
        run: entries::declared_names,
    },
    Check {
        codes: &[Code::BadDate],
        run: entries::dates,
    },
    Check {
        codes: &[Code::TranslationMismatch],
        run: entries::translations,
    },
    Check {
        codes: &[Code::DuplicateTerm, Code::PreferredCount],
        run: terms::counts,
    },
    Check {
        codes: &[Code::DeprecatedWithoutNote],
        run: terms::notes_for_deprecated,
    },
    Check {
        codes: &[
            Code::PinyinMismatch,
            Code::TraditionalMismatch,
            Code::ChineseFieldMisplaced,
            Code::MissingPinyin,
        ],
        run: terms::chinese_forms,
    },
    Check {
        codes: &[Code::UndeclaredHomonym],
        run: terms::homonyms,
    },
    Check {
        codes: &[Code::UnknownConcept, Code::SelfReference],
        run: refs::relations,
    },
    Check {
        codes: &[Code::UnknownReference, Code::AttestationLanguage],
        run: refs::passages,
    },
    Check {
        codes: &[Code::QuoteNotFound],
        run: refs::quotes,
    },
    Check {
        codes: &[Code::UnsafeUrl, Code::RawHtml],
        run: text::markdown_and_urls,
    },
    Check {
        codes: &[Code::EmptyText],
        run: text::blanks,
    },
    Check {
        codes: &[Code::MissingDefinition],
        run: text::definitions,
    },
    Check {
        codes: &[Code::PlainScalarNotText],
        run: yaml12::plain_scalars,
    },
];

/// Validates a loaded glossary: runs every rule, then, when no error was found, builds the
/// model from the raw tree (using it up). Every diagnostic, the loader's included, comes back
/// in a stable order, with the files to quote.
pub fn validate(raw: RawGlossary, load_diags: Vec<Diagnostic>) -> Validated {
    let mut diags = load_diags;
    {
        let ctx = Ctx::new(&raw, &diags);
        // The rules are independent: run them side by side.
        diags.par_extend(CHECKS.par_iter().flat_map_iter(|check| {
            let mut found = Vec::new();
            (check.run)(&ctx, &mut found);
            found
        }));
    }
    diag::sort(&mut diags);
    let clean = !diags
        .iter()
        .any(|d| d.severity() == crate::diag::Severity::Error);
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

    #[test]
    fn every_validation_code_has_a_check() {
        let covered: BTreeSet<Code> = CHECKS
            .iter()
            .flat_map(|c| c.codes.iter().copied())
            .collect();
        for code in Code::ALL.iter().filter(|c| c.id().starts_with('V')) {
            assert!(covered.contains(code), "{} has no check", code.id());
        }
    }
}
