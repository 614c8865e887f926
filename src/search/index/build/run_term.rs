//! What a run knows of each of its terms while it reads its documents, and what the
//! layout reads back of it. Must not read documents nor place anything in the index.

/// One term of a run, in 32 bytes: two to a cache line.
#[derive(Default, Clone, Copy)]
pub(super) struct RunTerm {
    /// Documents containing it.
    pub(super) postings: u32,
    /// Its bucket (the first byte of its word) and the bytes its positions take in the
    /// index: see [`BucketBytes`].
    pub(super) bucket_bytes: BucketBytes,
    /// 1 + the last document that counted it, and where in `doc_terms` it is.
    pub(super) seen: u32,
    pub(super) slot: u32,
    /// The first document that counted it, and the bytes its postings' records take in the
    /// index but for the first one's gap, which depends on the runs before (see
    /// [`crate::search::index::postings::record_len`]). A run of fewer than 390 million
    /// documents cannot overflow them.
    pub(super) first: u32,
    pub(super) posting_bytes: u32,
    /// Its number among the run's terms of its bucket, in order of first sight: what the
    /// streams call it, so that [`super::fill`] finds its place in a bucket's map of a few
    /// thousand terms instead of the run's of a hundred thousand.
    pub(super) in_bucket: u32,
}

/// A term's bucket in the top byte, the bytes its positions take in the rest: 2^56 bytes
/// is past any index, and the bucket a field of its own made a run's term 40 bytes.
#[derive(Default, Clone, Copy)]
pub(super) struct BucketBytes(u64);

impl BucketBytes {
    const BYTES: u64 = (1 << 56) - 1;

    pub(super) fn new(bucket: u8) -> BucketBytes {
        BucketBytes(u64::from(bucket) << 56)
    }

    pub(super) fn bucket(self) -> u8 {
        (self.0 >> 56) as u8
    }

    pub(super) fn position_bytes(self) -> usize {
        usize::try_from(self.0 & Self::BYTES).unwrap_or(usize::MAX)
    }

    pub(super) fn add_position_bytes(&mut self, n: usize) {
        let bytes = (self.0 & Self::BYTES)
            .saturating_add(n as u64)
            .min(Self::BYTES);
        self.0 = (self.0 & !Self::BYTES) | bytes;
    }
}

// Two to a cache line: a run looks a term up among a hundred thousand, and prefetches one
// line for it (see `super::prefetch`).
const _: () = assert!(std::mem::size_of::<RunTerm>() == 32);
