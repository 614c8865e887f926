//! Vocabulary and postings, built once per corpus and shared read-only across threads.
//! Must not parse queries or rank documents.

use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::atomic::AtomicBool;

mod build;
mod positions;
mod serial;
use super::related::Related;
use crate::corpus::Corpus;
pub use positions::{Positions, decode_positions, first_position};

/// Position of a term in the sorted vocabulary.
pub type TermId = u32;

/// One document containing a term, with how often it occurs per field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posting {
    /// Index into `corpus.docs`.
    pub doc: u32,
    /// Occurrences in the title and the source, the short fields that say what a text is.
    /// u16, saturating: 8 bytes a posting instead of 12, on the largest structure we keep.
    pub title_tf: u16,
    pub body_tf: u16,
}

/// A word of a title, kept so highlights need no re-tokenising per keystroke.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TitleWord {
    pub term: TermId,
    /// For each char of the term, the char index in the original title.
    pub origin: Vec<usize>,
}

/// Words per field of one document, for BM25 length normalisation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldLens {
    pub title: u32,
    pub body: u32,
}

/// Inverted index over folded words. Immutable once built, so `Arc<Index>` can be shared
/// between the UI thread and query workers without locks. Serialisable, so the index cache
/// can keep a built one; what is read back is only used through the same bounds-checked
/// accessors.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Index {
    /// Sorted and unique, so exact and prefix lookups are binary searches.
    terms: Vec<String>,
    /// Parallel to `terms`; each list sorted by document.
    postings: Vec<Vec<Posting>>,
    lens: Vec<FieldLens>,
    avg: (f32, f32),
    titles: Vec<Vec<TitleWord>>,
    /// Parallel to `postings`: per term, for each of its postings in order, the word
    /// positions of the term in that document (see [`Positions`]), so a phrase is checked
    /// without re-reading documents. One byte buffer per term, not a `Vec` per posting: a
    /// `Vec` header alone would cost more than most documents' positions.
    #[serde(with = "serial::byte_lists")]
    positions: Vec<Vec<u8>>,
    /// Per document, the position of its first body word: positions before it are in the
    /// title or the source, for `title:"a phrase"`.
    body_start: Vec<u32>,
    /// Keyword and name features per document, for related articles.
    related: Related,
}

/// Word positions are counted over the words a reader sees (glued compounds have none), title
/// first, then the source, then each block, with one unused position between fields so that
/// a phrase never runs from one field or block into the next.
const FIELD_GAP: u32 = 1;

impl Index {
    pub fn build(corpus: &Corpus) -> Index {
        let never = AtomicBool::new(false);
        Self::build_with(corpus, &never, &mut |_, _| {}).unwrap_or_default()
    }

    /// Builds the index, calling `progress(done, total)` after each document; `None` as soon
    /// as `cancel` is set (a new corpus was loaded, or the user quit).
    pub fn build_with(
        corpus: &Corpus,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Option<Index> {
        let mut index = build::build_with(corpus, cancel, progress)?;
        index.related = Related::build(corpus);
        // The build's per-run tables are gone: their pages go back to the system.
        crate::memory::release_freed();
        Some(index)
    }

    /// Up to `limit` documents nearest to document `doc` by shared keywords and names.
    pub fn related(&self, doc: usize, limit: usize) -> Vec<(usize, f32)> {
        self.related.nearest(doc, limit)
    }

    /// Number of documents indexed.
    pub fn doc_count(&self) -> usize {
        self.lens.len()
    }

    /// The sorted vocabulary; a term's position is its `TermId`.
    pub fn vocabulary(&self) -> &[String] {
        &self.terms
    }

    pub fn term(&self, id: TermId) -> &str {
        self.terms.get(id as usize).map_or("", String::as_str)
    }

    pub fn term_id(&self, folded: &str) -> Option<TermId> {
        let i = self
            .terms
            .binary_search_by(|t| t.as_str().cmp(folded))
            .ok()?;
        TermId::try_from(i).ok()
    }

    /// Ids of every term starting with `folded_prefix` (including the term itself).
    pub fn prefix_range(&self, folded_prefix: &str) -> Range<TermId> {
        let start = self.terms.partition_point(|t| t.as_str() < folded_prefix);
        let len = self.terms[start..].partition_point(|t| t.starts_with(folded_prefix));
        let to_id = |i: usize| TermId::try_from(i).unwrap_or(TermId::MAX);
        to_id(start)..to_id(start + len)
    }

    pub fn postings(&self, id: TermId) -> &[Posting] {
        self.postings.get(id as usize).map_or(&[], Vec::as_slice)
    }

    pub fn lens(&self, doc: usize) -> FieldLens {
        self.lens.get(doc).copied().unwrap_or_default()
    }

    /// Average (title, body) lengths in words over the corpus.
    pub fn average_lens(&self) -> (f32, f32) {
        self.avg
    }

    pub fn title_words(&self, doc: usize) -> &[TitleWord] {
        self.titles.get(doc).map_or(&[], Vec::as_slice)
    }

    /// Word positions of `id` in each document of its postings, in the same order.
    pub fn positions(&self, id: TermId) -> Positions<'_> {
        Positions {
            bytes: self.positions.get(id as usize).map_or(&[], Vec::as_slice),
        }
    }

    /// The position of the document's first body word; earlier positions are in its title
    /// or source.
    pub fn body_start(&self, doc: usize) -> u32 {
        self.body_start.get(doc).copied().unwrap_or(0)
    }

    /// Approximate heap bytes held by the index (vocabulary, postings, positions, titles),
    /// for measuring what a change to the index costs in memory.
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        let terms: usize = self
            .terms
            .iter()
            .map(|t| t.capacity() + size_of::<String>())
            .sum();
        let postings: usize = self
            .postings
            .iter()
            .map(|p| p.capacity() * size_of::<Posting>() + size_of::<Vec<Posting>>())
            .sum();
        let titles: usize = self
            .titles
            .iter()
            .map(|t| {
                size_of::<Vec<TitleWord>>()
                    + t.capacity() * size_of::<TitleWord>()
                    + t.iter()
                        .map(|w| w.origin.capacity() * size_of::<usize>())
                        .sum::<usize>()
            })
            .sum();
        terms
            + postings
            + titles
            + self.lens.capacity() * size_of::<FieldLens>()
            + self.positions_heap_bytes()
    }

    /// The part of [`Index::heap_bytes`] spent on word positions.
    pub fn positions_heap_bytes(&self) -> usize {
        self.positions
            .iter()
            .map(|p| p.capacity() + std::mem::size_of::<Vec<u8>>())
            .sum::<usize>()
            + self.body_start.capacity() * std::mem::size_of::<u32>()
    }
}

fn average(lens: &[FieldLens]) -> (f32, f32) {
    if lens.is_empty() {
        return (0.0, 0.0);
    }
    let n = lens.len() as f64;
    let title: f64 = lens.iter().map(|l| f64::from(l.title)).sum();
    let body: f64 = lens.iter().map(|l| f64::from(l.body)).sum();
    ((title / n) as f32, (body / n) as f32)
}

#[cfg(test)]
pub(crate) mod tests;
