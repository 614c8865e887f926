//! Copies of a few bytes, as the index's layout makes tens of millions of them, without a
//! call. Must not know what the bytes are.

/// `src` copied to the start of `dst` (as much of it as fits). Most are a term's few
/// positions in a document, a few bytes: copied with at most two overlapping loads and
/// stores, where `copy_from_slice` of a length not known in advance calls `memmove`, whose
/// call and dispatch were a quarter of the layout.
#[inline(always)]
pub(super) fn copy_short(dst: &mut [u8], src: &[u8]) {
    let n = src.len().min(dst.len());
    let (dst, src) = (&mut dst[..n], &src[..n]);
    match n {
        0 => {}
        1..=3 => {
            dst[0] = src[0];
            dst[n / 2] = src[n / 2];
            dst[n - 1] = src[n - 1];
        }
        4..=8 => {
            let (head, tail) = (word::<4>(src, 0), word::<4>(src, n - 4));
            dst[..4].copy_from_slice(&head);
            dst[n - 4..].copy_from_slice(&tail);
        }
        9..=16 => {
            let (head, tail) = (word::<8>(src, 0), word::<8>(src, n - 8));
            dst[..8].copy_from_slice(&head);
            dst[n - 8..].copy_from_slice(&tail);
        }
        _ => dst.copy_from_slice(src),
    }
}

/// The `N` bytes of `bytes` from `at` (zeros past its end, which callers do not reach).
#[inline(always)]
fn word<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    let mut out = [0; N];
    if let Some(from) = bytes.get(at..at + N) {
        out.copy_from_slice(from);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::copy_short;
    use proptest::prelude::*;

    proptest! {
        /// Whatever the length, the bytes copied are `src`'s, as many as fit, and the rest
        /// of `dst` is untouched.
        #[test]
        fn copies_what_fits_and_nothing_else(
            src in proptest::collection::vec(any::<u8>(), 0..40),
            room in 0usize..48,
        ) {
            let mut dst = vec![0xAA; room];
            copy_short(&mut dst, &src);
            let n = src.len().min(room);
            prop_assert_eq!(&dst[..n], &src[..n]);
            prop_assert!(dst[n..].iter().all(|&b| b == 0xAA));
        }
    }
}
