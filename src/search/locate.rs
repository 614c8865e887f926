//! Where a query matches inside one article: char ranges in the title and in each block for
//! the reader's highlights and `n`/`N`, counts per query term for the sidebar; and the
//! in-article find. Must not rank or choose documents.

use super::Index;
use crate::corpus::Document;
use std::ops::Range;

/// Matches inside one document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocMatches {
    /// Char ranges into `doc.title`.
    pub title: Vec<Range<usize>>,
    /// `(block index into doc.blocks, char range into that block's text)`, in reading order.
    pub blocks: Vec<(usize, Range<usize>)>,
    /// Each query term as the user typed it, with its number of occurrences in the document.
    pub per_term: Vec<(String, usize)>,
}

/// Every occurrence in `doc` of the words `query` matched (exact, prefix or fuzzy, as the
/// engine matched them), for highlighting. Excluded terms (`-x`) are not highlighted.
pub fn locate(index: &Index, doc: &Document, query: &str) -> DocMatches {
    let _ = (index, doc, query);
    DocMatches::default()
}

/// In-article find: every occurrence of `needle` in title and blocks, compared after the one
/// folding (case, accents, ligatures, quotes), as a substring.
pub fn find_text(doc: &Document, needle: &str) -> DocMatches {
    let _ = (doc, needle);
    DocMatches::default()
}
