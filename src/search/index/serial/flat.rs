//! The index as the cache stores it: its flat arrays little-endian, lengths before each
//! (term lengths then one text blob, posting counts then every posting, position lengths
//! then one byte blob, …). Reading back streams from the file into the index's own arrays,
//! each allocated once at its final size (positions read straight into theirs), never a
//! buffer of the whole section; anything that does not add up gives `None`, never a panic.
//! Must not decide whether an index fits a corpus (`Index::fits` does) nor frame or checksum
//! the bytes (the cache does).

use super::super::{FieldLens, Index, Posting, TermId};
use crate::search::related::Related;
use std::io::{self, Read, Write};
use std::ops::Range;
use std::sync::OnceLock;

/// Bytes one posting takes: document, title and body frequencies.
const POSTING: usize = 8;

/// How much is read at a time into arrays that are not bytes.
const PIECE: usize = 1 << 16;

/// `index` (or its absence) as flat arrays.
pub fn encode(index: Option<&Index>, out: &mut dyn Write) -> io::Result<()> {
    let Some(index) = index else {
        return out.write_all(&[0]);
    };
    // Listing every field: one added to Index must be added here too, or this does not build.
    let Index {
        terms,
        postings,
        posting_at,
        lens,
        avg,
        positions,
        position_at,
        title_terms,
        title_at,
        origin_at,
        title_origins,
        body_start,
        related,
        // Made again from the lengths and the corpus at the first query.
        norms: _,
        dates: _,
    } = index;
    let mut w = Writer { out };
    w.bytes(&[1])?;
    w.len(terms.len())?;
    w.len(lens.len())?;
    for term in terms {
        w.len(term.len())?;
    }
    for term in terms {
        w.bytes(term.as_bytes())?;
    }
    w.lens_of(posting_at)?;
    let mut piece = Vec::with_capacity(PIECE);
    for some in postings.chunks(PIECE / POSTING) {
        piece.clear();
        piece.extend(some.iter().flat_map(|p| p.to_bytes()));
        w.bytes(&piece)?;
    }
    w.lens_of(position_at)?;
    w.bytes(positions)?;
    for l in lens {
        w.u32(l.title)?;
        w.u32(l.body)?;
    }
    w.bytes(&avg.0.to_le_bytes())?;
    w.bytes(&avg.1.to_le_bytes())?;
    w.lens_of(title_at)?;
    for (word, &term) in title_terms.iter().enumerate() {
        w.u32(term)?;
        w.len(span(origin_at, word).len())?;
    }
    for &at in title_origins {
        w.u32(at)?;
    }
    for &start in body_start {
        w.u32(start)?;
    }
    // Small next to the rest (a few features per document): postcard is fast enough here.
    let related = postcard::to_stdvec(related).map_err(io::Error::other)?;
    w.len(related.len())?;
    w.bytes(&related)
}

/// The `i`th range of offsets `at`; empty where there is none (an index is only written
/// as built, where there always is).
fn span<T: Copy + TryInto<usize>>(at: &[T], i: usize) -> Range<usize> {
    let get = |i: usize| at.get(i).and_then(|&o| o.try_into().ok());
    match (get(i), i.checked_add(1).and_then(get)) {
        (Some(a), Some(b)) if a <= b => a..b,
        _ => 0..0,
    }
}

struct Writer<'a> {
    out: &'a mut dyn Write,
}

impl Writer<'_> {
    fn bytes(&mut self, b: &[u8]) -> io::Result<()> {
        self.out.write_all(b)
    }

    fn u32(&mut self, v: u32) -> io::Result<()> {
        self.bytes(&v.to_le_bytes())
    }

    /// The length of each list whose offsets `at` holds.
    fn lens_of<T: Copy + TryInto<usize>>(&mut self, at: &[T]) -> io::Result<()> {
        for i in 0..at.len().saturating_sub(1) {
            self.len(span(at, i).len())?;
        }
        Ok(())
    }

    /// A count or length; one past u32 is refused rather than cut short.
    fn len(&mut self, n: usize) -> io::Result<()> {
        let n = u32::try_from(n).map_err(|_| io::Error::other("too large for the cache"))?;
        self.u32(n)
    }
}

/// What [`encode`] wrote, read from the `len` bytes `from` gives: `Some(None)` for no index,
/// `None` for bytes it did not write (or fewer or more than `len`).
pub fn decode(from: &mut dyn Read, len: u64) -> Option<Option<Index>> {
    let mut r = Reader {
        inner: from,
        left: len,
        buf: Vec::new(),
    };
    match r.take(1)? {
        [0] => return (r.left == 0).then_some(None),
        [1] => {}
        _ => return None,
    }
    let n_terms = r.len()?;
    let n_docs = r.len()?;

    let term_lens = r.lens(n_terms)?;
    let text = std::str::from_utf8(r.take(total(&term_lens)?)?).ok()?;
    let mut terms = Vec::with_capacity(n_terms);
    let mut at = 0usize;
    for len in term_lens {
        // `get` also refuses a cut inside a character.
        let end = at.checked_add(len)?;
        terms.push(text.get(at..end)?.to_owned());
        at = end;
    }

    let posting_at = offsets(&r.lens(n_terms)?)?;
    let n_postings = posting_at.last().copied().unwrap_or(0);
    let postings = r.items(n_postings, POSTING, Posting::from_bytes)?;

    let position_at = offsets(&r.lens(n_terms)?)?;
    let mut positions = vec![0u8; r.room(position_at.last().copied().unwrap_or(0), 1)?];
    r.fill(&mut positions)?;

    let lens = r.items(n_docs, 8, |c| FieldLens {
        title: u32_of(c, 0),
        body: u32_of(c, 4),
    })?;
    let avg = (f32::from_bits(r.u32()?), f32::from_bits(r.u32()?));

    let title_at = offsets(&r.lens(n_docs)?)?;
    let n_words = title_at.last().copied().unwrap_or(0);
    let words: Vec<(TermId, u32)> = r.items(n_words, 8, |c| (u32_of(c, 0), u32_of(c, 4)))?;
    let mut origin_at = Vec::with_capacity(words.len() + 1);
    let mut title_terms = Vec::with_capacity(words.len());
    origin_at.push(0u32);
    let mut n_origins = 0u32;
    for (term, len) in words {
        n_origins = n_origins.checked_add(len)?;
        title_terms.push(term);
        origin_at.push(n_origins);
    }
    let title_origins = r.items(n_origins as usize, 4, |c| u32_of(c, 0))?;
    let title_at = title_at
        .into_iter()
        .map(|o| u32::try_from(o).ok())
        .collect::<Option<Vec<u32>>>()?;

    let body_start = r.items(n_docs, 4, |c| u32_of(c, 0))?;
    let related_len = r.len()?;
    let related: Related = postcard::from_bytes(r.take(related_len)?).ok()?;
    if r.left != 0 {
        return None;
    }
    Some(Some(Index {
        terms,
        postings,
        posting_at,
        lens,
        avg,
        positions,
        position_at,
        title_terms,
        title_at,
        origin_at,
        title_origins,
        body_start,
        related,
        norms: OnceLock::new(),
        dates: OnceLock::new(),
    }))
}

/// The offsets of lists of lengths `lens`: 0, then each running total; `None` on overflow.
fn offsets(lens: &[usize]) -> Option<Vec<usize>> {
    let mut at = Vec::with_capacity(lens.len() + 1);
    let mut sum = 0usize;
    at.push(0);
    for &len in lens {
        sum = sum.checked_add(len)?;
        at.push(sum);
    }
    Some(at)
}

/// The section as it is read, with how much of it is left: no length read from it can make
/// us allocate more than that.
struct Reader<'r> {
    inner: &'r mut dyn Read,
    left: u64,
    /// Reused for every piece read, so reading allocates only what the index keeps.
    buf: Vec<u8>,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if n as u64 > self.left {
            return None;
        }
        self.buf.clear();
        self.buf.resize(n, 0);
        self.inner.read_exact(&mut self.buf).ok()?;
        self.left -= n as u64;
        Some(&self.buf)
    }

    /// `n` items of `size` bytes each, when that many bytes are left.
    fn room(&self, n: usize, size: usize) -> Option<usize> {
        n.checked_mul(size)
            .filter(|&bytes| bytes as u64 <= self.left)?;
        Some(n)
    }

    /// `out` filled straight from the section, without a copy.
    fn fill(&mut self, out: &mut [u8]) -> Option<()> {
        if out.len() as u64 > self.left {
            return None;
        }
        self.inner.read_exact(out).ok()?;
        self.left -= out.len() as u64;
        Some(())
    }

    /// `n` items of `size` bytes, each made by `item`, into one vector allocated once at its
    /// size (only after the bytes for all of them are known to be there), read a piece at
    /// a time.
    fn items<T>(&mut self, n: usize, size: usize, item: impl Fn(&[u8]) -> T) -> Option<Vec<T>> {
        let mut out = Vec::with_capacity(self.room(n, size)?);
        let per_piece = (PIECE / size).max(1);
        while out.len() < n {
            let some = per_piece.min(n - out.len());
            out.extend(self.take(some * size)?.chunks_exact(size).map(&item));
        }
        Some(out)
    }

    fn u32(&mut self) -> Option<u32> {
        self.take(4).map(|b| u32_of(b, 0))
    }

    fn len(&mut self) -> Option<usize> {
        self.u32().map(|n| n as usize)
    }

    /// `n` lengths, read only once the bytes for all of them are known to be there.
    fn lens(&mut self, n: usize) -> Option<Vec<usize>> {
        self.items(n, 4, |c| u32_of(c, 0) as usize)
    }
}

/// The sum of lengths read from the file, refused when it would overflow.
fn total(lens: &[usize]) -> Option<usize> {
    lens.iter().try_fold(0usize, |sum, &n| sum.checked_add(n))
}

/// Little-endian words at `at`; callers slice exactly, and a short slice reads as zeros
/// rather than panicking.
fn u32_of(b: &[u8], at: usize) -> u32 {
    let mut word = [0; 4];
    if let Some(src) = b.get(at..at + 4) {
        word.copy_from_slice(src);
    }
    u32::from_le_bytes(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds_index() -> Index {
        Index::build(&crate::corpus::source::embedded())
    }

    fn encoded(index: Option<&Index>) -> Vec<u8> {
        let mut out = Vec::new();
        encode(index, &mut out).unwrap_or_else(|e| panic!("encode: {e}"));
        out
    }

    fn read(bytes: &[u8]) -> Option<Option<Index>> {
        decode(&mut &bytes[..], bytes.len() as u64)
    }

    /// Index has no PartialEq; its serde form covers every field.
    fn same(a: &Index, b: &Index) -> bool {
        postcard::to_stdvec(a).ok() == postcard::to_stdvec(b).ok()
    }

    #[test]
    fn an_index_and_its_absence_come_back() {
        let index = seeds_index();
        assert!(index.doc_count() > 0 && !index.vocabulary().is_empty());
        let back = read(&encoded(Some(&index)));
        assert!(matches!(back, Some(Some(ref b)) if same(b, &index)));
        assert!(matches!(read(&encoded(None)), Some(None)));
    }

    #[test]
    fn truncations_are_refused_and_no_damage_panics() {
        let good = encoded(Some(&seeds_index()));
        // Every cut among the header and the last bytes, a sample of those between: each
        // read is a whole decode, and the section is tens of kilobytes.
        let n = good.len();
        let cuts = (0..256.min(n))
            .chain((256..n).step_by(61))
            .chain(n.saturating_sub(256)..n);
        for len in cuts {
            assert!(read(&good[..len]).is_none(), "truncated to {len}");
            // Told the whole length, but the bytes end early.
            assert!(decode(&mut &good[..len], n as u64).is_none());
        }
        let mut longer = good.clone();
        longer.push(0);
        assert!(read(&longer).is_none(), "trailing byte");
        // A flipped byte may still read as some index (the cache's checksum is what refuses
        // it, and `fits` what keeps a wrong shape out); it must never panic.
        for at in (0..n).step_by(97) {
            let mut bad = good.clone();
            bad[at] ^= 0x81;
            let _ = read(&bad);
        }
    }
}
