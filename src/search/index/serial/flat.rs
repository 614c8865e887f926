//! The index as the cache stores it: its flat arrays little-endian, lengths before each
//! (term lengths then one text blob, posting list lengths and counts then one byte blob,
//! position lengths then one byte blob, …).
//! Read back either from a stream, into the index's own arrays, each allocated once at its
//! final size (positions read straight into theirs), never a buffer of the whole section; or
//! from a mapped file, where the postings and positions are read in place. Anything that
//! does not add up gives `None`, never a panic.
//! Must not decide whether an index fits a corpus (`Index::fits` does) nor frame or checksum
//! the bytes (the cache does).

use super::super::postings::Skip;
use super::super::{FieldLens, Index, Slab, TermId, Terms, skip_offsets};
use crate::search::related::Related;
use memmap2::Mmap;
use std::io::{self, Read, Write};
use std::ops::Range;
use std::sync::{Arc, OnceLock};

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
        held,
        skips,
        // Made again from `held`.
        skip_at: _,
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
    for term in terms.iter() {
        w.len(term.len())?;
    }
    w.bytes(terms.text().as_bytes())?;
    w.lens_of(posting_at)?;
    for &n in held {
        w.u32(n)?;
    }
    w.bytes(postings)?;
    for skip in skips {
        w.u32(skip.doc_before)?;
        w.u32(skip.at)?;
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
    // An entry written before the cards were made has none: read back, it is related then.
    let none = Related::default();
    let related = related.get().unwrap_or(&none);
    // Counted, then written: encoded in a buffer first, they were 15 MB more at 100 000
    // articles when the entry is written, the first run's peak.
    let mut counted = Counted(0);
    postcard::to_io(related, &mut counted).map_err(io::Error::other)?;
    w.len(counted.0)?;
    postcard::to_io(related, &mut w).map_err(io::Error::other)?;
    Ok(())
}

/// A writer that only counts what it is given.
struct Counted(usize);

impl Write for Counted {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
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

impl Write for Writer<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes(buf).map(|()| buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
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
    read(Reader {
        input: Input::Stream(from),
        left: len,
        buf: Vec::new(),
    })
}

/// What [`encode`] wrote, at bytes `range` of `map`, as [`decode`] reads it, its postings
/// and positions read in place.
pub fn decode_mapped(map: &Arc<Mmap>, range: Range<usize>) -> Option<Option<Index>> {
    let len = range.len() as u64;
    read(Reader {
        input: Input::Mapped {
            map,
            at: range.start,
        },
        left: len,
        buf: Vec::new(),
    })
}

fn read(mut r: Reader) -> Option<Option<Index>> {
    match r.take(1)? {
        [0] => return (r.left == 0).then_some(None),
        [1] => {}
        _ => return None,
    }
    let n_terms = r.len()?;
    let n_docs = r.len()?;

    let term_lens = r.lens(n_terms)?;
    let text = std::str::from_utf8(r.take(total(&term_lens)?)?).ok()?;
    // Also refuses a cut inside a character.
    let terms = Terms::from_lens(text.to_owned(), &term_lens)?;

    let posting_at = offsets(&r.lens(n_terms)?)?;
    let held = r.items(n_terms, 4, |c| u32_of(c, 0))?;
    let postings = r.bytes(posting_at.last().copied().unwrap_or(0))?;
    let skip_at = skip_offsets(&held);
    let skips = r.items(skip_at.last().copied().unwrap_or(0), 8, |c| Skip {
        doc_before: u32_of(c, 0),
        at: u32_of(c, 4),
    })?;

    let position_at = offsets(&r.lens(n_terms)?)?;
    let positions = r.bytes(position_at.last().copied().unwrap_or(0))?;

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
        held,
        skips,
        skip_at,
        lens,
        avg,
        positions,
        position_at,
        title_terms,
        title_at,
        origin_at,
        title_origins,
        body_start,
        // Left to be set (see `Index::relate`) when there was nothing to store yet.
        related: if related.is_built() {
            OnceLock::from(related)
        } else {
            OnceLock::new()
        },
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
    input: Input<'r>,
    left: u64,
    /// Reused for every piece read from a stream, so reading allocates only what the index
    /// keeps.
    buf: Vec<u8>,
}

enum Input<'r> {
    Stream(&'r mut dyn Read),
    /// A mapped file, from byte `at` on.
    Mapped {
        map: &'r Arc<Mmap>,
        at: usize,
    },
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        if n as u64 > self.left {
            return None;
        }
        self.left -= n as u64;
        match &mut self.input {
            Input::Stream(from) => {
                self.buf.clear();
                self.buf.resize(n, 0);
                from.read_exact(&mut self.buf).ok()?;
                Some(&self.buf)
            }
            Input::Mapped { map, at } => {
                let start = *at;
                *at = start.checked_add(n)?;
                map.get(start..*at)
            }
        }
    }

    /// `n` items of `size` bytes each, when that many bytes are left.
    fn room(&self, n: usize, size: usize) -> Option<usize> {
        n.checked_mul(size)
            .filter(|&bytes| bytes as u64 <= self.left)?;
        Some(n)
    }

    /// `n` bytes: in place from a map, else read straight into an array of their own.
    fn bytes(&mut self, n: usize) -> Option<Slab<u8>> {
        self.room(n, 1)?;
        match &mut self.input {
            Input::Mapped { map, at } => {
                let range = *at..at.checked_add(n)?;
                let slab = Slab::mapped(map, range.clone())?;
                *at = range.end;
                self.left -= n as u64;
                Some(slab)
            }
            Input::Stream(from) => {
                let mut out = vec![0u8; n];
                from.read_exact(&mut out).ok()?;
                self.left -= n as u64;
                Some(out.into())
            }
        }
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
mod tests;
