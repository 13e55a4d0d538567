//! A sub-dictionary segmenter cuts exactly as the full one: on an excerpt of the 2024
//! Government Work Report (`benches/data`), on every Chinese passage of the repository's
//! glossary, and on random strings made of pieces of dictionary words and punctuation; and it
//! suggests the same frequencies for the terms. The whole report is compared too, only where
//! `../shared/corpus` is present (the test prints SKIPPED otherwise).

use std::path::Path;

use jieba_rs::Jieba;

use super::{add_terms, dict, Segmenter, SubDictionary};

/// Terms whose frequencies interact: nested (社会工作 in 社会工作部), a formula jieba breaks
/// (两企三新), punctuation inside (新时代“枫桥经验”), and a dictionary word outside jieba's
/// blocks (γ射线).
const TRICKY: &[&str] = &[
    "社会工作",
    "社会工作部",
    "中央社会工作部",
    "两企三新",
    "新时代“枫桥经验”",
    "枫桥经验",
    "γ射线",
    "新质生产力",
];

const GWR: &str = include_str!("../../benches/data/gwr2024_zh_excerpt.txt");

/// The repository glossary's Chinese terms and passages (with their simplified conversions,
/// which the linker cuts for traditional passages).
fn repo_glossary() -> (Vec<String>, Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary");
    let (raw, diags) = crate::load::load(&dir).expect("the repository glossary loads");
    let g = crate::validate::validate(raw, diags)
        .glossary
        .expect("the repository glossary is valid");
    let zh = |lang: &str| crate::link::is_chinese(lang);
    let terms = g.concepts.values().flat_map(|c| &c.terms);
    let terms = terms.filter(|(l, _)| zh(l)).flat_map(|(_, ts)| ts);
    let mut terms: Vec<String> = terms.map(|t| t.text.clone()).collect();
    terms.extend(TRICKY.iter().map(|t| t.to_string()));
    let sources = g.sources.values().filter(|s| zh(&s.lang));
    let mut passages: Vec<String> = sources
        .flat_map(|s| &s.passages)
        .map(|p| p.text.clone())
        .collect();
    let simplified: Vec<String> = passages
        .iter()
        .map(|p| crate::chinese::to_simplified(p))
        .collect();
    passages.extend(simplified);
    (terms, passages)
}

fn assert_same_cuts(terms: &[String], texts: &[&str]) {
    let full = Segmenter::new(terms.iter().map(String::as_str));
    let sub = Segmenter::sub(terms.iter().map(String::as_str));
    for text in texts {
        assert_eq!(sub.words(text), full.words(text), "{text}");
    }
    assert_eq!(total(&sub), total(&full));
}

/// jieba's total frequency, as its `Debug` shows it.
fn total(s: &Segmenter) -> String {
    let debug = match &s.dict {
        super::Dict::Full(j) => format!("{j:?}"),
        super::Dict::Sub(lock) => format!("{:?}", super::read(lock).jieba),
    };
    let at = debug.find("total_freq").expect("jieba shows its total");
    debug[at..].chars().filter(char::is_ascii_digit).collect()
}

#[test]
fn the_total_is_jiebas() {
    let debug = format!("{:?}", Jieba::new());
    assert!(
        debug.contains(&format!("total_freq: {}", dict::TOTAL)),
        "{debug}"
    );
}

#[test]
fn same_cuts_on_the_report_and_the_glossary_passages() {
    let (terms, passages) = repo_glossary();
    let mut texts: Vec<&str> = GWR.lines().filter(|l| !l.trim().is_empty()).collect();
    texts.extend(passages.iter().map(String::as_str));
    assert!(texts.len() > 20, "{}", texts.len());
    assert_same_cuts(&terms, &texts);
}

#[test]
fn same_suggested_frequencies() {
    let (terms, _) = repo_glossary();
    let terms = || terms.iter().map(String::as_str);
    let mut full = Jieba::new();
    let expected = add_terms(&mut full, terms());
    let (_, got) = SubDictionary::new(terms());
    assert_eq!(got, expected);
}

/// A xorshift generator: the random test needs no dependency and must repeat.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// A string of pieces: whole dictionary words, parts of them, terms, punctuation and ASCII.
fn random_text(rng: &mut Rng, words: &[&str], terms: &[String]) -> String {
    const OTHER: &[&str] = &[
        "，", "。", "“", "”", "、", " ", "\n", "\r\n", "3D", "AT&T", "γ",
    ];
    let mut out = String::new();
    for _ in 0..1 + rng.below(24) {
        match rng.below(10) {
            0..=4 => out.push_str(words[rng.below(words.len())]),
            5 | 6 => {
                let chars: Vec<char> = words[rng.below(words.len())].chars().collect();
                let a = rng.below(chars.len());
                let b = a + 1 + rng.below(chars.len() - a);
                out.extend(&chars[a..b]);
            }
            7 => out.push_str(&terms[rng.below(terms.len())]),
            _ => out.push_str(OTHER[rng.below(OTHER.len())]),
        }
    }
    out
}

#[test]
fn same_cuts_on_random_pieces_of_words() {
    let entries: Vec<dict::Entry> = dict::entries().collect();
    // Mostly the words of the report's vocabulary, so that pieces meet and form new words.
    let words: Vec<&str> = entries
        .iter()
        .filter(|e| e.freq > 1000 || e.word.chars().count() > 4)
        .map(|e| e.word)
        .collect();
    let terms: Vec<String> = TRICKY.iter().map(|t| t.to_string()).collect();
    let mut rng = Rng(0x5eed_5eed_1234_5678);
    let texts: Vec<String> = (0..3000)
        .map(|_| random_text(&mut rng, &words, &terms))
        .collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    assert_same_cuts(&terms, &texts);
}

/// The whole 2024 report, where the shared corpus sits next to the repository (it is not part
/// of it). Without it the test passes having checked nothing, and says so on the terminal:
/// written to stderr directly, which the test harness does not capture (it captures
/// `eprintln!`), so a passing run does not hide the skip.
#[test]
fn same_cuts_on_the_full_report_when_present() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/gwr2024_zh.txt");
    let Ok(report) = std::fs::read_to_string(&path) else {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED same_cuts_on_the_full_report_when_present: {} absent",
            path.display()
        );
        return;
    };
    let (terms, _) = repo_glossary();
    let mut texts: Vec<&str> = report.lines().collect();
    texts.push(&report);
    assert_same_cuts(&terms, &texts);
}
