//! State and behaviour: the Model and its `update`, actions, the keymap, the query being
//! typed, pane geometry and wrapped reading lines. No I/O, no terminal.

pub mod action;
pub mod card;
mod derived;
pub mod group;
pub mod keymap;
pub mod layout;
pub mod layouts;
pub mod matches;
pub mod model;
mod navigate;
pub mod query;
pub mod reading;
mod redraw;
pub mod snippets;
pub mod timeline;
pub mod typing;

pub use action::{Action, Command, Effect};
pub use keymap::{Context, Key, KeyCode, Keymap};
pub use model::{Mode, Model};
pub use redraw::Redraw;
