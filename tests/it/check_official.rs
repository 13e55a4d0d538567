//! `shuyu check` on real translations: the official Chinese–English (French, Spanish) pairs of
//! the shared corpus (`tests/fixtures/check/official/`, copied with their attribution column),
//! checked against a frozen copy of the repository's glossary (`official/glossary/`), so that
//! later content changes do not move these tests.
//!
//! - Published official translations raise no error (warnings and notes are allowed: a
//!   comparable write-up may leave a term out).
//! - The same pairs with the accepted rendering replaced by a deprecated or superseded rendering
//!   of the same concept, or by a rendering only its homonym lists, are all errors. The variants
//!   are generated from the glossary, not written by hand, so a checker that misses one fails.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;
use shuyu::link::{Linker, Occurrence};
use shuyu::model::{Concept, Glossary, Status, Term};

use super::support::shuyu;

/// Every pair file of the fixture: a header row `id, source, zh, <lang>`. `parallel_*` are the
/// corpus's sentence pairs as published; `attested_official_*` pair each official attestation's
/// Chinese term with the verbatim sentence that renders it (see the folder's README).
const PAIRS: [&str; 6] = [
    "parallel_zh_en.tsv",
    "parallel_zh_fr.tsv",
    "parallel_zh_es.tsv",
    "attested_official_en.tsv",
    "attested_official_fr.tsv",
    "attested_official_es.tsv",
];

fn dir() -> PathBuf {
    super::support::fixtures().join("check/official")
}

/// The findings of `shuyu check FILES --format json` with the fixture's glossary.
fn check(files: &[&str]) -> Vec<Value> {
    let glossary = dir().join("glossary");
    let mut args = vec!["--glossary", glossary.to_str().unwrap(), "check"];
    args.extend_from_slice(files);
    args.extend(["--format", "json"]);
    let run = shuyu(&dir(), &args);
    assert!(matches!(run.code, 0 | 1), "{}", run.stderr);
    run.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn glossary() -> Glossary {
    let (raw, diags) = shuyu::load::load(&dir().join("glossary")).unwrap();
    shuyu::validate::validate(raw, diags)
        .glossary
        .expect("the fixture glossary is valid")
}

/// One row of a pair file.
struct Pair {
    file: &'static str,
    line: usize,
    lang: String,
    zh: String,
    target: String,
}

fn pairs() -> Vec<Pair> {
    let mut out = Vec::new();
    for file in PAIRS {
        let text = std::fs::read_to_string(dir().join(file)).unwrap();
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
        let zh = header.iter().position(|c| *c == "zh").unwrap();
        let lang = header.iter().position(|c| ["en", "fr", "es"].contains(c));
        let lang = lang.unwrap();
        for (i, line) in lines.enumerate() {
            let cells: Vec<&str> = line.split('\t').collect();
            out.push(Pair {
                file,
                line: i + 2,
                lang: header[lang].to_string(),
                zh: cells[zh].to_string(),
                target: cells[lang].to_string(),
            });
        }
    }
    out
}

fn avoided(status: Status) -> bool {
    matches!(status, Status::Deprecated | Status::Superseded)
}

fn term_of<'c>(c: &'c Concept, lang: &str, text: &str) -> Option<&'c Term> {
    let folded = shuyu::search::fold(text);
    c.terms
        .get(lang)?
        .iter()
        .find(|t| shuyu::search::fold(&t.text) == folded)
}

/// The concepts sharing a Chinese term with `c`, declared on either side.
fn homonyms<'g>(g: &'g Glossary, c: &Concept) -> Vec<&'g Concept> {
    g.concepts
        .values()
        .filter(|o| {
            let names = |a: &Concept, b: &Concept| {
                a.senses
                    .as_ref()
                    .is_some_and(|s| s.homonyms.contains(&b.id))
            };
            o.id != c.id && (names(o, c) || names(c, o))
        })
        .collect()
}

/// Where the target renders concept `id` with an accepted rendering: the occurrences' spans.
fn accepted_spans(g: &Glossary, used: &[Occurrence], id: &str, lang: &str) -> Vec<(usize, usize)> {
    let c = &g.concepts[id];
    used.iter()
        .filter(|o| o.may_be(id))
        .filter(|o| term_of(c, lang, &o.term).is_some_and(|t| !avoided(t.status)))
        .map(|o| (o.start, o.end))
        .collect()
}

/// A pair (by index), a concept it renders, and the byte spans of the rendering in the target.
type Rendered = (usize, String, Vec<(usize, usize)>);

/// Each (pair, concept) whose official target uses an accepted rendering of the concept the
/// Chinese links to (one sense, not ambiguous), with that rendering's spans.
fn rendered(g: &Glossary, linker: &Linker) -> Vec<Rendered> {
    let mut out = Vec::new();
    for (n, p) in pairs().iter().enumerate() {
        let used = linker.link_text(&p.lang, &p.target);
        let mut seen: Vec<String> = Vec::new();
        for o in linker.link_text("zh", &p.zh) {
            let Some(id) = o.concept() else { continue };
            if seen.iter().any(|s| s == id) {
                continue;
            }
            seen.push(id.to_string());
            let spans = accepted_spans(g, &used, id, &p.lang);
            if !spans.is_empty() {
                out.push((n, id.to_string(), spans));
            }
        }
    }
    out
}

/// Official translations that use a rendering the glossary does *not* accept: the glossary
/// deprecates or supersedes it on purpose (each entry's notes say why), so these are the errors
/// a translator following the glossary should see. Content decisions, not checker bugs.
const AVOIDED_BY_THE_GLOSSARY: [(&str, usize, &str, &str); 9] = [
    ("parallel_zh_es.tsv", 3, "social-governance",
     "`administración de la sociedad` (CAT platform, Spanish; the French of the same article says gouvernance): deprecated for `gobernanza social`"),
    ("attested_official_en.tsv", 35, "mass-organizations",
     "`social groups` (Governance of China II, 2015 speech): superseded by `mass organizations`"),
    ("attested_official_en.tsv", 36, "mass-organizations",
     "`social organizations` (same book's title): deprecated, it means 社会组织"),
    ("attested_official_es.tsv", 7, "chinese-modernization",
     "`vía china de modernización`: superseded by `modernización china`"),
    ("attested_official_es.tsv", 8, "chinese-modernization",
     "`camino chino de la modernización`: superseded by `modernización china`"),
    ("attested_official_fr.tsv", 4, "chinese-modernization",
     "`voie chinoise de modernisation`: superseded by `modernisation chinoise`"),
    ("attested_official_fr.tsv", 6, "chinese-modernization",
     "`modernisation à la chinoise`: superseded by `modernisation chinoise`"),
    ("attested_official_fr.tsv", 8, "chinese-modernization",
     "`modernisation de la Chine`: deprecated"),
    ("attested_official_fr.tsv", 10, "stability-maintenance",
     "`maintien de la stabilité sociale`: deprecated (People's Daily French rejects « maintien de la stabilité »)"),
];

#[test]
fn official_translations_raise_no_error_where_they_use_an_accepted_rendering() {
    let findings = check(&PAIRS);
    let g = glossary();
    let linker = Linker::new(&g);
    let pairs = pairs();
    let rendered = rendered(&g, &linker);
    // Not vacuous: the pairs do use the glossary's renderings.
    assert!(rendered.len() >= 20, "{} renderings", rendered.len());
    let mut unexpected = Vec::new();
    for f in findings.iter().filter(|f| f["level"] == "error") {
        let (file, line, concept) = (
            f["file"].as_str().unwrap(),
            f["line"].as_u64().unwrap() as usize,
            f["concept"].as_str().unwrap(),
        );
        let accepted = rendered
            .iter()
            .any(|(n, id, _)| pairs[*n].file == file && pairs[*n].line == line && id == concept);
        let known = AVOIDED_BY_THE_GLOSSARY
            .iter()
            .any(|k| (k.0, k.1, k.2) == (file, line, concept));
        if accepted || !known {
            unexpected.push(format!("{file}:{line} {concept}: {}", f["message"]));
        }
    }
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
    // Each documented case is still an error (the glossary copy is frozen).
    for (file, line, concept, why) in AVOIDED_BY_THE_GLOSSARY {
        assert!(
            findings.iter().any(|f| f["level"] == "error"
                && f["file"] == file
                && f["line"] == line
                && f["concept"] == concept),
            "{file}:{line} {concept} is no longer an error: {why}"
        );
    }
}

/// Which rendering replaces the accepted one, and why it must be an error.
struct Variant {
    pair: usize,
    concept: String,
    kind: &'static str,
    text: String,
}

#[test]
fn injected_deprecated_and_homonym_renderings_are_all_caught() {
    let g = glossary();
    let linker = Linker::new(&g);
    let pairs = pairs();
    let mut variants: Vec<(Variant, String)> = Vec::new();
    for (n, id, spans) in rendered(&g, &linker) {
        let p = &pairs[n];
        let c = &g.concepts[&id];
        let lang = p.lang.as_str();
        let mut replacements: Vec<(&'static str, &str)> = Vec::new();
        for t in c.terms.get(lang).into_iter().flatten() {
            if avoided(t.status) {
                replacements.push(("deprecated", &t.text));
            }
        }
        for h in homonyms(&g, c) {
            for t in h.terms.get(lang).into_iter().flatten() {
                if !avoided(t.status) && term_of(c, lang, &t.text).is_none() {
                    replacements.push(("homonym-only", &t.text));
                }
            }
        }
        for (kind, text) in replacements {
            // Every accepted rendering of the concept is replaced: one left would render it.
            let mut target = p.target.clone();
            for &(start, end) in spans.iter().rev() {
                target.replace_range(start..end, text);
            }
            let variant = Variant {
                pair: n,
                concept: id.clone(),
                kind,
                text: text.to_string(),
            };
            variants.push((variant, target));
        }
    }
    let count = |kind: &str| variants.iter().filter(|(v, _)| v.kind == kind).count();
    assert!(
        count("deprecated") >= 5,
        "{} deprecated",
        count("deprecated")
    );
    assert!(
        count("homonym-only") >= 1,
        "{} homonym",
        count("homonym-only")
    );

    // One file per target language, a row per variant; the third column says what was done.
    let tmp = tempfile::tempdir().unwrap();
    let mut files: BTreeMap<String, (PathBuf, String)> = BTreeMap::new();
    let mut at: Vec<(String, usize)> = Vec::new();
    for (v, target) in &variants {
        let p = &pairs[v.pair];
        let (path, text) = files.entry(p.lang.clone()).or_insert_with(|| {
            let path = tmp.path().join(format!("variants_{}.tsv", p.lang));
            (path, format!("zh\t{}\tvariant\n", p.lang))
        });
        text.push_str(&format!(
            "{}\t{}\t{}:{} {} {}\n",
            p.zh, target, p.file, p.line, v.kind, v.concept
        ));
        at.push((path.display().to_string(), text.lines().count()));
    }
    for (path, text) in files.values() {
        std::fs::write(path, text).unwrap();
    }
    let names: Vec<String> = files
        .values()
        .map(|(p, _)| p.display().to_string())
        .collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let findings = check(&names);
    let missed: Vec<String> = variants
        .iter()
        .zip(&at)
        .filter(|((v, _), (file, line))| {
            !findings.iter().any(|f| {
                f["level"] == "error"
                    && f["file"] == file.as_str()
                    && f["line"] == *line
                    && f["concept"] == v.concept.as_str()
            })
        })
        .map(|((v, target), _)| {
            let p = &pairs[v.pair];
            format!(
                "{}:{} {} `{}` for {} not caught in: {target}",
                p.file, p.line, v.kind, v.text, v.concept
            )
        })
        .collect();
    assert!(
        missed.is_empty(),
        "{} of {} variants missed:\n{}",
        missed.len(),
        variants.len(),
        missed.join("\n")
    );
}

/// `--format sarif` is valid SARIF 2.1.0: the OASIS JSON Schema (vendored, see
/// `tests/fixtures/check/sarif-schema-2.1.0.NOTICE.md`) accepts the log of every fixture file,
/// findings of every level and a malformed file included, and of the official pairs.
#[test]
fn sarif_is_valid_against_the_oasis_schema() {
    let fixtures = super::support::fixtures().join("check");
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures.join("sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let runs = [
        shuyu(
            &fixtures,
            &[
                "--glossary",
                "../valid",
                "check",
                "pairs.tsv",
                "okapi-2.0.xlf",
                "memory.tmx",
                "notes.md",
                "broken.xlf",
                "entities.xlf",
                "--target-lang",
                "en",
                "--format",
                "sarif",
            ],
        ),
        shuyu(
            &dir(),
            &[
                &["--glossary", "glossary", "check"][..],
                &PAIRS[..],
                &["--format", "sarif"][..],
            ]
            .concat(),
        ),
    ];
    for run in runs {
        let log: Value = serde_json::from_str(&run.stdout).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert!(!results.is_empty());
    }
    // The schema is not a rubber stamp: a log without `version` is refused.
    let bad = serde_json::json!({ "runs": [] });
    assert!(!validator.is_valid(&bad));
}
