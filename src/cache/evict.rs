//! Keeping the cache folder within a size budget: the entries used least recently go first.
//! Must not remove anything but whole entries (`corpus-*.bin`), nor the entry in use.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What the folder may hold. A 100 000-article corpus takes about 1.1 GB, so a few large
/// corpora fit, and one that alone is larger still keeps its own entry.
pub const BUDGET: u64 = 4 << 30;

/// Mark an entry as just used: eviction goes by modification time, which reading alone
/// would not change.
pub fn touch(file: &File) {
    let _ = file.set_modified(SystemTime::now());
}

/// Remove the least recently used entries of `dir` until the rest, `keep` included, fit in
/// `budget` bytes; `keep` itself always stays. Returns what was removed.
pub fn evict(dir: &Path, keep: &Path, budget: u64) -> Vec<PathBuf> {
    let Ok(listing) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut entries: Vec<(SystemTime, u64, PathBuf)> = listing
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("corpus-") && name.ends_with(".bin")
        })
        .filter_map(|e| {
            let meta = e.metadata().ok()?;
            Some((meta.modified().ok()?, meta.len(), e.path()))
        })
        .collect();
    // Most recent first; `keep` counts before any other whatever its time says.
    entries.sort_by(|a, b| (b.2 == keep).cmp(&(a.2 == keep)).then(b.0.cmp(&a.0)));
    let mut used = 0u64;
    let mut removed = Vec::new();
    for (_, len, path) in entries {
        if path == keep || used.saturating_add(len) <= budget {
            used = used.saturating_add(len);
        } else if fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
    removed
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::time::Duration;

    /// A real file of `len` bytes (sparse: the disk holds nothing) last modified `age_secs`
    /// ago; the cache's tests make folders of them.
    pub(in crate::cache) fn file(dir: &Path, name: &str, len: u64, age_secs: u64) -> PathBuf {
        let path = dir.join(name);
        let made = File::create(&path).and_then(|f| {
            f.set_len(len)?;
            f.set_modified(SystemTime::now() - Duration::from_secs(age_secs))
        });
        made.unwrap_or_else(|e| panic!("{name}: {e}"));
        path
    }

    #[test]
    fn the_least_recently_used_entries_go_until_the_rest_fit() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let d = dir.path();
        let current = file(d, "corpus-1.bin", 400, 3000);
        let recent = file(d, "corpus-2.bin", 300, 10);
        let older = file(d, "corpus-3.bin", 300, 100);
        let oldest = file(d, "corpus-4.bin", 200, 1000);
        let other = file(d, "notes.bin", 5000, 9000);
        let removed = evict(d, &current, 900);
        // 400 (in use) + 300 (recent) fit; the next 300 would not, so it goes; the oldest,
        // smaller, still fits beside the others.
        assert_eq!(removed.len(), 1, "{removed:?}");
        assert!(current.exists() && recent.exists() && oldest.exists() && other.exists());
        assert!(!older.exists());
    }

    #[test]
    fn the_entry_in_use_stays_even_alone_over_budget() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let d = dir.path();
        let current = file(d, "corpus-1.bin", 2000, 0);
        let other = file(d, "corpus-2.bin", 10, 0);
        evict(d, &current, 1000);
        assert!(current.exists());
        assert!(!other.exists());
    }
}
