//! The bodies of a cache entry, each read from the entry's file when its article's text is
//! first asked for, and checked against its own checksum before it is decoded: the file
//! could have changed since its frame was checked. A body that does not come back as it
//! was stored removes the entry, so the next run reads the corpus again.
//! Must not decide what an entry holds (store.rs) nor how its frame is checked (codec.rs).

use super::codec;
use crate::corpus::Block;
use crate::corpus::body::{Place, Shelf};
use std::fs::{self, File};
use std::path::PathBuf;
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

    fn read(&self, place: &Place) -> Result<Vec<Block>, String> {
        let len = usize::try_from(place.len).map_err(|_| "too large for this machine")?;
        let mut bytes = vec![0; len];
        codec::read_exact_at(&self.file, &mut bytes, place.at)
            .map_err(|e| format!("cannot read it: {e}"))?;
        if xxhash_rust::xxh3::xxh3_64(&bytes) != place.check {
            return Err("checksum mismatch".into());
        }
        postcard::from_bytes(&bytes).map_err(|e| format!("undecodable: {e}"))
    }
}

impl Shelf for EntryShelf {
    fn fetch(&self, place: &Place) -> Result<Vec<Block>, String> {
        let body = self.read(place);
        if body.is_err() && !self.removed.swap(true, Ordering::Relaxed) {
            // Possibly a newer entry another run wrote meanwhile: a cache, rebuilt at worst.
            let _ = fs::remove_file(&self.entry);
        }
        body
    }
}
