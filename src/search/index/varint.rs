//! Varints (seven bits a byte, low first) as the index writes and reads them, in positions
//! and postings alike. Must not know what the numbers mean.

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
pub(super) fn varint_bytes(v: u32) -> ([u8; 5], usize) {
    let mut out = [0u8; 5];
    let len = put_varint(&mut out, v);
    (out, len)
}

/// `v` as a varint at the start of `out`: how many bytes it took (fewer, cut short, if `out`
/// is shorter than [`varint_len`] says). Into the slice it goes to, a byte at a time.
#[inline(always)]
pub(super) fn put_varint(out: &mut [u8], mut v: u32) -> usize {
    for (k, slot) in out.iter_mut().enumerate() {
        if v < 0x80 {
            *slot = v as u8;
            return k + 1;
        }
        *slot = (v as u8 & 0x7f) | 0x80;
        v >>= 7;
    }
    out.len()
}

/// How many bytes `v` takes as a varint.
pub(super) fn varint_len(v: u32) -> usize {
    // Seven bits a byte, and at least one byte for 0: the build asks this of every posting.
    let bits = 32 - (v | 1).leading_zeros() as usize;
    bits.div_ceil(7)
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
