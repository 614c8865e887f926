//! Where a run of plain bytes ends, sixteen bytes at a time: the fast paths of the
//! sanitiser, the parser and the language guess skip the ASCII stretches of a text with it
//! and look at the rest char by char. Must not decide what is plain: callers say.
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
