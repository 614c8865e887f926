//! The ranking the list shows: row details (title highlights, match count, snippet) asked
//! of it as rows come into view and kept for that query, and its query's matches in the
//! open article. Must not rank, nor decide which rows are visible.

use crate::corpus::{Corpus, Document};
use crate::search::{Detail, DocMatches, Hit, Ranked};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Hits sent with their snippets when the screen is not known: a first screen of the
/// list, even a tall one.
pub const FIRST_ROWS: usize = 24;

/// Split a ranking into its hits, the first `rows` with their row details, and what
/// makes the others' when they are scrolled to: a search worker's answer. `None` soon
/// after `cancel` is set. Each row's snippet reads its article: the rows a screen shows,
/// not a fixed two dozen, are what a keystroke waits for.
pub fn first_screen(
    ranked: Ranked,
    corpus: &Corpus,
    rows: usize,
    cancel: &AtomicBool,
) -> Option<(Vec<Hit>, Arc<Ranked>)> {
    let (hits, rest) = ranked.with_snippets(corpus, rows, cancel)?;
    Some((hits, Arc::new(rest)))
}

/// Reading an article for its snippet is most of a keystroke's cost, so the worker reads
/// only the first screen's; the rest are read here, a screenful at a time, when scrolled to.
#[derive(Debug, Default)]
pub struct ListSnippets {
    /// The ranking that can make snippets, and the query generation it answers.
    source: Option<(u64, Arc<Ranked>)>,
    /// Title highlights, match count and snippet per document, once read.
    done: HashMap<usize, Detail>,
}

impl ListSnippets {
    /// Results of query `generation` arrived; `source` makes the snippets they lack.
    pub fn replace(&mut self, generation: u64, source: Option<Arc<Ranked>>) {
        self.source = source.map(|s| (generation, s));
        self.done.clear();
    }

    /// The query generation of the ranking the list shows.
    pub fn generation(&self) -> Option<u64> {
        self.source.as_ref().map(|(g, _)| *g)
    }

    /// Where that ranking's query matches in `doc`, for the reader's highlights.
    pub fn locate(&self, doc: &Document) -> DocMatches {
        self.source
            .as_ref()
            .map_or_else(DocMatches::default, |(_, ranked)| ranked.locate(doc))
    }

    /// Give `rows` their title highlights, count and snippet, when they are results of
    /// query `generation`.
    pub fn fill(&mut self, generation: u64, corpus: &Corpus, rows: &mut [Hit]) {
        let Some((_, ranked)) = self.source.as_ref().filter(|(g, _)| *g == generation) else {
            return;
        };
        for hit in rows.iter_mut().filter(|h| h.snippet().is_none()) {
            let (title, matches, snippet) = self
                .done
                .entry(hit.doc)
                .or_insert_with(|| ranked.detail(corpus, hit.doc));
            hit.show(title.clone(), snippet.clone());
            hit.matches = *matches;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::source::embedded;
    use crate::search::{self, Index};

    #[test]
    fn rows_scrolled_to_get_what_the_first_screen_gets() {
        let corpus = embedded();
        let index = Index::build(&corpus);
        let never = AtomicBool::new(false);
        for query in ["propagande", "\"outils de\"", "propagnde", "title:daesh"] {
            let full = search::run(&index, &corpus, query);
            let ranked = search::rank(&index, &corpus, query, &never).unwrap_or_default();
            // Rows as the list holds them before they are shown: ranked, without details.
            let mut rows = ranked.hits.clone();
            let mut list = ListSnippets::default();
            list.replace(7, Some(Arc::new(ranked)));
            list.fill(7, &corpus, &mut rows);
            assert!(!full.is_empty(), "{query}");
            assert!(
                full.iter().any(|h| !h.title_matches().is_empty()),
                "{query}"
            );
            assert_eq!(rows, full, "{query}");
            // Another query's rows are left alone.
            let mut stale = vec![Hit::default()];
            list.fill(8, &corpus, &mut stale);
            assert_eq!(stale, [Hit::default()]);
        }
    }

    #[test]
    fn a_first_screen_comes_with_the_sum_of_every_hits_count() {
        let corpus = embedded();
        let index = Index::build(&corpus);
        let never = AtomicBool::new(false);
        // `pays` and phrases count otherwise in the text than in the index.
        for query in [
            "pays",
            "\"etat islamique\"",
            "propagande -amaq",
            "propagnde",
            "",
            "zqxjk",
        ] {
            for rows in [0, 1, 3, 24] {
                let ranked = search::rank(&index, &corpus, query, &never).unwrap_or_default();
                let summed: usize = ranked.hits.iter().map(|h| h.matches).sum();
                assert_eq!(ranked.match_total(), summed, "{query}, ranked");
                let answer = first_screen(ranked, &corpus, rows, &never);
                let Some((hits, rest)) = answer else {
                    panic!("{query}: no answer");
                };
                let shown: usize = hits.iter().map(|h| h.matches).sum();
                assert_eq!(
                    rest.match_total(),
                    shown,
                    "{query}, {rows} rows with details"
                );
            }
        }
    }
}
