//! Word positions as stored in the index: varint deltas per document, and reading them
//! back. Must not decide what a position means (the index and the phrase matcher do).

use super::varint::read_varint;

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

/// Whether one document's positions hold `start + offset` for any of `starts` (ascending),
/// read only as far as the last of them: a phrase's last word, still being typed, is
/// checked this way against every document its earlier words left. Decoding each list
/// whole into a buffer to search it made `"parquet federal` take about a tenth longer.
pub fn follows_any(mut bytes: &[u8], starts: &[u32], offset: u32) -> bool {
    let mut wanted = starts.iter().map(|&s| s.saturating_add(offset));
    let Some(mut want) = wanted.next() else {
        return false;
    };
    let mut at = 0u32;
    while !bytes.is_empty() {
        let (delta, rest) = read_varint(bytes);
        at = at.saturating_add(delta);
        bytes = rest;
        while want < at {
            match wanted.next() {
                Some(w) => want = w,
                None => return false,
            }
        }
        if want == at {
            return true;
        }
    }
    false
}

/// Keeps, in order at the front of `starts` (ascending), the starts `s` whose `s + offset`
/// one document's positions hold, and returns how many were kept; the positions are read
/// only as far as the last start needs (see [`follows_any`]).
pub fn keep_followed(mut bytes: &[u8], starts: &mut [u32], offset: u32) -> usize {
    let mut kept = 0;
    let mut i = 0;
    let mut at = 0u32;
    let mut read_any = false;
    while let Some(&start) = starts.get(i) {
        let want = start.saturating_add(offset);
        // Read positions up to the one wanted; stop when none is left.
        while !read_any || at < want {
            if bytes.is_empty() {
                return kept;
            }
            let (delta, rest) = read_varint(bytes);
            at = at.saturating_add(delta);
            bytes = rest;
            read_any = true;
        }
        if at == want {
            starts[kept] = start;
            kept += 1;
        }
        i += 1;
    }
    kept
}

/// The first (lowest) of one document's positions, without decoding the others; `None` for
/// a document where the term has none (only in glued compounds).
#[inline]
pub fn first_position(bytes: &[u8]) -> Option<u32> {
    (!bytes.is_empty()).then(|| read_varint(bytes).0)
}

#[cfg(test)]
mod tests {
    use super::super::varint::write_varint;
    use super::*;
    use proptest::prelude::*;

    /// One document's positions as the index writes them: deltas, ascending.
    fn encoded(positions: &[u32]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut last = 0;
        for &p in positions {
            write_varint(&mut out, p - last);
            last = p;
        }
        out
    }

    /// Ascending and distinct, below `below`: dense enough for starts and positions to meet
    /// often (the unit test below has gaps of two varint bytes).
    fn ascending(max_len: usize, below: u32) -> impl Strategy<Value = Vec<u32>> {
        proptest::collection::btree_set(0..below, 0..max_len).prop_map(|s| s.into_iter().collect())
    }

    proptest! {
        #[test]
        fn follows_any_is_whether_some_start_is_followed(
            positions in ascending(40, 100),
            starts in ascending(40, 100),
            offset in 0u32..4,
        ) {
            let expected = starts.iter().any(|s| positions.contains(&(s + offset)));
            prop_assert_eq!(follows_any(&encoded(&positions), &starts, offset), expected);
        }

        #[test]
        fn keep_followed_keeps_the_followed_starts_in_order(
            positions in ascending(40, 100),
            starts in ascending(40, 100),
            offset in 0u32..4,
        ) {
            let expected: Vec<u32> = starts
                .iter()
                .copied()
                .filter(|s| positions.contains(&(s + offset)))
                .collect();
            let mut held = starts.clone();
            let kept = keep_followed(&encoded(&positions), &mut held, offset);
            prop_assert_eq!(&held[..kept], &expected[..]);
        }
    }

    #[test]
    fn a_start_followed_only_past_the_last_position_is_not_kept() {
        let bytes = encoded(&[3, 7, 200]);
        assert!(follows_any(&bytes, &[6, 199], 1));
        assert!(!follows_any(&bytes, &[200], 1));
        assert!(!follows_any(&[], &[0], 0));
        let mut starts = [2, 6, 150, 199, 200];
        assert_eq!(keep_followed(&bytes, &mut starts, 1), 3);
        assert_eq!(starts[..3], [2, 6, 199]);
    }
}
