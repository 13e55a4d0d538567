//! The loader and the validator on any bytes: the valid fixture glossary with one file (a
//! concept, a source or glossary.yaml, chosen by the first byte) replaced by the rest of the
//! input. Loading, validating and rendering in every format must not panic, and a model is
//! built exactly when no error is reported.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

mod shared;

use libfuzzer_sys::fuzz_target;
use shuyu::diag::{render, Format, Severity};

/// The files the input may replace, relative to the glossary folder.
const TARGETS: [&str; 3] = [
    "concepts/society-work-department.yaml",
    "sources/merics-2023.yaml",
    "glossary.yaml",
];

/// A copy of the valid fixture glossary, made once in the scratch folder.
fn glossary() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let glossary = shared::scratch_dir().join("glossary");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid");
        copy_tree(&fixture, &glossary);
        glossary
    })
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let dir = glossary();
    let path = dir.join(TARGETS[usize::from(pick) % TARGETS.len()]);
    let original = std::fs::read(&path).expect("fixture file");
    std::fs::write(&path, bytes).expect("write input");
    let (raw, diags) = shuyu::load::load(dir).expect("the folder is readable");
    let v = shuyu::validate::validate(raw, diags);
    for format in [Format::Human, Format::Json, Format::Github] {
        render(&v.files, &v.diags, format);
    }
    let errors = v.diags.iter().any(|d| d.severity() == Severity::Error);
    assert_eq!(v.glossary.is_some(), !errors, "a model exactly when clean");
    std::fs::write(&path, original).expect("restore fixture");
});
