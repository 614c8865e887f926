//! A query's hits as ranked, and what makes each hit's row details (title highlights, exact
//! match count, snippet) when the row is wanted. Must not rank nor decide which documents
//! match.

use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;

use super::titles::TitleMarks;
use super::{Hit, Snippet};
use crate::corpus::{Corpus, Document};
use crate::search::locate::{DocMatches, locate_targets};
use crate::search::snippet::snippet;
use crate::search::targets::{Targets, count_distinct};

/// A row's title highlights, exact match count and snippet.
pub type Detail = (Vec<usize>, usize, Option<Snippet>);

/// The hits of a query, ranked as [`run`](super::run) ranks them, before any row detail: what
/// a list needs to show its length and order. Reading articles for snippets, and titles for
/// highlights, was most of the time of a keystroke, so a front end asks for them per visible
/// row with [`Ranked::snippet_for`] and [`Ranked::title_matches`].
#[derive(Debug, Clone, Default)]
pub struct Ranked {
    /// Every hit, in [`run`](super::run)'s order, with `matches` summed from the index, no
    /// title highlights and no snippet.
    pub hits: Vec<Hit>,
    pub(super) targets: Targets,
    pub(super) titles: TitleMarks,
    /// A query with no words: no counts, no snippets.
    pub(super) blank: bool,
    /// The sum of every hit's `matches`, kept as they change: a list of a hundred thousand
    /// hits summed again on the UI thread was a third of its work per answer.
    pub(super) matches: usize,
}

impl Ranked {
    /// The exact match count and the snippet of the hit on `doc`, as [`run`](super::run)
    /// gives them for its first [`SNIPPET_HITS`](super::SNIPPET_HITS) hits; `(0, None)` for
    /// a document the corpus lacks and for a query with no words.
    pub fn snippet_for(&self, corpus: &Corpus, doc: usize) -> (usize, Option<Snippet>) {
        let Some(doc) = corpus.docs.get(doc).filter(|_| !self.blank) else {
            return (0, None);
        };
        let occurrences = self.targets.occurrences(doc);
        (count_distinct(&occurrences), snippet(doc, &occurrences))
    }

    /// Where the query matches in `doc`, as [`locate`](crate::search::locate) finds it,
    /// without matching the query against the vocabulary again.
    pub fn locate(&self, doc: &Document) -> DocMatches {
        if self.blank {
            return DocMatches::default();
        }
        locate_targets(&self.targets, doc)
    }

    /// The chars of the title of `doc` to highlight, as [`run`](super::run) gives them
    /// (see [`Hit::title_matches`]); none for a document the corpus lacks.
    pub fn title_matches(&self, corpus: &Corpus, doc: usize) -> Vec<usize> {
        corpus
            .docs
            .get(doc)
            .map_or_else(Vec::new, |d| self.titles.of(&d.title))
    }

    /// The hits, the first `first` with their title highlights, exact count and snippet,
    /// and what makes the others' later; `None` soon after `cancel` is set.
    pub fn with_snippets(
        mut self,
        corpus: &Corpus,
        first: usize,
        cancel: &AtomicBool,
    ) -> Option<(Vec<Hit>, Ranked)> {
        let mut hits = std::mem::take(&mut self.hits);
        let docs: Vec<usize> = hits.iter().take(first).map(|h| h.doc).collect();
        let (a, b) = docs.split_at(docs.len() / 2);
        // Each snippet re-reads an article: the two halves on two cores halve the wait.
        let details = thread::scope(|s| {
            let other = thread::Builder::new().spawn_scoped(s, || self.details(corpus, b, cancel));
            let mut details = self.details(corpus, a, cancel)?;
            // Without a second thread (the system refused one), the other half here.
            details.extend(match other.map(|h| h.join()) {
                Ok(Ok(second)) => second?,
                _ => self.details(corpus, b, cancel)?,
            });
            Some(details)
        })?;
        for (hit, (title, matches, snippet)) in hits.iter_mut().zip(details) {
            self.matches = (self.matches + matches).saturating_sub(hit.matches);
            hit.show(title, snippet);
            hit.matches = matches;
        }
        Some((hits, self))
    }

    /// The sum of the match counts of the hits [`Ranked::with_snippets`] gave (or of
    /// [`Ranked::hits`] before it).
    pub fn match_total(&self) -> usize {
        self.matches
    }

    /// Title highlights, exact count and snippet of each of `docs`; `None` when cancelled.
    fn details(&self, corpus: &Corpus, docs: &[usize], cancel: &AtomicBool) -> Option<Vec<Detail>> {
        docs.iter()
            .map(|&doc| {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                Some(self.detail(corpus, doc))
            })
            .collect()
    }

    /// The row details of the hit on `doc`: what the list shows beside its title.
    pub fn detail(&self, corpus: &Corpus, doc: usize) -> Detail {
        let (matches, snippet) = self.snippet_for(corpus, doc);
        (self.title_matches(corpus, doc), matches, snippet)
    }
}
