//! `shuyu new <id>`: a commented concept skeleton for an editor to fill in.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::validate::is_slug;

/// Why a skeleton could not be written.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error(
        "`{0}` is not a lowercase slug (a-z, 0-9, single hyphens), e.g. `fengqiao-experience`"
    )]
    BadId(String),
    #[error("{0} already exists; edit it, or choose another id")]
    Exists(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Writes `concepts/<id>.yaml` in the glossary folder, never over an existing file.
pub fn write_skeleton(glossary: &Path, id: &str, domains: &[String]) -> Result<PathBuf, NewError> {
    if !is_slug(id) {
        return Err(NewError::BadId(id.to_string()));
    }
    let dir = glossary.join("concepts");
    let path = dir.join(format!("{id}.yaml"));
    let io = |source| NewError::Io {
        path: path.clone(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(io)?;
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(NewError::Exists(path))
        }
        Err(e) => return Err(io(e)),
    };
    file.write_all(skeleton(id, domains).as_bytes())
        .map_err(io)?;
    Ok(path)
}

/// The skeleton's text: every field with a comment saying what goes there.
pub fn skeleton(id: &str, domains: &[String]) -> String {
    SKELETON
        .replace("{id}", id)
        .replace("{domains}", &domains.join(", "))
}

const SKELETON: &str = r#"# yaml-language-server: $schema=../schema/concept.schema.json
# A new concept: fill in every empty value, then run `shuyu validate`.
# The editorial guide is glossary/README.md.
id: {id}
domains: []                # any of: {domains}
terms:
  zh:
    - term: ""             # the Chinese term in simplified characters
      status: preferred    # preferred | admitted | deprecated | superseded
      pinyin: ""           # with tone marks, e.g. shèhuì gōngzuò
      traditional: ""      # `shuyu validate` says the expected form
  en:
    - term: ""             # the rendering translators should use
      status: preferred
      authority: official  # official | scholarly | media | calque | proposed | other
      attested: []         # passages that use it: [source-id#passage-id]
    # More renderings: status admitted, deprecated (with a `note:` saying why) …
definition:
  en: ""                   # one or two sentences of Markdown, backed by a citation
notes:
  en: ""                   # pitfalls for translators: false friends, register, which rendering and why
relations:
  broader: []
  narrower: []
  related: []
  contrast: []             # false friends, shown prominently
  components: []           # for a numbered formula: its components, in order
history: []                # - { date: 2023-03, event: "…", source: source-id#passage-id }
citations: []              # - { ref: source-id#passage-id, quote: "words from the passage" }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_and_bad_ids() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_skeleton(dir.path(), "new-term", &[]).unwrap();
        assert!(std::fs::read_to_string(&path)
            .unwrap()
            .contains("id: new-term"));
        assert!(matches!(
            write_skeleton(dir.path(), "new-term", &[]),
            Err(NewError::Exists(_))
        ));
        assert!(matches!(
            write_skeleton(dir.path(), "../x", &[]),
            Err(NewError::BadId(_))
        ));
    }
}
