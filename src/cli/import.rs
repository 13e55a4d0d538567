//! `shuyu import FILE`: a TBX or CSV/TSV file into concept files (see [`crate::import`]),
//! then the glossary validated, so that the report ends with what the glossary still misses.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{glossary_dir, Outcome};
use crate::diag::{self, Severity};
use crate::import::{self, Context, ImportError, Kind};
use crate::model::{Citation, Concept, Event, PassageRef, Relations, Senses, Term};
use crate::raw::RawConcept;
use crate::{load, validate};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import: .tbx (or .xml), .csv, .tsv.
    pub file: PathBuf,
    /// The glossary folder to write concepts/ into (default: the glossary folder).
    #[arg(long, value_name = "DIR")]
    pub into: Option<PathBuf>,
    /// Update concept files that exist already (merged by id); without it they are left alone.
    #[arg(long)]
    pub force: bool,
}

pub fn run(glossary: Option<&Path>, args: &ImportArgs) -> anyhow::Result<Outcome> {
    let dir = match &args.into {
        Some(d) => d.clone(),
        None => glossary_dir(glossary)?,
    };
    let kind = Kind::of(&args.file).ok_or_else(|| {
        anyhow::anyhow!(
            "{}: cannot tell the format from the name: use .tbx, .xml, .csv or .tsv",
            args.file.display()
        )
    })?;
    let bytes = std::fs::read(&args.file)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", args.file.display()))?;
    let (ctx, existing) = context(&dir)?;
    let imported = match import::read(&args.file, &bytes, kind, &ctx) {
        Ok(i) => i,
        Err(e @ ImportError::Malformed { .. }) => {
            eprintln!("error: {e}");
            eprintln!("nothing was imported");
            return Ok(Outcome::Problems);
        }
        Err(ImportError::CannotRun(m)) => anyhow::bail!(m),
    };
    eprint!("{}", imported.report.render(&args.file));
    let written = import::write(
        &dir,
        &imported.concepts,
        &existing,
        &ctx.languages,
        args.force,
    )?;
    for p in &written.skipped {
        eprintln!(
            "{}: exists already: left alone (use --force to update it)",
            p.display()
        );
    }
    eprintln!(
        "imported {} concepts from {}: {} created, {} updated, {} left alone; {} things not kept or missing (listed above)",
        imported.concepts.len(),
        args.file.display(),
        written.created.len(),
        written.updated.len(),
        written.skipped.len(),
        imported.report.notes.len()
    );
    // The glossary as it now is: what is still missing.
    if !dir.join("glossary.yaml").is_file() {
        eprintln!(
            "{} has no glossary.yaml: the concepts were not validated",
            dir.display()
        );
        return Ok(Outcome::Problems);
    }
    let (raw, load_diags) = load::load(&dir)?;
    let validated = validate::validate(raw, load_diags);
    let errors = validated
        .diags
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .count();
    if errors == 0 {
        eprintln!("the glossary validates");
        Ok(Outcome::Clean)
    } else {
        eprint!(
            "{}",
            diag::render(&validated.files, &validated.diags, diag::Format::Human)
        );
        eprintln!("the glossary does not validate yet: {errors} errors (above) to fix by hand");
        Ok(Outcome::Problems)
    }
}

/// What the target glossary declares, and its concepts as they are (for merging).
fn context(dir: &Path) -> anyhow::Result<(Context, BTreeMap<String, Concept>)> {
    let mut ctx = Context::default();
    let mut existing = BTreeMap::new();
    if !dir.join("glossary.yaml").is_file() {
        ctx.languages = ["zh", "en", "fr", "es"].map(String::from).to_vec();
        return Ok((ctx, existing));
    }
    let (raw, _) = load::load(dir)?;
    if let Some(g) = &raw.glossary {
        ctx.languages = g.value.languages.iter().map(|l| l.value.clone()).collect();
        ctx.domains = g
            .value
            .domains
            .0
            .iter()
            .map(|(k, v)| (k.value.clone(), v.clone()))
            .collect();
        ctx.authorities = g
            .value
            .authorities
            .0
            .iter()
            .map(|(k, _)| k.value.clone())
            .collect();
    }
    for s in &raw.sources {
        for p in &s.value.passages {
            ctx.passages
                .insert(format!("{}#{}", s.value.id.value, p.id.value));
        }
    }
    for c in &raw.concepts {
        ctx.concepts.insert(c.value.id.value.clone());
        existing.insert(c.value.id.value.clone(), from_raw(dir, &c.value));
    }
    Ok((ctx, existing))
}

fn passage_ref(s: &str) -> Option<PassageRef> {
    let (source, passage) = s.split_once('#')?;
    Some(PassageRef {
        source: source.into(),
        passage: passage.into(),
    })
}

/// A concept file as read, in the model's shape (unchecked: only for merging).
fn from_raw(dir: &Path, c: &RawConcept) -> Concept {
    let origin = crate::model::Origin::start_of(dir.join("concepts"));
    let ids = |v: &[crate::raw::LocatedStr]| v.iter().map(|s| s.value.clone()).collect();
    let mut out = Concept::new(c.id.value.clone(), origin.clone());
    out.domains = ids(&c.domains);
    for (lang, terms) in &c.terms.0 {
        let list = terms
            .iter()
            .map(|t| {
                let mut n = Term::new(t.term.value.clone(), t.status, origin.clone());
                n.term_type = t.term_type;
                n.pinyin = t.pinyin.as_ref().map(|v| v.value.clone());
                n.traditional = t.traditional.as_ref().map(|v| v.value.clone());
                n.authority = t.authority.as_ref().map(|v| v.value.clone());
                n.attested = t
                    .attested
                    .iter()
                    .filter_map(|a| passage_ref(&a.value))
                    .collect();
                n.note = t.note.clone();
                n
            })
            .collect();
        out.terms.insert(lang.value.clone(), list);
    }
    for (lang, d) in &c.definition.0 {
        out.definition.insert(lang.value.clone(), d.value.clone());
    }
    for (lang, n) in &c.notes.0 {
        out.notes.insert(lang.value.clone(), n.value.clone());
    }
    let r = &c.relations;
    out.relations = Relations {
        broader: ids(&r.broader),
        narrower: ids(&r.narrower),
        related: ids(&r.related),
        contrast: ids(&r.contrast),
        components: ids(&r.components),
    };
    out.senses = c.senses.as_ref().map(|s| Senses {
        homonyms: ids(&s.homonyms),
        cues: s.cues.clone(),
    });
    out.history = c
        .history
        .iter()
        .map(|e| Event {
            date: e.date.value.clone(),
            event: e.event.clone(),
            source: e.source.as_ref().and_then(|s| passage_ref(&s.value)),
        })
        .collect();
    out.citations = c
        .citations
        .iter()
        .filter_map(|x| {
            Some(Citation {
                passage: passage_ref(&x.reference.value)?,
                quote: x.quote.as_ref().map(|q| q.value.clone()),
                note: x.note.clone(),
            })
        })
        .collect();
    out
}
