//! Writing a site atomically.
//!
//! A build writes into `.NAME.tmp-PID` beside the output folder `NAME` and, when every file is
//! written, exchanges the two folders in one step (`renameat2` with `RENAME_EXCHANGE`), then
//! removes the old one. A build that fails or is killed leaves the previous site as it was; the
//! next build removes the leftovers. A lock file beside the output (`.NAME.lock`, held with
//! `flock`, so a killed build releases it) makes a second build wait for the first instead of
//! mixing their files. A file whose bytes did not change is hard-linked from the previous
//! site, so it keeps its modification time and deploy tools sync less.

use std::fs::{self, File};
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

/// Why the output folder could not be written. The previous site is untouched.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("cannot write the site into {path}: its parent folder {parent} does not exist")]
    NoParent { path: PathBuf, parent: PathBuf },
    #[error(
        "refusing to replace {0}: it is not empty and is not a site shuyu built (no search-index.js)"
    )]
    NotASite(PathBuf),
    #[error("cannot write {path}")]
    Io { path: PathBuf, source: io::Error },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A new site being written beside the old one.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    /// Whether a previous site stands at `out` (a first build has no file to compare with).
    previous: bool,
    committed: bool,
    /// Held until the new site is in place.
    _lock: File,
}

impl Staging {
    /// Takes the lock (waiting for another build), clears what killed builds left, and creates
    /// the temporary folder.
    pub fn begin(out: &Path) -> Result<Self, OutputError> {
        let (parent, name) = split(out)?;
        refuse_foreign(out)?;
        let lock = lock(&parent.join(format!(".{name}.lock")))?;
        remove_leftovers(&parent, &name);
        let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        fs::create_dir(&tmp).map_err(io_error(&tmp))?;
        Ok(Staging {
            out: out.to_path_buf(),
            tmp,
            previous: out.is_dir(),
            committed: false,
            _lock: lock,
        })
    }

    /// Writes one file of the new site (`rel` is relative to the site root); returns whether
    /// its bytes are new, or hard-links the previous site's identical file.
    pub fn write(&self, rel: &Path, bytes: &[u8]) -> Result<bool, OutputError> {
        let dest = self.destination(rel)?;
        let old = self.out.join(rel);
        if self.previous && same_bytes(&old, bytes) && fs::hard_link(&old, &dest).is_ok() {
            return Ok(false);
        }
        fs::write(&dest, bytes).map_err(io_error(&dest))?;
        Ok(true)
    }

    /// Writes one file of the new site as `write` makes it, through a buffer (the downloads of
    /// a large glossary are tens of megabytes, not worth holding); returns whether its bytes
    /// are new, and its size. An unchanged file is replaced by a hard link to the previous
    /// site's, as [`Staging::write`] does.
    pub fn write_streamed(
        &self,
        rel: &Path,
        write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>,
    ) -> Result<(bool, u64), OutputError> {
        let dest = self.destination(rel)?;
        let file = File::create(&dest).map_err(io_error(&dest))?;
        let mut buffered = io::BufWriter::with_capacity(1 << 16, file);
        write(&mut buffered).map_err(io_error(&dest))?;
        let file = buffered
            .into_inner()
            .map_err(|e| io_error(&dest)(e.into_error()))?;
        let len = file.metadata().map_err(io_error(&dest))?.len();
        let old = self.out.join(rel);
        if self.previous && same_files(&old, &dest, len) && relink(&old, &dest).is_ok() {
            return Ok((false, len));
        }
        Ok((true, len))
    }

    /// Where `rel` goes in the new site, its folder created.
    fn destination(&self, rel: &Path) -> Result<PathBuf, OutputError> {
        let dest = self.tmp.join(rel);
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir).map_err(io_error(dir))?;
        }
        Ok(dest)
    }

    /// Puts the new site in place of the old one in one step.
    pub fn commit(mut self) -> Result<(), OutputError> {
        swap_in(&self.tmp, &self.out)?;
        self.committed = true;
        // After the exchange the temporary path holds the previous site.
        let _ = fs::remove_dir_all(&self.tmp);
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// The existing parent folder and the output's own name.
fn split(out: &Path) -> Result<(PathBuf, String), OutputError> {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| OutputError::NotASite(out.to_path_buf()))?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(OutputError::NoParent {
            path: out.to_path_buf(),
            parent,
        });
    }
    Ok((parent, name))
}

/// A folder that has files but no search index is somebody else's: never replace it.
fn refuse_foreign(out: &Path) -> Result<(), OutputError> {
    let Ok(mut entries) = fs::read_dir(out) else {
        return match fs::symlink_metadata(out) {
            Ok(_) => Err(OutputError::NotASite(out.to_path_buf())),
            Err(_) => Ok(()),
        };
    };
    if entries.next().is_some() && !out.join("search-index.js").is_file() {
        return Err(OutputError::NotASite(out.to_path_buf()));
    }
    Ok(())
}

/// An exclusive `flock` on `path`, waiting (with a message) while another build holds it.
fn lock(path: &Path) -> Result<File, OutputError> {
    use rustix::fs::{flock, FlockOperation};
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(io_error(path))?;
    if flock(&file, FlockOperation::NonBlockingLockExclusive).is_err() {
        eprintln!("waiting for another build of the same site to finish…");
        flock(&file, FlockOperation::LockExclusive)
            .map_err(|e| io_error(path)(io::Error::from(e)))?;
    }
    Ok(file)
}

/// Temporary folders of builds that were killed (the lock is ours, so none is running).
fn remove_leftovers(parent: &Path, name: &str) {
    let prefix = format!(".{name}.tmp-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether `path` is a regular file of `len` bytes (not a link): the first test of both
/// comparisons below, which saves reading a file that cannot be the same.
fn is_file_of_len(path: &Path, len: u64) -> bool {
    fs::symlink_metadata(path).is_ok_and(|meta| meta.is_file() && meta.len() == len)
}

/// Whether `path` is a regular file holding exactly `bytes`.
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    if !is_file_of_len(path, bytes.len() as u64) {
        return false;
    }
    let mut old = Vec::with_capacity(bytes.len());
    File::open(path)
        .and_then(|f| f.take(bytes.len() as u64 + 1).read_to_end(&mut old))
        .is_ok_and(|_| old == bytes)
}

/// Whether `old` is a regular file of `len` bytes holding what `new` holds.
fn same_files(old: &Path, new: &Path, len: u64) -> bool {
    if !is_file_of_len(old, len) {
        return false;
    }
    let (Ok(a), Ok(b)) = (File::open(old), File::open(new)) else {
        return false;
    };
    let (mut a, mut b) = (io::BufReader::new(a), io::BufReader::new(b));
    loop {
        let (x, y) = match (a.fill_buf(), b.fill_buf()) {
            (Ok(x), Ok(y)) => (x, y),
            _ => return false,
        };
        let n = x.len().min(y.len());
        if n == 0 {
            return x.is_empty() && y.is_empty();
        }
        if x[..n] != y[..n] {
            return false;
        }
        a.consume(n);
        b.consume(n);
    }
}

/// Puts a hard link to `old` in place of `new` in one step (a link beside it, renamed over it),
/// so that `new` is never missing.
fn relink(old: &Path, new: &Path) -> io::Result<()> {
    let mut name = new.as_os_str().to_owned();
    name.push(".link");
    let link = PathBuf::from(name);
    fs::hard_link(old, &link)?;
    fs::rename(&link, new).inspect_err(|_| {
        let _ = fs::remove_file(&link);
    })
}

/// Exchanges `tmp` and `out` atomically, or renames `tmp` to `out` when there is no site yet.
fn swap_in(tmp: &Path, out: &Path) -> Result<(), OutputError> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    if fs::symlink_metadata(out).is_err() {
        return fs::rename(tmp, out).map_err(io_error(out));
    }
    renameat_with(CWD, tmp, CWD, out, RenameFlags::EXCHANGE)
        .map_err(|e| io_error(out)(io::Error::from(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_build_leaves_the_old_site_and_no_temporary_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let first = Staging::begin(&out).unwrap();
        first.write(Path::new("search-index.js"), b"1").unwrap();
        first.write(Path::new("a/index.html"), b"old").unwrap();
        first.commit().unwrap();
        let second = Staging::begin(&out).unwrap();
        second.write(Path::new("a/index.html"), b"new").unwrap();
        drop(second);
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"old");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert!(names.iter().all(|n| !n.contains(".tmp-")), "{names:?}");
    }

    #[test]
    fn unchanged_files_keep_their_inode_and_changed_ones_are_new() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let build = |body: &[u8]| {
            let s = Staging::begin(&out).unwrap();
            assert!(s.write(Path::new("search-index.js"), b"same").is_ok());
            let changed = s.write(Path::new("page.html"), body).unwrap();
            s.commit().unwrap();
            changed
        };
        build(b"one");
        let inode = fs::metadata(out.join("search-index.js")).unwrap().ino();
        assert!(build(b"two"));
        assert!(!build(b"two"));
        assert_eq!(
            fs::metadata(out.join("search-index.js")).unwrap().ino(),
            inode
        );
        assert_eq!(fs::read(out.join("page.html")).unwrap(), b"two");
    }

    #[test]
    fn streamed_files_keep_their_inode_when_unchanged() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        // Larger than the buffers, so the comparison reads in several steps.
        let big = |last: u8| {
            let mut v = vec![b'x'; 200_000];
            v.push(last);
            v
        };
        let build = |body: Vec<u8>| {
            let s = Staging::begin(&out).unwrap();
            s.write(Path::new("search-index.js"), b"1").unwrap();
            let written = s
                .write_streamed(Path::new("downloads/a.tbx"), |w| w.write_all(&body))
                .unwrap();
            s.commit().unwrap();
            written
        };
        assert_eq!(build(big(b'a')), (true, 200_001));
        let inode = fs::metadata(out.join("downloads/a.tbx")).unwrap().ino();
        assert_eq!(build(big(b'a')), (false, 200_001));
        assert_eq!(
            fs::metadata(out.join("downloads/a.tbx")).unwrap().ino(),
            inode
        );
        // Same size, one byte different at the end.
        assert_eq!(build(big(b'b')), (true, 200_001));
        assert_eq!(fs::read(out.join("downloads/a.tbx")).unwrap(), big(b'b'));
        let names: Vec<_> = fs::read_dir(out.join("downloads")).unwrap().collect();
        assert_eq!(names.len(), 1, "no link left behind");
    }

    #[test]
    fn a_folder_that_is_not_a_site_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.txt"), "x").unwrap();
        assert!(matches!(
            Staging::begin(dir.path()),
            Err(OutputError::NotASite(_))
        ));
        let missing = dir.path().join("no/such/site");
        assert!(matches!(
            Staging::begin(&missing),
            Err(OutputError::NoParent { .. })
        ));
    }
}
