//! Raw input types: exactly what an editor writes in a glossary file.
//!
//! Every struct denies unknown fields, so a typo (`defintion:`) is an error rather than a
//! silently ignored key. Values that diagnostics must point at are [`Located`], which records
//! their line and column. Nothing here is checked beyond its YAML shape: `validate` turns
//! these types into the plain [`crate::model`].

use std::fmt;
use std::marker::PhantomData;

use schemars::JsonSchema;
use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

pub use super::Located;

/// A string with the place where it was written.
pub type LocatedStr = Located<String>;

/// A YAML mapping kept in file order with the position of every key, so that a diagnostic
/// can point at `de:` in `terms: { de: … }`. Validation rejects duplicate keys.
#[derive(Debug, Clone)]
pub struct LocatedMap<V>(pub Vec<(LocatedStr, V)>);

impl<V> Default for LocatedMap<V> {
    fn default() -> Self {
        LocatedMap(Vec::new())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for LocatedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LocatedMapVisitor<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for LocatedMapVisitor<V> {
            type Value = LocatedMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(LocatedMap(entries))
            }
        }
        deserializer.deserialize_map(LocatedMapVisitor(PhantomData))
    }
}

impl<V: JsonSchema> JsonSchema for LocatedMap<V> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Map_of_{}", V::schema_name()).into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <std::collections::BTreeMap<String, V>>::json_schema(generator)
    }
}

/// `glossary/glossary.yaml`: what the whole glossary declares.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGlossaryFile {
    /// The glossary's title, shown on the site and in exports.
    pub title: String,
    /// One paragraph saying what the glossary covers (Markdown).
    #[serde(default)]
    pub description: Option<String>,
    /// Language codes terms may be given in, source language first (e.g. zh, en, fr, es).
    #[schemars(with = "Vec<String>")]
    pub languages: Vec<LocatedStr>,
    /// Subject domains a concept may belong to: slug → label.
    #[serde(default)]
    pub domains: LocatedMap<String>,
    /// Kinds of authority a rendering or source may have (official, scholarly, …): slug → what it means.
    #[serde(default)]
    pub authorities: LocatedMap<String>,
    /// The address the site is published at (`https://example.org/shuyu/`): permalinks in
    /// citations and other commands' output, and the 404 page, use it. Optional: every other
    /// link of the site is relative.
    #[serde(default)]
    pub site_url: Option<String>,
    /// The spelling convention preferred renderings follow, by language (`en: american`).
    #[serde(default)]
    pub spelling: Option<RawSpelling>,
}

/// `spelling` in glossary.yaml: the convention per language that has one.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSpelling {
    /// The English convention of preferred renderings.
    #[serde(default)]
    pub en: Option<EnglishSpelling>,
}

/// An English spelling convention the validator can check (rule V128).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EnglishSpelling {
    /// -ize, -ization, -or, -er (center), as in official PRC English (Xinhua, China Daily,
    /// government translations). The only convention checked so far: British spelling would
    /// need its own word lists (size, prize and seize are not -ise verbs).
    American,
}

/// The status of a term (TBX `administrativeStatus`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The rendering to use: exactly one per language.
    Preferred,
    /// Acceptable, and found in reputable sources.
    Admitted,
    /// Do not use; the note says why.
    Deprecated,
    /// Once official, replaced by the preferred term; the note says since when.
    Superseded,
}

impl Status {
    /// Every status, as written in a file.
    pub const WORDS: [&'static str; 4] = ["preferred", "admitted", "deprecated", "superseded"];

    /// The status as written in a file (`preferred`).
    pub fn word(self) -> &'static str {
        Self::WORDS[self as usize]
    }
}

/// The form of a term (TBX `termType`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum TermType {
    /// The complete name.
    FullForm,
    /// A shortened form made of parts of the full form (中央社工部).
    Abbreviation,
    /// A shorter variant of the full form (社工部).
    ShortForm,
    /// A numbered formula (两企三新, 四风).
    Formula,
    /// A set phrase or slogan.
    Phrase,
}

/// One term of a concept in one language.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTerm {
    /// The term exactly as written in running text.
    #[schemars(with = "String")]
    pub term: LocatedStr,
    /// preferred | admitted | deprecated | superseded.
    pub status: Status,
    /// full-form | abbreviation | short-form | formula | phrase.
    #[serde(default, rename = "type")]
    pub term_type: Option<TermType>,
    /// Hanyu pinyin with tone marks, syllables as in the characters (Chinese terms only).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub pinyin: Option<LocatedStr>,
    /// The traditional-character form (Chinese terms only).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub traditional: Option<LocatedStr>,
    /// Who uses this rendering: one of the authorities declared in glossary.yaml.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub authority: Option<LocatedStr>,
    /// Passages that use this rendering, as `source-id#passage-id`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub attested: Vec<LocatedStr>,
    /// A note for translators; required for deprecated and superseded terms.
    #[serde(default)]
    pub note: Option<String>,
}

/// Links to other concepts, by id.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRelations {
    /// More general concepts.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub broader: Vec<LocatedStr>,
    /// More specific concepts.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub narrower: Vec<LocatedStr>,
    /// Concepts worth reading alongside.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub related: Vec<LocatedStr>,
    /// False friends: concepts easily confused with this one.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub contrast: Vec<LocatedStr>,
    /// For a numbered formula: its components, in order.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub components: Vec<LocatedStr>,
}

/// How to tell this concept from another that shares a term.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSenses {
    /// The concepts that share a term with this one.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub homonyms: Vec<LocatedStr>,
    /// Words near an occurrence (same sentence) that select this sense.
    #[serde(default)]
    pub cues: Vec<String>,
}

/// A dated event in the life of a concept.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    #[schemars(with = "String")]
    pub date: LocatedStr,
    /// What happened, in one sentence.
    pub event: String,
    /// The passage that reports it, as `source-id#passage-id`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub source: Option<LocatedStr>,
}

/// A quotation from a source passage backing a statement of the entry.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCitation {
    /// The passage, as `source-id#passage-id`.
    #[serde(rename = "ref")]
    #[schemars(with = "String")]
    pub reference: LocatedStr,
    /// Words copied from the passage (whitespace may differ); checked against it.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub quote: Option<LocatedStr>,
    /// What the citation supports.
    #[serde(default)]
    pub note: Option<String>,
}

/// `glossary/concepts/<id>.yaml`: one concept.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawConcept {
    /// A lowercase slug, equal to the file name without `.yaml`.
    #[schemars(with = "String")]
    pub id: LocatedStr,
    /// Domains declared in glossary.yaml.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub domains: Vec<LocatedStr>,
    /// Terms by language code: every rendering in use, with its status.
    pub terms: LocatedMap<Vec<RawTerm>>,
    /// Definition by language code (Markdown, no raw HTML).
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, String>")]
    pub definition: LocatedMap<LocatedStr>,
    /// Notes for translators by language code (Markdown, no raw HTML).
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, String>")]
    pub notes: LocatedMap<LocatedStr>,
    /// Links to other concepts.
    #[serde(default)]
    pub relations: RawRelations,
    /// For a concept sharing a term with another: the homonyms and the cues that tell them apart.
    #[serde(default)]
    pub senses: Option<RawSenses>,
    /// Dated events, oldest first.
    #[serde(default)]
    pub history: Vec<RawEvent>,
    /// Quotations backing the definition and notes.
    #[serde(default)]
    pub citations: Vec<RawCitation>,
}

/// One passage of a source: a paragraph or two, quoted with attribution.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPassage {
    /// A slug unique within the source; a translation uses the same id for the aligned passage.
    #[schemars(with = "String")]
    pub id: LocatedStr,
    /// The text as published (OCR errors corrected, and said so in the source's note).
    pub text: String,
    /// Where in the document, if useful (page, section).
    #[serde(default)]
    pub locator: Option<String>,
}

/// `glossary/sources/<id>.yaml`: one source document.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// A lowercase slug, equal to the file name without `.yaml`.
    #[schemars(with = "String")]
    pub id: LocatedStr,
    /// The document's title as published.
    pub title: String,
    /// Who wrote it, if named.
    #[serde(default)]
    pub author: Option<String>,
    /// Who published it.
    pub publisher: String,
    /// YYYY, YYYY-MM or YYYY-MM-DD.
    #[schemars(with = "String")]
    pub date: LocatedStr,
    /// The language of the passages: a language declared in glossary.yaml.
    #[schemars(with = "String")]
    pub lang: LocatedStr,
    /// The kind of source: one of the authorities declared in glossary.yaml.
    #[schemars(with = "String")]
    pub kind: LocatedStr,
    /// Where it was published (http or https).
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub url: Option<LocatedStr>,
    /// The id of the source this one translates; passages with the same id are aligned.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub translation_of: Option<LocatedStr>,
    /// Editorial remarks: how the text was obtained, what was corrected.
    #[serde(default)]
    pub note: Option<String>,
    /// The quoted passages.
    pub passages: Vec<RawPassage>,
}
