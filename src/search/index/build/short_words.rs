//! Short words, packed into `u128` keys, to term ids: a table of our own, so that a word's
//! slot can be asked into the cache as soon as the word is read ([`ShortWords::prefetch`])
//! and found there when the block's words are looked up. Must not pack words nor know what
//! an id stands for (run_terms.rs does).

use super::prefetch::prefetch;
use crate::search::index::TermId;

/// A key and its id. Two to a cache line, never across two: a lookup that finds its word
/// where it hashes (most do) touches one line.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(32))]
struct Slot {
    /// 0 for a free slot: the empty word, the only one packed to 0, is kept aside.
    key: u128,
    id: TermId,
}

/// Open addressing, linear probing, at most seven eighths full: the memory of the hash map it
/// replaced. Three quarters doubled the table for a run's hundred thousand words, and a
/// first run's peak at 10 000 articles with it (77 to 85 MB), for no speed at 100 000.
#[derive(Debug, Default)]
pub(super) struct ShortWords {
    slots: Vec<Slot>,
    /// How far the hash is shifted down to give a slot: 64 less the slots' power of two.
    shift: u32,
    len: usize,
    empty_word: Option<TermId>,
}

/// Fewest slots a table that holds anything has.
const FIRST_SLOTS: usize = 1 << 10;

impl ShortWords {
    /// The slot `key` is looked for first. Multiplying mixes every byte of the word into
    /// the high bits, which choose the slot; the second half is mixed into the first
    /// before, since words of up to eight bytes leave it zero.
    fn home(&self, key: u128) -> usize {
        let low = key as u64;
        let high = (key >> 64) as u64;
        let mixed =
            (low ^ high.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
        mixed.checked_shr(self.shift).unwrap_or(0) as usize
    }

    /// `key`'s slot on its way into the cache, for a lookup soon after.
    #[inline]
    pub fn prefetch(&self, key: u128) {
        if let Some(slot) = self.slots.get(self.home(key)) {
            prefetch(slot);
        }
    }

    pub fn get(&self, key: u128) -> Option<TermId> {
        if key == 0 {
            return self.empty_word;
        }
        let slot = self.slots.get(self.probe(key)?)?;
        (slot.key == key).then_some(slot.id)
    }

    /// The slot holding `key` (not 0), or else the free one it would take; `None` only for
    /// a table with no slots. Never full: a free slot ends every search. Inlined into each
    /// caller: every word indexed is looked up through it (left to the compiler, the one
    /// probing loop cost 0.8 % more of a build's instructions than a loop in each).
    #[inline(always)]
    fn probe(&self, key: u128) -> Option<usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = self.home(key);
        while let Some(slot) = self.slots.get(at) {
            if slot.key == key || slot.key == 0 {
                return Some(at);
            }
            at = (at + 1) & mask;
        }
        None
    }

    /// `key` given `id`; a key never given one before (or the id it had is replaced).
    pub fn insert(&mut self, key: u128, id: TermId) {
        if key == 0 {
            self.empty_word = Some(id);
            return;
        }
        if (self.len + 1) * 8 > self.slots.len() * 7 {
            self.grow();
        }
        if self.place(Slot { key, id }) {
            self.len += 1;
        }
    }

    /// `new` in its slot; whether it took a free one (rather than its key's).
    fn place(&mut self, new: Slot) -> bool {
        let Some(slot) = self.probe(new.key).and_then(|at| self.slots.get_mut(at)) else {
            return false;
        };
        let free = slot.key == 0;
        *slot = new;
        free
    }

    fn grow(&mut self) {
        let slots = (self.slots.len() * 2).max(FIRST_SLOTS);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); slots]);
        self.shift = 64 - slots.trailing_zeros();
        for slot in old.into_iter().filter(|s| s.key != 0) {
            self.place(slot);
        }
    }

    /// Every key with its id, in no order, leaving this empty with its memory given back.
    pub fn drain(&mut self) -> impl Iterator<Item = (u128, TermId)> + use<> {
        let taken = std::mem::take(self);
        let empty = taken.empty_word.map(|id| (0, id));
        let slots = taken.slots.into_iter().filter(|s| s.key != 0);
        empty.into_iter().chain(slots.map(|s| (s.key, s.id)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    proptest! {
        /// Enough keys to grow the table several times, many sharing their first or last
        /// eight bytes, as words do.
        #[test]
        fn keys_get_the_ids_they_were_last_given(
            ops in proptest::collection::vec((0u64..3000, 0u64..4, any::<TermId>()), 0..6000)
        ) {
            let mut table = ShortWords::default();
            let mut model = HashMap::new();
            for &(low, high, id) in &ops {
                let key = u128::from(low) | u128::from(high) << 64;
                table.insert(key, id);
                model.insert(key, id);
            }
            for low in 0..3000u64 {
                for high in 0..4u64 {
                    let key = u128::from(low) | u128::from(high) << 64;
                    prop_assert_eq!(table.get(key), model.get(&key).copied());
                }
            }
            let mut drained: Vec<(u128, TermId)> = table.drain().collect();
            drained.sort_unstable();
            let mut want: Vec<(u128, TermId)> = model.into_iter().collect();
            want.sort_unstable();
            prop_assert_eq!(drained, want);
            prop_assert_eq!(table.get(1), None);
        }
    }

    #[test]
    fn an_empty_table_finds_nothing_and_the_empty_word_is_a_word() {
        let mut table = ShortWords::default();
        table.prefetch(7);
        assert_eq!(table.get(0), None);
        assert_eq!(table.get(7), None);
        table.insert(0, 3);
        assert_eq!(table.get(0), Some(3));
        assert_eq!(table.get(7), None);
        assert_eq!(table.drain().collect::<Vec<_>>(), [(0, 3)]);
    }
}
