//! Which concept a shared term stands for at one occurrence.
//!
//! 社会工作 is both the Party's "society work" and professional social work. Each homonym's
//! entry lists `senses.cues`: words that, in the same sentence, point to it (党, 党建, 部 for the
//! Party sense; 社工, 专业, 服务 for the profession). A sense is chosen only when the cues of
//! exactly one candidate occur; with none, or with cues of several, the occurrence stays
//! ambiguous and lists its candidates. A reader is better served by "could be either" than by
//! a confident wrong link.

use std::ops::Range;

/// The outcome for one occurrence of a shared form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sense {
    /// The one candidate whose cues occur.
    Resolved(String),
    /// No cue decides: every candidate.
    Ambiguous(Vec<String>),
}

/// Picks the candidate whose cues occur, if exactly one's do. `has_cue(concept)` says whether
/// any cue of `concept` occurs around the occurrence.
pub fn resolve(candidates: &[&str], mut has_cue: impl FnMut(&str) -> bool) -> Sense {
    let cued: Vec<&str> = candidates.iter().copied().filter(|c| has_cue(c)).collect();
    match cued.as_slice() {
        [one] => Sense::Resolved(one.to_string()),
        _ => Sense::Ambiguous(candidates.iter().map(|c| c.to_string()).collect()),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_cued_candidate_is_chosen() {
        let s = resolve(&["a", "b"], |c| c == "b");
        assert_eq!(s, Sense::Resolved("b".into()));
    }

    #[test]
    fn no_cue_or_both_cued_is_ambiguous() {
        let both = Sense::Ambiguous(vec!["a".into(), "b".into()]);
        assert_eq!(resolve(&["a", "b"], |_| false), both);
        assert_eq!(resolve(&["a", "b"], |_| true), both);
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
    fn context_leaves_out_the_term() {
        let text = "中央社会工作部成立";
        let s = text.find("社会").unwrap();
        let [left, right] = context(text, s..s + 12);
        assert_eq!(&text[left], "中央");
        assert_eq!(&text[right], "部成立");
    }
}
