//! Building the index: one run of documents per core, each recording what it finds in flat
//! buffers, then the runs laid out into the index's flat arrays ([`fill`]). Must not change
//! what the index holds.
//!
//! Runs of 256 documents on the pool were tried and were slower than one pass (a vector per
//! term per run, and as many merges); one long run per core makes those costs few.

use std::sync::atomic::{AtomicBool, Ordering};

use super::postings::counts_len;
use super::varint::{varint_bytes, varint_len, write_varint};
use super::{FIELD_GAP, FieldLens, Index, TermId};
use crate::corpus::{Corpus, Document};
use crate::search::tokens::Tokenizer;

mod copy;
mod fill;
mod merge;
mod prefetch;
mod run_term;
mod run_terms;
mod short_words;
mod skips;

use run_term::{BucketBytes, RunTerm};
use run_terms::{Batch, RunTerms};

pub(super) fn build_with(
    corpus: &Corpus,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize, usize),
) -> Option<Index> {
    let total = corpus.docs.len();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    // One run per core, as long as possible: every run adds a hash map of its words and
    // its own vocabulary to merge.
    let per_run = total.div_ceil(threads).max(MIN_RUN);
    let runs: Vec<&[Document]> = corpus.docs.chunks(per_run.max(1)).collect();
    let Some((first, rest)) = runs.split_first() else {
        return Some(fill::assemble(Vec::new(), threads));
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
    let parts: Vec<Part> = parts.into_iter().collect::<Option<_>>()?;
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    let index = fill::assemble(parts, threads);
    progress(total, total);
    Some(index)
}

/// `corpus`' index in one run, laid out on `threads` threads: however many lay it out, the
/// index is the same.
#[cfg(test)]
pub(super) fn laid_out_by(corpus: &Corpus, threads: usize) -> Index {
    let never = AtomicBool::new(false);
    let part = index_run(&corpus.docs, 0, &never, &mut |_| {});
    fill::assemble(part.into_iter().collect(), threads)
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
        streams: vec![Vec::new(); BUCKETS],
        bucket_hits: vec![0; BUCKETS],
        bucket_terms: vec![0; BUCKETS],
        lens: Vec::with_capacity(docs.len()),
        body_start: Vec::with_capacity(docs.len()),
        title_at: Vec::with_capacity(docs.len()),
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
        if d + 1 == SAMPLE && docs.len() >= 4 * SAMPLE {
            part.reserve_streams(docs.len());
        }
    }
    Some(part)
}

/// Documents after which a run's streams are sized for the whole run.
const SAMPLE: usize = 512;

/// Streams of hits per run, by the first byte of their term: the sorted vocabulary holds
/// each bucket's terms together, so [`fill`] lays the index out a bucket at a time, and
/// only that bucket's stretch of the index grows while its streams shrink. With one stream,
/// every document's terms spread over the whole vocabulary touched every page of the index
/// at once, beside all the streams: a first run's peak at 100 000 articles (1.12 GB, the
/// streams 0.3 GB of it).
const BUCKETS: usize = 256;

/// What a run of documents holds, document by document, its terms numbered in order of
/// first sight within it. Flat buffers, not a vector per term: they cost what they hold,
/// and [`fill`] reads them back from their ends, giving their memory back as it goes.
///
/// A word costs one hash lookup and no allocation; per-document counts go through
/// each term's `seen` and `slot` instead of a map per document.
#[derive(Default)]
struct Part {
    ids: RunTerms,
    /// Per term, what the run knows of it, together: a word's term is looked at in a table
    /// of a hundred thousand, and its five numbers in five arrays were five cache misses.
    terms: Vec<RunTerm>,
    /// Per bucket, per document in order that has terms in it: per such term (a hit) its
    /// encoded positions (see [`super::Positions`]) without their length, then as varints
    /// written backwards their length, the body and title counts and the term (its number
    /// in the bucket, [`RunTerm::in_bucket`]); after the document's hits, their number and
    /// the document. Read from the end, each says what it is and where it starts; varints,
    /// since most are a byte where a struct of them took eight.
    streams: Vec<Vec<u8>>,
    /// Per bucket, the run's terms in it so far.
    bucket_terms: Vec<u32>,
    /// Per bucket, the current document's hits in it so far; the buckets it touched.
    bucket_hits: Vec<u32>,
    touched: Vec<u8>,
    lens: Vec<FieldLens>,
    body_start: Vec<u32>,
    /// Title words (run term ids) and their origins, flat; `title_at` and `origin_at` hold
    /// the end of each document's words and of each word's origin, counted from the run's
    /// start.
    title_terms: Vec<TermId>,
    title_at: Vec<u32>,
    origin_at: Vec<u32>,
    title_origins: Vec<u32>,
    /// The current document's terms with their (title, body) counts.
    doc_terms: Vec<(TermId, u32, u32)>,
    /// The current document's (slot in `doc_terms`, position) pairs, in text order.
    doc_positions: Vec<(u32, u32)>,
    /// [`Part::flush`]'s counting sort of `doc_positions` by slot: each slot's first
    /// position in `by_slot`, and the positions, a slot's together and in text order.
    slot_starts: Vec<u32>,
    by_slot: Vec<u32>,
    /// A block's words, whether each is joined to the one before, and their ids (`None`
    /// for a word new to the run), looked up together.
    batch: Batch,
    joined: Vec<bool>,
    found: Vec<Option<TermId>>,
}

impl Part {
    fn document(&mut self, doc_id: u32, doc: &Document, tokenizer: &mut Tokenizer) {
        let mut len = FieldLens::default();
        let mut pos = 0u32;
        tokenizer.each(&doc.title, |text, origin, joined| {
            len.title += u32::from(!joined);
            let term = self.count(doc_id, text, true, (!joined).then_some(pos));
            pos += u32::from(!joined);
            self.title_terms.push(term);
            self.title_origins
                .extend(origin.iter().map(|&o| u32::try_from(o).unwrap_or(u32::MAX)));
            self.origin_at.push(to_u32(self.title_origins.len()));
        });
        self.title_at.push(to_u32(self.title_terms.len()));
        pos = pos.saturating_add(FIELD_GAP);
        if let Some(source) = doc.source.as_deref() {
            tokenizer.words(source, |text, joined| {
                len.title += u32::from(!joined);
                self.count(doc_id, text, true, (!joined).then_some(pos));
                pos += u32::from(!joined);
            });
            pos = pos.saturating_add(FIELD_GAP);
        }
        self.body_start.push(pos);
        // In passing: a first run's texts may be on the cache's shelf, and the build must
        // not bring them all back into memory.
        let blocks = doc.blocks.passing();
        for block in blocks.iter() {
            self.batch.clear();
            self.joined.clear();
            let (batch, joined, ids) = (&mut self.batch, &mut self.joined, &self.ids);
            tokenizer.words(block.text(), |text, j| {
                ids.push(batch, text);
                joined.push(j);
            });
            self.ids.look_up(&self.batch, &mut self.found);
            // The block's terms already in the run are counted next: their entries on
            // their way into the cache together, where a rare term's stalled the count.
            prefetch_entries(&self.terms, self.found.iter().flatten().copied());
            for k in 0..self.found.len() {
                let joined = self.joined.get(k).copied().unwrap_or(false);
                len.body += u32::from(!joined);
                let id = match self.found[k] {
                    Some(id) => id,
                    // New to the run, unless the block had it before.
                    None => match self.ids.get_from(&self.batch, k) {
                        Some(id) => id,
                        None => {
                            let id = self.new_term(self.batch.first_byte(k));
                            self.ids.insert_from(&self.batch, k, id);
                            id
                        }
                    },
                };
                self.tally(doc_id, id, false, (!joined).then_some(pos));
                pos = pos.saturating_add(u32::from(!joined));
            }
            pos = pos.saturating_add(FIELD_GAP);
        }
        self.flush(doc_id);
        self.lens.push(len);
    }

    fn count(&mut self, doc: u32, word: &str, title: bool, pos: Option<u32>) -> TermId {
        let id = match self.ids.get(word) {
            Some(id) => id,
            None => {
                let id = self.new_term(word.as_bytes().first().copied().unwrap_or(0));
                self.ids.insert(word, id);
                id
            }
        };
        self.tally(doc, id, title, pos);
        id
    }

    /// A term new to the run, whose word starts with `first_byte`: its id.
    fn new_term(&mut self, first_byte: u8) -> TermId {
        let id = TermId::try_from(self.terms.len()).unwrap_or(TermId::MAX);
        let in_bucket = &mut self.bucket_terms[usize::from(first_byte)];
        self.terms.push(RunTerm {
            bucket_bytes: BucketBytes::new(first_byte),
            in_bucket: *in_bucket,
            ..RunTerm::default()
        });
        *in_bucket += 1;
        id
    }

    /// One more of term `id` in document `doc`, in its title or body, at `pos` unless it is
    /// joined to the word before.
    fn tally(&mut self, doc: u32, id: TermId, title: bool, pos: Option<u32>) {
        let term = &mut self.terms[id as usize];
        if term.seen != doc + 1 {
            if term.seen == 0 {
                term.first = doc;
            } else {
                term.posting_bytes += varint_len(doc + 1 - term.seen) as u32;
            }
            term.seen = doc + 1;
            term.slot = self.doc_terms.len() as u32;
            self.doc_terms.push((id, 0, 0));
        }
        let slot = term.slot;
        if let Some(pos) = pos {
            self.doc_positions.push((slot, pos));
        }
        let entry = &mut self.doc_terms[slot as usize];
        if title {
            entry.1 += 1;
        } else {
            entry.2 += 1;
        }
    }

    /// The current document's counts become hits, and its positions records.
    fn flush(&mut self, doc_id: u32) {
        // The document's terms were counted while its words were read, and their entries
        // have left the nearest cache since: asked for again together, they arrive while the
        // positions are grouped, where the loop below waited on each in turn.
        prefetch_entries(&self.terms, self.doc_terms.iter().map(|&(id, _, _)| id));
        self.group_positions_by_slot();
        for (slot, &(id, title, body)) in self.doc_terms.iter().enumerate() {
            let i = id as usize;
            let (bucket, in_bucket) = self
                .terms
                .get(i)
                .map_or((0, 0), |t| (t.bucket_bytes.bucket(), t.in_bucket));
            let b = usize::from(bucket);
            if self.bucket_hits[b] == 0 {
                self.touched.push(bucket);
            }
            self.bucket_hits[b] += 1;
            let stream = &mut self.streams[b];
            let record = stream.len();
            let mut last = 0;
            let from = self.slot_starts[slot] as usize;
            let to = self.slot_starts[slot + 1] as usize;
            for &pos in &self.by_slot[from..to] {
                write_varint(stream, pos - last);
                last = pos;
            }
            let len = to_u32(stream.len() - record);
            for v in [len, body, title, in_bucket] {
                push_back(stream, v);
            }
            if let Some(term) = self.terms.get_mut(i) {
                term.postings += 1;
                term.bucket_bytes
                    .add_position_bytes(varint_len(len) + len as usize);
                term.posting_bytes += counts_len(saturate(title), saturate(body)) as u32;
            }
        }
        for &bucket in &self.touched {
            let b = usize::from(bucket);
            push_back(&mut self.streams[b], self.bucket_hits[b]);
            push_back(&mut self.streams[b], doc_id);
            self.bucket_hits[b] = 0;
        }
        self.touched.clear();
        self.doc_terms.clear();
        self.doc_positions.clear();
    }

    /// Room in each stream for `docs` documents like the [`SAMPLE`] read so far, and an
    /// eighth more. Grown by doubling, the streams were copied as they grew, and each copy
    /// went to fresh memory the system zeroes first: a sixth of a build. Room reserved and
    /// never written costs address space, not memory; room that cannot be had (a sample of
    /// giant documents before small ones) is not taken, and the streams grow as before.
    fn reserve_streams(&mut self, docs: usize) {
        for stream in &mut self.streams {
            let want = stream.len().saturating_mul(docs) / SAMPLE;
            let want = want.saturating_add(want / 8);
            let _ = stream.try_reserve_exact(want.saturating_sub(stream.len()));
        }
    }

    /// `doc_positions` grouped by slot into `by_slot`, each slot's in text order (so
    /// ascending), slot `s`'s at `slot_starts[s]..slot_starts[s + 1]`. A counting sort: the
    /// slots are the document's few hundred terms, and a comparison sort of its positions
    /// was a twentieth of a build.
    fn group_positions_by_slot(&mut self) {
        let starts = &mut self.slot_starts;
        starts.clear();
        starts.resize(self.doc_terms.len() + 1, 0);
        for &(slot, _) in &self.doc_positions {
            starts[slot as usize] += 1;
        }
        // Each slot's end; the last entry (no slot) ends them all.
        let mut end = 0;
        for s in starts.iter_mut() {
            end += *s;
            *s = end;
        }
        self.by_slot.clear();
        self.by_slot.resize(self.doc_positions.len(), 0);
        // Backwards, each slot filled from its end: its positions keep their order, and
        // its end becomes its start.
        for &(slot, pos) in self.doc_positions.iter().rev() {
            let at = &mut starts[slot as usize];
            *at -= 1;
            self.by_slot[*at as usize] = pos;
        }
    }
}

/// The entries of terms `ids` on their way into the cache together, so that their misses
/// overlap.
fn prefetch_entries(terms: &[RunTerm], ids: impl Iterator<Item = TermId>) {
    for id in ids {
        if let Some(term) = terms.get(id as usize) {
            prefetch::prefetch(term);
        }
    }
}

/// `v` as a varint written backwards, for [`fill`] to read from the end.
fn push_back(stream: &mut Vec<u8>, v: u32) {
    // Most are one byte (a document's counts, its positions' length), pushed without the
    // general encoding: a run pushes four for each term of each document.
    if v < 0x80 {
        stream.push(v as u8);
        return;
    }
    let (bytes, len) = varint_bytes(v);
    for &b in bytes[..len].iter().rev() {
        stream.push(b);
    }
}

fn saturate(n: u32) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// A count within one run: a run holding 4 G of anything is far past what the index
/// supports, and saturates rather than wraps.
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
