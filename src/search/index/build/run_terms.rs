//! A run's words and the term ids it gave them, in order of first sight: the lookup every
//! word of a corpus goes through while indexing. Must not know about documents, postings
//! or the sorted vocabulary.

use rustc_hash::FxHashMap;

use crate::search::index::TermId;

/// Longest word kept inline, in bytes: most words of a text are shorter.
const INLINE: usize = 16;

/// Words to term ids. A word of up to [`INLINE`] bytes is its own key, packed into a
/// `u128`, so a lookup compares two integers in the table instead of following a pointer
/// to the word's bytes: with boxed words, the lookup and its comparisons were a third of
/// an index build. A packed word cannot stand for another: words never hold a NUL byte
/// (they are letters and digits), so the padding says where each ends.
#[derive(Debug, Default)]
pub(super) struct RunTerms {
    short: FxHashMap<u128, TermId>,
    long: FxHashMap<Box<str>, TermId>,
}

impl RunTerms {
    /// The id of `word`, or `None` when it was never given one.
    pub fn get(&self, word: &str) -> Option<TermId> {
        match packed(word) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(word).copied(),
        }
    }

    /// Give `word` the id `id` (a word not seen yet).
    pub fn insert(&mut self, word: &str, id: TermId) {
        match packed(word) {
            Some(key) => self.short.insert(key, id),
            None => self.long.insert(word.into(), id),
        };
    }

    /// Every word with its id, in no order, leaving this empty with its memory given back.
    pub fn drain(&mut self) -> impl Iterator<Item = (Box<str>, TermId)> {
        let short = std::mem::take(&mut self.short);
        let long = std::mem::take(&mut self.long);
        short
            .into_iter()
            .map(|(key, id)| (unpacked(key), id))
            .chain(long)
    }
}

/// `word`'s bytes in a `u128`, zero-padded, when it is short enough.
fn packed(word: &str) -> Option<u128> {
    let bytes = word.as_bytes();
    let mut key = [0u8; INLINE];
    key.get_mut(..bytes.len())?.copy_from_slice(bytes);
    Some(u128::from_le_bytes(key))
}

/// The word [`packed`] packed into `key`.
fn unpacked(key: u128) -> Box<str> {
    let bytes = key.to_le_bytes();
    let len = bytes.iter().position(|&b| b == 0).unwrap_or(INLINE);
    // Packed from a `str` up to its end: the bytes before the padding are that `str`'s.
    String::from_utf8_lossy(&bytes[..len]).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_short_and_long_get_their_ids_back() {
        let mut terms = RunTerms::default();
        let words = [
            "a",
            "etat",
            "sixteen_bytes_ab",
            "seventeen_bytes_a",
            "é",
            "",
        ];
        for (id, w) in words.iter().enumerate() {
            assert_eq!(terms.get(w), None);
            terms.insert(w, id as TermId);
        }
        for (id, w) in words.iter().enumerate() {
            assert_eq!(terms.get(w), Some(id as TermId), "{w}");
        }
        assert_eq!(terms.get("etats"), None);
        assert_eq!(terms.get("eta"), None);
        let mut back: Vec<(Box<str>, TermId)> = terms.drain().collect();
        back.sort_by_key(|&(_, id)| id);
        let back: Vec<&str> = back.iter().map(|(w, _)| &**w).collect();
        assert_eq!(back, words);
        assert_eq!(terms.get("a"), None);
    }

    proptest! {
        #[test]
        fn distinct_words_keep_distinct_ids(words in proptest::collection::hash_set("[a-z0-9à-ÿœ]{1,20}", 1..40)) {
            let words: Vec<String> = words.into_iter().collect();
            let mut terms = RunTerms::default();
            for (id, w) in words.iter().enumerate() {
                terms.insert(w, id as TermId);
            }
            for (id, w) in words.iter().enumerate() {
                prop_assert_eq!(terms.get(w), Some(id as TermId));
            }
            let mut back: Vec<(Box<str>, TermId)> = terms.drain().collect();
            back.sort_by_key(|&(_, id)| id);
            let back: Vec<String> = back.into_iter().map(|(w, _)| w.into_string()).collect();
            prop_assert_eq!(back, words);
        }
    }
}
