//! Which concept a shared term stands for at one occurrence.
//!
//! 社会工作 is both the Party's "society work" and professional social work. Each homonym's
//! entry lists `senses.cues`, and the evidence for a candidate at one occurrence comes in three
//! strengths, tried in this order:
//!
//! 1. **Compound** ([`Basis::Compound`]): a cue that contains the shared term itself (医务社会工作,
//!    社会工作专业, 社会工作人才 → professional; 党的社会工作, 关于社会工作, 社会工作会议 → Party) and
//!    that covers the occurrence in the text, or any cue written against the occurrence with
//!    nothing between (专业 in 专业社会工作, 会议 in 省委社会工作会议). The compound is one word
//!    with the term, so it decides alone; compounds of two candidates at once leave the
//!    occurrence ambiguous. The term with a generic head of the linker's list (机构, 系统 …,
//!    see [`super::zh`]) is no compound cue: the head says nothing of the sense (党的社会工作机构
//!    are the Party's organs, 民办社会工作机构 professional ones), so `senses.cues` leave out
//!    社会工作机构 and 社会工作系统 (on the train half: right 0.930 → 0.938, wrong 0 → 0).
//! 2. **Sentence** ([`Basis::Sentence`]): the cues, counted (each distinct cue once) in the
//!    sentence around the occurrence, the term itself left out. A candidate is chosen when it
//!    has more distinct cues than every other (none counting as zero) by a margin: in Chinese
//!    [`MARGIN_ZH`], two, since cues are matched as characters inside any word, so one cue
//!    alone (新时代, 专业) is too weak to decide, and one stray cue of the other sense (专业性 in
//!    a sentence about the Party's work) neither flips a sentence nor forces a guess; in
//!    English, French and Spanish [`MARGIN_WORDS`], one, since cues there are whole stemmed
//!    words and phrases (Party, CPC, Politburo), and two of them rarely share one sentence
//!    with "social work".
//! 3. **Text** ([`Basis::Text`]): one sense per text. The distinct sentence cues around every
//!    occurrence of the term in the same text (a file, a passage) are summed by candidate:
//!    when they number at least [`TEXT_MIN`] and one candidate holds at least [`TEXT_SHARE`]
//!    of them, an occurrence left ambiguous takes that candidate, unless its own sentence has
//!    a cue or compound of another candidate (a contradiction keeps it ambiguous). Compounds
//!    do not count: they name one thing, and Party texts name professional things (the Society
//!    Work Departments' duties include 社会工作人才队伍建设). Summing cues rather than counting
//!    the occurrences step 2 decided lets several weakly cued sentences (one cue each) agree.
//!    A longer glossary term that holds the shared one and a compound cue of a candidate
//!    (社会工作人才队伍, 社会工作岗位, 医务社会工作, 中央社会工作会议) is a *witness*
//!    ([`Local::witness`]): it is that longer term's occurrence, not the shared term's, but the
//!    text using it uses the word, so the cues of its sentence are summed too (its own compound,
//!    as above, is not). Before those compounds became concepts of their own, their occurrences
//!    were the shared term's and voted this way; without them the train half lost evidence.
//!    A name that holds no compound cue (中央社会工作部, 社会工作部) is no witness: a department's
//!    sentences list its professional duties (拟订社会工作政策), and counting them made two
//!    train occurrences wrong.
//!
//! With no evidence at all the occurrence stays ambiguous and lists its candidates: a reader is
//! better served by "could be either" than by a confident wrong link. The basis is reported
//! with each resolved occurrence (`resolved_by` in `shuyu link --format json`), so a reader can
//! weigh a sense inferred from the text less than one its compound states.
//!
//! The thresholds were chosen on the train half of `tests/fixtures/senses/zh.tsv` and are
//! measured on its held-out test half by `tests/it/senses.rs`.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

/// How many more distinct sentence cues the chosen candidate needs than any other, in Chinese
/// (chosen on the train half of `zh.tsv`).
pub const MARGIN_ZH: usize = 2;
/// The same in languages matched by words (chosen on `latin.tsv`, which has no held-out half).
pub const MARGIN_WORDS: usize = 1;
/// How many sentence cues (summed over a term's occurrences) a text needs before it decides.
pub const TEXT_MIN: usize = 3;
/// The share of those cues one candidate needs to decide the rest.
pub const TEXT_SHARE: f64 = 0.8;

/// What decided a sense.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// A compound cue that contains the term covers the occurrence.
    Compound,
    /// The cues in the sentence.
    Sentence,
    /// The other occurrences of the term in the same text.
    Text,
}

/// The outcome for one occurrence of a shared form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sense {
    /// The candidate the evidence points to, and what evidence.
    Resolved(String, Basis),
    /// No evidence decides: every candidate.
    Ambiguous(Vec<String>),
}

/// The evidence for one candidate at one occurrence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    /// A compound cue of the candidate covers the occurrence.
    pub compound: bool,
    /// How many distinct sentence cues of the candidate occur around it.
    pub cues: usize,
}

impl Evidence {
    /// Whether anything around the occurrence speaks for the candidate.
    pub fn any(&self) -> bool {
        self.compound || self.cues > 0
    }
}

/// Chooses among `candidates` by the evidence `evidence(candidate)` finds around the
/// occurrence (steps 1 and 2 of the module's rule), sentence cues by `margin`.
pub fn resolve(
    candidates: &[&str],
    margin: usize,
    evidence: impl FnMut(&str) -> Evidence,
) -> Sense {
    let found: Vec<(&str, Evidence)> = candidates
        .iter()
        .copied()
        .zip(candidates.iter().copied().map(evidence))
        .collect();
    match decide(&found, margin) {
        Some((c, basis)) => Sense::Resolved(c.to_string(), basis),
        None => Sense::Ambiguous(candidates.iter().map(|c| c.to_string()).collect()),
    }
}

/// The candidate the evidence decides, if it does.
fn decide<'a>(found: &[(&'a str, Evidence)], margin: usize) -> Option<(&'a str, Basis)> {
    let mut compounds = found.iter().filter(|(_, e)| e.compound);
    match (compounds.next(), compounds.next()) {
        (Some((c, _)), None) => return Some((c, Basis::Compound)),
        (Some(_), Some(_)) => return None,
        _ => {}
    }
    let mut by_cues: Vec<&(&str, Evidence)> = found.iter().collect();
    by_cues.sort_by_key(|(_, e)| std::cmp::Reverse(e.cues));
    let (first, rest) = by_cues.split_first()?;
    let second = rest.first().map_or(0, |(_, e)| e.cues);
    (first.1.cues >= second + margin).then_some((first.0, Basis::Sentence))
}

/// One occurrence of a shared form as the text pass sees it.
#[derive(Debug, Clone)]
pub struct Local {
    /// The candidates, sorted: occurrences with the same candidates share a text sense.
    pub candidates: Vec<String>,
    /// The evidence around this occurrence, by candidate.
    pub evidence: Vec<(String, Evidence)>,
    pub sense: Sense,
    /// An occurrence of a longer term that contains the shared one (社会工作岗位 for
    /// 社会工作): its sentence cues count toward the text's sense; it takes no sense itself.
    pub witness: bool,
}

impl Local {
    /// Whether nothing around this occurrence speaks for a candidate other than `winner`.
    fn allows(&self, winner: &str) -> bool {
        self.evidence.iter().all(|(c, e)| c == winner || !e.any())
    }
}

/// Step 3: resolves by the text the occurrences in `locals` that steps 1–2 left ambiguous.
pub fn by_text(locals: &mut [Local]) {
    // The sentence cues around every occurrence, summed by candidate. A compound names one
    // thing (社会工作人才队伍建设 is among a Party department's duties): it decides its own
    // occurrence, not the text's topic, so it adds nothing here.
    let mut cues: BTreeMap<Vec<String>, BTreeMap<String, usize>> = BTreeMap::new();
    for l in locals.iter() {
        let sums = cues.entry(l.candidates.clone()).or_default();
        for (c, e) in &l.evidence {
            *sums.entry(c.clone()).or_default() += e.cues;
        }
    }
    for l in locals.iter_mut().filter(|l| !l.witness) {
        let Sense::Ambiguous(_) = l.sense else {
            continue;
        };
        let Some(winner) = cues.get(&l.candidates).and_then(text_sense) else {
            continue;
        };
        if l.allows(&winner) {
            l.sense = Sense::Resolved(winner, Basis::Text);
        }
    }
}

/// The candidate a text's summed sentence cues (by candidate) settle on, if any.
fn text_sense(counts: &BTreeMap<String, usize>) -> Option<String> {
    let total: usize = counts.values().sum();
    let (best, n) = counts.iter().max_by_key(|(_, n)| **n)?;
    (total >= TEXT_MIN && *n as f64 >= TEXT_SHARE * total as f64).then(|| best.clone())
}

/// Whether a sentence ends at `c` (given the character after it, for the ASCII full stop,
/// which also occurs inside numbers and abbreviations).
fn ends_sentence(c: char, next: Option<char>) -> bool {
    match c {
        '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n' => true,
        '.' => next.is_none_or(char::is_whitespace),
        _ => false,
    }
}

/// The byte range of the sentence of `text` that holds `span`.
pub fn sentence_around(text: &str, span: Range<usize>) -> Range<usize> {
    let before = &text[..span.start];
    let mut start = 0;
    let mut chars = before.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars
            .peek()
            .map(|(_, n)| *n)
            .or_else(|| text[span.start..].chars().next());
        if ends_sentence(c, next) {
            start = i + c.len_utf8();
        }
    }
    let after = &text[span.end..];
    let mut end = text.len();
    let mut chars = after.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if ends_sentence(c, chars.peek().map(|(_, n)| *n)) {
            end = span.end + i + c.len_utf8();
            break;
        }
    }
    start..end
}

/// The parts of the sentence around `span`, without the occurrence itself: cues are looked for
/// on either side, never inside the term (部 must not be found in 社会工作部).
pub fn context(text: &str, span: Range<usize>) -> [Range<usize>; 2] {
    let sentence = sentence_around(text, span.clone());
    [sentence.start..span.start, span.end..sentence.end]
}

/// Whether `cue` makes one compound with an occurrence of `form` between `left` and `right`
/// (the sentence on either side): a cue that contains the term covers the occurrence
/// (社会工作人才 over 社会工作 in 社会工作人才队伍), and any other cue written against it, with
/// nothing between, forms a compound with it (专业 in 专业社会工作, 会议 in 省委社会工作会议).
pub fn compound_covers(left: &str, right: &str, form: &str, cue: &str) -> bool {
    let Some(at) = cue.find(form) else {
        return left.ends_with(cue) || right.starts_with(cue);
    };
    let (before, after) = (&cue[..at], &cue[at + form.len()..]);
    left.ends_with(before) && right.starts_with(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(n: usize) -> Evidence {
        Evidence {
            compound: false,
            cues: n,
        }
    }

    const COMPOUND: Evidence = Evidence {
        compound: true,
        cues: 0,
    };

    #[test]
    fn one_cued_candidate_is_chosen_on_two_cues_not_one() {
        let s = resolve(&["a", "b"], MARGIN_ZH, |c| {
            if c == "b" {
                cues(2)
            } else {
                cues(0)
            }
        });
        assert_eq!(s, Sense::Resolved("b".into(), Basis::Sentence));
        let s = resolve(&["a", "b"], MARGIN_ZH, |c| {
            if c == "b" {
                cues(1)
            } else {
                cues(0)
            }
        });
        assert_eq!(s, Sense::Ambiguous(vec!["a".into(), "b".into()]));
    }

    #[test]
    fn no_cue_or_cues_within_the_margin_is_ambiguous() {
        let both = Sense::Ambiguous(vec!["a".into(), "b".into()]);
        assert_eq!(resolve(&["a", "b"], MARGIN_ZH, |_| cues(0)), both);
        assert_eq!(resolve(&["a", "b"], MARGIN_ZH, |_| cues(1)), both);
        let close = |c: &str| if c == "a" { cues(2) } else { cues(1) };
        assert_eq!(resolve(&["a", "b"], MARGIN_ZH, close), both);
    }

    #[test]
    fn a_margin_of_cues_decides() {
        let wide = |c: &str| if c == "a" { cues(3) } else { cues(1) };
        assert_eq!(
            resolve(&["a", "b"], MARGIN_ZH, wide),
            Sense::Resolved("a".into(), Basis::Sentence)
        );
    }

    #[test]
    fn a_compound_outweighs_sentence_cues_and_two_compounds_decide_nothing() {
        let s = resolve(&["a", "b"], MARGIN_ZH, |c| {
            if c == "a" {
                COMPOUND
            } else {
                cues(5)
            }
        });
        assert_eq!(s, Sense::Resolved("a".into(), Basis::Compound));
        let both = Sense::Ambiguous(vec!["a".into(), "b".into()]);
        assert_eq!(resolve(&["a", "b"], MARGIN_ZH, |_| COMPOUND), both);
    }

    /// An occurrence with `a` and `b` cues around it (and a compound of `a` if `compound`).
    fn local(sense: Sense, a: usize, b: usize, compound: bool) -> Local {
        let a = Evidence { compound, cues: a };
        Local {
            candidates: vec!["a".into(), "b".into()],
            evidence: vec![("a".into(), a), ("b".into(), cues(b))],
            sense,
            witness: false,
        }
    }

    fn ambiguous() -> Sense {
        Sense::Ambiguous(vec!["a".into(), "b".into()])
    }

    #[test]
    fn the_text_decides_an_uncued_occurrence_but_not_a_contradicted_one() {
        let a = || Sense::Resolved("a".into(), Basis::Sentence);
        // Cues summed: 4 for a, 1 for b (the contradicted occurrence's own), a share of 0.8.
        let mut locals = vec![
            local(a(), 3, 0, false),
            local(ambiguous(), 1, 0, false),
            local(ambiguous(), 0, 0, false),
            local(ambiguous(), 0, 1, false),
        ];
        by_text(&mut locals);
        assert_eq!(locals[1].sense, Sense::Resolved("a".into(), Basis::Text));
        assert_eq!(locals[2].sense, Sense::Resolved("a".into(), Basis::Text));
        assert_eq!(locals[3].sense, ambiguous());
    }

    #[test]
    fn a_text_with_too_few_or_mixed_cues_or_only_compounds_decides_nothing() {
        let c = || Sense::Resolved("a".into(), Basis::Compound);
        let mut compounds = vec![
            local(c(), 0, 0, true),
            local(c(), 0, 0, true),
            local(c(), 0, 0, true),
            local(ambiguous(), 0, 0, false),
        ];
        by_text(&mut compounds);
        assert_eq!(compounds[3].sense, ambiguous());
        let mut few = vec![
            local(ambiguous(), 1, 0, false),
            local(ambiguous(), 1, 0, false),
        ];
        by_text(&mut few);
        assert_eq!(few[1].sense, ambiguous());
        let mut mixed = vec![
            local(ambiguous(), 1, 1, false),
            local(ambiguous(), 1, 1, false),
            local(ambiguous(), 0, 0, false),
        ];
        by_text(&mut mixed);
        assert_eq!(mixed[2].sense, ambiguous());
    }

    #[test]
    fn a_witness_lends_its_cues_to_the_text_and_takes_no_sense() {
        let witness = |a| Local {
            witness: true,
            ..local(ambiguous(), a, 0, false)
        };
        let mut locals = vec![witness(2), witness(1), local(ambiguous(), 0, 0, false)];
        by_text(&mut locals);
        assert_eq!(locals[2].sense, Sense::Resolved("a".into(), Basis::Text));
        assert_eq!(locals[0].sense, ambiguous());
        let mut alone = vec![witness(1), local(ambiguous(), 0, 0, false)];
        by_text(&mut alone);
        assert_eq!(alone[1].sense, ambiguous());
    }

    #[test]
    fn sentence_stops_at_full_stops_of_either_width() {
        let text = "第一句。加强社会工作;第三句";
        let s = text.find("社会").unwrap();
        assert_eq!(&text[sentence_around(text, s..s + 6)], "加强社会工作;");
        let text = "It is 5.2 percent. Social work matters. Next";
        let s = text.find("Social").unwrap();
        assert_eq!(
            &text[sentence_around(text, s..s + 11)],
            " Social work matters."
        );
    }

    #[test]
    fn a_compound_covers_the_term_on_either_side() {
        assert!(compound_covers(
            "开展医务",
            "服务",
            "社会工作",
            "医务社会工作"
        ));
        assert!(compound_covers(
            "加强",
            "人才队伍",
            "社会工作",
            "社会工作人才"
        ));
        assert!(!compound_covers(
            "加强",
            "的人才",
            "社会工作",
            "社会工作人才"
        ));
        assert!(compound_covers("医务", "", "社会工作", "医务"));
        assert!(compound_covers("省委", "会议", "社会工作", "会议"));
        assert!(!compound_covers("医务的", "", "社会工作", "医务"));
    }

    #[test]
    fn context_leaves_out_the_term() {
        let text = "中央社会工作部成立";
        let s = text.find("社会").unwrap();
        let [left, right] = context(text, s..s + 12);
        assert_eq!(&text[left], "中央");
        assert_eq!(&text[right], "部成立");
    }
}
