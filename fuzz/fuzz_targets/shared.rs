//! What several targets share: the repository's glossary, validated once, and a scratch
//! folder for the readers that take a path. Each target uses part of it.
#![allow(dead_code)]

use std::path::Path;
use std::sync::OnceLock;

use shuyu::model::Glossary;

/// The repository's glossary (`../glossary`), loaded and validated once.
pub fn repo_glossary() -> &'static Glossary {
    static MODEL: OnceLock<Glossary> = OnceLock::new();
    MODEL.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../glossary");
        let (raw, diags) = shuyu::load::load(&dir).expect("the glossary folder is readable");
        shuyu::validate::validate(raw, diags)
            .glossary
            .expect("the repository's glossary is valid")
    })
}

/// A temporary folder, memory-backed (/dev/shm) where there is one, made once.
pub fn scratch_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        match Path::new("/dev/shm").is_dir() {
            true => tempfile::tempdir_in("/dev/shm"),
            false => tempfile::tempdir(),
        }
        .expect("a temporary folder")
    })
    .path()
}
