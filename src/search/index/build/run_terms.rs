//! A run's words and the term ids it gave them, in order of first sight: the lookup every
//! word of a corpus goes through while indexing. Must not know about documents, postings
//! or the sorted vocabulary.

use rustc_hash::FxHashMap;

use super::short_words::ShortWords;
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
    short: ShortWords,
    long: FxHashMap<Box<str>, TermId>,
}

/// The words of a text, kept to be looked up together ([`RunTerms::look_up`]): one word's
/// lookup is a cache miss in a table of a hundred thousand words, and a short word's slot is
/// asked into the cache as it is pushed ([`RunTerms::push`]), so that by the lookup it is
/// there. Short words are their packed keys; long ones are kept in one string.
#[derive(Debug, Default)]
pub(super) struct Batch {
    words: Vec<Word>,
    long: String,
}

#[derive(Debug, Clone, Copy)]
enum Word {
    Short(u128),
    /// Where the word is in [`Batch::long`].
    Long(u32, u32),
}

impl Batch {
    pub fn clear(&mut self) {
        self.words.clear();
        self.long.clear();
    }

    pub fn push(&mut self, word: &str) {
        let word = match packed(word) {
            Some(key) => Word::Short(key),
            None => {
                let start = self.long.len();
                self.long.push_str(word);
                Word::Long(to_u32(start), to_u32(self.long.len()))
            }
        };
        self.words.push(word);
    }

    /// The first byte of the `k`th word pushed (0 for none): its bucket.
    pub fn first_byte(&self, k: usize) -> u8 {
        match self.words.get(k) {
            // Packed little-end first: the low byte is the word's first.
            Some(&Word::Short(key)) => key as u8,
            Some(&Word::Long(a, _)) => self.long.as_bytes().get(a as usize).copied().unwrap_or(0),
            None => 0,
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl RunTerms {
    /// The id of `word`, or `None` when it was never given one.
    pub fn get(&self, word: &str) -> Option<TermId> {
        match packed(word) {
            Some(key) => self.short.get(key),
            None => self.long.get(word).copied(),
        }
    }

    /// `word` pushed onto `batch`, its slot asked into the cache for [`RunTerms::look_up`].
    pub fn push(&self, batch: &mut Batch, word: &str) {
        batch.push(word);
        if let Some(&Word::Short(key)) = batch.words.last() {
            self.short.prefetch(key);
        }
    }

    /// Each word of `batch`'s id, or `None` when it has none yet, into `ids`.
    pub fn look_up(&self, batch: &Batch, ids: &mut Vec<Option<TermId>>) {
        ids.clear();
        ids.extend(batch.words.iter().map(|w| {
            match *w {
                Word::Short(key) => self.short.get(key),
                Word::Long(a, b) => batch
                    .long
                    .get(a as usize..b as usize)
                    .and_then(|w| self.long.get(w))
                    .copied(),
            }
        }));
    }

    /// The id of `batch`'s `k`th word, or `None` when it has none yet.
    pub fn get_from(&self, batch: &Batch, k: usize) -> Option<TermId> {
        match *batch.words.get(k)? {
            Word::Short(key) => self.short.get(key),
            Word::Long(a, b) => self
                .long
                .get(batch.long.get(a as usize..b as usize)?)
                .copied(),
        }
    }

    /// Give `batch`'s `k`th word the id `id` (a word not seen yet).
    pub fn insert_from(&mut self, batch: &Batch, k: usize, id: TermId) {
        match batch.words.get(k) {
            Some(&Word::Short(key)) => {
                self.short.insert(key, id);
            }
            Some(&Word::Long(a, b)) => {
                if let Some(word) = batch.long.get(a as usize..b as usize) {
                    self.long.insert(word.into(), id);
                }
            }
            None => {}
        }
    }

    /// Give `word` the id `id` (a word not seen yet).
    pub fn insert(&mut self, word: &str, id: TermId) {
        match packed(word) {
            Some(key) => self.short.insert(key, id),
            None => {
                self.long.insert(word.into(), id);
            }
        }
    }

    /// Every word with its id, in no order, leaving this empty with its memory given back.
    pub fn drain(&mut self) -> impl Iterator<Item = (Box<str>, TermId)> {
        let short = self.short.drain();
        let long = std::mem::take(&mut self.long);
        short.map(|(key, id)| (unpacked(key), id)).chain(long)
    }
}

/// `word`'s bytes in a `u128`, zero-padded, when it is short enough. Read as two or four
/// overlapping integers, not copied: copying a word's few bytes was a call to `memcpy` per
/// word indexed.
fn packed(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    let n = b.len();
    let key = match n {
        0 => 0,
        // First, middle and last bytes: all three bytes of three, the two of two twice.
        // Put together in a `u32`: shifts of a `u128` take several instructions each, and
        // a word in three is this short.
        1..4 => {
            let byte = |k: usize| u32::from(b[k]) << (8 * k);
            u128::from(byte(0) | byte(n / 2) | byte(n - 1))
        }
        // The first four and the last four, which overlap where they share bytes.
        4..8 => {
            let first = u32::from_le_bytes(*b.first_chunk::<4>()?);
            let last = u32::from_le_bytes(*b.last_chunk::<4>()?);
            u128::from(first) | u128::from(last) << (8 * (n - 4))
        }
        8..=INLINE => {
            let first = u64::from_le_bytes(*b.first_chunk::<8>()?);
            let last = u64::from_le_bytes(*b.last_chunk::<8>()?);
            // The last eight moved down past the bytes the first eight already hold.
            let rest = last.checked_shr(8 * (INLINE - n) as u32).unwrap_or(0);
            u128::from(first) | u128::from(rest) << 64
        }
        _ => return None,
    };
    Some(key)
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

    proptest! {
        #[test]
        fn a_word_packs_to_its_bytes_zero_padded(word in "[a-z0-9é]{0,18}") {
            let bytes = word.as_bytes();
            let want = (bytes.len() <= INLINE).then(|| {
                let mut key = [0u8; INLINE];
                key[..bytes.len()].copy_from_slice(bytes);
                u128::from_le_bytes(key)
            });
            prop_assert_eq!(packed(&word), want);
        }
    }

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

    #[test]
    fn a_batch_is_looked_up_as_its_words_one_by_one() {
        let mut terms = RunTerms::default();
        terms.insert("etat", 0);
        terms.insert("seventeen_bytes_a", 1);
        let mut batch = Batch::default();
        for w in [
            "etat",
            "zebre",
            "seventeen_bytes_a",
            "seventeen_bytes_b",
            "etat",
        ] {
            batch.push(w);
        }
        let mut ids = Vec::new();
        terms.look_up(&batch, &mut ids);
        assert_eq!(ids, [Some(0), None, Some(1), None, Some(0)]);
        terms.insert_from(&batch, 1, 2);
        terms.insert_from(&batch, 3, 3);
        assert_eq!(terms.get("zebre"), Some(2));
        assert_eq!(terms.get("seventeen_bytes_b"), Some(3));
        assert_eq!(terms.get_from(&batch, 3), Some(3));
        let firsts: Vec<u8> = (0..5).map(|k| batch.first_byte(k)).collect();
        assert_eq!(firsts, b"ezsse");
        batch.clear();
        terms.look_up(&batch, &mut ids);
        assert!(ids.is_empty());
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
