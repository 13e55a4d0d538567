//! The linker: one matcher per language, built once from the glossary and shared (it is
//! `Sync`) by every thread that links passages.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Mutex;

use rayon::prelude::*;

use super::fold::Normalizer;
use super::forms::{Entry, Form, FormId, Forms};
use super::latin::{FxBuild, KeyCache, LatinMatcher};
use super::senses::{self, Evidence, Sense};
use super::zh::ZhMatcher;
use super::{Links, Occurrence, PassageLinks};
use crate::model::{Glossary, Lang};
use crate::segment::{Dictionary, Segmenter};

/// `text` in simplified characters (borrowed when it has no traditional ones).
fn simplified(text: &str) -> std::borrow::Cow<'_, str> {
    if super::traditional::has_traditional(text) {
        crate::chinese::to_simplified(text).into()
    } else {
        text.into()
    }
}

/// The bytes of the glossary's Chinese passages: what linking its own sources cuts.
pub fn chinese_passage_bytes(glossary: &Glossary) -> usize {
    let sources = glossary.sources.values().filter(|s| is_chinese(&s.lang));
    sources
        .flat_map(|s| &s.passages)
        .map(|p| p.text.len())
        .sum()
}

pub use crate::chinese::is_chinese;

enum Matcher {
    Zh(Box<ZhMatcher>),
    Latin(LatinMatcher),
}

struct LangLinker {
    forms: Forms,
    matcher: Matcher,
    /// Each one-concept Chinese form that contains a shared form (社会工作人才队伍 contains
    /// 社会工作), with that shared form: its sentences count toward the text's sense.
    within: HashMap<FormId, FormId>,
}

/// Finds the glossary's terms in text of any of its languages.
pub struct Linker {
    langs: BTreeMap<Lang, LangLinker>,
    /// `senses.cues` of each concept that has them.
    cues: BTreeMap<String, Vec<String>>,
}

impl std::fmt::Debug for Linker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linker")
            .field("langs", &self.langs.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl Linker {
    /// Builds a matcher for every language that has terms, to link the glossary's own sources.
    pub fn new(glossary: &Glossary) -> Self {
        Self::for_languages(glossary, |_| true)
    }

    /// Builds matchers only for the languages `wanted` accepts, to link the glossary's own
    /// sources: the segmenter is sized for its Chinese passages.
    pub fn for_languages(glossary: &Glossary, wanted: impl Fn(&str) -> bool) -> Self {
        Self::for_input(glossary, wanted, chinese_passage_bytes(glossary))
    }

    /// Builds matchers only for the languages `wanted` accepts (linking one Chinese file
    /// need not stem every English, French and Spanish term first), to link about
    /// `input_bytes` of Chinese text: that picks the segmenter's dictionary, a small one
    /// that grows with the text or jieba's whole one (see [`crate::segment`]). Any text links
    /// the same either way; only the speed differs.
    pub fn for_input(
        glossary: &Glossary,
        wanted: impl Fn(&str) -> bool,
        input_bytes: usize,
    ) -> Self {
        Self::with_dictionary(glossary, wanted, Dictionary::ForInput(input_bytes))
    }

    /// [`Linker::for_input`] with the segmenter's dictionary chosen by the caller, e.g. one
    /// that started loading before the glossary was validated ([`Dictionary::start_for`]).
    pub fn with_dictionary(
        glossary: &Glossary,
        wanted: impl Fn(&str) -> bool,
        dictionary: Dictionary,
    ) -> Self {
        // The first Chinese language takes the dictionary; another (zh-Hant …) sizes its own.
        let dictionary = Mutex::new(Some(dictionary));
        let take = || {
            let mut slot = dictionary.lock().unwrap_or_else(|e| e.into_inner());
            match slot.take() {
                Some(Dictionary::ForInput(n)) => {
                    *slot = Some(Dictionary::ForInput(n));
                    Dictionary::ForInput(n)
                }
                Some(loading) => loading,
                None => Dictionary::ForInput(0),
            }
        };
        let mut by_lang: BTreeMap<Lang, Vec<(String, Entry)>> = BTreeMap::new();
        for concept in glossary.concepts.values() {
            for (lang, terms) in concept.terms.iter().filter(|(l, _)| wanted(l)) {
                for t in terms {
                    let entry = Entry {
                        concept: concept.id.clone(),
                        term: t.text.clone(),
                        status: t.status,
                    };
                    by_lang
                        .entry(lang.clone())
                        .or_default()
                        .push((t.text.clone(), entry));
                }
            }
        }
        // Chinese (jieba's dictionary) and the stemmed languages build on separate cores.
        let langs = by_lang
            .into_par_iter()
            .map(|(lang, entries)| {
                let linker = LangLinker::new(&lang, entries, &take);
                (lang, linker)
            })
            .collect();
        let cues = glossary
            .concepts
            .values()
            .filter_map(|c| Some((c.id.clone(), c.senses.as_ref()?.cues.clone())))
            .collect();
        Linker { langs, cues }
    }

    /// The segmenter of the Chinese matcher, if the glossary has Chinese terms.
    pub fn segmenter(&self) -> Option<&Segmenter> {
        self.langs.values().find_map(|l| match &l.matcher {
            Matcher::Zh(z) => Some(z.segmenter()),
            Matcher::Latin(_) => None,
        })
    }

    /// The languages the linker has terms in.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.langs.keys().map(String::as_str)
    }

    /// Every glossary term in `text` (written in `lang`), with its concept or candidates.
    pub fn link_text(&self, lang: &str, text: &str) -> Vec<Occurrence> {
        self.link_text_cached(lang, text, &mut StemCache::default())
    }

    /// The terms of every paragraph of one document (written in `lang`): each paragraph is
    /// matched on its own, and a shared term's sense may then be decided by the whole
    /// document (see [`senses`]); offsets are into each paragraph.
    pub fn link_document(&self, lang: &str, paragraphs: &[&str]) -> Vec<Vec<Occurrence>> {
        let Some(l) = self.langs.get(lang) else {
            return paragraphs.iter().map(|_| Vec::new()).collect();
        };
        let mut stems = StemCache::default();
        let found: Vec<Vec<Found>> = paragraphs
            .iter()
            .map(|p| self.find(l, lang, p, &mut stems))
            .collect();
        finish(l, found)
    }

    /// [`Self::link_text`] with the word keys stemmed by earlier calls in `stems`.
    fn link_text_cached(&self, lang: &str, text: &str, stems: &mut StemCache) -> Vec<Occurrence> {
        let Some(l) = self.langs.get(lang) else {
            return Vec::new();
        };
        let found = self.find(l, lang, text, stems);
        finish(l, vec![found]).pop().unwrap_or_default()
    }

    /// The forms in `text`, each with its sense as its own sentence decides it.
    fn find(&self, l: &LangLinker, lang: &str, text: &str, stems: &mut StemCache) -> Vec<Found> {
        let hits = match &l.matcher {
            Matcher::Zh(m) => m.find(text),
            Matcher::Latin(m) => {
                let cache = match stems.keys.get_mut(lang) {
                    Some(c) => c,
                    None => stems.keys.entry(lang.to_string()).or_default(),
                };
                m.find_cached(text, cache)
            }
        };
        hits.into_iter()
            .map(|(span, id)| self.local_sense(l, text, span, id))
            .collect()
    }

    /// Links every passage of every source, in parallel; passages in source and passage
    /// order.
    pub fn link_glossary(&self, glossary: &Glossary) -> Links {
        let jobs: Vec<_> = glossary
            .sources
            .values()
            .flat_map(|s| s.passages.iter().map(move |p| (s, p)))
            .collect();
        // Each worker keeps the keys of the words it has stemmed; long runs of passages per
        // worker keep the caches few.
        let passages = jobs
            .par_iter()
            .with_min_len(64)
            .map_init(StemCache::default, |stems, (s, p)| PassageLinks {
                source: s.id.clone(),
                passage: p.id.clone(),
                lang: s.lang.clone(),
                occurrences: self.link_text_cached(&s.lang, &p.text, stems),
            })
            .collect();
        Links { passages }
    }

    /// The sense of one occurrence by its own sentence; `local` only for a shared form.
    fn local_sense(&self, l: &LangLinker, text: &str, span: Range<usize>, id: FormId) -> Found {
        let form = l.forms.get(id);
        let local = match (form.entries.as_slice(), l.within.get(&id)) {
            // A longer term built on a shared form, one a compound cue names: a witness.
            ([_], Some(&shared)) if self.is_witness(l, form, shared) => {
                Some(self.shared_sense(l, text, &span, shared, true))
            }
            // The common case, one concept: nothing to resolve or to collect.
            ([_], _) => None,
            _ => Some(self.shared_sense(l, text, &span, id, false)),
        };
        Found { span, id, local }
    }

    /// The candidates of the shared form `shared`, their evidence around `span` and the sense
    /// it decides; a `witness` (an occurrence of a longer term) only lends its evidence.
    fn shared_sense(
        &self,
        l: &LangLinker,
        text: &str,
        span: &Range<usize>,
        shared: FormId,
        witness: bool,
    ) -> senses::Local {
        let form = l.forms.get(shared);
        let candidates: Vec<&str> = form.concepts().collect();
        let ctx = senses::context(text, span.clone());
        let mut evidence = Vec::new();
        let sense = senses::resolve(&candidates, l.margin(), |c| {
            let e = l.evidence(text, &ctx, form.text(), self.cues_of(c));
            evidence.push((c.to_string(), e));
            e
        });
        let mut candidates: Vec<String> = candidates.iter().map(|c| c.to_string()).collect();
        candidates.sort();
        senses::Local {
            candidates,
            evidence,
            sense,
            witness,
        }
    }

    /// Whether the one-concept `form`, which contains the shared form `shared`, holds a
    /// compound cue of one of its candidates (社会工作人才 in 社会工作人才队伍, 医务社会工作):
    /// a longer term the editors name as evidence of a sense. A name such as 中央社会工作部
    /// holds none: a department's sentences list professional duties too.
    fn is_witness(&self, l: &LangLinker, form: &Form, shared: FormId) -> bool {
        let inner = l.forms.get(shared);
        inner
            .concepts()
            .flat_map(|c| self.cues_of(c))
            .any(|c| c.contains(inner.text()) && form.text().contains(c.as_str()))
    }

    fn cues_of(&self, concept: &str) -> &[String] {
        self.cues.get(concept).map_or(&[], Vec::as_slice)
    }
}

/// One form found in a paragraph, before its document's sense is known.
struct Found {
    span: Range<usize>,
    id: FormId,
    /// For a form several concepts share: its candidates, evidence and sense so far.
    local: Option<senses::Local>,
}

/// Decides the senses its own sentences left open by the whole document (the paragraphs of
/// `found`), then makes the occurrences.
fn finish(l: &LangLinker, found: Vec<Vec<Found>>) -> Vec<Vec<Occurrence>> {
    let mut locals: Vec<senses::Local> = found
        .iter()
        .flatten()
        .filter_map(|f| f.local.clone())
        .collect();
    senses::by_text(&mut locals);
    let mut decided = locals.into_iter();
    found
        .into_iter()
        .map(|para| {
            para.into_iter()
                .map(|f| {
                    let local = f.local.and_then(|_| decided.next());
                    let sense = local.filter(|d| !d.witness).map(|d| d.sense);
                    occurrence(l.forms.get(f.id), f.span, sense)
                })
                .collect()
        })
        .collect()
}

/// The occurrence of `form` at `span`, with the sense decided for it (`None`: the form has
/// one concept).
fn occurrence(form: &Form, span: Range<usize>, sense: Option<Sense>) -> Occurrence {
    let (concepts, ambiguous, entry, resolved_by) = match sense {
        None => {
            let only = form.entries.first();
            (
                only.map(|e| e.concept.clone()).into_iter().collect(),
                false,
                only,
                None,
            )
        }
        Some(Sense::Resolved(c, basis)) => {
            let entry = form.entry(&c);
            (vec![c], false, entry, Some(basis))
        }
        Some(Sense::Ambiguous(cs)) => (cs, true, None, None),
    };
    Occurrence {
        start: span.start,
        end: span.end,
        term: entry.map_or_else(|| form.text().to_string(), |e| e.term.clone()),
        status: entry.map(|e| e.status),
        concepts,
        ambiguous,
        resolved_by,
    }
}

/// Each one-concept form whose key contains the key of a shared form (one of several
/// concepts), with that shared form: 社会工作岗位 → 社会工作. A key holding several shared
/// forms takes the longest (the most specific), the first in key order among equals: a
/// stated rule, not the table's hash order.
fn shared_within(forms: &Forms) -> HashMap<FormId, FormId> {
    let mut shared: Vec<(&str, FormId)> = forms
        .keys()
        .filter(|(_, id)| forms.get(*id).entries.len() > 1)
        .collect();
    shared.sort_unstable_by(|(a, _), (b, _)| b.len().cmp(&a.len()).then(a.cmp(b)));
    forms
        .keys()
        .filter(|(_, id)| forms.get(*id).entries.len() == 1)
        .filter_map(|(key, id)| {
            let (_, s) = shared
                .iter()
                .find(|(s, _)| key.len() > s.len() && key.contains(s))?;
            Some((id, *s))
        })
        .collect()
}

/// What one thread keeps from passage to passage: the keys of the words it has stemmed, by
/// language.
#[derive(Default)]
struct StemCache {
    keys: HashMap<String, KeyCache>,
}

impl LangLinker {
    fn new(
        lang: &str,
        entries: Vec<(String, Entry)>,
        dictionary: &(dyn Fn() -> Dictionary + Sync),
    ) -> Self {
        let mut forms = Forms::default();
        if is_chinese(lang) {
            for (text, entry) in entries {
                forms.add(text, entry);
            }
            let matcher = Matcher::Zh(Box::new(ZhMatcher::new(&forms, dictionary())));
            let within = shared_within(&forms);
            return LangLinker {
                forms,
                matcher,
                within,
            };
        }
        let normalizer = Normalizer::new(lang);
        // Terms share most of their words ("social", "governance"): stem each word once.
        let mut keys: HashMap<String, String, FxBuild> = HashMap::default();
        for (text, entry) in entries {
            let mut key = String::new();
            for word in normalizer.word_strs(&text) {
                if !keys.contains_key(word) {
                    keys.insert(word.to_string(), normalizer.key(word));
                }
                let k = &keys[word];
                if !key.is_empty() {
                    key.push(' ');
                }
                key.push_str(k);
            }
            if !key.is_empty() {
                forms.add(key, entry);
            }
        }
        let matcher = Matcher::Latin(LatinMatcher::new(normalizer, &forms));
        LangLinker {
            forms,
            matcher,
            within: HashMap::new(),
        }
    }

    /// How many more sentence cues a sense needs than the others (see [`senses`]).
    fn margin(&self) -> usize {
        match self.matcher {
            Matcher::Zh(_) => senses::MARGIN_ZH,
            Matcher::Latin(_) => senses::MARGIN_WORDS,
        }
    }

    /// The evidence for one candidate around an occurrence of the form written `form`: a
    /// compound cue (one containing the form) that covers it, and how many distinct cues
    /// occur in the context parts `ctx` of `text` (a compound elsewhere in the sentence, such
    /// as 医务社会工作 beside this occurrence, counts there like any cue).
    fn evidence(
        &self,
        text: &str,
        ctx: &[Range<usize>; 2],
        form: &str,
        cues: &[String],
    ) -> Evidence {
        let cues = cues.iter().filter(|c| !c.is_empty());
        match &self.matcher {
            Matcher::Zh(_) => {
                // Cues are simplified, like the terms: look in the simplified context.
                let [left, right] = ctx.clone().map(|part| simplified(&text[part]).into_owned());
                Evidence {
                    compound: cues
                        .clone()
                        .any(|c| senses::compound_covers(&left, &right, form, c)),
                    cues: cues
                        .filter(|c| left.contains(c.as_str()) || right.contains(c.as_str()))
                        .count(),
                }
            }
            Matcher::Latin(m) => {
                let words: Vec<_> = ctx
                    .iter()
                    .map(|part| m.normalizer().words(&text[part.clone()]))
                    .collect();
                Evidence {
                    compound: false,
                    cues: cues
                        .filter(|c| words.iter().any(|w| m.contains_phrase(w, c)))
                        .count(),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(forms: &mut Forms, key: &str, concepts: &[&str]) -> FormId {
        let mut id = 0;
        for concept in concepts {
            let entry = Entry {
                concept: concept.to_string(),
                term: key.to_string(),
                status: crate::model::Status::Preferred,
            };
            id = forms.add(key.to_string(), entry);
        }
        id
    }

    /// A longer term holding several shared forms is tied to the longest of them, and among
    /// shared forms of one length to the first in key order, however the table is hashed.
    #[test]
    fn a_term_is_tied_to_the_longest_shared_form_it_holds() {
        let mut forms = Forms::default();
        add(&mut forms, "工作", &["a", "b"]);
        let social_work = add(&mut forms, "社会工作", &["c", "d"]);
        let post = add(&mut forms, "社会工作岗位", &["e"]);
        let first = add(&mut forms, "丙丁", &["f", "g"]);
        add(&mut forms, "甲乙", &["h", "i"]);
        let both = add(&mut forms, "甲乙丙丁", &["j"]);
        add(&mut forms, "无关", &["k"]);
        let within = shared_within(&forms);
        assert_eq!(within.get(&post), Some(&social_work));
        assert_eq!(within.get(&both), Some(&first));
        assert_eq!(within.len(), 2);
    }
}
