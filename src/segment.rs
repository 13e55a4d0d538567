//! The Chinese word segmenter: the only module that sees jieba-rs.
//!
//! The linker needs one thing from a segmenter: where the token boundaries of a text are, so
//! that a glossary term is linked only where it stands as a word of its own (社会工作 is not a
//! hit inside 社会工作者). Everything outside this module works with byte offsets into the
//! caller's text, never with jieba's types.
//!
//! Every Chinese term of the glossary is added to jieba's dictionary with
//! `add_word(term, None, tag)`: with no frequency jieba *suggests* one just high enough to keep
//! the term whole against its own parts. Measured here (see the tests): a frequency of 0 (what a
//! user-dictionary line without a frequency gets) breaks the term (两企三新 → 两/企/三/新), and a
//! large fixed frequency makes the term swallow its neighbours (社会工作部门 → 社会工作部/门).
//!
//! Loading jieba's default dictionary costs tens of milliseconds, so a process builds one
//! [`Segmenter`] and shares it (jieba is `Send + Sync`) across threads.

use std::ops::Range;
use std::sync::Mutex;
use std::thread::JoinHandle;

use jieba_rs::Jieba;

/// The part-of-speech tag given to glossary terms (jieba's tag for "other proper noun").
const TERM_TAG: &str = "nz";

/// jieba with its default dictionary, being loaded on a thread of its own by [`preload`].
static PRELOADED: Mutex<Option<JoinHandle<Jieba>>> = Mutex::new(None);

/// Starts loading jieba's default dictionary on another thread, so that it overlaps with
/// reading and validating the glossary: a command that will link calls this first, and the
/// next [`Segmenter::new`] picks the result up. Loading the dictionary is most of the start-up
/// of a command that links one paragraph.
pub fn preload() {
    let mut slot = PRELOADED.lock().unwrap_or_else(|e| e.into_inner());
    if slot.is_none() {
        *slot = std::thread::Builder::new()
            .name("jieba-preload".into())
            .spawn(Jieba::new)
            .ok();
    }
}

/// The preloaded jieba if [`preload`] started one, else a freshly loaded one.
fn base() -> Jieba {
    let handle = PRELOADED.lock().unwrap_or_else(|e| e.into_inner()).take();
    handle.and_then(|h| h.join().ok()).unwrap_or_default()
}

/// A jieba-rs segmenter whose dictionary knows the glossary's Chinese terms.
pub struct Segmenter {
    jieba: Jieba,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter").finish_non_exhaustive()
    }
}

impl Segmenter {
    /// jieba's default dictionary plus `terms`, each with a suggested frequency.
    ///
    /// Terms are added longest first: a suggested frequency depends on how the dictionary
    /// already cuts the term, and a long term should be weighed against its parts as they
    /// will finally be (a part added later would otherwise raise the bar the long term had
    /// to clear only after it was set).
    pub fn new<'a>(terms: impl IntoIterator<Item = &'a str>) -> Self {
        let mut jieba = base();
        let mut terms: Vec<&str> = terms.into_iter().filter(|t| !t.is_empty()).collect();
        terms.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        terms.dedup();
        for term in terms.iter().rev() {
            jieba.add_word(term, None, Some(TERM_TAG));
        }
        Segmenter { jieba }
    }

    /// The byte ranges of the tokens of `text`, in order, covering it (HMM on, as jieba's
    /// default `cut`).
    pub fn tokens(&self, text: &str) -> Vec<Range<usize>> {
        self.jieba
            .cut(text, true)
            .into_iter()
            .map(|t| t.byte_start..t.byte_end)
            .collect()
    }

    /// The byte offsets where a token starts or ends in `text`, ascending, including 0 and
    /// `text.len()`.
    pub fn boundaries(&self, text: &str) -> Vec<usize> {
        let mut out = Vec::with_capacity(text.len() / 4 + 2);
        out.push(0);
        for token in self.jieba.cut(text, true) {
            out.push(token.byte_end);
        }
        out
    }

    /// The tokens of `text` as strings (for messages and tests).
    pub fn words<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.tokens(text).into_iter().map(|r| &text[r]).collect()
    }
}

/// Whether jieba segments `c` as part of a dictionary block (its `RE_HAN_DEFAULT` class:
/// CJK ideographs, ASCII alphanumerics and `+#&._%-`). Any other character ends a block, and
/// jieba cuts each block on its own, so cutting only the blocks around a candidate gives the
/// same tokens as cutting the whole text. Kept in step with jieba-rs 0.11 `is_han_default`.
pub fn is_block_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-');
    }
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2A6DF}'
        | '\u{2A700}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}'
    )
}

/// The smallest range around `span` that starts and ends at a block edge of `text`: the
/// part of the text to cut so that `span`'s tokens are exactly those of a full cut.
pub fn block_around(text: &str, span: Range<usize>) -> Range<usize> {
    let start = text[..span.start]
        .char_indices()
        .rev()
        .find(|(_, c)| !is_block_char(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[span.end..]
        .char_indices()
        .find(|(_, c)| !is_block_char(*c))
        .map_or(text.len(), |(i, _)| span.end + i);
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jieba_with(word: &str, freq: Option<usize>) -> Vec<String> {
        let mut j = Jieba::new();
        j.add_word(word, freq, None);
        let text = "推进两企三新党建，社会工作部门";
        j.cut(text, true)
            .iter()
            .map(|t| t.word.to_string())
            .collect()
    }

    #[test]
    fn a_term_without_frequency_is_kept_whole() {
        let s = Segmenter::new(["两企三新", "社会工作部", "社会工作"]);
        assert_eq!(s.words("推进两企三新党建"), ["推进", "两企三新", "党建"]);
        // jieba's own 工作部门 wins here: neither term is a token of 社会工作部门.
        assert_eq!(s.words("社会工作部门"), ["社会", "工作部门"]);
        assert_eq!(
            s.words("中央社会工作部成立"),
            ["中央", "社会工作部", "成立"]
        );
    }

    #[test]
    fn frequency_zero_breaks_the_term() {
        let cut = jieba_with("两企三新", Some(0));
        assert!(!cut.iter().any(|w| w == "两企三新"), "{cut:?}");
    }

    #[test]
    fn a_big_fixed_frequency_swallows_neighbours() {
        let cut = jieba_with("社会工作部", Some(1_000_000));
        assert!(cut.iter().any(|w| w == "社会工作部"), "{cut:?}");
        assert!(!cut.iter().any(|w| w == "部门"), "{cut:?}");
    }

    #[test]
    fn a_preloaded_dictionary_is_used_once() {
        preload();
        let s = Segmenter::new(["两企三新"]);
        assert_eq!(s.words("两企三新"), ["两企三新"]);
        let again = Segmenter::new([]);
        assert_eq!(again.words("社会工作"), ["社会工作"]);
    }

    #[test]
    fn boundaries_cover_the_text() {
        let s = Segmenter::new([]);
        let text = "中央社会工作部，成立。";
        let b = s.boundaries(text);
        assert_eq!(b.first(), Some(&0));
        assert_eq!(b.last(), Some(&text.len()));
        assert!(b.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn block_around_stops_at_punctuation() {
        let text = "新时代“枫桥经验”的，发展";
        let s = text.find("枫桥").unwrap();
        let r = block_around(text, s..s + "枫桥经验".len());
        assert_eq!(&text[r], "枫桥经验");
        let s = text.find("的").unwrap();
        assert_eq!(&text[block_around(text, s..s + 3)], "的");
    }

    #[test]
    fn block_chars_follow_jieba() {
        assert!(is_block_char('社') && is_block_char('a') && is_block_char('-'));
        assert!(!is_block_char('，') && !is_block_char('“') && !is_block_char(' '));
    }
}
