//! The skip points of every term of a laid-out index (see `postings::Skip`), read from
//! its lists. Must not lay anything out (fill.rs does) nor decide the records' format
//! (postings.rs does).

use super::super::postings::{Skip, skips_into};

/// Every term's skip points, read from its laid-out postings `placed` (term `t`'s are
/// `placed[posting_at[t]..posting_at[t + 1]]`, `held[t]` of them), on the pool: a pass
/// over every posting, a few thousand terms at a time.
pub(super) fn every_term(
    placed: &[u8],
    posting_at: &[usize],
    held: &[u32],
    skip_at: &[usize],
) -> Vec<Skip> {
    use rayon::prelude::*;
    const TERMS: usize = 4096;
    let chunks: Vec<Vec<Skip>> = (0..held.len().div_ceil(TERMS))
        .into_par_iter()
        .map(|chunk| {
            let terms = chunk * TERMS..((chunk + 1) * TERMS).min(held.len());
            let from = skip_at.get(terms.start).copied().unwrap_or(0);
            let to = skip_at.get(terms.end).copied().unwrap_or(from);
            let mut out = Vec::with_capacity(to.saturating_sub(from));
            for t in terms {
                let bytes = match (posting_at.get(t), posting_at.get(t + 1)) {
                    (Some(&a), Some(&b)) => placed.get(a..b).unwrap_or_default(),
                    _ => &[],
                };
                let len = held.get(t).copied().unwrap_or(0) as usize;
                skips_into(bytes, len, &mut out);
            }
            out
        })
        .collect();
    chunks.concat()
}
