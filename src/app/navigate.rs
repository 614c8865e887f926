//! Movement: selection in the list, scrolling the reader, sidebar and help, focus between
//! panes, and jumps to matches. Must not edit queries or run searches.

use super::action::{Command, Effect};
use super::layout::{Pane, Screen, SidebarPref};
use super::model::{Mode, Model};
use super::query::QueryInput;

impl Model {
    pub(super) fn back(&mut self) -> Option<Effect> {
        match self.mode {
            Mode::Help | Mode::Filter | Mode::Find => self.mode = Mode::Browse,
            Mode::Browse if !self.find.is_empty() => self.find = QueryInput::default(),
            Mode::Browse if self.focus != Pane::List => self.focus = Pane::List,
            Mode::Browse if !self.pivots.is_empty() => {
                let previous = self.pivots.pop().unwrap_or_default();
                return self.set_query(previous);
            }
            Mode::Browse if !self.query.is_empty() => {
                return self.set_query(QueryInput::default());
            }
            Mode::Browse => {}
        }
        None
    }

    pub(super) fn toggle_sidebar(&mut self) {
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

    pub(super) fn move_focus(&mut self, cmd: Command) {
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
    pub(super) fn navigate(&mut self, cmd: Command) {
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
            (_, Pane::Reader) => {
                if cmd == Command::Bottom && self.reading.busy() {
                    // The end of a long article is where its whole layout ends, not its preview's.
                    self.reading.finish(&self.corpus);
                    self.settle();
                }
                self.scroll = apply(self.scroll, self.max_scroll());
            }
            (_, Pane::Sidebar) => self.move_in_card(cmd, page),
        }
    }

    /// In the sidebar, line moves go from entry to entry (names, keywords, related);
    /// page moves scroll.
    fn move_in_card(&mut self, cmd: Command, page: usize) {
        let entries: Vec<usize> = (0..self.card.len())
            .filter(|&i| self.card[i].pivot().is_some())
            .collect();
        let at = self
            .card_cursor
            .and_then(|c| entries.iter().position(|&e| e == c));
        let to = match (cmd, at) {
            (Command::Down, None) | (Command::Top, _) => entries.first().copied(),
            (Command::Down, Some(i)) => entries.get(i + 1).or(entries.last()).copied(),
            (Command::Up, Some(i)) => entries.get(i.saturating_sub(1)).copied(),
            (Command::Bottom, _) => entries.last().copied(),
            (Command::Up, None) => None,
            // Paging scrolls the card; the cursor lets go, or the view would snap back to it.
            (Command::PageDown | Command::HalfPageDown, _) => {
                let step = if cmd == Command::PageDown {
                    page
                } else {
                    page.div_ceil(2)
                };
                self.sidebar_scroll = self
                    .sidebar_scroll
                    .saturating_add(step)
                    .min(self.card.len());
                self.card_cursor = None;
                return;
            }
            _ => {
                let step = if cmd == Command::PageUp {
                    page
                } else {
                    page.div_ceil(2)
                };
                self.sidebar_scroll = self.sidebar_scroll.saturating_sub(step);
                self.card_cursor = None;
                return;
            }
        };
        self.card_cursor = to;
    }

    /// Enter on a card entry: filter by the name or keyword (Esc comes back), or open the
    /// related article.
    pub(super) fn pivot(&mut self) -> Option<Effect> {
        use super::card::Pivot;
        let pivot = self
            .card_cursor
            .and_then(|c| self.card.get(c)?.pivot().cloned());
        match pivot {
            Some(Pivot::Search(query)) => {
                self.pivots.push(self.query.clone());
                let mut input = self.query.clone();
                input.clear();
                query.chars().for_each(|c| input.insert(c));
                self.focus = Pane::List;
                self.set_query(input)
            }
            Some(Pivot::Open(doc)) => {
                if !self.results.iter().any(|h| h.doc == doc) {
                    self.pivots.push(self.query.clone());
                    let effect = self.set_query(QueryInput::default());
                    debug_assert!(effect.is_none(), "an empty query needs no search");
                }
                if let Some(at) = self.results.iter().position(|h| h.doc == doc) {
                    self.select(at);
                }
                self.focus = Pane::Reader;
                None
            }
            None => None,
        }
    }

    pub(super) fn select(&mut self, index: usize) {
        let index = index.min(self.results.len().saturating_sub(1));
        if index != self.selected {
            self.selected = index;
            self.scroll = 0;
            self.sidebar_scroll = 0;
        }
    }

    /// `n`/`N`: the next or previous match in the article, scrolled into view a third of the
    /// way down so the lines around it can be read.
    pub(super) fn jump_to_match(&mut self, cmd: Command) {
        let line = if cmd == Command::NextMatch {
            self.matches.next(self.scroll)
        } else {
            self.matches.prev(self.scroll + self.reader_height())
        };
        let Some(line) = line else {
            self.message = Some("no match in this article".into());
            return;
        };
        let height = self.reader_height();
        if line < self.scroll || line >= self.scroll + height {
            self.scroll = line.saturating_sub(height / 3);
        }
    }

    /// After the find changed: show its first match from where the reader is.
    pub(super) fn show_first_find_match(&mut self) {
        self.matches.current = None;
        if let Some(line) = self.matches.next(self.scroll) {
            let height = self.reader_height();
            if line < self.scroll || line >= self.scroll + height {
                self.scroll = line.saturating_sub(height / 3);
            }
        }
    }
}
