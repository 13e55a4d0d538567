//! Benchmark: `shuyu build` of the synthetic 10k-concept glossary against Hugo and against a
//! bare floor, side by side in one run with the output on tmpfs (issue 9: at least 3× faster
//! than Hugo in wall time, within 2.5× of the floor, peak memory under 1 GB at 10k and under
//! 4 GB at 100k; the search index's size and the time per keystroke, goal under 50 ms).
//!
//! ```text
//! cargo bench --bench build                       # 10k concepts, 5 rounds
//! SHUYU_BENCH_RUNS=9 cargo bench --bench build    # more rounds
//! SHUYU_BENCH_100K=1 cargo bench --bench build    # also shuyu and the floor at 100k (slow)
//! ```
//!
//! What runs, each as a whole process under `/usr/bin/time` (wall time, user + system CPU
//! time, peak RSS), the median of the rounds after a warm-up round, in a rotating order within
//! each round so that the machine's other load falls on all three alike:
//!
//! - **shuyu**: `target/release/shuyu build --glossary G --out /dev/shm/…` (load, validate,
//!   link, render with minijinja, search index, atomic swap), into an empty output folder.
//! - **Hugo** (Debian `hugo`, installed with apt-get if missing; skipped with a reason if it
//!   cannot be had): a Hugo project written here from the same glossary, one Markdown page per
//!   concept and per source with the same content as shuyu's page (front matter with every term,
//!   its status, pinyin and authority, which the layout renders as a table; the definition and
//!   notes as Markdown; the passages the concept page shows, i.e. its concordance with the
//!   aligned translations, taken from shuyu's own page views), a list page of every concept, a
//!   list of sources, and the search index as Hugo's JSON output of the home page listing every
//!   concept's terms. RSS, sitemap and taxonomies are off (shuyu writes none).
//! - **floor**: this binary re-run as `build --floor G OUT`: `shuyu::load::load` (the same YAML
//!   files, the crate's own reader), pulldown-cmark for definitions and notes, a page formatted
//!   with `format!`/`push_str`, a list page and a JSON search index, written with `std::fs` on a
//!   2-thread rayon pool. Each concept page shows its terms and the passages it cites (with
//!   their aligned translations); no validation, no linking, no charts.
//!
//! Then the search: `search-index.js` bytes (and gzipped), and the built site's own
//! `static/site.js` search timed in Node keystroke by keystroke (`benches/build_search.js`).
//!
//! Wall time is the goals' measure, but on a shared machine it mostly measures the other load
//! (the table prints the load average): compare the CPU-time ratios too, which that load does
//! not inflate (shuyu and Hugo both run on every core, so on an idle machine wall ≈ CPU / 2 for
//! their parallel parts), and use callgrind (below) for stable counts.
//!
//! Glossaries are written by the generator of `examples/gen.rs` (the same code, included by
//! `benches/common/mod.rs`) into `/dev/shm/shuyu-bench/g<N>-seed1` (shared with
//! `benches/validate.rs` and `benches/exchange.rs`) and reused while the generator is unchanged.
//! Output goes to `/dev/shm/shuyu-bench/build-*`.
//!
//! Profile (instruction counts, stable on a loaded machine), with the `profiling` build
//! (`cargo build --profile profiling`: release plus line tables):
//!
//! ```text
//! valgrind --tool=callgrind --callgrind-out-file=cg.out \
//!     target/profiling/shuyu build --glossary /dev/shm/shuyu-bench/g10000-seed1 --out /dev/shm/cg-site
//! callgrind_annotate --inclusive=yes cg.out | head -60
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context};
use rayon::prelude::*;

mod common;
use common::{median, Sample};

/// The goals of issue 9.
const GOAL_VS_HUGO: f64 = 3.0;
const GOAL_VS_FLOOR: f64 = 2.5;
const GOAL_RSS_10K_MB: f64 = 1024.0;
const GOAL_RSS_100K_MB: f64 = 4096.0;
const GOAL_KEYSTROKE_MS: f64 = 50.0;
/// What a reader types, keystroke by keystroke.
const QUERIES: &[&str] = &["shehui", "社会", "social w"];
/// The argument that makes this binary the floor.
const FLOOR: &str = "--floor";

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let result = if args.get(1).map(String::as_str) == Some(FLOOR) && args.len() == 4 {
        floor::run(Path::new(&args[2]), Path::new(&args[3]))
    } else {
        run()
    };
    if let Err(e) = result {
        eprintln!("error: {e:#}");
        std::process::exit(2);
    }
}

/// One way of building the site.
struct Tool {
    name: &'static str,
    /// The program and its arguments, with `{out}` for the output folder.
    argv: Vec<String>,
    out: PathBuf,
    samples: Vec<Sample>,
}

fn run() -> anyhow::Result<()> {
    let runs: usize = env_parse("SHUYU_BENCH_RUNS", 5)?;
    let root = common::root();
    if !Path::new("/usr/bin/time").exists() {
        install("time");
    }
    if !Path::new("/usr/bin/time").exists() {
        bail!("/usr/bin/time is missing and could not be installed (apt-get install -y time)");
    }
    let bin = env!("CARGO_BIN_EXE_shuyu");
    let me = std::env::current_exe().context("cannot find this benchmark's own binary")?;
    let dir = common::glossary(&root, 10_000)?;
    let (files, bytes) = common::size_of(&dir)?;

    let mut tools = vec![
        Tool {
            name: "shuyu build",
            argv: strings(&[bin, "build", "--glossary", path_str(&dir), "--out", "{out}"]),
            out: root.join("build-shuyu"),
            samples: Vec::new(),
        },
        Tool {
            name: "floor",
            argv: vec![
                me.to_string_lossy().into_owned(),
                FLOOR.into(),
                path_str(&dir).into(),
                "{out}".into(),
            ],
            out: root.join("build-floor"),
            samples: Vec::new(),
        },
    ];
    match hugo(&root, &dir) {
        Ok(argv) => tools.insert(
            1,
            Tool {
                name: "hugo",
                argv,
                out: root.join("build-hugo"),
                samples: Vec::new(),
            },
        ),
        Err(why) => println!("Hugo is skipped: {why:#}"),
    }

    let load_before = common::load_average();
    for round in 0..=runs {
        for k in 0..tools.len() {
            // Rotate the order, so that no tool always runs right after another.
            let i = (k + round) % tools.len();
            let tool = &mut tools[i];
            let s = measure(tool)?;
            eprintln!(
                "round {round}: {:<12} {:>6.2} s wall {:>6.2} s cpu {:>6.0} MB",
                tool.name, s.wall, s.cpu, s.rss_mb
            );
            if round > 0 {
                tool.samples.push(s);
            }
        }
    }

    println!();
    println!(
        "load average of the machine (2 cores shared): {load_before} before, {} after",
        common::load_average()
    );
    println!(
        "10k concepts ({files} files, {:.1} MB of YAML), output on {}, median of {runs} rounds \
         after a warm-up, side by side:",
        bytes as f64 / 1e6,
        root.display()
    );
    println!(
        "{:<12} {:>8} {:>8} {:>9} {:>8} {:>8} {:>9} {:>9}",
        "", "wall s", "cpu s", "peak MB", "pages", "MB out", "wall/shuyu", "cpu/shuyu"
    );
    let medians: Vec<Sample> = tools.iter().map(|t| median(&t.samples)).collect();
    let shuyu = medians[0];
    for (t, m) in tools.iter().zip(&medians) {
        let (pages, out_bytes) = html_files(&t.out);
        println!(
            "{:<12} {:>8.2} {:>8.2} {:>9.0} {:>8} {:>8.0} {:>9.2}x {:>8.2}x",
            t.name,
            m.wall,
            m.cpu,
            m.rss_mb,
            pages,
            out_bytes as f64 / 1e6,
            m.wall / shuyu.wall,
            m.cpu / shuyu.cpu
        );
    }
    for (t, m) in tools.iter().zip(&medians).skip(1) {
        // Wall time is the goal's measure; CPU time is what the machine's other load does not
        // inflate (the build runs 2 threads, so on an idle machine wall is about CPU / 2).
        let (wall, cpu) = if t.name == "hugo" {
            (m.wall / shuyu.wall, m.cpu / shuyu.cpu)
        } else {
            (shuyu.wall / m.wall, shuyu.cpu / m.cpu)
        };
        if t.name == "hugo" {
            println!(
                "  shuyu at least {GOAL_VS_HUGO}x faster than Hugo: {wall:.2}x in wall time ({}), \
                 {cpu:.2}x in CPU time ({})",
                verdict(wall >= GOAL_VS_HUGO),
                verdict(cpu >= GOAL_VS_HUGO)
            );
        } else {
            println!(
                "  shuyu within {GOAL_VS_FLOOR}x of the floor: {wall:.2}x in wall time ({}), \
                 {cpu:.2}x in CPU time ({})",
                verdict(wall <= GOAL_VS_FLOOR),
                verdict(cpu <= GOAL_VS_FLOOR)
            );
        }
    }
    println!(
        "  peak memory at 10k under {GOAL_RSS_10K_MB:.0} MB: {:.0} MB: {}",
        shuyu.rss_mb,
        verdict(shuyu.rss_mb < GOAL_RSS_10K_MB)
    );

    search(&tools[0].out)?;

    if std::env::var("SHUYU_BENCH_100K").is_ok_and(|v| v == "1") {
        big(&root, bin, &me)?;
    } else {
        println!();
        println!("100k concepts: set SHUYU_BENCH_100K=1 (generates ~320 MB of YAML once)");
    }
    Ok(())
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "meets the goal"
    } else {
        "MISSES the goal"
    }
}

/// shuyu and the floor once each at 100k concepts (Hugo is not run: its project alone would
/// take minutes to write).
fn big(root: &Path, bin: &str, me: &Path) -> anyhow::Result<()> {
    let dir = common::glossary(root, 100_000)?;
    let (files, bytes) = common::size_of(&dir)?;
    let mut tools = [
        Tool {
            name: "shuyu build",
            argv: strings(&[bin, "build", "--glossary", path_str(&dir), "--out", "{out}"]),
            out: root.join("build-shuyu-100k"),
            samples: Vec::new(),
        },
        Tool {
            name: "floor",
            argv: strings(&[path_str(me), FLOOR, path_str(&dir), "{out}"]),
            out: root.join("build-floor-100k"),
            samples: Vec::new(),
        },
    ];
    println!();
    println!(
        "100k concepts ({files} files, {:.0} MB of YAML), one run each:",
        bytes as f64 / 1e6
    );
    println!("{:<12} {:>8} {:>8} {:>9}", "", "wall s", "cpu s", "peak MB");
    for t in &mut tools {
        let s = measure(t)?;
        println!(
            "{:<12} {:>8.2} {:>8.2} {:>9.0}",
            t.name, s.wall, s.cpu, s.rss_mb
        );
        t.samples.push(s);
        let _ = std::fs::remove_dir_all(&t.out);
    }
    let rss = tools[0].samples[0].rss_mb;
    println!(
        "  peak memory at 100k under {GOAL_RSS_100K_MB:.0} MB: {rss:.0} MB: {}",
        verdict(rss < GOAL_RSS_100K_MB)
    );
    Ok(())
}

fn strings(parts: &[&str]) -> Vec<String> {
    parts.iter().map(|s| s.to_string()).collect()
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("benchmark paths are UTF-8")
}

fn env_parse<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T>
where
    T::Err: std::fmt::Display,
{
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .map_err(|e| anyhow::anyhow!("{name}={v}: {e}")),
        Err(_) => Ok(default),
    }
}

/// Runs the tool once into an empty output folder, under `/usr/bin/time`.
fn measure(tool: &Tool) -> anyhow::Result<Sample> {
    remove(&tool.out)?;
    let report = tool.out.with_extension("time");
    let argv: Vec<String> = tool
        .argv
        .iter()
        .map(|a| a.replace("{out}", path_str(&tool.out)))
        .collect();
    let start = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%U %S %M")
        .arg("-o")
        .arg(&report)
        .args(&argv)
        .output()
        .context("cannot run /usr/bin/time")?;
    let wall = start.elapsed().as_secs_f64();
    if !out.status.success() {
        bail!(
            "`{}` failed ({}):\n{}{}",
            argv.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = std::fs::read_to_string(&report)
        .with_context(|| format!("cannot read {}", report.display()))?;
    let fields: Vec<f64> = text
        .lines()
        .last()
        .unwrap_or_default()
        .split_whitespace()
        .map(|f| f.parse().unwrap_or(f64::NAN))
        .collect();
    let [user, sys, rss_kb] = fields[..] else {
        bail!("unexpected output of /usr/bin/time: {text}");
    };
    Ok(Sample {
        wall,
        cpu: user + sys,
        rss_mb: rss_kb / 1024.0,
    })
}

/// Removes a folder if it exists (and shuyu's lock file beside it).
fn remove(dir: &Path) -> anyhow::Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(e).with_context(|| format!("cannot remove {}", dir.display()))
        }
        _ => Ok(()),
    }
}

/// HTML files and all bytes under a folder.
fn html_files(dir: &Path) -> (usize, u64) {
    let mut pages = 0;
    let mut bytes = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(entry.path());
            } else {
                bytes += entry.metadata().map_or(0, |m| m.len());
                pages += usize::from(entry.file_name().to_string_lossy().ends_with(".html"));
            }
        }
    }
    (pages, bytes)
}

/// `apt-get install -y NAME` (with an update first if the package is not known yet).
fn install(name: &str) -> bool {
    let apt = |args: &[&str]| {
        Command::new("apt-get")
            .args(args)
            .env("DEBIAN_FRONTEND", "noninteractive")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    eprintln!("installing {name} with apt-get…");
    apt(&["install", "-y", "-q", name])
        || (apt(&["update", "-q"]) && apt(&["install", "-y", "-q", name]))
}

// ---------------------------------------------------------------------------------------------
// The glossary

// ---------------------------------------------------------------------------------------------
// Hugo

/// Hugo's command line for a project written from the glossary (reused while the glossary and
/// this file are unchanged), or why Hugo cannot run.
fn hugo(root: &Path, glossary: &Path) -> anyhow::Result<Vec<String>> {
    let hugo = which("hugo")
        .or_else(|| install("hugo").then(|| which("hugo")).flatten())
        .context("`hugo` is not installed and `apt-get install -y hugo` failed")?;
    let version = Command::new(&hugo)
        .arg("version")
        .output()
        .context("cannot run hugo")?;
    eprintln!("{}", String::from_utf8_lossy(&version.stdout).trim());
    let project = root.join("hugo-project");
    let stamp = project.join(".generated");
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::fs::read_to_string(glossary.join(".generated"))
        .unwrap_or_default()
        .hash(&mut h);
    include_str!("build.rs").hash(&mut h);
    let want = format!("{} {:016x}\n", glossary.display(), h.finish());
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == want) {
        eprintln!("reusing {}", project.display());
    } else {
        let start = Instant::now();
        remove(&project)?;
        hugo_project::write(glossary, &project)?;
        std::fs::write(&stamp, want)?;
        eprintln!(
            "wrote the Hugo project {} in {:.1} s",
            project.display(),
            start.elapsed().as_secs_f64()
        );
    }
    Ok(vec![
        hugo.to_string_lossy().into_owned(),
        "--quiet".into(),
        "--source".into(),
        path_str(&project).into(),
        "--destination".into(),
        "{out}".into(),
        "--cacheDir".into(),
        path_str(&root.join("hugo-cache")).into(),
    ])
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

mod hugo_project {
    //! A Hugo project with the content of shuyu's pages, from shuyu's own page views.

    use super::*;
    use shuyu::site::pages::{AlignedText, Page, PassageLink, Site, View};

    const CONFIG: &str = r#"baseURL = "https://example.org/"
languageCode = "en"
title = "shuyu synthetic glossary"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[outputs]
home = ["HTML", "JSON"]
section = ["HTML"]
page = ["HTML"]
[markup.goldmark.renderer]
unsafe = true
"#;

    const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<form action="{{ "search/" | relURL }}"><input type="search" name="q" aria-label="Search"></form></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>Text under CC BY 4.0. Cite this entry: {{ site.Title }}, “{{ .Title }}”, {{ .Permalink }} (built {{ now.Format "2006-01-02" }}).</p></footer>
</body>
</html>
"#;

    const SINGLE: &str = r#"{{ define "main" }}<article>
<h1><span lang="zh-Hans">{{ .Title }}</span>{{ with .Params.pinyin }} <span class="py">{{ . }}</span>{{ end }}{{ with .Params.traditional }} <span lang="zh-Hant">{{ . }}</span>{{ end }}</h1>
{{ with .Params.domains }}<p>Domains: {{ delimit . ", " }}</p>{{ end }}
{{ with .Params.languages }}<section><h2>Renderings</h2>
{{ range . }}<table class="terms"><caption>{{ .name }}</caption>
<thead><tr><th>Term</th><th>Status</th><th>Used by</th><th>Attested in</th></tr></thead><tbody>
{{ range .terms }}<tr class="row-{{ .status }}"><th><span lang="{{ .lang }}">{{ .text }}</span>{{ with .pinyin }} <span class="py">{{ . }}</span>{{ end }}{{ with .note }}<p class="note">{{ . }}</p>{{ end }}</th>
<td><span class="status {{ .status }}">{{ .status }}</span></td><td>{{ .authority }}</td>
<td>{{ range $i, $p := .attested }}{{ if $i }}; {{ end }}<a href="{{ $p.href }}">{{ $p.label }}</a>{{ end }}</td></tr>
{{ end }}</tbody></table>
{{ end }}</section>{{ end }}
{{ with .Params.meta }}<dl>{{ range . }}<dt>{{ .k }}</dt><dd>{{ .v }}</dd>{{ end }}</dl>{{ end }}
{{ .Content }}
</article>{{ end }}
"#;

    const LIST: &str = r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul class="concepts">{{ range .Pages }}<li><a href="{{ .RelPermalink }}"><span lang="zh-Hans">{{ .Title }}</span> {{ .Params.pinyin }} <span lang="en">{{ .Params.english }}</span></a></li>
{{ end }}</ul>{{ end }}
"#;

    const HOME: &str = r#"{{ define "main" }}<h1>{{ site.Title }}</h1>
<ul>{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</li>{{ end }}</ul>{{ end }}
"#;

    /// The search index: every concept with all its forms.
    const HOME_JSON: &str = r#"[{{ range $i, $p := where site.RegularPages "Section" "concepts" }}{{ if $i }},{{ end }}{{ dict "href" $p.RelPermalink "headword" $p.Title "pinyin" $p.Params.pinyin "english" $p.Params.english "forms" $p.Params.forms | jsonify }}{{ end }}]
"#;

    pub fn write(glossary: &Path, project: &Path) -> anyhow::Result<()> {
        let (raw, diags) = shuyu::load::load(glossary)?;
        let validated = shuyu::validate::validate(raw, diags);
        let model = validated
            .glossary
            .with_context(|| format!("{} does not validate", glossary.display()))?;
        let linker = shuyu::link::Linker::new(&model);
        let linked = shuyu::link::link_glossary(&linker, &model);
        let site = Site::new(&model, &linked, "2026-01-01");
        for (path, text) in [
            ("hugo.toml", CONFIG),
            ("layouts/_default/baseof.html", BASEOF),
            ("layouts/_default/single.html", SINGLE),
            ("layouts/_default/list.html", LIST),
            ("layouts/index.html", HOME),
            ("layouts/index.json", HOME_JSON),
            (
                "static/style.css",
                include_str!("../templates/static/style.css"),
            ),
        ] {
            put(&project.join(path), text)?;
        }
        let pages = site.page_list();
        pages.par_iter().try_for_each(|page| -> anyhow::Result<()> {
            let (path, text) = match (page, site.context(page)) {
                (Page::Concept(id), View::Concept(v)) => (
                    format!("content/concepts/{id}.md"),
                    concept(&v, &model.concepts[id]),
                ),
                (Page::Source(id), View::Source(v)) => {
                    (format!("content/sources/{id}.md"), source(&v))
                }
                _ => return Ok(()),
            };
            put(&project.join(path), &text)
        })
    }

    fn put(path: &Path, text: &str) -> anyhow::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
    }

    fn json(v: impl serde::Serialize) -> String {
        serde_json::to_string(&v).expect("views serialize")
    }

    fn link(p: &PassageLink) -> serde_json::Value {
        // Hugo pages live at concepts/<id>/: the same relative depth as shuyu's.
        serde_json::json!({ "href": p.href.replace("/index.html", "/"), "label": p.label })
    }

    /// A source's attesting passages: the first under the source's label, the others by id,
    /// as shuyu's page shows them.
    fn attestation(a: &shuyu::site::pages::Attestation) -> Vec<serde_json::Value> {
        let more = a.more.iter().map(|p| {
            serde_json::json!({ "href": p.href.replace("/index.html", "/"), "label": p.passage })
        });
        std::iter::once(link(&a.first)).chain(more).collect()
    }

    fn concept(v: &shuyu::site::pages::ConceptView, c: &shuyu::model::Concept) -> String {
        let head = v.headword.as_ref();
        let english = v
            .languages
            .iter()
            .find(|l| l.lang == "en")
            .and_then(|l| l.terms.first())
            .map(|t| t.text.as_str())
            .unwrap_or_default();
        let languages: Vec<serde_json::Value> = v
            .languages
            .iter()
            .map(|l| {
                let terms: Vec<serde_json::Value> = l
                    .terms
                    .iter()
                    .map(|t| {
                        serde_json::json!({
                            "lang": t.lang, "text": t.text, "status": t.status,
                            "pinyin": t.pinyin, "authority": t.authority, "note": t.note,
                            "attested": t.attested.iter().flat_map(attestation).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                serde_json::json!({ "name": l.name, "terms": terms })
            })
            .collect();
        let forms: Vec<serde_json::Value> = v
            .languages
            .iter()
            .flat_map(|l| l.terms.iter().map(move |t| (l, t)))
            .map(|(l, t)| serde_json::json!([l.lang, t.status, t.text, t.pinyin]))
            .collect();
        let mut md = String::new();
        md.push_str("---\n");
        let _ = writeln!(
            md,
            "title: {}",
            json(head.map_or(v.id.as_str(), |h| &h.text))
        );
        let _ = writeln!(md, "pinyin: {}", json(head.and_then(|h| h.pinyin.as_ref())));
        let _ = writeln!(
            md,
            "traditional: {}",
            json(head.and_then(|h| h.traditional.as_ref()))
        );
        let _ = writeln!(md, "english: {}", json(english));
        let _ = writeln!(
            md,
            "domains: {}",
            json(v.domains.iter().map(|d| &d.name).collect::<Vec<_>>())
        );
        let _ = writeln!(md, "languages: {}", json(languages));
        let _ = writeln!(md, "forms: {}", json(forms));
        md.push_str("---\n\n");
        // The concept's own Markdown, as written in the glossary.
        for (heading, texts) in [
            ("Definition", &c.definition),
            ("Notes for translators", &c.notes),
        ] {
            for (lang, text) in texts.iter() {
                let _ = write!(md, "## {heading} ({lang})\n\n{text}\n\n");
            }
        }
        if !v.concordance.is_empty() {
            md.push_str("## Concordance\n\n");
            for line in &v.concordance {
                let _ = writeln!(
                    md,
                    "<div class=\"pair\"><div class=\"orig\"><p lang=\"{}\">{}</p><p class=\"src\"><a href=\"{}\">{}</a></p></div>",
                    line.lang,
                    one_block(&line.html),
                    line.passage.href,
                    line.passage.label
                );
                aligned(&mut md, &line.translations);
                md.push_str("</div>\n\n");
            }
        }
        md
    }

    fn source(v: &shuyu::site::pages::SourceView) -> String {
        let mut md = String::new();
        md.push_str("---\n");
        let _ = writeln!(md, "title: {}", json(&v.title));
        let meta = serde_json::json!([
            { "k": "Publisher", "v": v.publisher },
            { "k": "Date", "v": v.date },
            { "k": "Language", "v": v.lang_name },
            { "k": "Kind", "v": v.kind },
            { "k": "Original", "v": v.original.as_ref().map(|o| &o.title) },
        ]);
        let _ = writeln!(md, "meta: {}", json(meta));
        md.push_str("---\n\n");
        for p in &v.passages {
            let _ = writeln!(
                md,
                "<section id=\"p-{}\"><p lang=\"{}\">{}</p>",
                p.id,
                v.lang,
                one_block(&p.html)
            );
            aligned(&mut md, &p.aligned);
            md.push_str("</section>\n\n");
        }
        md
    }

    fn aligned(md: &mut String, texts: &[AlignedText]) {
        for t in texts {
            let _ = writeln!(
                md,
                "<div class=\"trans\"><p lang=\"{}\">{}</p><p class=\"src\">{} · <a href=\"{}\">{}</a></p></div>",
                t.lang,
                one_block(&t.html),
                t.name,
                t.passage.href,
                t.passage.label
            );
        }
    }

    /// HTML kept inside one Markdown HTML block (which a blank line would end).
    fn one_block(html: &str) -> String {
        html.trim_end().replace('\n', "<br>")
    }
}

// ---------------------------------------------------------------------------------------------
// The search

fn search(site: &Path) -> anyhow::Result<()> {
    let index = site.join("search-index.js");
    let bytes = std::fs::metadata(&index)
        .with_context(|| format!("cannot read {}", index.display()))?
        .len();
    let gzipped = Command::new("gzip")
        .arg("-9c")
        .arg(&index)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| o.stdout.len());
    println!();
    println!(
        "search index at 10k: search-index.js {:.2} MB{}",
        bytes as f64 / 1e6,
        gzipped.map_or(String::new(), |g| format!(
            " ({:.2} MB gzipped)",
            g as f64 / 1e6
        ))
    );
    let Some(node) = which("node") else {
        println!("  Node is not installed: no time per keystroke");
        return Ok(());
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/build_search.js");
    let out = Command::new(node)
        .arg(&script)
        .arg(site)
        .args(QUERIES)
        .output()
        .context("cannot run node")?;
    if !out.status.success() {
        bail!(
            "node {} failed: {}",
            script.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut worst: f64 = 0.0;
    let mut by_query: BTreeMap<usize, Vec<Vec<&str>>> = BTreeMap::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        match f[0] {
            "load" => println!(
                "  Node {}: evaluating search-index.js ({} entries) takes {} ms ({} ms of CPU), \
                 once, on first use",
                String::from_utf8_lossy(
                    &Command::new("node")
                        .arg("--version")
                        .output()
                        .map(|o| o.stdout)
                        .unwrap_or_default()
                )
                .trim(),
                f[2],
                f[1],
                f.get(4).unwrap_or(&"?")
            ),
            "key" => {
                let q = QUERIES.iter().position(|q| *q == f[1]).unwrap_or(0);
                by_query.entry(q).or_default().push(f);
            }
            _ => {}
        }
    }
    println!(
        "  time per keystroke of `shuyuSearch(typed, 12)` (static/site.js), ms (wall: first call, \
         median and max of the repeats; cpu: median CPU time of the repeats):"
    );
    println!(
        "  {:<10} {:>8} {:>8} {:>8} {:>8} {:>5}  top hit",
        "typed", "first", "median", "max", "cpu", "hits"
    );
    let mut worst_wall: f64 = 0.0;
    for rows in by_query.values() {
        for f in rows {
            let ms = |i: usize| f[i].parse::<f64>().unwrap_or(f64::NAN);
            worst_wall = worst_wall.max(ms(4));
            worst = worst.max(ms(6));
            println!(
                "  {:<10} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>5}  {}",
                format!("{:?}", f[2]),
                ms(3),
                ms(4),
                ms(5),
                ms(6),
                f[7],
                f[8]
            );
        }
    }
    println!(
        "  slowest keystroke under {GOAL_KEYSTROKE_MS:.0} ms: {worst:.1} ms of CPU \
         ({worst_wall:.1} ms wall on this machine's load): {}",
        verdict(worst < GOAL_KEYSTROKE_MS)
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The floor

mod floor {
    //! Parse the same YAML, render the Markdown, format each page with a plain string template,
    //! write the files; 2 threads.

    use super::*;
    use shuyu::raw::{RawConcept, RawSource, Status};

    pub fn run(glossary: &Path, out: &Path) -> anyhow::Result<()> {
        rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build_global()
            .context("cannot start the thread pool")?;
        let (raw, _) = shuyu::load::load(glossary)?;
        let concepts: Vec<&RawConcept> = raw.concepts.iter().map(|c| &c.value).collect();
        let sources: Vec<&RawSource> = raw.sources.iter().map(|s| &s.value).collect();
        let by_id: HashMap<&str, &RawSource> =
            sources.iter().map(|s| (s.id.value.as_str(), *s)).collect();
        let mut translations: HashMap<&str, Vec<&RawSource>> = HashMap::new();
        for s in &sources {
            if let Some(o) = &s.translation_of {
                translations.entry(o.value.as_str()).or_default().push(s);
            }
        }
        let f = Floor {
            by_id,
            translations,
        };
        std::fs::create_dir_all(out)?;
        concepts.par_iter().try_for_each(|c| {
            let page = f.concept(c);
            write(out, &format!("concepts/{}", c.id.value), &page)
        })?;
        sources.par_iter().try_for_each(|s| {
            let page = f.source(s);
            write(out, &format!("sources/{}", s.id.value), &page)
        })?;
        let mut list = head("Concepts");
        let mut index = Vec::with_capacity(concepts.len());
        list.push_str("<ul>\n");
        for c in &concepts {
            let (zh, pinyin) = headword(c);
            let en = preferred(c, "en");
            let _ = writeln!(
                list,
                "<li><a href=\"concepts/{}/index.html\">{} {} {}</a></li>",
                c.id.value,
                esc(zh),
                esc(pinyin),
                esc(en)
            );
            let forms: Vec<serde_json::Value> = c
                .terms
                .0
                .iter()
                .flat_map(|(lang, terms)| {
                    terms.iter().map(move |t| {
                        serde_json::json!([
                            lang.value,
                            status(t.status),
                            t.term.value,
                            t.pinyin.as_ref().map(|p| &p.value)
                        ])
                    })
                })
                .collect();
            index.push(serde_json::json!([c.id.value, zh, pinyin, en, forms]));
        }
        list.push_str("</ul>\n</main></body></html>\n");
        write(out, "", &list)?;
        let index = format!("window.INDEX={};\n", serde_json::to_string(&index)?);
        std::fs::write(out.join("search-index.js"), index)?;
        Ok(())
    }

    struct Floor<'a> {
        by_id: HashMap<&'a str, &'a RawSource>,
        translations: HashMap<&'a str, Vec<&'a RawSource>>,
    }

    impl Floor<'_> {
        fn concept(&self, c: &RawConcept) -> String {
            let (zh, pinyin) = headword(c);
            let mut p = head(zh);
            let _ = writeln!(
                p,
                "<article><h1><span lang=\"zh-Hans\">{}</span> <span class=\"py\">{}</span></h1>",
                esc(zh),
                esc(pinyin)
            );
            for (lang, terms) in &c.terms.0 {
                let _ = writeln!(
                    p,
                    "<table class=\"terms\"><caption>{}</caption><tbody>",
                    lang.value
                );
                for t in terms {
                    let _ = writeln!(
                        p,
                        "<tr class=\"row-{s}\"><th lang=\"{}\">{}{}</th><td>{s}</td><td>{}</td><td>{}</td></tr>",
                        lang.value,
                        esc(&t.term.value),
                        t.pinyin.as_ref().map_or(String::new(), |py| format!(" <span class=\"py\">{}</span>", esc(&py.value))),
                        t.authority.as_ref().map_or("", |a| a.value.as_str()),
                        t.attested.iter().map(|a| esc(&a.value)).collect::<Vec<_>>().join("; "),
                        s = status(t.status),
                    );
                }
                p.push_str("</tbody></table>\n");
            }
            for (heading, texts) in [("Definition", &c.definition), ("Notes", &c.notes)] {
                for (lang, text) in &texts.0 {
                    let _ = write!(
                        p,
                        "<section><h2>{heading}</h2><div lang=\"{}\">",
                        lang.value
                    );
                    pulldown_cmark::html::push_html(
                        &mut p,
                        pulldown_cmark::Parser::new_ext(
                            &text.value,
                            pulldown_cmark::Options::empty(),
                        ),
                    );
                    p.push_str("</div></section>\n");
                }
            }
            // The passages the entry cites, each original once with its translations.
            let refs = c
                .terms
                .0
                .iter()
                .flat_map(|(_, ts)| ts.iter().flat_map(|t| &t.attested))
                .chain(c.citations.iter().map(|x| &x.reference))
                .filter_map(|r| r.value.split_once('#'));
            let mut shown = BTreeSet::new();
            p.push_str("<section><h2>Concordance</h2><ol>\n");
            for (source, passage) in refs {
                let Some(s) = self.by_id.get(source) else {
                    continue;
                };
                let original = s.translation_of.as_ref().map_or(source, |o| &o.value);
                if !shown.insert((original, passage)) {
                    continue;
                }
                p.push_str("<li>");
                self.passage(&mut p, original, passage);
                for t in self.translations.get(original).into_iter().flatten() {
                    self.passage(&mut p, &t.id.value, passage);
                }
                p.push_str("</li>\n");
            }
            p.push_str("</ol></section></article>\n");
            foot(&mut p);
            p
        }

        fn passage(&self, p: &mut String, source: &str, passage: &str) {
            let Some(s) = self.by_id.get(source) else {
                return;
            };
            if let Some(text) = s.passages.iter().find(|x| x.id.value == passage) {
                let _ = writeln!(
                    p,
                    "<div lang=\"{}\"><p>{}</p><p class=\"src\"><a href=\"../../sources/{}/index.html#p-{}\">{}, {}</a></p></div>",
                    s.lang.value,
                    esc(&text.text),
                    s.id.value,
                    passage,
                    esc(&s.publisher),
                    s.date.value.get(..4).unwrap_or_default()
                );
            }
        }

        fn source(&self, s: &RawSource) -> String {
            let mut p = head(&s.title);
            let _ = writeln!(
                p,
                "<article><h1>{}</h1><p>{}, {} ({})</p>",
                esc(&s.title),
                esc(&s.publisher),
                s.date.value,
                s.lang.value
            );
            let original = s.translation_of.as_ref().map(|o| o.value.as_str());
            for x in &s.passages {
                let _ = writeln!(
                    p,
                    "<section id=\"p-{}\"><p>{}</p>",
                    x.id.value,
                    esc(&x.text)
                );
                let others = original
                    .into_iter()
                    .chain(
                        self.translations
                            .get(original.unwrap_or(&s.id.value))
                            .into_iter()
                            .flatten()
                            .map(|t| t.id.value.as_str()),
                    )
                    .filter(|o| *o != s.id.value);
                for o in others {
                    self.passage(&mut p, o, &x.id.value);
                }
                p.push_str("</section>\n");
            }
            p.push_str("</article>\n");
            foot(&mut p);
            p
        }
    }

    fn headword(c: &RawConcept) -> (&str, &str) {
        let zh = c
            .terms
            .0
            .iter()
            .find(|(l, _)| l.value == "zh")
            .and_then(|(_, ts)| ts.iter().find(|t| t.status == Status::Preferred));
        (
            zh.map_or("", |t| t.term.value.as_str()),
            zh.and_then(|t| t.pinyin.as_ref())
                .map_or("", |p| p.value.as_str()),
        )
    }

    fn preferred<'c>(c: &'c RawConcept, lang: &str) -> &'c str {
        c.terms
            .0
            .iter()
            .find(|(l, _)| l.value == lang)
            .and_then(|(_, ts)| ts.iter().find(|t| t.status == Status::Preferred))
            .map_or("", |t| t.term.value.as_str())
    }

    fn status(s: Status) -> &'static str {
        match s {
            Status::Preferred => "preferred",
            Status::Admitted => "admitted",
            Status::Deprecated => "deprecated",
            Status::Superseded => "superseded",
        }
    }

    fn head(title: &str) -> String {
        let mut p = String::with_capacity(16 * 1024);
        let _ = write!(
            p,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{} · shuyu</title>\
             <link rel=\"stylesheet\" href=\"../../static/style.css\"></head><body><main>\n",
            esc(title)
        );
        p
    }

    fn foot(p: &mut String) {
        p.push_str("</main><footer>Text under CC BY 4.0.</footer></body></html>\n");
    }

    fn esc(text: &str) -> String {
        shuyu::markdown::escape(text)
    }

    fn write(out: &Path, dir: &str, page: &str) -> anyhow::Result<()> {
        let dir = out.join(dir);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("index.html"), page)
            .with_context(|| format!("cannot write {}", dir.display()))
    }
}
