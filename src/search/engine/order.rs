//! The order of a query's hits: the best [`RANKED_HITS`](super::RANKED_HITS) first by score,
//! ties newest first (undated last) then by document, the others after them in corpus order.
//! Must not score nor decide which documents match.

use std::cmp::Reverse;

use super::Hit;
use crate::corpus::{Corpus, PartialDate};

/// What orders one hit, as one value: comparing these is comparing hits.
type Key = (Reverse<i64>, Reverse<Option<PartialDate>>, u32);

/// Hits for the living documents (`alive`), `score` and `count` per document, in
/// [`rank`](super::rank)'s order, the first `ranked` ordered best first.
pub(super) fn order(
    corpus: &Corpus,
    alive: &[bool],
    score: impl Fn(usize) -> i64,
    count: impl Fn(usize) -> usize,
    ranked: usize,
) -> Vec<Hit> {
    let hit = |doc: usize| Hit {
        doc,
        score: score(doc),
        matches: count(doc),
        ..Hit::default()
    };
    // Selected on small keys, not on hits: moving hits about and looking up each one's date
    // in the corpus at every comparison was most of the time of ranking a one-letter query.
    let date = |d: usize| corpus.docs.get(d).and_then(|doc| doc.date);
    let mut keys: Vec<Key> = (0..alive.len())
        .filter(|&d| alive[d])
        .map(|d| (Reverse(score(d)), Reverse(date(d)), d as u32))
        .collect();
    if keys.len() <= ranked {
        keys.sort_unstable();
        return keys.iter().map(|k| hit(k.2 as usize)).collect();
    }
    // Only the head is ranked: sorting every hit of a one-letter query cost more than its
    // scoring. The rest stays in corpus order, which is the order the documents came in.
    let found = keys.len();
    keys.select_nth_unstable(ranked);
    let head = &mut keys[..ranked];
    head.sort_unstable();
    let mut in_head = vec![false; alive.len()];
    for k in head.iter() {
        in_head[k.2 as usize] = true;
    }
    let mut hits = Vec::with_capacity(found);
    hits.extend(head.iter().map(|k| hit(k.2 as usize)));
    hits.extend(
        (0..alive.len())
            .filter(|&d| alive[d] && !in_head[d])
            .map(hit),
    );
    hits
}
