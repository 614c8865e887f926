//! Which documents hold a phrase, from the word positions in the index: postings intersected,
//! then adjacent positions checked, so no document is re-read per keystroke.
//! Must not read documents or rank; highlights in one open article stay with `phrase`.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use super::index::{Index, Posting, TermId, decode_positions, first_position};

/// How many postings are walked between looks at the cancel flag.
const CANCEL_EVERY: usize = 4096;

/// How a phrase's last word is matched.
#[derive(Clone, Copy)]
pub enum LastWord<'a> {
    /// As typed, like the others.
    Exact,
    /// Still being typed: by any of these terms, in vocabulary order. `completed(d, k, p)`
    /// is told, once per document found, that its phrase ends on `terms[k]`, posting `p`.
    Typed { terms: &'a [TermId] },
}

/// For each document `d` with `candidates[d]`, true when `words` occur at adjacent positions
/// in one field (the title or the source only, with `title_only`), the last word as
/// `last_word` says; `completed` hears which term completed each phrase found while its last word is
/// typed. `None` when cancelled.
pub fn phrase_docs(
    index: &Index,
    words: &[String],
    last_word: LastWord<'_>,
    title_only: bool,
    candidates: &[bool],
    cancel: &AtomicBool,
    completed: &mut dyn FnMut(usize, usize, &Posting),
) -> Option<Vec<bool>> {
    let n = candidates.len();
    let mut matched = vec![false; n];
    let Some(last) = words.len().checked_sub(1) else {
        return Some(matched);
    };
    let (last_is_prefix, typed) = match last_word {
        LastWord::Exact => (false, &[][..]),
        LastWord::Typed { terms } => (true, terms),
    };
    let in_field = |d: usize, start: u32| !title_only || start < index.body_start(d);
    let mut buf = Vec::new();
    let mut walked = 0usize;
    let tick = |walked: &mut usize| {
        *walked += 1;
        *walked % CANCEL_EVERY != 0 || !cancel.load(Ordering::Relaxed)
    };

    // `"f` alone: any occurrence of a term starting with it.
    if last == 0 && last_is_prefix {
        for (k, &term) in typed.iter().enumerate() {
            for (p, bytes) in index.postings(term).iter().zip(index.positions(term)) {
                if !tick(&mut walked) {
                    return None;
                }
                let d = p.doc as usize;
                // Positions ascend: the first tells whether any is in the field (a glued
                // compound has none). Decoding them all was most of the time of `"p`.
                if d < n
                    && candidates[d]
                    && !matched[d]
                    && first_position(bytes).is_some_and(|s| in_field(d, s))
                {
                    matched[d] = true;
                    completed(d, k, p);
                }
            }
        }
        return Some(matched);
    }

    // Start positions still possible per candidate document, narrowed word by word.
    let exact = if last_is_prefix { last } else { last + 1 };
    let mut slot = vec![u32::MAX; n];
    // Per candidate, its start positions still possible: one arena and a range each, not a
    // `Vec` per document (their allocations were most of the time of `"parquet f`).
    let mut arena: Vec<u32> = Vec::new();
    let mut starts: Vec<Range<usize>> = Vec::new();
    let mut docs: Vec<usize> = Vec::new();
    for (j, word) in words.iter().enumerate().take(exact) {
        let Some(term) = index.term_id(word) else {
            return Some(matched);
        };
        let offset = j as u32;
        let mut seen = vec![false; starts.len()];
        for (p, bytes) in index.postings(term).iter().zip(index.positions(term)) {
            if !tick(&mut walked) {
                return None;
            }
            let d = p.doc as usize;
            if d >= n || !candidates[d] {
                continue;
            }
            if j == 0 {
                decode_positions(bytes, &mut buf);
                slot[d] = starts.len() as u32;
                let from = arena.len();
                arena.extend(buf.iter().copied().filter(|&s| in_field(d, s)));
                starts.push(from..arena.len());
                docs.push(d);
                continue;
            }
            let Some(s) = starts.get_mut(slot[d] as usize) else {
                continue;
            };
            seen[slot[d] as usize] = true;
            if s.start == s.end {
                continue;
            }
            decode_positions(bytes, &mut buf);
            let mut kept = s.start;
            for i in s.clone() {
                let start = arena[i];
                if buf.binary_search(&(start + offset)).is_ok() {
                    arena[kept] = start;
                    kept += 1;
                }
            }
            s.end = kept;
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
        for (&d, s) in docs.iter().zip(&starts) {
            matched[d] = s.start < s.end;
        }
        return Some(matched);
    }

    // The word being typed: any of its terms, at the position after the others.
    let offset = last as u32;
    for (k, &term) in typed.iter().enumerate() {
        for (p, bytes) in index.postings(term).iter().zip(index.positions(term)) {
            if !tick(&mut walked) {
                return None;
            }
            let d = p.doc as usize;
            let Some(s) = slot.get(d).and_then(|&i| starts.get(i as usize)) else {
                continue;
            };
            if matched[d] || s.start == s.end {
                continue;
            }
            decode_positions(bytes, &mut buf);
            matched[d] = arena[s.clone()]
                .iter()
                .any(|&start| buf.binary_search(&(start + offset)).is_ok());
            if matched[d] {
                completed(d, k, p);
            }
        }
    }
    Some(matched)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Block, Corpus, Document};

    fn doc(title: &str, source: Option<&str>, blocks: &[&str]) -> Document {
        Document {
            title: title.into(),
            source: source.map(Into::into),
            blocks: blocks
                .iter()
                .map(|b| Block::Paragraph((*b).into()))
                .collect(),
            ..Document::default()
        }
    }

    fn found(corpus: &Corpus, phrase: &[&str], prefix: bool, title_only: bool) -> Vec<usize> {
        let index = Index::build(corpus);
        let words: Vec<String> = phrase.iter().map(|w| w.to_string()).collect();
        let all = vec![true; corpus.docs.len()];
        let never = AtomicBool::new(false);
        let last = words.last().map(String::as_str).unwrap_or_default();
        let typed: Vec<TermId> = index.prefix_range(last).collect();
        let last_word = if prefix {
            LastWord::Typed { terms: &typed }
        } else {
            LastWord::Exact
        };
        phrase_docs(
            &index,
            &words,
            last_word,
            title_only,
            &all,
            &never,
            &mut |_, _, _| {},
        )
        .unwrap_or_default()
        .iter()
        .enumerate()
        .filter(|(_, m)| **m)
        .map(|(d, _)| d)
        .collect()
    }

    fn corpus() -> Corpus {
        Corpus {
            docs: vec![
                doc(
                    "Le ministre",
                    None,
                    &["question", "M. le Ministre de l’Intérieur"],
                ),
                doc("Question au ministre", Some("AFP"), &["de l'intérieur"]),
                doc("Aux Pays-Bas", None, &["la Haye"]),
                doc(
                    "Parquet",
                    None,
                    &["le parquet federal et le parquet fédéral."],
                ),
            ],
            ..Corpus::default()
        }
    }

    #[test]
    fn adjacent_words_only() {
        let c = corpus();
        assert_eq!(
            found(&c, &["ministre", "de", "interieur"], false, false),
            [0]
        );
        assert_eq!(
            found(&c, &["ministre", "interieur"], false, false),
            Vec::<usize>::new()
        );
        assert_eq!(found(&c, &["pays", "bas"], false, false), [2]);
        assert_eq!(found(&c, &["parquet", "federal"], false, false), [3]);
        assert_eq!(
            found(&c, &["parquet", "fed"], false, false),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn no_phrase_across_fields_or_blocks() {
        let c = corpus();
        // Title `... ministre` then body `de l'intérieur`; title `Le ministre` then block
        // `question`.
        assert_eq!(found(&c, &["ministre", "de"], false, false), [0]);
        assert_eq!(
            found(&c, &["ministre", "question"], false, false),
            Vec::<usize>::new()
        );
        assert_eq!(
            found(&c, &["ministre", "afp"], false, false),
            Vec::<usize>::new()
        );
    }

    #[test]
    fn last_word_by_prefix_and_title_only() {
        let c = corpus();
        assert_eq!(found(&c, &["parquet", "fed"], true, false), [3]);
        assert_eq!(found(&c, &["ministre", "de", "int"], true, false), [0]);
        assert_eq!(found(&c, &["qu"], true, false), [0, 1]);
        assert_eq!(found(&c, &["qu"], true, true), [1]);
        assert_eq!(found(&c, &["au", "min"], true, true), [1]);
        assert_eq!(found(&c, &["le", "ministre"], false, true), [0]);
        assert_eq!(
            found(&c, &["le", "parquet"], false, true),
            Vec::<usize>::new()
        );
        assert_eq!(
            found(&c, &["nowhere", "x"], true, false),
            Vec::<usize>::new()
        );
        assert_eq!(found(&c, &[], true, false), Vec::<usize>::new());
    }
}
