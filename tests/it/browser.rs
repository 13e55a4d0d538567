//! The browser suite (`tests/browser/`, Node's test runner driving the Debian Chromium through
//! playwright-core): search, keyboard, hostile content, axe-core and the Nu HTML Checker. It
//! runs when `node`, Chromium and `tests/browser/node_modules` are all present; otherwise it
//! says which one is missing and passes, so `cargo test` works on any machine. `.ci/run`
//! installs all three, so CI never skips. SHUYU_SKIP_BROWSER=1 skips it on purpose.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Why the browser suite cannot run here, if it cannot.
fn missing(dir: &Path, chromium: &Path) -> Option<String> {
    if std::env::var_os("SHUYU_SKIP_BROWSER").is_some() {
        return Some("SHUYU_SKIP_BROWSER is set".into());
    }
    let node = Command::new("node").arg("--version").output();
    if !node.map(|o| o.status.success()).unwrap_or(false) {
        return Some("`node` is not on PATH (Node 20 or later is needed)".into());
    }
    if !chromium.exists() {
        return Some(format!(
            "no Chromium at {} (apt-get install chromium fonts-wqy-microhei, or set CHROMIUM)",
            chromium.display()
        ));
    }
    if !dir.join("node_modules/playwright-core").exists() {
        return Some(format!(
            "{} has no node_modules (run `npm ci --ignore-scripts` there)",
            dir.display()
        ));
    }
    None
}

#[test]
fn browser_suite() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if let Some(why) = missing(&dir, &chromium) {
        eprintln!("browser tests SKIPPED: {why}");
        return;
    }
    let out = Command::new("node")
        .args([
            "--test",
            "--test-concurrency=1",
            "--test-reporter=spec",
            "test/",
        ])
        .current_dir(&dir)
        .env("SHUYU_BIN", env!("CARGO_BIN_EXE_shuyu"))
        .env("CHROMIUM", &chromium)
        .env_remove("SHUYU_SITE")
        .output()
        .expect("run node --test");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The spec reporter's closing lines: tests, pass, fail, skipped.
    let summary: Vec<&str> = stdout.lines().filter(|l| l.starts_with('ℹ')).collect();
    eprintln!("browser tests:\n{}", summary.join("\n"));
    assert!(
        out.status.success(),
        "the browser suite failed:\n{stdout}\n{stderr}"
    );
}
