//! What the benchmarks that run on a generated glossary share: where their files go, the
//! glossary itself (written by the generator of `examples/gen.rs`, the same code, included
//! below) and the machine's load. Included by each bench with `mod common;`; a bench that
//! needs only part of it allows the rest to go unused.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;

#[allow(dead_code)]
#[path = "../../examples/gen/synth.rs"]
mod synth;

/// The generator's seed: every bench uses the same, so that they share their glossaries.
const SEED: u64 = 1;

/// Where the benches write: `/dev/shm/shuyu-bench` (tmpfs, for figures that do not measure a
/// disk), or the system temp folder where there is no /dev/shm.
pub fn root() -> PathBuf {
    if Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm/shuyu-bench")
    } else {
        std::env::temp_dir().join("shuyu-bench")
    }
}

/// The glossary of `n` concepts under `root` (`g<n>-seed1`), generated unless an identical one
/// is there: its stamp names the size, the seed and a hash of the generator's source.
pub fn glossary(root: &Path, n: usize) -> anyhow::Result<PathBuf> {
    let dir = root.join(format!("g{n}-seed{SEED}"));
    let stamp = dir.join(".generated");
    let want = format!("{n} {SEED} {:016x}\n", generator_hash());
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == want) {
        eprintln!("reusing {}", dir.display());
        return Ok(dir);
    }
    let start = Instant::now();
    let opts = synth::Options {
        concepts: n,
        seed: SEED,
    };
    let stats = synth::generate(&dir, &opts, true)?;
    std::fs::write(&stamp, want).with_context(|| format!("cannot write {}", stamp.display()))?;
    eprintln!(
        "generated {} ({} files, {:.1} MB) in {:.1} s",
        dir.display(),
        stats.files,
        stats.bytes as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    Ok(dir)
}

/// A hash of the generator's source, so that a changed generator regenerates.
fn generator_hash() -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    include_str!("../../examples/gen/synth.rs").hash(&mut h);
    include_str!("../../examples/gen/words.rs").hash(&mut h);
    h.finish()
}

/// Files and bytes of the glossary's YAML files.
pub fn size_of(dir: &Path) -> anyhow::Result<(usize, u64)> {
    let meta = dir.join("glossary.yaml");
    let mut files = 1;
    let mut bytes = std::fs::metadata(&meta)
        .with_context(|| format!("cannot read {}", meta.display()))?
        .len();
    for sub in ["concepts", "sources"] {
        let path = dir.join(sub);
        let entries =
            std::fs::read_dir(&path).with_context(|| format!("cannot read {}", path.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot read {}", path.display()))?;
            let meta = entry
                .metadata()
                .with_context(|| format!("cannot read {}", entry.path().display()))?;
            bytes += meta.len();
            files += 1;
        }
    }
    Ok((files, bytes))
}

/// What `/usr/bin/time` and the clock say of one process.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    /// Wall time in seconds, measured around the process (`time` rounds it to 10 ms).
    pub wall: f64,
    /// User + system CPU time in seconds, every thread (10 ms resolution).
    pub cpu: f64,
    pub rss_mb: f64,
}

/// The median of each figure on its own: the machine is shared, so one slow round should not
/// move the figures, as it would move a mean.
pub fn median(samples: &[Sample]) -> Sample {
    let pick = |f: fn(&Sample) -> f64| {
        let mut v: Vec<f64> = samples.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    Sample {
        wall: pick(|s| s.wall),
        cpu: pick(|s| s.cpu),
        rss_mb: pick(|s| s.rss_mb),
    }
}

/// The 1-minute load average, as /proc/loadavg says: the machine is shared, so a table says
/// how busy it was.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}
