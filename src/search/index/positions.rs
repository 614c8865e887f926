//! Word positions as stored in the index: varint deltas per document, and reading them
//! back. Must not decide what a position means (the index and the phrase matcher do).

/// The positions of one term, document by document in posting order. Each document's list
/// is a varint byte length, then the positions as varint deltas (ascending), so skipping a
/// document the caller does not care about costs one varint.
#[derive(Debug, Clone, Copy)]
pub struct Positions<'a> {
    pub(super) bytes: &'a [u8],
}

impl<'a> Iterator for Positions<'a> {
    /// One document's encoded positions; decode with [`decode_positions`].
    type Item = &'a [u8];

    #[inline]
    fn next(&mut self) -> Option<&'a [u8]> {
        if self.bytes.is_empty() {
            return None;
        }
        let (len, rest) = read_varint(self.bytes);
        let len = (len as usize).min(rest.len());
        let (this, rest) = rest.split_at(len);
        self.bytes = rest;
        Some(this)
    }

    /// Skipping documents reads their lengths only: the second half of a phrase's walk
    /// skips every record of the first half, term by term.
    fn nth(&mut self, n: usize) -> Option<&'a [u8]> {
        let mut bytes = self.bytes;
        for _ in 0..n {
            if bytes.is_empty() {
                self.bytes = bytes;
                return None;
            }
            let (len, rest) = read_varint(bytes);
            bytes = rest.get(len as usize..).unwrap_or(&[]);
        }
        self.bytes = bytes;
        self.next()
    }
}

/// One document's positions, ascending, into `out` (cleared first).
pub fn decode_positions(mut bytes: &[u8], out: &mut Vec<u32>) {
    out.clear();
    let mut at = 0u32;
    while !bytes.is_empty() {
        let (delta, rest) = read_varint(bytes);
        at = at.saturating_add(delta);
        out.push(at);
        bytes = rest;
    }
}

/// The first (lowest) of one document's positions, without decoding the others; `None` for
/// a document where the term has none (only in glued compounds).
#[inline]
pub fn first_position(bytes: &[u8]) -> Option<u32> {
    (!bytes.is_empty()).then(|| read_varint(bytes).0)
}

pub(super) fn write_varint(out: &mut Vec<u8>, mut v: u32) {
    // A push per byte: a copy of a slice of varying length is a call to `memmove`, and an
    // index build writes some hundred million varints.
    while v >= 0x80 {
        out.push((v as u8 & 0x7f) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// `v` as a varint: its bytes, and how many of them are used.
pub(super) fn varint_bytes(mut v: u32) -> ([u8; 5], usize) {
    let mut out = [0u8; 5];
    let mut len = 0;
    while v >= 0x80 {
        out[len] = (v as u8 & 0x7f) | 0x80;
        v >>= 7;
        len += 1;
    }
    out[len] = v as u8;
    (out, len + 1)
}

/// How many bytes `v` takes as a varint.
pub(super) fn varint_len(v: u32) -> usize {
    varint_bytes(v).1
}

/// A truncated varint reads as what was there: the index writes them, so this never happens,
/// and reading must not panic whatever the bytes.
#[inline]
pub(super) fn read_varint(bytes: &[u8]) -> (u32, &[u8]) {
    // One byte is the common case (a document's list length, the gap between two
    // positions), read without the loop: a phrase reads one per posting it walks.
    if let [first, rest @ ..] = bytes
        && first & 0x80 == 0
    {
        return (u32::from(*first), rest);
    }
    read_long_varint(bytes)
}

/// [`read_varint`] of any length.
fn read_long_varint(bytes: &[u8]) -> (u32, &[u8]) {
    let mut v = 0u32;
    for (i, &byte) in bytes.iter().enumerate() {
        if i < 5 {
            v |= u32::from(byte & 0x7f) << (7 * i);
        }
        if byte & 0x80 == 0 {
            return (v, &bytes[i + 1..]);
        }
    }
    (v, &[])
}
