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

/// A secret in a file outside the glossary, as `~/.ssh/id_rsa` or `/etc/passwd` would be on a
/// CI machine.
const SECRET: &str = "SECRET-5f3a9c-do-not-print";

/// The valid fixture glossary in `root/glossary`, and a secret file beside it (outside it).
fn glossary_beside_a_secret(root: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let glossary = root.join("glossary");
    copy_tree(&fixtures().join("valid"), &glossary);
    let secret = root.join("secret.yaml");
    // Valid YAML that would even parse as a concept: only the link may stop it.
    std::fs::write(
        &secret,
        format!("id: leak\nterms:\n  zh:\n    - term: {SECRET}\n"),
    )
    .unwrap();
    (glossary, secret)
}

/// Runs validate in every format: each fails, says every one of `said`, and prints neither
/// the secret nor `unsaid` (unless it is empty).
fn refused_everywhere(root: &Path, said: &[&str], unsaid: &str) {
    for format in ["human", "json", "github"] {
        let run = shuyu(root, &["validate", "--format", format]);
        let out = format!("{}{}", run.stdout, run.stderr);
        assert!(
            !out.contains(SECRET),
            "the secret was printed in {format}:\n{out}"
        );
        assert!(
            unsaid.is_empty() || !out.contains(unsaid),
            "{format}: {out}"
        );
        assert_eq!(run.code, 1, "{format}: {out}");
        for s in said {
            assert!(out.contains(s), "{format}: `{s}` not in {out}");
        }
    }
}

#[test]
fn a_symlink_to_a_file_outside_is_refused_unread() {
    let root = tempfile::tempdir().unwrap();
    let (glossary, secret) = glossary_beside_a_secret(root.path());
    std::os::unix::fs::symlink(&secret, glossary.join("concepts/leak.yaml")).unwrap();
    std::os::unix::fs::symlink(&secret, glossary.join("sources/leak.yaml")).unwrap();
    refused_everywhere(
        root.path(),
        &["L014", "concepts/leak.yaml", "sources/leak.yaml"],
        "",
    );
}

#[test]
fn a_symlinked_glossary_yaml_is_refused_unread() {
    let root = tempfile::tempdir().unwrap();
    let (glossary, secret) = glossary_beside_a_secret(root.path());
    std::fs::remove_file(glossary.join("glossary.yaml")).unwrap();
    std::os::unix::fs::symlink(&secret, glossary.join("glossary.yaml")).unwrap();
    refused_everywhere(root.path(), &["glossary.yaml is a symbolic link"], "");
}

#[test]
fn a_symlinked_folder_is_not_followed_out_of_the_glossary() {
    let root = tempfile::tempdir().unwrap();
    let (glossary, secret) = glossary_beside_a_secret(root.path());
    let outside = root.path().join("elsewhere");
    std::fs::create_dir(&outside).unwrap();
    std::fs::copy(&secret, outside.join("leak.yaml")).unwrap();
    std::fs::rename(glossary.join("sources"), root.path().join("real-sources")).unwrap();
    std::os::unix::fs::symlink(&outside, glossary.join("sources")).unwrap();
    refused_everywhere(root.path(), &["sources is a symbolic link"], "leak.yaml");
}

/// A named pipe in either folder: reading it would wait for a writer forever. The runs must
/// end (the helper kills a hung run and fails), with the pipe reported.
#[test]
fn a_named_pipe_is_refused_without_blocking() {
    let root = tempfile::tempdir().unwrap();
    let glossary = root.path().join("glossary");
    copy_tree(&fixtures().join("valid"), &glossary);
    super::support::make_fifo(&glossary.join("concepts/pipe.yaml"));
    super::support::make_fifo(&glossary.join("sources/pipe.yaml"));
    for args in [&["validate"][..], &["link", "--format", "json"][..]] {
        let run = shuyu(root.path(), args);
        assert_eq!(run.code, 1, "{args:?}: {}{}", run.stdout, run.stderr);
        let out = format!("{}{}", run.stdout, run.stderr);
        assert!(
            out.contains("concepts/pipe.yaml is a named pipe, not a regular file"),
            "{out}"
        );
    }
}

/// Files of /proc say they are empty and are not: the size is never trusted, the reading is
/// bounded by the limit itself.
#[test]
fn a_file_that_misstates_its_size_is_read_to_the_limit_only() {
    let status = Path::new("/proc/self/status");
    let Ok(meta) = std::fs::metadata(status) else {
        eprintln!("skipped: no /proc on this machine");
        return;
    };
    assert_eq!(meta.len(), 0, "/proc/self/status reports a size");
    let bytes = shuyu::load::read_bytes(status).unwrap().unwrap();
    assert!(!bytes.is_empty() && bytes.len() as u64 <= shuyu::load::MAX_FILE_BYTES);
}

/// Every bad-input case of the fixtures (truncated, huge, deeply nested, UTF-16, Latin-1,
/// invalid UTF-8, NUL bytes, BOMs, links, pipes) exits 1 with a located error: no panic (the
/// helper checks), no hang, no exit 2.
#[test]
fn bad_inputs_give_located_errors() {
    let cases = [
        "truncated-file",
        "file-too-large",
        "deep-nesting",
        "deep-block-nesting",
        "utf16-little-endian",
        "utf16-big-endian",
        "latin1",
        "invalid-utf8",
        "nul-byte",
        "symlinked-file",
        "named-pipe",
    ];
    for case in cases {
        let expected =
            std::fs::read_to_string(fixtures().join("invalid").join(case).join("expected.txt"))
                .unwrap();
        assert!(expected.starts_with("exit: 1\n"), "{case}: {expected}");
        let json = expected.split("--- json\n").nth(1).unwrap_or_default();
        assert!(
            json.lines()
                .any(|l| l.contains("\"severity\":\"error\"") && l.contains("\"line\":")),
            "{case}: no located error in {json}"
        );
    }
}
