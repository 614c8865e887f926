//! Laying the runs out as the index: the vocabulary merged and sorted (merge.rs), each
//! term's postings and positions counted to size the flat arrays exactly, then every run's
//! records placed a bucket of terms at a time (consecutive buckets on each of a few
//! threads), read from the end of their streams so that their memory goes back as the
//! index's grows.
//! Must not read documents (the runs did).

use std::sync::{Mutex, PoisonError};

use super::super::postings::{record_len, write_record};
use super::super::slab::Blank;
use super::super::varint::{put_varint, varint_len};
use super::super::{Index, Posting, TermId, Terms, average, skip_offsets};
use super::copy::copy_short;
use super::merge::{titles, vocabulary};
use super::{Part, saturate};

/// How much of a run's buffers is read between two givings back of their memory: often
/// enough that the transient stays small, rarely enough that the system calls are few.
const GIVE_BACK: usize = 1 << 20;

/// The index of `parts`, laid out on up to `threads` threads.
pub(super) fn assemble(mut parts: Vec<Part>, threads: usize) -> Index {
    let (terms, to_sorted) = vocabulary(&mut parts);
    let n = terms.len();
    // Offsets per sorted term; they serve as cursors below, moving down from each end.
    let mut posting_at = vec![0usize; n + 1];
    let mut position_at = vec![0usize; n + 1];
    let mut held = vec![0u32; n];
    // Per term, its last document in the runs so far: a run's first posting of a term is
    // recorded as a gap after it (after 0 for the term's first posting of all).
    let mut last_doc = vec![0u32; n];
    for (part, map) in parts.iter().zip(&to_sorted) {
        for (l, &t) in map.iter().enumerate() {
            let t = t as usize;
            let term = part.terms.get(l).copied().unwrap_or_default();
            let (Some(last), Some(held)) = (last_doc.get_mut(t), held.get_mut(t)) else {
                continue;
            };
            if term.postings == 0 {
                continue;
            }
            let first_gap = varint_len(term.first.saturating_sub(*last));
            posting_at[t + 1] += term.posting_bytes as usize + first_gap;
            position_at[t + 1] += term.bucket_bytes.position_bytes();
            *held += term.postings;
            *last = term.seen - 1;
        }
    }
    drop(last_doc);
    for t in 0..n {
        posting_at[t + 1] += posting_at[t];
        position_at[t + 1] += position_at[t];
    }
    let titles = titles(&parts, &to_sorted);
    let docs: usize = parts.iter().map(|p| p.lens.len()).sum();
    let mut lens = Vec::with_capacity(docs);
    let mut body_start = Vec::with_capacity(docs);
    for part in &mut parts {
        lens.append(&mut part.lens);
        body_start.append(&mut part.body_start);
        // Copied into `titles`: freed before the largest arrays are allocated.
        part.title_terms = Vec::new();
        part.title_at = Vec::new();
        part.origin_at = Vec::new();
        part.title_origins = Vec::new();
    }

    // Fresh pages, so that one costs memory only once something is placed in it. A
    // bucket's terms are together in the sorted vocabulary: laid out a bucket at a time,
    // the index's pages are touched as the streams give theirs back.
    let mut placed = Blank::new(posting_at[n]);
    let mut positions = Blank::new(position_at[n]);
    let mut cursors: Vec<Cursor> = (0..n)
        .map(|t| Cursor {
            posting_end: posting_at[t + 1],
            position_end: position_at[t + 1],
            waiting: None,
        })
        .collect();
    let mut by_bucket: Vec<Vec<Stream>> = (0..super::BUCKETS).map(|_| Vec::new()).collect();
    for (part, to_sorted) in parts.iter_mut().zip(&to_sorted) {
        let maps = bucket_maps(part, to_sorted);
        let streams = std::mem::take(&mut part.streams);
        for ((bytes, map), streams) in streams.into_iter().zip(maps).zip(&mut by_bucket) {
            streams.push(Stream { bytes, map });
        }
    }
    drop(to_sorted);
    // What else the runs hold (each term's numbers, a few megabytes a run whatever the
    // corpus' size) is not needed to lay them out: gone before the layout's pages are.
    drop(parts);
    let whole = Region {
        first_term: 0,
        first_posting: 0,
        first_byte: 0,
        placed: &mut placed,
        cursors: &mut cursors,
        positions: &mut positions,
    };
    let offsets = Offsets {
        starts: bucket_starts(&terms),
        posting_at: &posting_at,
        position_at: &position_at,
    };
    lay_out_on(threads, whole, &mut by_bucket, &offsets);
    drop(cursors);
    let skip_at = skip_offsets(&held);
    let skips = super::skips::every_term(&placed, &posting_at, &held, &skip_at);
    let (title_terms, title_at, origin_at, title_origins) = titles;
    Index {
        terms,
        postings: placed.into_slab(),
        posting_at,
        held,
        skips,
        skip_at,
        avg: average(&lens),
        lens,
        positions: positions.into_slab(),
        position_at,
        title_terms,
        title_at,
        origin_at,
        title_origins,
        body_start,
        related: Default::default(),
        norms: Default::default(),
        dates: Default::default(),
    }
}

/// A stretch of the index's arrays: those of the terms from `first_term` on, whose postings
/// start at byte `first_posting` and whose positions at byte `first_byte`, with their
/// cursors, and per term the posting read last and not yet placed (see [`place`]).
struct Region<'a> {
    first_term: usize,
    first_posting: usize,
    first_byte: usize,
    placed: &'a mut [u8],
    cursors: &'a mut [Cursor],
    positions: &'a mut [u8],
}

/// Where the layout is in one term: the ends of its free space in the postings and in the
/// positions, each moving down, and the posting read last and not yet placed (see
/// [`place`]). Together, half a cache line each: a hit on a rare term waited on three
/// lines when they were three arrays.
#[derive(Clone, Copy)]
#[repr(align(32))]
struct Cursor {
    posting_end: usize,
    position_end: usize,
    waiting: Option<Posting>,
}

/// A region, and per bucket of its terms the streams of every run for that bucket.
type Work<'a, 's> = (Region<'a>, &'s mut [Vec<Stream>]);

/// One run's stream of one bucket, and the map from its terms' numbers in the bucket (see
/// [`super::RunTerm::in_bucket`]) to their ids in the sorted vocabulary.
#[derive(Default)]
struct Stream {
    bytes: Vec<u8>,
    map: Vec<TermId>,
}

/// Per bucket, `part`'s map from its terms' numbers in the bucket to their sorted ids, out
/// of the run's map from its own ids (`to_sorted`).
fn bucket_maps(part: &Part, to_sorted: &[TermId]) -> Vec<Vec<TermId>> {
    let mut maps: Vec<Vec<TermId>> = part
        .bucket_terms
        .iter()
        .map(|&n| vec![TermId::MAX; n as usize])
        .collect();
    for (term, &sorted) in part.terms.iter().zip(to_sorted) {
        let map = maps.get_mut(usize::from(term.bucket_bytes.bucket()));
        if let Some(slot) = map.and_then(|m| m.get_mut(term.in_bucket as usize)) {
            *slot = sorted;
        }
    }
    maps
}

impl<'a> Region<'a> {
    /// This region cut before term `term`: the stretch of the terms before it, and the rest.
    fn split_at(self, term: usize, offsets: &Offsets<'_>) -> (Region<'a>, Region<'a>) {
        let at = |offsets: &[usize], first: usize, len: usize| {
            let end = offsets.get(term).copied().unwrap_or(first + len);
            end.saturating_sub(first).min(len)
        };
        let terms = term.saturating_sub(self.first_term).min(self.cursors.len());
        let postings = at(offsets.posting_at, self.first_posting, self.placed.len());
        let bytes = at(offsets.position_at, self.first_byte, self.positions.len());
        let (placed, placed_rest) = self.placed.split_at_mut(postings);
        let (positions, positions_rest) = self.positions.split_at_mut(bytes);
        let (cursors, cursors_rest) = self.cursors.split_at_mut(terms);
        let here = Region {
            first_term: self.first_term,
            first_posting: self.first_posting,
            first_byte: self.first_byte,
            placed,
            cursors,
            positions,
        };
        let there = Region {
            first_term: self.first_term + terms,
            first_posting: self.first_posting + postings,
            first_byte: self.first_byte + bytes,
            placed: placed_rest,
            cursors: cursors_rest,
            positions: positions_rest,
        };
        (here, there)
    }
}

/// Where each bucket's terms start in the sorted vocabulary, and each term's postings and
/// positions in the index's arrays.
struct Offsets<'a> {
    starts: Vec<usize>,
    posting_at: &'a [usize],
    position_at: &'a [usize],
}

/// Lays out the buckets of `region` (every term) from their `streams` on up to `threads`
/// threads, each a group of consecutive buckets and so its own stretch of the arrays. One
/// thread wrote them all in 3 s at 100 000 articles, most of it waiting for the memory each
/// scattered write touches. Threads of the caller's priority, not the pool's: a check
/// builds its index behind the searches. A group is taken by whichever thread comes first,
/// the caller's included, so none is left if a thread cannot be had.
fn lay_out_on(
    threads: usize,
    region: Region<'_>,
    streams: &mut [Vec<Stream>],
    offsets: &Offsets<'_>,
) {
    let groups = groups(offsets, threads);
    let mut rest = (region, streams);
    let mut slots = Vec::new();
    for buckets in groups.windows(2) {
        let (region, streams) = rest;
        let end = offsets.starts.get(buckets[1]).copied();
        let (here, there) = region.split_at(end.unwrap_or(usize::MAX), offsets);
        let (mine, theirs) = streams.split_at_mut((buckets[1] - buckets[0]).min(streams.len()));
        slots.push(Mutex::new(Some((here, mine))));
        rest = (there, theirs);
    }
    let take_and_lay_out = |slot: &Mutex<Option<Work>>| {
        let work = slot.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some((region, streams)) = work {
            lay_out(region, streams);
        }
    };
    std::thread::scope(|scope| {
        for slot in slots.iter().skip(1) {
            let job = move || take_and_lay_out(slot);
            let _ = std::thread::Builder::new().spawn_scoped(scope, job);
        }
        slots.iter().for_each(take_and_lay_out);
    });
}

/// Lays out `region`'s buckets one after the other, each from its runs' `streams` (in run
/// order).
fn lay_out(mut region: Region<'_>, streams: &mut [Vec<Stream>]) {
    let mut terms_waiting = Vec::new();
    for runs in streams {
        // Last run first, last document first: each term's list fills from its end, in
        // order.
        for stream in runs.iter_mut().rev() {
            let stream = std::mem::take(stream);
            place(stream.bytes, &stream.map, &mut region, &mut terms_waiting);
        }
        // What is left waiting is each term's first posting: its gap is its document.
        for local in terms_waiting.drain(..) {
            let first = region.cursors.get_mut(local).and_then(|c| c.waiting.take());
            if let Some(first) = first {
                region.put(local, first, 0);
            }
        }
    }
}

impl Region<'_> {
    /// Term `local`'s posting `p` placed at the end of the term's free space, as a gap after
    /// document `before`.
    fn put(&mut self, local: usize, p: Posting, before: u32) {
        let gap = p.doc.saturating_sub(before);
        let len = record_len(p, gap);
        if let Some(cursor) = self.cursors.get_mut(local) {
            let end = &mut cursor.posting_end;
            *end = end.saturating_sub(len);
            let from = end.wrapping_sub(self.first_posting);
            if let Some(at) = self.placed.get_mut(from..from.saturating_add(len)) {
                write_record(p, gap, at);
            }
        }
    }
}

/// Where each bucket's terms start in the sorted vocabulary `terms` (and, last, its end):
/// a term's bucket is its first byte, by which the vocabulary is sorted first.
fn bucket_starts(terms: &Terms) -> Vec<usize> {
    let bucket = |t: &str| usize::from(t.as_bytes().first().copied().unwrap_or(0));
    (0..=super::BUCKETS)
        .map(|b| terms.partition_point_in(0..terms.len(), |t| bucket(t) < b))
        .collect()
}

/// Up to `count` groups of consecutive buckets of about the same work (the bytes they
/// place), as bucket boundaries: group `g` is buckets `groups[g]..groups[g + 1]`.
fn groups(offsets: &Offsets<'_>, count: usize) -> Vec<usize> {
    let starts = &offsets.starts;
    let weight = |term: usize| {
        let at = |at: &[usize]| at.get(term).copied().unwrap_or(0);
        at(offsets.position_at) + at(offsets.posting_at)
    };
    let total = weight(starts.last().copied().unwrap_or(0));
    let mut bounds = vec![0];
    for (bucket, &start) in starts.iter().enumerate().skip(1) {
        let share = total * bounds.len() / count.max(1);
        if bounds.len() < count && weight(start) >= share && bucket < super::BUCKETS {
            bounds.push(bucket);
        }
    }
    bounds.push(super::BUCKETS);
    bounds
}

/// Puts the postings and positions of one run's `stream` of one bucket at the end of each
/// of their terms' free space in `region`, which moves down; reads the stream from its end
/// and gives its memory back as it goes. A posting's record is its gap after the document
/// before, read next: each term's posting read last waits in the region until then, and
/// the local ids of terms that had none waiting are added to `terms_waiting`. `map` gives
/// the sorted id of a term by its number in the bucket.
fn place(
    mut stream: Vec<u8>,
    map: &[TermId],
    region: &mut Region<'_>,
    terms_waiting: &mut Vec<usize>,
) {
    let mut read = 0usize;
    let mut given_back_from = usize::MAX;
    while !stream.is_empty() {
        let doc = pop_back(&mut stream);
        let count = pop_back(&mut stream);
        for _ in 0..count {
            if stream.is_empty() {
                return;
            }
            let term = pop_back(&mut stream);
            let title_tf = saturate(pop_back(&mut stream));
            let body_tf = saturate(pop_back(&mut stream));
            let len = pop_back(&mut stream);
            let end = stream.len();
            let start = end.saturating_sub(len as usize);
            let t = map.get(term as usize).copied().unwrap_or(TermId::MAX) as usize;
            let local = t.wrapping_sub(region.first_term);
            let posting = Posting {
                doc,
                title_tf,
                body_tf,
            };
            if let Some(cursor) = region.cursors.get_mut(local) {
                let later = cursor.waiting.replace(posting);
                let head_len = varint_len(len);
                let record = head_len + (end - start);
                cursor.position_end = cursor.position_end.saturating_sub(record);
                let from = cursor.position_end.wrapping_sub(region.first_byte);
                if let Some(at) = region.positions.get_mut(from..from.saturating_add(record)) {
                    let (head, body) = at.split_at_mut(head_len);
                    put_varint(head, len);
                    copy_short(body, &stream[start..end]);
                }
                match later {
                    Some(later) => region.put(local, later, doc),
                    None => terms_waiting.push(local),
                }
            }
            read += end - start;
            stream.truncate(start);
        }
        if read >= GIVE_BACK {
            crate::memory::give_back_spare(&mut stream, &mut given_back_from);
            read = 0;
        }
    }
}

/// The varint written backwards at the end of `stream`, taken off it.
fn pop_back(stream: &mut Vec<u8>) -> u32 {
    let mut v = 0u32;
    let mut taken = stream.len();
    for (i, &byte) in stream.iter().rev().enumerate() {
        if i < 5 {
            v |= u32::from(byte & 0x7f) << (7 * i);
        }
        if byte & 0x80 == 0 {
            taken = i + 1;
            break;
        }
    }
    stream.truncate(stream.len() - taken);
    v
}
