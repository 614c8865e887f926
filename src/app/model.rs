//! The Model: everything the screen shows, and `update`, the only thing that changes it.
//! Must not do I/O or touch the terminal: I/O is asked for by returning an Effect.
//! Movement lives in `navigate.rs`, typing a filter or a find in `typing.rs`, derived state
//! (wrapping, matches, card, timeline) in `derived.rs`.

use super::action::{Action, Command, Effect};
use super::card::CardLine;
use super::group::Grouping;
use super::keymap::{Context, Key, Keymap};
use super::layout::{self, Pane, Screen, SidebarPref};
use super::layouts::ReadingCache;
use super::matches::ArticleMatches;
use super::query::QueryInput;
use super::reading::ReadLine;
use super::redraw::Redraw;
use super::snippets::ListSnippets;
use super::timeline::{Timeline, timeline};
use crate::corpus::{Corpus, Document};
use crate::search::{Hit, Index, SortBy};
use ratatui::layout::Rect;
use std::sync::Arc;

/// What keys are doing right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Browse,
    /// Typing the filter query for the list.
    Filter,
    /// Typing a find in the open article.
    Find,
    Help,
}

/// How far the corpus is from being searchable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loading {
    /// Files read of those found (`total` 0 while the folders are walked).
    Reading {
        done: usize,
        total: usize,
    },
    Indexing {
        done: usize,
        total: usize,
    },
    Ready,
}

/// Where the look at the files behind a corpus served from the index cache is (the corpus
/// shown is what the cache held until it is over).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checking {
    /// Every file and the cached texts are being looked at.
    Files,
    /// Files changed: `done` of the `total` to read again are read; then the corpus is
    /// indexed again, and takes the place of the one shown.
    Rereading { done: usize, total: usize },
    /// A first run's cards (names, dates, keywords; see `corpus::cards`) are being made,
    /// the corpus searchable meanwhile: `done` of `total` steps (two per article).
    Cards { done: usize, total: usize },
}

/// How far the list answers the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Answered {
    /// Not yet: the list shows every article.
    No,
    /// The answer to the query of this generation: over the first `Some(n)` articles read,
    /// while the index of the whole corpus is built, or over all of them.
    Query {
        generation: u64,
        first: Option<usize>,
    },
}

#[derive(Debug)]
pub struct Model {
    pub loading: Loading,
    /// `Some` while the files behind a corpus from the cache are being looked at.
    pub checking: Option<Checking>,
    pub corpus: Arc<Corpus>,
    pub keymap: Arc<Keymap>,
    pub mode: Mode,
    pub focus: Pane,
    pub sidebar: SidebarPref,
    pub size: Rect,
    pub query: QueryInput,
    /// What the in-article find looks for.
    pub find: QueryInput,
    /// Oddities of the query and how they were read, for the status bar.
    pub query_hints: Vec<String>,
    pub sort: SortBy,
    pub group: Grouping,
    /// The list as filtered and sorted: documents shown, with highlights and snippets.
    pub results: Vec<Hit>,
    /// Matches over all of `results`, kept up to date as rows get their counts, so the
    /// status bar does not add up 100 000 rows on every frame.
    pub match_total: usize,
    /// Index into `results`.
    pub selected: usize,
    /// First result shown in the list pane.
    pub list_offset: usize,
    /// First line of the article shown in the reader.
    pub scroll: usize,
    pub sidebar_scroll: usize,
    pub help_scroll: usize,
    /// A one-off message for the status bar (warnings, hints), cleared by the next command.
    pub message: Option<String>,
    /// Matches of the find, or else of the query, in the open article.
    pub matches: ArticleMatches,
    /// The open article's card for the sidebar, and the entry Enter would pivot to.
    pub card: Vec<CardLine>,
    pub card_cursor: Option<usize>,
    /// Queries left by pivoting from the card, for Esc to come back to.
    pub(super) pivots: Vec<QueryInput>,
    pub(super) card_key: Option<(usize, Vec<(String, usize)>)>,
    /// Related articles of the open one: costly, so kept while that article stays open.
    pub(super) near: Option<(usize, Vec<usize>)>,
    /// The result set per period, while the timeline is shown in place of the reader.
    pub timeline: Option<Timeline>,
    pub(super) timeline_key: Option<u64>,
    /// Bumped whenever `results` is replaced, so what is derived from it knows to follow.
    pub(super) results_version: u64,
    /// The full list's rows while a filter shows others, kept for the next time it is
    /// shown (see [`Model::show_all`]); empty while it is shown.
    pub(super) every: Vec<Hit>,
    /// `results` are `every`'s rows, in corpus order: to be kept when replaced.
    pub(super) showing_every: bool,
    /// The results in ranking order when `results` shows them in another (a sort or a
    /// grouping); None when `results` is in ranking order, so it is not kept twice.
    pub(super) ranked: Option<Vec<Hit>>,
    /// How far `results` answer the query, rather than list every article.
    pub(super) answered: Answered,
    /// Snippets of the rows the list shows, made as they come into view.
    pub(super) snippets: ListSnippets,
    pub(super) index: Option<Arc<Index>>,
    pub(super) lines: Option<Arc<[ReadLine]>>,
    pub(super) reading: ReadingCache,
    /// What the updates since the last `take_redraw` changed on screen.
    redraw: Redraw,
    quitting: bool,
}

impl Model {
    /// A reader for a corpus already read; its index is still to come (`IndexReady`).
    pub fn new(corpus: Arc<Corpus>, keymap: Arc<Keymap>, size: Rect) -> Model {
        let mut model = Model::loading(keymap, size);
        model.update(Action::Loaded(corpus));
        model
    }

    /// A reader painted before anything is read; `Loaded` brings the corpus.
    pub fn loading(keymap: Arc<Keymap>, size: Rect) -> Model {
        let corpus = Arc::new(Corpus::default());
        let message = None;
        let mut model = Model {
            loading: Loading::Reading { done: 0, total: 0 },
            checking: None,
            corpus,
            keymap,
            mode: Mode::Browse,
            focus: Pane::List,
            sidebar: SidebarPref::Auto,
            size,
            query: QueryInput::default(),
            find: QueryInput::default(),
            query_hints: Vec::new(),
            sort: SortBy::Relevance,
            group: Grouping::None,
            results: Vec::new(),
            match_total: 0,
            selected: 0,
            list_offset: 0,
            scroll: 0,
            sidebar_scroll: 0,
            help_scroll: 0,
            message,
            matches: ArticleMatches::default(),
            card: Vec::new(),
            card_cursor: None,
            pivots: Vec::new(),
            card_key: None,
            near: None,
            timeline: None,
            timeline_key: None,
            results_version: 0,
            every: Vec::new(),
            showing_every: false,
            ranked: None,
            answered: Answered::No,
            snippets: ListSnippets::default(),
            index: None,
            lines: None,
            reading: ReadingCache::default(),
            redraw: Redraw::Screen,
            quitting: false,
        };
        model.settle();
        model
    }

    pub fn quitting(&self) -> bool {
        self.quitting
    }

    /// What changed on screen since the last call; the caller draws if it is not `Nothing`.
    pub fn take_redraw(&mut self) -> Redraw {
        std::mem::take(&mut self.redraw)
    }

    /// The keymap context keys are looked up in now.
    pub fn context(&self) -> Context {
        match (self.mode, self.focus) {
            (Mode::Help, _) => Context::Help,
            (Mode::Filter | Mode::Find, _) => Context::Typing,
            (Mode::Browse, Pane::List) => Context::List,
            (Mode::Browse, Pane::Reader) => Context::Reader,
            (Mode::Browse, Pane::Sidebar) => Context::Sidebar,
        }
    }

    /// Turn a key into an action through the keymap; unbound keys type into the input.
    pub fn action_for_key(&self, key: Key) -> Option<Action> {
        let context = self.context();
        if let Some(cmd) = self.keymap.lookup(context, key) {
            return Some(Action::Command(cmd));
        }
        match context {
            Context::Typing => key.typed_char().map(Action::Insert),
            _ => None,
        }
    }

    pub fn screen(&self) -> Screen {
        layout::screen(self.size, self.sidebar, self.focus)
    }

    /// The document under the cursor, if the list is not empty.
    pub fn current(&self) -> Option<(usize, &Document)> {
        let hit = self.results.get(self.selected)?;
        Some((hit.doc, self.corpus.docs.get(hit.doc)?))
    }

    /// The current article's wrapped lines for the reader's width.
    pub fn lines(&self) -> &[ReadLine] {
        self.lines.as_deref().unwrap_or(&[])
    }

    /// Lines the reader shows at once.
    pub fn reader_height(&self) -> usize {
        self.pane_rect(Pane::Reader)
            .map_or(0, |r| usize::from(layout::reader_text_area(r).height))
    }

    /// Whether work goes on in the background that an [`Action::Idle`] would take in: the
    /// loop then wakes up soon even if nothing else happens.
    pub fn busy(&self) -> bool {
        self.reading.busy()
    }

    pub fn max_scroll(&self) -> usize {
        self.lines().len().saturating_sub(self.reader_height())
    }

    /// Rows a list entry takes: title and date/source, plus a snippet while filtering.
    pub fn list_item_height(&self) -> u16 {
        if self.lists_matches() { 3 } else { 2 }
    }

    /// Whether the list shows a query's results, with their counts and snippets: not while
    /// a query typed during loading waits for the index and its first answer, and the list
    /// is everything.
    pub fn lists_matches(&self) -> bool {
        !self.query.is_blank() && self.answered != Answered::No
    }

    /// `Some(n)` when the list answers the query over the first `n` articles only: the
    /// index of the others is still being built.
    pub fn searched_first(&self) -> Option<usize> {
        match self.answered {
            Answered::Query { first, .. } if !self.query.is_blank() => first,
            _ => None,
        }
    }

    /// Entries the list shows at once.
    pub fn list_capacity(&self) -> usize {
        // With groups, any entry may carry a header row: count it so the window the model
        // keeps is one the list can really show.
        let header = u16::from(self.group != Grouping::None);
        self.pane_rect(Pane::List).map_or(1, |r| {
            usize::from((layout::inner(r).height / (self.list_item_height() + header)).max(1))
        })
    }

    /// The rect a pane has or would have when focused: update needs sizes of hidden panes
    /// too, so that a narrow screen wraps the reader for the width it will get.
    pub(super) fn pane_rect(&self, pane: Pane) -> Option<Rect> {
        match layout::screen(self.size, self.sidebar, pane) {
            Screen::Panes(p) => p.rect(pane),
            Screen::TooSmall => None,
        }
    }

    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let redraw = self.redraw_for(&action);
        let results_version = self.results_version;
        let laid_out = self.lines().len();
        let effect = match action {
            Action::Idle => None,
            Action::Command(cmd) => {
                self.message = None;
                self.command(cmd)
            }
            Action::Insert(c) => self.edit_input(|q| q.insert(c)),
            Action::Paste(text) => self.edit_input(|q| q.paste(&text)),
            Action::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
                None
            }
            Action::SearchDone {
                generation,
                hits,
                snippets,
                partial,
            } => {
                self.search_done(generation, hits, snippets, partial);
                None
            }
            Action::Arrived(docs) => {
                self.arrived(docs);
                None
            }
            Action::Loaded(corpus) => self.loaded(corpus),
            Action::Indexing { done, total } => {
                if self.loading != Loading::Ready {
                    self.loading = Loading::Indexing { done, total };
                }
                None
            }
            Action::Reading { done, total } => {
                // Reports come from several threads: the count never goes back.
                if let Loading::Reading { done: was, .. } = self.loading {
                    self.loading = Loading::Reading {
                        done: done.max(was),
                        total,
                    };
                }
                None
            }
            Action::Checking(checking) => {
                self.checking = checking;
                None
            }
            Action::Carded(corpus) => self.carded(corpus),
            Action::IndexReady(index) => {
                self.index = Some(index);
                // The card was made without related articles; make it again with them.
                self.card_key = None;
                self.near = None;
                self.loading = Loading::Ready;
                None
            }
        };
        self.settle();
        // Results nobody asked for any more are dropped: only a new list is worth a frame.
        let redraw = match redraw {
            None if self.results_version != results_version => Redraw::Screen,
            None if self.lines().len() != laid_out => Redraw::Screen,
            None => Redraw::Nothing,
            Some(r) => r,
        };
        self.redraw = self.redraw.max(redraw);
        effect
    }

    fn command(&mut self, cmd: Command) -> Option<Effect> {
        use Command::*;
        match cmd {
            Quit => {
                self.quitting = true;
                return Some(Effect::Quit);
            }
            Suspend => return Some(Effect::Suspend),
            Redraw => return Some(Effect::Redraw),
            Help => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
            CloseHelp => self.mode = Mode::Browse,
            Filter => {
                self.mode = Mode::Filter;
                self.focus = Pane::List;
            }
            Find => {
                self.timeline = None;
                self.mode = Mode::Find;
                self.focus = Pane::Reader;
            }
            Accept => self.mode = Mode::Browse,
            Cancel => return self.cancel_input(),
            DeleteChar => return self.edit_input(QueryInput::delete_char),
            DeleteWord => return self.edit_input(QueryInput::delete_word),
            ClearQuery => return self.edit_input(QueryInput::clear),
            CycleSort => self.cycle_sort(),
            CycleGroup => self.cycle_group(),
            Back => return self.back(),
            ToggleSidebar => self.toggle_sidebar(),
            FocusNext | FocusPrev | FocusLeft | FocusRight => self.move_focus(cmd),
            // Reading hides the timeline: it stands where the text goes.
            Open => {
                self.focus = Pane::Reader;
                self.timeline = None;
            }
            NextArticle => {
                self.timeline = None;
                self.select(self.selected.saturating_add(1));
            }
            PrevArticle => {
                self.timeline = None;
                self.select(self.selected.saturating_sub(1));
            }
            NextMatch | PrevMatch => self.jump_to_match(cmd),
            Pivot => return self.pivot(),
            ToggleTimeline => {
                self.timeline = match self.timeline {
                    Some(_) => None,
                    None => Some(timeline(&self.corpus, &self.results)),
                };
                self.timeline_key = None;
            }
            Down | Up | Top | Bottom | HalfPageDown | HalfPageUp | PageDown | PageUp => {
                self.navigate(cmd)
            }
        }
        None
    }
}

/// Every document, in corpus order, unhighlighted: the list with no filter.
pub(super) fn all_documents(corpus: &Corpus) -> Vec<Hit> {
    unranked(0..corpus.docs.len()).collect()
}

/// List rows for documents `docs`, as no query ranks them.
pub(super) fn unranked(docs: std::ops::Range<usize>) -> impl Iterator<Item = Hit> {
    docs.map(Hit::of)
}
