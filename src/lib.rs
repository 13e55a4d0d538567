//! shuyu (术语): a terminology knowledge base for translators of Chinese political discourse.
//!
//! The pipeline, one module a stage:
//!
//! 1. **load** ([`load`]): read `glossary/` (glossary.yaml, concepts/, sources/) into the strict
//!    input types of [`raw`], with the file, line and column of every value: a quick reader for
//!    the plain YAML glossary files are written in, serde-saphyr for anything else and for
//!    every error.
//! 2. **validate** ([`validate`]): run every rule of the registry ([`codes`] lists them), collect
//!    every problem as a [`diag::Diagnostic`], and only when none is an error build the plain
//!    [`model::Glossary`] out of the raw tree.
//! 3. **link** ([`link`], with [`segment`] owning the Chinese segmenter): find every term in
//!    every passage, resolve shared terms by their cues, align translations with their
//!    originals and count the renderings each source uses.
//! 4. **render / export / lookup / check**: the site, TBX/CSV/JSON, the translator's card, and
//!    translation checks (later issues).
//!
//! [`cli`] wires the stages to the `shuyu` command; `src/main.rs` only calls it.

pub mod chinese;
pub mod cli;
pub mod codes;
pub mod diag;
pub mod link;
pub mod load;
pub mod markdown;
pub mod model;
pub mod new;
pub mod raw;
pub mod schema;
pub mod search;
pub mod segment;
pub mod serve;
pub mod site;
pub mod validate;
