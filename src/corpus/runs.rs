//! Where a run of plain bytes ends, sixteen bytes at a time, and eight bytes read as one
//! word to mark their ASCII letters or letters and digits: the fast paths of the sanitiser,
//! the folding, the word count and the language guess skip the ASCII stretches of a text
//! with them and look at the rest char by char. Must not decide what is plain: callers say.
//!
//! Sixteen bytes are tested at once with no early exit, which the compiler turns into a
//! few vector instructions; a byte-at-a-time loop with an early exit is not vectorised and
//! was most of the sanitiser's time over French text.

const LANES: usize = 16;

/// The first index at or after `from` whose byte is not `plain`, or `bytes.len()`.
#[inline]
pub fn plain_until(bytes: &[u8], from: usize, plain: impl Fn(u8) -> bool) -> usize {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<LANES>) {
        if !chunk.iter().fold(true, |all, &b| all & plain(b)) {
            break;
        }
        i += LANES;
    }
    while bytes.get(i).is_some_and(|&b| plain(b)) {
        i += 1;
    }
    i
}

/// Printable ASCII: a space or a graphic character.
#[inline]
pub fn printable_ascii(b: u8) -> bool {
    (0x20..0x7F).contains(&b)
}

/// The high bit of each of a word's eight bytes.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// The bits of the first `n` of a word's eight bytes (all of them from eight on).
#[inline]
pub fn first_bytes(n: usize) -> u64 {
    if n >= 8 { u64::MAX } else { (1 << (8 * n)) - 1 }
}

/// Eight bytes read as one little-end-first word, or `None` past the end.
#[inline]
pub fn eight(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk = bytes.get(at..)?.first_chunk::<8>()?;
    Some(u64::from_le_bytes(*chunk))
}

/// Of the eight bytes in `v`, those that are ASCII letters, marked by their high bit.
#[inline]
pub fn ascii_letters(v: u64) -> u64 {
    // Per byte, with no carry from one to the next: seven bits, the case bit set, are in
    // `a..=z` when adding 0x1F reaches 0x80 and adding 0x05 does not.
    let folded = (v & !HIGH) | 0x2020_2020_2020_2020;
    let from_a = folded + 0x1F1F_1F1F_1F1F_1F1F;
    let past_z = folded + 0x0505_0505_0505_0505;
    from_a & !past_z & !v & HIGH
}

/// The first index at or after `from` whose byte is not an ASCII letter, or `bytes.len()`:
/// eight bytes at a time, the end found in the word that holds it.
#[inline]
pub fn ascii_letters_end(bytes: &[u8], from: usize) -> usize {
    marked_end(bytes, from, ascii_letters, u8::is_ascii_alphabetic)
}

/// [`ascii_letters_end`] for ASCII letters and digits.
#[inline]
pub fn ascii_alphanumerics_end(bytes: &[u8], from: usize) -> usize {
    marked_end(bytes, from, ascii_alphanumerics, u8::is_ascii_alphanumeric)
}

/// The first index at or after `from` whose byte `mark` leaves unmarked (`one` says the
/// same of a byte alone, for the last few), or `bytes.len()`.
#[inline]
fn marked_end(
    bytes: &[u8],
    from: usize,
    mark: impl Fn(u64) -> u64,
    one: impl Fn(&u8) -> bool,
) -> usize {
    let mut i = from;
    while let Some(v) = eight(bytes, i) {
        let others = !mark(v) & HIGH;
        if others != 0 {
            return i + (others.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(&one) {
        i += 1;
    }
    i
}

/// Of the eight bytes in `v`, those that are ASCII letters or digits, marked by their high
/// bit.
#[inline]
pub fn ascii_alphanumerics(v: u64) -> u64 {
    let low = v & !HIGH;
    let from_0 = low + 0x5050_5050_5050_5050;
    let past_9 = low + 0x4646_4646_4646_4646;
    ascii_letters(v) | (from_0 & !past_9 & !v & HIGH)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn one_by_one(bytes: &[u8], from: usize, plain: impl Fn(u8) -> bool) -> usize {
        (from..bytes.len())
            .find(|&i| !plain(bytes[i]))
            .unwrap_or(bytes.len())
    }

    #[test]
    fn stops_at_the_first_byte_that_is_not_plain() {
        let text = b"A plain line of more than sixteen bytes\nthen more";
        assert_eq!(plain_until(text, 0, printable_ascii), 39);
        assert_eq!(plain_until(text, 39, printable_ascii), 39);
        assert_eq!(plain_until(text, 40, printable_ascii), text.len());
        assert_eq!(plain_until(b"", 0, printable_ascii), 0);
    }

    proptest! {
        #[test]
        fn letters_end_where_a_byte_by_byte_walk_ends(
            bytes in proptest::collection::vec(prop_oneof![
                4 => proptest::sample::select(b"abcXYZ059".to_vec()),
                1 => any::<u8>(),
            ], 0..40),
            from in 0usize..40,
        ) {
            let from = from.min(bytes.len());
            prop_assert_eq!(
                ascii_letters_end(&bytes, from),
                one_by_one(&bytes, from, |b| b.is_ascii_alphabetic())
            );
            prop_assert_eq!(
                ascii_alphanumerics_end(&bytes, from),
                one_by_one(&bytes, from, |b| b.is_ascii_alphanumeric())
            );
        }
    }

    /// The bytes of `bytes` that are `p`, marked by their high bit, one by one.
    fn marked(bytes: &[u8; 8], p: fn(&u8) -> bool) -> u64 {
        let mut m = 0;
        for (k, x) in bytes.iter().enumerate() {
            if p(x) {
                m |= 0x80 << (8 * k);
            }
        }
        m
    }

    #[test]
    fn eight_bytes_at_once_classed_as_one_by_one() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut bytes = [b'a', b'!', b'Z', 0xC3, b'5', b' ', b'z', b'@'];
                bytes[at] = b;
                let v = u64::from_le_bytes(bytes);
                let want = |p: fn(&u8) -> bool| marked(&bytes, p);
                assert_eq!(
                    ascii_letters(v),
                    want(u8::is_ascii_alphabetic),
                    "{b:#x} at {at}"
                );
                assert_eq!(
                    ascii_alphanumerics(v),
                    want(u8::is_ascii_alphanumeric),
                    "{b:#x} at {at}"
                );
            }
        }
        assert_eq!(first_bytes(0), 0);
        assert_eq!(first_bytes(3), 0x00FF_FFFF);
        assert_eq!(first_bytes(8), u64::MAX);
        assert_eq!(first_bytes(9), u64::MAX);
        assert_eq!(
            eight(b"abcdefgh", 0),
            Some(u64::from_le_bytes(*b"abcdefgh"))
        );
        assert_eq!(eight(b"abcdefgh", 1), None);
    }

    proptest! {
        #[test]
        fn ends_where_a_byte_by_byte_walk_ends(
            bytes in proptest::collection::vec(prop_oneof![8 => 0x20u8..0x7F, 1 => any::<u8>()], 0..200),
            from in 0usize..210,
        ) {
            let from = from.min(bytes.len());
            prop_assert_eq!(
                plain_until(&bytes, from, printable_ascii),
                one_by_one(&bytes, from, printable_ascii)
            );
            prop_assert_eq!(
                plain_until(&bytes, from, |b| b < 0xCC),
                one_by_one(&bytes, from, |b| b < 0xCC)
            );
        }
    }
}
