//! The table of searchable forms: every distinct glossary term of one language, with the
//! concepts that use it.
//!
//! Matchers find *forms*, not concepts: two concepts may share a form (社会工作 in the Party
//! sense and in the professional sense), and deciding between them is the job of
//! [`super::senses`], not of the matcher. A form is keyed by what the matcher compares (the
//! exact characters for Chinese, folded and stemmed words for en/fr/es), so "Social work" and
//! "social work" in two entries are one form.

use std::collections::HashMap;

use super::latin::FxBuild;
use crate::model::Status;

/// Index of a [`Form`] in its [`Forms`] table.
pub type FormId = usize;

/// One concept's term behind a form, as the entry writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub concept: String,
    pub term: String,
    pub status: Status,
}

/// A searchable form and every concept term that has it, ordered by concept id.
#[derive(Debug, Clone, Default)]
pub struct Form {
    pub entries: Vec<Entry>,
}

impl Form {
    /// The concepts this form may stand for.
    pub fn concepts(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.concept.as_str())
    }

    /// The entry of `concept`, if the form is one of its terms.
    pub fn entry(&self, concept: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.concept == concept)
    }

    /// The text shown for the form: the first entry's term.
    pub fn text(&self) -> &str {
        self.entries.first().map_or("", |e| e.term.as_str())
    }
}

/// Forms of one language, by key.
#[derive(Debug, Default)]
pub struct Forms {
    forms: Vec<Form>,
    by_key: HashMap<String, FormId, FxBuild>,
}

impl Forms {
    /// Adds `entry` under `key`; a concept keeps only its first term of a key.
    pub fn add(&mut self, key: String, entry: Entry) -> FormId {
        let id = *self.by_key.entry(key).or_insert_with(|| {
            self.forms.push(Form::default());
            self.forms.len() - 1
        });
        let form = &mut self.forms[id];
        if form.entry(&entry.concept).is_none() {
            form.entries.push(entry);
            form.entries.sort_by(|a, b| a.concept.cmp(&b.concept));
        }
        id
    }

    pub fn get(&self, id: FormId) -> &Form {
        &self.forms[id]
    }

    pub fn by_key(&self, key: &str) -> Option<FormId> {
        self.by_key.get(key).copied()
    }

    /// Every key with its form id, in no particular order.
    pub fn keys(&self) -> impl Iterator<Item = (&str, FormId)> {
        self.by_key.iter().map(|(k, v)| (k.as_str(), *v))
    }

    pub fn len(&self) -> usize {
        self.forms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(concept: &str, term: &str) -> Entry {
        Entry {
            concept: concept.into(),
            term: term.into(),
            status: Status::Preferred,
        }
    }

    #[test]
    fn shared_key_collects_concepts_in_order() {
        let mut f = Forms::default();
        let a = f.add(
            "社会工作".into(),
            entry("social-work-professional", "社会工作"),
        );
        let b = f.add("社会工作".into(), entry("society-work", "社会工作"));
        assert_eq!(a, b);
        let concepts: Vec<_> = f.get(a).concepts().collect();
        assert_eq!(concepts, ["social-work-professional", "society-work"]);
        assert_eq!(f.len(), 1);
    }

    #[test]
    fn a_concept_keeps_its_first_term_of_a_key() {
        let mut f = Forms::default();
        let id = f.add("social work".into(), entry("x", "Social Work"));
        f.add("social work".into(), entry("x", "social work"));
        assert_eq!(f.get(id).entries.len(), 1);
        assert_eq!(f.get(id).text(), "Social Work");
    }
}
