//! Laying the runs out as the index: the vocabulary merged and sorted, each term's postings
//! and positions counted to size the flat arrays exactly, then every run's records placed a
//! bucket of terms at a time, read from the end of their streams so that their memory goes
//! back as the index's grows.
//! Must not read documents (the runs did).

use rustc_hash::FxHashMap;

use super::super::positions::varint_bytes;
use super::super::{Index, Posting, TermId, average};
use super::{Part, saturate, to_u32};

/// How much of a run's buffers is read between two givings back of their memory: often
/// enough that the transient stays small, rarely enough that the reallocations are few.
const GIVE_BACK: usize = 1 << 20;

pub(super) fn assemble(mut parts: Vec<Part>) -> Index {
    let (terms, to_sorted) = vocabulary(&mut parts);
    let n = terms.len();
    // Offsets per sorted term; they serve as cursors below, moving down from each end.
    let mut posting_at = vec![0usize; n + 1];
    let mut position_at = vec![0usize; n + 1];
    for (part, map) in parts.iter().zip(&to_sorted) {
        for (l, &t) in map.iter().enumerate() {
            let t = t as usize + 1;
            posting_at[t] += part.postings.get(l).copied().unwrap_or(0) as usize;
            position_at[t] += part.position_bytes.get(l).copied().unwrap_or(0);
        }
    }
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

    // Zeroed lazily by the OS, so a page costs memory only once something is placed in it.
    // A bucket's terms are together in the sorted vocabulary: laid out a bucket at a time,
    // the index's pages are touched as the streams give theirs back.
    let mut placed: Vec<Posting> = bytemuck::zeroed_vec(posting_at[n]);
    let mut positions = vec![0u8; position_at[n]];
    let mut post_end: Vec<usize> = posting_at[1..].to_vec();
    let mut pos_end: Vec<usize> = position_at[1..].to_vec();
    for bucket in 0..super::BUCKETS {
        // Last run first, last document first: each term's list fills from its end, in
        // order.
        for (part, map) in parts.iter_mut().zip(&to_sorted).rev() {
            let Some(stream) = part.streams.get_mut(bucket) else {
                continue;
            };
            place(
                std::mem::take(stream),
                map,
                &mut placed,
                &mut post_end,
                &mut positions,
                &mut pos_end,
            );
        }
    }
    drop(parts);
    drop((post_end, pos_end));
    let (title_terms, title_at, origin_at, title_origins) = titles;
    Index {
        terms,
        postings: placed.into(),
        posting_at,
        avg: average(&lens),
        lens,
        positions: positions.into(),
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

/// The sorted vocabulary of all runs, and for each run its term ids' sorted ids.
fn vocabulary(parts: &mut [Part]) -> (Vec<String>, Vec<Vec<TermId>>) {
    let mut ids: FxHashMap<Box<str>, TermId> = FxHashMap::default();
    let mut to_merged = Vec::with_capacity(parts.len());
    for part in parts.iter_mut() {
        let mut map = vec![0 as TermId; part.postings.len()];
        for (word, local) in part.ids.drain() {
            let next = TermId::try_from(ids.len()).unwrap_or(TermId::MAX);
            let id = *ids.entry(word).or_insert(next);
            if let Some(slot) = map.get_mut(local as usize) {
                *slot = id;
            }
        }
        part.seen = Vec::new();
        part.slot = Vec::new();
        to_merged.push(map);
    }
    let mut words: Vec<Box<str>> = vec![Box::default(); ids.len()];
    for (word, id) in ids.drain() {
        if let Some(slot) = words.get_mut(id as usize) {
            *slot = word;
        }
    }
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
    for map in &mut to_merged {
        for id in map.iter_mut() {
            *id = renumber.get(*id as usize).copied().unwrap_or(TermId::MAX);
        }
    }
    (terms, to_merged)
}

type Titles = (Vec<TermId>, Vec<u32>, Vec<u32>, Vec<u32>);

/// Every run's title words, sorted term ids, in document order, with their offsets.
fn titles(parts: &[Part], to_sorted: &[Vec<TermId>]) -> Titles {
    let docs: usize = parts.iter().map(|p| p.title_at.len()).sum();
    let words: usize = parts.iter().map(|p| p.title_terms.len()).sum();
    let chars: usize = parts.iter().map(|p| p.title_origins.len()).sum();
    let mut terms = Vec::with_capacity(words);
    let mut title_at = Vec::with_capacity(docs + 1);
    let mut origin_at = Vec::with_capacity(words + 1);
    let mut origins = Vec::with_capacity(chars);
    title_at.push(0);
    origin_at.push(0);
    for (part, map) in parts.iter().zip(to_sorted) {
        let (word_base, char_base) = (to_u32(terms.len()), to_u32(origins.len()));
        let sorted = |&t: &TermId| map.get(t as usize).copied().unwrap_or(TermId::MAX);
        terms.extend(part.title_terms.iter().map(sorted));
        title_at.extend(part.title_at.iter().map(|&e| word_base.saturating_add(e)));
        origin_at.extend(part.origin_at.iter().map(|&e| char_base.saturating_add(e)));
        origins.extend_from_slice(&part.title_origins);
    }
    (terms, title_at, origin_at, origins)
}

/// Puts the postings and positions of one run's `stream` of one bucket at the end of each
/// of their terms' free space, which moves down; reads the stream from its end and shrinks
/// it as it goes.
fn place(
    mut stream: Vec<u8>,
    map: &[TermId],
    placed: &mut [Posting],
    post_end: &mut [usize],
    positions: &mut [u8],
    pos_end: &mut [usize],
) {
    let mut read = 0usize;
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
            if let (Some(p), Some(q)) = (post_end.get_mut(t), pos_end.get_mut(t)) {
                *p = p.saturating_sub(1);
                let posting = Posting {
                    doc,
                    title_tf,
                    body_tf,
                };
                if let Some(at) = placed.get_mut(*p) {
                    *at = posting;
                }
                let (head, head_len) = varint_bytes(len);
                let record = head_len + (end - start);
                *q = q.saturating_sub(record);
                if let Some(at) = positions.get_mut(*q..*q + record) {
                    at[..head_len].copy_from_slice(&head[..head_len]);
                    at[head_len..].copy_from_slice(&stream[start..end]);
                }
            }
            read += end - start;
            stream.truncate(start);
        }
        if read >= GIVE_BACK {
            stream.shrink_to_fit();
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
