//! The texts and details of a cache entry's articles, each read from the entry's file when
//! first asked for, and checked against its own checksum before it is decoded: the file
//! could have changed since its frame was checked. One that does not come back as it was
//! stored removes the entry, so the next run reads the corpus again.
//! Must not decide what an entry holds (store.rs) nor how its frame is checked (codec.rs).

use super::codec;
use crate::corpus::shelved::{Place, Shelf};
use crate::corpus::{Block, Meta};
use serde::de::DeserializeOwned;
use std::fs::{self, File};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub struct EntryShelf {
    file: File,
    entry: PathBuf,
    removed: AtomicBool,
}

impl EntryShelf {
    /// The bodies stored in `file`, the entry at `entry`.
    pub fn new(file: File, entry: PathBuf) -> EntryShelf {
        EntryShelf {
            file,
            entry,
            removed: AtomicBool::new(false),
        }
    }

    fn read<T: DeserializeOwned>(&self, place: &Place) -> Result<T, String> {
        let len = usize::try_from(place.len).map_err(|_| "too large for this machine")?;
        let mut bytes = vec![0; len];
        codec::read_exact_at(&self.file, &mut bytes, place.at)
            .map_err(|e| format!("cannot read it: {e}"))?;
        if xxhash_rust::xxh3::xxh3_64(&bytes) != place.check {
            return Err("checksum mismatch".into());
        }
        postcard::from_bytes(&bytes).map_err(|e| format!("undecodable: {e}"))
    }

    /// What `read` gave; a failure removes the entry (possibly a newer one another run
    /// wrote meanwhile: a cache, rebuilt at worst).
    fn value<T: DeserializeOwned>(&self, place: &Place) -> Result<T, String> {
        let value = self.read(place);
        if value.is_err() && !self.removed.swap(true, Ordering::Relaxed) {
            let _ = fs::remove_file(&self.entry);
        }
        value
    }
}

impl Shelf<[Block]> for EntryShelf {
    fn fetch(&self, place: &Place) -> Result<Arc<[Block]>, String> {
        self.value::<Vec<Block>>(place).map(Arc::from)
    }
}

impl Shelf<Meta> for EntryShelf {
    fn fetch(&self, place: &Place) -> Result<Arc<Meta>, String> {
        self.value::<Meta>(place).map(Arc::new)
    }
}
