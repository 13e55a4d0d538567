//! Benchmark: the exchange commands of issue 10 as whole processes: `shuyu lookup` cold start
//! on the repository's glossary and on the generated 10k glossary, and `shuyu export` of the
//! 10k glossary in every format (time, peak memory). Not a timed test: it prints figures.
//!
//! ```text
//! cargo bench --bench exchange                        # a warm-up round, then 5 rounds
//! SHUYU_BENCH_RUNS=9 cargo bench --bench exchange     # more rounds
//! ```
//!
//! Each command is the release binary run under `/usr/bin/time -v` (`apt-get install -y time`
//! if it is missing): wall time measured here around the process (`time` rounds it to 10 ms;
//! what this adds, one more fork and exec, is about a millisecond), user + system CPU time and
//! peak RSS from `time`'s report. A warm-up round is dropped, then `SHUYU_BENCH_RUNS` rounds
//! (default 5); the tables give the best and the median wall time and the median of the rest.
//! The machine is shared with other work: the load average is printed with the tables.
//!
//! - **lookup**: `shuyu lookup --glossary G QUERY --format json` for three queries taken from
//!   the glossary itself (the middle concept, by id, of those with a preferred Chinese term
//!   with pinyin and a preferred English rendering): that Chinese term; its pinyin without tone
//!   marks; its English rendering with one letter dropped from the longest word (a typo). The
//!   answer is read back: the table says where the concept came among the cards (a miss says
//!   so). Lookup keeps a compiled index in a cache file (`src/lookup/cache.rs`), here in
//!   `SHUYU_CACHE_DIR=/dev/shm/shuyu-bench/lookup-cache`, never the user's own. **cold**: that
//!   folder is emptied before every run, so the process loads and validates the glossary,
//!   builds the index, answers and writes the cache, as the first lookup after an edit does.
//!   **warm**: the run right after, with the cache the cold run wrote (it reads the index and
//!   the card bodies it prints).
//! - **export**: `shuyu export --glossary G --format F --out FILE` for every format the
//!   command offers (`--lang en` for OmegaT, which needs one target language) on the 10k
//!   glossary, the output on the same tmpfs; the formats run in a rotating order within each
//!   round. Output bytes are the file's size.
//!
//! The 10k glossary is `/dev/shm/shuyu-bench/g10000-seed1`, written by the generator of
//! `examples/gen.rs` through `benches/common/mod.rs` and shared with the other benches.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context};
use clap::ValueEnum;
use shuyu::export::Format;
use shuyu::model::Glossary;

mod common;
use common::Sample;

const CONCEPTS: usize = 10_000;

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e:#}");
        std::process::exit(2);
    }
}

fn run() -> anyhow::Result<()> {
    let runs = match std::env::var("SHUYU_BENCH_RUNS") {
        Ok(v) => v
            .parse::<usize>()
            .with_context(|| format!("SHUYU_BENCH_RUNS={v}: not a whole number"))?
            .max(1),
        Err(_) => 5,
    };
    if !Path::new("/usr/bin/time").exists() {
        bail!("/usr/bin/time is missing: apt-get install -y time");
    }
    let root = common::root();
    std::fs::create_dir_all(&root).with_context(|| format!("cannot create {}", root.display()))?;
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary");
    let big = common::glossary(&root, CONCEPTS)?;
    let load_before = common::load_average();
    let mut rows = lookups(&root, &repo, "repository", runs)?;
    rows.extend(lookups(&root, &big, "10k", runs)?);
    let exports = exports(&root, &big, runs)?;
    println!();
    println!(
        "load average of the machine (2 cores shared): {load_before} before, {} after; \
         {runs} rounds after a warm-up",
        common::load_average()
    );
    print_lookups(&rows);
    let (files, bytes) = common::size_of(&big)?;
    print_exports(&exports, files, bytes);
    Ok(())
}

/// Runs `bin args…` under `/usr/bin/time -v` with `SHUYU_CACHE_DIR=cache`, and returns its
/// figures and its standard output. Exit codes other than those in `ok` are an error.
fn timed(args: &[&str], cache: &Path, ok: &[i32]) -> anyhow::Result<(Sample, Vec<u8>)> {
    let bin = env!("CARGO_BIN_EXE_shuyu");
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(bin)
        .args(args)
        .env("SHUYU_CACHE_DIR", cache)
        .output()
        .context("cannot run /usr/bin/time")?;
    let wall = start.elapsed().as_secs_f64();
    let report = String::from_utf8_lossy(&out.stderr);
    if !out.status.code().is_some_and(|c| ok.contains(&c)) {
        bail!(
            "`shuyu {}` failed ({}): {report}",
            args.join(" "),
            out.status
        );
    }
    let field = |name: &str| -> anyhow::Result<f64> {
        let value = report
            .lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .with_context(|| format!("no `{name}` in the report of /usr/bin/time"))?;
        value
            .trim()
            .parse()
            .with_context(|| format!("`{name}{value}` from /usr/bin/time"))
    };
    let sample = Sample {
        wall,
        cpu: field("User time (seconds):")? + field("System time (seconds):")?,
        rss_mb: field("Maximum resident set size (kbytes):")? / 1024.0,
    };
    Ok((sample, out.stdout))
}

/// The best wall time of the rounds, and the median of each figure.
struct Summary {
    best: f64,
    median: Sample,
}

fn summary(samples: &[Sample]) -> Summary {
    Summary {
        best: samples.iter().map(|s| s.wall).fold(f64::INFINITY, f64::min),
        median: common::median(samples),
    }
}

// ---------------------------------------------------------------------------------------------
// lookup

/// A query and what kind it is, for the table.
struct Query {
    kind: &'static str,
    text: String,
}

/// The concept the queries are taken from (its id) and the three queries.
fn queries(g: &Glossary) -> anyhow::Result<(String, Vec<Query>)> {
    let usable: Vec<_> = g
        .concepts
        .values()
        .filter_map(|c| {
            let zh = c.preferred("zh")?;
            Some((c, zh, zh.pinyin.as_ref()?, c.preferred("en")?))
        })
        .filter(|(_, _, _, en)| typo(&en.text).is_some())
        .collect();
    let Some(&(concept, zh, pinyin, en)) = usable.get(usable.len() / 2) else {
        bail!("no concept has a preferred Chinese term with pinyin and an English rendering");
    };
    let typo = typo(&en.text).context("checked above")?;
    let queries = vec![
        Query {
            kind: "Chinese",
            text: zh.text.clone(),
        },
        Query {
            kind: "pinyin, no tones",
            text: shuyu::search::fold(pinyin),
        },
        Query {
            kind: "English, typo",
            text: typo,
        },
    ];
    Ok((concept.id.clone(), queries))
}

/// The text with the middle letter of its longest word dropped, if that word has five or more
/// letters (a shorter one would be too far from the original to be a fair typo).
fn typo(text: &str) -> Option<String> {
    let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
    let longest = (0..words.len()).max_by_key(|&i| words[i].chars().count())?;
    let word = &mut words[longest];
    let letters = word.chars().count();
    if letters < 5 || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let (at, _) = word.char_indices().nth(letters / 2)?;
    word.remove(at);
    Some(words.join(" "))
}

/// One lookup's figures: cold and warm, and where the concept came among the cards.
struct LookupRow {
    glossary: &'static str,
    query: Query,
    rank: Option<usize>,
    cold: Summary,
    warm: Summary,
}

/// Loads and validates the glossary in `dir` (here, in this process) to pick the queries.
fn load(dir: &Path) -> anyhow::Result<Glossary> {
    let (raw, diags) = shuyu::load::load(dir)?;
    shuyu::validate::validate(raw, diags)
        .glossary
        .with_context(|| format!("{} does not validate", dir.display()))
}

/// Every query on the glossary in `dir`, cold then warm, a warm-up round and `runs` rounds.
fn lookups(
    root: &Path,
    dir: &Path,
    name: &'static str,
    runs: usize,
) -> anyhow::Result<Vec<LookupRow>> {
    let (id, queries) = queries(&load(dir)?)?;
    let cache = root.join("lookup-cache");
    let mut rows = Vec::new();
    for query in queries {
        let (mut cold, mut warm, mut rank) = (Vec::new(), Vec::new(), None);
        for round in 0..=runs {
            let (c, w, r) = lookup_pair(dir, &cache, &query.text, &id)?;
            eprintln!(
                "{name} lookup {:?}, round {round}: cold {:.0} ms, warm {:.0} ms",
                query.text,
                c.wall * 1e3,
                w.wall * 1e3
            );
            if round > 0 {
                cold.push(c);
                warm.push(w);
            }
            rank = r;
        }
        rows.push(LookupRow {
            glossary: name,
            query,
            rank,
            cold: summary(&cold),
            warm: summary(&warm),
        });
    }
    Ok(rows)
}

/// One cold lookup (the cache folder emptied first) and one warm one (with the cache the cold
/// one wrote); the place of concept `id` among the warm lookup's cards.
fn lookup_pair(
    dir: &Path,
    cache: &Path,
    query: &str,
    id: &str,
) -> anyhow::Result<(Sample, Sample, Option<usize>)> {
    if cache.exists() {
        std::fs::remove_dir_all(cache)
            .with_context(|| format!("cannot empty {}", cache.display()))?;
    }
    let dir = dir.to_str().context("the glossary's path is not UTF-8")?;
    let args = ["lookup", "--glossary", dir, query, "--format", "json"];
    let (cold, cold_out) = timed(&args, cache, &[0, 1])?;
    let written = std::fs::read_dir(cache).map_or(0, |d| d.count());
    if written == 0 {
        bail!("the cold lookup wrote no cache into {}", cache.display());
    }
    let (warm, warm_out) = timed(&args, cache, &[0, 1])?;
    let rank = place(&warm_out, id)?;
    if place(&cold_out, id)? != rank {
        bail!("lookup {query:?} answers otherwise from the cache than without it");
    }
    Ok((cold, warm, rank))
}

/// Where concept `id` comes among the cards of a JSON lookup answer (1 for the first).
fn place(json: &[u8], id: &str) -> anyhow::Result<Option<usize>> {
    let answer: serde_json::Value =
        serde_json::from_slice(json).context("the lookup's answer is not JSON")?;
    let cards = answer["cards"]
        .as_array()
        .context("the lookup's answer has no `cards`")?;
    Ok(cards.iter().position(|c| c["id"] == id).map(|i| i + 1))
}

fn print_lookups(rows: &[LookupRow]) {
    println!();
    println!(
        "shuyu lookup --glossary G QUERY --format json (ms; peak RSS in MB; medians but best):"
    );
    let head = "    best   median      cpu     MB";
    println!(
        "{:<10} {:<17} {} {:>6} {:^33} {:^33}",
        "glossary",
        "query",
        padded("", 34),
        "place",
        "cold",
        "warm"
    );
    println!(
        "{:<10} {:<17} {} {:>6} {head} {head}",
        "",
        "",
        padded("", 34),
        ""
    );
    for r in rows {
        let place = r.rank.map_or("MISSED".to_string(), |p| p.to_string());
        println!(
            "{:<10} {:<17} {} {place:>6} {} {}",
            r.glossary,
            r.query.kind,
            padded(&r.query.text, 34),
            figures(&r.cold),
            figures(&r.warm)
        );
    }
}

/// A lookup's best and median wall time, median CPU time (ms) and median peak RSS (MB).
fn figures(s: &Summary) -> String {
    format!(
        "{:>8.1} {:>8.1} {:>8.0} {:>6.1}",
        s.best * 1e3,
        s.median.wall * 1e3,
        s.median.cpu * 1e3,
        s.median.rss_mb
    )
}

/// The text padded with spaces to `width` columns on a terminal, where a Chinese character
/// takes two (`format!` counts characters, which misaligns a table of Chinese queries).
fn padded(text: &str, width: usize) -> String {
    let columns: usize = text
        .chars()
        .map(|c| {
            if ('\u{2e80}'..='\u{9fff}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum();
    format!("{text}{}", " ".repeat(width.saturating_sub(columns)))
}

// ---------------------------------------------------------------------------------------------
// export

/// One format's figures and the size of what it wrote.
struct ExportRow {
    format: String,
    summary: Summary,
    bytes: u64,
}

/// Every format `shuyu export` offers, with the arguments it needs besides `--format`.
fn formats() -> Vec<(String, Vec<&'static str>)> {
    Format::value_variants()
        .iter()
        .filter_map(|f| {
            let name = f.to_possible_value()?.get_name().to_string();
            let extra = if *f == Format::Omegat {
                vec!["--lang", "en"]
            } else {
                vec![]
            };
            Some((name, extra))
        })
        .collect()
}

/// Exports the glossary in `dir` in every format, a warm-up round and `runs` rounds, the
/// formats in a rotating order within each round.
fn exports(root: &Path, dir: &Path, runs: usize) -> anyhow::Result<Vec<ExportRow>> {
    let formats = formats();
    let dir = dir.to_str().context("the glossary's path is not UTF-8")?;
    let mut samples = vec![Vec::new(); formats.len()];
    let cache = root.join("lookup-cache");
    for round in 0..=runs {
        for k in 0..formats.len() {
            let i = (k + round) % formats.len();
            let (name, extra) = &formats[i];
            let out = out_path(root, name);
            let mut args = vec!["export", "--glossary", dir, "--format", name];
            args.extend(extra);
            args.extend([
                "--out",
                out.to_str().context("the output path is not UTF-8")?,
            ]);
            let (s, _) = timed(&args, &cache, &[0])?;
            eprintln!("export {name}, round {round}: {:.2} s", s.wall);
            if round > 0 {
                samples[i].push(s);
            }
        }
    }
    formats
        .into_iter()
        .zip(samples)
        .map(|((format, _), s)| export_row(root, format, &s))
        .collect()
}

/// A format's row: its summary and the size of the file its last run wrote.
fn export_row(root: &Path, format: String, samples: &[Sample]) -> anyhow::Result<ExportRow> {
    let out = out_path(root, &format);
    let bytes = std::fs::metadata(&out)
        .with_context(|| format!("cannot read {}", out.display()))?
        .len();
    Ok(ExportRow {
        format,
        summary: summary(samples),
        bytes,
    })
}

fn out_path(root: &Path, format: &str) -> PathBuf {
    root.join(format!("export-{CONCEPTS}.{format}"))
}

fn print_exports(rows: &[ExportRow], files: usize, bytes: u64) {
    println!();
    println!(
        "shuyu export --glossary g{CONCEPTS}-seed1 --format F --out FILE ({CONCEPTS} concepts, \
         {files} files, {:.1} MB of YAML; medians but best):",
        bytes as f64 / 1e6
    );
    println!(
        "{:<8} {:>8} {:>8} {:>8} {:>8} {:>9}",
        "format", "best s", "wall s", "cpu s", "peak MB", "MB out"
    );
    for r in rows {
        let (best, s) = (r.summary.best, &r.summary.median);
        println!(
            "{:<8} {:>8.2} {:>8.2} {:>8.2} {:>8.0} {:>9.1}",
            r.format,
            best,
            s.wall,
            s.cpu,
            s.rss_mb,
            r.bytes as f64 / 1e6
        );
    }
}
