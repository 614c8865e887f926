//! The index as the cache stores it: a few flat little-endian arrays (term lengths then one
//! text blob, posting counts then every posting, position lengths then one byte blob, …)
//! instead of one serde call per posting. Reading back streams from the file: one UTF-8
//! check for the whole vocabulary and one allocation per list the index keeps, never a
//! buffer of the whole section; anything that does not add up gives `None`, never a panic.
//! Must not decide whether an index fits a corpus (`Index::fits` does) nor frame or checksum
//! the bytes (the cache does).

use super::super::{FieldLens, Index, Posting, TitleWord};
use crate::search::related::Related;
use std::io::{self, Read, Write};

/// Bytes one posting takes: document, title and body frequencies.
const POSTING: usize = 8;

/// `index` (or its absence) as flat arrays.
pub fn encode(index: Option<&Index>, out: &mut dyn Write) -> io::Result<()> {
    let Some(index) = index else {
        return out.write_all(&[0]);
    };
    // Listing every field: one added to Index must be added here too, or this does not build.
    let Index {
        terms,
        postings,
        lens,
        avg,
        titles,
        positions,
        body_start,
        related,
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
    for list in postings {
        w.len(list.len())?;
    }
    for p in postings.iter().flatten() {
        w.u32(p.doc)?;
        w.bytes(&p.title_tf.to_le_bytes())?;
        w.bytes(&p.body_tf.to_le_bytes())?;
    }
    for list in positions {
        w.len(list.len())?;
    }
    for list in positions {
        w.bytes(list)?;
    }
    for l in lens {
        w.u32(l.title)?;
        w.u32(l.body)?;
    }
    w.bytes(&avg.0.to_le_bytes())?;
    w.bytes(&avg.1.to_le_bytes())?;
    for words in titles {
        w.len(words.len())?;
    }
    for word in titles.iter().flatten() {
        w.u32(word.term)?;
        w.len(word.origin.len())?;
    }
    for &at in titles.iter().flatten().flat_map(|word| &word.origin) {
        w.len(at)?;
    }
    for &start in body_start {
        w.u32(start)?;
    }
    // Small next to the rest (a few features per document): postcard is fast enough here.
    let related = postcard::to_stdvec(related).map_err(io::Error::other)?;
    w.len(related.len())?;
    w.bytes(&related)
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

    let counts = r.lens(n_terms)?;
    let mut postings = Vec::with_capacity(n_terms);
    for count in counts {
        let these = r.take(count.checked_mul(POSTING)?)?;
        postings.push(these.chunks_exact(POSTING).map(posting).collect());
    }

    let position_lens = r.lens(n_terms)?;
    let mut positions = Vec::with_capacity(n_terms);
    for len in position_lens {
        positions.push(r.take(len)?.to_vec());
    }

    let lens = r
        .take(n_docs.checked_mul(8)?)?
        .chunks_exact(8)
        .map(|c| FieldLens {
            title: u32_of(c, 0),
            body: u32_of(c, 4),
        })
        .collect();
    let avg = (f32::from_bits(r.u32()?), f32::from_bits(r.u32()?));

    let word_counts = r.lens(n_docs)?;
    let words: Vec<(u32, usize)> = r
        .take(total(&word_counts)?.checked_mul(8)?)?
        .chunks_exact(8)
        .map(|c| (u32_of(c, 0), u32_of(c, 4) as usize))
        .collect();
    let origin_total = words
        .iter()
        .try_fold(0usize, |sum, w| sum.checked_add(w.1))?;
    let origins = r.take(origin_total.checked_mul(4)?)?;
    let mut origins = origins.chunks_exact(4).map(|c| u32_of(c, 0) as usize);
    let mut words = words.into_iter();
    let mut titles = Vec::with_capacity(n_docs);
    for count in word_counts {
        let mut these = Vec::with_capacity(count);
        for (term, len) in words.by_ref().take(count) {
            these.push(TitleWord {
                term,
                origin: origins.by_ref().take(len).collect(),
            });
        }
        titles.push(these);
    }

    let body_start = r
        .take(n_docs.checked_mul(4)?)?
        .chunks_exact(4)
        .map(|c| u32_of(c, 0))
        .collect();
    let related_len = r.len()?;
    let related: Related = postcard::from_bytes(r.take(related_len)?).ok()?;
    if r.left != 0 {
        return None;
    }
    Some(Some(Index {
        terms,
        postings,
        lens,
        avg,
        titles,
        positions,
        body_start,
        related,
    }))
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

    fn u32(&mut self) -> Option<u32> {
        self.take(4).map(|b| u32_of(b, 0))
    }

    fn len(&mut self) -> Option<usize> {
        self.u32().map(|n| n as usize)
    }

    /// `n` lengths, read only once the bytes for all of them are known to be there.
    fn lens(&mut self, n: usize) -> Option<Vec<usize>> {
        let raw = self.take(n.checked_mul(4)?)?;
        Some(raw.chunks_exact(4).map(|c| u32_of(c, 0) as usize).collect())
    }
}

/// The sum of lengths read from the file, refused when it would overflow.
fn total(lens: &[usize]) -> Option<usize> {
    lens.iter().try_fold(0usize, |sum, &n| sum.checked_add(n))
}

fn posting(c: &[u8]) -> Posting {
    Posting {
        doc: u32_of(c, 0),
        title_tf: u16_of(c, 4),
        body_tf: u16_of(c, 6),
    }
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

fn u16_of(b: &[u8], at: usize) -> u16 {
    let mut word = [0; 2];
    if let Some(src) = b.get(at..at + 2) {
        word.copy_from_slice(src);
    }
    u16::from_le_bytes(word)
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
