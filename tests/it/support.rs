//! Helpers shared by the integration tests: fixture glossaries in temporary folders, running
//! the real `shuyu` binary, and snapshot files.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The folder of the checked-in fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Makes a named pipe at `path`: reading it would block until someone writes to it.
pub fn make_fifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo touches nothing else.
    let rc = unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) };
    assert_eq!(rc, 0, "mkfifo {}", path.display());
}

/// What a run of `shuyu` printed and returned.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// How long one run may take before it counts as hung: far more than any case needs, even
/// on a loaded machine.
const HUNG_AFTER: std::time::Duration = std::time::Duration::from_secs(300);

/// Runs `shuyu ARGS` in `dir`; a run that hangs (a pipe read in the glossary folder) is
/// killed after [`HUNG_AFTER`] and fails the test instead of stalling it.
pub fn shuyu(dir: &Path, args: &[&str]) -> Run {
    let child = Command::new(env!("CARGO_BIN_EXE_shuyu"))
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run shuyu");
    let pid = child.id() as libc::pid_t;
    let (done, watch) = std::sync::mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        let hung = watch.recv_timeout(HUNG_AFTER).is_err();
        if hung {
            // SAFETY: a plain kill(2) of our own child; the main thread reaps it only after
            // this thread has had its answer, except in a race at the very deadline.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        hung
    });
    let out = child.wait_with_output().expect("run shuyu");
    let _ = done.send(());
    let hung = watchdog.join().unwrap();
    assert!(!hung, "shuyu {args:?} hung: killed after {HUNG_AFTER:?}");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "shuyu panicked: {}",
        run.stderr
    );
    run
}

/// Compares `actual` with the snapshot file; with `UPDATE_SNAPSHOTS=1` writes it instead.
/// Returns a description of the difference, if any.
pub fn check_snapshot(path: &Path, actual: &str) -> Option<String> {
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(path, actual).unwrap();
        return None;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    (expected != actual).then(|| {
        format!(
            "{} differs (run with UPDATE_SNAPSHOTS=1 to accept):\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        )
    })
}
