//! `shuyu lookup` on the fixture glossary: every kind of query, the card, JSON, exit codes.

use super::support::{check_snapshot, fixtures, shuyu};

fn lookup(args: &[&str]) -> super::support::Run {
    let mut all = vec!["lookup"];
    all.extend_from_slice(args);
    shuyu(&fixtures().join("valid"), &all)
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
