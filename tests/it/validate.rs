//! `shuyu validate` on the valid fixture glossary and on every invalid case.
//!
//! Each folder in `tests/fixtures/invalid/` is a case: its files are laid over a copy of the
//! valid fixture glossary (`tests/fixtures/valid/`), and `expected.txt` holds the exit code
//! and the exact output in the human and JSON formats. Two special files:
//! - `REMOVE` lists paths to delete from the copy;
//! - `NAME.repeat` is written out as `NAME`, its text repeated to 20 MiB (so no huge file is
//!   checked in);
//! - `NAME.symlink` becomes `NAME`, a symbolic link to the path the file holds, and
//!   `NAME.fifo` a named pipe (made at run time: git keeps neither well).

use std::collections::BTreeSet;
use std::path::Path;

use super::support::{check_snapshot, copy_tree, fixtures, make_fifo, shuyu};

const REPEAT_TO: usize = 20 * 1024 * 1024;

/// Builds the case's glossary in `root/glossary`.
fn lay_out_case(case: &Path, root: &Path) {
    let glossary = root.join("glossary");
    copy_tree(&fixtures().join("valid"), &glossary);
    overlay(case, case, &glossary);
}

fn overlay(case: &Path, dir: &Path, glossary: &Path) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let rel = path.strip_prefix(case).unwrap();
        let name = rel.to_string_lossy();
        if path.is_dir() {
            overlay(case, &path, glossary);
        } else if name == "expected.txt" {
        } else if name == "REMOVE" {
            for line in std::fs::read_to_string(&path).unwrap().lines() {
                std::fs::remove_file(glossary.join(line.trim())).unwrap();
            }
        } else if let Some(target) = name.strip_suffix(".repeat") {
            let unit = std::fs::read_to_string(&path).unwrap();
            std::fs::write(
                glossary.join(target),
                unit.repeat(REPEAT_TO / unit.len() + 1),
            )
            .unwrap();
        } else if let Some(target) = name.strip_suffix(".symlink") {
            let to = std::fs::read_to_string(&path).unwrap();
            std::os::unix::fs::symlink(to.trim(), glossary.join(target)).unwrap();
        } else if let Some(target) = name.strip_suffix(".fifo") {
            make_fifo(&glossary.join(target));
        } else {
            std::fs::create_dir_all(glossary.join(rel).parent().unwrap()).unwrap();
            std::fs::copy(&path, glossary.join(rel)).unwrap();
        }
    }
}

/// Runs validate in both formats and renders what the snapshot holds.
fn observe(root: &Path) -> String {
    let human = shuyu(root, &["validate", "--glossary", "glossary"]);
    let json = shuyu(
        root,
        &["validate", "--glossary", "glossary", "--format", "json"],
    );
    assert_eq!(
        human.code, json.code,
        "the format must not change the exit code"
    );
    format!(
        "exit: {}\n--- human\n{}--- json\n{}",
        human.code, human.stdout, json.stdout
    )
}

fn cases() -> Vec<std::path::PathBuf> {
    let mut cases: Vec<_> = std::fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    cases
}

#[test]
fn every_invalid_case_matches_its_snapshot() {
    let cases = cases();
    assert!(cases.len() >= 35, "only {} invalid cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let root = tempfile::tempdir().unwrap();
        lay_out_case(case, root.path());
        let actual = observe(root.path());
        failures.extend(check_snapshot(&case.join("expected.txt"), &actual));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every load, validation and linking rule is shown failing by at least one case.
#[test]
fn every_rule_has_an_invalid_case() {
    let mut seen = BTreeSet::new();
    for case in cases() {
        let expected = std::fs::read_to_string(case.join("expected.txt")).unwrap_or_default();
        for code in shuyu::codes::Code::ALL {
            if expected.contains(&format!("[{}]", code.id())) {
                seen.insert(code.id());
            }
        }
    }
    let missing: Vec<_> = shuyu::codes::Code::ALL
        .iter()
        .filter(|c| !seen.contains(c.id()))
        .map(|c| c.id())
        .collect();
    assert!(missing.is_empty(), "no invalid case shows {missing:?}");
}

#[test]
fn the_valid_fixture_is_clean() {
    let root = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("valid"), &root.path().join("glossary"));
    let run = shuyu(root.path(), &["validate"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.starts_with("0 errors, 0 warnings\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn github_format_annotates_the_line() {
    let root = tempfile::tempdir().unwrap();
    lay_out_case(&fixtures().join("invalid/unknown-domain"), root.path());
    let run = shuyu(
        root.path(),
        &["validate", "--glossary", "glossary", "--format", "github"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "::error file=glossary/concepts/social-governance.yaml,line=2,col=24,endLine=2,endColumn=33,\
         title=V108 unknown-domain::unknown domain `goverance`%0Ahelp: did you mean `governance`?\n"
    );
}

#[test]
fn a_missing_folder_cannot_run() {
    let root = tempfile::tempdir().unwrap();
    let run = shuyu(root.path(), &["validate", "--glossary", "nowhere"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("nowhere is not a folder"),
        "{}",
        run.stderr
    );
    let run = shuyu(root.path(), &["validate"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no glossary folder found"),
        "{}",
        run.stderr
    );
}

#[test]
fn explain_lists_every_code() {
    let run = shuyu(Path::new("."), &["validate", "--explain"]);
    assert_eq!(run.code, 0);
    for code in shuyu::codes::Code::ALL {
        assert!(
            run.stdout.contains(code.id()),
            "{} not explained",
            code.id()
        );
    }
}

#[test]
fn new_writes_a_skeleton_once() {
    let root = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("valid"), &root.path().join("glossary"));
    let run = shuyu(root.path(), &["new", "grid-worker"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text =
        std::fs::read_to_string(root.path().join("glossary/concepts/grid-worker.yaml")).unwrap();
    assert!(text.contains("id: grid-worker"));
    let again = shuyu(root.path(), &["new", "grid-worker"]);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    // The skeleton loads; what is left to fill in is reported, located.
    let run = shuyu(root.path(), &["validate"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("error[V125]"), "{}", run.stdout);
}
