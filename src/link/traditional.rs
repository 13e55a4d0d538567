//! Traditional-character text: detect it cheaply, convert it to simplified for matching, and
//! map offsets in the converted text back to the original.
//!
//! The glossary's Chinese terms are simplified and jieba's dictionary is simplified, so a
//! traditional passage is matched through its simplified conversion (OpenCC's t2s, from
//! hanconv). Spans are reported in the *original* text. t2s maps one character to one
//! character, but not byte for byte (a supplementary-plane character may become a BMP one), so
//! offsets go through character indices. Where a phrase rule ever changed the character count,
//! each character is converted on its own instead, which is one-to-one by construction.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Characters that t2s changes, as a bitmap over the BMP plus a set for the rest: a
/// simplified passage is recognised at a few bits a character, without converting it.
struct TraditionalChars {
    bmp: Vec<u64>,
    astral: HashSet<char>,
}

static TRADITIONAL: LazyLock<TraditionalChars> = LazyLock::new(|| {
    let mut set = TraditionalChars {
        bmp: vec![0; 0x10000 / 64],
        astral: HashSet::new(),
    };
    for c in crate::chinese::traditional_only_chars() {
        set.insert(c);
    }
    set
});

impl TraditionalChars {
    fn insert(&mut self, c: char) {
        let u = c as usize;
        if u < 0x10000 {
            self.bmp[u / 64] |= 1 << (u % 64);
        } else {
            self.astral.insert(c);
        }
    }

    fn contains(&self, c: char) -> bool {
        let u = c as usize;
        if u < 0x10000 {
            self.bmp[u / 64] & (1 << (u % 64)) != 0
        } else {
            self.astral.contains(&c)
        }
    }
}

/// Whether `text` has a character that only traditional script uses.
pub fn has_traditional(text: &str) -> bool {
    let set = &*TRADITIONAL;
    text.chars().any(|c| c >= '\u{3400}' && set.contains(c))
}

/// A simplified conversion of a text, with the way back to the original's offsets.
#[derive(Debug)]
pub struct Simplified {
    pub text: String,
    /// Byte offset of each character of `text`, and its length at the end.
    converted: Vec<usize>,
    /// Byte offset of the same character in the original, and its length at the end.
    original: Vec<usize>,
}

impl Simplified {
    /// Converts `text` with t2s, character for character.
    pub fn new(text: &str) -> Self {
        let whole = crate::chinese::to_simplified(text);
        let converted = if whole.chars().count() == text.chars().count() {
            whole
        } else {
            text.chars()
                .map(|c| crate::chinese::to_simplified(&c.to_string()))
                .collect()
        };
        Simplified {
            converted: char_starts(&converted),
            original: char_starts(text),
            text: converted,
        }
    }

    /// The original byte offset of byte offset `at` (a character boundary) of `self.text`.
    pub fn to_original(&self, at: usize) -> usize {
        match self.converted.binary_search(&at) {
            Ok(i) => self.original[i],
            Err(i) => self.original[i.min(self.original.len() - 1)],
        }
    }
}

/// Byte offsets of every character of `text`, then `text.len()`.
fn char_starts(text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    out.push(text.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simplified_text_is_not_traditional() {
        assert!(!has_traditional("中央社会工作部统筹推进党建引领基层治理"));
        assert!(has_traditional("中央社會工作部"));
    }

    #[test]
    fn conversion_maps_offsets_back() {
        let text = "推進「兩企三新」黨建";
        let s = Simplified::new(text);
        assert_eq!(s.text, "推进「两企三新」党建");
        let start = s.text.find("两企三新").unwrap();
        let end = start + "两企三新".len();
        let (a, b) = (s.to_original(start), s.to_original(end));
        assert_eq!(&text[a..b], "兩企三新");
    }

    #[test]
    fn conversion_is_char_for_char_with_ascii_around() {
        let text = "2023年,中央社會工作部(社工部)成立";
        let s = Simplified::new(text);
        assert_eq!(s.text.chars().count(), text.chars().count());
        let start = s.text.find("社工部").unwrap();
        let a = s.to_original(start);
        assert_eq!(&text[a..a + "社工部".len()], "社工部");
    }
}
