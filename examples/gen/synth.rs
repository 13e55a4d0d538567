//! A synthetic glossary: glossary.yaml, concepts/ and sources/ that `shuyu validate` accepts.
//!
//! Shared by `examples/gen.rs` (the command) and `benches/validate.rs` (which includes this
//! file with `#[path]`), so the benchmark measures exactly what the generator writes.
//!
//! Everything is a pure function of the seed and the concept's index: a concept's terms come
//! from a table of (scope, topic, head) triples picked in a seeded order, skipping any triple
//! whose Chinese, English, French or Spanish form or id was already taken; every other choice
//! (statuses, templates, relations) comes from a small xorshift generator seeded by the index.
//! So the writer of a source and the writer of a concept agree on what a passage says without
//! sharing state, and files are streamed out one at a time (in parallel).
//!
//! Documents: concepts `40d .. 40d+40` belong to document `d`, which has a Chinese original and
//! an English, French and Spanish version each: either a translation (`translation_of`, same
//! passage ids `p1..p10`, four concepts a passage, preferred renderings) or an independent
//! article (passages `s1..s8`, five concepts a passage, admitted renderings where there are
//! any). Every rendering's `attested` reference points at a passage that contains it, and
//! every citation quotes a sentence that the cited passage contains.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};
use pinyin::ToPinyin;
use rayon::prelude::*;

#[path = "words.rs"]
mod words;

use words::{HEADS, SCOPES, TOPICS, W};

/// Concepts a document covers.
const PER_DOC: usize = 40;
/// Concepts a passage of a Chinese original (and its translations) mentions.
const PER_PASSAGE: usize = 4;
/// Concepts a passage of an independent article mentions.
const PER_ARTICLE_PASSAGE: usize = 5;
/// Every `HOMONYM_EVERY`th concept shares its Chinese term with the one before it.
const HOMONYM_EVERY: usize = 250;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub concepts: usize,
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub concepts: usize,
    pub sources: usize,
    pub passages: usize,
    pub files: usize,
    pub bytes: u64,
}

/// The largest glossary the word lists can make unique terms for (before collisions).
pub fn capacity() -> usize {
    SCOPES.len() * TOPICS.len() * HEADS.len()
}

/// Writes a complete glossary folder at `out`, which must not exist or be empty, unless
/// `force`, which first removes the glossary.yaml, concepts/ and sources/ found there.
pub fn generate(out: &Path, opts: &Options, force: bool) -> Result<Stats> {
    prepare(out, force)?;
    let plan = Plan::new(opts)?;
    let concepts_dir = out.join("concepts");
    let sources_dir = out.join("sources");
    for dir in [&concepts_dir, &sources_dir] {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let mut stats = Stats {
        bytes: write_file(&out.join("glossary.yaml"), &glossary_yaml(opts))?,
        files: 1,
        ..Stats::default()
    };
    let concept_bytes = (0..plan.n)
        .into_par_iter()
        .map(|i| {
            let c = plan.concept(i);
            let text = plan.concept_yaml(&c);
            write_file(&concepts_dir.join(format!("{}.yaml", c.id)), &text)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    let source_stats = (0..plan.docs())
        .into_par_iter()
        .map(|d| {
            let doc = plan.doc(d);
            let mut s = Stats::default();
            for lang in LANGS {
                let (id, text, passages) = plan.source_yaml(&doc, lang);
                s.bytes += write_file(&sources_dir.join(format!("{id}.yaml")), &text)?;
                s.sources += 1;
                s.passages += passages;
            }
            Ok::<Stats, anyhow::Error>(s)
        })
        .try_reduce(Stats::default, |a, b| {
            Ok(Stats {
                sources: a.sources + b.sources,
                passages: a.passages + b.passages,
                bytes: a.bytes + b.bytes,
                ..a
            })
        })?;
    stats.concepts = plan.n;
    stats.sources = source_stats.sources;
    stats.passages = source_stats.passages;
    stats.files += plan.n + source_stats.sources;
    stats.bytes += concept_bytes + source_stats.bytes;
    Ok(stats)
}

fn prepare(out: &Path, force: bool) -> Result<()> {
    if out.exists() {
        let mut entries = fs::read_dir(out)
            .with_context(|| format!("cannot read {}", out.display()))?
            .peekable();
        if entries.peek().is_some() {
            if !force {
                bail!(
                    "{} exists and is not empty; pass --force to replace the glossary in it",
                    out.display()
                );
            }
            for dir in ["concepts", "sources"] {
                let path = out.join(dir);
                if path.exists() {
                    fs::remove_dir_all(&path)
                        .with_context(|| format!("cannot remove {}", path.display()))?;
                }
            }
        }
    }
    fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))
}

fn write_file(path: &Path, text: &str) -> Result<u64> {
    let file =
        fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut w = BufWriter::new(file);
    w.write_all(text.as_bytes())
        .and_then(|()| w.flush())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(text.len() as u64)
}

// ---------------------------------------------------------------------------------------------
// Randomness: splitmix64 to seed, xorshift64* to draw.

/// A small deterministic PRNG (xorshift64*).
pub struct Rng(u64);

impl Rng {
    /// A generator for one purpose (`salt`) of one item (`index`) under `seed`.
    pub fn new(seed: u64, index: u64, salt: u64) -> Rng {
        let mut z = seed
            .wrapping_add(index.wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .wrapping_add(salt.wrapping_mul(0xD1B5_4A32_D192_ED03))
            .wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(z.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SALT_CONCEPT: u64 = 1;
const SALT_DOC: u64 = 2;
const SALT_ORDER: u64 = 3;

// ---------------------------------------------------------------------------------------------
// The plan: which (scope, topic, head) triple each concept gets.

/// One of the three slots of a term.
#[derive(Clone, Copy)]
struct Triple {
    p: usize,
    t: usize,
    h: usize,
}

impl Triple {
    fn words(self) -> [&'static W; 3] {
        [&SCOPES[self.p], &TOPICS[self.t], &HEADS[self.h]]
    }
    fn zh(self) -> String {
        let [p, t, h] = self.words();
        format!("{}{}{}", p.zh, t.zh, h.zh)
    }
    /// Whether the slots repeat nothing (志愿 + 志愿服务, "social social-security" would).
    fn reads_well(self) -> bool {
        let [p, t, h] = self.words();
        let zh = [p.zh, t.zh, h.zh];
        let tokens = |w: &W| -> Vec<String> {
            w.en[0]
                .split([' ', '-'])
                .filter(|x| x.len() > 3)
                .map(str::to_lowercase)
                .collect()
        };
        let en = [tokens(p), tokens(t), tokens(h)];
        for a in 0..3 {
            for b in 0..3 {
                if a != b && (zh[a].contains(zh[b]) || en[a].iter().any(|x| en[b].contains(x))) {
                    return false;
                }
            }
        }
        true
    }

    /// A rendering; bit `k` of `variant` takes slot k's variant gloss instead of its preferred one.
    fn render(self, lang: Lang, variant: u8) -> String {
        let [p, t, h] = self.words();
        let g = |w: &W, k: u8| {
            let pair = match lang {
                Lang::En => &w.en,
                Lang::Fr => &w.fr,
                Lang::Es => &w.es,
                Lang::Zh => unreachable!("Chinese terms are not glossed"),
            };
            pair[usize::from(variant >> k & 1)]
        };
        match lang {
            Lang::En => format!("{} {} {}", g(p, 0), g(t, 1), g(h, 2)),
            _ => format!("{} {} {}", g(h, 2), g(t, 1), g(p, 0)),
        }
    }
}

struct Plan {
    seed: u64,
    n: usize,
    triples: Vec<Triple>,
}

impl Plan {
    fn new(opts: &Options) -> Result<Plan> {
        let cap = capacity();
        if opts.concepts == 0 {
            bail!("--concepts must be at least 1");
        }
        if opts.concepts > cap {
            bail!("at most about {cap} concepts can be generated with the built-in word lists");
        }
        // Visit every triple once in a seeded order: k ↦ (a·k + b) mod cap, a coprime to cap.
        let mut rng = Rng::new(opts.seed, 0, SALT_ORDER);
        let mut a = cap / 2 + rng.below(cap / 3) + 1;
        while gcd(a, cap) != 1 {
            a += 1;
        }
        let b = rng.below(cap);
        let mut seen: HashSet<u64> = HashSet::with_capacity(opts.concepts * 5);
        let mut triples = Vec::with_capacity(opts.concepts);
        for k in 0..cap {
            if triples.len() == opts.concepts {
                break;
            }
            let x = (a * k + b) % cap;
            let tr = Triple {
                p: x / (TOPICS.len() * HEADS.len()),
                t: x / HEADS.len() % TOPICS.len(),
                h: x % HEADS.len(),
            };
            if !tr.reads_well() {
                continue;
            }
            let en = tr.render(Lang::En, 0);
            let keys = [
                key(0, &tr.zh()),
                key(1, &en.to_lowercase()),
                key(2, &tr.render(Lang::Fr, 0).to_lowercase()),
                key(3, &tr.render(Lang::Es, 0).to_lowercase()),
                key(4, &slug(&en)),
            ];
            if keys.iter().any(|k| seen.contains(k)) {
                continue;
            }
            seen.extend(keys);
            triples.push(tr);
        }
        if triples.len() < opts.concepts {
            bail!(
                "the word lists give only {} distinct terms; ask for fewer concepts",
                triples.len()
            );
        }
        Ok(Plan {
            seed: opts.seed,
            n: opts.concepts,
            triples,
        })
    }

    fn docs(&self) -> usize {
        self.n.div_ceil(PER_DOC)
    }

    fn id(&self, i: usize) -> String {
        slug(&self.triples[i].render(Lang::En, 0))
    }

    /// The concept whose Chinese term concept `i` shares, if any.
    fn homonym_of(&self, i: usize) -> Option<usize> {
        (i % HOMONYM_EVERY == HOMONYM_EVERY / 2 && i > 0).then(|| i - 1)
    }

    /// The concept that shares concept `i`'s Chinese term, if any.
    fn homonym_next(&self, i: usize) -> Option<usize> {
        (i + 1 < self.n && self.homonym_of(i + 1) == Some(i)).then_some(i + 1)
    }
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

fn key(kind: u8, s: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    kind.hash(&mut h);
    s.hash(&mut h);
    h.finish()
}

/// A lowercase ASCII slug: "primary-level Party-building work" → "primary-level-party-building-work".
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c == ' ' || c == '-') && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Concepts.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Zh,
    En,
    Fr,
    Es,
}

const LANGS: [Lang; 4] = [Lang::Zh, Lang::En, Lang::Fr, Lang::Es];

impl Lang {
    fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Es => "es",
        }
    }
}

struct Term {
    text: String,
    status: &'static str,
    kind: Option<&'static str>,
    authority: Option<&'static str>,
    note: Option<String>,
}

struct Concept {
    i: usize,
    id: String,
    tr: Triple,
    /// The triple the Chinese term is built from (another concept's, for a homonym).
    zh_tr: Triple,
    zh: String,
    pinyin: String,
    abbr: Option<String>,
    superseded: Option<String>,
    /// en, fr, es terms: preferred first.
    renderings: [Vec<Term>; 3],
    /// Template of the sentence in the original and its translations.
    tmpl: usize,
    /// Template of the sentence in independent articles.
    itmpl: usize,
    count: usize,
    rng_seed: u64,
}

impl Concept {
    fn terms(&self, lang: Lang) -> &[Term] {
        match lang {
            Lang::En => &self.renderings[0],
            Lang::Fr => &self.renderings[1],
            Lang::Es => &self.renderings[2],
            Lang::Zh => &[],
        }
    }
    /// The rendering an independent article uses: the admitted one if there is one.
    fn article_term(&self, lang: Lang) -> usize {
        let ts = self.terms(lang);
        ts.iter().position(|t| t.status == "admitted").unwrap_or(0)
    }
}

/// The pinyin of a morpheme as words of syllables (tone marks, default readings unless
/// [`words::PINYIN`] says otherwise).
fn syllables(word: &str) -> Vec<Vec<String>> {
    if let Some((_, py)) = words::PINYIN.iter().find(|(zh, _)| *zh == word) {
        return py
            .split('|')
            .map(|w| w.split_whitespace().map(str::to_string).collect())
            .collect();
    }
    let all: Vec<String> = word
        .to_pinyin()
        .flatten()
        .map(|p| p.with_tone().to_string())
        .collect();
    if all.len() == 4 {
        vec![all[..2].to_vec(), all[2..].to_vec()]
    } else {
        vec![all]
    }
}

/// Pinyin with tone marks: words separated by spaces, an apostrophe before a syllable that
/// starts with a, e or o inside a word (shè'ān).
fn pinyin_of(words: &[&str]) -> String {
    let mut out = String::new();
    for group in words.iter().flat_map(|w| syllables(w)) {
        if !out.is_empty() {
            out.push(' ');
        }
        for (j, syl) in group.iter().enumerate() {
            let vowel = syl.starts_with([
                'a', 'e', 'o', 'ā', 'á', 'ǎ', 'à', 'ē', 'é', 'ě', 'è', 'ō', 'ó', 'ǒ', 'ò',
            ]);
            if j > 0 && vowel {
                out.push('\'');
            }
            out.push_str(syl);
        }
    }
    out
}

/// The first syllable of a morpheme, for an abbreviation made of first characters.
fn first_syllable(word: &str) -> String {
    syllables(word)
        .into_iter()
        .flatten()
        .next()
        .unwrap_or_default()
}

impl Plan {
    fn concept(&self, i: usize) -> Concept {
        let tr = self.triples[i];
        let mut rng = Rng::new(self.seed, i as u64, SALT_CONCEPT);
        let [p, t, h] = tr.words();
        let zh_tr = self.homonym_of(i).map_or(tr, |j| self.triples[j]);
        let (zh, pinyin, abbr, superseded) = match self.homonym_of(i) {
            Some(_) => {
                let [op, ot, oh] = zh_tr.words();
                (zh_tr.zh(), pinyin_of(&[op.zh, ot.zh, oh.zh]), None, None)
            }
            None => {
                let abbr =
                    (rng.chance(20) && p.zh.chars().count() == 2 && t.zh.chars().count() == 2)
                        .then(|| format!("{}{}{}", first(p.zh), first(t.zh), h.zh));
                let superseded = (h.zh == words::GOVERNANCE)
                    .then(|| format!("{}{}{}", p.zh, t.zh, words::GOVERNANCE_OLD));
                (tr.zh(), pinyin_of(&[p.zh, t.zh, h.zh]), abbr, superseded)
            }
        };
        let renderings = [
            renderings(tr, Lang::En, &mut rng, 55, 25),
            renderings(tr, Lang::Fr, &mut rng, 35, 10),
            renderings(tr, Lang::Es, &mut rng, 35, 10),
        ];
        Concept {
            i,
            id: self.id(i),
            tr,
            zh_tr,
            zh,
            pinyin,
            abbr,
            superseded,
            renderings,
            tmpl: if self.homonym_of(i).is_some() {
                PROFESSIONAL_SENSE
            } else if self.homonym_next(i).is_some() {
                PARTY_SENSE
            } else {
                rng.below(PROFESSIONAL_SENSE)
            },
            itmpl: rng.below(EN_ARTICLE.len()),
            count: 12 + rng.below(380),
            rng_seed: rng.next_u64(),
        }
    }
}

fn first(s: &str) -> char {
    s.chars().next().unwrap_or('?')
}

/// The renderings of a concept in one language: preferred; sometimes admitted (one slot
/// varied); sometimes deprecated (the two other slots varied, a calque).
fn renderings(tr: Triple, lang: Lang, rng: &mut Rng, admitted: u32, deprecated: u32) -> Vec<Term> {
    let slot = rng.below(3) as u8;
    let with_admitted = rng.chance(admitted);
    let with_deprecated = rng.chance(deprecated);
    let preferred = tr.render(lang, 0);
    let mut out = vec![Term {
        text: preferred.clone(),
        status: "preferred",
        kind: Some("full-form"),
        authority: Some("official"),
        note: None,
    }];
    let mut seen = vec![preferred.to_lowercase()];
    if with_admitted {
        let text = tr.render(lang, 1 << slot);
        if !seen.contains(&text.to_lowercase()) {
            seen.push(text.to_lowercase());
            out.push(Term {
                text,
                status: "admitted",
                kind: None,
                authority: Some(if rng.chance(50) { "scholarly" } else { "media" }),
                note: None,
            });
        }
    }
    if with_deprecated {
        let text = tr.render(lang, 7 & !(1 << slot));
        if !seen.contains(&text.to_lowercase()) {
            let [p, t, h] = tr.words();
            let note = match lang {
                Lang::En => format!(
                    "A word-for-word calque of {}{}{} seen in early wire copy; official and scholarly usage is \"{preferred}\".",
                    p.zh, t.zh, h.zh
                ),
                Lang::Fr => format!(
                    "Calque mot à mot de {}{}{} relevé dans des dépêches ; l'usage officiel est « {preferred} ».",
                    p.zh, t.zh, h.zh
                ),
                _ => format!(
                    "Calco literal de {}{}{} visto en teletipos; el uso oficial es «{preferred}».",
                    p.zh, t.zh, h.zh
                ),
            };
            out.push(Term {
                text,
                status: "deprecated",
                kind: None,
                authority: Some(if rng.chance(60) { "calque" } else { "media" }),
                note: Some(note),
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Documents and sentences.

struct SourceMeta {
    id: String,
    slug: &'static str,
    publisher: &'static str,
    kind: &'static str,
    /// A translation of the Chinese original (else an independent article).
    translation: bool,
    year: u32,
    date: String,
}

struct Doc {
    d: usize,
    /// zh, en, fr, es.
    sources: [SourceMeta; 4],
}

impl Doc {
    fn source(&self, lang: Lang) -> &SourceMeta {
        &self.sources[lang as usize]
    }
}

impl Plan {
    fn doc(&self, d: usize) -> Doc {
        let mut rng = Rng::new(self.seed, d as u64, SALT_DOC);
        let year = 2005 + rng.below(21) as u32;
        let (month, day) = (1 + rng.below(12), 1 + rng.below(28));
        let date = format!("{year}-{month:02}-{day:02}");
        let zh_pub = rng.pick(words::ZH_PUBLISHERS);
        let zh = SourceMeta {
            id: format!("{}-{year}-{d:05}-zh", zh_pub.0),
            slug: zh_pub.0,
            publisher: zh_pub.1,
            kind: zh_pub.2,
            translation: true,
            year,
            date: date.clone(),
        };
        let mut other =
            |lang: Lang, list: &'static [(&'static str, &'static str, &'static str)]| {
                let translation = rng.chance(70);
                let (slug, publisher, kind) = if translation {
                    list[rng.below(2)]
                } else {
                    list[2 + rng.below(list.len() - 2)]
                };
                let (year, date) = if translation {
                    (year, date.clone())
                } else {
                    let y = (year + rng.below(3) as u32).min(2025);
                    (
                        y,
                        format!("{y}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
                    )
                };
                SourceMeta {
                    id: format!("{slug}-{year}-{d:05}-{}", lang.code()),
                    slug,
                    publisher,
                    kind,
                    translation,
                    year,
                    date,
                }
            };
        let en = other(Lang::En, words::EN_PUBLISHERS);
        let fr = other(Lang::Fr, words::FR_PUBLISHERS);
        let es = other(Lang::Es, words::ES_PUBLISHERS);
        Doc {
            d,
            sources: [zh, en, fr, es],
        }
    }

    /// The concepts of document `d`.
    fn doc_concepts(&self, d: usize) -> std::ops::Range<usize> {
        d * PER_DOC..((d + 1) * PER_DOC).min(self.n)
    }

    /// Where concept `c` is mentioned in language `lang`: source id, passage id, the sentence,
    /// and which of its terms the sentence uses (index into `c.terms(lang)`; 0 for Chinese).
    fn mention(&self, c: &Concept, doc: &Doc, lang: Lang) -> (String, String, String, usize) {
        let s = doc.source(lang);
        let k = c.i % PER_DOC;
        if s.translation {
            let pid = format!("p{}", k / PER_PASSAGE + 1);
            let sentence = match lang {
                Lang::Zh => zh_sentence(c, s.year),
                _ => fill(
                    [EN_SENTENCES, FR_SENTENCES, ES_SENTENCES][lang as usize - 1][c.tmpl],
                    &c.terms(lang)[0].text,
                    c,
                    s.year,
                ),
            };
            (s.id.clone(), pid, sentence, 0)
        } else {
            let pid = format!("s{}", k / PER_ARTICLE_PASSAGE + 1);
            let used = c.article_term(lang);
            let tmpl = [EN_ARTICLE, FR_ARTICLE, ES_ARTICLE][lang as usize - 1][c.itmpl];
            let sentence = fill(tmpl, &c.terms(lang)[used].text, c, s.year);
            (s.id.clone(), pid, sentence, used)
        }
    }
}

/// Fills `{t}` (the term; `{T}`: capitalised at the start of a sentence), `{n}` and `{y}`.
fn fill(tmpl: &str, term: &str, c: &Concept, year: u32) -> String {
    let cap = {
        let mut chars = term.chars();
        match chars.next() {
            Some(f) => f.to_uppercase().chain(chars).collect::<String>(),
            None => String::new(),
        }
    };
    tmpl.replace("{T}", &cap)
        .replace("{t}", term)
        .replace("{n}", &c.count.to_string())
        .replace("{y}", &(year + 5).to_string())
}

/// The Chinese sentence mentioning concept `c`; an abbreviation is introduced in brackets.
fn zh_sentence(c: &Concept, year: u32) -> String {
    let term = match &c.abbr {
        Some(a) => format!("{}（简称“{a}”）", c.zh),
        None => c.zh.clone(),
    };
    ZH_SENTENCES[c.tmpl]
        .replace("{t}", &term)
        .replace("{n}", &c.count.to_string())
        .replace("{y}", &(year + 5).to_string())
}

/// The sentence template with the cue of the Party sense of a shared term (党建引领).
const PARTY_SENSE: usize = 5;
/// The sentence template with the cues of the professional sense (专业, 社会工作者), used only
/// for the second concept of a homonym pair; the templates before it are for everyone.
const PROFESSIONAL_SENSE: usize = 8;

const ZH_SENTENCES: &[&str] = &[
    "近年来，各地扎实推进{t}，取得明显成效。",
    "会议强调，要进一步完善{t}，推动资源、服务、管理向基层下沉。",
    "{t}是新时代加强和创新社会治理的重要举措。",
    "要把{t}纳入年度考核，层层压实责任。",
    "据统计，全国已有{n}个县（市、区）围绕{t}开展试点。",
    "{t}坚持党建引领，把党的领导贯穿全过程。",
    "文件提出，到{y}年基本建成覆盖城乡的{t}。",
    "专家指出，{t}的关键在于调动群众积极性。",
    "{t}依托专业社会工作者，为有需要的居民提供个性化服务。",
];

const EN_SENTENCES: &[&str] = &[
    "In recent years localities have steadily advanced {t}, with clear results.",
    "The meeting stressed the need to further improve {t} and to move resources, services and management down to the grassroots.",
    "{T} is an important measure for strengthening and innovating social governance in the new era.",
    "{T} is to be included in annual performance assessments, with responsibility assigned at every level.",
    "According to official figures, {n} counties, cities and districts have launched pilots on {t}.",
    "{T} is guided by Party building, with the Party's leadership running through the whole process.",
    "The document sets the goal of basically completing {t} covering both urban and rural areas by {y}.",
    "Experts note that the key to {t} lies in mobilizing the enthusiasm of the masses.",
    "{T} relies on professional social workers to provide tailored services to residents in need.",
];

const FR_SENTENCES: &[&str] = &[
    "Ces dernières années, les localités ont avancé en matière de {t}, avec des résultats nets.",
    "La réunion a souligné la nécessité de progresser en matière de {t} et de faire descendre ressources, services et gestion vers la base.",
    "Le dispositif « {t} » est une mesure importante pour renforcer et innover la gouvernance sociale dans la nouvelle ère.",
    "Les résultats en matière de {t} seront intégrés à l'évaluation annuelle, avec des responsabilités à chaque échelon.",
    "Selon les chiffres officiels, {n} districts et villes ont lancé des expériences pilotes en matière de {t}.",
    "Le volet « {t} » est guidé par la construction du Parti, dont la direction s'exerce tout au long du processus.",
    "Le document fixe l'objectif d'achever pour l'essentiel, d'ici {y}, le chantier « {t} » couvrant villes et campagnes.",
    "Selon les experts, la clé en matière de {t} réside dans la mobilisation des masses.",
    "Le volet « {t} » s'appuie sur des travailleurs sociaux professionnels pour offrir des services adaptés aux habitants qui en ont besoin.",
];

const ES_SENTENCES: &[&str] = &[
    "En los últimos años, las localidades han avanzado en materia de {t}, con resultados claros.",
    "La reunión subrayó la necesidad de avanzar en materia de {t} y de trasladar recursos, servicios y gestión a la base.",
    "El concepto de «{t}» es una medida importante para reforzar e innovar la gobernanza social en la nueva era.",
    "Los resultados en materia de {t} se incorporarán a la evaluación anual, con responsabilidades en cada nivel.",
    "Según las cifras oficiales, {n} distritos y ciudades han puesto en marcha pruebas piloto en materia de {t}.",
    "El ámbito de «{t}» está guiado por la construcción del Partido, cuyo liderazgo abarca todo el proceso.",
    "El documento fija el objetivo de completar en lo esencial, para {y}, el proyecto de «{t}» que abarque ciudades y zonas rurales.",
    "Según los expertos, la clave en materia de {t} reside en movilizar el entusiasmo de las masas.",
    "El ámbito de «{t}» se apoya en trabajadores sociales profesionales para ofrecer servicios adaptados a los residentes que los necesitan.",
];

const EN_ARTICLE: &[&str] = &[
    "Critics say {t} extends the Party's reach into everyday life.",
    "{T}, as officials call it, has been rolled out in {n} counties.",
    "Analysts describe {t} as part of a broader drive for social control.",
    "Local reports suggest that {t} often exists mainly on paper.",
];

const FR_ARTICLE: &[&str] = &[
    "Pour ses détracteurs, le dispositif « {t} » étend l'emprise du Parti sur la vie quotidienne.",
    "Le programme « {t} », selon la terminologie officielle, a été déployé dans {n} districts.",
    "Les analystes voient dans « {t} » un élément d'un effort plus large de contrôle social.",
    "Selon la presse locale, le volet « {t} » reste souvent sur le papier.",
];

const ES_ARTICLE: &[&str] = &[
    "Para sus críticos, el programa de «{t}» amplía el alcance del Partido en la vida cotidiana.",
    "El modelo de «{t}», según la terminología oficial, se ha desplegado en {n} condados.",
    "Los analistas ven en «{t}» parte de un esfuerzo más amplio de control social.",
    "Según la prensa local, el programa de «{t}» a menudo se queda en el papel.",
];

// ---------------------------------------------------------------------------------------------
// YAML writing.

/// A scalar, plain when that is unambiguous, else double-quoted.
fn q(s: &str) -> String {
    let special = |c: char| {
        matches!(
            c,
            ':' | '#'
                | '['
                | ']'
                | '{'
                | '}'
                | ','
                | '"'
                | '\''
                | '\\'
                | '&'
                | '*'
                | '!'
                | '|'
                | '>'
                | '%'
                | '@'
                | '`'
        )
    };
    let lower = s.to_ascii_lowercase();
    let plain = !s.is_empty()
        && !s.starts_with(['-', '?', ' '])
        && !s.ends_with(' ')
        && !s.contains(special)
        && !matches!(
            lower.as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "~" | "y" | "n"
        )
        && s.parse::<f64>().is_err()
        && !s.chars().all(|c| c.is_ascii_digit() || c == '-');
    if plain {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A literal block scalar (`|`) at `indent` spaces.
fn block(out: &mut String, indent: usize, text: &str) {
    out.push_str("|\n");
    for line in text.lines() {
        if !line.is_empty() {
            out.extend(std::iter::repeat_n(' ', indent));
            out.push_str(line);
        }
        out.push('\n');
    }
}

fn list(items: &[String]) -> String {
    format!(
        "[{}]",
        items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
    )
}

fn glossary_yaml(opts: &Options) -> String {
    format!(
        r#"# yaml-language-server: $schema=schema/glossary.schema.json
title: shuyu synthetic glossary ({n} concepts, seed {seed})
description: |
  A synthetic glossary written by `cargo run --example gen`, for benchmarks. Terms are
  built from real political-vocabulary morphemes; sources and passages are generated.
languages: [zh, en, fr, es]
domains:
  party-organs: Party and state organs
  party-building: Party building
  social-work: Social work (both senses)
  united-front: United front work
  governance: Social and grassroots governance
  stability: Stability maintenance and petitions
  employment: New forms of employment and the private sector
  organizations: Social organizations, mass organizations and associations
  slogans: Slogans, formulas and campaigns
authorities:
  official: Used by PRC state or Party media and government.
  scholarly: Used by research institutes and academic translators.
  media: Used by non-official news media.
  calque: A word-for-word rendering of the Chinese, found in sources but not an established name.
  proposed: Proposed by this glossary's editors; not attested in any source.
  other: Reference works and other sources.
"#,
        n = opts.concepts,
        seed = opts.seed
    )
}

const DOMAINS: &[&str] = &[
    "party-organs",
    "party-building",
    "social-work",
    "united-front",
    "governance",
    "stability",
    "employment",
    "organizations",
    "slogans",
];

impl Plan {
    fn concept_yaml(&self, c: &Concept) -> String {
        let mut rng = Rng::new(c.rng_seed, 0, 0);
        let doc = self.doc(c.i / PER_DOC);
        let [p, t, h] = c.tr.words();
        let mut o = String::with_capacity(4096);
        o.push_str("# yaml-language-server: $schema=../schema/concept.schema.json\n");
        let _ = writeln!(o, "id: {}", c.id);
        let mut domains = vec![t.domain];
        if rng.chance(25) {
            let extra = *rng.pick(DOMAINS);
            if extra != t.domain {
                domains.push(extra);
            }
        }
        let _ = writeln!(o, "domains: [{}]", domains.join(", "));

        // Terms.
        o.push_str("terms:\n  zh:\n");
        let (zh_src, zh_pid, zh_sentence, _) = self.mention(c, &doc, Lang::Zh);
        let zh_ref = format!("{zh_src}#{zh_pid}");
        let _ = writeln!(o, "    - term: {}", q(&c.zh));
        o.push_str("      status: preferred\n      type: full-form\n");
        let _ = writeln!(o, "      pinyin: {}", q(&c.pinyin));
        let _ = writeln!(o, "      traditional: {}", q(&hanconv::s2t(&c.zh)));
        let _ = writeln!(o, "      authority: official\n      attested: [{zh_ref}]");
        if let Some(a) = &c.abbr {
            let _ = writeln!(o, "    - term: {}", q(a));
            o.push_str("      status: admitted\n      type: abbreviation\n");
            let [p, t, h] = c.zh_tr.words();
            let head = pinyin_of(&[h.zh]);
            let (a1, a2) = (first_syllable(p.zh), first_syllable(t.zh));
            let sep = if a2.starts_with([
                'a', 'e', 'o', 'ā', 'á', 'ǎ', 'à', 'ē', 'é', 'ě', 'è', 'ō', 'ó', 'ǒ', 'ò',
            ]) {
                "'"
            } else {
                ""
            };
            let py = format!("{a1}{sep}{a2} {head}");
            let _ = writeln!(o, "      pinyin: {}", q(&py));
            let _ = writeln!(o, "      traditional: {}", q(&hanconv::s2t(a)));
            let _ = writeln!(o, "      attested: [{zh_ref}]");
        }
        if let Some(s) = &c.superseded {
            let _ = writeln!(o, "    - term: {}", q(s));
            o.push_str("      status: superseded\n");
            let py = pinyin_of(&[p.zh, t.zh, words::GOVERNANCE_OLD]);
            let _ = writeln!(o, "      pinyin: {}", q(&py));
            let _ = writeln!(o, "      traditional: {}", q(&hanconv::s2t(s)));
            let note = format!(
                "The official name until the Third Plenary Session of the 18th Central Committee (November 2013) replaced 管理 (management) with 治理 (governance); use {}.",
                c.zh
            );
            let _ = writeln!(o, "      note: {}", q(&note));
        }
        let mut quotes: Vec<(String, String)> = vec![(zh_ref.clone(), zh_sentence)];
        for lang in [Lang::En, Lang::Fr, Lang::Es] {
            let _ = writeln!(o, "  {}:", lang.code());
            let (src, pid, sentence, used) = self.mention(c, &doc, lang);
            let reference = format!("{src}#{pid}");
            if lang == Lang::En && rng.chance(50) {
                quotes.push((reference.clone(), sentence));
            }
            for (k, term) in c.terms(lang).iter().enumerate() {
                let _ = writeln!(o, "    - term: {}", q(&term.text));
                let _ = writeln!(o, "      status: {}", term.status);
                if let Some(kind) = term.kind {
                    let _ = writeln!(o, "      type: {kind}");
                }
                if let Some(a) = term.authority {
                    let _ = writeln!(o, "      authority: {a}");
                }
                if k == used && term.status != "deprecated" {
                    let _ = writeln!(o, "      attested: [{reference}]");
                }
                if let Some(n) = &term.note {
                    let _ = writeln!(o, "      note: {}", q(n));
                }
            }
        }

        // Definition and notes (Markdown).
        let zh_url = source_url(doc.source(Lang::Zh));
        let en = &c.terms(Lang::En)[0].text;
        o.push_str("definition:\n  en: ");
        let def = format!(
            "**{zh}** (*{py}*) names the {head} for {topic} work in {scope} settings: {what}\n\n\
             - first set out: {year}\n\
             - issued by: {publisher} ([original]({zh_url}))\n",
            zh = c.zh,
            py = c.pinyin,
            head = h.en[0],
            topic = t.en[0],
            scope = p.en[0],
            what = DEF_CLAUSES[rng.below(DEF_CLAUSES.len())],
            year = doc.source(Lang::Zh).year,
            publisher = doc.source(Lang::Zh).publisher,
        );
        block(&mut o, 4, &def);
        if rng.chance(50) {
            let [p, t, h] = c.zh_tr.words();
            o.push_str("  zh: ");
            let def = format!(
                "**{}**是指在{}层面开展{}工作的{}，{}年起逐步推广。\n",
                c.zh,
                p.zh,
                t.zh,
                h.zh,
                doc.source(Lang::Zh).year
            );
            block(&mut o, 4, &def);
        }
        if rng.chance(15) {
            o.push_str("  fr: ");
            let def = format!(
                "*{}* : rendu français de **{}** ({}), voir la notice anglaise.\n",
                c.terms(Lang::Fr)[0].text,
                c.zh,
                c.pinyin
            );
            block(&mut o, 4, &def);
        }
        let mut notes = String::new();
        let _ = writeln!(
            notes,
            "Prefer *{en}*, the rendering of official translations{}.",
            if doc.source(Lang::En).translation {
                format!(" such as {}", doc.source(Lang::En).publisher)
            } else {
                String::new()
            }
        );
        for term in c.terms(Lang::En).iter().skip(1) {
            match term.status {
                "admitted" => {
                    let _ = writeln!(
                        notes,
                        "\n- *{}* also occurs, mostly in {} writing; acceptable where the context is clear.",
                        term.text,
                        term.authority.unwrap_or("media")
                    );
                }
                _ => {
                    let _ = writeln!(
                        notes,
                        "\n- Avoid *{}*: a calque that reads oddly to English readers.",
                        term.text
                    );
                }
            }
        }
        if rng.chance(70) || c.terms(Lang::En).len() > 1 {
            o.push_str("notes:\n  en: ");
            block(&mut o, 4, &notes);
        }

        // Relations.
        let mut used = vec![c.i];
        let mut pick = |rng: &mut Rng, count: usize| -> Vec<String> {
            let mut ids = Vec::new();
            for _ in 0..count {
                if self.n <= used.len() {
                    break;
                }
                let j = rng.below(self.n);
                if !used.contains(&j) {
                    used.push(j);
                    ids.push(self.id(j));
                }
            }
            ids
        };
        let counts = [
            usize::from(rng.chance(30)),
            usize::from(rng.chance(20)),
            rng.below(4),
            usize::from(rng.chance(15)),
        ];
        let broader = pick(&mut rng, counts[0]);
        let narrower = pick(&mut rng, counts[1]);
        let related = pick(&mut rng, counts[2]);
        let contrast = pick(&mut rng, counts[3]);
        if [&broader, &narrower, &related, &contrast]
            .iter()
            .any(|l| !l.is_empty())
        {
            o.push_str("relations:\n");
            for (name, ids) in [
                ("broader", &broader),
                ("narrower", &narrower),
                ("related", &related),
                ("contrast", &contrast),
            ] {
                if !ids.is_empty() {
                    let _ = writeln!(o, "  {name}: {}", list(ids));
                }
            }
        }
        let other = self.homonym_of(c.i).or_else(|| self.homonym_next(c.i));
        if let Some(j) = other {
            let cues = if self.homonym_of(c.i).is_some() {
                "[专业, 社会工作者]"
            } else {
                "[党委, 党建引领]"
            };
            let _ = writeln!(o, "senses:\n  homonyms: [{}]\n  cues: {cues}", self.id(j));
        }

        // History.
        o.push_str("history:\n");
        let year = doc.source(Lang::Zh).year;
        let events = 1 + rng.below(3);
        let mut y = year.saturating_sub(events as u32 * 3);
        let first_event = rng.below(HISTORY.len());
        for e in 0..events {
            let month = 1 + rng.below(12);
            // The sourced (last) event is of its source's year, as V129 asks: the passage names
            // the concept, and the source is dated that year. Earlier ones stay before it.
            let date_year = if e + 1 == events { year } else { y };
            let _ = writeln!(o, "  - date: \"{date_year}-{month:02}\"");
            let text =
                HISTORY[(first_event + e) % HISTORY.len()].replace("{n}", &c.count.to_string());
            let _ = writeln!(o, "    event: {}", q(&text));
            if e + 1 == events {
                let _ = writeln!(o, "    source: {zh_ref}");
            }
            y += 1 + rng.below(3) as u32;
        }

        // Citations.
        o.push_str("citations:\n");
        for (k, (reference, quote)) in quotes.iter().enumerate() {
            let _ = writeln!(o, "  - ref: {reference}");
            let _ = writeln!(o, "    quote: {}", q(quote));
            let note = if k == 0 {
                "Backs the definition."
            } else {
                "Shows the preferred English rendering in use."
            };
            let _ = writeln!(o, "    note: {note}");
        }
        o
    }

    /// A source file's id, text and number of passages.
    fn source_yaml(&self, doc: &Doc, lang: Lang) -> (String, String, usize) {
        let s = doc.source(lang);
        let range = self.doc_concepts(doc.d);
        let concepts: Vec<Concept> = range.map(|i| self.concept(i)).collect();
        let mut passages: Vec<(String, Vec<String>)> = Vec::new();
        for c in &concepts {
            let (_, pid, sentence, _) = self.mention(c, doc, lang);
            match passages.last_mut() {
                Some((id, sentences)) if *id == pid => sentences.push(sentence),
                _ => passages.push((pid, vec![sentence])),
            }
        }
        let lead = &concepts[0];
        let title = match lang {
            Lang::Zh => format!("关于推进{}的若干意见", lead.zh),
            Lang::En if s.translation => {
                format!("Opinions on advancing {}", lead.terms(Lang::En)[0].text)
            }
            Lang::En => format!(
                "Inside China's push for {}",
                lead.terms(Lang::En)[lead.article_term(Lang::En)].text
            ),
            Lang::Fr if s.translation => format!(
                "Avis sur la promotion en matière de {}",
                lead.terms(Lang::Fr)[0].text
            ),
            Lang::Fr => format!(
                "Chine : le pari « {} »",
                lead.terms(Lang::Fr)[lead.article_term(Lang::Fr)].text
            ),
            Lang::Es if s.translation => format!(
                "Opiniones sobre el impulso en materia de {}",
                lead.terms(Lang::Es)[0].text
            ),
            Lang::Es => format!(
                "China y la apuesta por «{}»",
                lead.terms(Lang::Es)[lead.article_term(Lang::Es)].text
            ),
        };
        let mut o = String::with_capacity(4096);
        o.push_str("# yaml-language-server: $schema=../schema/source.schema.json\n");
        let _ = writeln!(o, "id: {}", s.id);
        let _ = writeln!(o, "title: {}", q(&title));
        let _ = writeln!(o, "publisher: {}", q(s.publisher));
        let _ = writeln!(o, "date: \"{}\"", s.date);
        let _ = writeln!(o, "lang: {}", lang.code());
        let _ = writeln!(o, "kind: {}", s.kind);
        let _ = writeln!(o, "url: {}", source_url(s));
        if lang != Lang::Zh && s.translation {
            let _ = writeln!(o, "translation_of: {}", doc.source(Lang::Zh).id);
        }
        o.push_str("note: Synthetic source written by the shuyu glossary generator.\n");
        o.push_str("passages:\n");
        let count = passages.len();
        for (k, (pid, sentences)) in passages.iter().enumerate() {
            let _ = writeln!(o, "  - id: {pid}");
            let _ = writeln!(o, "    locator: \"§{}\"", k + 1);
            o.push_str("    text: ");
            let mut text = String::new();
            if k == 0 && lang == Lang::Zh {
                let _ = writeln!(
                    text,
                    "{}北京{}电 近日，有关部门印发文件，对相关工作作出部署。",
                    s.publisher, s.date
                );
            }
            for sentence in sentences {
                text.push_str(sentence);
                text.push('\n');
            }
            block(&mut o, 6, &text);
        }
        (s.id.clone(), o, count)
    }
}

fn source_url(s: &SourceMeta) -> String {
    format!("https://{}.example/{}/{}.html", s.slug, s.year, s.id)
}

const DEF_CLAUSES: &[&str] = &[
    "it assigns responsibility, pools resources and reports upward through the Party committee.",
    "it joins Party organizations, government offices and residents in one chain of command.",
    "it turns a central policy into routines that township and community staff can carry out.",
    "it was piloted locally and then written into national documents.",
];

const HISTORY: &[&str] = &[
    "Piloted in {n} counties before the national roll-out.",
    "Named in the Government Work Report.",
    "Written into the Central Committee's opinions on strengthening grassroots governance.",
    "Made a criterion of the annual assessment of local Party committees.",
    "Extended nationwide by a circular of the General Office of the CPC Central Committee.",
];
