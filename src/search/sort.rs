//! Orders a result list: by relevance (as ranked), by date (newest first) or by title.
//! Must not match or score.

use super::Hit;
use crate::corpus::Corpus;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    #[default]
    Relevance,
    Date,
    Title,
}

/// Sort `hits` in place; stable, so equal keys keep the ranking's order.
pub fn sort_hits(hits: &mut [Hit], corpus: &Corpus, by: SortBy) {
    let _ = (hits, corpus, by);
}
