//! Which documents hold a phrase, from the word positions in the index: postings intersected,
//! then adjacent positions checked, so no document is re-read per keystroke.
//! Must not read documents or rank; highlights in one open article stay with `phrase`.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use super::index::{
    Index, Posting, TermId, decode_positions, first_position, follows_any, keep_followed,
};

/// A document's slot among the starts when it has none (not a candidate, or done with).
const NO_SLOT: u32 = u32::MAX;

/// How many postings are walked between looks at the cancel flag.
const CANCEL_EVERY: usize = 4096;

/// Postings a phrase's words must hold between them before each half of the documents is
/// checked on its own core.
const SPLIT_POSTINGS: usize = 40_000;

/// How a phrase's last word is matched.
#[derive(Clone, Copy)]
pub enum LastWord<'a> {
    /// As typed, like the others.
    Exact,
    /// Still being typed: by any of these terms, in vocabulary order.
    Typed { terms: &'a [TermId] },
}

/// The documents holding a phrase.
#[derive(Debug, Default)]
pub struct Found {
    /// Per document, whether it holds the phrase.
    pub held: Vec<bool>,
    /// While the last word is typed, per document found, which of its terms (an index into
    /// [`LastWord::Typed`]'s) completed the phrase there first, and that term's posting.
    pub completed: Vec<(usize, usize, Posting)>,
}

/// For each document `d` with `candidates[d]`, whether `words` occur at adjacent positions
/// in one field (the title or the source only, with `title_only`), the last word as
/// `last_word` says. `None` when cancelled.
pub fn phrase_docs(
    index: &Index,
    words: &[String],
    last_word: LastWord<'_>,
    title_only: bool,
    candidates: &[bool],
    cancel: &AtomicBool,
) -> Option<Found> {
    let phrase = Phrase {
        index,
        words,
        last_word,
        title_only,
        candidates,
        cancel,
    };
    phrase.found(SPLIT_POSTINGS)
}

impl Phrase<'_> {
    /// [`phrase_docs`], on two cores from `split` postings.
    fn found(&self, split: usize) -> Option<Found> {
        let (index, words, last_word) = (self.index, self.words, self.last_word);
        let n = self.candidates.len();
        let mut held = vec![false; n];
        let walked: usize = words
            .iter()
            .filter_map(|w| index.term_id(w))
            .chain(
                match last_word {
                    LastWord::Exact => &[][..],
                    LastWord::Typed { terms } => terms,
                }
                .iter()
                .copied(),
            )
            .map(|t| index.postings(t).len())
            .sum();
        if walked < split {
            let completed = self.within(0, &mut held)?;
            return Some(Found { held, completed });
        }
        // Each half of the documents on its own core: what a phrase needs of a document is
        // in that document's postings, so the halves share nothing.
        let mid = n / 2;
        let (first, second) = held.split_at_mut(mid);
        let (a, b) = super::halves::both(|| self.within(0, first), || self.within(mid, second));
        let mut completed = a?;
        completed.extend(b?);
        Some(Found { held, completed })
    }
}

/// One phrase query, checked over a range of documents at a time.
struct Phrase<'a> {
    index: &'a Index,
    words: &'a [String],
    last_word: LastWord<'a>,
    title_only: bool,
    candidates: &'a [bool],
    cancel: &'a AtomicBool,
}

impl Phrase<'_> {
    /// `term`'s postings of documents `docs`, each with its encoded positions.
    fn postings<'i>(
        &self,
        term: TermId,
        docs: &Range<usize>,
    ) -> impl Iterator<Item = (Posting, &'i [u8])> + use<'i>
    where
        Self: 'i,
    {
        let (from, postings) = self.postings_only(term, docs);
        let positions = self.index.positions(term).skip(from);
        postings.zip(positions)
    }

    /// `term`'s postings of documents `docs`, and how many of its postings come before
    /// them (where their positions start).
    fn postings_only<'i>(
        &self,
        term: TermId,
        docs: &Range<usize>,
    ) -> (usize, impl Iterator<Item = Posting> + use<'i>)
    where
        Self: 'i,
    {
        let mut all = self.index.postings(term).iter();
        let from = all.skip_below(u32::try_from(docs.start).unwrap_or(u32::MAX));
        (from, all.below(u32::try_from(docs.end).unwrap_or(u32::MAX)))
    }

    /// [`phrase_docs`] for documents `from..from + matched.len()`, into `matched`; returns
    /// what completed each phrase found there (see [`Found::completed`]).
    fn within(&self, from: usize, matched: &mut [bool]) -> Option<Vec<(usize, usize, Posting)>> {
        let index = self.index;
        let words = self.words;
        let docs = from..from + matched.len();
        let candidate = |d: usize| docs.contains(&d) && self.candidates.get(d) == Some(&true);
        let mut completed = Vec::new();
        let Some(last) = words.len().checked_sub(1) else {
            return Some(completed);
        };
        let (last_is_prefix, typed) = match self.last_word {
            LastWord::Exact => (false, &[][..]),
            LastWord::Typed { terms } => (true, terms),
        };
        let in_field = |d: usize, start: u32| !self.title_only || start < index.body_start(d);
        let mut buf = Vec::new();
        let mut walked = 0usize;
        let tick = |walked: &mut usize| {
            *walked += 1;
            *walked % CANCEL_EVERY != 0 || !self.cancel.load(Ordering::Relaxed)
        };

        // `"f` alone, in any field: a document holding a term that starts with it as a
        // word of its own. Only terms met solely inside glued compounds lack positions, and
        // a whole term has them or not, so no document's positions are read: reading them
        // was most of the time of `"p`. (A term met both alone and glued counts as a word
        // even in a document that has it glued only.)
        if last == 0 && last_is_prefix && !self.title_only {
            for (k, &term) in typed.iter().enumerate() {
                if !index.has_positions(term) {
                    continue;
                }
                for p in self.postings_only(term, &docs).1 {
                    if !tick(&mut walked) {
                        return None;
                    }
                    let d = p.doc as usize;
                    if candidate(d) && !matched[d - from] {
                        matched[d - from] = true;
                        completed.push((d, k, p));
                    }
                }
            }
            return Some(completed);
        }

        // `"f` alone in the title: the first position tells whether it is there.
        if last == 0 && last_is_prefix {
            for (k, &term) in typed.iter().enumerate() {
                for (p, bytes) in self.postings(term, &docs) {
                    if !tick(&mut walked) {
                        return None;
                    }
                    let d = p.doc as usize;
                    // Positions ascend: the first tells whether any is in the field (a glued
                    // compound has none). Decoding them all was most of the time of `"p`.
                    if candidate(d)
                        && !matched[d - from]
                        && first_position(bytes).is_some_and(|s| in_field(d, s))
                    {
                        matched[d - from] = true;
                        completed.push((d, k, p));
                    }
                }
            }
            return Some(completed);
        }

        // Start positions still possible per candidate document, narrowed word by word.
        let exact = if last_is_prefix { last } else { last + 1 };
        let mut slot = vec![NO_SLOT; matched.len()];
        // Per candidate, its start positions still possible: one arena and a range each, not
        // a `Vec` per document (their allocations were most of the time of `"parquet f`).
        let mut arena: Vec<u32> = Vec::new();
        let mut starts: Vec<Range<usize>> = Vec::new();
        let mut held_by: Vec<usize> = Vec::new();
        for (j, word) in words.iter().enumerate().take(exact) {
            let Some(term) = index.term_id(word) else {
                return Some(completed);
            };
            let offset = j as u32;
            let mut seen = vec![false; starts.len()];
            for (p, bytes) in self.postings(term, &docs) {
                if !tick(&mut walked) {
                    return None;
                }
                let d = p.doc as usize;
                if !candidate(d) {
                    continue;
                }
                if j == 0 {
                    decode_positions(bytes, &mut buf);
                    slot[d - from] = starts.len() as u32;
                    let first = arena.len();
                    arena.extend(buf.iter().copied().filter(|&s| in_field(d, s)));
                    starts.push(first..arena.len());
                    held_by.push(d);
                    continue;
                }
                let at = slot[d - from] as usize;
                let Some(s) = starts.get_mut(at) else {
                    continue;
                };
                seen[at] = true;
                if s.start == s.end {
                    continue;
                }
                let kept = arena
                    .get_mut(s.clone())
                    .map_or(0, |held| keep_followed(bytes, held, offset));
                s.end = s.start + kept;
            }
            if j > 0 {
                // A candidate without this word cannot hold the phrase.
                for (s, seen) in starts.iter_mut().zip(seen) {
                    if !seen {
                        s.end = s.start;
                    }
                }
            }
        }
        if !last_is_prefix {
            for (&d, s) in held_by.iter().zip(&starts) {
                matched[d - from] = s.start < s.end;
            }
            return Some(completed);
        }

        // The word being typed: any of its terms, at the position after the others. A
        // document left with no start, or found already, gets no slot: most postings of
        // the typed word's terms are then passed over on one look at `slot`, without
        // following it to the document's starts.
        for (&d, s) in held_by.iter().zip(&starts) {
            if s.start == s.end {
                slot[d - from] = NO_SLOT;
            }
        }
        let offset = last as u32;
        for (k, &term) in typed.iter().enumerate() {
            for (p, bytes) in self.postings(term, &docs) {
                if !tick(&mut walked) {
                    return None;
                }
                let d = p.doc as usize;
                let at = slot[d - from];
                if at == NO_SLOT {
                    continue;
                }
                let Some(s) = starts.get(at as usize) else {
                    continue;
                };
                if arena
                    .get(s.clone())
                    .is_some_and(|held| follows_any(bytes, held, offset))
                {
                    matched[d - from] = true;
                    slot[d - from] = NO_SLOT;
                    completed.push((d, k, p));
                }
            }
        }
        Some(completed)
    }
}

#[cfg(test)]
mod tests;
