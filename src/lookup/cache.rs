//! The compiled lookup index, kept in the user's cache folder so that `shuyu lookup` answers
//! without loading and validating the glossary again.
//!
//! One file per glossary folder (`$SHUYU_CACHE_DIR`, else `$XDG_CACHE_HOME/shuyu`, else
//! `~/.cache/shuyu`), named by a hash of the folder's canonical path. Its first line is a
//! fingerprint of the glossary: the size and modification time of every glossary file and this
//! version of shuyu; any change makes the cache stale and the next lookup rebuilds it. Then a
//! line with the length of the index section and the byte ranges of the card bodies; the index,
//! a tab-separated line per entry and per form (much quicker to read back than JSON); and one
//! JSON card body per line. A lookup reads the index and, by position, only the bodies of the
//! cards it prints.

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

use super::{CardBody, LookupData};
use crate::model::Status;
use crate::search::{Entry, Form, FormKind, SearchIndex};

const MAGIC: &str = "shuyu-lookup-cache 2";

/// A cache file read back: the index, and where each card body is in the file.
#[derive(Debug)]
pub struct Cached {
    pub index: SearchIndex,
    file: fs::File,
    /// Where the bodies start in the file.
    base: u64,
    ranges: Vec<(usize, usize)>,
}

impl Cached {
    /// The card body of index entry `i`, read from the file.
    pub fn body(&self, i: usize) -> Option<CardBody> {
        let (start, end) = *self.ranges.get(i)?;
        let mut bytes = vec![0; end.checked_sub(start)?];
        self.file
            .read_exact_at(&mut bytes, self.base + start as u64)
            .ok()?;
        serde_json::from_slice(&bytes).ok()
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
        // One folder: byte order of the whole path is the order of the names, and much cheaper
        // than `Path`'s component-wise comparison (170M instructions at 10k files).
        entries.sort_unstable_by(|a, b| a.as_os_str().cmp(b.as_os_str()));
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
    let file = fs::File::open(path).ok()?;
    let mut reader = BufReader::with_capacity(1 << 16, &file);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    if line.trim_end() != format!("{MAGIC} {fingerprint}") {
        return None;
    }
    line.clear();
    reader.read_line(&mut line).ok()?;
    let (index_len, ranges) = line.trim_end().split_once(' ')?;
    let ranges: Vec<(usize, usize)> = serde_json::from_str(ranges).ok()?;
    let mut index = vec![0; index_len.parse().ok()?];
    reader.read_exact(&mut index).ok()?;
    let index = read_index(std::str::from_utf8(&index).ok()?)?;
    let header = MAGIC.len() + 1 + fingerprint.len() + 1 + line.len();
    if ranges.len() != index.entries.len() {
        return None;
    }
    drop(reader);
    Some(Cached {
        index,
        base: (header + index_len.parse::<usize>().ok()?) as u64,
        file,
        ranges,
    })
}

/// The index as text: `E id headword pinyin english` per entry, then `F kind lang status text
/// key` per form (the key left empty when it is the text), tab-separated. `None` when a field
/// holds a tab or a line break (then no cache is written).
fn write_index(index: &SearchIndex) -> Option<String> {
    let mut out = String::new();
    let clean = |s: &str| !s.contains(['\t', '\n', '\r']);
    for e in &index.entries {
        if ![&e.id, &e.headword, &e.pinyin, &e.english]
            .iter()
            .all(|s| clean(s))
        {
            return None;
        }
        out.push_str(&format!(
            "E\t{}\t{}\t{}\t{}\n",
            e.id, e.headword, e.pinyin, e.english
        ));
        for f in &e.forms {
            if !clean(&f.text) || !clean(&f.key) || !clean(&f.lang) {
                return None;
            }
            let key = if f.key == f.text { "" } else { &f.key };
            let (kind, status) = (kind_word(f.kind), f.status.word());
            out.push_str(&format!(
                "F\t{kind}\t{}\t{status}\t{}\t{key}\n",
                f.lang, f.text
            ));
        }
    }
    Some(out)
}

/// Reads what [`write_index`] wrote.
fn read_index(text: &str) -> Option<SearchIndex> {
    let mut entries: Vec<Entry> = Vec::new();
    for line in text.lines() {
        let mut fields = line.split('\t');
        match fields.next()? {
            "E" => entries.push(Entry {
                id: fields.next()?.to_string(),
                headword: fields.next()?.to_string(),
                pinyin: fields.next()?.to_string(),
                english: fields.next()?.to_string(),
                forms: Vec::new(),
            }),
            "F" => {
                let (kind, lang, status) = (fields.next()?, fields.next()?, fields.next()?);
                let (text, key) = (fields.next()?, fields.next()?);
                entries.last_mut()?.forms.push(Form {
                    kind: kind_from(kind)?,
                    lang: lang.to_string(),
                    status: status_from(status)?,
                    text: text.to_string(),
                    key: if key.is_empty() { text } else { key }.to_string(),
                });
            }
            _ => return None,
        }
    }
    Some(SearchIndex { entries })
}

fn kind_word(kind: FormKind) -> &'static str {
    match kind {
        FormKind::Zh => "zh",
        FormKind::Hant => "hant",
        FormKind::Pinyin => "pinyin",
        FormKind::Term => "term",
    }
}

fn kind_from(word: &str) -> Option<FormKind> {
    [
        FormKind::Zh,
        FormKind::Hant,
        FormKind::Pinyin,
        FormKind::Term,
    ]
    .into_iter()
    .find(|k| kind_word(*k) == word)
}

fn status_from(word: &str) -> Option<Status> {
    use Status::*;
    [Preferred, Admitted, Deprecated, Superseded]
        .into_iter()
        .find(|s| s.word() == word)
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
    let Some(index) = write_index(&data.index) else {
        return Ok(());
    };
    let mut out = format!("{MAGIC} {fingerprint}\n{} ", index.len());
    out.push_str(&serde_json::to_string(&ranges)?);
    out.push('\n');
    out.push_str(&index);
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
        assert_eq!(
            serde_json::to_string(&cached.index).unwrap(),
            serde_json::to_string(&data.index).unwrap()
        );
        for (i, body) in data.bodies.iter().enumerate() {
            assert_eq!(cached.body(i).unwrap().id, body.id);
        }
        assert!(cached.body(data.bodies.len()).is_none());
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
