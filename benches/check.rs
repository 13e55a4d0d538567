//! Benchmark: `shuyu check` throughput on a generated 100k-segment XLIFF 1.2 file, next to
//! `grep -c` over the same file as the floor (issue 11). Not a timed test: it prints figures.
//!
//! ```text
//! cargo bench --bench check
//! SHUYU_BENCH_SEGMENTS=1000000 SHUYU_BENCH_RUNS=1 cargo bench --bench check
//! ```
//!
//! Input: `SHUYU_BENCH_SEGMENTS` (default 100,000) `trans-unit`s written into
//! `/dev/shm/shuyu-bench/` (tmpfs; the system temp folder where there is none). Each source is a
//! Chinese sentence with one or two of the glossary's Chinese terms (the repository's
//! `glossary/`) in one of a few sentence frames; each target is an English sentence with the
//! preferred rendering, in 1 of 20 segments a deprecated or superseded one (when the concept
//! has one), in 1 of 25 no rendering at all. Generated deterministically.
//!
//! Both commands run as processes under `/usr/bin/time -v` (peak RSS; wall time measured around
//! the process, since `time` rounds to 10 ms), the best of
//! `SHUYU_BENCH_RUNS` (default 3): the release `shuyu --glossary glossary check FILE --format
//! json` (output to a file on the same tmpfs), and `grep -c '<trans-unit'` over the same file,
//! which reads every byte once and does no work: the floor.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use shuyu::model::{Glossary, Status};

const FRAMES: &[(&str, &str)] = &[
    (
        "要坚持和发展{0},不断推进{1}。",
        "We must uphold and develop {0} and keep advancing {1}.",
    ),
    (
        "会议强调,{0}是新时代的一项重要工作。",
        "The meeting stressed that {0} is an important task in the new era.",
    ),
    (
        "各地积极探索{0}与{1}相结合的有效途径。",
        "Localities have explored effective ways of combining {0} with {1}.",
    ),
    (
        "进一步加强{0},为高质量发展提供有力保障。",
        "Efforts will be made to strengthen {0} to provide a strong guarantee for high-quality development.",
    ),
];

/// A concept's preferred Chinese term and its English renderings.
struct Pick {
    zh: String,
    en: String,
    avoided: Option<String>,
}

fn picks(g: &Glossary) -> Vec<Pick> {
    g.concepts
        .values()
        .filter(|c| c.relations.components.is_empty())
        .filter_map(|c| {
            let zh = c.preferred("zh")?.text.clone();
            let en = c.preferred("en")?.text.clone();
            let avoided = c.terms.get("en").and_then(|ts| {
                ts.iter()
                    .find(|t| matches!(t.status, Status::Deprecated | Status::Superseded))
                    .map(|t| t.text.clone())
            });
            Some(Pick { zh, en, avoided })
        })
        .collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The XLIFF file and how many of its targets use a deprecated rendering.
fn generate(path: &Path, picks: &[Pick], segments: usize) -> usize {
    let mut seed: u64 = 11;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let mut out = String::with_capacity(segments * 260);
    out.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n<file original=\"bench.txt\" source-language=\"zh-CN\" target-language=\"en-US\" datatype=\"plaintext\">\n<body>\n",
    );
    let mut deprecated = 0;
    for i in 0..segments {
        let (zh_frame, en_frame) = FRAMES[next(FRAMES.len())];
        let a = &picks[next(picks.len())];
        let b = &picks[next(picks.len())];
        let zh = zh_frame.replace("{0}", &a.zh).replace("{1}", &b.zh);
        let roll = next(100);
        let first = match (&a.avoided, roll) {
            (Some(d), 0..=4) => {
                deprecated += 1;
                d.as_str()
            }
            (_, 5..=8) => "this work",
            _ => a.en.as_str(),
        };
        let en = en_frame.replace("{0}", first).replace("{1}", &b.en);
        let _ = writeln!(
            out,
            "<trans-unit id=\"u{i}\">\n  <source>{}</source>\n  <target state=\"translated\">{}</target>\n</trans-unit>",
            escape(&zh),
            escape(&en)
        );
    }
    out.push_str("</body>\n</file>\n</xliff>\n");
    std::fs::write(path, out).unwrap();
    deprecated
}

struct Process {
    wall: f64,
    rss_mb: f64,
    stdout: String,
}

/// Runs `args` under `/usr/bin/time -v`, stdout to `out` (a file) or captured.
fn timed(args: &[&str], out: Option<&Path>) -> Process {
    let mut cmd = Command::new("/usr/bin/time");
    cmd.arg("-v").args(args).stderr(Stdio::piped());
    match out {
        Some(path) => cmd.stdout(std::fs::File::create(path).unwrap()),
        None => cmd.stdout(Stdio::piped()),
    };
    let started = std::time::Instant::now();
    let run = cmd.output().expect("run /usr/bin/time");
    let wall = started.elapsed().as_secs_f64();
    let report = String::from_utf8_lossy(&run.stderr);
    assert!(
        matches!(run.status.code(), Some(0 | 1)),
        "{args:?} failed: {report}"
    );
    let field = |name: &str| {
        report
            .lines()
            .find_map(|l| l.trim().strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| panic!("no `{name}` from /usr/bin/time: {report}"))
    };
    Process {
        wall,
        rss_mb: field("Maximum resident set size (kbytes):")
            .parse::<f64>()
            .unwrap()
            / 1024.0,
        stdout: String::from_utf8_lossy(&run.stdout).into_owned(),
    }
}

fn best(runs: usize, mut f: impl FnMut() -> Process) -> Process {
    let mut best: Option<Process> = None;
    for _ in 0..runs {
        let p = f();
        if best.as_ref().is_none_or(|b| p.wall < b.wall) {
            best = Some(p);
        }
    }
    best.unwrap()
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let segments = env_usize("SHUYU_BENCH_SEGMENTS", 100_000);
    let runs = env_usize("SHUYU_BENCH_RUNS", 3).max(1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let glossary_dir = root.join("glossary");
    let (raw, diags) = shuyu::load::load(&glossary_dir).unwrap();
    let g = shuyu::validate::validate(raw, diags)
        .glossary
        .expect("the repository's glossary is valid");
    let picks = picks(&g);
    let dir = if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm/shuyu-bench")
    } else {
        std::env::temp_dir().join("shuyu-bench")
    };
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("check-{segments}.xlf"));
    let findings = dir.join(format!("check-{segments}.jsonl"));
    let deprecated = generate(&file, &picks, segments);
    let mb = std::fs::metadata(&file).unwrap().len() as f64 / 1e6;
    println!(
        "input: {} ({segments} segments, {mb:.1} MB, {} concepts in the frames, {deprecated} deprecated renderings)",
        file.display(),
        picks.len()
    );

    let bin = env!("CARGO_BIN_EXE_shuyu");
    let (f, g_dir) = (file.to_str().unwrap(), glossary_dir.to_str().unwrap());
    let check = best(runs, || {
        timed(
            &[bin, "--glossary", g_dir, "check", f, "--format", "json"],
            Some(&findings),
        )
    });
    let grep = best(runs, || timed(&["grep", "-c", "<trans-unit", f], None));
    assert_eq!(grep.stdout.trim(), segments.to_string());
    let text = std::fs::read_to_string(&findings).unwrap();
    let errors = text
        .lines()
        .filter(|l| l.contains("\"level\":\"error\""))
        .count();

    let rate = |p: &Process| segments as f64 / p.wall.max(1e-3);
    println!("best of {runs} (wall time, peak RSS from /usr/bin/time -v):");
    println!(
        "  shuyu check --format json  {:>8.2} s  {:>10.0} segments/s  {:>7.1} MB/s  peak RSS {:>7.1} MB  ({} findings, {errors} errors)",
        check.wall,
        rate(&check),
        mb / check.wall.max(1e-3),
        check.rss_mb,
        text.lines().count()
    );
    println!(
        "  grep -c '<trans-unit'      {:>8.2} s  {:>10.0} segments/s  {:>7.1} MB/s  peak RSS {:>7.1} MB",
        grep.wall,
        rate(&grep),
        mb / grep.wall.max(1e-3),
        grep.rss_mb
    );
    println!(
        "  ratio: check takes {:.1}x grep's time, {:.1}x its peak memory; file size / check's peak RSS = {:.2}",
        check.wall / grep.wall.max(1e-3),
        check.rss_mb / grep.rss_mb.max(1e-3),
        mb / check.rss_mb.max(1e-3)
    );
    assert!(
        errors >= deprecated,
        "every deprecated rendering is an error ({errors} errors, {deprecated} injected)"
    );
}
