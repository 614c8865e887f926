//! The headless front ends: `veille search` and `veille meta` over the same library the
//! reader uses, writing plain text or JSON lines. Must not touch the terminal beyond
//! writing to the output they are given.

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
