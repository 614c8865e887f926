//! Every user intent, named (Command), every input the model reacts to (Action), and the I/O
//! the model asks the shell to perform (Effect). Must not decide what an action does.

use super::model::Checking;
use crate::corpus::{Corpus, Document};
use crate::search::{Hit, Index, Ranked};
use std::sync::Arc;

macro_rules! commands {
    ($($variant:ident => $name:literal, $doc:literal;)*) => {
        /// A named intent that keys can be bound to in the keymap.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Command { $($variant),* }

        impl Command {
            pub const ALL: &'static [Command] = &[$(Command::$variant),*];

            /// The name used in the keymap file.
            pub fn name(self) -> &'static str {
                match self { $(Command::$variant => $name),* }
            }

            /// One line for the help screen.
            pub fn describe(self) -> &'static str {
                match self { $(Command::$variant => $doc),* }
            }

            pub fn from_name(name: &str) -> Option<Command> {
                match name { $($name => Some(Command::$variant),)* _ => None }
            }
        }
    };
}

commands! {
    Quit => "quit", "Quit veille";
    Help => "help", "Show this help";
    CloseHelp => "close_help", "Close the help";
    FocusNext => "focus_next", "Focus the next pane";
    FocusPrev => "focus_prev", "Focus the previous pane";
    FocusLeft => "focus_left", "Focus the pane on the left";
    FocusRight => "focus_right", "Focus the pane on the right";
    Filter => "filter", "Filter the articles (fuzzy, accents and case ignored)";
    Back => "back", "Back: leave the reader, or clear the filter";
    ToggleSidebar => "toggle_sidebar", "Show or hide the metadata sidebar";
    Suspend => "suspend", "Suspend to the shell (fg to come back)";
    Redraw => "redraw", "Redraw the screen";
    Down => "down", "Next article / scroll down a line";
    Up => "up", "Previous article / scroll up a line";
    Top => "top", "First article / top of the text";
    Bottom => "bottom", "Last article / end of the text";
    HalfPageDown => "half_page_down", "Down half a page";
    HalfPageUp => "half_page_up", "Up half a page";
    PageDown => "page_down", "Down a page";
    PageUp => "page_up", "Up a page";
    Open => "open", "Read the selected article";
    NextArticle => "next_article", "Read the next article";
    PrevArticle => "prev_article", "Read the previous article";
    Find => "find", "Find in the open article (accents and case ignored)";
    NextMatch => "next_match", "Go to the next match in the article";
    PrevMatch => "prev_match", "Go to the previous match in the article";
    CycleSort => "cycle_sort", "Sort by relevance, date, then title";
    CycleGroup => "cycle_group", "Group the list by source, by year, or not";
    ToggleTimeline => "timeline", "Show or hide the timeline of the listed articles";
    Pivot => "pivot", "Filter by the selected name or keyword, or open the related article";
    Accept => "accept", "Keep what was typed and go back";
    Cancel => "cancel", "Clear what was typed and go back";
    DeleteChar => "delete_char", "Delete the last character typed";
    DeleteWord => "delete_word", "Delete the last word typed";
    ClearQuery => "clear_query", "Clear everything typed";
}

/// Everything `Model::update` reacts to.
#[derive(Debug, Clone)]
pub enum Action {
    Command(Command),
    /// A character typed into the filter.
    Insert(char),
    /// Pasted text (bracketed paste), capped and sanitised by the model.
    Paste(String),
    /// The terminal's new size, in cells.
    Resize(u16, u16),
    /// Nothing happened for a moment while the model was busy (see `Model::busy`): work
    /// finished in the background, such as a long article's layout, is taken in.
    Idle,
    /// Results of the query with this generation number, from the search worker.
    SearchDone {
        generation: u64,
        hits: Vec<Hit>,
        /// Makes the snippets `hits` lack, for rows scrolled to later.
        snippets: Option<Arc<Ranked>>,
        /// `Some(n)`: only the first `n` articles were searched (the index is still being
        /// built); the whole answer comes later with the same generation.
        partial: Option<usize>,
    },
    /// The next documents of the corpus being read, in order: the list grows with them.
    /// They lack keywords, which `Loaded` brings.
    Arrived(Vec<Document>),
    /// The corpus is read: it replaces the one the reader started with (empty, or what
    /// `Arrived` gave, numbered alike).
    Loaded(Arc<Corpus>),
    /// Loading progress, in files read of those found.
    Reading {
        done: usize,
        total: usize,
    },
    /// Index build progress, in documents.
    Indexing {
        done: usize,
        total: usize,
    },
    /// The index is built: matches can be located in the open article.
    IndexReady(Arc<Index>),
    /// The look at the files behind a corpus from the cache, or the making of cards put
    /// off, moved on; `None` once over.
    Checking(Option<Checking>),
    /// The corpus shown, with its cards and keywords made: the same documents in the same
    /// order, so the list, its answer and the open article stay as they are.
    Carded(Arc<Corpus>),
}

impl From<Command> for Action {
    fn from(c: Command) -> Self {
        Action::Command(c)
    }
}

/// I/O the model asks for; the shell (TUI loop or a test driver) performs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Clear and repaint the whole screen.
    Redraw,
    /// Run this query; answer with `Action::SearchDone` carrying the same generation.
    Search {
        generation: u64,
        query: String,
        /// Entries of the list on one screen: the answer brings their details.
        rows: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_name_round_trips() {
        for &c in Command::ALL {
            assert_eq!(Command::from_name(c.name()), Some(c));
            assert!(!c.describe().is_empty());
        }
        assert_eq!(Command::from_name("no_such_command"), None);
    }
}
