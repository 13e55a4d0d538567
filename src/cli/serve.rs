//! `shuyu serve`: build the site as `shuyu build` does, serve it on 127.0.0.1 and rebuild on
//! every change (see [`crate::serve`]).

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
    serve::run(
        &options,
        || attempt(&dir, templates.as_deref(), &args.out),
        // Start loading the next build's dictionary now, so that an edit finds it ready.
        || super::link::preload_for_sources(&dir),
    )?;
    Ok(Outcome::Clean)
}

/// One build, the same pipeline as `shuyu build`: load, validate, link, render. Anything that
/// stops it (invalid glossary, a template error, an unreadable file) comes back as text.
fn attempt(dir: &Path, templates: Option<&Path>, out: &Path) -> serve::Attempt {
    // Loads jieba's dictionary on another thread while the glossary is read, when the sources
    // are large enough to want it (a no-op when the previous attempt left one loading).
    super::link::preload_for_sources(dir);
    let built = (|| -> anyhow::Result<serve::Attempt> {
        let (raw, load_diags) = load::load(dir)?;
        let validated = validate::validate(raw, load_diags);
        let Some(model) = validated.glossary else {
            return Ok(Err(diag::render(
                &validated.files,
                &validated.diags,
                diag::Format::Human,
            )));
        };
        let linker = Linker::new(&model);
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
