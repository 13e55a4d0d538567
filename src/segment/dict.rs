//! jieba's default dictionary as sorted text, searched in place.
//!
//! Building jieba's trie from its 349,045 words is most of the start-up of a command that links
//! one paragraph. The words a text actually needs are the few that occur in it, and those can
//! be found without building anything: the dictionary is kept sorted bytewise
//! (`data/jieba/dict.sorted.txt`, see its README), so the lines that start with a given prefix
//! are one contiguous range, found by binary search directly over the text. A search seeks to a
//! byte, backs up to the start of its line and compares; no line is parsed until it matches.

/// `word freq tag` lines, sorted bytewise (a word's line before those of its extensions).
const DICT: &str = include_str!("../../data/jieba/dict.sorted.txt");

/// The sum of the frequencies of every word of the dictionary: jieba's `total` after loading
/// it, which every route score is relative to (checked against the file and jieba by tests).
pub const TOTAL: usize = 60_101_964;

/// One dictionary word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub word: &'static str,
    pub freq: usize,
    pub tag: &'static str,
}

/// Calls `found` with every dictionary word that occurs in `text`, once per occurrence (a word
/// twice in the text comes twice), by start and then length.
pub fn words_in(text: &str, mut found: impl FnMut(Entry)) {
    for (start, _) in text.char_indices() {
        words_at(&text[start..], &mut found);
    }
}

/// The dictionary words that are prefixes of `text`: the candidate grows one character at a
/// time, each step narrowing the range of lines to those that start with it, until no line
/// does.
fn words_at(text: &str, found: &mut impl FnMut(Entry)) {
    let (mut lo, mut hi) = (0, DICT.len());
    for (i, c) in text.char_indices() {
        // No word has whitespace (it separates the fields of a line).
        if c.is_whitespace() {
            return;
        }
        let prefix = &text.as_bytes()[..i + c.len_utf8()];
        lo = partition(lo, hi, |line| line < prefix);
        hi = partition(lo, hi, |line| line.starts_with(prefix));
        if lo == hi {
            return;
        }
        if let Some(entry) = entry_at(lo, prefix.len()) {
            found(entry);
        }
    }
}

/// The first line start in `lo..hi` (both line starts) whose line is not `before`, given that
/// `before` holds for a leading run of the lines and for none after it. `before` sees the
/// bytes from the line start to the end of the dictionary, of which only the line matters for
/// a comparison with a word (a space or newline ends a line, and sorts before any word byte).
fn partition(mut lo: usize, mut hi: usize, before: impl Fn(&[u8]) -> bool) -> usize {
    let bytes = DICT.as_bytes();
    while lo < hi {
        let mid = line_start(lo, lo + (hi - lo) / 2);
        if before(&bytes[mid..]) {
            lo = next_line(mid);
        } else {
            hi = mid;
        }
    }
    lo
}

/// The start of the line that byte `at` is in, no earlier than `floor` (a line start).
fn line_start(floor: usize, at: usize) -> usize {
    DICT.as_bytes()[floor..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(floor, |i| floor + i + 1)
}

/// The start of the line after the one starting at `at` (the end of the dictionary after the
/// last line).
fn next_line(at: usize) -> usize {
    DICT.as_bytes()[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(DICT.len(), |i| at + i + 1)
}

/// The entry of the line at `at` if its word is exactly its first `len` bytes.
fn entry_at(at: usize, len: usize) -> Option<Entry> {
    let line = &DICT[at..next_line(at)];
    if line.as_bytes().get(len) != Some(&b' ') {
        return None;
    }
    parse(line)
}

/// Every entry of the dictionary, in order (for tests: this is the parse a process avoids).
#[cfg(test)]
pub fn entries() -> impl Iterator<Item = Entry> {
    DICT.lines().map(|l| parse(l).expect("a well-formed line"))
}

/// A `word freq tag` line.
fn parse(line: &'static str) -> Option<Entry> {
    let mut fields = line.split_ascii_whitespace();
    let word = fields.next()?;
    let freq = fields.next()?.parse().ok()?;
    let tag = fields.next().unwrap_or("");
    Some(Entry { word, freq, tag })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn found(text: &str) -> Vec<&'static str> {
        let mut out = Vec::new();
        words_in(text, |e| out.push(e.word));
        out
    }

    #[test]
    fn the_total_is_the_sum_of_the_file() {
        assert_eq!(entries().map(|e| e.freq).sum::<usize>(), TOTAL);
        assert_eq!(entries().count(), 349_045);
    }

    #[test]
    fn words_are_strictly_sorted() {
        let words: Vec<&str> = entries().map(|e| e.word).collect();
        assert!(words.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()));
    }

    #[test]
    fn finds_the_words_of_a_text() {
        assert_eq!(
            found("社会工作部门"),
            [
                "社",
                "社会",
                "社会工作",
                "会",
                "会工",
                "工",
                "工作",
                "工作部",
                "工作部门",
                "作",
                "部",
                "部门",
                "门"
            ]
            .iter()
            .copied()
            .filter(|w| entries().any(|e| e.word == *w))
            .collect::<Vec<_>>()
        );
        let mut e = None;
        words_in("龢", |x| e = Some(x));
        assert_eq!(
            e,
            Some(Entry {
                word: "龢",
                freq: 732,
                tag: "zg"
            })
        );
        assert!(found("").is_empty() && found("  ，\n").is_empty());
    }

    /// Every substring of up to 16 characters (the longest word) looked up in a map of the
    /// whole dictionary finds the same words as the binary search.
    #[test]
    fn matches_a_map_of_the_whole_dictionary() {
        let map: HashMap<&str, Entry> = entries().map(|e| (e.word, e)).collect();
        let text = "2024年政府工作报告：坚持和发展新时代“枫桥经验”，推进两企三新党建。\
                    Γ射线、γ射线和3D打印，AT&T的C++，中华人民共和国万岁！ 一 二";
        let chars: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let mut expected = Vec::new();
        for (a, &start) in chars.iter().enumerate() {
            for &end in chars.iter().skip(a + 1).take(16) {
                if let Some(e) = map.get(&text[start..end]) {
                    expected.push(*e);
                }
            }
        }
        let mut got = Vec::new();
        words_in(text, |e| got.push(e));
        assert!(got.iter().any(|e| e.word == "γ射线"));
        assert_eq!(got, expected);
    }
}
