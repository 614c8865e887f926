//! The query engine: folding, vocabulary index, query parsing, matching and ranking.
//! Must not touch the terminal or the app model.

pub mod engine;
pub mod fold;
pub mod index;

pub use engine::{Hit, run};
pub use index::Index;
