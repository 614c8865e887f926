//! Postings as the index stores them, compact: per term, its documents ascending, each a
//! record of varints (the gap from the document before, then its counts), and reading them
//! back one by one. Must not decide what a count is worth (scoring does) nor where a term's
//! list starts (the index's offsets do).

use super::varint::{put_varint, read_varint, varint_len};
use serde::Serialize;

/// One document containing a term, with how often it occurs per field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Posting {
    /// Index into `corpus.docs`.
    pub doc: u32,
    /// Occurrences in the title and the source, the short fields that say what a text is.
    pub title_tf: u16,
    pub body_tf: u16,
}

/// The bytes of posting `p`'s record, `gap` after the document before it in its term's
/// list (its document itself for the first): see [`write_record`].
pub(super) fn record_len(p: Posting, gap: u32) -> usize {
    varint_len(gap) + counts_len(p.title_tf, p.body_tf)
}

/// Writes the record of posting `p`, `gap` after the document before it, at the start of
/// `out` ([`record_len`] bytes; less if `out` is shorter): the gap, then the body count
/// shifted left by one with a flag for a title count, then that count when there is one.
/// Most documents hold a term in their body only, a few times, a few documents after the
/// last: two bytes where a fixed layout took eight. Straight into the index: built in a
/// buffer of its own, each record was copied by a call to `memmove` that read back
/// bytes stored one at a time, and the build writes tens of millions.
#[inline]
pub(super) fn write_record(p: Posting, gap: u32, out: &mut [u8]) {
    let at = put_varint(out, gap);
    let rest = out.get_mut(at..).unwrap_or_default();
    let at = put_varint(rest, counts(p.title_tf, p.body_tf));
    if p.title_tf > 0 {
        put_varint(
            rest.get_mut(at..).unwrap_or_default(),
            u32::from(p.title_tf),
        );
    }
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

/// Postings from one skip point to the next.
pub(super) const SKIP_EVERY: usize = 128;

/// Where posting `k * SKIP_EVERY` of a list starts (`k` from 1): the document of the
/// posting before it, and its byte offset in the list. Decoding a list is the only way
/// through it; a phrase's second half of the documents jumps most of the first half this
/// way instead of decoding it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub(super) struct Skip {
    pub doc_before: u32,
    pub at: u32,
}

/// How many skip points a list of `len` postings has.
pub(super) fn skips_for(len: usize) -> usize {
    len.saturating_sub(1) / SKIP_EVERY
}

/// The skip points of a list of `len` postings whose records are `bytes`, read from them,
/// appended to `out` (see [`Skip`]); none for a list too short to have any.
pub(super) fn skips_into(bytes: &[u8], len: usize, out: &mut Vec<Skip>) {
    if len <= SKIP_EVERY {
        return;
    }
    let mut postings = PostingList {
        bytes,
        len,
        skips: &[],
    }
    .iter();
    let mut read = 0;
    while postings.left > 0 {
        if read > 0 && read % SKIP_EVERY == 0 {
            out.push(Skip {
                doc_before: postings.doc,
                at: u32::try_from(bytes.len() - postings.bytes.len()).unwrap_or(u32::MAX),
            });
        }
        postings.next();
        read += 1;
    }
}

/// One term's postings: `len` records in `bytes`, with its skip points.
#[derive(Debug, Clone, Copy, Default)]
pub struct PostingList<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) len: usize,
    pub(super) skips: &'a [Skip],
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
            list: *self,
            bytes: self.bytes,
            doc: 0,
            left: self.len,
            end: u64::MAX,
        }
    }

    /// Whether the records say what the index writes: exactly `len` of them filling the
    /// bytes, no varint cut short, documents strictly ascending and below `docs`, each
    /// skip point where it says. A phrase takes a range of documents from a list by their
    /// order; a list read back from the cache that fails this was not written by us.
    pub(super) fn is_sound(&self, docs: usize) -> bool {
        if self.skips.len() != skips_for(self.len) {
            return false;
        }
        let mut bytes = self.bytes;
        // Wide enough that no sum of gaps overflows; the first gap is a document, so the
        // first may be 0, each next one past the one before.
        let (mut doc, mut lowest) = (0u64, 0u64);
        for read in 0..self.len {
            if read > 0 && read % SKIP_EVERY == 0 {
                let here = Skip {
                    doc_before: u32::try_from(doc).unwrap_or(u32::MAX),
                    at: u32::try_from(self.bytes.len() - bytes.len()).unwrap_or(u32::MAX),
                };
                if self.skips.get(read / SKIP_EVERY - 1) != Some(&here) {
                    return false;
                }
            }
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
    list: PostingList<'a>,
    /// What is left of the list's bytes.
    bytes: &'a [u8],
    /// The document of the last posting read (0 before the first: its gap is its document).
    doc: u32,
    left: usize,
    /// Postings of this document or after end the walk (see [`PostingIter::below`]); past
    /// every u32 document when there is no end.
    end: u64,
}

impl PostingIter<'_> {
    /// These postings up to those of document `end`, excluded: a phrase's half of the
    /// documents. The check is part of each step rather than a `take_while`, whose call per
    /// posting was not inlined into the phrase's walk.
    pub fn below(mut self, end: u32) -> Self {
        self.end = u64::from(end);
        self
    }

    /// Passes over the postings of documents below `doc` and returns how many it passed:
    /// the next posting read is the first of `doc` or after.
    pub fn skip_below(&mut self, doc: u32) -> usize {
        let mut passed = 0;
        // The last skip point whose posting before is below `doc`, when it is ahead: every
        // posting before it is below `doc` too.
        let read = self.list.len - self.left;
        let k = self.list.skips.partition_point(|s| s.doc_before < doc);
        if let Some(skip) = k.checked_sub(1).and_then(|j| self.list.skips.get(j)) {
            let to = k * SKIP_EVERY;
            if let Some(rest) = self.list.bytes.get(skip.at as usize..)
                && to > read
                && to <= self.list.len
            {
                self.bytes = rest;
                self.doc = skip.doc_before;
                self.left = self.list.len - to;
                passed = to - read;
            }
        }
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
        if u64::from(self.doc) >= self.end {
            self.left = 0;
            return None;
        }
        Some(Posting {
            doc: self.doc,
            title_tf: saturate(title_tf),
            body_tf: saturate(counts >> 1),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        // With an end, the walk may stop before the list does.
        let fewest = if self.end == u64::MAX { self.left } else { 0 };
        (fewest, Some(self.left))
    }
}

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
mod tests;
