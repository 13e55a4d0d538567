//! `shuyu build`: validate and link the glossary, then render the site (see [`crate::site`]).
//! An invalid glossary prints its diagnostics and builds nothing (exit 1); the previous site
//! stays as it was.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::Args;

use super::{glossary_dir, Outcome};
use crate::diag::{self, Severity};
use crate::link;
use crate::site::{self, BuildOptions};
use crate::{load, validate};

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder to write (replaced whole when the build succeeds).
    #[arg(long, value_name = "DIR", default_value = "site")]
    pub out: PathBuf,
    /// A folder of templates (and `static/` files) that override the built-in ones, file by
    /// file. Defaults to `templates/` beside the glossary folder when there is one.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

pub fn run(glossary: Option<&Path>, args: &BuildArgs) -> anyhow::Result<Outcome> {
    let dir = glossary_dir(glossary)?;
    let (raw, load_diags) = load::load(&dir)?;
    let dictionary = super::dictionary_for_sources(&raw);
    let (validated, linked) = validate::validate_linked(raw, load_diags, dictionary);
    let (Some(model), Some((linker, links))) = (validated.glossary, linked) else {
        eprint!(
            "{}",
            diag::render(&validated.files, &validated.diags, diag::Format::Human)
        );
        eprintln!("the site was not built: fix the errors above (the previous site is untouched)");
        return Ok(Outcome::Problems);
    };
    let warnings = validated
        .diags
        .iter()
        .filter(|d| d.severity() == Severity::Warning)
        .count();
    // Rendering needs neither the files' text (kept for diagnostics) nor the linker (jieba's
    // dictionary, OpenCC's tables): freed now, their memory holds pages instead of new memory
    // the kernel would have to clear.
    drop((validated.files, validated.diags));
    drop(linker);
    if warnings > 0 {
        eprintln!("{warnings} warning(s): `shuyu validate` shows them");
    }
    let alignments = link::align(&model, &links);
    let wild = link::wild(&model, &links, &alignments);
    let linked = link::Linked {
        links,
        alignments,
        wild,
    };
    let options = BuildOptions {
        out: args.out.clone(),
        templates: templates_dir(&dir, args.templates.as_deref()),
        date: build_date(),
        progress: std::io::stderr().is_terminal(),
    };
    let report = site::build(&model, &linked, &options)?;
    eprintln!(
        "wrote {}: {} pages, {} files ({} changed) in {:.2} s",
        options.out.display(),
        report.pages,
        report.files,
        report.changed,
        report.elapsed.as_secs_f64()
    );
    // The process ends here: freeing the model and the links would only delay the exit.
    std::mem::forget((model, linked));
    Ok(Outcome::Clean)
}

/// The templates folder given, or `templates/` beside the glossary folder if it exists.
pub(super) fn templates_dir(glossary: &Path, given: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = given {
        return Some(dir.to_path_buf());
    }
    let beside = glossary.canonicalize().ok()?.parent()?.join("templates");
    beside.is_dir().then_some(beside)
}

/// Today (UTC) as `YYYY-MM-DD`, or the day of `SOURCE_DATE_EPOCH` when it is set, so that
/// builds can be reproduced byte for byte.
pub fn build_date() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_786), (2026, 11, 29));
    }
}
