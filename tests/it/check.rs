//! `shuyu check` on real-shaped files against the fixture glossary: one snapshot of every
//! finding (`tests/fixtures/check/expected.txt`), the machine formats, exit codes, bad input.

use super::support::{check_snapshot, fixtures, shuyu, Run};

fn check(args: &[&str]) -> Run {
    let mut all = vec!["--glossary", "../valid", "check"];
    all.extend_from_slice(args);
    shuyu(&fixtures().join("check"), &all)
}

const FILES: [&str; 6] = [
    "pairs.tsv",
    "okapi-2.0.xlf",
    "memory.tmx",
    "notes.md",
    "broken.xlf",
    "entities.xlf",
];

/// Deprecated renderings in every format, exemptions honoured, inline markup transparent,
/// malformed files and entity declarations located errors.
#[test]
fn every_format_snapshot() {
    let mut args = FILES.to_vec();
    args.extend(["--target-lang", "en"]);
    let run = check(&args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let diff = check_snapshot(&fixtures().join("check/expected.txt"), &run.stdout);
    assert!(diff.is_none(), "{}", diff.unwrap_or_default());
}

#[test]
fn json_and_sarif_carry_every_finding() {
    let human = check(&["pairs.tsv", "memory.tmx"]);
    let count = human
        .stdout
        .lines()
        .filter(|l| l.contains(": error[") || l.contains(": warning[") || l.contains(": note["))
        .count();
    let json = check(&["pairs.tsv", "memory.tmx", "--format", "json"]);
    let lines: Vec<serde_json::Value> = json
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), count);
    assert!(lines
        .iter()
        .all(|f| f["permalink"].as_str().unwrap().starts_with("concepts/")));
    let sarif = check(&["pairs.tsv", "memory.tmx", "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_str(&sarif.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), count);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    for r in results {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
    }
}

#[test]
fn github_annotations_end_with_a_summary() {
    let run = check(&["pairs.tsv", "--format", "github"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(
        lines[0].starts_with("::error file=pairs.tsv,line=3,title=shuyu society-work-department::")
    );
    assert!(lines.last().unwrap().contains("1 error, 1 warning, 1 note"));
}

#[test]
fn warnings_fail_only_when_denied() {
    assert_eq!(check(&["okapi-2.0.xlf"]).code, 1);
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("ok.tsv");
    std::fs::write(&file, "两企三新\tmixed-ownership enterprises\n").unwrap();
    let path = file.to_str().unwrap();
    assert_eq!(check(&[path, "--target-lang", "en"]).code, 0);
    assert_eq!(
        check(&[path, "--target-lang", "en", "--deny", "warnings"]).code,
        1
    );
}

#[test]
fn utf16_xliff_from_a_windows_tool_is_read() {
    let text = std::fs::read_to_string(fixtures().join("check/okapi-2.0.xlf")).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.replace("UTF-8", "UTF-16").encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("utf16.xlf");
    std::fs::write(&file, bytes).unwrap();
    let utf16 = check(&[file.to_str().unwrap(), "--format", "json"]);
    let utf8 = check(&["okapi-2.0.xlf", "--format", "json"]);
    let strip = |s: &str| s.replace(file.to_str().unwrap(), "okapi-2.0.xlf");
    assert_eq!(strip(&utf16.stdout), utf8.stdout);
}

#[test]
fn a_command_that_cannot_run_exits_2() {
    let run = check(&["missing.tsv", "--target-lang", "en"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot read missing.tsv"),
        "{}",
        run.stderr
    );
    let run = check(&["file.docx"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown format"), "{}", run.stderr);
    let run = check(&["notes.md"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--target-lang"), "{}", run.stderr);
}

/// Random byte edits of every fixture never panic (the support helper fails on a panic).
#[test]
fn mangled_files_are_reported_not_panicked() {
    let tmp = tempfile::tempdir().unwrap();
    let mut seed: u64 = 42;
    for name in FILES {
        let original = std::fs::read(fixtures().join("check").join(name)).unwrap();
        for round in 0..12 {
            let mut bytes = original.clone();
            for _ in 0..=round % 4 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                let at = (seed >> 33) as usize % bytes.len();
                bytes[at] = (seed >> 20) as u8;
            }
            bytes.truncate(bytes.len() - round * 3 % bytes.len().max(1));
            let file = tmp.path().join(format!("{round}-{name}"));
            std::fs::write(&file, &bytes).unwrap();
            let run = check(&[file.to_str().unwrap(), "--target-lang", "en"]);
            assert!(
                matches!(run.code, 0 | 1),
                "{}: {}",
                file.display(),
                run.stderr
            );
        }
    }
}

/// Files translate-toolkit wrote (csv2po, po2xliff, po2tmx): the same one deprecated rendering
/// is found in each, whatever the tool declared about the languages.
#[test]
fn files_written_by_translate_toolkit() {
    for file in ["translate-toolkit/pairs.xlf", "translate-toolkit/pairs.tmx"] {
        let run = check(&[file, "--target-lang", "en", "--format", "json"]);
        assert_eq!(run.code, 1, "{file}: {}", run.stderr);
        let findings: Vec<serde_json::Value> = run
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(findings.len(), 1, "{file}: {}", run.stdout);
        assert_eq!(findings[0]["concept"], "society-work-department");
        assert_eq!(findings[0]["level"], "error");
    }
}
