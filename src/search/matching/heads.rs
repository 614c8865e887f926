//! Which vocabulary terms may be a typo of a word, found from how they start: ranges of the
//! sorted vocabulary instead of a look at every term. Must not score or match terms.

use crate::search::index::Terms;
use std::ops::Range;

/// Ranges of `terms` (sorted, as the index keeps them), ascending and not overlapping, that
/// hold every term starting with the query's first letter, with its first two letters
/// swapped, or with one letter more in front (what `head_may_match` accepts), and few
/// others. A typo scan read every term of the vocabulary, scattered over the heap, and that
/// was most of the time of a word with a typo. `q` is the query word's chars, never empty.
pub(super) fn head_ranges(terms: &Terms, q: &[char]) -> Vec<Range<usize>> {
    let mut ranges = vec![starting_with(terms, 0..terms.len(), &q[..1])];
    if let Some(&second) = q.get(1) {
        ranges.push(starting_with(terms, 0..terms.len(), &[second]));
    }
    // A letter more in front: for each first letter of the vocabulary, its terms whose
    // second letter is the query's first.
    let mut i = 0;
    while let Some(first) = terms.get(i).and_then(|t| t.chars().next()) {
        let block = starting_with(terms, i..terms.len(), &[first]);
        let end = block.end.max(i + 1);
        ranges.push(starting_with(terms, block, &[first, q[0]]));
        i = end;
    }
    ranges.retain(|r| !r.is_empty());
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The terms within `within` that start with `head`.
fn starting_with(terms: &Terms, within: Range<usize>, head: &[char]) -> Range<usize> {
    let head: String = head.iter().collect();
    let end = within.end.min(terms.len());
    let start = terms.partition_point_in(within.start..end, |t| t < head.as_str());
    start..terms.partition_point_in(start..end, |t| t.starts_with(head.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ranges_hold_exactly_the_terms_a_typo_may_be() {
        let mut words: Vec<String> = [
            "abc",
            "bac",
            "bxa",
            "ba",
            "cab",
            "ca",
            "éab",
            "ébc",
            "propagande",
            "rpopagande",
            "xpropagande",
            "pxropagande",
            "opx",
            "zz",
            "p",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        words.sort();
        let terms = Terms::from_sorted(&words).expect("small");
        for q in ["abc", "ba", "propagnde", "ébd", "zz", "q"] {
            let q: Vec<char> = q.chars().collect();
            let found: Vec<&str> = head_ranges(&terms, &q)
                .into_iter()
                .flat_map(|r| &words[r])
                .map(String::as_str)
                .collect();
            let expected: Vec<&str> = words
                .iter()
                .filter(|t| super::super::head_may_match(t, &q))
                .map(String::as_str)
                .collect();
            assert_eq!(found, expected, "{q:?}");
        }
    }
}
