//! One of the index's large arrays (postings, positions): a vector of its own, fresh pages
//! filled in place as the index was laid out ([`Blank`]), or a stretch of a mapped cache
//! file read in place, so that a second run neither copies nor zeroes hundreds of megabytes
//! before its first search. Either way it reads as `&[T]`.
//! Must not map files (the cache does) nor judge what the items say (`Index::fits` does).

use bytemuck::Pod;
use memmap2::{Mmap, MmapMut};
use serde::{Serialize, Serializer};
use std::fmt;
use std::ops::{Deref, DerefMut, Range};
use std::sync::Arc;

pub struct Slab<T: Pod>(Repr<T>);

enum Repr<T> {
    Own(Vec<T>),
    /// Bytes `range` of `map`, checked at creation to hold whole, aligned items.
    Mapped {
        map: Arc<Mmap>,
        range: Range<usize>,
    },
    /// Pages of its own from the system, filled in place (see [`Blank`]).
    Blank(MmapMut),
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
            // Bytes as items: a whole number of them, aligned, for the only use (u8).
            Repr::Blank(map) => bytemuck::try_cast_slice(map).unwrap_or_default(),
        }
    }
}

/// Zeroed bytes to fill in place, then read as a [`Slab`]: pages fresh from the system,
/// zero until written and memory only once written. A zeroed vector is that only when the
/// allocator has no freed memory to give it: reusing some, it zeroed all of it at once,
/// and the index's layout, which fills its arrays as the runs' streams give theirs back,
/// started with both arrays in memory. A first run at 10 000 articles went from 68 MB to
/// 74-89 MB there in two runs of three, and to 65 MB in four of four with fresh pages.
pub struct Blank(Fresh);

enum Fresh {
    Map(MmapMut),
    /// Where the system gives no mapping, or for nothing at all.
    Own(Vec<u8>),
}

impl Blank {
    /// `len` zero bytes.
    pub fn new(len: usize) -> Blank {
        let map = (len > 0).then(|| MmapMut::map_anon(len).ok()).flatten();
        Blank(map.map_or_else(|| Fresh::Own(vec![0; len]), Fresh::Map))
    }

    /// The bytes as filled, to read.
    pub fn into_slab(self) -> Slab<u8> {
        match self.0 {
            Fresh::Map(map) => Slab(Repr::Blank(map)),
            Fresh::Own(bytes) => Slab(Repr::Own(bytes)),
        }
    }
}

impl Deref for Blank {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match &self.0 {
            Fresh::Map(map) => map,
            Fresh::Own(bytes) => bytes,
        }
    }
}

impl DerefMut for Blank {
    fn deref_mut(&mut self) -> &mut [u8] {
        match &mut self.0 {
            Fresh::Map(map) => map,
            Fresh::Own(bytes) => bytes,
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
    fn a_blank_reads_as_zeros_until_written_and_as_written_once_a_slab() {
        for len in [0, 1, 4095, 4096, 3 * 4096 + 17] {
            let mut blank = Blank::new(len);
            assert_eq!(blank.len(), len);
            assert!(blank.iter().all(|&b| b == 0), "{len}");
            for (i, b) in blank.iter_mut().enumerate().step_by(1000) {
                *b = (i % 251) as u8 + 1;
            }
            let slab = blank.into_slab();
            assert!(!slab.is_mapped(), "not a cache file's");
            let expected: Vec<u8> = (0..len)
                .map(|i| {
                    if i % 1000 == 0 {
                        (i % 251) as u8 + 1
                    } else {
                        0
                    }
                })
                .collect();
            assert_eq!(&*slab, expected.as_slice(), "{len}");
        }
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
