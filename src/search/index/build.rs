//! Building the index: one run of documents per core, merged in order, then the vocabulary
//! sorted. Must not change what the index holds.
//!
//! Runs of 256 documents on the pool were tried and were slower than one pass (a vector per
//! term per run, and as many merges); one long run per core makes those costs few.

use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use super::positions::write_varint;
use super::{FIELD_GAP, FieldLens, Index, Posting, TermId, TitleWord, average};
use crate::corpus::{Corpus, Document};
use crate::search::tokens::Tokenizer;

pub(super) fn build_with(
    corpus: &Corpus,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize, usize),
) -> Option<Index> {
    let total = corpus.docs.len();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    // One run per core, as long as possible: every run adds a vector per term it meets and
    // a merge, which is what made runs of a few hundred documents slower than one pass.
    let per_run = total.div_ceil(threads).max(MIN_RUN);
    let runs: Vec<&[Document]> = corpus.docs.chunks(per_run.max(1)).collect();
    let Some((first, rest)) = runs.split_first() else {
        return Some(Merged::default().finish());
    };
    // Scoped threads, not the rayon pool: progress is reported from this thread's run,
    // which is as long as the others and so stands for them all.
    let parts: Vec<Option<Part>> = std::thread::scope(|scope| {
        let others: Vec<_> = rest
            .iter()
            .enumerate()
            .map(|(k, docs)| {
                let start = (k + 1) * per_run;
                scope.spawn(move || index_run(docs, start, cancel, &mut |_| {}))
            })
            .collect();
        let scale = runs.len();
        let mut report = |done: usize| progress((done * scale).min(total), total);
        let mut parts = vec![index_run(first, 0, cancel, &mut report)];
        for (k, handle) in others.into_iter().enumerate() {
            // A run whose thread died (it cannot, short of a bug) is indexed again here.
            let start = (k + 1) * per_run;
            parts.push(
                handle
                    .join()
                    .unwrap_or_else(|_| index_run(rest[k], start, cancel, &mut |_| {})),
            );
        }
        parts
    });
    let mut merged = Merged::default();
    for part in parts {
        merged.add(part?);
    }
    progress(total, total);
    Some(merged.finish())
}

/// Below this many documents a run is not worth a thread of its own.
const MIN_RUN: usize = 2048;

/// The part of the index for `docs`, the first of which is document `start`; `None` once
/// `cancel` is set. `progress` gets the documents done so far in this run.
fn index_run(
    docs: &[Document],
    start: usize,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize),
) -> Option<Part> {
    let mut part = Part {
        lens: Vec::with_capacity(docs.len()),
        titles: Vec::with_capacity(docs.len()),
        body_start: Vec::with_capacity(docs.len()),
        ..Part::default()
    };
    let mut tokenizer = Tokenizer::default();
    for (d, doc) in docs.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let doc_id = u32::try_from(start + d).unwrap_or(u32::MAX);
        part.document(doc_id, doc, &mut tokenizer);
        progress(d + 1);
    }
    Some(part)
}

/// The index of a run of documents, its terms numbered in order of first sight within it.
///
/// A word costs one hash lookup and no allocation; per-document counts go through
/// `seen`/`slot` arrays instead of a map per document.
#[derive(Default)]
struct Part {
    ids: FxHashMap<Box<str>, TermId>,
    postings: Vec<Vec<Posting>>,
    /// Parallel to `postings`: encoded positions (see [`super::Positions`]).
    positions: Vec<Vec<u8>>,
    lens: Vec<FieldLens>,
    titles: Vec<Vec<TitleWord>>,
    body_start: Vec<u32>,
    /// Per term, 1 + the last document that counted it, and where in `doc_terms` it is.
    seen: Vec<u32>,
    slot: Vec<u32>,
    /// The current document's terms with their (title, body) counts.
    doc_terms: Vec<(TermId, u32, u32)>,
    /// The current document's (slot in `doc_terms`, position) pairs, in text order.
    doc_positions: Vec<(u32, u32)>,
    /// One document's encoded deltas, before its length is known.
    scratch: Vec<u8>,
}

impl Part {
    fn document(&mut self, doc_id: u32, doc: &Document, tokenizer: &mut Tokenizer) {
        let mut len = FieldLens::default();
        let mut title = Vec::new();
        let mut pos = 0u32;
        tokenizer.each(&doc.title, |text, origin, joined| {
            len.title += u32::from(!joined);
            let term = self.count(doc_id, text, true, (!joined).then_some(pos));
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
                self.count(doc_id, text, true, (!joined).then_some(pos));
                pos += u32::from(!joined);
            });
            pos = pos.saturating_add(FIELD_GAP);
        }
        self.body_start.push(pos);
        for block in &doc.blocks {
            tokenizer.each(block.text(), |text, _, joined| {
                len.body += u32::from(!joined);
                self.count(doc_id, text, false, (!joined).then_some(pos));
                pos = pos.saturating_add(u32::from(!joined));
            });
            pos = pos.saturating_add(FIELD_GAP);
        }
        self.flush(doc_id);
        self.lens.push(len);
        self.titles.push(title);
    }

    fn count(&mut self, doc: u32, word: &str, title: bool, pos: Option<u32>) -> TermId {
        let id = match self.ids.get(word) {
            Some(&id) => id,
            None => {
                let id = TermId::try_from(self.postings.len()).unwrap_or(TermId::MAX);
                self.ids.insert(word.into(), id);
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

/// Parts merged so far, in document order; terms numbered in order of first merge.
#[derive(Default)]
struct Merged {
    ids: FxHashMap<Box<str>, TermId>,
    postings: Vec<Vec<Posting>>,
    positions: Vec<Vec<u8>>,
    lens: Vec<FieldLens>,
    titles: Vec<Vec<TitleWord>>,
    body_start: Vec<u32>,
}

impl Merged {
    /// Appends the next part: its documents all follow the ones merged so far, so appending
    /// each term's postings and positions keeps them in document order.
    fn add(&mut self, mut part: Part) {
        let mut to_global = vec![0 as TermId; part.postings.len()];
        for (word, local) in part.ids.drain() {
            let l = local as usize;
            let id = match self.ids.get(&word) {
                Some(&id) => id,
                None => {
                    let id = TermId::try_from(self.postings.len()).unwrap_or(TermId::MAX);
                    self.ids.insert(word, id);
                    self.postings.push(Vec::new());
                    self.positions.push(Vec::new());
                    id
                }
            };
            to_global[l] = id;
            append(
                &mut self.postings[id as usize],
                std::mem::take(&mut part.postings[l]),
            );
            append(
                &mut self.positions[id as usize],
                std::mem::take(&mut part.positions[l]),
            );
        }
        for word in part.titles.iter_mut().flatten() {
            word.term = to_global[word.term as usize];
        }
        self.lens.append(&mut part.lens);
        self.titles.append(&mut part.titles);
        self.body_start.append(&mut part.body_start);
    }

    /// Sorts the vocabulary and renumbers every term id to its sorted position.
    fn finish(mut self) -> Index {
        let mut words: Vec<Box<str>> = vec![Box::default(); self.postings.len()];
        for (word, id) in self.ids.drain() {
            words[id as usize] = word;
        }
        // `renumber[merge id]` is the term's sorted id.
        let mut order: Vec<u32> = (0..words.len() as u32).collect();
        order.sort_unstable_by(|&x, &y| words[x as usize].cmp(&words[y as usize]));
        let mut renumber = vec![0 as TermId; order.len()];
        for (new, &old) in order.iter().enumerate() {
            renumber[old as usize] = new as TermId;
        }
        let terms = order
            .iter()
            .map(|&old| std::mem::take(&mut words[old as usize]).into_string())
            .collect();
        let postings = order
            .iter()
            .map(|&old| {
                let mut list = std::mem::take(&mut self.postings[old as usize]);
                list.shrink_to_fit();
                list
            })
            .collect();
        let positions = order
            .iter()
            .map(|&old| {
                let mut bytes = std::mem::take(&mut self.positions[old as usize]);
                bytes.shrink_to_fit();
                bytes
            })
            .collect();
        for word in self.titles.iter_mut().flatten() {
            word.term = renumber[word.term as usize];
        }
        Index {
            terms,
            postings,
            avg: average(&self.lens),
            lens: self.lens,
            titles: self.titles,
            positions,
            body_start: self.body_start,
            related: Default::default(),
        }
    }
}

/// `into.extend(from)`, moving `from` when `into` is empty (a term's first part).
fn append<T: Copy>(into: &mut Vec<T>, from: Vec<T>) {
    if into.is_empty() {
        *into = from;
    } else {
        into.extend_from_slice(&from);
    }
}

fn saturate(n: u32) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}
