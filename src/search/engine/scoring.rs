//! One query word's vocabulary terms scored over their postings: the documents holding any
//! of them, and each document's best BM25 score. A short prefix stands for thousands of
//! postings, so the work is split over two threads when there is enough of it.
//! Must not match words to terms nor combine the scores of several words.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::search::index::{Index, Posting, TermId};
use crate::search::score::{Bm25, Norms};

/// Postings a word's terms must hold between them before half of them go to a second
/// thread: below it, starting the thread costs more than it saves.
const SPLIT_POSTINGS: usize = 40_000;

/// What scoring reads, shared by both halves.
pub(super) struct Scorer<'a> {
    pub index: &'a Index,
    pub bm25: &'a Bm25,
    pub norms: &'a Norms,
    pub alive: &'a [bool],
    /// Set when a newer query makes this one stale: scoring stops at the next term, and
    /// the caller throws away what it got (a short prefix at 1M articles is a second of
    /// postings, too long to finish for nothing).
    pub cancel: &'a AtomicBool,
}

/// The best score per document (-1 where none), and with `count`, the occurrences per
/// document to add to its match count.
pub(super) struct Scored {
    pub best: Vec<f32>,
    pub counts: Option<Vec<u32>>,
}

impl Scorer<'_> {
    /// How many documents hold any of `terms`.
    pub(super) fn doc_freq(&self, terms: &[(TermId, f32)]) -> usize {
        if let [(term, _)] = terms {
            // A posting list holds each document once.
            return self.index.postings(*term).len();
        }
        // One bit per document: the whole set of a 100 000-article corpus stays in cache.
        let held = |part: &[(TermId, f32)]| {
            let n = self.index.doc_count();
            let mut holds = vec![0u64; n.div_ceil(64)];
            for &(term, _) in part {
                if self.stale() {
                    break;
                }
                for p in self.index.postings(term) {
                    let d = p.doc as usize;
                    if let Some(h) = holds.get_mut(d / 64).filter(|_| d < n) {
                        *h |= 1 << (d % 64);
                    }
                }
            }
            holds
        };
        let holds = self.split(terms, held, |mut a, b| {
            for (a, b) in a.iter_mut().zip(b) {
                *a |= b;
            }
            a
        });
        holds.iter().map(|h| h.count_ones() as usize).sum()
    }

    /// Each living document's best BM25 score over `terms` (term, weight), all of them one
    /// word and so one rarity: that of the documents holding any of them. A `title:` word
    /// (`title_only`) is scored on the title alone.
    pub(super) fn best(&self, terms: &[(TermId, f32)], title_only: bool, count: bool) -> Scored {
        let part = |part: &[(TermId, f32)]| self.best_of(part, title_only, count);
        let mut scored = self.split(terms, part, |mut a, b| {
            for (a, b) in a.best.iter_mut().zip(b.best) {
                *a = a.max(b);
            }
            if let (Some(a), Some(b)) = (a.counts.as_mut(), b.counts) {
                for (a, b) in a.iter_mut().zip(b) {
                    *a += b;
                }
            }
            a
        });
        // The rarity multiplies every posting's worth alike, so the best worth is found
        // first and the documents holding the word counted from it: one walk of the
        // postings instead of two. A title-only walk skips body postings, so there the
        // holders are counted apart.
        let held = if title_only {
            self.doc_freq(terms)
        } else {
            scored.best.iter().filter(|&&w| w >= 0.0).count()
        };
        let idf = self.bm25.idf(held);
        for (b, &alive) in scored.best.iter_mut().zip(self.alive) {
            *b = if alive && *b >= 0.0 { *b * idf } else { -1.0 };
        }
        scored
    }

    /// Per document below `alive.len()`, living or not, the best worth of its postings of
    /// `terms` before the rarity (see [`Bm25::tf_part`]); -1 where it holds none.
    fn best_of(&self, terms: &[(TermId, f32)], title_only: bool, count: bool) -> Scored {
        let n = self.alive.len();
        let mut best = vec![-1f32; n];
        let mut counts = count.then(|| vec![0u32; n]);
        for &(term, weight) in terms {
            if self.stale() {
                break;
            }
            for p in self.index.postings(term) {
                let d = p.doc as usize;
                let Some(b) = best.get_mut(d) else {
                    continue;
                };
                if title_only && p.title_tf == 0 {
                    continue;
                }
                let p = if title_only {
                    Posting { body_tf: 0, ..p }
                } else {
                    p
                };
                *b = b.max(weight * self.bm25.tf_part(&p, self.norms.of(d)));
                if let Some(c) = counts.as_mut().and_then(|c| c.get_mut(d)) {
                    *c += u32::from(p.title_tf) + u32::from(p.body_tf);
                }
            }
        }
        Scored { best, counts }
    }

    fn stale(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// `work` over all of `terms`, or over each half of their postings on its own thread and
    /// the two results merged. Max, or and sum do not care in which order terms come, so
    /// the result is the same either way.
    fn split<T: Send>(
        &self,
        terms: &[(TermId, f32)],
        work: impl Fn(&[(TermId, f32)]) -> T + Sync,
        merge: impl FnOnce(T, T) -> T,
    ) -> T {
        let total: usize = terms
            .iter()
            .map(|&(t, _)| self.index.postings(t).len())
            .sum();
        if total < SPLIT_POSTINGS {
            return work(terms);
        }
        let mut seen = 0;
        let half = terms
            .iter()
            .position(|&(t, _)| {
                seen += self.index.postings(t).len();
                seen * 2 >= total
            })
            .map_or(terms.len(), |i| i + 1);
        let (a, b) = terms.split_at(half);
        let (first, second) = crate::search::halves::both(|| work(a), || work(b));
        merge(first, second)
    }
}
