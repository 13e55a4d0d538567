//! `shuyu build`: the page set, links, determinism, atomic replacement, hostile content, and
//! golden pages of the fixture glossary (`tests/fixtures/site/`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::support::{check_snapshot, copy_tree, fixtures};

/// A copy of the valid fixture glossary in a temporary folder, with room for sites beside it.
fn fixture_glossary() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let glossary = tmp.path().join("glossary");
    copy_tree(&fixtures().join("valid"), &glossary);
    (tmp, glossary)
}

/// Runs `shuyu build` with a fixed build date; returns (exit code, stderr).
fn build(glossary: &Path, out: &Path, extra: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_shuyu"))
        .arg("--glossary")
        .arg(glossary)
        .arg("build")
        .arg("--out")
        .arg(out)
        .args(extra)
        .env("SOURCE_DATE_EPOCH", "1764374400")
        .output()
        .expect("run shuyu build");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code().unwrap_or(-1), stderr)
}

/// Every file of a folder tree, by path relative to it.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// The values of every `href` and `src` attribute in a page.
fn targets(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            rest = &rest[at + attr.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            out.push(rest[..end].replace("&amp;", "&"));
        }
    }
    out
}

/// Whether a page has an element with this id.
fn has_id(html: &str, id: &str) -> bool {
    html.contains(&format!(" id=\"{id}\""))
}

#[test]
fn every_concept_and_source_has_a_page_and_every_internal_link_resolves() {
    let (tmp, glossary) = fixture_glossary();
    let out = tmp.path().join("site");
    let (code, stderr) = build(&glossary, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let site = files(&out);
    for dir in ["concepts", "sources"] {
        for entry in std::fs::read_dir(glossary.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let id = path.file_stem().unwrap().to_string_lossy();
            assert!(
                site.contains_key(&format!("{dir}/{id}/index.html")),
                "{dir}/{id}"
            );
        }
    }
    for page in [
        "index.html",
        "404.html",
        "search.html",
        "search-index.js",
        "static/style.css",
    ] {
        assert!(site.contains_key(page), "{page}");
    }
    let mut checked = 0;
    for (path, bytes) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8(bytes.clone()).unwrap();
        for target in targets(&html) {
            if target.starts_with("https://") || target.starts_with("http://") {
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((&target, ""));
            let file = file.split('?').next().unwrap_or_default();
            let resolved = if file.is_empty() {
                PathBuf::from(path)
            } else {
                normalise(&Path::new(path).parent().unwrap().join(file))
            };
            let key = resolved.to_string_lossy().into_owned();
            let page = site.get(&key);
            assert!(page.is_some(), "{path}: broken link {target} ({key})");
            if !fragment.is_empty() {
                let page = String::from_utf8_lossy(page.unwrap());
                assert!(has_id(&page, fragment), "{path}: no #{fragment} in {key}");
            }
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} links checked");
}

/// Resolves `.` and `..` without touching the file system.
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let (tmp, glossary) = fixture_glossary();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    assert_eq!(build(&glossary, &a, &[]).0, 0);
    assert_eq!(build(&glossary, &b, &[]).0, 0);
    assert_eq!(files(&a), files(&b));
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let (tmp, glossary) = fixture_glossary();
    let out = tmp.path().join("site");
    assert_eq!(build(&glossary, &out, &[]).0, 0);
    let before = files(&out);
    // A template that fails while rendering concept pages, after other pages are written.
    let templates = tmp.path().join("broken-templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join("concept.html"), "{{ no_such_function() }}").unwrap();
    let (code, stderr) = build(
        &glossary,
        &out,
        &["--templates", templates.to_str().unwrap()],
    );
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("concept.html"), "{stderr}");
    // An invalid glossary builds nothing either.
    std::fs::write(glossary.join("concepts/society-work.yaml"), "id: [").unwrap();
    let (code, stderr) = build(&glossary, &out, &[]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(files(&out), before);
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_missing_parent_folder_is_a_clear_error() {
    let (tmp, glossary) = fixture_glossary();
    let (code, stderr) = build(&glossary, &tmp.path().join("no/such/site"), &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("does not exist"), "{stderr}");
}

/// Text fields that are not Markdown may hold anything; it must arrive as text.
#[test]
fn hostile_text_is_shown_never_run() {
    let (tmp, glossary) = fixture_glossary();
    let concept = glossary.join("concepts/society-work.yaml");
    let hostile = r#"<script>alert(1)</script> <img src=x onerror=alert(1)> </script><script>alert(2)</script>"#;
    let text = std::fs::read_to_string(&concept).unwrap().replace(
        "      attested: [pekingnology-2024#p1]\n",
        &format!("      attested: [pekingnology-2024#p1]\n      note: '{hostile}'\n"),
    );
    std::fs::write(&concept, text).unwrap();
    let source = glossary.join("sources/merics-2023.yaml");
    let text = std::fs::read_to_string(&source).unwrap().replace(
        "note: Test fixture; a sentence of the report's summary.",
        &format!("note: '{hostile} javascript:alert(3)'"),
    );
    std::fs::write(&source, text).unwrap();
    let out = tmp.path().join("site");
    let (code, stderr) = build(&glossary, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    for page in [
        "concepts/society-work/index.html",
        "sources/merics-2023/index.html",
    ] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page}"
        );
        assert!(!html.contains("<script>alert"), "{page}");
        assert!(!html.contains("<img"), "{page}");
        assert!(!html.contains("href=\"javascript"), "{page}");
    }
}

#[test]
fn nothing_is_loaded_from_outside_the_site() {
    let (tmp, glossary) = fixture_glossary();
    let out = tmp.path().join("site");
    assert_eq!(build(&glossary, &out, &[]).0, 0);
    for (path, bytes) in files(&out) {
        let text = String::from_utf8_lossy(&bytes);
        for needle in [
            " src=\"http",
            "<link rel=\"stylesheet\" href=\"http",
            "url(http",
            "@import",
        ] {
            assert!(
                !text.contains(needle),
                "{path} loads from outside: {needle}"
            );
        }
    }
}

/// The concept and source pages of the fixture glossary, byte for byte: a change to a template
/// or a view shows in the diff of these files.
#[test]
fn golden_pages() {
    let (tmp, glossary) = fixture_glossary();
    let out = tmp.path().join("site");
    assert_eq!(build(&glossary, &out, &[]).0, 0);
    let golden = fixtures().join("site");
    let mut failures = Vec::new();
    for (page, snapshot) in [
        (
            "concepts/society-work/index.html",
            "concept-society-work.html",
        ),
        (
            "sources/merics-2023-fr/index.html",
            "source-merics-2023-fr.html",
        ),
    ] {
        let html = std::fs::read_to_string(out.join(page)).unwrap();
        failures.extend(check_snapshot(&golden.join(snapshot), &html));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// SIGKILL at 20 moments spread over a build: the site is always whole — the previous one, or
/// the new one when the kill came after the swap — and killed builds leave at most one
/// temporary folder, which the next build removes.
#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_site() {
    let tmp = tempfile::tempdir().unwrap();
    let glossary = tmp.path().join("glossary");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary"),
        &glossary,
    );
    let out = tmp.path().join("site");
    let started = std::time::Instant::now();
    assert_eq!(build(&glossary, &out, &[]).0, 0);
    let full = started.elapsed();
    let before = files(&out);
    // A change, so that a finished build would differ from the old site.
    let concept = glossary.join("concepts/society-work.yaml");
    let text = std::fs::read_to_string(&concept).unwrap();
    std::fs::write(
        &concept,
        text.replace("Since March 2023", "Since March 2023,"),
    )
    .unwrap();
    let new = tmp.path().join("new");
    assert_eq!(build(&glossary, &new, &[]).0, 0);
    let after = files(&new);
    assert_ne!(after, before);
    let mut seed: u64 = 0x5eed;
    for _ in 0..20 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = full.mul_f64((seed >> 33) as f64 / (1u64 << 31) as f64 * 0.9);
        let mut child = Command::new(env!("CARGO_BIN_EXE_shuyu"))
            .arg("--glossary")
            .arg(&glossary)
            .args(["build", "--out"])
            .arg(&out)
            .env("SOURCE_DATE_EPOCH", "1764374400")
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        child.wait().unwrap();
        let now = files(&out);
        assert!(
            now == before || now == after,
            "killed after {delay:?}: neither the old site nor the new one"
        );
        let leftovers = std::fs::read_dir(tmp.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains(".tmp-")
            })
            .count();
        assert!(leftovers <= 1, "{leftovers} temporary folders");
    }
    assert_eq!(build(&glossary, &out, &[]).0, 0);
    assert!(files(&out) == after);
    let leftovers = std::fs::read_dir(tmp.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".tmp-")
        })
        .count();
    assert_eq!(leftovers, 0);
}

/// Two builds into the same folder at once: the second waits for the first (a lock beside the
/// site), and the result is one whole site, never a mix.
#[test]
fn concurrent_builds_wait_for_each_other() {
    let (tmp, glossary) = fixture_glossary();
    let out = tmp.path().join("site");
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_shuyu"))
            .arg("--glossary")
            .arg(&glossary)
            .args(["build", "--out"])
            .arg(&out)
            .env("SOURCE_DATE_EPOCH", "1764374400")
            .output()
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(spawn);
        let b = s.spawn(spawn);
        (a.join().unwrap().unwrap(), b.join().unwrap().unwrap())
    });
    assert!(a.status.success() && b.status.success());
    let reference = tmp.path().join("reference");
    assert_eq!(build(&glossary, &reference, &[]).0, 0);
    assert!(files(&out) == files(&reference));
}

/// With `site_url`, the 404 page (shown at any address) links absolutely, and pages name their
/// canonical address; every other link stays relative.
#[test]
fn site_url_makes_the_404_page_and_permalinks_absolute() {
    let (tmp, glossary) = fixture_glossary();
    let meta = glossary.join("glossary.yaml");
    let text = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(
        &meta,
        format!("{text}site_url: https://example.org/shuyu\n"),
    )
    .unwrap();
    let out = tmp.path().join("site");
    let (code, stderr) = build(&glossary, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let not_found = std::fs::read_to_string(out.join("404.html")).unwrap();
    assert!(not_found.contains("href=\"https://example.org/shuyu/static/style.css\""));
    let page = std::fs::read_to_string(out.join("concepts/society-work/index.html")).unwrap();
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://example.org/shuyu/concepts/society-work/\">"
    ));
    assert!(page.contains("href=\"../../static/style.css\""));
}
