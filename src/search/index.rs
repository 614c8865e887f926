//! Vocabulary and postings, built once per corpus and shared read-only across threads.
//! Must not parse queries or rank documents.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use super::tokens::Tokenizer;

mod positions;
mod serial;
use crate::corpus::Corpus;
use positions::write_varint;
pub use positions::{Positions, decode_positions};

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
    ///
    /// Terms get ids in order of first sight, so a word costs one hash lookup and no
    /// allocation; per-document counts go through `seen`/`slot` arrays instead of a map per
    /// document. The vocabulary is sorted (and ids renumbered) once at the end.
    pub fn build_with(
        corpus: &Corpus,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Option<Index> {
        let total = corpus.docs.len();
        let mut b = Builder::default();
        let mut lens = Vec::with_capacity(total);
        let mut titles: Vec<Vec<TitleWord>> = Vec::with_capacity(total);
        let mut body_start = Vec::with_capacity(total);
        let mut tokenizer = Tokenizer::default();
        for (d, doc) in corpus.docs.iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let doc_id = u32::try_from(d).unwrap_or(u32::MAX);
            let mut len = FieldLens::default();
            let mut title = Vec::new();
            let mut pos = 0u32;
            tokenizer.each(&doc.title, |text, origin, joined| {
                len.title += u32::from(!joined);
                let term = b.count(doc_id, text, true, (!joined).then_some(pos));
                pos += u32::from(!joined);
                title.push(TitleWord {
                    term,
                    origin: origin.to_vec(),
                });
            });
            pos = pos.saturating_add(FIELD_GAP);
            if let Some(source) = doc.source.as_deref() {
                tokenizer.each(source, |text, _, joined| {
                    len.title += u32::from(!joined);
                    b.count(doc_id, text, true, (!joined).then_some(pos));
                    pos += u32::from(!joined);
                });
                pos = pos.saturating_add(FIELD_GAP);
            }
            body_start.push(pos);
            for block in &doc.blocks {
                tokenizer.each(block.text(), |text, _, joined| {
                    len.body += u32::from(!joined);
                    b.count(doc_id, text, false, (!joined).then_some(pos));
                    pos = pos.saturating_add(u32::from(!joined));
                });
                pos = pos.saturating_add(FIELD_GAP);
            }
            b.flush(doc_id);
            lens.push(len);
            titles.push(title);
            progress(d + 1, total);
        }

        // Sort the vocabulary; `renumber[first-sight id]` is the term's sorted id.
        let mut order: Vec<u32> = (0..b.terms.len() as u32).collect();
        order.sort_unstable_by(|&x, &y| b.terms[x as usize].cmp(&b.terms[y as usize]));
        let mut renumber = vec![0 as TermId; order.len()];
        for (new, &old) in order.iter().enumerate() {
            renumber[old as usize] = new as TermId;
        }
        let terms = order
            .iter()
            .map(|&old| std::mem::take(&mut b.terms[old as usize]))
            .collect();
        let postings = order
            .iter()
            .map(|&old| {
                let mut list = std::mem::take(&mut b.postings[old as usize]);
                list.shrink_to_fit();
                list
            })
            .collect();
        let positions = order
            .iter()
            .map(|&old| {
                let mut bytes = std::mem::take(&mut b.positions[old as usize]);
                bytes.shrink_to_fit();
                bytes
            })
            .collect();
        for word in titles.iter_mut().flatten() {
            word.term = renumber[word.term as usize];
        }
        Some(Index {
            terms,
            postings,
            avg: average(&lens),
            lens,
            titles,
            positions,
            body_start,
        })
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

/// Vocabulary and postings while the index is built, terms numbered in order of first sight.
#[derive(Default)]
struct Builder {
    ids: HashMap<Box<str>, TermId, BuildHasherDefault<FxHasher>>,
    terms: Vec<String>,
    postings: Vec<Vec<Posting>>,
    /// Per term, 1 + the last document that counted it, and where in `doc_terms` it is.
    seen: Vec<u32>,
    slot: Vec<u32>,
    /// The current document's terms with their (title, body) counts.
    doc_terms: Vec<(TermId, u32, u32)>,
    /// Parallel to `postings`: encoded positions (see [`Positions`]).
    positions: Vec<Vec<u8>>,
    /// The current document's (slot in `doc_terms`, position) pairs, in text order.
    doc_positions: Vec<(u32, u32)>,
    /// One document's encoded deltas, before its length is known.
    scratch: Vec<u8>,
}

impl Builder {
    fn count(&mut self, doc: u32, word: &str, title: bool, pos: Option<u32>) -> TermId {
        let id = match self.ids.get(word) {
            Some(&id) => id,
            None => {
                let id = TermId::try_from(self.terms.len()).unwrap_or(TermId::MAX);
                self.ids.insert(word.into(), id);
                self.terms.push(word.to_string());
                self.postings.push(Vec::new());
                self.positions.push(Vec::new());
                self.seen.push(0);
                self.slot.push(0);
                id
            }
        };
        let i = id as usize;
        if self.seen[i] != doc + 1 {
            self.seen[i] = doc + 1;
            self.slot[i] = self.doc_terms.len() as u32;
            self.doc_terms.push((id, 0, 0));
        }
        if let Some(pos) = pos {
            self.doc_positions.push((self.slot[i], pos));
        }
        let entry = &mut self.doc_terms[self.slot[i] as usize];
        if title {
            entry.1 += 1;
        } else {
            entry.2 += 1;
        }
        id
    }

    /// The current document's counts become postings; documents come in order, so every
    /// posting list stays sorted by document.
    fn flush(&mut self, doc: u32) {
        // Stable: positions come in text order, so each slot's stay ascending.
        self.doc_positions.sort_by_key(|&(slot, _)| slot);
        let mut next = 0;
        for (slot, &(id, title, body)) in self.doc_terms.iter().enumerate() {
            self.postings[id as usize].push(Posting {
                doc,
                title_tf: saturate(title),
                body_tf: saturate(body),
            });
            self.scratch.clear();
            let mut last = 0;
            while let Some(&(s, pos)) = self.doc_positions.get(next) {
                if s as usize != slot {
                    break;
                }
                write_varint(&mut self.scratch, pos - last);
                last = pos;
                next += 1;
            }
            let out = &mut self.positions[id as usize];
            write_varint(out, self.scratch.len() as u32);
            out.extend_from_slice(&self.scratch);
        }
        self.doc_terms.clear();
        self.doc_positions.clear();
    }
}

fn saturate(n: u32) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// FxHash (rustc's hasher): vocabulary keys are short words from our own corpus, so a fast
/// non-keyed hash is enough and SipHash was a visible share of index build time.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
        }
        for &byte in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
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
