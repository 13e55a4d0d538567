//! shuyu (术语): a terminology knowledge base for translators of Chinese political discourse.
//!
//! The pipeline, one module a stage, each depending only on the stages before it:
//!
//! 1. **load** ([`load`]): read `glossary/` (glossary.yaml, concepts/, sources/) into the strict
//!    input types of [`raw`] (`load::raw`), with the place of every value: a quick reader for
//!    the plain YAML glossary files are written in, serde-saphyr for anything else, and a
//!    recovering reader that reports every problem of a file that fails.
//! 2. **validate** ([`validate`]): run every rule of the registry (`validate::RULES`; [`codes`]
//!    lists their codes), collect every problem as a [`diag::Diagnostic`], and only when none
//!    is an error build the plain [`model::Glossary`] out of the raw tree; then the linking
//!    rules.
//! 3. **link** ([`link`], with [`segment`] owning the Chinese segmenter): find every term in
//!    every passage, resolve shared terms by their cues, align translations with their
//!    originals and count the renderings each source uses.
//! 4. **render** ([`site`]): the static reference site — a page per concept and source, browse
//!    pages, charts — written atomically; [`search`] is the one index of every form (Chinese,
//!    traditional, pinyin, every rendering, folded) that the site's search script and `shuyu
//!    lookup` both read. [`markdown`] owns pulldown-cmark for validation and rendering.
//! 5. **export** ([`export`]): TBX-Basic, CSV/TSV, an OmegaT glossary and JSON, each read
//!    from the validated model (JSON with the links); **import** ([`import`]) reads TBX and
//!    CSV back into concept files, so that export → import → export gives the same TBX.
//! 6. **lookup** ([`lookup`]): the translator's card from the same index, cached between runs;
//!    **check** ([`check`]): translations and texts read by streaming readers, each Chinese
//!    occurrence linked with its sense, its rendering checked.
//!
//! Helpers any stage may use: [`chinese`] (pinyin, traditional forms), [`markdown`] (what
//! Markdown fields may hold), [`scan`] (the escapers' fast scan), [`suggest`] ("did you
//! mean"), [`diag`] and [`codes`].
//! [`cli`] wires the stages to the `shuyu` command (`new` and `schema` included); `src/main.rs`
//! only calls it.

pub mod check;
pub mod chinese;
pub mod cli;
pub mod codes;
pub mod diag;
pub mod export;
pub mod import;
pub mod link;
pub mod load;
pub mod lookup;
pub mod markdown;
pub mod model;
pub use load::raw;
pub mod scan;
pub mod search;
pub mod segment;
pub mod serve;
pub mod site;
pub mod suggest;
pub mod validate;
