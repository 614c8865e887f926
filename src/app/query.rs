//! The filter's text as the user edits it, with the generation number that tells fresh
//! search results from stale ones. Must not run searches.

use crate::corpus::decode::sanitize;

/// Longest query kept: a huge paste must not make every keystroke slow.
pub const MAX_QUERY_CHARS: usize = 256;

#[derive(Debug, Clone, Default)]
pub struct QueryInput {
    text: String,
    generation: u64,
}

/// Two inputs are the same query when their text is; the generation is bookkeeping.
impl PartialEq for QueryInput {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl QueryInput {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Number this query after the one it replaces (whose number was `last`), so results
    /// carrying an older number are known stale, even when an old query comes back.
    pub fn follow(&mut self, last: u64) -> u64 {
        self.generation = last + 1;
        self.generation
    }

    pub fn insert(&mut self, c: char) {
        if !c.is_control() && self.text.chars().count() < MAX_QUERY_CHARS {
            self.text.push(c);
        }
    }

    /// Pasted text: one line, sanitised, cut to what still fits.
    pub fn paste(&mut self, pasted: &str) {
        let room = MAX_QUERY_CHARS.saturating_sub(self.text.chars().count());
        // Cut before sanitising so a 10 MB paste costs no more than a short one.
        let head: String = pasted.chars().take(room.saturating_mul(4)).collect();
        self.text.extend(sanitize(&head).chars().take(room));
    }

    pub fn delete_char(&mut self) {
        self.text.pop();
    }

    /// Delete back to the start of the last word, like Ctrl-W in a shell.
    pub fn delete_word(&mut self) {
        let trimmed = self.text.trim_end().len();
        self.text.truncate(trimmed);
        // Any space, including a no-break space typed with AltGr: cut after its last byte.
        let cut = self
            .text
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.text.truncate(cut);
    }

    pub fn clear(&mut self) {
        self.text.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_survives_edits_and_equality_ignores_it() {
        let mut a = QueryInput::default();
        a.insert('x');
        let mut b = a.clone();
        b.follow(a.generation());
        assert_eq!(a, b);
        assert_eq!(b.generation(), 1);
    }

    #[test]
    fn delete_word_removes_the_last_word_and_its_space() {
        let mut q = QueryInput::default();
        "etat islamique  ".chars().for_each(|c| q.insert(c));
        q.delete_word();
        assert_eq!(q.text(), "etat ");
        q.delete_word();
        assert_eq!(q.text(), "");
        "ab\u{a0}cd\u{3000}ef".chars().for_each(|c| q.insert(c));
        q.delete_word();
        assert_eq!(q.text(), "ab\u{a0}cd\u{3000}");
        q.delete_word();
        assert_eq!(q.text(), "ab\u{a0}");
    }

    #[test]
    fn typing_and_pasting_are_capped() {
        let mut q = QueryInput::default();
        for _ in 0..1000 {
            q.insert('a');
        }
        assert_eq!(q.text().chars().count(), MAX_QUERY_CHARS);
        q.insert('\u{1b}');
        assert!(!q.text().contains('\u{1b}'));
    }
}
