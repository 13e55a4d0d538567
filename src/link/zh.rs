//! Chinese matching: a term is linked where the segmenter keeps it as a word of its own.
//!
//! Aho-Corasick finds every place a term's characters occur (fast, but blind to words); the
//! segmenter then cuts only the blocks around those candidates, and a candidate is kept when it
//! starts and ends on token boundaries: one token, or a run of tokens that is exactly the term
//! (for terms jieba still splits). 社会工作 inside 社会工作者 ends inside a token and is
//! dropped. One exception, for transparent compounds: a term that starts on a boundary and is
//! followed, inside the same token, only by a generic head (`GENERIC_HEADS`: 部门, 工作, 系统,
//! 领域, 机构, 岗位, 体系) is kept, since 信访部门 and 统战系统 are the departments and the system
//! of the term's concept; 社会工作者 and 社会工作站 name other things and stay unlinked. Cutting only the blocks with candidates gives the same tokens as cutting the whole
//! text (jieba cuts each block on its own), and skips text no term can occur in.
//!
//! Traditional text is matched through its simplified conversion ([`super::traditional`]).

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::forms::{FormId, Forms};
use super::traditional::{self, Simplified};
use super::variants::variants;
use crate::segment::{block_around, Dictionary, Segmenter};

/// Heads that make a transparent compound with the term before them: 信访部门 is the
/// departments of 信访, 统战系统 the system of united-front work, 社会工作领域 the field of 社会工作.
/// A term the segmenter keeps inside such a word still links. Any other ending keeps it
/// unlinked: 社会工作者 (a social worker), 社会工作部 (a department, its own concept),
/// 社会工作站 (a station, its own institution). A compound that is itself a term links as that
/// longer term.
const GENERIC_HEADS: [&str; 7] = ["部门", "工作", "系统", "领域", "机构", "岗位", "体系"];

/// A found term: its byte span in the text and its form.
pub type Hit = (Range<usize>, FormId);

/// Finds a language's forms in Chinese text on word boundaries.
pub struct ZhMatcher {
    segmenter: Segmenter,
    searcher: Option<AhoCorasick>,
    /// The form of each search pattern (a term or one of its punctuation variants).
    pattern_form: Vec<FormId>,
}

impl ZhMatcher {
    /// A matcher for `forms` (keyed by their exact characters), with a segmenter that knows
    /// every one of them and has the `dictionary` the caller chose
    /// ([`Segmenter::with_dictionary`]; any text is cut correctly, only the speed differs).
    pub fn new(forms: &Forms, dictionary: Dictionary) -> Self {
        let mut keys: Vec<(&str, FormId)> = forms.keys().collect();
        keys.sort();
        let segmenter = Segmenter::with_dictionary(keys.iter().map(|(k, _)| *k), dictionary);
        let mut patterns = Vec::new();
        let mut pattern_form = Vec::new();
        for (key, id) in keys {
            for v in variants(key) {
                patterns.push(v);
                pattern_form.push(id);
            }
        }
        let searcher = (!patterns.is_empty()).then(|| {
            // A DFA searches a little faster but costs far more to build (~0.1 s for 10k
            // terms) than all the searching of a site's passages saves: the contiguous NFA
            // (~250% of jieba's `cut` throughput still, see benches/link.rs).
            AhoCorasickBuilder::new()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .match_kind(MatchKind::Standard)
                .build(&patterns)
                .expect("glossary terms make a valid automaton")
        });
        ZhMatcher {
            segmenter,
            searcher,
            pattern_form,
        }
    }

    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Every term of `text` on word boundaries, leftmost-longest, without overlaps.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        if !traditional::has_traditional(text) {
            return self.find_simplified(text);
        }
        let simplified = Simplified::new(text);
        self.find_simplified(&simplified.text)
            .into_iter()
            .map(|(r, f)| {
                (
                    simplified.to_original(r.start)..simplified.to_original(r.end),
                    f,
                )
            })
            .collect()
    }

    fn find_simplified(&self, text: &str) -> Vec<Hit> {
        let candidates = self.candidates(text);
        if candidates.is_empty() {
            return candidates;
        }
        let kept = self.on_boundaries(text, candidates);
        leftmost_longest(kept)
    }

    /// Every occurrence of every pattern, overlapping ones included, by start and longest
    /// first (the order [`leftmost_longest`] wants, so its sort finds nothing to do).
    fn candidates(&self, text: &str) -> Vec<Hit> {
        let Some(searcher) = &self.searcher else {
            return Vec::new();
        };
        let mut out: Vec<Hit> = searcher
            .find_overlapping_iter(text)
            .map(|m| (m.range(), self.pattern_form[m.pattern().as_usize()]))
            .collect();
        out.sort_unstable_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
        out
    }

    /// The candidates that start and end on token boundaries. Candidates are grouped by the
    /// block of text around them, and each block is cut once.
    fn on_boundaries(&self, text: &str, candidates: Vec<Hit>) -> Vec<Hit> {
        let mut kept = Vec::new();
        let mut i = 0;
        while i < candidates.len() {
            let mut block = block_around(text, candidates[i].0.clone());
            let mut j = i + 1;
            while j < candidates.len() && candidates[j].0.start < block.end {
                // Only a candidate that reaches past the block (a term with punctuation in
                // it) widens it; the others are inside and need no scan.
                if candidates[j].0.end > block.end {
                    block.end = block_around(text, candidates[j].0.clone()).end;
                }
                j += 1;
            }
            let bounds = self.segmenter.boundaries(&text[block.clone()]);
            let on_bound = |at: usize| bounds.binary_search(&(at - block.start)).is_ok();
            let ends = |at: usize| {
                on_bound(at)
                    || generic_head_follows(&text[block.clone()], &bounds, at - block.start)
            };
            kept.extend(
                candidates[i..j]
                    .iter()
                    .filter(|(r, _)| on_bound(r.start) && ends(r.end))
                    .cloned(),
            );
            i = j;
        }
        kept
    }
}

/// Whether the rest of the token that `at` (a byte offset into `block`, cut at `bounds`) falls
/// inside is one of `GENERIC_HEADS`: a term ending there is the modifier of a transparent
/// compound and still names its concept.
fn generic_head_follows(block: &str, bounds: &[usize], at: usize) -> bool {
    let next = bounds.partition_point(|b| *b <= at);
    bounds
        .get(next)
        .is_some_and(|end| GENERIC_HEADS.contains(&&block[at..*end]))
}

/// Of overlapping hits, the one that starts first, and of those the longest.
fn leftmost_longest(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for hit in hits {
        if out.last().is_none_or(|(last, _)| hit.0.start >= last.end) {
            out.push(hit);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::forms::Entry;
    use super::*;
    use crate::model::Status;

    fn matcher(terms: &[&str]) -> (ZhMatcher, Forms) {
        let mut forms = Forms::default();
        for t in terms {
            let entry = Entry {
                concept: format!("c-{t}"),
                term: t.to_string(),
                status: Status::Preferred,
            };
            forms.add(t.to_string(), entry);
        }
        (ZhMatcher::new(&forms, Dictionary::ForInput(0)), forms)
    }

    fn found(terms: &[&str], text: &str) -> Vec<String> {
        let (m, _) = matcher(terms);
        m.find(text)
            .into_iter()
            .map(|(r, _)| text[r].to_string())
            .collect()
    }

    const TERMS: &[&str] = &[
        "社会工作",
        "社会工作部",
        "社会组织",
        "新社会组织",
        "统一战线",
        "统一战线工作部",
        "两企三新",
    ];

    #[test]
    fn a_term_inside_a_longer_word_is_not_linked() {
        assert!(found(TERMS, "加强社会工作者队伍建设").is_empty());
        assert!(found(TERMS, "社会工作站开展服务").is_empty());
        assert_eq!(found(TERMS, "加强新社会组织党建"), ["新社会组织"]);
        assert_eq!(found(TERMS, "区委统一战线工作部"), ["统一战线工作部"]);
    }

    #[test]
    fn a_term_before_a_generic_head_in_one_word_is_linked() {
        let terms = &["信访", "统战", "社会工作", "社会工作部"];
        assert_eq!(found(terms, "扎实做好信访工作"), ["信访"]);
        assert_eq!(found(terms, "信访部门和统战部门"), ["信访", "统战"]);
        assert_eq!(found(terms, "各有关社会工作部门"), ["社会工作"]);
        assert!(found(terms, "加强社会工作者队伍建设").is_empty());
    }

    #[test]
    fn words_on_their_own_are_linked() {
        assert_eq!(
            found(TERMS, "统一战线是法宝，社会组织很多"),
            ["统一战线", "社会组织"]
        );
        assert_eq!(found(TERMS, "推进“两企三新”党建"), ["两企三新"]);
    }

    #[test]
    fn quoted_terms_match_in_either_punctuation() {
        let terms = &["新时代“枫桥经验”", "枫桥经验"];
        assert_eq!(
            found(terms, "坚持发展新时代“枫桥经验”。"),
            ["新时代“枫桥经验”"]
        );
        assert_eq!(
            found(terms, "坚持发展新时代\"枫桥经验\"。"),
            ["新时代\"枫桥经验\""]
        );
        assert_eq!(found(terms, "学习推广“枫桥经验”55周年"), ["枫桥经验"]);
    }

    #[test]
    fn traditional_text_links_with_original_spans() {
        assert_eq!(
            found(TERMS, "推進「兩企三新」黨建，統一戰線工作部"),
            ["兩企三新", "統一戰線工作部"]
        );
    }

    #[test]
    fn longest_of_nested_hits_wins() {
        let hits = leftmost_longest(vec![(3..9, 1), (0..6, 0), (0..12, 2)]);
        assert_eq!(hits, vec![(0..12, 2)]);
    }
}
