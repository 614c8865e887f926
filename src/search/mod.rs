//! The query engine: folding, tokenising, vocabulary index, query syntax, matching, ranking.
//! Must not touch the terminal or the app model.

pub mod engine;
pub mod fold;
pub mod index;
pub mod matching;
pub mod phrase;
pub mod query;
pub mod score;
pub mod tokens;

pub use engine::{Hit, run, run_with_cancel};
pub use fold::{Folded, fold, fold_str};
pub use index::Index;
pub use query::Query;
