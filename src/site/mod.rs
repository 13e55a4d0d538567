//! The static reference site: what translators read and editors publish.
//!
//! `shuyu build` renders the validated [`Glossary`] and what linking learnt ([`Linked`]) in
//! these steps:
//!
//! 1. [`pages`] turns the model into one plain view per page (home, a page per concept and per
//!    source, the browse pages), every link relative to the page, so the site works from
//!    `file://`, at a domain root and under a sub-path.
//! 2. [`mod@highlight`] marks linked terms in passages; [`svg`] draws the charts (renderings in
//!    the wild, their timeline, the relation map) as inline SVG with text alternatives.
//! 3. [`templates`] (the one owner of minijinja, autoescape on) renders the views with the
//!    templates compiled into the binary, or a project's own `templates/` file by file.
//! 4. [`output`] writes everything into a temporary folder beside the output, hard-links files
//!    whose bytes did not change from the previous site (they keep their modification time),
//!    and swaps the new site in whole: a failed or interrupted build leaves the old one.
//!
//! The exchange formats ([`crate::export`]) are written into `downloads/` with a page that lists
//! them ([`downloads`]). The search index ([`crate::search`]) is written as a script (`search-index.js`), so search
//! works offline and from `file://`.

pub mod downloads;
pub mod highlight;
pub mod output;
pub mod pages;
pub mod svg;
pub mod templates;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::link::Linked;
use crate::model::Glossary;
use crate::search::SearchIndex;
use pages::Page;

pub use output::OutputError;

/// What a build needs besides the glossary.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (created if missing; its parent must exist).
    pub out: PathBuf,
    /// A folder whose templates and static files override the built-in ones, file by file.
    pub templates: Option<PathBuf>,
    /// The build date shown in citations (`YYYY-MM-DD`).
    pub date: String,
    /// Show a progress bar (on a terminal).
    pub progress: bool,
}

/// What a build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub pages: usize,
    /// Files written with new bytes (the rest were unchanged and kept from the previous site).
    pub changed: usize,
    pub files: usize,
    pub elapsed: Duration,
}

/// Why a build failed. The previous site is untouched in every case.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Templates(#[from] templates::TemplateError),
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// Renders the whole site into `options.out`.
///
/// The pages, the exports and the search index are made at once (rayon), each file written
/// as soon as it is made; the downloads page, which lists the exports' sizes, comes last.
pub fn build(
    glossary: &Glossary,
    linked: &Linked,
    options: &BuildOptions,
) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let engine = templates::Engine::new(options.templates.as_deref())?;
    let mut site = pages::Site::new(glossary, linked, &options.date);
    let staging = output::Staging::begin(&options.out)?;
    let (last, first): (Vec<Page>, Vec<Page>) = site
        .page_list()
        .into_iter()
        .partition(|page| matches!(page, Page::Downloads));
    let bar = progress_bar(options.progress, first.len() + last.len());
    let (pages, (exports, extra)) = rayon::join(
        || write_pages(&engine, &site, &staging, &first, &bar),
        || {
            rayon::join(
                || write_exports(glossary, linked, &staging),
                || write_extra_files(glossary, &engine, &staging),
            )
        },
    );
    let (pages, (exports, downloads), extra) = (pages?, exports?, extra?);
    site.set_downloads(downloads);
    let last_written = write_pages(&engine, &site, &staging, &last, &bar)?;
    bar.finish_and_clear();
    staging.commit()?;
    Ok(BuildReport {
        pages: pages.files + last_written.files,
        changed: pages.changed + exports.changed + extra.changed + last_written.changed,
        files: pages.files + exports.files + extra.files + last_written.files,
        elapsed: started.elapsed(),
    })
}

/// Files written by one part of a build, and how many of them had new bytes.
#[derive(Debug, Default, Clone, Copy)]
struct Written {
    files: usize,
    changed: usize,
}

impl Written {
    fn count(changed: impl IntoIterator<Item = bool>) -> Written {
        changed
            .into_iter()
            .fold(Written::default(), |w, c| Written {
                files: w.files + 1,
                changed: w.changed + usize::from(c),
            })
    }
}

/// Renders `pages` on every core, writing each as soon as it is rendered.
fn write_pages(
    engine: &templates::Engine,
    site: &pages::Site,
    staging: &output::Staging,
    pages: &[Page],
    bar: &indicatif::ProgressBar,
) -> Result<Written, BuildError> {
    let changed: Result<Vec<bool>, BuildError> = pages
        .par_iter()
        .map_init(Vec::new, |html, page| {
            engine.render_into(page.template(), &site.context(page), html)?;
            bar.inc(1);
            Ok(staging.write(&page.path(), html)?)
        })
        .collect();
    Ok(Written::count(changed?))
}

/// Writes the exchange formats into `downloads/`; returns their lines for the downloads page.
fn write_exports(
    glossary: &Glossary,
    linked: &Linked,
    staging: &output::Staging,
) -> Result<(Written, Vec<pages::Download>), BuildError> {
    let written: Result<Vec<Option<(bool, pages::Download)>>, OutputError> =
        downloads::files(glossary, linked)
            .into_par_iter()
            .map(|file| file.write(staging))
            .collect();
    let (changed, lines): (Vec<bool>, Vec<pages::Download>) =
        written?.into_iter().flatten().unzip();
    Ok((Written::count(changed), lines))
}

/// The static files and the search index.
fn write_extra_files(
    glossary: &Glossary,
    engine: &templates::Engine,
    staging: &output::Staging,
) -> Result<Written, BuildError> {
    let mut out = engine.static_files()?;
    let index = SearchIndex::build(glossary);
    out.push(("search-index.js".into(), search_script(&index).into_bytes()));
    let changed: Result<Vec<bool>, OutputError> = out
        .iter()
        .map(|(path, bytes)| staging.write(Path::new(path), bytes))
        .collect();
    Ok(Written::count(changed?))
}

/// The index as a script that sets `window.SHUYU_INDEX`: compact rows, `<` escaped so no
/// entry can close the script.
pub fn search_script(index: &SearchIndex) -> String {
    let rows: Vec<_> = index
        .entries
        .iter()
        .map(|e| {
            let forms: Vec<_> = e
                .forms
                .iter()
                .map(|f| (f.kind, &f.lang, f.status, &f.text, &f.key))
                .collect();
            (&e.id, &e.headword, &e.pinyin, &e.english, forms)
        })
        .collect();
    let json = serde_json::to_string(&rows).unwrap_or_else(|_| "[]".into());
    let mut out = String::with_capacity(json.len() + 64);
    out.push_str("window.SHUYU_INDEX=");
    let (bytes, mut run) = (json.as_bytes(), 0);
    for i in memchr::memchr2_iter(b'<', 0xE2, bytes) {
        let (escaped, len) = match &bytes[i..] {
            [b'<', ..] => ("\\u003c", 1),
            [0xE2, 0x80, 0xA8, ..] => ("\\u2028", 3),
            _ => continue,
        };
        out.push_str(&json[run..i]);
        out.push_str(escaped);
        run = i + len;
    }
    out.push_str(&json[run..]);
    out.push_str(";\n");
    out
}

fn progress_bar(show: bool, len: usize) -> indicatif::ProgressBar {
    if !show {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages") {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Entry, Form, FormKind};

    #[test]
    fn the_search_script_cannot_be_closed_or_broken_by_an_entry() {
        let hostile = "</script><script>alert(1)</script>\u{2028}社会 <b>";
        let index = SearchIndex {
            entries: vec![Entry {
                id: "x".into(),
                headword: hostile.into(),
                pinyin: String::new(),
                english: "a < b".into(),
                forms: vec![Form {
                    kind: FormKind::Term,
                    lang: "en".into(),
                    status: crate::model::Status::Deprecated,
                    text: hostile.into(),
                    key: "k".into(),
                }],
            }],
        };
        let script = search_script(&index);
        assert!(
            !script.contains('<') && !script.contains('\u{2028}'),
            "{script}"
        );
        let json = script
            .strip_prefix("window.SHUYU_INDEX=")
            .and_then(|s| s.strip_suffix(";\n"))
            .unwrap();
        let rows: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(rows[0][1], hostile);
        assert_eq!(
            rows[0][4][0],
            serde_json::json!(["term", "en", "deprecated", hostile, "k"])
        );
    }
}
