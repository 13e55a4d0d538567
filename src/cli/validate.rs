//! `shuyu validate`: load, run every rule, print every problem, exit 0, 1 or 2.

use std::path::Path;

use clap::Args;

use super::{emit, glossary_dir, Outcome};
use crate::codes::Code;
use crate::diag::{self, Format, Severity};
use crate::{load, validate};

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// List every rule with its code and what it checks, and exit.
    #[arg(long)]
    pub explain: bool,
}

pub fn run(glossary: Option<&Path>, args: &ValidateArgs) -> anyhow::Result<Outcome> {
    if args.explain {
        emit(&explain())?;
        return Ok(Outcome::Clean);
    }
    let dir = glossary_dir(glossary)?;
    let (raw, load_diags) = load::load(&dir)?;
    // The linking rules need jieba's dictionary: if the sources want the whole one, it loads
    // while the other rules run.
    let dictionary = super::dictionary_for_sources(&raw);
    let (
        validate::Validated {
            files,
            glossary: model,
            diags,
        },
        linked,
    ) = validate::validate_linked(raw, load_diags, dictionary);
    // The process ends soon: freeing the linker's tables would only delay the exit.
    std::mem::forget(linked);
    let mut out = diag::render(&files, &diags, args.format);
    if let (Format::Human, Some(g)) = (args.format, &model) {
        out.push_str(&format!(
            "{}: {} concepts, {} sources, {} passages\n",
            dir.display(),
            g.concepts.len(),
            g.sources.len(),
            g.sources.values().map(|s| s.passages.len()).sum::<usize>()
        ));
    }
    emit(&out)?;
    // The process ends here: freeing the model (millions of small strings for a large
    // glossary) would only delay the exit.
    std::mem::forget(model);
    let failed = diags.iter().any(|d| d.severity() == Severity::Error);
    Ok(if failed {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}

/// The rule registry as a table: code, name, severity, what it checks.
pub fn explain() -> String {
    let mut out = String::new();
    for code in Code::ALL {
        out.push_str(&format!(
            "{}  {:<24} {:<8} {}\n",
            code.id(),
            code.name(),
            code.severity().word(),
            code.doc()
        ));
    }
    out
}
