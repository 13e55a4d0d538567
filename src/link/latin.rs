//! Matching in languages written with spaces between words (en, fr, es): a term matches a
//! run of whole words whose keys ([`super::fold`]) equal the term's, and of terms starting at
//! the same word the longest wins ("United Front Work Department" over "united front work").

use std::collections::{HashMap, HashSet};

use super::fold::{Normalizer, Word};
use super::forms::{FormId, Forms};
use super::zh::Hit;

/// Finds a language's forms (keyed by [`Normalizer::phrase_key`]) in text.
#[derive(Debug)]
pub struct LatinMatcher {
    normalizer: Normalizer,
    by_key: HashMap<String, FormId>,
    /// Keys a term can start with: most words of a text start none, and are skipped at once.
    first_words: HashSet<String>,
    /// The most words a term has.
    max_words: usize,
}

impl LatinMatcher {
    pub fn new(normalizer: Normalizer, forms: &Forms) -> Self {
        let mut by_key = HashMap::new();
        let mut first_words = HashSet::new();
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
        let words = self.normalizer.words(text);
        let mut hits = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.longest_at(&words, i) {
                Some((n, id)) => {
                    hits.push((words[i].span.start..words[i + n - 1].span.end, id));
                    i += n;
                }
                None => i += 1,
            }
        }
        hits
    }

    /// The longest term starting at word `i`: its length in words and its form.
    fn longest_at(&self, words: &[Word], i: usize) -> Option<(usize, FormId)> {
        if !self.first_words.contains(&words[i].key) {
            return None;
        }
        let most = self.max_words.min(words.len() - i);
        let mut key = String::new();
        let mut best = None;
        for (n, word) in words[i..i + most].iter().enumerate() {
            if n > 0 {
                key.push(' ');
            }
            key.push_str(&word.key);
            if let Some(&id) = self.by_key.get(&key) {
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
