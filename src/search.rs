//! The one index of every form a reader may type: Chinese (simplified and traditional), pinyin
//! (with tone marks, tone numbers or none, with or without spaces) and every rendering in every
//! language, folded for case and accents.
//!
//! The site writes it as a script for its client-side search (`templates/static/search.js`
//! implements the same [`fold`] and ranking as [`SearchIndex::query`]); `shuyu lookup` reads
//! the same index. Ranking, best first: an exact headword (Chinese or pinyin), an exact
//! rendering, a prefix, then a substring (at a word start for renderings); [`SearchIndex::fuzzy`]
//! finds what a typo hides (`fengquao`, `united frnt`) when nothing else matches.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::model::{Concept, Glossary, Status};

/// What a form of a concept is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormKind {
    /// A Chinese term as written (simplified).
    Zh,
    /// The traditional form of a Chinese term.
    Hant,
    /// The pinyin of a Chinese term.
    Pinyin,
    /// A rendering in another language.
    Term,
}

/// One searchable form of a concept.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Form {
    pub kind: FormKind,
    /// The language of the term the form belongs to.
    pub lang: String,
    pub status: Status,
    /// The form as the entry writes it.
    pub text: String,
    /// What queries are compared with: the text itself for Chinese, [`fold`]ed otherwise,
    /// pinyin without spaces.
    pub key: String,
}

/// A concept as the search shows it, with every form.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    /// The preferred Chinese term.
    pub headword: String,
    pub pinyin: String,
    /// The preferred English rendering.
    pub english: String,
    pub forms: Vec<Form>,
}

/// How well a form matched; lower is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rank {
    ExactHeadword,
    ExactRendering,
    Prefix,
    Substring,
    /// Close in spelling only (a typo): `shuyu lookup`'s fallback, not the site's.
    Fuzzy,
}

/// One concept found by a query, with the form that matched best.
#[derive(Debug, Clone, Serialize)]
pub struct Hit<'a> {
    pub entry: &'a Entry,
    pub form: &'a Form,
    pub rank: Rank,
}

/// Every form of every concept, in concept id order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SearchIndex {
    pub entries: Vec<Entry>,
}

impl SearchIndex {
    /// Indexes every concept of the glossary.
    pub fn build(glossary: &Glossary) -> Self {
        SearchIndex {
            entries: glossary.concepts.values().map(entry).collect(),
        }
    }

    /// The concepts matching `query`, best first, at most `limit`.
    pub fn query(&self, query: &str, limit: usize) -> Vec<Hit<'_>> {
        let q = Query::new(query);
        if q.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = self
            .entries
            .iter()
            .filter_map(|entry| best_form(entry, &q).map(|(form, rank)| Hit { entry, form, rank }))
            .collect();
        hits.sort_by(|a, b| {
            (a.rank, a.form.status, a.entry.headword.chars().count())
                .cmp(&(b.rank, b.form.status, b.entry.headword.chars().count()))
                .then_with(|| a.entry.id.cmp(&b.entry.id))
        });
        hits.truncate(limit);
        hits
    }
}

impl SearchIndex {
    /// The concepts whose renderings or pinyin are spelt most like `query` (Damerau-Levenshtein
    /// on folded forms, also against each form's start, so a typo in a prefix counts), at least
    /// `threshold` similar (0 to 1), best first.
    pub fn fuzzy(&self, query: &str, threshold: f64, limit: usize) -> Vec<(Hit<'_>, f64)> {
        let q = Query::new(query);
        if q.folded.chars().count() < 3 {
            return Vec::new();
        }
        let mut hits: Vec<(Hit, f64)> = self
            .entries
            .iter()
            .filter_map(|entry| {
                let (form, score) = entry
                    .forms
                    .iter()
                    .filter_map(|f| similarity(f, &q).map(|s| (f, s)))
                    .max_by(|a, b| a.1.total_cmp(&b.1))?;
                (score >= threshold).then_some((
                    Hit {
                        entry,
                        form,
                        rank: Rank::Fuzzy,
                    },
                    score,
                ))
            })
            .collect();
        hits.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then_with(|| a.0.entry.id.cmp(&b.0.entry.id))
        });
        hits.truncate(limit);
        hits
    }
}

/// How alike a form and the query are spelt, for the Latin forms.
fn similarity(form: &Form, q: &Query) -> Option<f64> {
    let typed = match form.kind {
        FormKind::Term => &q.folded,
        FormKind::Pinyin => &q.pinyin,
        FormKind::Zh | FormKind::Hant => return None,
    };
    let start: String = form.key.chars().take(typed.chars().count()).collect();
    let whole = strsim::normalized_damerau_levenshtein(typed, &form.key);
    let prefix = strsim::normalized_damerau_levenshtein(typed, &start);
    // A prefix is worth a little less than the whole form.
    Some(whole.max(prefix * 0.95))
}

/// A query folded once for each kind of form.
struct Query {
    /// As typed, trimmed: compared with Chinese forms.
    raw: String,
    /// Folded: compared with renderings.
    folded: String,
    /// Folded without spaces or tone numbers: compared with pinyin.
    pinyin: String,
}

impl Query {
    fn new(query: &str) -> Self {
        let folded = fold(query);
        Query {
            raw: query.trim().to_string(),
            pinyin: pinyin_key(&folded),
            folded,
        }
    }

    fn is_empty(&self) -> bool {
        self.raw.is_empty() || (self.folded.is_empty() && !has_han(&self.raw))
    }
}

/// The best-matching form of an entry and how it matched.
fn best_form<'a>(entry: &'a Entry, q: &Query) -> Option<(&'a Form, Rank)> {
    entry
        .forms
        .iter()
        .filter_map(|f| rank(f, q).map(|r| (f, r)))
        .min_by_key(|(f, r)| (*r, f.status))
}

fn rank(form: &Form, q: &Query) -> Option<Rank> {
    match form.kind {
        FormKind::Zh | FormKind::Hant => rank_plain(&form.key, &q.raw, Rank::ExactHeadword),
        FormKind::Pinyin if !q.pinyin.is_empty() && q.pinyin.is_ascii() => {
            // A short string of Latin letters is in too many syllables to be a pinyin
            // substring worth showing; a prefix is.
            match rank_plain(&form.key, &q.pinyin, Rank::ExactHeadword)? {
                Rank::Substring if q.pinyin.len() < 4 => None,
                r => Some(r),
            }
        }
        FormKind::Pinyin => None,
        FormKind::Term => rank_words(&form.key, &q.folded),
    }
}

/// Exact, prefix or substring.
fn rank_plain(key: &str, q: &str, exact: Rank) -> Option<Rank> {
    if q.is_empty() {
        None
    } else if key == q {
        Some(exact)
    } else if key.starts_with(q) {
        Some(Rank::Prefix)
    } else if key.contains(q) {
        Some(Rank::Substring)
    } else {
        None
    }
}

/// Exact, prefix, or a substring that starts at a word.
fn rank_words(key: &str, q: &str) -> Option<Rank> {
    match rank_plain(key, q, Rank::ExactRendering)? {
        Rank::Substring if !key.contains(&format!(" {q}")) => None,
        r => Some(r),
    }
}

/// Lowercase, without accents, the ligatures œ and æ spelt out, every run of characters that
/// are neither letters nor digits one space: "Département  du Travail-social" → "departement du
/// travail social". The search script folds queries the same way.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.nfd().filter(|c| !('\u{300}'..='\u{36f}').contains(c)) {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            for l in c.to_lowercase() {
                match l {
                    'œ' => out.push_str("oe"),
                    'æ' => out.push_str("ae"),
                    l => out.push(l),
                }
            }
        } else {
            gap = true;
        }
    }
    out.nfc().collect()
}

/// Pinyin as compared: folded, without spaces or tone numbers ("liang3 qi3" → "liangqi").
pub fn pinyin_key(folded: &str) -> String {
    folded
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_digit())
        .collect()
}

/// Whether the text has a Han character.
fn has_han(text: &str) -> bool {
    text.chars().any(|c| ('\u{3400}'..='\u{9fff}').contains(&c))
}

fn entry(concept: &Concept) -> Entry {
    let preferred = |lang: &str| concept.preferred(lang);
    let mut forms = Vec::new();
    for (lang, terms) in &concept.terms {
        for t in terms {
            forms.extend(forms_of(lang, t));
        }
    }
    Entry {
        id: concept.id.clone(),
        headword: preferred("zh").map(|t| t.text.clone()).unwrap_or_default(),
        pinyin: preferred("zh")
            .and_then(|t| t.pinyin.clone())
            .unwrap_or_default(),
        english: preferred("en").map(|t| t.text.clone()).unwrap_or_default(),
        forms,
    }
}

/// The forms of one term: itself, and for Chinese its traditional form and pinyin.
fn forms_of(lang: &str, t: &crate::model::Term) -> Vec<Form> {
    let form = |kind, text: &str, key: String| Form {
        kind,
        lang: lang.to_string(),
        status: t.status,
        text: text.to_string(),
        key,
    };
    if !crate::link::is_chinese(lang) {
        return vec![form(FormKind::Term, &t.text, fold(&t.text))];
    }
    let mut out = vec![form(FormKind::Zh, &t.text, t.text.clone())];
    if let Some(hant) = &t.traditional {
        out.push(form(FormKind::Hant, hant, hant.clone()));
    }
    if let Some(py) = &t.pinyin {
        out.push(form(FormKind::Pinyin, py, pinyin_key(&fold(py))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::fixture;
    use crate::model::Status::*;

    fn index() -> SearchIndex {
        let mut zh = fixture::term("两企三新", Preferred, &[]);
        zh.pinyin = Some("liǎng qǐ sān xīn".into());
        zh.traditional = Some("兩企三新".into());
        let c = fixture::concept(
            "two-enterprises-three-new",
            vec![
                ("zh", zh),
                (
                    "en",
                    fixture::term("two enterprises and three new", Preferred, &[]),
                ),
                (
                    "fr",
                    fixture::term("Département du travail social", Admitted, &[]),
                ),
                ("en", fixture::term("two new", Deprecated, &[])),
            ],
            &[],
        );
        SearchIndex::build(&fixture::glossary(vec![c], vec![]))
    }

    fn first(q: &str) -> Option<(Rank, String)> {
        let idx = index();
        let hits = idx.query(q, 5);
        hits.first().map(|h| (h.rank, h.form.text.clone()))
    }

    #[test]
    fn pinyin_in_every_spelling_finds_the_headword() {
        for q in [
            "liangqisanxin",
            "liang qi san xin",
            "liǎng qǐ sān xīn",
            "liang3 qi3 san1 xin1",
            "LIANG QI",
        ] {
            let (rank, text) = first(q).unwrap_or_else(|| panic!("{q} found nothing"));
            assert_eq!(text, "liǎng qǐ sān xīn", "{q}");
            assert!(rank <= Rank::Prefix, "{q}");
        }
    }

    #[test]
    fn chinese_matches_simplified_and_traditional_substrings() {
        assert_eq!(first("两企三新").unwrap().0, Rank::ExactHeadword);
        assert_eq!(first("兩企").unwrap(), (Rank::Prefix, "兩企三新".into()));
        assert_eq!(first("三新").unwrap().0, Rank::Substring);
        assert!(first("社会").is_none());
    }

    #[test]
    fn renderings_match_without_case_or_accents_at_word_starts() {
        assert_eq!(
            first("departement du travail social").unwrap().0,
            Rank::ExactRendering
        );
        assert_eq!(first("Travail").unwrap().0, Rank::Substring);
        assert!(first("ravail").is_none());
        let (_, text) = first("two new").unwrap();
        assert_eq!(text, "two new");
    }

    #[test]
    fn typos_are_found_fuzzily() {
        let idx = index();
        let hits = idx.fuzzy("liang qi san xim", 0.75, 3);
        assert_eq!(hits[0].0.entry.id, "two-enterprises-three-new");
        let hits = idx.fuzzy("departemnt du travail", 0.75, 3);
        assert_eq!(hits[0].0.form.text, "Département du travail social");
        assert!(idx.fuzzy("zzzzzz", 0.75, 3).is_empty());
    }

    #[test]
    fn a_query_of_punctuation_finds_nothing() {
        assert!(first("  -- ").is_none());
        assert!(first("").is_none());
    }

    #[test]
    fn fold_spells_out_ligatures_and_squashes_separators() {
        assert_eq!(fold("Œuvre  sociale—Æsop"), "oeuvre sociale aesop");
        assert_eq!(fold("Party’s social-work"), "party s social work");
    }
}
