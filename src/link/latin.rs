//! Matching in languages written with spaces between words (en, fr, es): a term matches a
//! run of whole words whose keys ([`super::fold`]) equal the term's, and of terms starting at
//! the same word the longest wins ("United Front Work Department" over "united front work").

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use super::fold::{Normalizer, Word};
use super::forms::{FormId, Forms};
use super::zh::Hit;

/// A fast, non-cryptographic string hasher (the Fx hash of rustc) for the tables of words
/// and keys, which hold glossary and passage words, not input an attacker chooses.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, mut bytes: &[u8]) {
        while let Some((chunk, rest)) = bytes.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*chunk));
            bytes = rest;
        }
        if let Some((chunk, rest)) = bytes.split_first_chunk::<4>() {
            self.add(u64::from(u32::from_le_bytes(*chunk)));
            bytes = rest;
        }
        for &b in bytes {
            self.add(u64::from(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Builds [`FxHasher`]s.
pub type FxBuild = BuildHasherDefault<FxHasher>;

/// Finds a language's forms (keyed by [`Normalizer::phrase_key`]) in text.
#[derive(Debug)]
pub struct LatinMatcher {
    normalizer: Normalizer,
    by_key: HashMap<String, FormId, FxBuild>,
    /// Keys a term can start with: most words of a text start none, and are skipped at once.
    first_words: HashSet<String, FxBuild>,
    /// The most words a term has.
    max_words: usize,
}

impl LatinMatcher {
    pub fn new(normalizer: Normalizer, forms: &Forms) -> Self {
        let mut by_key = HashMap::default();
        let mut first_words = HashSet::default();
        let mut max_words = 0;
        for (key, id) in forms.keys() {
            let mut words = key.split(' ');
            if let Some(first) = words.next() {
                first_words.insert(first.to_string());
                max_words = max_words.max(1 + words.count());
                by_key.insert(key.to_string(), id);
            }
        }
        LatinMatcher {
            normalizer,
            by_key,
            first_words,
            max_words,
        }
    }

    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    /// Every term of `text`, left to right, longest first, without overlaps.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        self.find_cached(text, &mut KeyCache::default())
    }

    /// [`Self::find`], with the keys of the words already seen in `cache` (which must be
    /// used with this matcher only): the same words recur from passage to passage, and
    /// stemming is most of the cost of matching.
    pub fn find_cached(&self, text: &str, cache: &mut KeyCache) -> Vec<Hit> {
        let mut words = std::mem::take(&mut cache.words);
        words.clear();
        words.extend(self.normalizer.spans(text).map(|span| {
            let id = cache.id(self, &text[span.clone()]);
            (span, id)
        }));
        let mut hits = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.longest_at(cache, &words, i) {
                Some((n, id)) => {
                    hits.push((words[i].0.start..words[i + n - 1].0.end, id));
                    i += n;
                }
                None => i += 1,
            }
        }
        cache.words = words;
        hits
    }

    /// The longest term starting at word `i`: its length in words and its form.
    fn longest_at(
        &self,
        cache: &mut KeyCache,
        words: &[(std::ops::Range<usize>, u32)],
        i: usize,
    ) -> Option<(usize, FormId)> {
        if !cache.starts[words[i].1 as usize] {
            return None;
        }
        let most = self.max_words.min(words.len() - i);
        let key = &mut cache.phrase;
        key.clear();
        let mut best = None;
        for (n, (_, word)) in words[i..i + most].iter().enumerate() {
            if n > 0 {
                key.push(' ');
            }
            key.push_str(&cache.keys[*word as usize]);
            if let Some(&id) = self.by_key.get(key.as_str()) {
                best = Some((n + 1, id));
            }
        }
        best
    }

    /// Whether the phrase `cue` occurs as whole words in `words`.
    pub fn contains_phrase(&self, words: &[Word], cue: &str) -> bool {
        let cue: Vec<Word> = self.normalizer.words(cue);
        !cue.is_empty()
            && words
                .windows(cue.len())
                .any(|w| w.iter().zip(&cue).all(|(a, b)| a.key == b.key))
    }
}

/// The keys of the words one [`LatinMatcher`] has seen (see [`LatinMatcher::find_cached`]).
#[derive(Debug, Default)]
pub struct KeyCache {
    /// Each distinct word as written, with the index of its key.
    ids: HashMap<String, u32, FxBuild>,
    keys: Vec<String>,
    /// Whether a term starts with the key.
    starts: Vec<bool>,
    /// Buffers reused from call to call.
    words: Vec<(std::ops::Range<usize>, u32)>,
    phrase: String,
}

impl KeyCache {
    fn id(&mut self, m: &LatinMatcher, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let key = m.normalizer.key(word);
        let id = u32::try_from(self.keys.len()).expect("fewer than 2^32 distinct words");
        self.starts.push(m.first_words.contains(&key));
        self.keys.push(key);
        self.ids.insert(word.to_string(), id);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::super::forms::Entry;
    use super::*;
    use crate::model::Status;

    fn found(lang: &str, terms: &[&str], text: &str) -> Vec<String> {
        let n = Normalizer::new(lang);
        let mut forms = Forms::default();
        for t in terms {
            let entry = Entry {
                concept: t.to_string(),
                term: t.to_string(),
                status: Status::Preferred,
            };
            forms.add(n.phrase_key(t), entry);
        }
        let m = LatinMatcher::new(n, &forms);
        m.find(text)
            .into_iter()
            .map(|(r, _)| text[r].to_string())
            .collect()
    }

    #[test]
    fn longest_match_wins() {
        let terms = ["united front work", "United Front Work Department"];
        let text = "The United Front Work Department guides united front work.";
        assert_eq!(
            found("en", &terms, text),
            ["United Front Work Department", "united front work"]
        );
    }

    #[test]
    fn inflections_case_and_accents_match() {
        let terms = ["new employment group", "Département du travail social"];
        assert_eq!(
            found("en", &terms, "New Employment Groups, too"),
            ["New Employment Groups"]
        );
        assert_eq!(
            found("fr", &terms, "le DEPARTEMENT du Travail Social"),
            ["DEPARTEMENT du Travail Social"]
        );
    }

    #[test]
    fn only_whole_words_match() {
        assert!(found("en", &["social work"], "socialist workers").is_empty());
        assert!(found("es", &["frente unido"], "enfrentes unidos").is_empty());
    }

    #[test]
    fn cue_phrases_match_whole_words() {
        let n = Normalizer::new("en");
        let m = LatinMatcher::new(Normalizer::new("en"), &Forms::default());
        let words = n.words("The Party's department leads it");
        assert!(m.contains_phrase(&words, "departments"));
        assert!(!m.contains_phrase(&words, "party department"));
    }
}
