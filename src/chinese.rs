//! Chinese helpers for validation: pinyin and traditional forms.
//!
//! This module alone owns the `pinyin` crate (readings of each character, every heteronym)
//! and `hanconv` (OpenCC's conversion tables in pure Rust); the linker converts through it.

use pinyin::{Pinyin, ToPinyinMulti};
use unicode_normalization::{is_nfc, UnicodeNormalization};

/// Whether `lang` is Chinese (`zh`, `zh-Hant`, `zh-TW` …): its terms carry pinyin and
/// traditional forms, and its text is written without spaces, so linking needs the segmenter.
/// Validation and linking both ask here, so they agree.
pub fn is_chinese(lang: &str) -> bool {
    lang == "zh" || lang.starts_with("zh-")
}

/// Why a pinyin string does not fit the characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinyinMismatch {
    /// The first character no reading of which fits, if the pinyin ran out or went wrong there.
    pub character: Option<char>,
    /// Every reading the character has, with tone marks.
    pub readings: Vec<&'static str>,
}

/// Every reading of a Han character, with tone marks (empty for non-Han characters).
pub fn readings(c: char) -> Vec<&'static str> {
    c.to_pinyin_multi()
        .map(|multi| multi.into_iter().map(Pinyin::with_tone).collect())
        .unwrap_or_default()
}

/// Checks `pinyin` against `term` syllable by syllable: each Han character must be spelled
/// by one of its readings, in order, with nothing left over. Spaces, hyphens, apostrophes
/// and case are free; characters that are not Han (quotes, digits, Latin) are skipped.
pub fn check_pinyin(term: &str, pinyin: &str) -> Result<(), PinyinMismatch> {
    let spelled = normalise_pinyin(pinyin);
    let chars: Vec<(char, Vec<&'static str>)> = term
        .chars()
        .map(|c| (c, readings(c)))
        .filter(|(_, r)| !r.is_empty())
        .collect();
    let mut search = Search {
        chars: &chars,
        spelled: &spelled,
        furthest: 0,
        dead: vec![false; chars.len() * (spelled.len() + 1)],
    };
    if search.fits(0, 0) {
        return Ok(());
    }
    let culprit = chars.get(search.furthest);
    Err(PinyinMismatch {
        character: culprit.map(|(c, _)| *c),
        readings: culprit.map(|(_, r)| r.clone()).unwrap_or_default(),
    })
}

/// A depth-first search over readings for a spelling of the characters.
struct Search<'a> {
    chars: &'a [(char, Vec<&'static str>)],
    spelled: &'a str,
    /// The furthest character reached: the culprit when no spelling fits.
    furthest: usize,
    /// (character, position) pairs already found not to lead to a spelling.
    dead: Vec<bool>,
}

impl Search<'_> {
    /// Whether characters `i..` spell `spelled[pos..]`.
    fn fits(&mut self, i: usize, pos: usize) -> bool {
        self.furthest = self.furthest.max(i);
        if i == self.chars.len() {
            return pos == self.spelled.len();
        }
        let slot = i * (self.spelled.len() + 1) + pos;
        if std::mem::replace(&mut self.dead[slot], true) {
            return false;
        }
        let chars = self.chars;
        chars[i].1.iter().any(|&reading| {
            // The readings are NFC already; normalise only one that is not.
            let reading: std::borrow::Cow<str> = if is_nfc(reading) {
                reading.into()
            } else {
                reading.nfc().collect::<String>().into()
            };
            self.spelled[pos..].starts_with(&*reading) && self.fits(i + 1, pos + reading.len())
        })
    }
}

/// Lowercase, NFC, without separators: "Zhōngyāng Shèhuì-gōngzuò" → "zhōngyāngshèhuìgōngzuò".
fn normalise_pinyin(pinyin: &str) -> String {
    // Composing is the costly part, and pinyin as editors type it is NFC already.
    if is_nfc(pinyin) {
        lowercase_letters(pinyin.chars())
    } else {
        lowercase_letters(pinyin.nfc())
    }
}

fn lowercase_letters(chars: impl Iterator<Item = char>) -> String {
    chars
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphabetic())
        .collect()
}

/// The traditional form OpenCC gives for a simplified term (its standard, "s2t").
pub fn to_traditional(simplified: &str) -> String {
    hanconv::s2t(simplified)
}

/// The traditional forms accepted for a simplified term: OpenCC's standard, Taiwan and
/// Hong Kong conversions (群众 is 羣衆 in the standard table but 群眾 in Taiwan and Hong
/// Kong usage, and both are correct), without repeats.
pub fn traditional_forms(simplified: &str) -> Vec<String> {
    let mut forms = vec![
        hanconv::s2t(simplified),
        hanconv::s2tw(simplified),
        hanconv::s2hk(simplified),
    ];
    forms.dedup();
    forms.sort();
    forms.dedup();
    forms
}

/// The simplified form OpenCC gives for a traditional text.
pub fn to_simplified(traditional: &str) -> String {
    hanconv::t2s(traditional)
}

/// Every traditional character that OpenCC converts to a different simplified one.
pub fn traditional_only_chars() -> impl Iterator<Item = char> {
    hanconv::Dictionary::TSCharacters
        .iter()
        .filter(|(trad, simp)| trad != simp)
        .filter_map(|(trad, _)| {
            let mut chars = trad.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            }
        })
}

/// Whether a string contains a Han character (so it is a Chinese term).
pub fn has_han(s: &str) -> bool {
    s.chars().any(|c| !readings(c).is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heteronyms_are_accepted() {
        assert_eq!(check_pinyin("银行", "yínháng"), Ok(()));
        assert_eq!(check_pinyin("重庆", "Chóngqìng"), Ok(()));
        assert_eq!(check_pinyin("社会工作", "shèhuì gōngzuò"), Ok(()));
    }

    #[test]
    fn quotes_and_separators_are_free() {
        assert_eq!(
            check_pinyin(
                "新时代\u{201c}枫桥经验\u{201d}",
                "xīn shídài 'Fēngqiáo jīngyàn'"
            ),
            Ok(())
        );
    }

    #[test]
    fn a_wrong_tone_names_the_character() {
        let e = check_pinyin("社会工作", "shèhuì gòngzuò").unwrap_err();
        assert_eq!(e.character, Some('工'));
        assert!(e.readings.contains(&"gōng"));
    }

    #[test]
    fn missing_and_extra_syllables_fail() {
        assert!(check_pinyin("社会工作", "shèhuì gōng").is_err());
        assert!(check_pinyin("社会", "shèhuì gōng").is_err());
    }

    #[test]
    fn traditional_conversion() {
        assert_eq!(to_traditional("中央社会工作部"), "中央社會工作部");
        assert_eq!(to_simplified("兩企三新"), "两企三新");
        let forms = traditional_forms("群众");
        assert!(forms.contains(&"群眾".to_string()) && forms.contains(&"羣衆".to_string()));
    }
}
