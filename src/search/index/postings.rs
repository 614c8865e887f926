//! Postings as the index stores them, compact: per term, its documents ascending, each a
//! record of varints (the gap from the document before, then its counts), and reading them
//! back one by one. Must not decide what a count is worth (scoring does) nor where a term's
//! list starts (the index's offsets do).

use super::varint::{read_varint, varint_bytes, varint_len};

/// One document containing a term, with how often it occurs per field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Posting {
    /// Index into `corpus.docs`.
    pub doc: u32,
    /// Occurrences in the title and the source, the short fields that say what a text is.
    pub title_tf: u16,
    pub body_tf: u16,
}

/// Bytes a record takes at most: three varints of up to 32, 17 and 16 bits.
pub(super) const MAX_RECORD: usize = 5 + 3 + 3;

/// The record of posting `p`, `gap` after the document before it in its term's list (its
/// document itself for the first): the gap, then the body count shifted left by one with a
/// flag for a title count, then that count when there is one. Most documents hold a term
/// in their body only, a few times, a few documents after the last: two bytes where a
/// fixed layout took eight.
pub(super) fn record(p: Posting, gap: u32) -> ([u8; MAX_RECORD], usize) {
    let mut out = [0u8; MAX_RECORD];
    let mut len = 0;
    let mut put = |v: u32| {
        let (bytes, n) = varint_bytes(v);
        out[len..len + n].copy_from_slice(&bytes[..n]);
        len += n;
    };
    put(gap);
    put(counts(p.title_tf, p.body_tf));
    if p.title_tf > 0 {
        put(u32::from(p.title_tf));
    }
    (out, len)
}

/// Bytes the counts part of a record takes (all of it but the gap).
pub(super) fn counts_len(title_tf: u16, body_tf: u16) -> usize {
    let title = if title_tf > 0 {
        varint_len(u32::from(title_tf))
    } else {
        0
    };
    varint_len(counts(title_tf, body_tf)) + title
}

fn counts(title_tf: u16, body_tf: u16) -> u32 {
    u32::from(body_tf) << 1 | u32::from(title_tf > 0)
}

/// One term's postings: `len` records in `bytes`.
#[derive(Debug, Clone, Copy, Default)]
pub struct PostingList<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) len: usize,
}

impl<'a> PostingList<'a> {
    /// How many documents hold the term.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn iter(&self) -> PostingIter<'a> {
        PostingIter {
            bytes: self.bytes,
            doc: 0,
            left: self.len,
        }
    }

    /// Whether the records say what the index writes: exactly `len` of them filling the
    /// bytes, no varint cut short, documents strictly ascending and below `docs`. A phrase
    /// takes a range of documents from a list by their order; a list read back from the
    /// cache that fails this was not written by us.
    pub(super) fn is_sound(&self, docs: usize) -> bool {
        let mut bytes = self.bytes;
        // Wide enough that no sum of gaps overflows; the first gap is a document, so the
        // first may be 0, each next one past the one before.
        let (mut doc, mut lowest) = (0u64, 0u64);
        for _ in 0..self.len {
            let Some((gap, rest)) = strict_record(bytes) else {
                return false;
            };
            bytes = rest;
            doc += u64::from(gap);
            if doc < lowest || doc >= (docs as u64).min(1 << 32) {
                return false;
            }
            lowest = doc + 1;
        }
        bytes.is_empty()
    }
}

/// One record's gap and what follows the record, its varints checked as in
/// [`PostingList::is_sound`].
fn strict_record(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let (gap, rest) = strict_varint(bytes)?;
    let (counts, rest) = strict_varint(rest)?;
    if counts & 1 == 1 {
        let (_, rest) = strict_varint(rest)?;
        return Some((gap, rest));
    }
    Some((gap, rest))
}

impl<'a> IntoIterator for PostingList<'a> {
    type Item = Posting;
    type IntoIter = PostingIter<'a>;

    fn into_iter(self) -> PostingIter<'a> {
        self.iter()
    }
}

/// The postings of one list, decoded as they are read.
#[derive(Debug, Clone)]
pub struct PostingIter<'a> {
    bytes: &'a [u8],
    /// The document of the last posting read (0 before the first: its gap is its document).
    doc: u32,
    left: usize,
}

impl PostingIter<'_> {
    /// Passes over the postings of documents below `doc` and returns how many it passed:
    /// the next posting read is the first of `doc` or after.
    pub fn skip_below(&mut self, doc: u32) -> usize {
        let mut passed = 0;
        loop {
            let before = self.clone();
            match self.next() {
                Some(p) if p.doc < doc => passed += 1,
                Some(_) => {
                    *self = before;
                    return passed;
                }
                None => return passed,
            }
        }
    }
}

impl Iterator for PostingIter<'_> {
    type Item = Posting;

    #[inline]
    fn next(&mut self) -> Option<Posting> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let (gap, rest) = read_varint(self.bytes);
        let (counts, rest) = read_varint(rest);
        let (title_tf, rest) = if counts & 1 == 1 {
            read_varint(rest)
        } else {
            (0, rest)
        };
        self.bytes = rest;
        self.doc = self.doc.saturating_add(gap);
        Some(Posting {
            doc: self.doc,
            title_tf: saturate(title_tf),
            body_tf: saturate(counts >> 1),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for PostingIter<'_> {}

fn saturate(n: u32) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// A varint that ends within `bytes` and fits 32 bits, and what follows it. A second run
/// checks every posting of the cache this way before its first search: most varints are
/// one byte, taken without a loop.
#[inline]
fn strict_varint(bytes: &[u8]) -> Option<(u32, &[u8])> {
    match bytes {
        [first, rest @ ..] if first & 0x80 == 0 => Some((u32::from(*first), rest)),
        _ => strict_long_varint(bytes),
    }
}

fn strict_long_varint(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let end = bytes.iter().take(5).position(|&b| b & 0x80 == 0)?;
    if end == 4 && bytes[4] > 0x0f {
        return None;
    }
    Some(read_varint(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Postings as the index lays them out, one record after the other.
    fn encoded(postings: &[Posting]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut last = 0;
        for &p in postings {
            let (bytes, len) = record(p, p.doc - last);
            out.extend_from_slice(&bytes[..len]);
            last = p.doc;
        }
        out
    }

    /// Ascending distinct documents, with counts up to the saturated ends.
    fn postings() -> impl Strategy<Value = Vec<Posting>> {
        let tf = prop_oneof![0u16..4, 0u16..300, Just(u16::MAX)];
        let doc = prop_oneof![0u32..2000, Just(u32::MAX), Just(u32::MAX - 1)];
        proptest::collection::btree_map(doc, (tf.clone(), tf), 0..60).prop_map(|m| {
            m.into_iter()
                .map(|(doc, (title_tf, body_tf))| Posting {
                    doc,
                    title_tf,
                    body_tf,
                })
                .collect()
        })
    }

    proptest! {
        #[test]
        fn postings_read_back_as_written(postings in postings()) {
            let bytes = encoded(&postings);
            let list = PostingList { bytes: &bytes, len: postings.len() };
            prop_assert_eq!(list.iter().collect::<Vec<_>>(), postings.clone());
            prop_assert!(list.is_sound(usize::MAX));
            let lens: usize = postings
                .iter()
                .zip(std::iter::once(0).chain(postings.iter().map(|p| p.doc)))
                .map(|(p, last)| varint_len(p.doc - last) + counts_len(p.title_tf, p.body_tf))
                .sum();
            prop_assert_eq!(lens, bytes.len());
        }

        #[test]
        fn skipping_lands_on_the_first_posting_at_or_after(
            postings in postings(),
            below in 0u32..2100,
        ) {
            let bytes = encoded(&postings);
            let list = PostingList { bytes: &bytes, len: postings.len() };
            let mut rest = list.iter();
            let passed = rest.skip_below(below);
            let expected = postings.iter().filter(|p| p.doc < below).count();
            prop_assert_eq!(passed, expected);
            prop_assert_eq!(rest.collect::<Vec<_>>(), postings[expected..].to_vec());
        }

        #[test]
        fn a_list_with_a_byte_changed_never_panics(postings in postings(), at in 0usize..400) {
            let mut bytes = encoded(&postings);
            if let Some(b) = bytes.get_mut(at) {
                *b ^= 0x81;
            }
            let list = PostingList { bytes: &bytes, len: postings.len() };
            let _ = list.is_sound(2000);
            let _ = list.iter().count();
        }
    }

    #[test]
    fn lists_that_were_not_written_so_are_unsound() {
        let p = |doc| Posting {
            doc,
            title_tf: 0,
            body_tf: 1,
        };
        let good = encoded(&[p(3), p(9)]);
        let list = |bytes: &[u8], len| PostingList { bytes, len }.is_sound(10);
        assert!(list(&good, 2));
        // A document past the corpus, one posting too many or too few, a varint cut short.
        assert!(
            !PostingList {
                bytes: &good,
                len: 2
            }
            .is_sound(9)
        );
        assert!(!list(&good, 3));
        assert!(!list(&good, 1));
        assert!(!list(&[0x83], 1));
        // The same document twice (a gap of 0 after the first).
        assert!(!list(&encoded(&[p(3), p(3)]), 2));
        // A gap that runs past u32.
        let mut past = encoded(&[p(1)]);
        past.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x0f, 0x02]);
        assert!(
            !PostingList {
                bytes: &past,
                len: 2
            }
            .is_sound(usize::MAX)
        );
    }
}
