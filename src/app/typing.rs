//! Typing a filter or a find: editing the input, asking the worker for results, taking its
//! answers, and ordering the list. Must not move the selection beyond what a new list needs.

use super::action::Effect;
use super::group::Grouping;
use super::model::{Answered, Mode, Model, all_documents};
use super::query::QueryInput;
use crate::search::{self, Hit, Ranked, SortBy};
use std::sync::Arc;

impl Model {
    /// Apply an edit to whichever input is being typed.
    pub(super) fn edit_input(&mut self, edit: impl FnOnce(&mut QueryInput)) -> Option<Effect> {
        match self.mode {
            Mode::Filter => {
                let mut query = self.query.clone();
                edit(&mut query);
                self.set_query(query)
            }
            Mode::Find => {
                edit(&mut self.find);
                self.refresh_find();
                None
            }
            Mode::Browse | Mode::Help => None,
        }
    }

    pub(super) fn cancel_input(&mut self) -> Option<Effect> {
        let mode = std::mem::replace(&mut self.mode, Mode::Browse);
        match mode {
            Mode::Filter => self.set_query(QueryInput::default()),
            Mode::Find => {
                self.find = QueryInput::default();
                None
            }
            Mode::Browse | Mode::Help => None,
        }
    }

    /// Place the new find's matches now (not at the end of update) so the reader can move to
    /// the first one while the user types, as `less` does.
    fn refresh_find(&mut self) {
        self.update(super::Action::Resize(self.size.width, self.size.height));
        self.show_first_find_match();
    }

    /// A new query: an empty one lists everything at once, others go to the search worker.
    pub(super) fn set_query(&mut self, query: QueryInput) -> Option<Effect> {
        if query == self.query {
            return None;
        }
        let last = self.query.generation();
        self.query = query;
        self.query_hints = search::query_hints(self.query.text());
        let generation = self.query.follow(last);
        if self.query.is_blank() {
            // No ranking behind the full list: no snippets, no highlights in the article.
            self.snippets.replace(generation, None);
            self.answered = Answered::No;
            self.show_all();
            return None;
        }
        Some(Effect::Search {
            generation,
            query: self.query.text().to_string(),
            rows: self.screen_rows(),
        })
    }

    /// Ask again for the current query's results (after the corpus changed).
    pub(super) fn rerun_query(&mut self) -> Option<Effect> {
        if self.query.is_blank() {
            return None;
        }
        let last = self.query.generation();
        let generation = self.query.follow(last);
        Some(Effect::Search {
            generation,
            query: self.query.text().to_string(),
            rows: self.screen_rows(),
        })
    }

    pub(super) fn search_done(
        &mut self,
        generation: u64,
        hits: Vec<Hit>,
        snippets: Option<Arc<Ranked>>,
        partial: Option<usize>,
    ) {
        // Results of a query the user has typed past are dropped, never shown.
        if generation == self.query.generation() && !self.query.is_blank() {
            // A fuller answer to the same query (more articles searched) must not move the
            // user off an article they went to; at the top, its best match replaces the last.
            let fuller =
                matches!(self.answered, Answered::Query { generation: g, .. } if g == generation);
            let total = snippets.as_ref().map(|ranked| ranked.match_total());
            self.snippets.replace(generation, snippets);
            self.answered = Answered::Query {
                generation,
                first: partial,
            };
            if self.mode == Mode::Filter && !(fuller && self.selected > 0) {
                // While typing, the best match goes under the cursor, as fzf does.
                self.list_counted(hits, total);
                self.set_selection(0);
            } else {
                // Results arriving after the user moved on must not take their article away.
                let current = self.current().map(|(doc, _)| doc);
                self.list_counted(hits, total);
                self.keep_selected(current);
            }
        }
    }

    /// Every article, keeping the same one selected (leaving a filter returns to the full
    /// list on the article the filter found). No query, so nothing matched: summing the
    /// rows' counts, all nought, was a third of going back to a million rows.
    pub(super) fn show_all(&mut self) {
        let current = self.current().map(|(doc, _)| doc);
        self.list_every();
        self.keep_selected(current);
    }

    /// The list becomes every article, in the chosen sort and grouping.
    pub(super) fn list_every(&mut self) {
        let every = self.every_row();
        self.list_counted(every, Some(0));
        // Sorted or grouped, the list is a copy: the rows in corpus order are `ranked`.
        self.showing_every = self.ranked.is_none();
    }

    /// A row per article in corpus order: those kept from the last time the full list was
    /// shown while they still stand for every article (a row is the same for the same
    /// number of articles), else made anew. At a million articles, making them (32 MB,
    /// fresh memory each time) was most of the echo of an Esc back to the full list.
    fn every_row(&mut self) -> Vec<Hit> {
        let kept = if std::mem::take(&mut self.showing_every) {
            std::mem::take(&mut self.results)
        } else {
            std::mem::take(&mut self.every)
        };
        if kept.len() == self.corpus.docs.len() {
            kept
        } else {
            all_documents(&self.corpus)
        }
    }

    pub(super) fn cycle_sort(&mut self) {
        self.sort = match self.sort {
            SortBy::Relevance => SortBy::Date,
            SortBy::Date => SortBy::Title,
            SortBy::Title => SortBy::Relevance,
        };
        self.rearrange();
        self.message = Some(format!("sorted by {}", sort_name(self.sort)));
    }

    pub(super) fn cycle_group(&mut self) {
        self.group = self.group.next();
        self.rearrange();
        self.message = Some(format!("grouped by {}", self.group.name()));
    }

    /// The list for `ranking` in the chosen sort, each group together. In ranking order the
    /// list is the ranking itself, not a copy: on 100 000 rows a copy is most of what going
    /// back to the full list costs.
    fn arrange(&mut self, ranking: Vec<Hit>) -> Vec<Hit> {
        if self.sort == SortBy::Relevance && self.group == Grouping::None {
            self.ranked = None;
            return ranking;
        }
        let mut sorted = ranking.clone();
        search::sort_hits(&mut sorted, &self.corpus, self.sort);
        self.group.apply(&mut sorted, &self.corpus);
        self.ranked = Some(ranking);
        sorted
    }

    /// The same results in the sort and grouping just chosen, on the same article.
    fn rearrange(&mut self) {
        let current = self.current().map(|(doc, _)| doc);
        let ranking = match self.ranked.take() {
            Some(ranking) => ranking,
            // None: the list is in ranking order.
            None => self.results.clone(),
        };
        self.replace_results_keeping(ranking, current);
    }

    fn replace_results_keeping(&mut self, ranking: Vec<Hit>, doc: Option<usize>) {
        self.list_ranking(ranking);
        self.keep_selected(doc);
    }

    /// Select `doc` again when the list still holds it, else the first entry. In corpus
    /// order (every article, unsorted) it is at its own number: looked at there first, a
    /// scan of a million rows saved.
    pub(super) fn keep_selected(&mut self, doc: Option<usize>) {
        let at = |doc: usize| {
            let own = self.results.get(doc).filter(|h| h.doc == doc).map(|_| doc);
            own.or_else(|| self.results.iter().position(|h| h.doc == doc))
        };
        let keep = doc.and_then(at);
        self.set_selection(keep.unwrap_or(0));
    }

    /// Entries a first screen of results shows, counting the one cut at the bottom: what a
    /// search's answer brings the details of (the list asks for others as it scrolls).
    fn screen_rows(&self) -> usize {
        self.list_capacity() + 1
    }

    /// The list becomes `ranking` as the chosen sort and grouping show it; what is derived
    /// from the list follows.
    pub(super) fn list_ranking(&mut self, ranking: Vec<Hit>) {
        self.list_counted(ranking, None);
    }

    /// [`Model::list_ranking`], with the sum of the ranking's match counts when the worker
    /// gave it (see `Ranked::match_total`): summing a hundred thousand entries again here
    /// was a third of the UI thread's work per answer.
    fn list_counted(&mut self, ranking: Vec<Hit>, total: Option<usize>) {
        let list = self.arrange(ranking);
        self.match_total = total.unwrap_or_else(|| list.iter().map(|h| h.matches).sum());
        let before = std::mem::replace(&mut self.results, list);
        if std::mem::take(&mut self.showing_every) {
            self.every = before;
        }
        self.results_version += 1;
    }

    fn set_selection(&mut self, select: usize) {
        let before = self.current().map(|(doc, _)| doc);
        self.selected = select.min(self.results.len().saturating_sub(1));
        if self.current().map(|(doc, _)| doc) != before {
            self.scroll = 0;
            self.sidebar_scroll = 0;
        }
    }
}

pub fn sort_name(sort: SortBy) -> &'static str {
    match sort {
        SortBy::Relevance => "relevance",
        SortBy::Date => "date",
        SortBy::Title => "title",
    }
}
