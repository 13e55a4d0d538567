//! The one owner of minijinja: the site's templates, compiled into the binary so an installed
//! `shuyu` works anywhere, each overridable by a file of the same name in a project's own
//! templates folder. Autoescape is on for every `.html` template; views hand over HTML they
//! made themselves (Markdown, marked passages, pictures) already escaped.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use minijinja::{Environment, UndefinedBehavior, Value};
use serde::Serialize;

/// The built-in templates, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("domains.html", include_str!("../../templates/domains.html")),
    ("browse.html", include_str!("../../templates/browse.html")),
    ("sources.html", include_str!("../../templates/sources.html")),
    ("concept.html", include_str!("../../templates/concept.html")),
    ("source.html", include_str!("../../templates/source.html")),
    (
        "downloads.html",
        include_str!("../../templates/downloads.html"),
    ),
];

/// The built-in static files, by name under `static/`.
const STATIC: &[(&str, &str)] = &[
    (
        "style.css",
        include_str!("../../templates/static/style.css"),
    ),
    ("site.js", include_str!("../../templates/static/site.js")),
    ("icon.svg", include_str!("../../templates/static/icon.svg")),
];

/// The largest template or static file read from a project's folder.
const MAX_FILE: u64 = 4 << 20;

/// A template that does not parse or render, or an override that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("template {name}: {source:#}")]
    Template {
        name: String,
        source: minijinja::Error,
    },
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
}

/// The templates, ready to render.
pub struct Engine {
    env: Environment<'static>,
    statics: Vec<(String, Vec<u8>)>,
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").finish_non_exhaustive()
    }
}

impl Engine {
    /// The built-in templates, with any of `overrides` (a folder) in their place.
    pub fn new(overrides: Option<&Path>) -> Result<Self, TemplateError> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
        env.set_formatter(format_value);
        for (name, text) in TEMPLATES {
            let text = match overrides.map(|d| d.join(name)) {
                Some(path) if path.exists() => read_text(&path)?,
                _ => text.to_string(),
            };
            env.add_template_owned(name.to_string(), text)
                .map_err(|source| TemplateError::Template {
                    name: name.to_string(),
                    source,
                })?;
        }
        Ok(Engine {
            env,
            statics: statics(overrides)?,
        })
    }

    /// Renders template `name` with `view` into `out` (cleared first). A build renders its
    /// pages into a few reused buffers, which soon hold the largest page, instead of growing
    /// and copying a new string for each page.
    pub fn render_into(
        &self,
        name: &str,
        view: &impl Serialize,
        out: &mut Vec<u8>,
    ) -> Result<(), TemplateError> {
        let error = |source| TemplateError::Template {
            name: name.to_string(),
            source,
        };
        out.clear();
        self.env
            .get_template(name)
            .and_then(|t| {
                t.render_captured_to(Value::from(minijinja::value::Serde(view)), &mut *out)
            })
            .map(drop)
            .map_err(error)
    }

    /// The static files (`static/…` paths) with their bytes.
    pub fn static_files(&self) -> Result<Vec<(String, Vec<u8>)>, TemplateError> {
        Ok(self.statics.clone())
    }
}

/// Autoescape as [`crate::markdown::escape`] does: `&<>"'` only. minijinja's own escaping also
/// writes `/` as `&#x2f;`, which is valid but makes every relative link three times longer.
fn format_value(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    let plain = value.is_safe() || value.is_undefined() || value.is_none();
    if *state.auto_escape() != minijinja::AutoEscape::Html || plain {
        return minijinja::escape_formatter(out, state, value);
    }
    let written = match value.as_str() {
        Some(s) => crate::markdown::escape_to(out, s),
        None => crate::markdown::escape_to(out, &value.to_string()),
    };
    written.map_err(|_| minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "write failed"))
}

/// The built-in static files, replaced or joined by the regular files in `overrides/static/`.
fn statics(overrides: Option<&Path>) -> Result<Vec<(String, Vec<u8>)>, TemplateError> {
    let mut files: std::collections::BTreeMap<String, Vec<u8>> = STATIC
        .iter()
        .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()))
        .collect();
    if let Some(dir) = overrides.map(|d| d.join("static")) {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                files.insert(name, read_bytes(&path)?);
            }
        }
    }
    Ok(files
        .into_iter()
        .map(|(n, b)| (format!("static/{n}"), b))
        .collect())
}

/// A regular file (never through a symlink), at most [`MAX_FILE`] bytes.
fn read_bytes(path: &Path) -> Result<Vec<u8>, TemplateError> {
    let fail = |message: String| TemplateError::File {
        path: path.to_path_buf(),
        message,
    };
    let meta = fs::symlink_metadata(path).map_err(|e| fail(e.to_string()))?;
    if !meta.is_file() {
        return Err(fail(
            "not a regular file (symbolic links are not followed)".into(),
        ));
    }
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE + 1).read_to_end(&mut bytes))
        .map_err(|e| fail(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(fail(format!("larger than {MAX_FILE} bytes")));
    }
    Ok(bytes)
}

fn read_text(path: &Path) -> Result<String, TemplateError> {
    String::from_utf8(read_bytes(path)?).map_err(|_| TemplateError::File {
        path: path.to_path_buf(),
        message: "not UTF-8".into(),
    })
}
