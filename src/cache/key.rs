//! What a cache entry is valid for: the corpus it belongs to (input paths, `--field`
//! overrides, crate version) and, per input file, the facts that change when its bytes do.
//! Must not read file contents nor touch the cache directory.

use crate::corpus::formats::FieldMap;
use serde::{Deserialize, Serialize};
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use xxhash_rust::xxh3::xxh3_64;

/// One input file as last seen: a file whose key is unchanged is not read again.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileKey {
    /// The path as walked (the documents' display paths come from it), as OS bytes.
    pub path: Vec<u8>,
    /// Named on the command line: such a file is read whatever its content.
    pub explicit: bool,
    pub size: u64,
    /// Modification time, seconds and nanoseconds.
    pub mtime: (i64, i64),
    /// Status change time: also moves on chmod or on a rename over the file, where the
    /// modification time may have been preserved (`cp -p`, `rsync -t`).
    pub ctime: (i64, i64),
}

impl FileKey {
    /// The key of `path` from what the walk learnt of it: followed like the loader follows
    /// it, so that the key describes the bytes it will read.
    pub fn from_meta(path: &Path, explicit: bool, meta: &Metadata) -> FileKey {
        let (mtime, ctime) = times(meta);
        FileKey {
            path: path.as_os_str().as_encoded_bytes().to_vec(),
            explicit,
            size: meta.len(),
            mtime,
            ctime,
        }
    }
}

#[cfg(unix)]
fn times(meta: &Metadata) -> ((i64, i64), (i64, i64)) {
    use std::os::unix::fs::MetadataExt;
    (
        (meta.mtime(), meta.mtime_nsec()),
        (meta.ctime(), meta.ctime_nsec()),
    )
}

#[cfg(not(unix))]
fn times(meta: &Metadata) -> ((i64, i64), (i64, i64)) {
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or((0, 0), |d| {
            (
                i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                i64::from(d.subsec_nanos()),
            )
        });
    (mtime, (0, 0))
}

/// What a whole entry was built for; an entry stamped otherwise is not used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Parsing changes between versions: a newer binary does not trust an older one's work.
    pub crate_version: String,
    /// The `--field` overrides, as their debug form: they decide what a record becomes.
    pub fields: String,
    /// The input paths as given (documents show paths relative to them) and where each one
    /// resolved to (the same relative path from another folder is another corpus).
    pub roots: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Stamp {
    pub fn new(paths: &[PathBuf], fields: &FieldMap) -> Stamp {
        let bytes = |p: &Path| p.as_os_str().as_encoded_bytes().to_vec();
        Stamp {
            crate_version: env!("CARGO_PKG_VERSION").to_string(),
            fields: format!("{fields:?}"),
            roots: paths
                .iter()
                .map(|p| {
                    let real = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
                    (bytes(p), bytes(&real))
                })
                .collect(),
        }
    }

    /// The entry's file name: one file per corpus (paths and fields), so two corpora do not
    /// evict each other; the version is checked inside, so an upgrade overwrites in place.
    pub fn file_name(&self) -> String {
        let mut material = self.fields.as_bytes().to_vec();
        for (given, real) in &self.roots {
            for part in [given, real] {
                material.extend_from_slice(&(part.len() as u64).to_le_bytes());
                material.extend_from_slice(part);
            }
        }
        format!("corpus-{:016x}.bin", xxh3_64(&material))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_differ_by_paths_and_fields() {
        let fields = FieldMap::default();
        let a = Stamp::new(&[PathBuf::from("/no/such/a")], &fields);
        let b = Stamp::new(&[PathBuf::from("/no/such/b")], &fields);
        let ab = Stamp::new(
            &[PathBuf::from("/no/such/a"), PathBuf::from("/no/such/b")],
            &fields,
        );
        let mut other = FieldMap::default();
        if let Ok((field, key)) = FieldMap::parse_override("text=article") {
            other.set(field, &key);
        }
        let a_other = Stamp::new(&[PathBuf::from("/no/such/a")], &other);
        let names = [&a, &b, &ab, &a_other].map(Stamp::file_name);
        for (i, x) in names.iter().enumerate() {
            for y in &names[i + 1..] {
                assert_ne!(x, y);
            }
        }
        assert_eq!(
            a.file_name(),
            Stamp::new(&[PathBuf::from("/no/such/a")], &fields).file_name()
        );
    }

    fn key_of(path: &std::path::Path) -> Option<FileKey> {
        let meta = std::fs::metadata(path).ok()?;
        Some(FileKey::from_meta(path, false, &meta))
    }

    #[test]
    fn a_rewritten_file_gets_another_key() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "one").unwrap_or_else(|e| panic!("write: {e}"));
        let before = key_of(&path);
        assert!(before.is_some());
        std::fs::write(&path, "two!").unwrap_or_else(|e| panic!("write: {e}"));
        assert_ne!(key_of(&path), before);
        assert_eq!(key_of(&dir.path().join("gone.txt")), None);
    }
}
