//! Differential: the same bytes to the quick reader and to serde-saphyr, read as a concept, a
//! source, glossary.yaml and a generic tree. Wherever the quick reader accepts, serde-saphyr
//! must accept too and give the same value and positions (`shuyu::load::fuzzing`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The loader refuses invalid UTF-8 before either reader sees the text.
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(why) = shuyu::load::fuzzing::differential(text) {
            panic!("{why}\ninput: {text:?}");
        }
    }
});
