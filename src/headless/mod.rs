//! The headless front ends: `veille search`, `veille meta` and `veille bench` over the same
//! library the reader uses, writing plain text or JSON. Must not touch the terminal beyond
//! writing to the output they are given.

pub mod bench;
pub mod meta;
pub mod search;

pub use search::{SearchRequest, search, search_with};

/// How a headless command prints its records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people (and `cut`/`grep`): see each command for its shape.
    Plain,
    /// One JSON object per line.
    JsonLines,
}
