//! The compiled lookup index, kept in the user's cache folder so that `shuyu lookup` answers
//! without loading and validating the glossary again.
//!
//! One file per glossary folder (`$SHUYU_CACHE_DIR`, else `$XDG_CACHE_HOME/shuyu`, else
//! `~/.cache/shuyu`), named by a hash of the folder's canonical path. Its first line is a
//! fingerprint of the glossary: the size and modification time of every glossary file and this
//! version of shuyu; any change makes the cache stale and the next lookup rebuilds it. Then the
//! search index as one JSON line, the byte ranges of the card bodies, and one card body per
//! line: a lookup parses the index and only the bodies of the cards it prints.

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{CardBody, LookupData};
use crate::search::SearchIndex;

const MAGIC: &str = "shuyu-lookup-cache 1";

/// A cache file read back: the index, and the card bodies still as text.
#[derive(Debug)]
pub struct Cached {
    pub index: SearchIndex,
    bodies: String,
    ranges: Vec<(usize, usize)>,
}

impl Cached {
    /// The card body of index entry `i`.
    pub fn body(&self, i: usize) -> Option<CardBody> {
        let (start, end) = *self.ranges.get(i)?;
        serde_json::from_str(self.bodies.get(start..end)?).ok()
    }
}

/// Where the cache of the glossary in `dir` lives, if a cache folder can be named.
pub fn path_for(dir: &Path) -> Option<PathBuf> {
    let folder = match std::env::var_os("SHUYU_CACHE_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => match std::env::var_os("XDG_CACHE_HOME") {
            Some(d) if !d.is_empty() => PathBuf::from(d).join("shuyu"),
            _ => PathBuf::from(std::env::var_os("HOME")?).join(".cache/shuyu"),
        },
    };
    let mut h = DefaultHasher::new();
    dir.canonicalize().ok()?.hash(&mut h);
    Some(folder.join(format!("{:016x}.lookup", h.finish())))
}

/// The fingerprint of the glossary's files: name, size and modification time of each.
pub fn fingerprint(dir: &Path) -> Option<String> {
    let mut h = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    let mut count = 0usize;
    stamp(&dir.join("glossary.yaml"), &mut h)?;
    for sub in ["concepts", "sources"] {
        let mut entries: Vec<PathBuf> = fs::read_dir(dir.join(sub))
            .ok()?
            .filter_map(|e| Some(e.ok()?.path()))
            .collect();
        entries.sort();
        for path in &entries {
            stamp(path, &mut h)?;
        }
        count += entries.len();
    }
    Some(format!("{count}-{:016x}", h.finish()))
}

/// Adds a file's name, size and modification time to the hash.
fn stamp(path: &Path, h: &mut DefaultHasher) -> Option<()> {
    let meta = fs::symlink_metadata(path).ok()?;
    path.file_name()?.hash(h);
    meta.len().hash(h);
    meta.modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos()
        .hash(h);
    Some(())
}

/// The cache at `path` if it was made for `fingerprint` and reads back whole.
pub fn read(path: &Path, fingerprint: &str) -> Option<Cached> {
    let text = fs::read_to_string(path).ok()?;
    let (head, rest) = text.split_once('\n')?;
    if head != format!("{MAGIC} {fingerprint}") {
        return None;
    }
    let (index, rest) = rest.split_once('\n')?;
    let (ranges, bodies) = rest.split_once('\n')?;
    let index: SearchIndex = serde_json::from_str(index).ok()?;
    let ranges: Vec<(usize, usize)> = serde_json::from_str(ranges).ok()?;
    if ranges.len() != index.entries.len() {
        return None;
    }
    Some(Cached {
        index,
        bodies: bodies.to_string(),
        ranges,
    })
}

/// Writes the cache (into a temporary file renamed into place, so a reader never sees half).
pub fn write(path: &Path, fingerprint: &str, data: &LookupData) -> std::io::Result<()> {
    let mut bodies = String::new();
    let mut ranges = Vec::with_capacity(data.bodies.len());
    for body in &data.bodies {
        let start = bodies.len();
        bodies.push_str(&serde_json::to_string(body)?);
        ranges.push((start, bodies.len()));
        bodies.push('\n');
    }
    let mut out = format!("{MAGIC} {fingerprint}\n");
    out.push_str(&serde_json::to_string(&data.index)?);
    out.push('\n');
    out.push_str(&serde_json::to_string(&ranges)?);
    out.push('\n');
    out.push_str(&bodies);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    fs::File::create(&tmp)?.write_all(out.as_bytes())?;
    fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::fixture;

    #[test]
    fn a_cache_reads_back_and_a_changed_fingerprint_is_stale() {
        let g = fixture::department();
        let data = LookupData::build(&g);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.lookup");
        write(&path, "1-abc", &data).unwrap();
        let cached = read(&path, "1-abc").unwrap();
        assert_eq!(cached.index.entries.len(), data.index.entries.len());
        let body = cached.body(0).unwrap();
        assert_eq!(body.id, data.bodies[0].id);
        assert!(read(&path, "1-abd").is_none());
    }

    #[test]
    fn the_fingerprint_changes_with_a_file() {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["concepts", "sources"] {
            fs::create_dir(dir.path().join(sub)).unwrap();
        }
        fs::write(dir.path().join("glossary.yaml"), "title: x\n").unwrap();
        fs::write(dir.path().join("concepts/a.yaml"), "id: a\n").unwrap();
        let before = fingerprint(dir.path()).unwrap();
        fs::write(dir.path().join("concepts/a.yaml"), "id: ab\n").unwrap();
        assert_ne!(fingerprint(dir.path()).unwrap(), before);
    }
}
