//! Benchmark: how long loading and validating a synthetic glossary takes, and how much memory
//! the whole `shuyu validate` process needs (issue 2: 10k concepts in under 1 s wall and
//! 300 MB peak on the 2-core machine).
//!
//! ```text
//! cargo bench --bench validate                          # 1k and 10k concepts
//! SHUYU_BENCH_SIZES=1000,10000,100000 cargo bench --bench validate
//! ```
//!
//! Glossaries are written by the generator of `examples/gen.rs` (the same code, included by
//! `benches/common/mod.rs`) into `/dev/shm/shuyu-bench` (tmpfs, for stable figures; the system
//! temp folder where there is no /dev/shm) and reused while the generator's source is unchanged.
//! Library time is `shuyu::load::load` + `shuyu::validate::validate`, the median of several
//! runs after a warm-up; each run also loads the same files with serde-saphyr alone
//! (`load_with(dir, Reader::SerdeSaphyr)`), for the quick reader's speed-up side by side.
//! This process uses the system allocator; the `shuyu` binary, measured next, uses mimalloc. Process figures come from `/usr/bin/time -v` around the release
//! binary (`apt-get install -y time` if it is missing), which also links the terms.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

#[allow(dead_code)] // load_average, Sample, median: this bench keeps its own figures
mod common;

/// The bar of issue 2 for 10k concepts.
const BAR_WALL: Duration = Duration::from_secs(1);
const BAR_RSS_MB: f64 = 300.0;

fn main() {
    if let Err(e) = run() {
        eprintln!("error: {e:#}");
        std::process::exit(2);
    }
}

struct Row {
    concepts: usize,
    files: usize,
    bytes: u64,
    load: Duration,
    validate: Duration,
    total: Duration,
    /// CPU time (user + system, every thread) of one run, median.
    cpu: Duration,
    /// `load` with serde-saphyr alone (no quick reader), median: the side-by-side figure.
    load_saphyr: Duration,
}

fn run() -> anyhow::Result<()> {
    let sizes: Vec<usize> = match std::env::var("SHUYU_BENCH_SIZES") {
        Ok(s) => s
            .split(',')
            .map(|n| n.trim().parse())
            .collect::<Result<_, _>>()
            .map_err(|e| anyhow::anyhow!("SHUYU_BENCH_SIZES={s}: {e}"))?,
        Err(_) => vec![1_000, 10_000],
    };
    let root = common::root();
    let mut rows = Vec::new();
    let mut dirs = Vec::new();
    for &n in &sizes {
        let dir = common::glossary(&root, n)?;
        let runs = match n {
            0..=2_000 => 9,
            2_001..=20_000 => 5,
            _ => 3,
        };
        rows.push(measure(&dir, n, runs)?);
        dirs.push((n, dir));
    }

    println!();
    println!("load + validate (library, median of runs after a warm-up):");
    println!(
        "{:>9} {:>7} {:>7} {:>9} {:>12} {:>10} {:>8} {:>12}",
        "concepts", "files", "MB", "load ms", "validate ms", "median ms", "cpu ms", "concepts/s"
    );
    for r in &rows {
        println!(
            "{:>9} {:>7} {:>7.1} {:>9.0} {:>12.0} {:>10.0} {:>8.0} {:>12.0}",
            r.concepts,
            r.files,
            r.bytes as f64 / 1e6,
            ms(r.load),
            ms(r.validate),
            ms(r.total),
            ms(r.cpu),
            r.concepts as f64 / r.total.as_secs_f64()
        );
    }
    println!();
    println!("load alone, quick reader (serde-saphyr for what it declines) vs serde-saphyr alone:");
    println!(
        "{:>9} {:>10} {:>16} {:>9}",
        "concepts", "quick ms", "serde-saphyr ms", "speed-up"
    );
    for r in &rows {
        println!(
            "{:>9} {:>10.0} {:>16.0} {:>8.1}x",
            r.concepts,
            ms(r.load),
            ms(r.load_saphyr),
            r.load_saphyr.as_secs_f64() / r.load.as_secs_f64()
        );
    }
    if let Some(kb) = status_kb("VmHWM:") {
        println!(
            "peak RSS of this benchmark process (largest size, library only): {:.0} MB",
            kb / 1024.0
        );
    }

    println!();
    let bin = env!("CARGO_BIN_EXE_shuyu");
    if !Path::new("/usr/bin/time").exists() {
        println!("/usr/bin/time is missing (apt-get install -y time): no process figures");
        return Ok(());
    }
    println!(
        "whole process (`/usr/bin/time -v {bin} validate --glossary DIR`, load + validate + link):"
    );
    println!(
        "{:>9} {:>9} {:>9} {:>9}",
        "concepts", "wall s", "cpu s", "peak MB"
    );
    for (n, dir) in &dirs {
        let Some(p) = process(bin, dir, *n)? else {
            println!("{n:>9}  did not finish within SHUYU_BENCH_TIMEOUT (default 600 s)");
            continue;
        };
        let verdict = if *n == 10_000 {
            let ok = p.wall < BAR_WALL.as_secs_f64() && p.rss_mb < BAR_RSS_MB;
            if ok {
                "  meets the bar (< 1 s, < 300 MB)"
            } else {
                "  MISSES the bar (< 1 s, < 300 MB)"
            }
        } else {
            ""
        };
        println!(
            "{:>9} {:>9.2} {:>9.2} {:>9.0}{verdict}",
            n, p.wall, p.cpu, p.rss_mb
        );
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn measure(dir: &Path, n: usize, runs: usize) -> anyhow::Result<Row> {
    let (files, bytes) = common::size_of(dir)?;
    let mut loads = Vec::new();
    let mut validates = Vec::new();
    let mut totals = Vec::new();
    let mut cpus = Vec::new();
    let mut saphyr = Vec::new();
    for run in 0..=runs {
        let cpu0 = cpu_time();
        let start = Instant::now();
        let (raw, load_diags) = shuyu::load::load(dir)?;
        let loaded = start.elapsed();
        let shuyu::validate::Validated {
            files,
            glossary: model,
            diags,
        } = shuyu::validate::validate(raw, load_diags);
        let total = start.elapsed();
        let cpu = cpu_time().saturating_sub(cpu0);
        let errors = diags
            .iter()
            .filter(|d| d.severity() == shuyu::diag::Severity::Error)
            .count();
        if model.is_none() || errors > 0 {
            anyhow::bail!(
                "{} does not validate: {errors} errors, {} diagnostics",
                dir.display(),
                diags.len()
            );
        }
        drop((model, diags, files));
        if run > 0 {
            loads.push(loaded);
            validates.push(total - loaded);
            totals.push(total);
            cpus.push(cpu);
        }
        eprintln!("{n:>7} concepts, run {run}: {:.0} ms", ms(total));
        // The same files through serde-saphyr alone, in the same run, for the ratio.
        let start = Instant::now();
        let loaded = shuyu::load::load_with(dir, shuyu::load::Reader::SerdeSaphyr)?;
        if run > 0 {
            saphyr.push(start.elapsed());
        }
        drop(loaded);
    }
    Ok(Row {
        concepts: n,
        files,
        bytes,
        load: median(&mut loads),
        validate: median(&mut validates),
        total: median(&mut totals),
        cpu: median(&mut cpus),
        load_saphyr: median(&mut saphyr),
    })
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// CPU time (user + system) of this process so far, from /proc/self/stat (zero elsewhere).
fn cpu_time() -> Duration {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return Duration::ZERO;
    };
    // Fields after the command name (which may hold spaces) start at state, field 3.
    let after = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15, i.e. 11 and 12 after the state; 100 ticks a second.
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

/// A `kB` value of /proc/self/status.
fn status_kb(name: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(name))?;
    line[name.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

struct Process {
    wall: f64,
    cpu: f64,
    rss_mb: f64,
}

/// Runs `shuyu validate` under `/usr/bin/time -v` and reads its wall time, CPU time and peak RSS.
/// Above this size the process runs under `timeout` (SHUYU_BENCH_TIMEOUT seconds, default
/// 600), so that a slow build cannot hold the benchmark for ever.
const TIMED_OUT_ABOVE: usize = 20_000;

fn process(bin: &str, dir: &Path, n: usize) -> anyhow::Result<Option<Process>> {
    let mut cmd = Command::new("/usr/bin/time");
    cmd.arg("-v");
    if n > TIMED_OUT_ABOVE {
        let secs = std::env::var("SHUYU_BENCH_TIMEOUT").unwrap_or_else(|_| "600".into());
        cmd.args(["timeout", "-s", "KILL", &secs]);
    }
    let out = cmd
        .arg(bin)
        .arg("validate")
        .arg("--glossary")
        .arg(dir)
        .output()
        .map_err(|e| anyhow::anyhow!("cannot run /usr/bin/time: {e}"))?;
    if n > TIMED_OUT_ABOVE && matches!(out.status.code(), Some(124 | 137)) {
        return Ok(None);
    }
    if !out.status.success() {
        anyhow::bail!(
            "`shuyu validate --glossary {}` failed: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .last()
                .unwrap_or_default()
        );
    }
    let report = String::from_utf8_lossy(&out.stderr);
    let field = |name: &str| {
        report
            .lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .map(|v| v.trim().to_string())
            .ok_or_else(|| anyhow::anyhow!("no `{name}` in the output of /usr/bin/time"))
    };
    let seconds = |v: String| -> f64 {
        // h:mm:ss or m:ss.ss
        v.split(':').fold(0.0, |acc, part| {
            acc * 60.0 + part.parse::<f64>().unwrap_or(0.0)
        })
    };
    let user: f64 = field("User time (seconds):")?.parse()?;
    let sys: f64 = field("System time (seconds):")?.parse()?;
    Ok(Some(Process {
        wall: seconds(field("Elapsed (wall clock) time (h:mm:ss or m:ss):")?),
        cpu: user + sys,
        rss_mb: field("Maximum resident set size (kbytes):")?.parse::<f64>()? / 1024.0,
    }))
}
