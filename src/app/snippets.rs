//! Snippets for the rows the list shows: asked of the query's ranking as rows come into
//! view, and kept for that query. Must not rank, nor decide which rows are visible.

use crate::corpus::Corpus;
use crate::search::{Hit, Ranked, Snippet};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Hits sent with their snippets: a first screen of the list, even a tall one.
pub const FIRST_ROWS: usize = 24;

/// Split a ranking into its hits, the first [`FIRST_ROWS`] with their count and snippet,
/// and what makes the others' when they are scrolled to: a search worker's answer. `None`
/// soon after `cancel` is set.
pub fn first_screen(
    ranked: Ranked,
    corpus: &Corpus,
    cancel: &AtomicBool,
) -> Option<(Vec<Hit>, Arc<Ranked>)> {
    let (hits, rest) = ranked.with_snippets(corpus, FIRST_ROWS, cancel)?;
    Some((hits, Arc::new(rest)))
}

/// Reading an article for its snippet is most of a keystroke's cost, so the worker reads
/// only the first screen's; the rest are read here, a screenful at a time, when scrolled to.
#[derive(Debug, Default)]
pub struct ListSnippets {
    /// The ranking that can make snippets, and the query generation it answers.
    source: Option<(u64, Arc<Ranked>)>,
    /// Match count and snippet per document, once read.
    done: HashMap<usize, (usize, Option<Snippet>)>,
}

impl ListSnippets {
    /// Results of query `generation` arrived; `source` makes the snippets they lack.
    pub fn replace(&mut self, generation: u64, source: Option<Arc<Ranked>>) {
        self.source = source.map(|s| (generation, s));
        self.done.clear();
    }

    /// Give `rows` their count and snippet, when they are results of query `generation`.
    pub fn fill(&mut self, generation: u64, corpus: &Corpus, rows: &mut [Hit]) {
        let Some((_, ranked)) = self.source.as_ref().filter(|(g, _)| *g == generation) else {
            return;
        };
        for hit in rows.iter_mut().filter(|h| h.snippet.is_none()) {
            let (matches, snippet) = self
                .done
                .entry(hit.doc)
                .or_insert_with(|| ranked.snippet_for(corpus, hit.doc));
            hit.matches = *matches;
            hit.snippet = snippet.clone();
        }
    }
}
