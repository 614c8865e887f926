//! Run a query against the index: candidates, fuzzy scores, ranking, highlights.
//! Must not touch the terminal.

use super::Index;
use crate::corpus::Corpus;

/// One matching document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into `corpus.docs`.
    pub doc: usize,
    pub score: i64,
    /// Char indices into `corpus.docs[doc].title` to highlight.
    pub title_matches: Vec<usize>,
}

/// All documents matching `query`, best first; an empty query returns every document in
/// corpus order with no highlights.
pub fn run(index: &Index, corpus: &Corpus, query: &str) -> Vec<Hit> {
    let _ = (index, corpus, query);
    todo!("search helper")
}
