//! Vocabulary and postings, built once per corpus. Must not parse queries.

use crate::corpus::Corpus;

#[derive(Debug, Default)]
pub struct Index {}

impl Index {
    pub fn build(corpus: &Corpus) -> Index {
        let _ = corpus;
        todo!("search helper")
    }
}
