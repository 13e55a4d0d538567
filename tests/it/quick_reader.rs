//! The quick YAML reader against serde-saphyr on generated glossaries: it reads every file,
//! and the raw values, positions and diagnostics are those serde-saphyr gives. (The unit tests
//! of `load::quick_de` compare the two on the repository glossary, the fixtures, truncations
//! and random edits; the generator writes a style of its own: long blocks, many lists.)

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
