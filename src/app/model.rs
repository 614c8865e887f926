//! The Model: everything the screen shows, and `update`, the only thing that changes it.
//! Must not do I/O or touch the terminal: I/O is asked for by returning an Effect.

use super::action::{Action, Command, Effect};
use super::keymap::{Context, Key, Keymap};
use super::layout::{self, Pane, Screen, SidebarPref};
use super::query::QueryInput;
use super::reading::{self, ReadLine, ReadingCache};
use crate::corpus::{Corpus, Document};
use crate::search::Hit;
use ratatui::layout::Rect;
use std::sync::Arc;

/// What keys are doing right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Browse,
    Filter,
    Help,
}

#[derive(Debug)]
pub struct Model {
    pub corpus: Arc<Corpus>,
    pub keymap: Arc<Keymap>,
    pub mode: Mode,
    pub focus: Pane,
    pub sidebar: SidebarPref,
    pub size: Rect,
    pub query: QueryInput,
    /// The list as filtered: documents shown, best first, with title highlights.
    pub results: Vec<Hit>,
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
    lines: Option<Arc<[ReadLine]>>,
    reading: ReadingCache,
    quitting: bool,
}

/// Rows a list entry takes: its title, then its date and source.
pub const LIST_ITEM_HEIGHT: u16 = 2;

impl Model {
    pub fn new(corpus: Arc<Corpus>, keymap: Arc<Keymap>, size: Rect) -> Model {
        let results = all_documents(&corpus);
        let message = match corpus.warnings.as_slice() {
            [] => None,
            [one] => Some(format!("warning: {one}")),
            [first, rest @ ..] => Some(format!("{} warnings: {first}", rest.len() + 1)),
        };
        let mut model = Model {
            corpus,
            keymap,
            mode: Mode::Browse,
            focus: Pane::List,
            sidebar: SidebarPref::Auto,
            size,
            query: QueryInput::default(),
            results,
            selected: 0,
            list_offset: 0,
            scroll: 0,
            sidebar_scroll: 0,
            help_scroll: 0,
            message,
            lines: None,
            reading: ReadingCache::default(),
            quitting: false,
        };
        model.settle();
        model
    }

    pub fn quitting(&self) -> bool {
        self.quitting
    }

    /// The keymap context keys are looked up in now.
    pub fn context(&self) -> Context {
        match (self.mode, self.focus) {
            (Mode::Help, _) => Context::Help,
            (Mode::Filter, _) => Context::Filter,
            (Mode::Browse, Pane::List) => Context::List,
            (Mode::Browse, Pane::Reader) => Context::Reader,
            (Mode::Browse, Pane::Sidebar) => Context::Sidebar,
        }
    }

    /// Turn a key into an action through the keymap; unbound keys type into the filter.
    pub fn action_for_key(&self, key: Key) -> Option<Action> {
        let context = self.context();
        if let Some(cmd) = self.keymap.lookup(context, key) {
            return Some(Action::Command(cmd));
        }
        match context {
            Context::Filter => key.typed_char().map(Action::Insert),
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

    pub fn max_scroll(&self) -> usize {
        self.lines().len().saturating_sub(self.reader_height())
    }

    /// Entries the list shows at once.
    pub fn list_capacity(&self) -> usize {
        self.pane_rect(Pane::List).map_or(1, |r| {
            usize::from((layout::inner(r).height / LIST_ITEM_HEIGHT).max(1))
        })
    }

    /// The rect a pane has or would have when focused: update needs sizes of hidden panes
    /// too, so that a narrow screen wraps the reader for the width it will get.
    fn pane_rect(&self, pane: Pane) -> Option<Rect> {
        match layout::screen(self.size, self.sidebar, pane) {
            Screen::Panes(p) => p.rect(pane),
            Screen::TooSmall => None,
        }
    }

    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let effect = match action {
            Action::Command(cmd) => {
                self.message = None;
                self.command(cmd)
            }
            Action::Insert(c) => self.edit_query(|q| q.insert(c)),
            Action::Paste(text) => match self.mode {
                Mode::Filter => self.edit_query(|q| q.paste(&text)),
                _ => None,
            },
            Action::Resize(w, h) => {
                self.size = Rect::new(0, 0, w, h);
                None
            }
            Action::SearchDone { generation, hits } => {
                self.search_done(generation, hits);
                None
            }
        };
        self.settle();
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
            FilterAccept => self.mode = Mode::Browse,
            FilterCancel => {
                self.mode = Mode::Browse;
                return self.set_query(QueryInput::default());
            }
            DeleteChar => return self.edit_query(QueryInput::delete_char),
            DeleteWord => return self.edit_query(QueryInput::delete_word),
            ClearQuery => return self.edit_query(QueryInput::clear),
            Back => return self.back(),
            ToggleSidebar => {
                let shown = matches!(self.screen(), Screen::Panes(p) if p.sidebar.is_some());
                self.sidebar = if shown {
                    SidebarPref::Hidden
                } else {
                    SidebarPref::Shown
                };
                if shown && self.focus == Pane::Sidebar {
                    self.focus = Pane::Reader;
                }
            }
            FocusNext | FocusPrev | FocusLeft | FocusRight => self.move_focus(cmd),
            Open => self.focus = Pane::Reader,
            NextArticle => self.select(self.selected.saturating_add(1)),
            PrevArticle => self.select(self.selected.saturating_sub(1)),
            Down | Up | Top | Bottom | HalfPageDown | HalfPageUp | PageDown | PageUp => {
                self.navigate(cmd)
            }
        }
        None
    }

    fn back(&mut self) -> Option<Effect> {
        match self.mode {
            Mode::Help | Mode::Filter => self.mode = Mode::Browse,
            Mode::Browse if self.focus != Pane::List => self.focus = Pane::List,
            Mode::Browse if !self.query.is_empty() => {
                return self.set_query(QueryInput::default());
            }
            Mode::Browse => {}
        }
        None
    }

    fn move_focus(&mut self, cmd: Command) {
        // On a narrow screen only the focused pane is visible; cycling goes through all three.
        let order: Vec<Pane> = match self.screen() {
            Screen::Panes(p) if !p.single() => p.visible(),
            _ if self.sidebar == SidebarPref::Hidden => vec![Pane::List, Pane::Reader],
            _ => Pane::ALL.to_vec(),
        };
        let Some(at) = order.iter().position(|&p| p == self.focus) else {
            self.focus = Pane::List;
            return;
        };
        let last = order.len() - 1;
        let to = match cmd {
            Command::FocusNext => (at + 1) % order.len(),
            Command::FocusPrev => (at + last) % order.len(),
            Command::FocusRight => (at + 1).min(last),
            _ => at.saturating_sub(1),
        };
        self.focus = order[to];
    }

    /// Movement keys: the list moves its selection, the reader and sidebar scroll.
    fn navigate(&mut self, cmd: Command) {
        let page = match (self.mode, self.focus) {
            (Mode::Help, _) => usize::from(self.size.height.saturating_sub(4)),
            (Mode::Filter, _) | (_, Pane::List) => self.list_capacity(),
            _ => self.reader_height(),
        }
        .max(1);
        let apply = |at: usize, max: usize| -> usize {
            use Command::*;
            match cmd {
                Down => at.saturating_add(1),
                Up => at.saturating_sub(1),
                Top => 0,
                Bottom => max,
                HalfPageDown => at.saturating_add(page.div_ceil(2)),
                HalfPageUp => at.saturating_sub(page.div_ceil(2)),
                PageDown => at.saturating_add(page),
                _ => at.saturating_sub(page),
            }
            .min(max)
        };
        match (self.mode, self.focus) {
            (Mode::Help, _) => {
                let max = self.keymap.help_line_count().saturating_sub(page);
                self.help_scroll = apply(self.help_scroll, max);
            }
            (Mode::Filter, _) | (_, Pane::List) => {
                let last = self.results.len().saturating_sub(1);
                self.select(apply(self.selected, last));
            }
            (_, Pane::Reader) => self.scroll = apply(self.scroll, self.max_scroll()),
            (_, Pane::Sidebar) => self.sidebar_scroll = apply(self.sidebar_scroll, 200),
        }
    }

    fn select(&mut self, index: usize) {
        let index = index.min(self.results.len().saturating_sub(1));
        if index != self.selected {
            self.selected = index;
            self.scroll = 0;
            self.sidebar_scroll = 0;
        }
    }

    fn edit_query(&mut self, edit: impl FnOnce(&mut QueryInput)) -> Option<Effect> {
        let mut query = self.query.clone();
        edit(&mut query);
        self.set_query(query)
    }

    /// A new query: an empty one lists everything at once, others go to the search worker.
    fn set_query(&mut self, query: QueryInput) -> Option<Effect> {
        if query == self.query {
            return None;
        }
        self.query = query;
        let generation = self.query.next_generation();
        if self.query.is_blank() {
            self.show_results(all_documents(&self.corpus));
            return None;
        }
        Some(Effect::Search {
            generation,
            query: self.query.text().to_string(),
        })
    }

    fn search_done(&mut self, generation: u64, hits: Vec<Hit>) {
        // Results of a query the user has typed past are dropped, never shown.
        if generation == self.query.generation() && !self.query.is_blank() {
            // A new query puts its best match under the cursor, as fzf does.
            self.replace_results(hits, 0);
        }
    }

    /// Replace the list, keeping the same article selected when it is still there (leaving
    /// a filter returns to the full list on the article the filter found).
    fn show_results(&mut self, hits: Vec<Hit>) {
        let current = self.results.get(self.selected).map(|h| h.doc);
        let keep = current.and_then(|doc| hits.iter().position(|h| h.doc == doc));
        self.replace_results(hits, keep.unwrap_or(0));
    }

    fn replace_results(&mut self, hits: Vec<Hit>, select: usize) {
        let before = self.current().map(|(doc, _)| doc);
        self.results = hits;
        self.selected = select.min(self.results.len().saturating_sub(1));
        if self.current().map(|(doc, _)| doc) != before {
            self.scroll = 0;
            self.sidebar_scroll = 0;
        }
    }

    /// Derived state after any change: wrapped lines for the current width, clamped scrolls,
    /// a list window that shows the selection.
    fn settle(&mut self) {
        self.selected = self.selected.min(self.results.len().saturating_sub(1));
        let current = self.current().map(|(index, _)| index);
        self.lines = match (current, self.pane_rect(Pane::Reader)) {
            (Some(index), Some(rect)) => {
                let width = reading::text_width(layout::reader_text_area(rect).width);
                let corpus = Arc::clone(&self.corpus);
                Some(self.reading.ensure(index, &corpus.docs[index], width))
            }
            _ => None,
        };
        self.scroll = self.scroll.min(self.max_scroll());
        let capacity = self.list_capacity();
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + capacity {
            self.list_offset = self.selected + 1 - capacity;
        }
        let max_offset = self.results.len().saturating_sub(capacity);
        self.list_offset = self.list_offset.min(max_offset);
    }
}

/// Every document, in corpus order, unhighlighted: the list with no filter.
fn all_documents(corpus: &Corpus) -> Vec<Hit> {
    (0..corpus.docs.len())
        .map(|doc| Hit {
            doc,
            ..Hit::default()
        })
        .collect()
}
