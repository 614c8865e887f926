//! What keeping an index outside the process needs: the flat form the cache stores
//! ([`flat`]) and a shape check for an index read back. Must not build an index nor interpret positions (positions.rs does).

use super::Index;

mod flat;

impl Index {
    /// `index`, or its absence, in the form [`Index::read_flat`] reads back: flat arrays
    /// that take a few copies to read instead of one decoding call per posting.
    pub fn write_flat(index: Option<&Index>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        flat::encode(index, out)
    }

    /// What [`Index::write_flat`] wrote, as the `len` bytes `from` gives: `Some(None)` when
    /// it wrote no index, `None` when the bytes are not something it wrote. Check the
    /// result with [`Index::fits`].
    pub fn read_flat(from: &mut dyn std::io::Read, len: u64) -> Option<Option<Index>> {
        flat::decode(from, len)
    }

    /// [`Index::read_flat`] of bytes `range` of a mapped file, its postings and positions
    /// read in place.
    pub fn read_flat_mapped(
        map: &std::sync::Arc<memmap2::Mmap>,
        range: std::ops::Range<usize>,
    ) -> Option<Option<Index>> {
        flat::decode_mapped(map, range)
    }

    /// Whether an index read back from elsewhere (the cache) has the shape `build` gives for
    /// `docs` documents: offsets that start at 0, never go back and end at their array's
    /// length, one list per term or document, sorted unique terms, posting lists that read
    /// back whole and name existing documents in order. Search code may rely on these
    /// without checking each time.
    pub fn fits(&self, docs: usize) -> bool {
        let terms = self.terms.len();
        self.lens.len() == docs
            && self.body_start.len() == docs
            && offsets(&self.posting_at, terms, self.postings.len())
            && self.held.len() == terms
            && offsets(&self.skip_at, terms, self.skips.len())
            && offsets(&self.position_at, terms, self.positions.len())
            && offsets(&self.title_at, docs, self.title_terms.len())
            && offsets(
                &self.origin_at,
                self.title_terms.len(),
                self.title_origins.len(),
            )
            && self.terms.are_sorted_unique()
            && self.title_terms.iter().all(|&t| (t as usize) < terms)
            && self.postings_are_sound(docs)
    }

    /// Whether every term's posting list reads back whole (see `PostingList::is_sound`):
    /// on the pool, a few thousand terms at a time, since a second run waits for it and it
    /// reads every posting of the corpus.
    fn postings_are_sound(&self, docs: usize) -> bool {
        use rayon::prelude::*;
        let terms = u32::try_from(self.terms.len()).unwrap_or(u32::MAX);
        (0..terms)
            .into_par_iter()
            .with_min_len(4096)
            .all(|t| self.postings(t).is_sound(docs))
    }
}

/// Whether `at` holds the offsets of `lists` lists into an array of `len` items.
fn offsets<T: Copy + TryInto<usize>>(at: &[T], lists: usize, len: usize) -> bool {
    let mut last = 0usize;
    at.len() == lists + 1
        && at.iter().enumerate().all(|(i, &o)| match o.try_into() {
            Ok(o) => {
                let ok = if i == 0 { o == 0 } else { o >= last };
                last = o;
                ok
            }
            Err(_) => false,
        })
        && last == len
}
