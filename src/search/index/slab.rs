//! One of the index's large arrays (postings, positions): a vector of its own, as built or
//! read from a stream, or a stretch of a mapped cache file read in place, so that a second
//! run neither copies nor zeroes hundreds of megabytes before its first search. Either way
//! it reads as `&[T]`.
//! Must not map files (the cache does) nor judge what the items say (`Index::fits` does).

use bytemuck::Pod;
use memmap2::Mmap;
use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

pub struct Slab<T: Pod>(Repr<T>);

enum Repr<T> {
    Own(Vec<T>),
    /// Bytes `range` of `map`, checked at creation to hold whole, aligned items.
    Mapped {
        map: Arc<Mmap>,
        range: Range<usize>,
    },
}

impl<T: Pod> Slab<T> {
    /// Bytes `range` of `map` read in place as items laid out as in memory (little-endian
    /// on the machines this is used on); `None` when the range is outside the map, not a
    /// whole number of items or not aligned for them.
    pub fn mapped(map: &Arc<Mmap>, range: Range<usize>) -> Option<Slab<T>> {
        let bytes = map.get(range.clone())?;
        bytemuck::try_cast_slice::<u8, T>(bytes).ok()?;
        Some(Slab(Repr::Mapped {
            map: Arc::clone(map),
            range,
        }))
    }

    /// Whether the items are read in place from a mapped file.
    pub fn is_mapped(&self) -> bool {
        matches!(self.0, Repr::Mapped { .. })
    }
}

impl<T: Pod> Deref for Slab<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match &self.0 {
            Repr::Own(items) => items,
            // Checked in `mapped`; the map never changes size, so this never gives `[]`.
            Repr::Mapped { map, range } => map
                .get(range.clone())
                .and_then(|bytes| bytemuck::try_cast_slice(bytes).ok())
                .unwrap_or_default(),
        }
    }
}

impl<T: Pod> From<Vec<T>> for Slab<T> {
    fn from(items: Vec<T>) -> Slab<T> {
        Slab(Repr::Own(items))
    }
}

impl<T: Pod> Default for Slab<T> {
    fn default() -> Slab<T> {
        Slab(Repr::Own(Vec::new()))
    }
}

impl<T: Pod + Serialize> Serialize for Slab<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<T: Pod> fmt::Debug for Slab<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = if self.is_mapped() { "mapped" } else { "own" };
        write!(f, "Slab({} items, {place})", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn map_of(bytes: &[u8]) -> Arc<Mmap> {
        let mut file = tempfile::tempfile().unwrap_or_else(|e| panic!("temp file: {e}"));
        file.write_all(bytes)
            .unwrap_or_else(|e| panic!("temp file: {e}"));
        // SAFETY: a temporary file only this test holds, never written again.
        let map = unsafe { Mmap::map(&file) };
        Arc::new(map.unwrap_or_else(|e| panic!("map: {e}")))
    }

    #[test]
    fn a_mapped_stretch_reads_as_the_items_written_there() {
        let words: Vec<u32> = vec![7, 0x0102_0304, u32::MAX];
        let mut bytes = vec![0xEE; 8];
        bytes.extend(words.iter().flat_map(|w| w.to_le_bytes()));
        let map = map_of(&bytes);
        let slab = Slab::<u32>::mapped(&map, 8..20);
        let Some(slab) = slab else {
            panic!("aligned and whole");
        };
        assert!(slab.is_mapped());
        if cfg!(target_endian = "little") {
            assert_eq!(&*slab, words.as_slice());
        }
        assert_eq!(Slab::from(words.clone()).len(), slab.len());
    }

    #[test]
    fn a_stretch_outside_the_map_misaligned_or_cut_is_refused() {
        let map = map_of(&[0; 32]);
        assert!(Slab::<u32>::mapped(&map, 8..40).is_none(), "outside");
        assert!(Slab::<u32>::mapped(&map, 9..13).is_none(), "misaligned");
        assert!(
            Slab::<u32>::mapped(&map, 8..14).is_none(),
            "not whole items"
        );
        assert!(Slab::<u32>::mapped(&map, 8..8).is_some_and(|s| s.is_empty()));
    }
}
