//! Watching the glossary and templates folders, with a small debouncer: one save (which an
//! editor may do as several writes, a rename and a chmod) becomes one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecursiveMode, Watcher as _};

/// A change is acted on once no further event came for this long…
const QUIET: Duration = Duration::from_millis(20);
/// …or once this long has passed since the first event, whatever keeps coming.
const MAX_WAIT: Duration = Duration::from_millis(250);

/// The folders watched, and what under them does not count.
pub struct Watcher {
    _inner: notify::RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    roots: Vec<PathBuf>,
    ignored: Vec<PathBuf>,
}

impl Watcher {
    /// Watches `roots` recursively; changes under `ignored` (the site being written, when it
    /// lies inside a watched folder) do not count, nor do hidden files and editors' backup and
    /// swap files.
    pub fn new(roots: &[PathBuf], ignored: &[PathBuf]) -> notify::Result<Self> {
        let (tx, events) = channel();
        let mut inner = notify::recommended_watcher(tx)?;
        let roots: Vec<PathBuf> = roots.iter().map(|r| absolute(r)).collect();
        for root in &roots {
            inner.watch(root, RecursiveMode::Recursive)?;
        }
        Ok(Watcher {
            _inner: inner,
            events,
            roots,
            ignored: ignored.iter().map(|p| absolute(p)).collect(),
        })
    }

    /// Blocks until something relevant changed and the changes have settled; returns the
    /// changed paths (relative to their watched folder where possible), or `None` when the
    /// watcher has stopped.
    pub fn next_change(&self) -> Option<Vec<PathBuf>> {
        let mut changed = Vec::new();
        while changed.is_empty() {
            let event = self.events.recv().ok()?;
            self.collect(event, &mut changed);
        }
        let first = Instant::now();
        loop {
            let left = MAX_WAIT.saturating_sub(first.elapsed());
            if left.is_zero() {
                break;
            }
            match self.events.recv_timeout(QUIET.min(left)) {
                Ok(event) => self.collect(event, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        changed.sort();
        changed.dedup();
        Some(changed)
    }

    fn collect(&self, event: notify::Result<Event>, changed: &mut Vec<PathBuf>) {
        let event = match event {
            Ok(event) => event,
            // Lost events (a full inotify queue): rebuild to be safe.
            Err(_) => {
                changed.push(PathBuf::from("(lost events)"));
                return;
            }
        };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        if event.need_rescan() {
            changed.push(PathBuf::from("(rescan)"));
        }
        for path in event.paths {
            if let Some(rel) = self.relevant(&path) {
                changed.push(rel);
            }
        }
    }

    /// The path relative to its watched folder, if a change to it counts.
    fn relevant(&self, path: &Path) -> Option<PathBuf> {
        if self.ignored.iter().any(|i| path.starts_with(i)) {
            return None;
        }
        let rel = self
            .roots
            .iter()
            .find_map(|r| path.strip_prefix(r).ok())
            .unwrap_or(path);
        let noise = rel.components().any(|c| {
            let name = c.as_os_str().to_string_lossy();
            name.starts_with('.')
                || name.ends_with('~')
                || name.ends_with(".swp")
                || name.ends_with(".swx")
                || name == "4913"
        });
        (!noise).then(|| rel.to_path_buf())
    }
}

/// `path` made absolute (and resolved, when it exists), as notify reports paths under it.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let joined = std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    // A site that does not exist yet: resolve its parent.
    match (joined.parent(), joined.file_name()) {
        (Some(parent), Some(name)) => parent
            .canonicalize()
            .map_or_else(|_| joined.clone(), |p| p.join(name)),
        _ => joined,
    }
}
