//! The query engine: folding, tokenising, vocabulary index, query syntax, matching, ranking.
//! Must not touch the terminal or the app model.

pub mod engine;
pub mod fields;
pub mod fold;
pub mod halves;
pub mod index;
pub mod locate;
pub mod matching;
pub mod phrase;
pub mod positional;
pub mod query;
pub mod related;
pub mod score;
pub mod snippet;
pub mod sort;
pub mod targets;
pub mod tokens;

pub use engine::{Detail, Hit, Ranked, Snippet, rank, run, run_with_cancel};
pub use fold::{Folded, fold, fold_str};
pub use index::Index;
pub use locate::{DocMatches, find_text, locate};
pub use query::{Query, query_hints};
pub use sort::{SortBy, sort_hits};
