//! The translator's card: what `shuyu lookup` prints for each concept a query finds.
//!
//! A card answers "how do I render this, and is there a trap?": the Chinese headword with
//! pinyin and traditional form, false friends and homonyms first, then per language the
//! preferred rendering and the others with status and authority, the form the query matched
//! (a deprecated one says so and names the preferred), and one example passage with its source.
//! Queries go through the one index of forms ([`crate::search`]) that the site's search uses.
//! Everything a card needs is computed once per concept ([`CardBody`]) and kept, with the
//! index, in a cache ([`cache`]) so that a later process answers without validating the
//! glossary again.

pub mod cache;

use serde::{Deserialize, Serialize};

use crate::model::{Concept, Glossary, Status, Term};
use crate::search::{Hit, Rank, SearchIndex};

/// How many concepts a query shows at most, unless asked otherwise.
pub const DEFAULT_LIMIT: usize = 5;
/// How alike a typo must be to a form to be offered as a match.
const FUZZY_MATCH: f64 = 0.75;
/// How alike a form must be to be suggested when nothing matches.
const FUZZY_SUGGEST: f64 = 0.5;

/// What a query found: cards, or the nearest forms to suggest.
#[derive(Debug, Serialize)]
pub struct Answer {
    pub query: String,
    pub cards: Vec<Card>,
    /// Forms spelt like the query, when no concept matched.
    pub suggestions: Vec<String>,
}

/// One concept as a translator needs it: the form the query matched, and the concept.
#[derive(Debug, Serialize)]
pub struct Card {
    /// The form that matched, how, and its status.
    pub matched: Matched,
    #[serde(flatten)]
    pub body: CardBody,
}

/// Everything a card shows about a concept, whatever the query.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CardBody {
    pub id: String,
    pub headword: String,
    pub pinyin: Option<String>,
    pub traditional: Option<String>,
    pub false_friends: Vec<FalseFriend>,
    pub languages: Vec<Renderings>,
    pub example: Option<Example>,
    /// The concept's page, relative to the site root (absolute with `site_url`).
    pub permalink: String,
}

/// The form a query matched.
#[derive(Debug, Clone, Serialize)]
pub struct Matched {
    pub text: String,
    pub lang: String,
    pub status: Status,
    pub rank: Rank,
}

/// A homonym or declared false friend.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FalseFriend {
    pub id: String,
    /// `homonym` (same Chinese term) or `contrast`.
    pub kind: String,
    pub headword: String,
    pub english: String,
    pub cues: Vec<String>,
}

/// A concept's terms in one language, preferred first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Renderings {
    pub lang: String,
    pub terms: Vec<TermLine>,
}

/// One rendering.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TermLine {
    pub text: String,
    pub status: Status,
    pub authority: Option<String>,
    pub note: Option<String>,
}

/// A passage that shows the concept in use.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Example {
    pub text: String,
    pub source: String,
    pub passage: String,
    /// "Publisher, year".
    pub label: String,
}

/// The index of forms and every concept's card body, in the index's entry order.
#[derive(Debug, Serialize, Deserialize)]
pub struct LookupData {
    pub index: SearchIndex,
    pub bodies: Vec<CardBody>,
}

impl LookupData {
    /// Indexes the glossary and prepares every card.
    pub fn build(glossary: &Glossary) -> Self {
        let index = SearchIndex::build(glossary);
        let bodies = index
            .entries
            .iter()
            .filter_map(|e| glossary.concepts.get(&e.id))
            .map(|c| body(glossary, c))
            .collect();
        LookupData { index, bodies }
    }
}

/// Looks `query` up: ranked matches, else typos, else suggestions. `body` gives the card
/// body of an index entry; `lang` limits the renderings shown (Chinese is always shown).
pub fn lookup(
    index: &SearchIndex,
    body: impl Fn(usize) -> Option<CardBody>,
    query: &str,
    lang: Option<&str>,
    limit: usize,
) -> Answer {
    let mut hits = index.query(query, limit);
    if hits.is_empty() {
        hits = index
            .fuzzy(query, FUZZY_MATCH, limit)
            .into_iter()
            .map(|(h, _)| h)
            .collect();
    }
    let suggestions = if hits.is_empty() {
        index
            .fuzzy(query, FUZZY_SUGGEST, 3)
            .into_iter()
            .map(|(h, _)| h.form.text.clone())
            .collect()
    } else {
        Vec::new()
    };
    let cards = hits
        .iter()
        .filter_map(|h| {
            let at = index
                .entries
                .iter()
                .position(|e| std::ptr::eq(e, h.entry))?;
            let mut body = body(at)?;
            body.languages
                .retain(|r| lang.is_none_or(|l| l == r.lang || crate::link::is_chinese(&r.lang)));
            Some(Card {
                matched: matched(h),
                body,
            })
        })
        .collect();
    Answer {
        query: query.to_string(),
        cards,
        suggestions,
    }
}

fn matched(hit: &Hit<'_>) -> Matched {
    Matched {
        text: hit.form.text.clone(),
        lang: hit.form.lang.clone(),
        status: hit.form.status,
        rank: hit.rank,
    }
}

/// A concept's card body.
fn body(glossary: &Glossary, c: &Concept) -> CardBody {
    let zh = c.preferred("zh");
    CardBody {
        id: c.id.clone(),
        headword: text_of(zh),
        pinyin: zh.and_then(|t| t.pinyin.clone()),
        traditional: zh.and_then(|t| t.traditional.clone()),
        false_friends: false_friends(glossary, c),
        languages: renderings(glossary, c),
        example: example(glossary, c),
        permalink: format!(
            "{}concepts/{}/",
            glossary.site_url.as_deref().unwrap_or(""),
            c.id
        ),
    }
}

/// Homonyms, then declared false friends that are not homonyms.
fn false_friends(glossary: &Glossary, c: &Concept) -> Vec<FalseFriend> {
    let homonyms: Vec<&String> = c.senses.iter().flat_map(|s| &s.homonyms).collect();
    let contrasts = c
        .relations
        .contrast
        .iter()
        .filter(|id| !homonyms.contains(id));
    homonyms
        .iter()
        .map(|id| ("homonym", *id))
        .chain(contrasts.map(|id| ("contrast", id)))
        .filter_map(|(kind, id)| {
            let other = glossary.concepts.get(id)?;
            Some(FalseFriend {
                id: id.clone(),
                kind: kind.to_string(),
                headword: text_of(other.preferred("zh")),
                english: text_of(other.preferred("en")),
                cues: other
                    .senses
                    .as_ref()
                    .map(|s| s.cues.clone())
                    .unwrap_or_default(),
            })
        })
        .collect()
}

fn text_of(term: Option<&Term>) -> String {
    term.map(|t| t.text.clone()).unwrap_or_default()
}

/// The renderings in the glossary's language order (Chinese terms other than the headword
/// included), preferred first.
fn renderings(glossary: &Glossary, c: &Concept) -> Vec<Renderings> {
    glossary
        .languages
        .iter()
        .filter_map(|l| {
            let mut terms: Vec<&Term> = c.terms.get(l)?.iter().collect();
            terms.sort_by_key(|t| t.status);
            Some(Renderings {
                lang: l.clone(),
                terms: terms
                    .into_iter()
                    .map(|t| TermLine {
                        text: t.text.clone(),
                        status: t.status,
                        authority: t.authority.clone(),
                        note: t.note.clone(),
                    })
                    .collect(),
            })
        })
        .collect()
}

/// A citation's quote if the entry has one, else the passage attesting the preferred English
/// rendering, shortened.
fn example(glossary: &Glossary, c: &Concept) -> Option<Example> {
    let label = |source: &str| {
        glossary
            .sources
            .get(source)
            .map(crate::site::pages::source_label)
            .unwrap_or_default()
    };
    if let Some((cite, quote)) = c
        .citations
        .iter()
        .find_map(|x| Some((x, x.quote.as_ref()?)))
    {
        return Some(Example {
            text: quote.clone(),
            label: label(&cite.passage.source),
            source: cite.passage.source.clone(),
            passage: cite.passage.passage.clone(),
        });
    }
    let r = c.preferred("en")?.attested.first()?;
    let text = glossary
        .passage(r)?
        .text
        .split_whitespace()
        .collect::<Vec<_>>();
    Some(Example {
        text: shorten(&text.join(" "), 240),
        label: label(&r.source),
        source: r.source.clone(),
        passage: r.passage.clone(),
    })
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max).collect();
    s.push('…');
    s
}

/// Whether a card's match was a form to avoid.
pub fn matched_form_to_avoid(card: &Card) -> bool {
    matches!(card.matched.status, Status::Deprecated | Status::Superseded)
}
