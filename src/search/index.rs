//! Vocabulary and postings, built once per corpus and shared read-only across threads.
//! Must not parse queries or rank documents.

use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::AtomicBool;

mod build;
mod positions;
mod postings;
mod serial;
mod slab;
mod terms;
mod varint;
use super::related::Related;
use super::score::Norms;
use crate::corpus::{Corpus, PartialDate};
pub use positions::{Positions, decode_positions, first_position, follows_any, keep_followed};
pub use postings::{Posting, PostingIter, PostingList};
pub use slab::Slab;
use std::borrow::Cow;
pub use terms::Terms;

/// Position of a term in the sorted vocabulary.
pub type TermId = u32;

/// A word of a title, kept so highlights need no re-tokenising per keystroke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TitleWord<'a> {
    pub term: TermId,
    /// For each char of the term, the char index in the original title.
    pub origin: &'a [u32],
}

/// Words per field of one document, for BM25 length normalisation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldLens {
    pub title: u32,
    pub body: u32,
}

/// Inverted index over folded words. Immutable once built, so `Arc<Index>` can be shared
/// between the UI thread and query workers without locks. Every per-term and per-document
/// list is a range of one flat array (offsets in `*_at`, one more than there are lists), so
/// the index is a few large allocations, built and cached without a vector per term. What
/// the cache reads back is only used through the same bounds-checked accessors.
#[derive(Debug, Default, Serialize)]
pub struct Index {
    /// Sorted and unique, so exact and prefix lookups are binary searches.
    terms: Terms,
    /// Term `t`'s postings are the `held[t]` records of `postings[posting_at[t]..posting_at[t
    /// + 1]]`, sorted by document (see [`PostingList`]).
    postings: Slab<u8>,
    posting_at: Vec<usize>,
    held: Vec<u32>,
    /// Term `t`'s skip points (see [`postings::Skip`]) are `skips[skip_at[t]..skip_at[t +
    /// 1]]`, as many as its number of postings gives.
    skips: Vec<postings::Skip>,
    skip_at: Vec<usize>,
    lens: Vec<FieldLens>,
    avg: (f32, f32),
    /// Per term, for each of its postings in order, the word positions of the term in that
    /// document (see [`Positions`]), so a phrase is checked without re-reading documents:
    /// term `t`'s are `positions[position_at[t]..position_at[t + 1]]`.
    positions: Slab<u8>,
    position_at: Vec<usize>,
    /// Document `d`'s title words are `title_terms[title_at[d]..title_at[d + 1]]`; word `w`'s
    /// origin is `title_origins[origin_at[w]..origin_at[w + 1]]`. u32 char indices in one
    /// buffer: a `Vec<usize>` per word cost more than the postings of its title.
    title_terms: Vec<TermId>,
    title_at: Vec<u32>,
    origin_at: Vec<u32>,
    title_origins: Vec<u32>,
    /// Per document, the position of its first body word: positions before it are in the
    /// title or the source, for `title:"a phrase"`.
    body_start: Vec<u32>,
    /// Keyword and name features per document, for related articles; set once the corpus'
    /// cards are made (with the index, or after it when they were put off).
    #[serde(skip)]
    related: OnceLock<Related>,
    /// Every document's BM25 length normalisations, made at the first query: the same for
    /// every query, and a pass over all documents each time was part of every keystroke.
    #[serde(skip)]
    norms: OnceLock<Norms>,
    /// Every document's date, taken from the corpus at the first query that orders hits:
    /// ties between a hundred thousand hits are ordered by date, and reading each from its
    /// article was most of ranking a word every article holds.
    #[serde(skip)]
    dates: OnceLock<Dates>,
}

/// Each document's date, and the documents in the order ties between hits take.
#[derive(Debug, Clone, Default)]
pub struct Dates {
    pub of: Vec<Option<PartialDate>>,
    /// Documents newest first, undated last, those of one date in corpus order.
    pub newest_first: Vec<u32>,
}

impl Dates {
    pub fn new(corpus: &Corpus) -> Dates {
        let of: Vec<Option<PartialDate>> = corpus.docs.iter().map(|d| d.date).collect();
        let mut newest_first: Vec<u32> = (0..of.len())
            .filter_map(|d| u32::try_from(d).ok())
            .collect();
        // Stable: documents of one date stay in corpus order.
        newest_first.sort_by_key(|&d| std::cmp::Reverse(of[d as usize]));
        Dates { of, newest_first }
    }
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
        let index = build::build_with(corpus, cancel, progress)?;
        index.relate(corpus);
        // The build's per-run tables are gone: their pages go back to the system.
        crate::memory::release_freed();
        Some(index)
    }

    /// An index for searching only, without related articles (which need the keywords of
    /// the whole corpus): for answers over the first articles read while the rest loads.
    pub fn build_terms_only(corpus: &Corpus) -> Index {
        let never = AtomicBool::new(false);
        build::build_with(corpus, &never, &mut |_, _| {}).unwrap_or_default()
    }

    /// Every document's [`Norms`].
    pub fn norms(&self) -> &Norms {
        self.norms
            .get_or_init(|| Norms::new(self, self.doc_count()))
    }

    /// Each document's date, as in `corpus`, the corpus this index was built for: kept
    /// from the first call, or read again when `corpus` has another number of documents.
    pub fn dates(&self, corpus: &Corpus) -> Cow<'_, Dates> {
        let kept = self.dates.get_or_init(|| Dates::new(corpus));
        if kept.of.len() == corpus.docs.len() {
            Cow::Borrowed(kept)
        } else {
            Cow::Owned(Dates::new(corpus))
        }
    }

    /// Up to `limit` documents nearest to document `doc` by shared keywords and names; none
    /// until [`Index::relate`] is given a corpus with its cards.
    pub fn related(&self, doc: usize, limit: usize) -> Vec<(usize, f32)> {
        self.related
            .get()
            .map_or_else(Vec::new, |r| r.nearest(doc, limit))
    }

    /// Number the keywords and names of `corpus` (this index's, its cards made) for related
    /// articles; nothing while a document waits for its card, or once they are numbered.
    pub fn relate(&self, corpus: &Corpus) {
        if !crate::corpus::cards::pending(corpus) && self.related.get().is_none() {
            // Set by nobody else meanwhile: the cards are made once, on one thread.
            let _ = self.related.set(Related::build(corpus));
        }
    }

    /// Number of documents indexed.
    pub fn doc_count(&self) -> usize {
        self.lens.len()
    }

    /// The sorted vocabulary; a term's position is its `TermId`.
    pub fn vocabulary(&self) -> &Terms {
        &self.terms
    }

    pub fn term(&self, id: TermId) -> &str {
        self.terms.at(id as usize)
    }

    pub fn term_id(&self, folded: &str) -> Option<TermId> {
        let i = self.terms.binary_search(folded).ok()?;
        TermId::try_from(i).ok()
    }

    /// Ids of every term starting with `folded_prefix` (including the term itself).
    pub fn prefix_range(&self, folded_prefix: &str) -> Range<TermId> {
        let all = 0..self.terms.len();
        let start = self
            .terms
            .partition_point_in(all.clone(), |t| t < folded_prefix);
        let end = self
            .terms
            .partition_point_in(start..all.end, |t| t.starts_with(folded_prefix));
        let to_id = |i: usize| TermId::try_from(i).unwrap_or(TermId::MAX);
        to_id(start)..to_id(end)
    }

    pub fn postings(&self, id: TermId) -> PostingList<'_> {
        let bytes = range(&self.posting_at, id as usize).and_then(|r| self.postings.get(r));
        let skips = range(&self.skip_at, id as usize).and_then(|r| self.skips.get(r));
        match (bytes, self.held.get(id as usize), skips) {
            (Some(bytes), Some(&len), Some(skips)) => PostingList {
                bytes,
                len: len as usize,
                skips,
            },
            _ => PostingList::default(),
        }
    }

    pub fn lens(&self, doc: usize) -> FieldLens {
        self.lens.get(doc).copied().unwrap_or_default()
    }

    /// Average (title, body) lengths in words over the corpus.
    pub fn average_lens(&self) -> (f32, f32) {
        self.avg
    }

    pub fn title_words(&self, doc: usize) -> TitleWords<'_> {
        let words = range(&self.title_at, doc).unwrap_or_default();
        TitleWords { index: self, words }
    }

    /// False when `id` holds no word position in any document: a term only ever met
    /// inside glued compounds, whose lists are all empty (one length byte each).
    pub fn has_positions(&self, id: TermId) -> bool {
        let lists = self.postings(id).len();
        range(&self.position_at, id as usize).is_some_and(|r| r.len() > lists)
    }

    /// Word positions of `id` in each document of its postings, in the same order.
    pub fn positions(&self, id: TermId) -> Positions<'_> {
        Positions {
            bytes: range(&self.position_at, id as usize)
                .and_then(|r| self.positions.get(r))
                .unwrap_or(&[]),
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
        self.terms.heap_bytes()
            + self.postings.len()
            + bytes(&self.posting_at)
            + bytes(&self.held)
            + bytes(&self.skips)
            + bytes(&self.skip_at)
            + bytes(&self.title_terms)
            + bytes(&self.title_at)
            + bytes(&self.origin_at)
            + bytes(&self.title_origins)
            + bytes(&self.lens)
            + self.positions_heap_bytes()
    }

    /// The part of [`Index::heap_bytes`] spent on word positions.
    pub fn positions_heap_bytes(&self) -> usize {
        self.positions.len() + bytes(&self.position_at) + bytes(&self.body_start)
    }
}

/// The words of one title, in order (see [`Index::title_words`]).
#[derive(Debug, Clone)]
pub struct TitleWords<'a> {
    index: &'a Index,
    words: Range<usize>,
}

impl<'a> Iterator for TitleWords<'a> {
    type Item = TitleWord<'a>;

    fn next(&mut self) -> Option<TitleWord<'a>> {
        let w = self.words.next()?;
        let index = self.index;
        Some(TitleWord {
            term: index.title_terms.get(w).copied().unwrap_or(TermId::MAX),
            origin: range(&index.origin_at, w)
                .and_then(|r| index.title_origins.get(r))
                .unwrap_or(&[]),
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.words.size_hint()
    }
}

impl ExactSizeIterator for TitleWords<'_> {}

/// The `i`th range of an offsets array (`at[i]..at[i + 1]`); `None` past its end or for
/// offsets that go backwards (only a damaged cache could hold those, and `fits` refuses it).
fn range<T: Copy + TryInto<usize>>(at: &[T], i: usize) -> Option<Range<usize>> {
    let start = (*at.get(i)?).try_into().ok()?;
    let end = (*at.get(i.checked_add(1)?)?).try_into().ok()?;
    (start <= end).then_some(start..end)
}

/// Where each term's skip points start in the index's array of them, for terms holding
/// `held` postings each (and, last, the end).
fn skip_offsets(held: &[u32]) -> Vec<usize> {
    let mut at = Vec::with_capacity(held.len() + 1);
    let mut sum = 0usize;
    at.push(0);
    for &n in held {
        sum += postings::skips_for(n as usize);
        at.push(sum);
    }
    at
}

fn bytes<T>(v: &Vec<T>) -> usize {
    v.capacity() * std::mem::size_of::<T>()
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
