//! The index's vocabulary: its terms, sorted and unique, end to end in one string, and the
//! lookups a sorted vocabulary allows. Must not decide what a term is (tokens and fold do)
//! nor what a query matches.

use serde::ser::{Serialize, SerializeSeq, Serializer};
use std::ops::Range;

/// Sorted unique terms in one string with where each ends. A `String` per term cost 40
/// bytes beside the term's own nine or so (104 000 terms at 10 000 articles: 4.2 MB of an
/// index of 31), and a second run made each of them again from the cache.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Terms {
    text: String,
    /// Term `i` is `text[ends[i - 1]..ends[i]]`, the first from 0.
    ends: Vec<u32>,
}

impl Terms {
    /// `sorted` as they come, which must be in order; `None` when they are not all below
    /// the 4 GB one string of them may hold.
    pub fn from_sorted<S: AsRef<str>>(sorted: impl IntoIterator<Item = S>) -> Option<Terms> {
        let mut terms = Terms::default();
        for term in sorted {
            terms.text.push_str(term.as_ref());
            terms.ends.push(u32::try_from(terms.text.len()).ok()?);
        }
        Some(terms)
    }

    /// The terms `text` holds end to end, each `lens` long in order; `None` when they do not
    /// add up to it or one would end inside a char.
    pub fn from_lens(text: String, lens: &[usize]) -> Option<Terms> {
        let mut ends = Vec::with_capacity(lens.len());
        let mut at = 0usize;
        for &len in lens {
            at = at.checked_add(len)?;
            if !text.is_char_boundary(at) || at > text.len() {
                return None;
            }
            ends.push(u32::try_from(at).ok()?);
        }
        (at == text.len()).then_some(Terms { text, ends })
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Term `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = match i.checked_sub(1) {
            Some(before) => *self.ends.get(before)? as usize,
            None => 0,
        };
        self.text.get(start..end)
    }

    /// Term `i`, or "" when there is none.
    pub fn at(&self, i: usize) -> &str {
        self.get(i).unwrap_or("")
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.at(i))
    }

    /// Where `term` is, or where it would go.
    pub fn binary_search(&self, term: &str) -> Result<usize, usize> {
        let first_not_below = self.partition_point_in(0..self.len(), |t| t < term);
        match self.get(first_not_below) {
            Some(t) if t == term => Ok(first_not_below),
            _ => Err(first_not_below),
        }
    }

    /// The first index of `within` whose term `pred` refuses, `pred` holding for a prefix of
    /// the range and not after it (as `slice::partition_point`).
    pub fn partition_point_in(&self, within: Range<usize>, pred: impl Fn(&str) -> bool) -> usize {
        let (mut low, mut high) = (within.start, within.end.min(self.len()));
        while low < high {
            let mid = low + (high - low) / 2;
            if pred(self.at(mid)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    /// Whether each term comes strictly after the one before.
    pub fn are_sorted_unique(&self) -> bool {
        let mut terms = self.iter();
        let Some(mut before) = terms.next() else {
            return true;
        };
        terms.all(|t| std::mem::replace(&mut before, t) < t)
    }

    /// The bytes of every term, end to end.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * std::mem::size_of::<u32>()
    }
}

/// As a sequence of strings, as the `Vec<String>` it replaced was: an index's serde form (what
/// tests compare) stays the same.
impl Serialize for Terms {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for term in self.iter() {
            seq.serialize_element(term)?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sorted_unique(words: Vec<String>) -> Vec<String> {
        let mut words = words;
        words.sort();
        words.dedup();
        words
    }

    proptest! {
        #[test]
        fn terms_read_and_search_as_the_sorted_strings_do(
            words in proptest::collection::vec("[a-zéè]{0,6}", 0..40),
            probe in "[a-zéè]{0,6}",
        ) {
            let words = sorted_unique(words);
            let terms = Terms::from_sorted(&words).expect("small");
            prop_assert_eq!(terms.len(), words.len());
            prop_assert_eq!(terms.iter().collect::<Vec<_>>(), words.iter().map(String::as_str).collect::<Vec<_>>());
            prop_assert_eq!(terms.get(words.len()), None);
            prop_assert_eq!(terms.binary_search(&probe), words.binary_search(&probe));
            let below = |t: &str| t < probe.as_str();
            prop_assert_eq!(terms.partition_point_in(0..terms.len(), below), words.partition_point(|t| below(t)));
            prop_assert!(terms.are_sorted_unique());
            let lens: Vec<usize> = words.iter().map(String::len).collect();
            prop_assert_eq!(Terms::from_lens(terms.text().to_string(), &lens), Some(terms.clone()));
            let as_strings = postcard::to_stdvec(&words).ok();
            prop_assert_eq!(postcard::to_stdvec(&terms).ok(), as_strings);
        }
    }

    #[test]
    fn a_range_is_searched_within_its_bounds() {
        let terms = Terms::from_sorted(["a", "b", "c", "d"]).expect("small");
        assert_eq!(terms.partition_point_in(1..3, |t| t < "z"), 3);
        assert_eq!(terms.partition_point_in(2..9, |t| t < "z"), 4);
        assert_eq!(terms.partition_point_in(2..4, |t| t < "a"), 2);
    }

    #[test]
    fn lengths_that_do_not_fit_the_text_are_refused() {
        let text = || "aébc".to_string();
        assert!(Terms::from_lens(text(), &[1, 2, 2]).is_some());
        assert!(Terms::from_lens(text(), &[2, 3]).is_none(), "inside é");
        assert!(
            Terms::from_lens(text(), &[1, 2]).is_none(),
            "text left over"
        );
        assert!(
            Terms::from_lens(text(), &[1, 2, 9]).is_none(),
            "past the end"
        );
        assert!(Terms::from_lens(text(), &[usize::MAX, 2]).is_none());
    }

    #[test]
    fn out_of_order_terms_are_told() {
        for unsorted in [vec!["b", "a"], vec!["a", "a"]] {
            let terms = Terms::from_sorted(unsorted).expect("small");
            assert!(!terms.are_sorted_unique());
        }
    }
}
