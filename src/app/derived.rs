//! Derived state: what follows from the model after any change — the corpus swapped in,
//! wrapped lines for the reader's width, matches placed on them, the card, the timeline,
//! clamped scrolls. Must not react to keys (that is `update`).

use super::action::Effect;
use super::card::{card, related_to};
use super::group::Grouping;
use super::layout::{self, Pane, Screen};
use super::layouts::ReadingCache;
use super::matches::{ArticleMatches, MatchKey, MatchesOf};
use super::model::{Answered, Loading, Model, unranked};
use super::reading;
use super::snippets::ListSnippets;
use super::timeline::timeline;
use crate::corpus::{Corpus, Document};
use crate::search::{self, SortBy};
use std::sync::Arc;

impl Model {
    /// The next documents of a corpus still being read: the list grows with them, on the
    /// same article, so the user reads while the rest loads. A query typed meanwhile is
    /// answered over the first articles read; until then the list shows everything, and
    /// after, the answer stays until the worker's next, fuller one.
    pub(super) fn arrived(&mut self, docs: Vec<Document>) {
        let before = self.corpus.docs.len();
        // Only the model holds its corpus while it loads (a long article's layout thread
        // has its own copy of that article), so this extends it in place, not a copy.
        Arc::make_mut(&mut self.corpus).docs.extend(docs);
        if self.lists_matches() {
            return;
        }
        let in_corpus_order = self.sort == SortBy::Relevance && self.group == Grouping::None;
        if in_corpus_order && self.results.len() == before {
            // The list is every article in corpus order: the new ones go at its end, so a
            // batch costs its own size, not the whole list's (a million articles arrive in
            // hundreds of batches).
            self.results
                .extend(unranked(before..self.corpus.docs.len()));
            self.results_version += 1;
        } else {
            self.show_all();
        }
    }

    /// The corpus arrived: list it, keep what the user already typed, and ask again for
    /// the query's results (the index is built from this corpus next). When `Arrived` gave
    /// its first documents, they are numbered alike: the user stays on the same article,
    /// at the same line, and an answer over the first articles stays listed until the
    /// next one. A corpus that takes the place of another (the cache's, once files are
    /// found changed) keeps the article read selected when it still holds it.
    pub(super) fn loaded(&mut self, corpus: Arc<Corpus>) -> Option<Effect> {
        let current = self.current().map(|(doc, _)| doc);
        let path = |c: &Corpus| current.and_then(|i| Some(c.docs.get(i)?.path.clone()));
        let read = path(&self.corpus);
        // After `Ready`, this corpus takes the place of one whose texts may have changed.
        let replacing = matches!(self.loading, Loading::Ready);
        // Numbered alike, by construction of the loaders; checked on the article read, so
        // a corpus that is not the one that arrived starts from the top as before.
        let streamed = !replacing && current.is_some() && read == path(&corpus);
        let found = read
            .filter(|_| replacing)
            .and_then(|read| corpus.docs.iter().position(|d| d.path == read));
        self.message = match corpus.warnings.as_slice() {
            [] => None,
            [one] => Some(format!("warning: {one}")),
            [first, rest @ ..] => Some(format!("{} warnings: {first}", rest.len() + 1)),
        };
        let total = corpus.docs.len();
        self.corpus = corpus;
        self.loading = Loading::Indexing { done: 0, total };
        if !streamed {
            // Keyed by document numbers of the old corpus. After `Arrived`, the layouts stay:
            // they depend on the text and the dateline, which the whole corpus does not change,
            // and a long article laid out again would show its preview, cut short.
            self.reading = ReadingCache::default();
        }
        self.card_key = None;
        self.near = None;
        self.timeline_key = None;
        self.index = None;
        if streamed && self.lists_matches() {
            // Same numbering: the early answer's rows and snippets still hold, and the
            // worker answers the same query again once its index is whole.
            return None;
        }
        self.matches = ArticleMatches::default();
        self.snippets = ListSnippets::default();
        self.answered = Answered::No;
        self.list_every();
        if streamed {
            self.keep_selected(current);
        } else if found.is_some() {
            self.keep_selected(found);
        } else {
            self.selected = 0;
            self.list_offset = 0;
            self.scroll = 0;
        }
        self.rerun_query()
    }

    /// The corpus shown, its cards made: only the card, made from it, changes. A corpus of
    /// other documents is not this corpus' cards and is left aside; the worker sends the
    /// one it served, so a look at the count, the first article and the one read suffices
    /// rather than a pass over every article on the UI thread.
    pub(super) fn carded(&mut self, corpus: Arc<Corpus>) -> Option<Effect> {
        let read = self.current().map(|(doc, _)| doc);
        fn path(c: &Corpus, i: usize) -> Option<&str> {
            c.docs.get(i).map(|d| d.path.as_str())
        }
        let same = corpus.docs.len() == self.corpus.docs.len()
            && [Some(0), read]
                .into_iter()
                .flatten()
                .all(|i| path(&corpus, i) == path(&self.corpus, i));
        if same {
            self.corpus = corpus;
            self.card_key = None;
            self.near = None;
        }
        None
    }

    /// Derived state after any change: wrapped lines for the current width, the article's
    /// matches placed on them, clamped scrolls, a list window that shows the selection.
    pub(super) fn settle(&mut self) {
        // A resize can hide the focused sidebar; focus must stay on something visible.
        if let Screen::Panes(p) = self.screen() {
            if !p.single() && p.rect(self.focus).is_none() {
                self.focus = Pane::Reader;
            }
        }
        self.selected = self.selected.min(self.results.len().saturating_sub(1));
        let current = self.current().map(|(index, _)| index);
        let mut width = 0;
        self.lines = match (current, self.pane_rect(Pane::Reader)) {
            (Some(index), Some(rect)) => {
                width = reading::text_width(layout::reader_text_area(rect).width);
                Some(self.reading.ensure(index, &self.corpus, width))
            }
            _ => None,
        };
        self.place_matches(current, width);
        self.refresh_card(current);
        self.refresh_timeline();
        self.scroll = self.scroll.min(self.max_scroll());
        let capacity = self.list_capacity();
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + capacity {
            self.list_offset = self.selected + 1 - capacity;
        }
        let max_offset = self.results.len().saturating_sub(capacity);
        self.list_offset = self.list_offset.min(max_offset);
        let shown = self.list_offset..(self.list_offset + capacity).min(self.results.len());
        let generation = self.query.generation();
        let rows = &mut self.results[shown];
        // Rows shown get their counts from the text: the total follows them.
        let before: usize = rows.iter().map(|h| h.matches).sum();
        self.snippets.fill(generation, &self.corpus, rows);
        let after: usize = rows.iter().map(|h| h.matches).sum();
        self.match_total = (self.match_total + after).saturating_sub(before);
    }

    /// A shown timeline follows the result set; it is counted again only when that changes.
    pub(super) fn refresh_timeline(&mut self) {
        if self.timeline.is_none() {
            return;
        }
        let key = Some(self.results_version);
        if key != self.timeline_key {
            self.timeline = Some(timeline(&self.corpus, &self.results));
            self.timeline_key = key;
        }
    }

    /// The card is rebuilt when the article or its match counts change, and only while the
    /// sidebar can be seen. Related articles come with the index: until it is built the card
    /// shows none, and `IndexReady` forgets the card so that it is made again with them.
    pub(super) fn refresh_card(&mut self, current: Option<usize>) {
        let visible = self.focus == Pane::Sidebar
            || matches!(self.screen(), Screen::Panes(p) if p.sidebar.is_some());
        let key = current
            .filter(|_| visible)
            .map(|doc| (doc, self.matches.per_term.clone()));
        if key == self.card_key {
            return;
        }
        let same_doc = key.as_ref().map(|k| k.0) == self.card_key.as_ref().map(|k| k.0);
        self.card = match &key {
            Some((doc, per_term)) => {
                if self.near.as_ref().map(|(d, _)| d) != Some(doc) {
                    self.near = self.index.as_ref().map(|ix| (*doc, related_to(ix, *doc)));
                }
                let near = self.near.as_ref().map_or(&[][..], |(_, n)| n.as_slice());
                card(&self.corpus, *doc, per_term, near)
            }
            None => Vec::new(),
        };
        self.card_key = key;
        if !same_doc {
            self.card_cursor = None;
        }
        self.card_cursor = self.card_cursor.filter(|&c| c < self.card.len());
    }

    /// The find's matches when a find is typed, else those of the query whose results the
    /// list shows. Both are cheap: the query's words were matched against the vocabulary by
    /// the worker, so a typo query costs the UI thread no vocabulary scan.
    pub(super) fn place_matches(&mut self, current: Option<usize>, width: u16) {
        let of = if !self.find.is_blank() {
            Some(MatchesOf::Find(self.find.text().to_string()))
        } else if self.query.is_blank() {
            None
        } else {
            self.snippets.generation().map(MatchesOf::Results)
        };
        let key = current.zip(of).map(|(doc, of)| MatchKey {
            doc,
            width,
            of,
            lines: self.lines.as_ref().map_or(0, |l| l.len()),
        });
        let lines = self.lines.clone().unwrap_or_else(|| Arc::from(Vec::new()));
        let (corpus, snippets) = (&self.corpus, &self.snippets);
        self.matches.refresh(key.clone(), &lines, || {
            let Some(key) = key else {
                return search::DocMatches::default();
            };
            let Some(doc) = corpus.docs.get(key.doc) else {
                return search::DocMatches::default();
            };
            match key.of {
                MatchesOf::Find(text) => search::find_text(doc, &text),
                MatchesOf::Results(_) => snippets.locate(doc),
            }
        });
    }
}
