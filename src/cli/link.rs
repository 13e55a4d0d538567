//! `shuyu link` and `shuyu concordance`: where the glossary's terms occur.
//!
//! `link` without files links the glossary's own sources; with files (plain text or
//! Markdown, one passage per paragraph) it annotates a new text, as a translator would. JSON
//! output is one object per occurrence and line; human output is a keyword-in-context
//! concordance grouped by concept. `concordance` prints the lines of one concept, found by any
//! of its forms, with what each aligned translation made of it.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::{emit, glossary_dir, Outcome};
use crate::diag;
use crate::link::doc::{guess_lang, paragraphs};
use crate::link::kwic::{display_width, kwic};
use crate::link::{align, is_chinese, Alignment, Linker, Links, Occurrence};
use crate::model::Glossary;
use crate::segment::Dictionary;
use crate::{load, validate};

/// Output formats of `link` and `concordance`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LinkFormat {
    /// A concordance: keyword in context, grouped by concept.
    Human,
    /// One JSON object per occurrence, one per line.
    Json,
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    /// Files to annotate (plain text or Markdown, one passage per paragraph); without any, the
    /// glossary's own sources.
    pub files: Vec<PathBuf>,
    /// Language of the files (guessed from each file if omitted); without files, link only the
    /// sources in this language.
    #[arg(long, value_parser = ["zh", "en", "fr", "es"])]
    pub lang: Option<String>,
    /// human: a concordance grouped by concept; json: one object per occurrence and line
    /// (concept, term, text, lang, source and passage or file and paragraph counted from 1,
    /// start and end byte offsets into the passage or paragraph, ambiguous, senses, and for a
    /// term two concepts share what decided its sense, resolved_by: compound, sentence, or
    /// text for a sense inferred from the rest of the file).
    #[arg(long, value_enum, default_value = "human")]
    pub format: LinkFormat,
}

#[derive(Debug, Args)]
pub struct ConcordanceArgs {
    /// Any form of the concept (a term in any language, its traditional form) or its id.
    pub term: String,
    #[arg(long, value_enum, default_value = "human")]
    pub format: LinkFormat,
}

/// Where an occurrence is: a source passage or a paragraph of a file (counted from 1).
#[derive(Debug, Clone)]
enum Place {
    Passage { source: String, passage: String },
    Paragraph { file: String, paragraph: usize },
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Passage { source, passage } => write!(f, "{source}#{passage}"),
            Place::Paragraph { file, paragraph } => write!(f, "{file}:¶{paragraph}"),
        }
    }
}

/// One occurrence with the text it was found in.
struct Hit<'a> {
    place: Place,
    lang: String,
    text: &'a str,
    occurrence: Occurrence,
}

/// The JSON form of an occurrence.
#[derive(Serialize)]
struct Record<'a> {
    concept: Option<&'a str>,
    term: &'a str,
    /// The occurrence as written (a traditional or differently punctuated form of `term`).
    text: &'a str,
    lang: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    passage: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<usize>,
    start: usize,
    end: usize,
    ambiguous: bool,
    senses: Vec<&'a str>,
    /// What decided the sense of a shared term: compound, sentence or text (a sense inferred
    /// from the rest of the text deserves less trust than one its compound states).
    #[serde(skip_serializing_if = "Option::is_none")]
    resolved_by: Option<crate::link::senses::Basis>,
}

pub fn run_link(glossary: Option<&Path>, args: &LinkArgs) -> anyhow::Result<Outcome> {
    // The files' sizes are known before the glossary is loaded: start loading jieba's whole
    // dictionary now only if they are large enough to want it.
    let file_bytes: usize = args.files.iter().map(|f| file_len(f)).sum();
    let given = (!args.files.is_empty()).then(|| Dictionary::start_for(file_bytes));
    let Some((g, dictionary)) = load_glossary(glossary, given)? else {
        return Ok(Outcome::Problems);
    };
    let texts: Vec<(PathBuf, String)> = args
        .files
        .iter()
        .map(|f| {
            let text = std::fs::read_to_string(f)
                .with_context(|| format!("cannot read {}", f.display()))?;
            Ok((f.clone(), text))
        })
        .collect::<anyhow::Result<_>>()?;
    let langs: Vec<&str> = match (&args.lang, texts.is_empty()) {
        (Some(l), _) => vec![l.as_str()],
        (None, false) => texts.iter().map(|(_, t)| guess_lang(t)).collect(),
        (None, true) => Vec::new(),
    };
    let wanted = |l: &str| langs.is_empty() || langs.contains(&l);
    let linker = Linker::with_dictionary(&g, wanted, dictionary);
    let hits = if texts.is_empty() {
        source_hits(&g, linker.link_glossary(&g), args.lang.as_deref())
    } else {
        file_hits(&linker, &texts, args.lang.as_deref())
    };
    let empty = Vec::new();
    emit(&render(&g, &hits, &empty, args.format))?;
    // The process ends here: freeing jieba's dictionary (up to hundreds of thousands of
    // entries) would only delay the exit.
    std::mem::forget(linker);
    Ok(Outcome::Clean)
}

pub fn run_concordance(glossary: Option<&Path>, args: &ConcordanceArgs) -> anyhow::Result<Outcome> {
    let Some((g, dictionary)) = load_glossary(glossary, None)? else {
        return Ok(Outcome::Problems);
    };
    let concepts = concepts_named(&g, &args.term);
    if concepts.is_empty() {
        eprintln!(
            "no concept has the form `{}`: try `shuyu lookup`",
            args.term
        );
        return Ok(Outcome::Problems);
    }
    let links = Linker::with_dictionary(&g, |_| true, dictionary).link_glossary(&g);
    let alignments = align(&g, &links);
    let all = source_hits(&g, links, None);
    let hits: Vec<Hit> = all
        .into_iter()
        .filter(|h| concepts.iter().any(|c| h.occurrence.may_be(c)))
        .collect();
    emit(&render(&g, &hits, &alignments, args.format))?;
    Ok(Outcome::Clean)
}

/// The size of a file, 0 if it cannot be read (reading it will say why).
fn file_len(path: &Path) -> usize {
    std::fs::metadata(path).map_or(0, |m| m.len() as usize)
}

/// Loads and validates the glossary; prints its errors and returns `None` if it is invalid.
/// The segmenter's dictionary is the one `given`, else the one its sources want, loading
/// while the glossary is validated.
fn load_glossary(
    glossary: Option<&Path>,
    given: Option<Dictionary>,
) -> anyhow::Result<Option<(Glossary, Dictionary)>> {
    let dir = glossary_dir(glossary)?;
    let (raw, load_diags) = load::load(&dir)?;
    let dictionary = given.unwrap_or_else(|| super::dictionary_for_sources(&raw));
    let v = validate::validate(raw, load_diags);
    if v.glossary.is_none() {
        eprint!("{}", diag::render(&v.files, &v.diags, diag::Format::Human));
    }
    Ok(v.glossary.map(|g| (g, dictionary)))
}

/// The ids of the concepts that have `query` as a form (any language, case-insensitive for
/// alphabetic scripts, traditional characters too) or as their id.
fn concepts_named(g: &Glossary, query: &str) -> Vec<String> {
    let simplified = crate::chinese::to_simplified(query);
    let folded = crate::link::fold::fold(query);
    g.concepts
        .values()
        .filter(|c| {
            c.id == query
                || c.terms.values().flatten().any(|t| {
                    t.text == query
                        || t.text == simplified
                        || crate::link::fold::fold(&t.text) == folded
                })
        })
        .map(|c| c.id.clone())
        .collect()
}

fn source_hits<'g>(g: &'g Glossary, links: Links, lang: Option<&str>) -> Vec<Hit<'g>> {
    let mut out = Vec::new();
    for p in links.passages {
        if lang.is_some_and(|l| l != p.lang) {
            continue;
        }
        let Some(text) = g.sources.get(&p.source).and_then(|s| s.passage(&p.passage)) else {
            continue;
        };
        for occurrence in p.occurrences {
            out.push(Hit {
                place: Place::Passage {
                    source: p.source.clone(),
                    passage: p.passage.clone(),
                },
                lang: p.lang.clone(),
                text: &text.text,
                occurrence,
            });
        }
    }
    out
}

fn file_hits<'t>(
    linker: &Linker,
    texts: &'t [(PathBuf, String)],
    lang: Option<&str>,
) -> Vec<Hit<'t>> {
    let mut out = Vec::new();
    for (path, text) in texts {
        let lang = lang.unwrap_or_else(|| guess_lang(text));
        // One document: a shared term's sense may be decided by the rest of the file.
        let paras: Vec<&str> = paragraphs(text).into_iter().map(|r| &text[r]).collect();
        let found = linker.link_document(lang, &paras);
        for (i, (para, occurrences)) in paras.iter().zip(found).enumerate() {
            for occurrence in occurrences {
                out.push(Hit {
                    place: Place::Paragraph {
                        file: path.display().to_string(),
                        paragraph: i + 1,
                    },
                    lang: lang.to_string(),
                    text: para,
                    occurrence,
                });
            }
        }
    }
    out
}

fn render(g: &Glossary, hits: &[Hit], alignments: &[Alignment], format: LinkFormat) -> String {
    match format {
        LinkFormat::Json => hits.iter().map(json_line).collect(),
        LinkFormat::Human => human(g, hits, alignments, std::io::stdout().is_terminal()),
    }
}

fn json_line(h: &Hit) -> String {
    let o = &h.occurrence;
    let (source, passage, file, paragraph) = match &h.place {
        Place::Passage { source, passage } => {
            (Some(source.as_str()), Some(passage.as_str()), None, None)
        }
        Place::Paragraph { file, paragraph } => (None, None, Some(file.as_str()), Some(*paragraph)),
    };
    let record = Record {
        concept: o.concept(),
        term: &o.term,
        text: &h.text[o.start..o.end],
        lang: &h.lang,
        source,
        passage,
        file,
        paragraph,
        start: o.start,
        end: o.end,
        ambiguous: o.ambiguous,
        resolved_by: o.resolved_by,
        senses: if o.ambiguous {
            o.concepts.iter().map(String::as_str).collect()
        } else {
            Vec::new()
        },
    };
    let mut line = serde_json::to_string(&record).unwrap_or_default();
    line.push('\n');
    line
}

/// The concordance: a heading per concept (ambiguous occurrences under their candidates),
/// then one keyword-in-context line per occurrence.
fn human(g: &Glossary, hits: &[Hit], alignments: &[Alignment], bold: bool) -> String {
    let mut groups: BTreeMap<String, Vec<&Hit>> = BTreeMap::new();
    for h in hits {
        let key = match h.occurrence.concept() {
            Some(c) => c.to_string(),
            None => format!("ambiguous: {}", h.occurrence.concepts.join(" | ")),
        };
        groups.entry(key).or_default().push(h);
    }
    let mut out = String::new();
    for (key, group) in &groups {
        out.push_str(&format!("{} ({})\n", heading(g, key), group.len()));
        let place_width = group
            .iter()
            .map(|h| h.place.to_string().chars().count())
            .max()
            .unwrap_or(0);
        for h in group {
            out.push_str(&kwic_line(h, place_width, bold));
            if let Some(c) = h.occurrence.concept() {
                out.push_str(&aligned_lines(alignments, &h.place, c));
            }
        }
        out.push('\n');
    }
    if groups.is_empty() {
        out.push_str("no glossary term found\n");
    }
    out
}

/// A concept id with its preferred Chinese and English terms.
fn heading(g: &Glossary, key: &str) -> String {
    let Some(c) = g.concepts.get(key) else {
        return key.to_string();
    };
    let names: Vec<&str> = ["zh", "en"]
        .iter()
        .filter_map(|l| c.preferred(l).map(|t| t.text.as_str()))
        .collect();
    format!("{key} — {}", names.join(" / "))
}

fn kwic_line(h: &Hit, place_width: usize, bold: bool) -> String {
    let o = &h.occurrence;
    // Forty columns of context on the left: twenty Chinese characters or forty letters.
    let width = if is_chinese(&h.lang) { 20 } else { 40 };
    let k = kwic(h.text, o.start..o.end, width);
    let pad = 40usize.saturating_sub(display_width(&k.left));
    let term = if bold {
        format!("\x1b[1m{}\x1b[0m", k.term)
    } else {
        format!("[{}]", k.term)
    };
    let place = h.place.to_string();
    let place_pad = place_width.saturating_sub(place.chars().count());
    format!(
        "  {place}{} {:>2} {}{}{term}{}\n",
        " ".repeat(place_pad),
        h.lang,
        " ".repeat(pad),
        k.left,
        k.right
    )
}

/// What the translations aligned with this passage used for `concept`.
fn aligned_lines(alignments: &[Alignment], place: &Place, concept: &str) -> String {
    let Place::Passage { source, passage } = place else {
        return String::new();
    };
    let mut out = String::new();
    for a in alignments
        .iter()
        .filter(|a| &a.original == source && &a.passage == passage && a.concept == concept)
    {
        let used: Vec<String> = a
            .renderings
            .iter()
            .map(|r| match r.status {
                Some(s) => format!("{} ({})", r.term, format!("{s:?}").to_lowercase()),
                None => r.term.clone(),
            })
            .collect();
        let used = if used.is_empty() {
            "no known rendering (unmatched)".to_string()
        } else {
            used.join(", ")
        };
        out.push_str(&format!("      ↳ {} {}: {used}\n", a.lang, a.translation));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::fixture::department;

    fn hits(g: &Glossary) -> Vec<Hit<'_>> {
        source_hits(g, Linker::new(g).link_glossary(g), None)
    }

    #[test]
    fn json_has_one_object_per_occurrence_with_byte_offsets() {
        let g = department();
        let hits = hits(&g);
        let zh = hits.iter().find(|h| h.lang == "zh").expect("a zh hit");
        let line = json_line(zh);
        assert!(line.ends_with('\n') && line.matches('\n').count() == 1);
        let v: serde_json::Value = serde_json::from_str(&line).expect("valid JSON");
        assert_eq!(v["concept"], "society-work-department");
        assert_eq!(v["source"], "zh-src");
        assert_eq!(v["passage"], "p1");
        assert_eq!(
            (v["start"].as_u64(), v["end"].as_u64()),
            (Some(6), Some(27))
        );
        assert_eq!(v["ambiguous"], false);
        assert!(v.get("file").is_none());
    }

    #[test]
    fn human_output_groups_by_concept_and_shows_translations() {
        let g = department();
        let links = Linker::new(&g).link_glossary(&g);
        let alignments = align(&g, &links);
        let hits = source_hits(&g, links, None);
        let out = human(&g, &hits, &alignments, false);
        assert!(out
            .starts_with("society-work-department — 中央社会工作部 / Society Work Department (4)"));
        assert!(out.contains("[Department of Social Work]"));
        assert!(out.contains("↳ fr fr-src: Département du travail social (preferred)"));
        assert!(out.contains("↳ fr fr-src: no known rendering (unmatched)"));
    }

    #[test]
    fn concepts_are_found_by_any_form() {
        let g = department();
        for q in [
            "中央社會工作部",
            "department of social work",
            "society-work-department",
        ] {
            assert_eq!(concepts_named(&g, q), ["society-work-department"], "{q}");
        }
        assert!(concepts_named(&g, "nothing").is_empty());
    }
}
