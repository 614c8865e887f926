//! What a cache file holds and how it gets to and from disk: section 0 is the stamp and each
//! input file's documents, section 1 the index built over all of them (when one was). Writes
//! go to a temporary file in the same folder, renamed over the entry, so a reader sees the
//! old file or the new one, never a mix, and concurrent runs only race to be last.
//! Must not decide which files changed (mod.rs) nor how bytes are framed (codec.rs).

use super::codec::{self, Frame, Postcard, Refused, Section};
use super::evict;
use super::key::{FileKey, Stamp};
use crate::corpus::{Corpus, Document};
use crate::search::Index;
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io::ErrorKind;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// A temporary file this old is a write that never finished (its process was killed);
/// younger ones may belong to a run still writing.
const ABANDONED: Duration = Duration::from_secs(3600);

/// Section 0 as read back.
#[derive(Deserialize)]
pub struct Files {
    pub stamp: Stamp,
    pub files: Vec<FileEntry>,
}

/// One input file's part of the corpus: its documents (with the keywords they had in the
/// corpus they were stored with) and its warnings.
#[derive(Deserialize)]
pub struct FileEntry {
    pub key: FileKey,
    pub docs: Vec<Document>,
    pub warnings: Vec<String>,
}

/// Section 0 as written: the same shape as [`Files`], borrowing from the live corpus.
#[derive(Serialize)]
struct FilesRef<'a> {
    stamp: &'a Stamp,
    files: Vec<FileRef<'a>>,
}

#[derive(Serialize)]
struct FileRef<'a> {
    key: &'a FileKey,
    docs: &'a [Document],
    warnings: &'a [String],
}

/// Section 1: the index in its own flat form, which reads back far faster than serde's.
struct FlatIndex<'a>(Option<&'a Index>);

impl Section for FlatIndex<'_> {
    fn encode(&self, out: &mut dyn std::io::Write) -> Result<(), String> {
        Index::write_flat(self.0, out).map_err(|e| e.to_string())
    }
}

/// The index `write` stored in section 1 of `frame`, if it stored one.
pub fn read_index(frame: &Frame) -> Result<Option<Index>, Refused> {
    frame.decode_with(1, Index::read_flat)
}

/// Which run of the corpus' documents one input file gave.
#[derive(Debug, Clone)]
pub struct Span {
    pub key: FileKey,
    pub docs: usize,
    pub warnings: Vec<String>,
}

/// The entry at `path`, if there is one.
pub fn open(path: &Path) -> Result<Option<Frame>, Refused> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Refused::Corrupt(format!("cannot open: {e}"))),
    };
    let len = file
        .metadata()
        .map_err(|e| Refused::Corrupt(format!("cannot stat: {e}")))?
        .len();
    evict::touch(&file);
    codec::read(file, len).map(Some)
}

/// Write `corpus` (laid out as `spans` say, in order) and `index` as the entry at `path`.
pub fn write(
    path: &Path,
    stamp: &Stamp,
    spans: &[Span],
    corpus: &Corpus,
    index: Option<&Index>,
) -> Result<(), String> {
    let mut files = Vec::with_capacity(spans.len());
    let mut at = 0;
    for span in spans {
        let docs = corpus
            .docs
            .get(at..at + span.docs)
            .ok_or("the corpus does not match what was loaded")?;
        at += span.docs;
        files.push(FileRef {
            key: &span.key,
            docs,
            warnings: &span.warnings,
        });
    }
    if at != corpus.docs.len() {
        return Err("the corpus does not match what was loaded".into());
    }
    let dir = path.parent().ok_or("no folder")?;
    sweep(dir);
    let name = path.file_name().ok_or("no file name")?.to_string_lossy();
    // Unique per process and per write, so two runs never write into the same temp file.
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let temp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        WRITES.fetch_add(1, Ordering::Relaxed)
    ));
    let written = File::create(&temp)
        .map_err(|e| e.to_string())
        .and_then(|mut file| {
            let files = FilesRef { stamp, files };
            codec::write(&mut file, &Postcard(&files), &FlatIndex(index))
        })
        // No fsync: after a crash the checksum refuses a half-written file, and a cache is
        // not worth making every run wait for the disk.
        .and_then(|()| fs::rename(&temp, path).map_err(|e| e.to_string()));
    match written {
        Ok(()) => {
            evict::evict(dir, path, evict::BUDGET);
            Ok(())
        }
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// Remove abandoned temporary files, so killed runs do not pile up in the folder.
fn sweep(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let Some(cutoff) = SystemTime::now().checked_sub(ABANDONED) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(".corpus-") && name.ends_with(".tmp");
        let old = || {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t < cutoff)
        };
        if ours && old() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::evict::tests::file as aged;

    #[test]
    fn abandoned_temp_files_go_recent_ones_stay() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let file = |name: &str, age: u64| aged(dir.path(), name, 0, age);
        let abandoned = file(".corpus-1.bin.7.0.tmp", 2 * 3600);
        let writing = file(".corpus-1.bin.8.0.tmp", 10);
        let other = file("notes.tmp", 2 * 3600);
        let stamp = Stamp::new(&[], &crate::corpus::formats::FieldMap::default());
        let entry = dir.path().join(stamp.file_name());
        let written = write(&entry, &stamp, &[], &Corpus::default(), None);
        assert_eq!(written, Ok(()));
        assert!(entry.exists() && writing.exists() && other.exists());
        assert!(!abandoned.exists());
    }

    #[test]
    fn writing_an_entry_makes_room_by_removing_the_least_recently_used() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let entry = |name: &str, len: u64, age: u64| aged(dir.path(), name, len, age);
        let old = entry("corpus-0000000000000001.bin", evict::BUDGET - 10, 3600);
        let recent = entry("corpus-0000000000000002.bin", 50, 60);
        let stamp = Stamp::new(&[], &crate::corpus::formats::FieldMap::default());
        let current = dir.path().join(stamp.file_name());
        let written = write(&current, &stamp, &[], &Corpus::default(), None);
        assert_eq!(written, Ok(()));
        assert!(current.exists() && recent.exists());
        assert!(
            !old.exists(),
            "the old entry no longer fits beside the new ones"
        );
    }
}
