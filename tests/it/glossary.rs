//! The repository's own glossary: clean, and set up for editors.

use std::path::Path;

use super::support::shuyu;

fn glossary() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary")
}

#[test]
fn the_repository_glossary_validates_without_warnings() {
    let run = shuyu(&glossary(), &["validate", "--format", "json"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(run.stdout, "", "warnings on the repository glossary");
}

/// Every glossary file names its JSON Schema, so yaml-language-server completes and checks it.
#[test]
fn every_glossary_file_names_its_schema() {
    let root = glossary();
    let mut files = vec![(root.join("glossary.yaml"), "schema/glossary.schema.json")];
    for (dir, schema) in [
        ("concepts", "../schema/concept.schema.json"),
        ("sources", "../schema/source.schema.json"),
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            files.push((entry.unwrap().path(), schema));
        }
    }
    for (path, schema) in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let first = text.lines().next().unwrap_or_default();
        assert_eq!(
            first,
            format!("# yaml-language-server: $schema={schema}"),
            "{}",
            path.display()
        );
    }
}
