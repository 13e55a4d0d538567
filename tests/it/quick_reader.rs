//! The quick YAML reader against serde-saphyr on generated glossaries: it reads every file,
//! and the raw values, positions and diagnostics are those serde-saphyr gives. (The unit tests
//! of `load::quick_de` compare the two on the repository glossary, the fixtures, truncations
//! and random edits; the generator writes a style of its own: long blocks, many lists.)

use std::path::Path;

use shuyu::load::fuzzing::differential;
use shuyu::load::{load_with, Reader};

#[allow(dead_code)]
#[path = "../../examples/gen/synth.rs"]
mod synth;

#[test]
fn both_readers_give_the_same_raw_glossary() {
    for seed in [1, 2] {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("g");
        let opts = synth::Options {
            concepts: 150,
            seed,
        };
        synth::generate(&out, &opts, true).unwrap();
        let (quick, quick_diags) = load_with(&out, Reader::Quick).unwrap();
        let (slow, slow_diags) = load_with(&out, Reader::SerdeSaphyr).unwrap();
        assert_eq!(quick.concepts.len(), 150);
        assert_eq!(quick.quick_files, quick.files.len(), "a file was declined");
        assert_eq!(slow.quick_files, 0);
        assert_eq!(format!("{quick_diags:?}"), format!("{slow_diags:?}"));
        assert_eq!(
            format!("{:?}", quick.glossary),
            format!("{:?}", slow.glossary)
        );
        for (q, s) in quick.concepts.iter().zip(&slow.concepts) {
            assert_eq!(format!("{q:?}"), format!("{s:?}"), "seed {seed}");
        }
        for (q, s) in quick.sources.iter().zip(&slow.sources) {
            assert_eq!(format!("{q:?}"), format!("{s:?}"), "seed {seed}");
        }
    }
}

/// The fuzz corpus's YAML: every case of the YAML test suite and every past finding of the
/// differential fuzz target (`fuzz/corpus/quick-reader/`): the quick reader declines each or
/// agrees with serde-saphyr on it, read as every raw type and as a generic tree.
#[test]
fn agrees_on_the_yaml_test_suite_and_past_findings() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut failures = Vec::new();
    let mut checked = 0;
    for folder in ["yaml-test-suite", "quick-reader"] {
        for entry in std::fs::read_dir(corpus.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            checked += 1;
            if let Err(why) = differential(&text) {
                failures.push(format!("{}: {why}", path.display()));
            }
        }
    }
    assert!(checked > 400, "only {checked} inputs");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A null key (`null`, `Null`, `NULL`) is refused by serde-saphyr where a string is expected;
/// the quick reader used to accept it, so whether a file validated depended on an unrelated
/// byte elsewhere in it (one the quick reader declines, sending the file to serde-saphyr).
#[test]
fn null_keys_are_left_to_serde_saphyr() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/quick-reader");
    for name in [
        "null-language-key",
        "null-domain-key",
        "null-key-in-sequence-item",
    ] {
        let text = std::fs::read_to_string(corpus.join(format!("{name}.yaml"))).unwrap();
        let quick = shuyu::load::fuzzing::quick::<shuyu::load::fuzzing::Value>(&text);
        assert!(quick.is_none(), "{name}: the quick reader accepts it");
    }
}
