//! `shuyu build` when the file system fails it: a glossary folder that disappears while it is
//! being read, an output folder whose parent is read-only (even to root). Each is a clear
//! error naming the folder and exit 2, never a panic, and the previous site stays as it was.
//!
//! The glossary is made to disappear at a chosen moment, not at a random one: a small
//! preloaded library (compiled here with the system's C compiler) renames the glossary folder
//! away just before the process opens a given file or folder, and then lets the open go on.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::support::{copy_tree, fixtures};

/// Interposes `open`, `open64` and `opendir`: the first time a path ending in `$VANISH_ON` is
/// opened, `$VANISH_DIR` is renamed to `$VANISH_DIR.gone` before the real call runs.
const VANISH_C: &str = r#"
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

static int fired;

static void vanish(const char *path) {
  const char *on = getenv("VANISH_ON"), *dir = getenv("VANISH_DIR");
  if (!on || !dir || !path) return;
  size_t n = strlen(path), m = strlen(on);
  if (n < m || strcmp(path + n - m, on) != 0) return;
  if (__atomic_exchange_n(&fired, 1, __ATOMIC_SEQ_CST)) return;
  char gone[4096];
  snprintf(gone, sizeof gone, "%s.gone", dir);
  rename(dir, gone);
}

#define OPEN(name)                                                        \
  int name(const char *path, int flags, ...) {                            \
    mode_t mode = 0;                                                      \
    if (flags & (O_CREAT | O_TMPFILE)) {                                  \
      va_list ap;                                                         \
      va_start(ap, flags);                                                \
      mode = va_arg(ap, mode_t);                                          \
      va_end(ap);                                                         \
    }                                                                     \
    vanish(path);                                                         \
    int (*real)(const char *, int, ...) = dlsym(RTLD_NEXT, #name);        \
    return real(path, flags, mode);                                       \
  }
OPEN(open)
OPEN(open64)

DIR *opendir(const char *path) {
  vanish(path);
  DIR *(*real)(const char *) = dlsym(RTLD_NEXT, "opendir");
  return real(path);
}
"#;

/// The interposer compiled into `dir`, or `None` (said why) where no C compiler works.
fn interposer(dir: &Path) -> Option<PathBuf> {
    let source = dir.join("vanish.c");
    let library = dir.join("vanish.so");
    std::fs::write(&source, VANISH_C).unwrap();
    let compiled = Command::new("cc")
        .args(["-shared", "-fPIC", "-O1", "-o"])
        .arg(&library)
        .arg(&source)
        .arg("-ldl")
        .output();
    match compiled {
        Ok(out) if out.status.success() => Some(library),
        Ok(out) => {
            let why = String::from_utf8_lossy(&out.stderr);
            eprintln!("skipped: the C compiler failed on the interposer: {why}");
            None
        }
        Err(e) => {
            eprintln!("skipped: no C compiler (cc) to build the interposer: {e}");
            None
        }
    }
}

/// Runs `shuyu build` with extra environment; returns (exit code, stderr).
fn build(glossary: &Path, out: &Path, env: &[(&str, &Path)]) -> (i32, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shuyu"));
    command
        .arg("--glossary")
        .arg(glossary)
        .arg("build")
        .arg("--out")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", "1764374400");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("run shuyu build");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code().unwrap_or(-1), stderr)
}

/// A copy of the valid fixture glossary in a temporary folder, with room beside it.
fn fixture_glossary() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let glossary = tmp.path().join("glossary");
    copy_tree(&fixtures().join("valid"), &glossary);
    (tmp, glossary)
}

/// A copy of the valid fixture glossary with a built site beside it: (temporary root,
/// glossary, site, the site's index page as built).
fn glossary_and_site() -> (tempfile::TempDir, PathBuf, PathBuf, Vec<u8>) {
    let (tmp, glossary) = fixture_glossary();
    let out = tmp.path().join("site");
    let (code, stderr) = build(&glossary, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    let index = std::fs::read(out.join("index.html")).unwrap();
    (tmp, glossary, out, index)
}

/// Builds with the glossary renamed away when a path ending in `on` is opened; returns
/// (exit code, stderr), or `None` where the interposer cannot be built.
fn build_vanishing_on(on: &str) -> Option<(i32, String, tempfile::TempDir, PathBuf, Vec<u8>)> {
    let (tmp, glossary, out, index) = glossary_and_site();
    let library = interposer(tmp.path())?;
    let on_path = PathBuf::from(on);
    let env = [
        ("LD_PRELOAD", library.as_path()),
        ("VANISH_ON", on_path.as_path()),
        ("VANISH_DIR", glossary.as_path()),
    ];
    let (code, stderr) = build(&glossary, &out, &env);
    assert!(!glossary.exists(), "{on}: the interposer never fired");
    Some((code, stderr, tmp, out, index))
}

/// The folder disappears while it is read: before glossary.yaml is opened, before each of
/// its folders is listed, before a concept file is opened.
#[test]
fn a_glossary_that_disappears_while_it_is_read_is_a_clear_error() {
    for on in [
        "/glossary.yaml",
        "/concepts",
        "/concepts/society-work-department.yaml",
        "/sources",
    ] {
        let Some((code, stderr, tmp, out, index)) = build_vanishing_on(on) else {
            return;
        };
        assert_eq!(code, 2, "{on}: {stderr}");
        let named = tmp.path().join("glossary");
        assert!(
            stderr.contains(&format!("cannot read {}", named.display())),
            "{on}: {stderr}"
        );
        assert_eq!(
            std::fs::read(out.join("index.html")).unwrap(),
            index,
            "{on}"
        );
    }
}

/// Once the glossary is read, the build needs it no more: a folder that disappears while the
/// site is written changes nothing.
#[test]
fn a_glossary_that_disappears_after_it_was_read_changes_nothing() {
    let Some((code, stderr, _tmp, out, index)) = build_vanishing_on("/.site.lock") else {
        return;
    };
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read(out.join("index.html")).unwrap(), index);
}

/// Clears the immutable attribute it set, whatever the test does.
struct Immutable<'a>(&'a Path);

impl Drop for Immutable<'_> {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(self.0).status();
    }
}

/// A read-only parent: the immutable attribute stops root too (CI runs as root, for which
/// permission bits stop nothing).
#[test]
fn an_output_folder_whose_parent_is_read_only_is_a_clear_error() {
    let (tmp, glossary) = fixture_glossary();
    let parent = tmp.path().join("read-only");
    std::fs::create_dir(&parent).unwrap();
    match Command::new("chattr").arg("+i").arg(&parent).output() {
        Ok(out) if out.status.success() => {}
        Ok(out) => {
            let why = String::from_utf8_lossy(&out.stderr);
            eprintln!("skipped: the file system refuses chattr +i: {why}");
            return;
        }
        Err(e) => return eprintln!("skipped: no chattr: {e}"),
    }
    let _guard = Immutable(&parent);
    let (code, stderr) = build(&glossary, &parent.join("site"), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(&format!("cannot write {}", parent.display())),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(&parent).unwrap().count(), 0);
}

/// A missing `site/` itself is simply created.
#[test]
fn a_missing_output_folder_is_created() {
    let (tmp, glossary) = fixture_glossary();
    let out = tmp.path().join("site");
    let (code, stderr) = build(&glossary, &out, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(out.join("index.html").is_file());
}
