//! The order of a query's hits: the best [`RANKED_HITS`](super::RANKED_HITS) first by score,
//! ties newest first (undated last) then by document, the others after them in corpus order.
//! Must not score nor decide which documents match.

use std::cmp::Reverse;

use super::Hit;
use crate::corpus::PartialDate;
use crate::search::index::Dates;

/// What orders one hit, as one value: comparing these is comparing hits.
type Key = (Reverse<i64>, Reverse<Option<PartialDate>>, u32);

/// Above this many times the head's length, the documents tying for its last places are
/// taken in date order rather than selected among.
const TIES_WALKED: usize = 4;

/// Hits for the living documents (`alive`), `score` and `count` per document, in
/// [`rank`](super::rank)'s order, the first `ranked` ordered best first.
pub(super) fn order(
    dates: &Dates,
    alive: &[bool],
    score: impl Fn(usize) -> i64,
    count: impl Fn(usize) -> usize,
    ranked: usize,
) -> Vec<Hit> {
    let hit = |doc: usize| Hit::new(doc, score(doc), count(doc));
    // Selected on scores alone first: comparing dates was most of the time of ranking a
    // one-letter query. Only the documents that can enter the head have theirs read.
    let date = |d: usize| dates.of.get(d).copied().flatten();
    let key = |d: u32| (Reverse(score(d as usize)), Reverse(date(d as usize)), d);
    // In corpus order, each score computed once: the hits past the head are taken from it.
    // Sized for every document at once: grown by doubling, it was copied again and again.
    let mut scored: Vec<(i64, u32)> = Vec::with_capacity(alive.len());
    scored.extend(
        (0..alive.len())
            .filter(|&d| alive[d])
            .map(|d| (score(d), d as u32)),
    );
    if scored.len() <= ranked {
        let mut keys: Vec<Key> = scored.iter().map(|&(_, d)| key(d)).collect();
        keys.sort_unstable();
        return keys.iter().map(|k| hit(k.2 as usize)).collect();
    }
    // Only the head is ranked: sorting every hit of a one-letter query cost more than its
    // scoring. The rest stays in corpus order, which is the order the documents came in.
    let mut by_score: Vec<i64> = scored.iter().map(|&(s, _)| s).collect();
    let lowest = match ranked.checked_sub(1) {
        Some(last) => *by_score.select_nth_unstable_by_key(last, |&s| Reverse(s)).1,
        None => i64::MAX,
    };
    // Every document scoring above the head's lowest score is in it; those tying with it
    // compete for the places left by date, then by document.
    let contending = scored.iter().filter(|&&(s, _)| s >= lowest).count();
    let mut keys: Vec<Key> = if contending > TIES_WALKED * ranked {
        // Many ties (a word every article holds scores nought in all of them): the places
        // left go to the first tying documents in date order, read from the index's
        // documents sorted once, instead of keying and selecting among a hundred thousand
        // (most of a one-letter query's ordering).
        let mut keys: Vec<Key> = scored
            .iter()
            .filter(|&&(s, _)| s > lowest)
            .map(|&(_, d)| key(d))
            .collect();
        let left = ranked.saturating_sub(keys.len());
        let tying =
            |&&d: &&u32| alive.get(d as usize) == Some(&true) && score(d as usize) == lowest;
        let newest = dates.newest_first.iter().filter(tying).take(left);
        keys.extend(newest.map(|&d| key(d)));
        keys
    } else {
        let mut keys: Vec<Key> = scored
            .iter()
            .filter(|&&(s, _)| s >= lowest)
            .map(|&(_, d)| key(d))
            .collect();
        if keys.len() > ranked {
            keys.select_nth_unstable(ranked);
            keys.truncate(ranked);
        }
        keys
    };
    keys.sort_unstable();
    let mut in_head = vec![false; alive.len()];
    for k in &keys {
        in_head[k.2 as usize] = true;
    }
    let mut hits = Vec::with_capacity(scored.len());
    hits.extend(keys.iter().map(|k| hit(k.2 as usize)));
    hits.extend(
        scored
            .iter()
            .filter(|&&(_, d)| !in_head[d as usize])
            .map(|&(score, d)| Hit::new(d as usize, score, count(d as usize))),
    );
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Corpus, Document};
    use proptest::prelude::*;

    /// The order the doc comment promises, by the plainest means: every hit keyed, all
    /// sorted, the head taken, the rest put back in corpus order.
    fn plain(corpus: &Corpus, alive: &[bool], scores: &[i64], ranked: usize) -> Vec<usize> {
        let mut keys: Vec<Key> = (0..alive.len())
            .filter(|&d| alive[d])
            .map(|d| (Reverse(scores[d]), Reverse(corpus.docs[d].date), d as u32))
            .collect();
        keys.sort_unstable();
        let mut head: Vec<usize> = keys.iter().take(ranked).map(|k| k.2 as usize).collect();
        let mut rest: Vec<usize> = keys.iter().skip(ranked).map(|k| k.2 as usize).collect();
        rest.sort_unstable();
        head.extend(rest);
        head
    }

    proptest! {
        #[test]
        fn the_head_is_the_best_whatever_the_ties(
            docs in proptest::collection::vec(
                (0i64..4, proptest::option::of(2015i32..2018), any::<bool>()),
                0..60,
            ),
            ranked in 0usize..20,
        ) {
            let corpus = Corpus {
                docs: docs
                    .iter()
                    .map(|&(_, year, _)| Document {
                        date: year.map(|year| PartialDate {
                            year,
                            month: None,
                            day: None,
                            time: None,
                        }),
                        ..Document::default()
                    })
                    .collect(),
                warnings: Vec::new(),
            };
            let scores: Vec<i64> = docs.iter().map(|d| d.0).collect();
            let alive: Vec<bool> = docs.iter().map(|d| d.2).collect();
            let dates = Dates::new(&corpus);
            let hits = order(&dates, &alive, |d| scores[d], |_| 0, ranked);
            let got: Vec<usize> = hits.iter().map(|h| h.doc).collect();
            prop_assert_eq!(got, plain(&corpus, &alive, &scores, ranked));
        }
    }
}
