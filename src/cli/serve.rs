//! `shuyu serve`: build the site as `shuyu build` does, serve it on 127.0.0.1 and rebuild on
//! every change (see [`crate::serve`]).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use crate::segment::Dictionary;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{glossary_dir, Outcome};
use crate::link::{self, Linker};
use crate::site::{self, BuildOptions};
use crate::{diag, load, serve, validate};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The port on 127.0.0.1 (0: a free one; the address is printed either way).
    #[arg(long, default_value_t = 4000)]
    pub port: u16,
    /// The site folder to build into and serve (replaced whole on each good build).
    #[arg(long, value_name = "DIR", default_value = "site")]
    pub out: PathBuf,
    /// A folder of templates (and `static/` files) that override the built-in ones, file by
    /// file; watched too. Defaults to `templates/` beside the glossary folder when there is one.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

pub fn run(glossary: Option<&Path>, args: &ServeArgs) -> anyhow::Result<Outcome> {
    let dir = glossary_dir(glossary)?;
    if !dir.join("glossary.yaml").is_file() {
        anyhow::bail!("{} has no glossary.yaml", dir.display());
    }
    let templates = super::build::templates_dir(&dir, args.templates.as_deref());
    let mut watch = vec![dir.clone()];
    watch.extend(templates.clone());
    let options = serve::Options {
        out: args.out.clone(),
        port: args.port,
        watch,
    };
    // jieba's full dictionary for the next build, loading while the server waits for an edit
    // (when the sources want the full one: loading it is most of a rebuild of a large glossary).
    let next: Mutex<Option<Dictionary>> = Mutex::new(None);
    let wants_full = AtomicBool::new(false);
    serve::run(
        &options,
        || {
            let ready = next.lock().ok().and_then(|mut n| n.take());
            attempt(&dir, templates.as_deref(), &args.out, ready, &wants_full)
        },
        || {
            if wants_full.load(Ordering::Relaxed) {
                if let Ok(mut n) = next.lock() {
                    n.get_or_insert_with(|| Dictionary::start_for(usize::MAX));
                }
            }
        },
    )?;
    Ok(Outcome::Clean)
}

/// One build, the same pipeline as `shuyu build`: load, validate, link, render. Anything that
/// stops it (invalid glossary, a template error, an unreadable file) comes back as text.
/// `ready` is a full dictionary loaded since the last build, used if the sources want one.
fn attempt(
    dir: &Path,
    templates: Option<&Path>,
    out: &Path,
    ready: Option<Dictionary>,
    wants_full: &AtomicBool,
) -> serve::Attempt {
    let built = (|| -> anyhow::Result<serve::Attempt> {
        let (raw, load_diags) = load::load(dir)?;
        let bytes = super::chinese_source_bytes(&raw);
        let dictionary = match ready {
            Some(loaded) if crate::segment::wants_full_dictionary(bytes) => loaded,
            _ => Dictionary::start_for(bytes),
        };
        wants_full.store(
            matches!(dictionary, Dictionary::Loading(_)),
            Ordering::Relaxed,
        );
        let validated = validate::validate(raw, load_diags);
        let Some(model) = validated.glossary else {
            return Ok(Err(diag::render(
                &validated.files,
                &validated.diags,
                diag::Format::Human,
            )));
        };
        let linker = Linker::with_dictionary(&model, |_| true, dictionary);
        let linked = link::link_glossary(&linker, &model);
        let options = BuildOptions {
            out: out.to_path_buf(),
            templates: templates.map(Path::to_path_buf),
            date: super::build::build_date(),
            progress: false,
        };
        let report = site::build(&model, &linked, &options)?;
        Ok(Ok(format!(
            "{} pages, {} files ({} changed)",
            report.pages, report.files, report.changed
        )))
    })();
    built.unwrap_or_else(|e| Err(format!("error: {e:#}\n")))
}
