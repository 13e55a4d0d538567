//! Sense resolution of 社会工作 on real text the glossary has never seen.
//!
//! `tests/fixtures/senses/zh.tsv` holds occurrences of the bare term 社会工作 (not inside a
//! longer glossary term such as 社会工作者 or 中央社会工作部), each marked ⟦…⟧ in a short quoted
//! passage and labelled by reading it: `party` (the Party's society work), `professional`
//! (professional social work) or `unclear` (left out of every figure, counted). See the
//! fixture's README for sources and labelling.
//!
//! **The split.** Each document is wholly in one half, so that one text's sense cannot leak
//! from train to test: documents are numbered in the order they first appear in the fixture,
//! odd numbers are the test half, even numbers the train half. The split was fixed, and the
//! test half measured with the resolver as it was, before any cue or weight was fitted; cues
//! are chosen from the train half only.
//!
//! **Before and after** (`SHUYU_SKIP_BROWSER=1 cargo test --test it senses -- --nocapture`).
//! The flat-cue resolver of commit 3451ff5 (a sense when the cues of exactly one candidate
//! occur in the sentence), on the test half: right 0.620 [0.540, 0.694], ambiguous 0.353
//! [0.281, 0.433], wrong 0.027 [0.010, 0.067] of 150. The intervals are Wilson score intervals
//! over occurrences; occurrences of one document are not independent, so the true uncertainty
//! is wider than printed.
//!
//! On main's glossary, where 社会工作人才队伍, 社会工作岗位, 医务社会工作 and the like became
//! concepts of their own (72 rows not linked, 43 of them in the test half), the resolver of
//! commit f36b4a9 measured: test half right 0.844 [0.764, 0.900], ambiguous 0.119, wrong 0.037
//! [0.014, 0.091] of 109; train half right 0.922 [0.862, 0.957], wrong 0.000 of 128. With the
//! witnesses and the generic-head cues of `src/link/senses.rs` (fitted on the train half):
//! train right 0.938 [0.882, 0.968], ambiguous 0.062, wrong 0.000 [0.000, 0.029]; test right
//! 0.835 [0.754, 0.893], ambiguous 0.156 [0.100, 0.236], wrong 0.009 [0.002, 0.050]: wrong
//! within its bound, right not.
//!
//! **The set extended** (December 2026). With those compounds their own concepts, the 322 rows
//! held only about 250 bare occurrences, short of the issue's 300. 24 new documents (135
//! occurrences, labelled by reading before any of them was linked; 13 of them Party texts,
//! since the first 47 leaned to the profession) were appended, each in the half its number
//! gives. With the resolver unchanged, the test half: right 0.888 [0.833, 0.926], ambiguous
//! 0.107, wrong 0.006 [0.001, 0.031] of 178 (party 0.871 of 93, professional 0.906 of 85);
//! train 0.921, wrong 0.000 of 191. The first 109 test rows score as before (0.835); the 69 new
//! ones, mostly Party meeting reports whose sentences name 习近平总书记关于社会工作的重要论述 or a
//! committee's 社会工作会议, are easier. The bars are met on the set as it now stands, not by a
//! better resolver.
//!
//! Only the train half's failures are printed one by one, so that nobody tunes a cue on a test
//! passage; the test half is reported as figures only. `SHUYU_SENSES_TRAIN_ONLY=1` links and
//! reports the train half alone, for fitting without seeing a test figure.
//!
//! The resolver runs through the real path: the repository's glossary is loaded and
//! validated, a [`Linker`] is built from it, and each document (its quoted passages, one a
//! paragraph) is linked with [`Linker::link_document`], as `shuyu link` links a file. The
//! figures for each passage linked alone are printed too: what the sentence decides without the
//! rest of its text.

use std::collections::BTreeMap;
use std::path::Path;

use shuyu::link::{Linker, Occurrence};
use shuyu::model::Glossary;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/senses/");

/// One labelled occurrence.
#[derive(Clone)]
struct Row {
    id: String,
    doc: String,
    half: String,
    label: String,
    /// The passage without its marks, and the marked occurrence's byte span in it.
    passage: String,
    span: (usize, usize),
}

/// The repository's glossary, loaded and validated as `shuyu` does.
pub fn repository_glossary() -> Glossary {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary");
    let (raw, diags) = shuyu::load::load(&dir).expect("glossary folder reads");
    shuyu::validate::validate(raw, diags)
        .glossary
        .expect("the repository glossary validates")
}

/// Removes the ⟦⟧ marks of one passage, returning the text and the marked span.
fn unmark(marked: &str) -> (String, (usize, usize)) {
    let start = marked.find('⟦').expect("a marked occurrence");
    let text = marked.replacen('⟦', "", 1);
    let end = text.find('⟧').expect("a closed mark");
    (text.replacen('⟧', "", 1), (start, end))
}

fn rows(file: &str) -> Vec<Row> {
    let text = std::fs::read_to_string(format!("{FIXTURE}{file}")).expect("fixture exists");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 9, "9 columns in {l}");
            let (passage, span) = unmark(f[4]);
            Row {
                id: f[0].into(),
                doc: f[1].into(),
                half: f[2].into(),
                label: f[3].into(),
                passage,
                span,
            }
        })
        .collect()
}

/// Checks the split rule: documents numbered by first appearance, odd = test.
fn check_split(rows: &[Row]) {
    let mut number: BTreeMap<&str, usize> = BTreeMap::new();
    for r in rows {
        let next = number.len() + 1;
        let n = *number.entry(&r.doc).or_insert(next);
        let half = if n % 2 == 1 { "test" } else { "train" };
        assert_eq!(
            r.half, half,
            "{}: document {n} belongs to the {half} half",
            r.id
        );
    }
}

/// The outcome of one occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Right,
    Ambiguous,
    Wrong,
    /// No occurrence of the shared term at the marked span (a longer term took it).
    NotLinked,
}

/// The concept a label stands for.
fn concept_of(label: &str) -> &'static str {
    match label {
        "party" => "society-work",
        "professional" => "social-work-professional",
        other => panic!("unknown label {other}"),
    }
}

fn outcome(found: Option<&Occurrence>, label: &str) -> Outcome {
    match found {
        None => Outcome::NotLinked,
        Some(o) if o.ambiguous => Outcome::Ambiguous,
        Some(o) if o.concept() == Some(concept_of(label)) => Outcome::Right,
        Some(_) => Outcome::Wrong,
    }
}

/// Links each document (its quoted passages, one a paragraph) with
/// [`Linker::link_document`], as `shuyu link` links a file, and returns the outcome of every
/// labelled row, by row id.
fn by_document(linker: &Linker, rows: &[Row]) -> BTreeMap<String, Outcome> {
    let mut docs: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for r in rows {
        docs.entry(&r.doc).or_default().push(r);
    }
    let mut out = BTreeMap::new();
    for members in docs.values() {
        let mut paragraphs: Vec<&str> = Vec::new();
        for r in members {
            if !paragraphs.contains(&r.passage.as_str()) {
                paragraphs.push(&r.passage);
            }
        }
        let found = linker.link_document("zh", &paragraphs);
        for r in members.iter().filter(|r| r.label != "unclear") {
            let at = paragraphs
                .iter()
                .position(|p| *p == r.passage)
                .expect("its paragraph");
            let hit = found[at].iter().find(|o| (o.start, o.end) == r.span);
            out.insert(r.id.clone(), outcome(hit, &r.label));
        }
    }
    out
}

/// Links each passage alone (no text around it): what the sentence alone decides.
fn by_passage(linker: &Linker, rows: &[Row]) -> BTreeMap<String, Outcome> {
    rows.iter()
        .filter(|r| r.label != "unclear")
        .map(|r| {
            let found = linker.link_text("zh", &r.passage);
            let hit = found.iter().find(|o| (o.start, o.end) == r.span);
            (r.id.clone(), outcome(hit, &r.label))
        })
        .collect()
}

/// The Wilson score interval (95%) of `k` successes in `n`.
pub fn wilson(k: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (k, n, z) = (k as f64, n as f64, 1.959_964);
    let p = k / n;
    let denom = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// Rates of right / ambiguous / wrong among decided-or-ambiguous occurrences.
pub struct Figures {
    pub n: usize,
    pub right: usize,
    pub ambiguous: usize,
    pub wrong: usize,
    pub not_linked: usize,
}

impl Figures {
    fn of<'a>(outcomes: impl Iterator<Item = &'a Outcome>) -> Self {
        let mut f = Figures {
            n: 0,
            right: 0,
            ambiguous: 0,
            wrong: 0,
            not_linked: 0,
        };
        for o in outcomes {
            match o {
                Outcome::Right => f.right += 1,
                Outcome::Ambiguous => f.ambiguous += 1,
                Outcome::Wrong => f.wrong += 1,
                Outcome::NotLinked => f.not_linked += 1,
            }
        }
        f.n = f.right + f.ambiguous + f.wrong;
        f
    }

    pub fn rate(&self, k: usize) -> f64 {
        k as f64 / self.n.max(1) as f64
    }

    pub fn line(&self, name: &str) -> String {
        let part = |label: &str, k: usize| {
            let (lo, hi) = wilson(k, self.n);
            format!("{label} {:.3} [{lo:.3}, {hi:.3}]", self.rate(k))
        };
        format!(
            "{name}: n={} {}, {}, {}; not linked: {}",
            self.n,
            part("right", self.right),
            part("ambiguous", self.ambiguous),
            part("wrong", self.wrong),
            self.not_linked
        )
    }
}

fn figures(rows: &[Row], outcomes: &BTreeMap<String, Outcome>, half: &str) -> Figures {
    Figures::of(
        rows.iter()
            .filter(|r| r.half == half)
            .filter_map(|r| outcomes.get(&r.id)),
    )
}

fn zh_linker() -> (Vec<Row>, Linker) {
    let rows = rows("zh.tsv");
    check_split(&rows);
    let glossary = repository_glossary();
    let bytes = rows.iter().map(|r| r.passage.len()).sum();
    (rows, Linker::for_input(&glossary, |l| l == "zh", bytes))
}

/// Issue 12's bar: right on at least this share of the test half, wrong on at most
/// [`MOST_WRONG`].
const ISSUE_RIGHT: f64 = 0.85;
/// Issue 12's bound on wrong senses: wrong is what misleads a translator.
const MOST_WRONG: f64 = 0.02;
/// Issue 12 asks for at least 300 labelled bare occurrences; the ones the linker finds as the
/// bare term (not inside a longer glossary term), both halves, unclear ones left out.
const LEAST_OCCURRENCES: usize = 300;

/// The held-out test half: right on at least 85%, wrong on at most 2% (issue 12's bars); the
/// train half and each sense apart are printed alongside.
#[test]
fn senses_of_shehui_gongzuo_on_the_test_half() {
    let (rows, linker) = zh_linker();
    if std::env::var_os("SHUYU_SENSES_TRAIN_ONLY").is_some() {
        return train_half_only(&linker, &rows);
    }
    let unclear = rows.iter().filter(|r| r.label == "unclear").count();
    let docs = by_document(&linker, &rows);
    let alone = by_passage(&linker, &rows);
    let test = figures(&rows, &docs, "test");
    println!(
        "社会工作 senses ({} rows, {unclear} unclear and left out)",
        rows.len()
    );
    println!("{}", test.line("test half, by document"));
    println!(
        "{}",
        figures(&rows, &docs, "train").line("train half, by document")
    );
    println!(
        "{}",
        figures(&rows, &alone, "test").line("test half, passage alone")
    );
    println!(
        "{}",
        figures(&rows, &alone, "train").line("train half, passage alone")
    );
    for r in &rows {
        match docs.get(&r.id) {
            Some(Outcome::Wrong) if r.half == "train" => {
                println!("wrong (train): {} ({}) {}", r.id, r.label, r.passage)
            }
            Some(Outcome::NotLinked) => println!("not linked: {} {}", r.id, r.passage),
            Some(Outcome::Ambiguous) if r.half == "train" => {
                println!("ambiguous (train): {} ({}) {}", r.id, r.label, r.passage)
            }
            _ => {}
        }
    }
    for label in ["party", "professional"] {
        let of_label: Vec<Row> = rows.iter().filter(|r| r.label == label).cloned().collect();
        let name = format!("test half, {label} only");
        println!("{}", figures(&of_label, &docs, "test").line(&name));
    }
    let train = figures(&rows, &docs, "train");
    assert!(
        test.n + train.n >= LEAST_OCCURRENCES,
        "{} labelled bare occurrences linked",
        test.n + train.n
    );
    assert!(
        test.rate(test.right) >= ISSUE_RIGHT,
        "{}",
        test.line("test")
    );
    assert!(test.rate(test.wrong) <= MOST_WRONG, "{}", test.line("test"));
}

/// With `SHUYU_SENSES_TRAIN_ONLY` set: links and reports the train half alone (its figures
/// and its rows not right), so that fitting a rule never shows a figure of the test half.
fn train_half_only(linker: &Linker, rows: &[Row]) {
    let train: Vec<Row> = rows.iter().filter(|r| r.half == "train").cloned().collect();
    let docs = by_document(linker, &train);
    let f = figures(&train, &docs, "train");
    println!("{}", f.line("train half, by document"));
    for r in &train {
        if let Some(o @ (Outcome::Wrong | Outcome::Ambiguous)) = docs.get(&r.id) {
            println!("{o:?} (train): {} ({}) {}", r.id, r.label, r.passage);
        }
    }
    assert!(f.n >= 100, "{} train occurrences", f.n);
}

/// The renderings of 社会工作 whose sense `latin.tsv` labels.
const RENDERINGS: [&str; 3] = ["social work", "travail social", "trabajo social"];

/// One labelled occurrence in the glossary's own sources: where it is, and its label.
struct LatinRow {
    lang: String,
    source: String,
    passage: String,
    /// The n-th occurrence of a rendering in the passage, counted from 1.
    n: usize,
    label: String,
}

fn latin_rows() -> Vec<LatinRow> {
    let text = std::fs::read_to_string(format!("{FIXTURE}latin.tsv")).expect("fixture exists");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 6, "6 columns in {l}");
            LatinRow {
                lang: f[0].into(),
                source: f[1].into(),
                passage: f[2].into(),
                n: f[3].parse().expect("n is a number"),
                label: f[4].into(),
            }
        })
        .collect()
}

/// Whether `o`, in `text`, is an occurrence of a rendering of 社会工作 (either sense).
fn is_rendering(text: &str, o: &Occurrence) -> bool {
    let words: Vec<&str> = text[o.start..o.end].split_whitespace().collect();
    RENDERINGS.contains(&words.join(" ").to_lowercase().as_str())
        && (o.may_be("society-work") || o.may_be("social-work-professional"))
}

/// The glossary's sources linked as `shuyu validate` links them, then each labelled
/// occurrence's outcome, by language (the ones not right printed one by one: there is no
/// held-out half here); every rendering linking finds must be labelled.
#[test]
fn senses_of_social_work_in_the_glossarys_sources() {
    let glossary = repository_glossary();
    let links = Linker::new(&glossary).link_glossary(&glossary);
    // A row whose source this glossary lacks (a source added on another branch) is skipped.
    let (rows, absent): (Vec<LatinRow>, Vec<LatinRow>) = latin_rows()
        .into_iter()
        .partition(|r| glossary.sources.contains_key(&r.source));
    let mut by_lang: BTreeMap<&str, Vec<Outcome>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.label != "unclear") {
        let got = latin_outcome(&glossary, &links, r);
        if got != Outcome::Right {
            println!("{got:?}: {}#{} {} ({})", r.source, r.passage, r.n, r.label);
        }
        by_lang.entry(&r.lang).or_default().push(got);
    }
    let unclear = rows.iter().filter(|r| r.label == "unclear").count();
    let linked = count_renderings(&glossary, &links);
    println!(
        "social work / travail social / trabajo social in the glossary's sources: {} labelled \
         ({unclear} unclear), {linked} linked; {} labelled rows name a source this glossary lacks",
        rows.len(),
        absent.len()
    );
    for (lang, outcomes) in &by_lang {
        println!("{}", Figures::of(outcomes.iter()).line(lang));
    }
    let all: Vec<Outcome> = by_lang.into_values().flatten().collect();
    let f = Figures::of(all.iter());
    println!("{}", f.line("en+fr+es"));
    assert_eq!(f.not_linked, 0, "every labelled occurrence is linked");
    assert_eq!(rows.len(), linked, "every linked rendering is labelled");
}

/// The outcome of one labelled occurrence in the linked sources.
fn latin_outcome(glossary: &Glossary, links: &shuyu::link::Links, r: &LatinRow) -> Outcome {
    let text = &glossary.sources[&r.source]
        .passages
        .iter()
        .find(|p| p.id == r.passage)
        .unwrap_or_else(|| panic!("{}#{} exists", r.source, r.passage))
        .text;
    let found = links
        .passages
        .iter()
        .find(|p| p.source == r.source && p.passage == r.passage)
        .expect("linked passage");
    let hit = found
        .occurrences
        .iter()
        .filter(|o| is_rendering(text, o))
        .nth(r.n - 1);
    outcome(hit, &r.label)
}

/// How many occurrences of a rendering of 社会工作 linking finds in the glossary's sources.
fn count_renderings(glossary: &Glossary, links: &shuyu::link::Links) -> usize {
    links
        .passages
        .iter()
        .map(|p| {
            let text = &glossary.sources[&p.source]
                .passages
                .iter()
                .find(|q| q.id == p.passage)
                .expect("linked passage exists")
                .text;
            p.occurrences
                .iter()
                .filter(|o| is_rendering(text, o))
                .count()
        })
        .sum()
}

/// `shuyu link FILE --format json` says what decided each sense: a compound, the sentence, or
/// the rest of the file for a bare occurrence nothing in its own sentence decides. The text is
/// constructed for the test (it checks the plumbing, not accuracy).
#[test]
fn link_json_reports_what_decided_each_sense() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("text.txt");
    let paragraphs = [
        "习近平总书记强调，社会工作是党和国家工作的重要组成部分。",
        "市委、区委要抓好社会工作，推动党建引领基层治理。",
        "社会工作大有可为。",
        "要大力发展专业社会工作。",
    ];
    std::fs::write(&file, paragraphs.join("\n\n")).unwrap();
    let run = super::support::shuyu(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "link",
            file.to_str().unwrap(),
            "--lang",
            "zh",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let got: Vec<(String, String)> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|o| o["text"] == "社会工作")
        .map(|o| (o["concept"].to_string(), o["resolved_by"].to_string()))
        .collect();
    let party = (r#""society-work""#.to_string(), r#""sentence""#.to_string());
    let expected = [
        party.clone(),
        party,
        (r#""society-work""#.into(), r#""text""#.into()),
        (
            r#""social-work-professional""#.into(),
            r#""compound""#.into(),
        ),
    ];
    assert_eq!(got, expected, "{}", run.stdout);
}
