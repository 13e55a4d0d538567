//! No input makes the loader or the validator panic: every truncation of a real concept file,
//! and seeded random byte edits, give diagnostics, never a crash.

use std::path::Path;

use super::support::{copy_tree, fixtures, shuyu};

const TARGET: &str = "concepts/society-work-department.yaml";

/// Loads and validates `glossary` in-process; a panic fails the test with the input named.
fn validate_without_panic(glossary: &Path, what: &str) -> usize {
    let (raw, diags) = shuyu::load::load(glossary).unwrap_or_else(|e| panic!("{what}: {e}"));
    let shuyu::validate::Validated {
        files,
        glossary: model,
        diags,
    } = shuyu::validate::validate(raw, diags);
    let errors = diags
        .iter()
        .filter(|d| d.severity() == shuyu::diag::Severity::Error)
        .count();
    // Rendering quotes the source line under a caret: it must cope with any span.
    shuyu::diag::render(&files, &diags, shuyu::diag::Format::Human);
    shuyu::diag::render(&files, &diags, shuyu::diag::Format::Json);
    assert_eq!(
        model.is_some(),
        errors == 0,
        "{what}: a model is built exactly when clean"
    );
    errors
}

fn with_target(bytes: &[u8], check: impl FnOnce(&Path)) {
    let root = tempfile::tempdir().unwrap();
    let glossary = root.path().join("glossary");
    copy_tree(&fixtures().join("valid"), &glossary);
    std::fs::write(glossary.join(TARGET), bytes).unwrap();
    check(&glossary);
}

#[test]
fn every_truncation_is_reported_not_panicked() {
    let original = std::fs::read(fixtures().join("valid").join(TARGET)).unwrap();
    let mut reported = 0;
    for end in (0..original.len()).step_by(5) {
        with_target(&original[..end], |g| {
            if validate_without_panic(g, &format!("truncated at byte {end}")) > 0 {
                reported += 1;
            }
        });
    }
    // Most prefixes are broken YAML or miss fields; each must have been reported.
    assert!(
        reported > original.len() / 10,
        "only {reported} truncations reported"
    );
}

#[test]
fn random_byte_edits_are_reported_not_panicked() {
    let original = std::fs::read(fixtures().join("valid").join(TARGET)).unwrap();
    let mut state: u64 = 0x5eed_cafe;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let specials = [
        b':', b'-', b'[', b'{', b'&', b'*', b'"', b'\'', b'\t', b'\n', 0xff, b'#',
    ];
    let mut reported = 0;
    for round in 0..150 {
        let mut bytes = original.clone();
        for _ in 0..(1 + next() % 4) {
            let at = (next() as usize) % bytes.len();
            bytes[at] = specials[(next() as usize) % specials.len()];
        }
        with_target(&bytes, |g| {
            if validate_without_panic(g, &format!("round {round}")) > 0 {
                reported += 1;
            }
        });
    }
    assert!(reported > 50, "only {reported} of 150 edits reported");
}

/// A concept file of about 1 MB with 84,000 undeclared languages: every one is reported in
/// JSON, the human format shows the first few and counts the rest. (Rendering used to index
/// the file again for every diagnostic and took minutes; it takes a second now: the figures are
/// in the closing note of issue 13. No time is asserted here.)
#[test]
fn eighty_four_thousand_diagnostics_in_one_file() {
    const KEYS: usize = 84_000;
    let mut text = String::from(
        "id: many-languages\nterms:\n  zh:\n    - term: 社会\n      status: preferred\n      \
         pinyin: shèhuì\n  en:\n    - term: society\n      status: preferred\n",
    );
    // Four base-36 digits a key, so that 84,000 keys fit in the 1 MiB limit.
    let digit = |n: usize| char::from_digit((n % 36) as u32, 36).unwrap();
    for i in 0..KEYS {
        let key: String = [i / 46_656, i / 1296, i / 36, i]
            .map(digit)
            .iter()
            .collect();
        text.push_str(&format!("  x{key}: []\n"));
    }
    text.push_str("definition:\n  en: x\n");
    assert!(text.len() < 1024 * 1024, "{} bytes", text.len());
    let root = tempfile::tempdir().unwrap();
    let glossary = root.path().join("glossary");
    copy_tree(&fixtures().join("valid"), &glossary);
    std::fs::write(glossary.join("concepts/many-languages.yaml"), text).unwrap();
    let json = shuyu(root.path(), &["validate", "--format", "json"]);
    assert_eq!(json.code, 1);
    assert_eq!(json.stdout.matches("\"V107\"").count(), KEYS);
    let human = shuyu(root.path(), &["validate"]);
    assert_eq!(human.code, 1);
    let shown = shuyu::diag::HUMAN_LIMIT_PER_FILE;
    assert_eq!(human.stdout.matches("error[V107]").count(), shown);
    assert!(
        human.stdout.contains(&format!(
            "… and {} more in glossary/concepts/many-languages.yaml",
            KEYS - shown
        )),
        "{}",
        &human.stdout[human.stdout.len().saturating_sub(500)..]
    );
    assert!(human.stdout.contains("84000 errors, 0 warnings"));
}
