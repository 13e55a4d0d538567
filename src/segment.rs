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
//! Two dictionaries, one segmentation. Loading jieba's default dictionary (349,045 words into
//! its trie) takes 75–130 ms, so a process that cuts much text builds one [`Segmenter`] with it
//! and shares it (jieba is `Send + Sync`) across threads; the command starts loading it on a
//! thread of its own as soon as it knows how much text it will cut ([`Dictionary::start_for`])
//! and hands it over. A process that cuts little text instead uses a *sub-dictionary*: only the
//! dictionary words that occur in the texts cut so far, found in the sorted word list
//! (`segment/dict.rs`) without building anything, and learnt as each text comes (so it is exact for
//! any text, whatever it was sized for: a traditional passage's simplified conversion, the
//! block around a split term). jieba's cut of a text
//! depends only on the dictionary words inside the text (its DAG holds nothing else), their
//! frequencies, and the total frequency of the dictionary (every route score is relative to
//! it), so a filler entry that no text can look up keeps the total that of the full
//! dictionary, and the tokens are the same, token for token (the tests compare both on an
//! excerpt of the 2024 Government Work Report, the whole report where `../shared` has it, and
//! the glossary's own passages). [`Segmenter::for_input`]
//! chooses by how much text is to be cut.

mod dict;
#[cfg(test)]
mod equivalence;

use std::ops::Range;
use std::sync::RwLock;
use std::thread::JoinHandle;

use jieba_rs::Jieba;

/// The part-of-speech tag given to glossary terms (jieba's tag for "other proper noun").
const TERM_TAG: &str = "nz";

/// Up to this many bytes of text to cut (the input plus the terms, which are cut to suggest
/// their frequencies), a sub-dictionary; above it, the full dictionary. Finding a text's
/// dictionary words costs time in proportion to the text (~0.6 ms a KB, cutting included),
/// loading the full dictionary the same whatever the text (~75 ms): they break even at about
/// 128 KB (measured by `cargo bench --bench link`, which prints both by input size).
pub const SUB_DICTIONARY_MAX_BYTES: usize = 128 * 1024;

/// The key of the filler entry that makes a sub-dictionary's total that of the full one. jieba
/// looks up only runs of block characters ([`is_block_char`]) and, to suggest a frequency, the
/// single characters between them and the term itself: a private-use character twice is none
/// of those (unless a glossary term were exactly this string).
const FILLER: &str = "\u{E000}\u{E000}";

/// Whether cutting `bytes` of text is quicker with the full dictionary than with a
/// sub-dictionary.
pub fn wants_full_dictionary(bytes: usize) -> bool {
    bytes > SUB_DICTIONARY_MAX_BYTES
}

/// Which dictionary a [`Segmenter`] gets: the caller's choice, made from what it knows of the
/// text to cut, never from state left by whatever ran before.
#[derive(Debug)]
pub enum Dictionary {
    /// Chosen by how many bytes of text will be cut: a sub-dictionary up to
    /// [`SUB_DICTIONARY_MAX_BYTES`], the full one above.
    ForInput(usize),
    /// jieba's full default dictionary, loading on a thread of its own since
    /// [`Dictionary::start_for`] (loading it is most of the start-up of a command that cuts
    /// much text, so it overlaps with whatever the command does meanwhile).
    Loading(FullDictionary),
}

/// jieba's default dictionary being loaded on another thread.
#[derive(Debug)]
pub struct FullDictionary(JoinHandle<Jieba>);

impl Dictionary {
    /// The dictionary for cutting about `bytes` of text; the full one starts loading now, on
    /// a thread of its own, if that much text wants it. For a small input no thread starts:
    /// on two cores it would take CPU from the caller's work, for a dictionary never used.
    pub fn start_for(bytes: usize) -> Self {
        if !wants_full_dictionary(bytes) {
            return Dictionary::ForInput(bytes);
        }
        match std::thread::Builder::new()
            .name("jieba-load".into())
            .spawn(Jieba::new)
        {
            Ok(handle) => Dictionary::Loading(FullDictionary(handle)),
            Err(_) => Dictionary::ForInput(bytes),
        }
    }
}

impl FullDictionary {
    /// The loaded dictionary (loaded here if the thread failed).
    fn join(self) -> Jieba {
        self.0.join().unwrap_or_default()
    }
}

/// A jieba-rs segmenter whose dictionary knows the glossary's Chinese terms.
pub struct Segmenter {
    dict: Dict,
}

enum Dict {
    /// jieba's whole default dictionary.
    Full(Jieba),
    /// The dictionary words of the terms and of the texts cut so far; grows as texts come.
    Sub(RwLock<SubDictionary>),
}

/// A sub-dictionary: jieba with some of the default dictionary's words, and the filler
/// frequency that brings its total to the full dictionary's.
struct SubDictionary {
    jieba: Jieba,
    filler: usize,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.dict {
            Dict::Full(_) => "full",
            Dict::Sub(_) => "sub",
        };
        f.debug_struct("Segmenter")
            .field("dictionary", &kind)
            .finish_non_exhaustive()
    }
}

impl Segmenter {
    /// jieba's default dictionary plus `terms`, each with a suggested frequency (see
    /// `add_terms`).
    pub fn new<'a>(terms: impl IntoIterator<Item = &'a str>) -> Self {
        Self::full(Jieba::new(), terms)
    }

    fn full<'a>(mut jieba: Jieba, terms: impl IntoIterator<Item = &'a str>) -> Self {
        add_terms(&mut jieba, terms);
        Segmenter {
            dict: Dict::Full(jieba),
        }
    }

    /// A sub-dictionary segmenter that knows `terms`: the same tokens as [`Segmenter::new`]
    /// for any text, at a cost that grows with the text cut instead of a fixed load.
    pub fn sub<'a>(terms: impl IntoIterator<Item = &'a str>) -> Self {
        let (sub, _) = SubDictionary::new(terms);
        Segmenter {
            dict: Dict::Sub(RwLock::new(sub)),
        }
    }

    /// The segmenter for cutting about `input_bytes` of text: a sub-dictionary for a small
    /// input, the full dictionary for a large one (the terms count as input: each is cut to
    /// suggest its frequency).
    pub fn for_input<'a>(terms: impl IntoIterator<Item = &'a str>, input_bytes: usize) -> Self {
        Self::with_dictionary(terms, Dictionary::ForInput(input_bytes))
    }

    /// The segmenter with the dictionary the caller chose (see [`Dictionary`]).
    pub fn with_dictionary<'a>(
        terms: impl IntoIterator<Item = &'a str>,
        dictionary: Dictionary,
    ) -> Self {
        let terms: Vec<&str> = terms.into_iter().collect();
        match dictionary {
            Dictionary::Loading(full) => Self::full(full.join(), terms),
            Dictionary::ForInput(bytes) => {
                let term_bytes: usize = terms.iter().map(|t| t.len()).sum();
                if wants_full_dictionary(bytes.saturating_add(term_bytes)) {
                    Self::new(terms)
                } else {
                    Self::sub(terms)
                }
            }
        }
    }

    /// Runs `cut` with a jieba whose dictionary has every dictionary word of `text`.
    fn with_jieba<R>(&self, text: &str, cut: impl FnOnce(&Jieba) -> R) -> R {
        let lock = match &self.dict {
            Dict::Full(jieba) => return cut(jieba),
            Dict::Sub(lock) => lock,
        };
        let missing = read(lock).missing(text);
        if !missing.is_empty() {
            write(lock).add(missing);
        }
        cut(&read(lock).jieba)
    }

    /// The byte ranges of the tokens of `text`, in order, covering it (HMM on, as jieba's
    /// default `cut`).
    pub fn tokens(&self, text: &str) -> Vec<Range<usize>> {
        self.with_jieba(text, |jieba| {
            jieba
                .cut(text, true)
                .into_iter()
                .map(|t| t.byte_start..t.byte_end)
                .collect()
        })
    }

    /// The byte offsets where a token starts or ends in `text`, ascending, including 0 and
    /// `text.len()`.
    pub fn boundaries(&self, text: &str) -> Vec<usize> {
        let mut out = Vec::with_capacity(text.len() / 4 + 2);
        out.push(0);
        self.with_jieba(text, |jieba| {
            out.extend(jieba.cut(text, true).into_iter().map(|t| t.byte_end));
        });
        out
    }

    /// The tokens of `text` as strings (for messages and tests).
    pub fn words<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.tokens(text).into_iter().map(|r| &text[r]).collect()
    }
}

/// Adds `terms` to `jieba`, each with the frequency jieba suggests for it, and returns those
/// frequencies (in the order the terms were added).
///
/// Terms are added longest first: a suggested frequency depends on how the dictionary
/// already cuts the term, and a long term should be weighed against its parts as they
/// will finally be (a part added later would otherwise raise the bar the long term had
/// to clear only after it was set).
fn add_terms<'a>(jieba: &mut Jieba, terms: impl IntoIterator<Item = &'a str>) -> Vec<usize> {
    let mut terms: Vec<&str> = terms.into_iter().filter(|t| !t.is_empty()).collect();
    terms.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    terms.dedup();
    terms
        .iter()
        .rev()
        .map(|term| jieba.add_word(term, None, Some(TERM_TAG)))
        .collect()
}

impl SubDictionary {
    /// A sub-dictionary with `terms` and their words, and the terms' suggested frequencies
    /// (as [`add_terms`] returns them).
    fn new<'a>(terms: impl IntoIterator<Item = &'a str>) -> (Self, Vec<usize>) {
        let terms: Vec<&str> = terms.into_iter().collect();
        let mut sub = SubDictionary {
            jieba: Jieba::empty(),
            filler: dict::TOTAL,
        };
        // The terms' own words first, and the total made whole, before any term is added:
        // a suggested frequency depends on both.
        let words: Vec<dict::Entry> = terms.iter().flat_map(|t| sub.missing(t)).collect();
        sub.add(words);
        let freqs = add_terms(&mut sub.jieba, terms);
        (sub, freqs)
    }

    /// The dictionary words of `text` not known yet (a word twice in the text, twice).
    fn missing(&self, text: &str) -> Vec<dict::Entry> {
        let mut out = Vec::new();
        dict::words_in(text, |e| {
            if !self.jieba.has_word(e.word) {
                out.push(e);
            }
        });
        out
    }

    /// Adds `entries` not known yet, with their frequencies and tags, and lowers the filler
    /// by as much, so the total stays the full dictionary's. A word known already is left
    /// alone: it may be a glossary term with its suggested frequency.
    fn add(&mut self, entries: impl IntoIterator<Item = dict::Entry>) {
        let mut added = 0;
        for e in entries {
            if !self.jieba.has_word(e.word) {
                self.jieba.add_word(e.word, Some(e.freq), Some(e.tag));
                added += e.freq;
            }
        }
        self.filler -= added;
        self.jieba.add_word(FILLER, Some(self.filler), None);
    }
}

fn read(lock: &RwLock<SubDictionary>) -> std::sync::RwLockReadGuard<'_, SubDictionary> {
    lock.read().unwrap_or_else(|e| e.into_inner())
}

fn write(lock: &RwLock<SubDictionary>) -> std::sync::RwLockWriteGuard<'_, SubDictionary> {
    lock.write().unwrap_or_else(|e| e.into_inner())
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
    fn a_dictionary_loading_on_its_thread_is_used() {
        let Dictionary::Loading(full) = Dictionary::start_for(usize::MAX) else {
            panic!("a large input starts loading the full dictionary");
        };
        let s = Segmenter::with_dictionary(["两企三新"], Dictionary::Loading(full));
        assert!(format!("{s:?}").contains("full"), "{s:?}");
        assert_eq!(s.words("两企三新"), ["两企三新"]);
        assert!(matches!(
            Dictionary::start_for(1000),
            Dictionary::ForInput(1000)
        ));
    }

    #[test]
    fn a_large_input_takes_the_full_dictionary() {
        assert!(!wants_full_dictionary(SUB_DICTIONARY_MAX_BYTES));
        assert!(wants_full_dictionary(SUB_DICTIONARY_MAX_BYTES + 1));
        let s = Segmenter::for_input(["两企三新"], usize::MAX);
        assert!(format!("{s:?}").contains("full"), "{s:?}");
        let s = Segmenter::for_input(["两企三新"], 1000);
        assert!(format!("{s:?}").contains("sub"), "{s:?}");
        assert_eq!(s.words("推进两企三新党建"), ["推进", "两企三新", "党建"]);
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
