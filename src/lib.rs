//! veille as a library: corpus loading, search, the app model and the terminal front end.
//! Every front end (the TUI, headless commands, tests) goes through these modules.

pub mod app;
pub mod cache;
pub mod corpus;
pub mod headless;
pub mod input;
pub mod memory;
pub mod search;
pub mod tui;
