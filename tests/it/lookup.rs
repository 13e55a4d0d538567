//! `shuyu lookup` on the fixture glossary: every kind of query, the card, JSON, exit codes.

use std::path::Path;
use std::process::Command;

use super::support::{check_snapshot, copy_tree, fixtures, Run};

/// `shuyu lookup ARGS` on the fixture glossary, with a cache folder of the test's own.
fn lookup(args: &[&str]) -> Run {
    let cache = tempfile::tempdir().unwrap();
    lookup_in(&fixtures().join("valid"), cache.path(), args)
}

fn lookup_in(glossary: &Path, cache: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_shuyu"))
        .arg("--glossary")
        .arg(glossary)
        .arg("lookup")
        .args(args)
        .env("SHUYU_CACHE_DIR", cache)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

/// The first card's concept id in JSON output.
fn first_id(query: &str) -> String {
    let run = lookup(&[query, "--format", "json"]);
    assert_eq!(run.code, 0, "{query}: {}{}", run.stdout, run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    json["cards"][0]["id"].as_str().unwrap().to_string()
}

#[test]
fn every_form_finds_its_concept() {
    for (query, id) in [
        ("两企三新", "two-enterprises-three-new"),
        ("兩企三新", "two-enterprises-three-new"),
        ("liǎng qǐ sān xīn", "two-enterprises-three-new"),
        ("liang3 qi3 san1 xin1", "two-enterprises-three-new"),
        ("liangqisanxin", "two-enterprises-three-new"),
        ("SOCIETY WORK DEPARTMENT", "society-work-department"),
        ("departement du travail social", "society-work-department"),
        ("Society Wrok Departmnt", "society-work-department"),
    ] {
        assert_eq!(first_id(query), id, "{query}");
    }
}

#[test]
fn a_deprecated_rendering_leads_to_its_concept_and_says_so() {
    let run = lookup(&["Central Social Work Department"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("is deprecated: use the preferred rendering below"),
        "{}",
        run.stdout
    );
}

#[test]
fn no_match_exits_1_and_says_so() {
    let run = lookup(&["xyzzy"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "no concept matches `xyzzy`\n");
}

/// The card of a homonym, piped (so without colour): false friends first, renderings by
/// status, an example, the permalink.
#[test]
fn the_card_of_a_homonym() {
    let run = lookup(&["社会工作", "--lang", "en"]);
    assert_eq!(run.code, 0);
    assert!(!run.stdout.contains('\x1b'), "colour when piped");
    let diff = check_snapshot(&fixtures().join("lookup/society-work.txt"), &run.stdout);
    assert!(diff.is_none(), "{}", diff.unwrap_or_default());
}

/// The second lookup answers from the cache, exactly as the first; an edited file makes the
/// cache stale and the answer follows the edit.
#[test]
fn the_cache_answers_as_the_glossary_does_until_a_file_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let (glossary, cache) = (tmp.path().join("g"), tmp.path().join("cache"));
    copy_tree(&fixtures().join("valid"), &glossary);
    let first = lookup_in(&glossary, &cache, &["society work", "--format", "json"]);
    let written: Vec<_> = std::fs::read_dir(&cache).unwrap().collect();
    assert_eq!(written.len(), 1, "one cache file");
    let second = lookup_in(&glossary, &cache, &["society work", "--format", "json"]);
    assert_eq!((first.code, &first.stdout), (second.code, &second.stdout));
    let concept = glossary.join("concepts/society-work.yaml");
    let text = std::fs::read_to_string(&concept).unwrap();
    std::fs::write(
        &concept,
        text.replace("term: society work", "term: society wirk"),
    )
    .unwrap();
    let third = lookup_in(&glossary, &cache, &["society wirk", "--format", "json"]);
    assert_eq!(third.code, 0, "{}", third.stderr);
    assert!(
        third.stdout.contains("\"rank\": \"exact-rendering\""),
        "{}",
        third.stdout
    );
}
