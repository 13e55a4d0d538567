//! Words of English, French and Spanish text, reduced to what matching compares.
//!
//! A word is a run of letters and digits (hyphens and apostrophes separate words, so
//! "Party-building" and "Party building" are the same two words, and "l'édification" is `l` +
//! `edification`). Each word is folded (case, accents, the ligatures œ and æ, which Unicode
//! does not decompose) and then stemmed with the language's Snowball stemmer, so plurals and
//! inflections compare equal. Term and text go through the same steps, so whatever the
//! stemmer does to a folded word it does on both sides.

use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// A word of a text: its byte span and its comparison key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub span: Range<usize>,
    pub key: String,
}

/// Splits and reduces text of one language.
pub struct Normalizer {
    stemmer: Option<Stemmer>,
    lang: String,
}

impl std::fmt::Debug for Normalizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Normalizer")
            .field("stemmed", &self.stemmer.is_some())
            .finish()
    }
}

impl Normalizer {
    /// A normalizer for `lang`; a language without a Snowball stemmer is only folded.
    pub fn new(lang: &str) -> Self {
        let algorithm = match lang {
            "en" => Some(Algorithm::English),
            "fr" => Some(Algorithm::French),
            "es" => Some(Algorithm::Spanish),
            "de" => Some(Algorithm::German),
            "it" => Some(Algorithm::Italian),
            "pt" => Some(Algorithm::Portuguese),
            "ru" => Some(Algorithm::Russian),
            _ => None,
        };
        Normalizer {
            stemmer: algorithm.map(Stemmer::create),
            lang: lang.to_string(),
        }
    }

    /// The words of `text`, in order.
    pub fn words(&self, text: &str) -> Vec<Word> {
        word_spans(text)
            .map(|span| Word {
                key: self.key(&text[span.clone()]),
                span,
            })
            .collect()
    }

    /// The byte spans of the words of `text`, in order.
    pub fn spans<'t>(&self, text: &'t str) -> impl Iterator<Item = Range<usize>> + 't {
        word_spans(text)
    }

    /// The words of `text` as written, in order.
    pub fn word_strs<'t>(&self, text: &'t str) -> impl Iterator<Item = &'t str> + 't {
        word_spans(text).map(move |span| &text[span])
    }

    /// The comparison key of one word: its stem, and what the stemmer cut off beyond
    /// inflection.
    ///
    /// Snowball also strips derivational suffixes: "governance" and "government" share the
    /// stem `govern`, "unidad" and "unido" the stem `unid`. Plurals and inflections should
    /// match, derivations should not, so the key keeps the part the stemmer removed once its
    /// inflectional endings are gone (`govern~anc` vs `govern~ment`, but `organ~ization` for
    /// both "organization" and "organizations").
    pub fn key(&self, word: &str) -> String {
        let mut folded = fold(word);
        if self.lang == "en" {
            folded = british_to_american(folded);
        }
        let Some(stemmer) = &self.stemmer else {
            return folded;
        };
        let stem = stemmer.stem(&folded).into_owned();
        let rest = folded.strip_prefix(stem.as_str()).unwrap_or("");
        let rest = strip_inflection(&self.lang, rest);
        if rest.is_empty() {
            stem
        } else {
            format!("{stem}~{rest}")
        }
    }

    /// The keys of a phrase joined by single spaces (the key of a multi-word term).
    pub fn phrase_key(&self, phrase: &str) -> String {
        let keys: Vec<String> = self.words(phrase).into_iter().map(|w| w.key).collect();
        keys.join(" ")
    }
}

/// Whether `c` belongs to a word (combining marks too, for text already in NFD).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Byte spans of the words of `text`.
fn word_spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = next_where(text, at, true);
        if start == text.len() {
            return None;
        }
        at = next_where(text, start, false);
        Some(start..at)
    })
}

/// What one byte of UTF-8 text says of its character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ByteClass {
    /// An ASCII letter or digit.
    Word,
    /// Any other ASCII character.
    Gap,
    /// A byte of a longer character, judged by decoding it.
    Wide,
}

/// The class of every byte: ASCII, most of the text, is judged by its byte alone (no
/// combining mark is ASCII).
const BYTE_CLASSES: [ByteClass; 256] = {
    let mut classes = [ByteClass::Wide; 256];
    let mut b = 0;
    while b < 128 {
        classes[b] = if (b as u8).is_ascii_alphanumeric() {
            ByteClass::Word
        } else {
            ByteClass::Gap
        };
        b += 1;
    }
    classes
};

/// The byte offset of the first character at or after `from` whose [`is_word_char`] is
/// `word`, or the text's length.
fn next_where(text: &str, from: usize, word: bool) -> usize {
    let skipped = if word {
        ByteClass::Gap
    } else {
        ByteClass::Word
    };
    let mut i = from;
    loop {
        let rest = &text.as_bytes()[i..];
        let Some(n) = rest
            .iter()
            .position(|b| BYTE_CLASSES[usize::from(*b)] != skipped)
        else {
            return text.len();
        };
        i += n;
        if BYTE_CLASSES[usize::from(rest[n])] != ByteClass::Wide {
            return i;
        }
        let c = text[i..].chars().next().unwrap_or_default();
        if is_word_char(c) == word {
            return i;
        }
        i += c.len_utf8();
    }
}

/// Lower case without accents; œ, æ and ß spelt out.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// `rest` (what the stemmer cut off a word) without its inflectional endings: plural, verb
/// endings, and a final gender or silent vowel.
fn strip_inflection<'a>(lang: &str, rest: &'a str) -> &'a str {
    let (endings, finals): (&[&str], &[&str]) = match lang {
        "en" => (&["ings", "ing", "ed", "es", "s"], &["e"]),
        "fr" => (&["es", "s", "x"], &["e"]),
        "es" | "it" | "pt" => (&["es", "s"], &["a", "o", "e"]),
        _ => (&["s"], &[]),
    };
    let rest = endings
        .iter()
        .find_map(|e| rest.strip_suffix(e))
        .unwrap_or(rest);
    finals
        .iter()
        .find_map(|e| rest.strip_suffix(e))
        .unwrap_or(rest)
}

/// "organisation" → "organization": MERICS writes British English, China Daily American,
/// and the English stemmer keeps the two apart. Only the unambiguous `-isation` family.
fn british_to_american(word: String) -> String {
    for (gb, us) in [("isations", "izations"), ("isation", "ization")] {
        if let Some(stem) = word.strip_suffix(gb) {
            return format!("{stem}{us}");
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(lang: &str, text: &str) -> Vec<String> {
        Normalizer::new(lang)
            .words(text)
            .into_iter()
            .map(|w| w.key)
            .collect()
    }

    #[test]
    fn case_accents_and_ligatures_fold() {
        assert_eq!(fold("Département"), "departement");
        assert_eq!(fold("ŒUVRE"), "oeuvre");
        assert_eq!(fold("Cæsar"), "caesar");
    }

    #[test]
    fn plurals_stem_alike() {
        assert_eq!(
            keys("en", "Social Organizations"),
            keys("en", "social organisation")
        );
        assert_eq!(
            keys("fr", "organisations sociales"),
            keys("fr", "Organisation sociale")
        );
        assert_eq!(keys("es", "nuevos grupos"), keys("es", "Nuevo grupo"));
    }

    #[test]
    fn derivations_do_not_stem_alike() {
        assert_ne!(keys("en", "governance"), keys("en", "government"));
        assert_eq!(keys("en", "governances"), keys("en", "Governance"));
        assert_ne!(keys("es", "unidad"), keys("es", "unido"));
        assert_eq!(keys("es", "unidos"), keys("es", "unidas"));
        assert_ne!(keys("es", "trabajadores"), keys("es", "trabajo"));
        assert_eq!(keys("fr", "sociaux"), keys("fr", "sociale"));
    }

    #[test]
    fn hyphens_and_apostrophes_split_words() {
        assert_eq!(keys("en", "Party-building"), keys("en", "party building"));
        let n = Normalizer::new("fr");
        let spans: Vec<_> = n
            .words("l’édification du Parti")
            .into_iter()
            .map(|w| w.span)
            .collect();
        assert_eq!(spans.len(), 4);
        assert_eq!(spans[1].start, "l’".len());
    }

    #[test]
    fn spans_point_into_the_original() {
        let text = "  Société, (ÉTAT)";
        let words = Normalizer::new("fr").words(text);
        let texts: Vec<_> = words.iter().map(|w| &text[w.span.clone()]).collect();
        assert_eq!(texts, ["Société", "ÉTAT"]);
    }
}
