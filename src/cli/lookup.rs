//! `shuyu lookup`: a concept's card at the terminal, found by any form in any language.
//! Exit 0 with matches, 1 with none (the nearest forms are suggested).
//!
//! A lookup reads the compiled index from the cache when the glossary's files have not changed
//! since it was written ([`crate::lookup::cache`]); otherwise it loads and validates the
//! glossary, answers, and writes the cache for the next one.

use std::io::IsTerminal;
use std::path::Path;

use clap::Args;

use super::{emit, glossary_dir, Outcome};
use crate::lookup::{
    cache, lookup, matched_form_to_avoid, Answer, Card, LookupData, DEFAULT_LIMIT,
};
use crate::model::Status;
use crate::{diag, load, validate};

/// Output formats of `lookup`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LookupFormat {
    /// Cards for a reader, in colour on a terminal.
    Human,
    /// One JSON object: the query, the cards, the suggestions.
    Json,
}

#[derive(Debug, Args)]
pub struct LookupArgs {
    /// Chinese (simplified or traditional), pinyin (with tone marks, numbers or none), or a
    /// rendering in any language.
    pub query: String,
    /// Show renderings in this language only (Chinese is always shown).
    #[arg(long)]
    pub lang: Option<String>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: LookupFormat,
    /// How many concepts to show at most.
    #[arg(long, default_value_t = DEFAULT_LIMIT)]
    pub limit: usize,
}

pub fn run(glossary: Option<&Path>, args: &LookupArgs) -> anyhow::Result<Outcome> {
    let dir = glossary_dir(glossary)?;
    let (lang, limit) = (args.lang.as_deref(), args.limit);
    let fingerprint = cache::fingerprint(&dir);
    let path = cache::path_for(&dir);
    let cached = match (&path, &fingerprint) {
        (Some(p), Some(f)) => cache::read(p, f),
        _ => None,
    };
    let answer = if let Some(c) = &cached {
        lookup(&c.index, |i| c.body(i), &args.query, lang, limit)
    } else {
        let Some(data) = compile(&dir)? else {
            return Ok(Outcome::Problems);
        };
        if let (Some(p), Some(f)) = (&path, &fingerprint) {
            // A cache that cannot be written only makes the next lookup slower.
            let _ = cache::write(p, f, &data);
        }
        let answer = lookup(
            &data.index,
            |i| data.bodies.get(i).cloned(),
            &args.query,
            lang,
            limit,
        );
        std::mem::forget(data);
        answer
    };
    let text = match args.format {
        LookupFormat::Json => serde_json::to_string_pretty(&answer)? + "\n",
        LookupFormat::Human => human(&answer, use_colour()),
    };
    emit(&text)?;
    std::mem::forget(cached);
    Ok(if answer.cards.is_empty() {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

/// Loads and validates the glossary and prepares every card; `None` (with the diagnostics
/// printed) when the glossary has errors.
fn compile(dir: &Path) -> anyhow::Result<Option<LookupData>> {
    let (raw, load_diags) = load::load(dir)?;
    let validated = validate::validate(raw, load_diags);
    let Some(model) = validated.glossary else {
        eprint!(
            "{}",
            diag::render(&validated.files, &validated.diags, diag::Format::Human)
        );
        return Ok(None);
    };
    let data = LookupData::build(&model);
    std::mem::forget(model);
    Ok(Some(data))
}

/// Colour only on a terminal, and never with `NO_COLOR` set.
fn use_colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// ANSI styles, or nothing.
struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn bold(&self, t: &str) -> String {
        self.wrap("1", t)
    }
    fn dim(&self, t: &str) -> String {
        self.wrap("2", t)
    }
    fn warn(&self, t: &str) -> String {
        self.wrap("1;33", t)
    }
    fn status(&self, s: Status) -> String {
        let word = s.word();
        let code = match s {
            Status::Preferred => "32",
            Status::Admitted => "36",
            Status::Deprecated => "31",
            Status::Superseded => "35",
        };
        self.wrap(code, word)
    }
}

/// Every card, or what to try when nothing matched.
pub fn human(answer: &Answer, colour: bool) -> String {
    let p = Paint(colour);
    if answer.cards.is_empty() {
        let mut out = format!("no concept matches `{}`", answer.query);
        if !answer.suggestions.is_empty() {
            out.push_str(&format!(
                "; did you mean {}?",
                answer.suggestions.join(", ")
            ));
        }
        return out + "\n";
    }
    let cards: Vec<String> = answer.cards.iter().map(|c| card(c, &p)).collect();
    cards.join("\n")
}

fn card(c: &Card, p: &Paint) -> String {
    let b = &c.body;
    let mut out = String::new();
    let mut head = p.bold(&b.headword);
    for extra in [&b.pinyin, &b.traditional].into_iter().flatten() {
        if extra != &b.headword {
            head.push_str("  ");
            head.push_str(extra);
        }
    }
    out.push_str(&format!("{head}   {}\n", p.dim(&b.id)));
    if matched_form_to_avoid(c) {
        out.push_str(&format!(
            "  {} “{}” ({}) is {}: use the preferred rendering below\n",
            p.warn("!"),
            c.matched.text,
            c.matched.lang,
            p.status(c.matched.status)
        ));
    }
    if c.matched.rank == crate::search::Rank::Fuzzy {
        out.push_str(&format!(
            "  {} nothing matches exactly; closest form: “{}” ({})\n",
            p.warn("~"),
            c.matched.text,
            c.matched.lang
        ));
    }
    for f in &b.false_friends {
        out.push_str(&false_friend(f, p));
    }
    for r in &b.languages {
        for (i, t) in r.terms.iter().enumerate() {
            let lang = if i == 0 { r.lang.as_str() } else { "" };
            let authority = t
                .authority
                .as_deref()
                .map(|a| format!(" · {a}"))
                .unwrap_or_default();
            let width = 38usize.saturating_sub(crate::link::kwic::display_width(&t.text));
            out.push_str(&format!(
                "  {lang:<3} {}{} {}{authority}\n",
                t.text,
                " ".repeat(width),
                p.status(t.status)
            ));
            // Why not to use it: the note of a deprecated or superseded rendering.
            if let (Status::Deprecated | Status::Superseded, Some(note)) = (t.status, &t.note) {
                out.push_str(&format!("      {}\n", p.dim(&format!("↳ {note}"))));
            }
        }
    }
    if let Some(e) = &b.example {
        out.push_str(&format!("  e.g. “{}” — {}\n", e.text, p.dim(&e.label)));
    }
    out.push_str(&format!("  {}\n", p.dim(&b.permalink)));
    out
}

fn false_friend(f: &crate::lookup::FalseFriend, p: &Paint) -> String {
    let name = format!("{} {} ({})", f.headword, f.english, f.id);
    let mut line = match f.kind.as_str() {
        "homonym" => format!("  {} same characters, other concept: {name}", p.warn("!")),
        _ => format!("  {} not to be confused with {name}", p.warn("!")),
    };
    if !f.cues.is_empty() {
        let cues: Vec<&str> = f.cues.iter().take(8).map(String::as_str).collect();
        line.push_str(&format!("; its cues: {}", cues.join(", ")));
    }
    line + "\n"
}
