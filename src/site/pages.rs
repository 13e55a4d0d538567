//! What each page shows: plain views built from the model and the links, which the templates
//! render. Every link in a view is relative to its page (`root` leads back to the site root),
//! so the site works from `file://` and under any sub-path.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use serde::Serialize;

use super::highlight::{mark, Span};
use super::svg;
use crate::link::latin::FxBuild;
use crate::link::{is_chinese, Linked, Occurrence, PassageLinks};
use crate::markdown;
use crate::model::{Concept, Glossary, PassageRef, Source, Status, Term};
use crate::search::fold;

/// One page of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Home,
    Search,
    NotFound,
    Domains,
    Pinyin,
    English,
    Sources,
    Downloads,
    Concept(String),
    Source(String),
}

impl Page {
    /// The template that renders the page.
    pub fn template(&self) -> &'static str {
        match self {
            Page::Home => "index.html",
            Page::Search => "search.html",
            Page::NotFound => "404.html",
            Page::Domains => "domains.html",
            Page::Pinyin | Page::English => "browse.html",
            Page::Sources => "sources.html",
            Page::Downloads => "downloads.html",
            Page::Concept(_) => "concept.html",
            Page::Source(_) => "source.html",
        }
    }

    /// Where the page is written, relative to the site root.
    pub fn path(&self) -> PathBuf {
        match self {
            Page::Home => "index.html".into(),
            Page::Search => "search.html".into(),
            Page::NotFound => "404.html".into(),
            Page::Domains => "domains/index.html".into(),
            Page::Pinyin => "pinyin/index.html".into(),
            Page::English => "english/index.html".into(),
            Page::Sources => "sources/index.html".into(),
            Page::Downloads => "downloads/index.html".into(),
            Page::Concept(id) => format!("concepts/{id}/index.html").into(),
            Page::Source(id) => format!("sources/{id}/index.html").into(),
        }
    }

    /// The way back to the site root from the page.
    fn root(&self) -> &'static str {
        match self {
            Page::Home | Page::Search | Page::NotFound => "",
            Page::Domains | Page::Pinyin | Page::English | Page::Sources | Page::Downloads => "../",
            Page::Concept(_) | Page::Source(_) => "../../",
        }
    }
}

/// What every page shows: the glossary's name, the way home, the footer.
#[derive(Debug, Serialize)]
pub struct Common<'a> {
    /// The way back to the site root: relative, except on the 404 page, which a server shows at
    /// any address and which therefore links absolutely when `site_url` is set.
    pub root: &'a str,
    pub title: &'a str,
    pub date: &'a str,
    pub site_url: Option<&'a str>,
    /// The page's own path, for the permalink in the footer.
    pub path: String,
}

/// A link to a concept, as lists and boxes show it.
#[derive(Debug, Serialize)]
pub struct ConceptLink {
    pub id: String,
    pub href: String,
    pub headword: String,
    pub pinyin: String,
    pub english: String,
}

/// A link to a passage of a source.
#[derive(Debug, Serialize)]
pub struct PassageLink {
    pub href: String,
    /// "Publisher, year".
    pub label: String,
    pub title: String,
}

/// The glossary with what linking learnt, indexed for rendering pages.
pub struct Site<'a> {
    pub glossary: &'a Glossary,
    pub linked: &'a Linked,
    date: String,
    /// The links of each passage, by (source, passage).
    passages: HashMap<(&'a str, &'a str), &'a PassageLinks, FxBuild>,
    /// Every occurrence that may stand for each concept.
    occurrences: HashMap<&'a str, Vec<(&'a PassageLinks, &'a Occurrence)>, FxBuild>,
    /// The translations of each source (`Glossary::translations_of` scans every source).
    translations: HashMap<&'a str, Vec<&'a Source>, FxBuild>,
    /// Each concept's names as links show them, found once rather than on every link (a
    /// concept is linked from its neighbours' pages, boxes, lists and concordances).
    names: HashMap<&'a str, Names<'a>, FxBuild>,
    /// Each source's label ("Publisher, year", made once) and title: every passage link
    /// shows both.
    labels: HashMap<&'a str, (String, &'a str), FxBuild>,
    /// The export files the downloads page lists.
    downloads: Vec<Download>,
}

/// A concept's preferred Chinese term, its pinyin and its preferred English rendering (empty
/// where it has none).
#[derive(Debug, Default, Clone, Copy)]
struct Names<'a> {
    headword: &'a str,
    pinyin: &'a str,
    english: &'a str,
}

impl<'a> Names<'a> {
    fn of(c: &'a Concept) -> Self {
        let zh = c.preferred("zh");
        Names {
            headword: zh.map_or("", |t| t.text.as_str()),
            pinyin: zh.and_then(|t| t.pinyin.as_deref()).unwrap_or_default(),
            english: c.preferred("en").map_or("", |t| t.text.as_str()),
        }
    }
}

/// An export file on the downloads page.
#[derive(Debug, Clone, Serialize)]
pub struct Download {
    /// Relative to the downloads page.
    pub href: String,
    pub name: String,
    pub format: &'static str,
    pub purpose: String,
    /// "12.3 KB".
    pub size: String,
}

/// The downloads page.
#[derive(Serialize)]
pub struct DownloadsView<'a> {
    pub site: Common<'a>,
    pub files: &'a [Download],
}

impl<'a> Site<'a> {
    /// Indexes the links once, so each page finds its passages without a scan.
    pub fn new(glossary: &'a Glossary, linked: &'a Linked, date: &str) -> Self {
        let mut occurrences: HashMap<&str, Vec<_>, FxBuild> = HashMap::default();
        for p in &linked.links.passages {
            for o in &p.occurrences {
                for c in &o.concepts {
                    occurrences.entry(c.as_str()).or_default().push((p, o));
                }
            }
        }
        let mut translations: HashMap<&str, Vec<&Source>, FxBuild> = HashMap::default();
        for s in glossary.sources.values() {
            if let Some(orig) = &s.translation_of {
                translations.entry(orig.as_str()).or_default().push(s);
            }
        }
        Site {
            glossary,
            linked,
            date: date.to_string(),
            passages: linked.links.by_passage(),
            occurrences,
            translations,
            names: glossary
                .concepts
                .iter()
                .map(|(id, c)| (id.as_str(), Names::of(c)))
                .collect(),
            labels: glossary
                .sources
                .iter()
                .map(|(id, s)| (id.as_str(), (source_label(s), s.title.as_str())))
                .collect(),
            downloads: Vec::new(),
        }
    }

    /// The export files the downloads page lists.
    pub fn set_downloads(&mut self, downloads: Vec<Download>) {
        self.downloads = downloads;
    }

    /// Every page of the site, in a stable order.
    pub fn page_list(&self) -> Vec<Page> {
        let mut pages = vec![
            Page::Home,
            Page::Search,
            Page::NotFound,
            Page::Domains,
            Page::Pinyin,
            Page::English,
            Page::Sources,
            Page::Downloads,
        ];
        pages.extend(self.glossary.concepts.keys().cloned().map(Page::Concept));
        pages.extend(self.glossary.sources.keys().cloned().map(Page::Source));
        pages
    }

    /// The view of one page, for its template.
    pub fn context(&self, page: &Page) -> View<'_> {
        let common = Common {
            root: match (page, self.glossary.site_url.as_deref()) {
                (Page::NotFound, Some(url)) if is_web_url(url) => url,
                _ => page.root(),
            },
            title: &self.glossary.title,
            date: &self.date,
            site_url: self.glossary.site_url.as_deref(),
            path: page.path().to_string_lossy().replace("index.html", ""),
        };
        match page {
            Page::Home => View::Home(self.home(common)),
            Page::Search | Page::NotFound => View::Plain { site: common },
            Page::Domains => View::Domains(self.domains(common)),
            Page::Pinyin => View::Browse(self.browse_pinyin(common)),
            Page::English => View::Browse(self.browse_english(common)),
            Page::Sources => View::Sources(self.sources(common)),
            Page::Downloads => View::Downloads(DownloadsView {
                site: common,
                files: &self.downloads,
            }),
            Page::Concept(id) => {
                View::Concept(Box::new(self.concept(common, &self.glossary.concepts[id])))
            }
            Page::Source(id) => {
                View::Source(Box::new(self.source(common, &self.glossary.sources[id])))
            }
        }
    }

    /// The sources that translate `source`, in id order.
    fn translations_of(&self, source: &str) -> &[&'a Source] {
        self.translations.get(source).map_or(&[], Vec::as_slice)
    }

    /// A concept's preferred Chinese term and English rendering (empty where it has none), as
    /// the pictures label it, without making a link.
    pub fn headword_and_english(&self, id: &str) -> (&'a str, &'a str) {
        let names = self.names.get(id).copied().unwrap_or_default();
        (names.headword, names.english)
    }

    /// A link to a concept from a page `root` away from the site root.
    pub fn concept_link(&self, root: &str, id: &str) -> ConceptLink {
        let names = self.names.get(id).copied().unwrap_or_default();
        ConceptLink {
            id: id.to_string(),
            href: concept_href(root, id),
            headword: names.headword.to_string(),
            pinyin: names.pinyin.to_string(),
            english: names.english.to_string(),
        }
    }

    /// A link to a passage: the source's page, at the passage.
    pub fn passage_link(&self, root: &str, r: &PassageRef) -> PassageLink {
        let (label, title) = match self.labels.get(r.source.as_str()) {
            Some((label, title)) => (label.clone(), title.to_string()),
            None => (r.source.clone(), String::new()),
        };
        PassageLink {
            href: [root, "sources/", &r.source, "/index.html#p-", &r.passage].concat(),
            label,
            title,
        }
    }

    /// Markdown rendered for a page `root` away, with concept ids in code linked.
    fn markdown(&self, root: &str, text: &str) -> String {
        markdown::to_html(text, |id| {
            self.glossary
                .concepts
                .contains_key(id)
                .then(|| concept_href(root, id))
        })
    }
}

/// The address of a concept's page from a page `root` away from the site root.
fn concept_href(root: &str, id: &str) -> String {
    [root, "concepts/", id, "/index.html"].concat()
}

/// "Publisher, year" for a source.
pub fn source_label(s: &Source) -> String {
    let year: String = s.date.chars().take(4).collect();
    if year.is_empty() {
        s.publisher.clone()
    } else {
        format!("{}, {year}", s.publisher)
    }
}

/// The HTML `lang` of text in a glossary language: Chinese is written in simplified
/// characters unless it says otherwise.
pub fn html_lang(lang: &str) -> String {
    match lang {
        "zh" => "zh-Hans".into(),
        other => other.to_string(),
    }
}

/// A language's name in English, for headings.
pub fn lang_name(lang: &str) -> String {
    match lang {
        "zh" => "Chinese",
        "en" => "English",
        "fr" => "French",
        "es" => "Spanish",
        other => other,
    }
    .to_string()
}

/// What a template receives.
#[derive(Serialize)]
#[serde(untagged)]
pub enum View<'a> {
    Plain { site: Common<'a> },
    Home(HomeView<'a>),
    Domains(DomainsView<'a>),
    Browse(BrowseView<'a>),
    Sources(SourcesView<'a>),
    Downloads(DownloadsView<'a>),
    Concept(Box<ConceptView<'a>>),
    Source(Box<SourceView<'a>>),
}

/// The home page.
#[derive(Serialize)]
pub struct HomeView<'a> {
    pub site: Common<'a>,
    pub description: String,
    pub concepts: usize,
    pub sources: usize,
    pub passages: usize,
    pub languages: Vec<String>,
    pub domains: Vec<DomainSummary>,
}

/// A domain with how many concepts it has.
#[derive(Serialize)]
pub struct DomainSummary {
    pub id: String,
    pub name: String,
    pub count: usize,
}

/// Concepts by domain.
#[derive(Serialize)]
pub struct DomainsView<'a> {
    pub site: Common<'a>,
    pub domains: Vec<DomainGroup>,
}

/// One domain and its concepts.
#[derive(Serialize)]
pub struct DomainGroup {
    pub id: String,
    pub name: String,
    pub concepts: Vec<ConceptLink>,
}

/// An A–Z list (by pinyin or by English).
#[derive(Serialize)]
pub struct BrowseView<'a> {
    pub site: Common<'a>,
    pub heading: &'static str,
    /// `pinyin` or `english`: which form leads each line.
    pub by: &'static str,
    pub groups: Vec<LetterGroup>,
}

/// The concepts under one initial letter.
#[derive(Serialize)]
pub struct LetterGroup {
    /// The heading: a capital letter, or `#` for keys that start with anything else.
    pub letter: String,
    /// The group's fragment id: the letter, or `other` (`#` cannot stand in a fragment).
    pub anchor: String,
    pub concepts: Vec<ConceptLink>,
}

/// Every source, by language.
#[derive(Serialize)]
pub struct SourcesView<'a> {
    pub site: Common<'a>,
    pub languages: Vec<SourceGroup>,
}

/// The sources in one language.
#[derive(Serialize)]
pub struct SourceGroup {
    pub lang: String,
    pub name: String,
    pub sources: Vec<SourceSummary>,
}

/// A source in a list.
#[derive(Serialize)]
pub struct SourceSummary {
    pub href: String,
    pub title: String,
    pub label: String,
    pub kind: String,
    pub lang: String,
}

impl Site<'_> {
    fn home<'s>(&'s self, site: Common<'s>) -> HomeView<'s> {
        let g = self.glossary;
        HomeView {
            description: g
                .description
                .as_deref()
                .map(|d| self.markdown("", d))
                .unwrap_or_default(),
            concepts: g.concepts.len(),
            sources: g.sources.len(),
            passages: g.sources.values().map(|s| s.passages.len()).sum(),
            languages: g.languages.iter().map(|l| lang_name(l)).collect(),
            domains: self
                .domain_groups("")
                .into_iter()
                .map(|d| DomainSummary {
                    count: d.concepts.len(),
                    id: d.id,
                    name: d.name,
                })
                .collect(),
            site,
        }
    }

    fn domain_groups(&self, root: &str) -> Vec<DomainGroup> {
        let mut by: BTreeMap<&str, Vec<ConceptLink>> = BTreeMap::new();
        for c in self.glossary.concepts.values() {
            for d in &c.domains {
                by.entry(d)
                    .or_default()
                    .push(self.concept_link(root, &c.id));
            }
        }
        self.glossary
            .domains
            .iter()
            .map(|(id, name)| DomainGroup {
                id: id.clone(),
                name: name.clone(),
                concepts: by.remove(id.as_str()).unwrap_or_default(),
            })
            .collect()
    }

    fn domains<'s>(&'s self, site: Common<'s>) -> DomainsView<'s> {
        DomainsView {
            domains: self.domain_groups(site.root),
            site,
        }
    }

    fn browse_pinyin<'s>(&'s self, site: Common<'s>) -> BrowseView<'s> {
        let groups = self.letter_groups(site.root, |l| fold(&l.pinyin));
        BrowseView {
            site,
            heading: "Concepts by pinyin, A–Z",
            by: "pinyin",
            groups,
        }
    }

    fn browse_english<'s>(&'s self, site: Common<'s>) -> BrowseView<'s> {
        let groups = self.letter_groups(site.root, |l| fold(&l.english));
        BrowseView {
            site,
            heading: "Concepts by English rendering, A–Z",
            by: "english",
            groups,
        }
    }

    /// Every concept sorted by `key` and grouped by its first letter; the rest (digits, as in
    /// "12345 hotline", or any other character) in one group `#` first.
    fn letter_groups(&self, root: &str, key: impl Fn(&ConceptLink) -> String) -> Vec<LetterGroup> {
        let mut links: Vec<(String, ConceptLink)> = self
            .glossary
            .concepts
            .keys()
            .map(|id| {
                let l = self.concept_link(root, id);
                (key(&l), l)
            })
            .collect();
        links.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
        let mut groups: BTreeMap<Option<char>, Vec<ConceptLink>> = BTreeMap::new();
        for (k, link) in links {
            let letter = k
                .chars()
                .next()
                .filter(char::is_ascii_alphabetic)
                .map(|c| c.to_ascii_uppercase());
            groups.entry(letter).or_default().push(link);
        }
        groups
            .into_iter()
            .map(|(letter, concepts)| LetterGroup {
                letter: letter.map_or_else(|| "#".into(), String::from),
                anchor: letter.map_or_else(|| "other".into(), String::from),
                concepts,
            })
            .collect()
    }

    fn sources<'s>(&'s self, site: Common<'s>) -> SourcesView<'s> {
        let mut by: BTreeMap<&str, Vec<SourceSummary>> = BTreeMap::new();
        for s in self.glossary.sources.values() {
            by.entry(&s.lang)
                .or_default()
                .push(self.source_summary(site.root, s));
        }
        let languages = self
            .glossary
            .languages
            .iter()
            .filter_map(|l| {
                Some(SourceGroup {
                    sources: by.remove(l.as_str())?,
                    name: lang_name(l),
                    lang: l.clone(),
                })
            })
            .collect();
        SourcesView { site, languages }
    }

    fn source_summary(&self, root: &str, s: &Source) -> SourceSummary {
        SourceSummary {
            href: format!("{root}sources/{}/index.html", s.id),
            title: s.title.clone(),
            label: source_label(s),
            kind: s.kind.clone(),
            lang: html_lang(&s.lang),
        }
    }
}

/// A concept's page.
#[derive(Serialize)]
pub struct ConceptView<'a> {
    pub site: Common<'a>,
    pub id: String,
    pub headword: Option<TermView>,
    pub domains: Vec<DomainSummary>,
    /// False friends and homonyms, shown before anything else.
    pub warnings: Vec<Warning>,
    pub languages: Vec<LangTerms>,
    pub definition: Vec<LangText>,
    pub notes: Vec<LangText>,
    pub relations: Vec<RelationGroup>,
    pub history: Vec<EventView>,
    pub citations: Vec<CitationView>,
    pub concordance: Vec<ConcordanceLine>,
    pub ambiguous: usize,
    pub wild_chart: Option<String>,
    pub timeline: Option<String>,
    pub relation_map: Option<String>,
}

/// A term as a concept page shows it.
#[derive(Serialize)]
pub struct TermView {
    pub text: String,
    pub lang: String,
    pub status: Status,
    pub term_type: Option<String>,
    pub pinyin: Option<String>,
    pub traditional: Option<String>,
    pub authority: Option<String>,
    pub authority_note: Option<String>,
    pub note: Option<String>,
    /// The attesting passages, one entry per source.
    pub attested: Vec<Attestation>,
}

/// The passages of one source that attest a term: the first linked under the source's label,
/// the others by their passage ids, so that two passages of one source do not read as two
/// sources ("Pekingnology, 2025; Pekingnology, 2025").
#[derive(Serialize)]
pub struct Attestation {
    pub first: PassageLink,
    pub more: Vec<PassageAnchor>,
}

/// A further passage of a source already named.
#[derive(Serialize)]
pub struct PassageAnchor {
    pub href: String,
    pub passage: String,
}

/// A concept's terms in one language.
#[derive(Serialize)]
pub struct LangTerms {
    pub lang: String,
    pub html_lang: String,
    pub name: String,
    /// Preferred first, then admitted, deprecated, superseded.
    pub terms: Vec<TermView>,
    /// How many of `terms` the at-a-glance box shows: the preferred ones, or the first.
    pub glance: usize,
}

/// Markdown rendered, in a language.
#[derive(Serialize)]
pub struct LangText {
    pub lang: String,
    pub name: String,
    pub html: String,
}

/// A false friend or a homonym.
#[derive(Serialize)]
pub struct Warning {
    /// `homonym` (the same Chinese term) or `contrast` (declared false friend).
    pub kind: &'static str,
    pub concept: ConceptLink,
    /// The cues that select this concept's sense, when it has any.
    pub cues: Vec<String>,
}

/// Related concepts of one kind.
#[derive(Serialize)]
pub struct RelationGroup {
    pub kind: &'static str,
    pub label: &'static str,
    pub concepts: Vec<ConceptLink>,
}

/// A dated event.
#[derive(Serialize)]
pub struct EventView {
    pub date: String,
    pub event: String,
    pub source: Option<PassageLink>,
}

/// A citation with its quote.
#[derive(Serialize)]
pub struct CitationView {
    pub passage: PassageLink,
    pub quote: Option<String>,
    pub lang: String,
    pub note: Option<String>,
}

/// One passage where the concept occurs, with its aligned translations.
#[derive(Serialize)]
pub struct ConcordanceLine {
    pub passage: PassageLink,
    pub lang: String,
    pub html: String,
    pub ambiguous: Vec<ConceptLink>,
    pub translations: Vec<AlignedText>,
}

/// A passage of another language aligned with a passage on the page.
#[derive(Serialize)]
pub struct AlignedText {
    pub passage: PassageLink,
    pub lang: String,
    pub name: String,
    pub html: String,
}

impl Site<'_> {
    fn concept<'s>(&'s self, site: Common<'s>, c: &Concept) -> ConceptView<'s> {
        let root = site.root;
        let (concordance, ambiguous) = self.concordance(root, c);
        ConceptView {
            id: c.id.clone(),
            headword: c.preferred("zh").map(|t| self.term_view(root, "zh", t)),
            domains: c
                .domains
                .iter()
                .map(|d| DomainSummary {
                    id: d.clone(),
                    name: self.glossary.domains.get(d).cloned().unwrap_or_default(),
                    count: 0,
                })
                .collect(),
            warnings: self.warnings(root, c),
            languages: self.languages(root, c),
            definition: self.texts(root, &c.definition),
            notes: self.texts(root, &c.notes),
            relations: self.relations(root, c),
            history: c
                .history
                .iter()
                .map(|e| EventView {
                    date: e.date.clone(),
                    event: e.event.clone(),
                    source: e.source.as_ref().map(|r| self.passage_link(root, r)),
                })
                .collect(),
            citations: self.citations(root, c),
            ambiguous,
            concordance,
            wild_chart: self
                .linked
                .wild
                .get(&c.id)
                .and_then(|w| svg::wild_chart(w, &self.glossary.languages)),
            timeline: svg::timeline(&self.usage_by_year(c)),
            relation_map: svg::relation_map(self, c),
            site,
        }
    }

    fn term_view(&self, root: &str, lang: &str, t: &Term) -> TermView {
        TermView {
            text: t.text.clone(),
            lang: html_lang(lang),
            status: t.status,
            term_type: t.term_type.map(|k| format!("{k:?}").to_lowercase()),
            pinyin: t.pinyin.clone(),
            traditional: t.traditional.clone(),
            authority_note: t
                .authority
                .as_ref()
                .and_then(|a| self.glossary.authorities.get(a).cloned()),
            authority: t.authority.clone(),
            note: t.note.clone(),
            attested: self.attestations(root, &t.attested),
        }
    }

    /// `refs` grouped by source, in the order each source is first cited.
    fn attestations(&self, root: &str, refs: &[PassageRef]) -> Vec<Attestation> {
        let mut out: Vec<(&str, Attestation)> = Vec::new();
        for r in refs {
            match out.iter_mut().find(|(source, _)| *source == r.source) {
                Some((_, a)) => a.more.push(PassageAnchor {
                    href: self.passage_link(root, r).href,
                    passage: r.passage.clone(),
                }),
                None => out.push((
                    &r.source,
                    Attestation {
                        first: self.passage_link(root, r),
                        more: Vec::new(),
                    },
                )),
            }
        }
        out.into_iter().map(|(_, a)| a).collect()
    }

    /// Terms by language, in the glossary's language order, preferred first.
    fn languages(&self, root: &str, c: &Concept) -> Vec<LangTerms> {
        self.glossary
            .languages
            .iter()
            .filter_map(|lang| {
                let mut terms: Vec<&Term> = c.terms.get(lang)?.iter().collect();
                terms.sort_by_key(|t| t.status);
                let preferred = terms
                    .iter()
                    .take_while(|t| t.status == Status::Preferred)
                    .count();
                Some(LangTerms {
                    glance: preferred.max(1),
                    html_lang: html_lang(lang),
                    name: lang_name(lang),
                    terms: terms
                        .iter()
                        .map(|t| self.term_view(root, lang, t))
                        .collect(),
                    lang: lang.clone(),
                })
            })
            .collect()
    }

    fn texts(&self, root: &str, by_lang: &BTreeMap<String, String>) -> Vec<LangText> {
        by_lang
            .iter()
            .map(|(lang, text)| LangText {
                lang: html_lang(lang),
                name: lang_name(lang),
                html: self.markdown(root, text),
            })
            .collect()
    }

    /// Homonyms first (the same Chinese term, another concept), then declared false friends.
    fn warnings(&self, root: &str, c: &Concept) -> Vec<Warning> {
        let homonyms: Vec<&String> = c.senses.iter().flat_map(|s| &s.homonyms).collect();
        let cues = |id: &str| {
            self.glossary
                .concepts
                .get(id)
                .and_then(|o| o.senses.as_ref())
                .map(|s| s.cues.clone())
                .unwrap_or_default()
        };
        let mut out: Vec<Warning> = homonyms
            .iter()
            .map(|id| Warning {
                kind: "homonym",
                concept: self.concept_link(root, id),
                cues: cues(id),
            })
            .collect();
        out.extend(
            c.relations
                .contrast
                .iter()
                .filter(|id| !homonyms.contains(id))
                .map(|id| Warning {
                    kind: "contrast",
                    concept: self.concept_link(root, id),
                    cues: Vec::new(),
                }),
        );
        out
    }

    fn relations(&self, root: &str, c: &Concept) -> Vec<RelationGroup> {
        let r = &c.relations;
        [
            ("components", "Components, in order", &r.components),
            ("broader", "Broader", &r.broader),
            ("narrower", "Narrower", &r.narrower),
            ("related", "Related", &r.related),
            ("contrast", "Not to be confused with", &r.contrast),
        ]
        .into_iter()
        .filter(|(_, _, ids)| !ids.is_empty())
        .map(|(kind, label, ids)| RelationGroup {
            kind,
            label,
            concepts: ids.iter().map(|id| self.concept_link(root, id)).collect(),
        })
        .collect()
    }

    fn citations(&self, root: &str, c: &Concept) -> Vec<CitationView> {
        c.citations
            .iter()
            .map(|cite| CitationView {
                passage: self.passage_link(root, &cite.passage),
                quote: cite.quote.clone(),
                lang: self
                    .glossary
                    .sources
                    .get(&cite.passage.source)
                    .map_or_else(String::new, |s| html_lang(&s.lang)),
                note: cite.note.clone(),
            })
            .collect()
    }
}

impl Site<'_> {
    /// Every passage where the concept (or, ambiguously, it or a homonym) occurs, originals
    /// with their translations beside them; a translation whose original is already listed is
    /// not listed again. Also the number of ambiguous occurrences.
    fn concordance(&self, root: &str, c: &Concept) -> (Vec<ConcordanceLine>, usize) {
        let Some(occurrences) = self.occurrences.get(c.id.as_str()) else {
            return (Vec::new(), 0);
        };
        let mut by_passage: BTreeMap<(&str, &str), Vec<&Occurrence>> = BTreeMap::new();
        for (p, o) in occurrences {
            by_passage
                .entry((p.source.as_str(), p.passage.as_str()))
                .or_default()
                .push(o);
        }
        let ambiguous = occurrences.iter().filter(|(_, o)| o.ambiguous).count();
        let lines = by_passage
            .iter()
            .filter(|((source, passage), _)| !self.original_listed(source, passage, &by_passage))
            .filter_map(|(&(source, passage), occ)| {
                self.concordance_line(root, c, source, passage, occ)
            })
            .collect();
        (lines, ambiguous)
    }

    /// Whether the passage is a translation whose original passage is in `listed`.
    fn original_listed(
        &self,
        source: &str,
        passage: &str,
        listed: &BTreeMap<(&str, &str), Vec<&Occurrence>>,
    ) -> bool {
        self.glossary
            .sources
            .get(source)
            .and_then(|s| s.translation_of.as_deref())
            .is_some_and(|orig| listed.contains_key(&(orig, passage)))
    }

    fn concordance_line(
        &self,
        root: &str,
        c: &Concept,
        source: &str,
        passage: &str,
        occurrences: &[&Occurrence],
    ) -> Option<ConcordanceLine> {
        let s = self.glossary.sources.get(source)?;
        let text = &s.passage(passage)?.text;
        let r = PassageRef {
            source: source.to_string(),
            passage: passage.to_string(),
        };
        let mut ambiguous: Vec<ConceptLink> = Vec::new();
        for o in occurrences.iter().filter(|o| o.ambiguous) {
            for id in o.concepts.iter().filter(|id| **id != c.id) {
                if !ambiguous.iter().any(|l| &l.id == id) {
                    ambiguous.push(self.concept_link(root, id));
                }
            }
        }
        Some(ConcordanceLine {
            passage: self.passage_link(root, &r),
            lang: html_lang(&s.lang),
            html: mark(text, &focus_spans(occurrences.iter().copied())),
            ambiguous,
            translations: self.aligned(root, s, passage, Some(&c.id)),
        })
    }

    /// The passages aligned with `source#passage` (its translations, or its original and the
    /// original's other translations), with `concept`'s renderings marked, or every linked
    /// term linked when no concept is given.
    pub fn aligned(
        &self,
        root: &str,
        source: &Source,
        passage: &str,
        concept: Option<&str>,
    ) -> Vec<AlignedText> {
        let original = source.translation_of.as_deref().unwrap_or(&source.id);
        let mut others: Vec<&Source> = self.translations_of(original).to_vec();
        if let Some(orig) = source
            .translation_of
            .as_ref()
            .and_then(|o| self.glossary.sources.get(o))
        {
            others.insert(0, orig);
        }
        others
            .into_iter()
            .filter(|o| o.id != source.id)
            .filter_map(|o| {
                let text = &o.passage(passage)?.text;
                let occ = self.passages.get(&(o.id.as_str(), passage));
                let occ = occ.map_or(&[][..], |p| p.occurrences.as_slice());
                let html = match concept {
                    Some(c) => mark(text, &focus_spans(occ.iter().filter(|o| o.may_be(c)))),
                    None => mark(text, &self.term_spans(root, occ)),
                };
                Some(AlignedText {
                    passage: self.passage_link(
                        root,
                        &PassageRef {
                            source: o.id.clone(),
                            passage: passage.to_string(),
                        },
                    ),
                    lang: html_lang(&o.lang),
                    name: lang_name(&o.lang),
                    html,
                })
            })
            .collect()
    }

    /// Every linked term as a link to its concept (ambiguous ones marked, not linked).
    fn term_spans(&self, root: &str, occurrences: &[Occurrence]) -> Vec<Span> {
        occurrences
            .iter()
            .map(|o| match o.concept() {
                Some(id) => Span {
                    range: o.start..o.end,
                    open: format!(
                        "<a class=\"term\" href=\"{}\" title=\"{}\">",
                        concept_href(root, id),
                        markdown::escape(self.names.get(id).map_or("", |n| n.english))
                    ),
                    close: "</a>",
                },
                None => Span {
                    range: o.start..o.end,
                    open: format!(
                        "<mark class=\"ambiguous\" title=\"ambiguous: {}\">",
                        markdown::escape(&o.concepts.join(" or "))
                    ),
                    close: "</mark>",
                },
            })
            .collect()
    }

    /// (language, rendering) → year → passages, from the dated sources that use the concept.
    fn usage_by_year(&self, c: &Concept) -> BTreeMap<(String, String), BTreeMap<u16, usize>> {
        let mut out: BTreeMap<(String, String), BTreeMap<u16, usize>> = BTreeMap::new();
        let Some(occurrences) = self.occurrences.get(c.id.as_str()) else {
            return out;
        };
        let mut seen = std::collections::BTreeSet::new();
        for (p, o) in occurrences {
            if is_chinese(&p.lang) || o.concept() != Some(c.id.as_str()) {
                continue;
            }
            let year = self
                .glossary
                .sources
                .get(&p.source)
                .and_then(|s| s.date.get(..4)?.parse().ok());
            if let Some(year) = year {
                if seen.insert((&p.source, &p.passage, &o.term)) {
                    *out.entry((p.lang.clone(), o.term.clone()))
                        .or_default()
                        .entry(year)
                        .or_default() += 1;
                }
            }
        }
        out
    }
}

/// `<mark>` around each occurrence.
fn focus_spans<'o>(occurrences: impl Iterator<Item = &'o Occurrence>) -> Vec<Span> {
    occurrences
        .map(|o| Span {
            range: o.start..o.end,
            open: if o.ambiguous {
                "<mark class=\"ambiguous\">".into()
            } else {
                "<mark>".into()
            },
            close: "</mark>",
        })
        .collect()
}

/// A source's page.
#[derive(Serialize)]
pub struct SourceView<'a> {
    pub site: Common<'a>,
    pub id: String,
    pub title: String,
    pub author: Option<String>,
    pub publisher: String,
    pub date: String,
    pub lang: String,
    pub lang_name: String,
    pub kind: String,
    pub url: Option<String>,
    pub note: Option<String>,
    pub original: Option<SourceSummary>,
    pub translations: Vec<SourceSummary>,
    pub passages: Vec<PassageView>,
}

/// A passage with its terms linked, and what is aligned with it.
#[derive(Serialize)]
pub struct PassageView {
    pub id: String,
    pub locator: Option<String>,
    pub html: String,
    pub aligned: Vec<AlignedText>,
}

impl Site<'_> {
    fn source<'s>(&'s self, site: Common<'s>, s: &Source) -> SourceView<'s> {
        let root = site.root;
        let passages = s
            .passages
            .iter()
            .map(|p| {
                let occ = self.passages.get(&(s.id.as_str(), p.id.as_str()));
                let occ = occ.map_or(&[][..], |l| l.occurrences.as_slice());
                PassageView {
                    id: p.id.clone(),
                    locator: p.locator.clone(),
                    html: mark(&p.text, &self.term_spans(root, occ)),
                    aligned: self.aligned(root, s, &p.id, None),
                }
            })
            .collect();
        SourceView {
            id: s.id.clone(),
            title: s.title.clone(),
            author: s.author.clone(),
            publisher: s.publisher.clone(),
            date: s.date.clone(),
            lang: html_lang(&s.lang),
            lang_name: lang_name(&s.lang),
            kind: s.kind.clone(),
            url: s.url.clone().filter(|u| is_web_url(u)),
            note: s.note.clone(),
            original: s
                .translation_of
                .as_ref()
                .and_then(|o| self.glossary.sources.get(o))
                .map(|o| self.source_summary(root, o)),
            translations: self
                .translations_of(&s.id)
                .iter()
                .map(|t| self.source_summary(root, t))
                .collect(),
            passages,
            site,
        }
    }
}

/// Only http and https addresses become links.
fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::{fixture, Linked, Links};

    #[test]
    fn passages_of_one_source_make_one_attestation() {
        let pk = fixture::source("pk", "en", None, &[("p1", "a"), ("p2", "b"), ("p3", "c")]);
        let merics = fixture::source("merics", "en", None, &[("s1", "d")]);
        let glossary = fixture::glossary(Vec::new(), vec![pk, merics]);
        let linked = Linked {
            links: Links::default(),
            alignments: Vec::new(),
            wild: Default::default(),
        };
        let site = Site::new(&glossary, &linked, "2026-01-01");
        let t = fixture::term("x", Status::Preferred, &["pk#p1", "merics#s1", "pk#p3"]);
        let got = site.attestations("../", &t.attested);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].first.href, "../sources/pk/index.html#p-p1");
        let more: Vec<&str> = got[0].more.iter().map(|p| p.passage.as_str()).collect();
        assert_eq!(more, ["p3"]);
        assert_eq!(got[0].more[0].href, "../sources/pk/index.html#p-p3");
        assert_eq!(got[1].first.href, "../sources/merics/index.html#p-s1");
        assert!(got[1].more.is_empty());
    }
}
