//! Records of articles' texts and details in a file, each read when first asked for and
//! checked against its own checksum before it is decoded. Two kinds of file: a cache entry
//! (which could have changed since its frame was checked; a record that does not come back
//! as it was stored removes the entry, so the next run reads the corpus again), and the
//! nameless scratch file a first run puts its texts in as it reads them, so that they are
//! not all in memory at once while the index is built.
//! Owns the record format. Must not decide what an entry holds (store.rs) nor how its frame
//! is checked (codec.rs).

use super::positioned;
use crate::corpus::Document;
use crate::corpus::shelved::{Aside, Place, Shelf, Shelved};
use crate::corpus::{Block, Meta};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

pub struct FileShelf {
    file: File,
    /// The cache entry the file is, removed when a record fails; none for a scratch file.
    entry: Option<PathBuf>,
    removed: AtomicBool,
    /// Where the next record kept goes (a scratch file only).
    end: AtomicU64,
}

/// `value` as a record: its postcard encoding, in `bytes` (cleared first).
pub fn record<T: Serialize + ?Sized>(value: &T, bytes: &mut Vec<u8>) -> Result<(), String> {
    bytes.clear();
    *bytes = postcard::to_extend(value, std::mem::take(bytes)).map_err(|e| e.to_string())?;
    Ok(())
}

/// Where a record of `bytes` written at `at` is, with its checksum: how every record is
/// placed, and checked when read back.
pub fn place(at: u64, bytes: &[u8]) -> Place {
    Place {
        at,
        len: bytes.len() as u64,
        check: xxhash_rust::xxh3::xxh3_64(bytes),
    }
}

impl FileShelf {
    /// The records stored in `file`, the entry at `entry`.
    pub fn entry(file: File, entry: PathBuf) -> FileShelf {
        FileShelf {
            file,
            entry: Some(entry),
            removed: AtomicBool::new(false),
            end: AtomicU64::new(0),
        }
    }

    /// A file of no name in `dir`, gone with the process, for records kept as they come.
    pub fn scratch(dir: &Path) -> std::io::Result<FileShelf> {
        Ok(FileShelf {
            file: tempfile::tempfile_in(dir)?,
            entry: None,
            removed: AtomicBool::new(false),
            end: AtomicU64::new(0),
        })
    }

    /// Put `doc`'s text on this (scratch) shelf, so it is read back only when asked for;
    /// left in memory if it cannot be written.
    pub fn keep_text(self: &Arc<FileShelf>, doc: &mut Document, bytes: &mut Vec<u8>) {
        if let Some(place) = self.keep(&*doc.blocks, bytes) {
            let shelf: Arc<dyn Shelf<[Block]>> = Arc::clone(self) as _;
            doc.blocks = Shelved::at(shelf, place);
        }
    }

    /// `value` recorded at the end of this (scratch) file, through `bytes`; where it is, or
    /// `None` when it could not be written.
    fn keep<T: Serialize + ?Sized>(&self, value: &T, bytes: &mut Vec<u8>) -> Option<Place> {
        record(value, bytes).ok()?;
        let at = self.end.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        positioned::write_all_at(&self.file, bytes, at).ok()?;
        Some(place(at, bytes))
    }

    fn read<T: DeserializeOwned>(&self, place: &Place) -> Result<T, String> {
        let len = usize::try_from(place.len).map_err(|_| "too large for this machine")?;
        let mut bytes = vec![0; len];
        positioned::read_exact_at(&self.file, &mut bytes, place.at)
            .map_err(|e| format!("cannot read it: {e}"))?;
        if self::place(place.at, &bytes) != *place {
            return Err("checksum mismatch".into());
        }
        postcard::from_bytes(&bytes).map_err(|e| format!("undecodable: {e}"))
    }

    /// What `read` gave; a failure removes the entry (possibly a newer one another run
    /// wrote meanwhile: a cache, rebuilt at worst).
    fn value<T: DeserializeOwned>(&self, place: &Place) -> Result<T, String> {
        let value = self.read(place);
        if let (Err(_), Some(entry)) = (&value, &self.entry) {
            if !self.removed.swap(true, Ordering::Relaxed) {
                let _ = fs::remove_file(entry);
            }
        }
        value
    }
}

impl Shelf<[Block]> for FileShelf {
    fn fetch(&self, place: &Place) -> Result<Arc<[Block]>, String> {
        self.value::<Vec<Block>>(place).map(Arc::from)
    }
}

impl Shelf<Meta> for FileShelf {
    fn fetch(&self, place: &Place) -> Result<Arc<Meta>, String> {
        self.value::<Meta>(place).map(Arc::new)
    }
}

/// A first run's scratch file as the place its cards are put once made.
pub struct CardsAside(pub Arc<FileShelf>);

impl Aside<Meta> for CardsAside {
    fn put(&self, meta: &Meta) -> Option<Shelved<Meta>> {
        let place = self.0.keep(meta, &mut Vec::new())?;
        let shelf: Arc<dyn Shelf<Meta>> = Arc::clone(&self.0) as _;
        Some(Shelved::at(shelf, place))
    }
}
