//! Orders a result list: by relevance (as ranked), by date (newest first) or by title.
//! Must not match or score.

use super::Hit;
use super::fold::fold_str;
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
    match by {
        SortBy::Relevance => {}
        SortBy::Date => {
            let date = |h: &Hit| corpus.docs.get(h.doc).and_then(|d| d.date);
            // `Option` orders `None` first: reversed, the undated come last.
            hits.sort_by_key(|h| std::cmp::Reverse(date(h)));
        }
        SortBy::Title => {
            let key = |h: &Hit| corpus.docs.get(h.doc).map(|d| fold_str(&d.title));
            hits.sort_by_cached_key(key);
        }
    }
}
