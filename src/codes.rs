//! The registry of diagnostic codes: one line of documentation each, listed by
//! `shuyu validate --explain`. Codes are stable: tools and CI filters may rely on them.
//!
//! `L` codes come from reading files, `V` codes from the validation rules, `K` codes from
//! linking terms to the sources.

use serde::Serialize;

/// How bad a problem is: errors fail `validate`, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    /// The word every output format shows: `error` or `warning` (the JSON output serializes
    /// the same words).
    pub fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

macro_rules! codes {
    ($($variant:ident = $id:literal, $name:literal, $severity:ident, $doc:literal;)*) => {
        /// A kind of problem, with a stable id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $doc] $variant,)*
        }

        impl Code {
            /// Every code, in registry order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable id, e.g. `V101`.
            pub fn id(self) -> &'static str {
                match self { $(Code::$variant => $id,)* }
            }

            /// A short kebab-case name, e.g. `bad-id`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One line saying what the rule checks.
            pub fn doc(self) -> &'static str {
                match self { $(Code::$variant => $doc,)* }
            }
        }
    };
}

codes! {
    YamlSyntax = "L001", "yaml-syntax", Error, "The file must be well-formed YAML.";
    UnknownField = "L002", "unknown-field", Error, "Every key must be a field the format defines (typos are errors, not ignored).";
    MissingField = "L003", "missing-field", Error, "Required fields (id, terms, status, …) must be present.";
    WrongType = "L004", "wrong-type", Error, "A value must have the type and one of the values the format allows.";
    EmptyFile = "L005", "empty-file", Error, "A glossary file must not be empty.";
    InvalidUtf8 = "L006", "invalid-utf8", Error, "Files must be UTF-8.";
    FileTooLarge = "L007", "file-too-large", Error, "A glossary file must be at most 1 MiB; split large sources.";
    AnchorOrAlias = "L008", "anchor-or-alias", Error, "YAML anchors (&a) and aliases (*a) are not allowed: entries must read as written.";
    TooDeep = "L009", "too-deep", Error, "Nesting deeper than 32 levels is refused.";
    ByteOrderMark = "L010", "byte-order-mark", Warning, "Files should not start with a byte order mark.";
    DuplicateKey = "L011", "duplicate-key", Error, "A key must appear once in a mapping.";
    StrayFile = "L012", "stray-file", Warning, "Only .yaml files belong in concepts/ and sources/.";
    MissingGlossaryFile = "L013", "missing-glossary-file", Error, "The glossary folder must contain glossary.yaml.";
    NotARegularFile = "L014", "not-a-regular-file", Error, "Glossary files and folders must be regular files and folders: symbolic links, pipes and devices are refused unread.";
    BadId = "V101", "bad-id", Error, "An id must be a lowercase slug: a-z, 0-9 and single hyphens.";
    IdFileMismatch = "V102", "id-file-mismatch", Error, "A concept's or source's id must equal its file name without .yaml.";
    DuplicateId = "V103", "duplicate-id", Error, "Ids must be unique: concepts, sources, and passages within a source.";
    DuplicateTerm = "V104", "duplicate-term", Error, "A term must appear once per language in a concept.";
    UnknownConcept = "V105", "unknown-concept", Error, "Relations, components and homonyms must name existing concepts.";
    UnknownReference = "V106", "unknown-reference", Error, "`source#passage` references must name an existing source and passage.";
    UndeclaredLanguage = "V107", "undeclared-language", Error, "Languages must be declared in glossary.yaml.";
    UnknownDomain = "V108", "unknown-domain", Error, "Domains must be declared in glossary.yaml.";
    UnknownAuthority = "V109", "unknown-authority", Error, "Authorities and source kinds must be declared in glossary.yaml.";
    PreferredCount = "V110", "preferred-count", Error, "Each language with terms has exactly one preferred term.";
    MissingLanguage = "V111", "missing-language", Error, "Every concept has Chinese (zh) and English (en) terms.";
    PinyinMismatch = "V112", "pinyin-mismatch", Error, "Pinyin must match the characters, syllable by syllable, with tone marks.";
    TraditionalMismatch = "V113", "traditional-mismatch", Error, "The traditional form must match an OpenCC conversion of the simplified term (standard, Taiwan or Hong Kong).";
    QuoteNotFound = "V114", "quote-not-found", Error, "A citation's quote must occur in the cited passage.";
    UnsafeUrl = "V115", "unsafe-url", Error, "Links must be http, https, mailto or relative.";
    RawHtml = "V116", "raw-html", Error, "Markdown fields must not contain raw HTML.";
    DeprecatedWithoutNote = "V117", "deprecated-without-note", Error, "A deprecated or superseded term needs a note saying why.";
    UndeclaredHomonym = "V118", "undeclared-homonym", Error, "Concepts sharing a preferred term must name each other in senses.homonyms.";
    BadDate = "V119", "bad-date", Error, "Dates are YYYY, YYYY-MM or YYYY-MM-DD.";
    ChineseFieldMisplaced = "V120", "chinese-field-misplaced", Error, "pinyin and traditional belong to Chinese terms only.";
    MissingPinyin = "V121", "missing-pinyin", Warning, "Chinese terms should give their pinyin.";
    SelfReference = "V122", "self-reference", Error, "A concept must not relate to itself.";
    TranslationMismatch = "V123", "translation-mismatch", Error, "A translation's passages must have ids found in the source it translates, in another language.";
    AttestationLanguage = "V124", "attestation-language", Error, "A rendering must be attested by a passage in its own language.";
    EmptyText = "V125", "empty-text", Error, "Terms, definitions, notes and passages must not be blank.";
    MissingDefinition = "V126", "missing-definition", Warning, "Every concept should have an English definition.";
    PlainScalarNotText = "V127", "plain-scalar-not-text", Error, "A value that YAML 1.2 tools read as a number, boolean or null (2013., no, null) must be quoted: every value of the format is text.";
    SpellingConvention = "V128", "spelling-convention", Warning, "A preferred English rendering must follow the spelling declared in glossary.yaml (`spelling: { en: american }`: -ize, -ization, -or, -er).";
    EventUnsupported = "V129", "event-unsupported", Warning, "A history event must cite a passage that names its year or, in a source of its date, its concept.";
    RelationRepeated = "V130", "relation-repeated", Warning, "A concept names another concept once among its relations (a component is not also `related`; nothing is both broader and narrower).";
    TermSplit = "K201", "term-split", Warning, "The segmenter should keep a Chinese term whole in the passages that attest it.";
    Unlinked = "K202", "unlinked", Warning, "A concept should occur in at least one source passage.";
    SenseElsewhere = "K203", "sense-elsewhere", Warning, "A passage that attests a term should use it in the concept's sense, not a homonym's.";
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn ids_and_names_are_unique() {
        let ids: BTreeSet<_> = Code::ALL.iter().map(|c| c.id()).collect();
        let names: BTreeSet<_> = Code::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(ids.len(), Code::ALL.len());
        assert_eq!(names.len(), Code::ALL.len());
    }
}
