//! Laying the runs out as the index: the vocabulary merged and sorted, each term's postings
//! and positions counted to size the flat arrays exactly, then every run's records placed,
//! read from the end of its buffers so their memory goes back as the index's grows.
//! Must not read documents (the runs did).

use rustc_hash::FxHashMap;

use super::super::positions::varint_bytes;
use super::super::{Index, Posting, TermId, average};
use super::{Part, saturate, to_u32};

/// How much of a run's buffers is read between two givings back of their memory: often
/// enough that the transient stays small, rarely enough that the reallocations are few.
const GIVE_BACK: usize = 1 << 20;

/// Bytes a posting takes in the flat byte form it is placed in before it becomes a
/// [`Posting`]: documents, title and body frequencies, little-endian.
const POSTING: usize = 8;

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
    // Every document has terms all over the vocabulary, so most pages are touched early:
    // the peak is about the runs' buffers (varints, smaller than the index) plus the index.
    let mut placed = vec![0u8; posting_at[n] * POSTING];
    let mut positions = vec![0u8; position_at[n]];
    let mut post_end: Vec<usize> = posting_at[1..].to_vec();
    let mut pos_end: Vec<usize> = position_at[1..].to_vec();
    // Last run first, last document first: each term's list fills from its end, in order.
    while let Some(part) = parts.pop() {
        let map = to_sorted.get(parts.len()).map_or(&[][..], Vec::as_slice);
        place(
            part,
            map,
            &mut placed,
            &mut post_end,
            &mut positions,
            &mut pos_end,
        );
    }
    drop((post_end, pos_end));
    let postings = postings_of(placed);
    let (title_terms, title_at, origin_at, title_origins) = titles;
    Index {
        terms,
        postings: postings.into(),
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
        part.ids = FxHashMap::default();
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

/// Puts `part`'s postings (as bytes) and positions at the end of each of its terms' free
/// space, which moves down; reads its buffers from their ends and shrinks them as it goes.
fn place(
    mut part: Part,
    map: &[TermId],
    placed: &mut [u8],
    post_end: &mut [usize],
    positions: &mut [u8],
    pos_end: &mut [usize],
) {
    let mut doc = part.start as usize + part.doc_hits.len();
    let mut read = 0usize;
    while let Some(count) = part.doc_hits.pop() {
        doc -= 1;
        for _ in 0..count {
            if part.stream.is_empty() {
                return;
            }
            let term = pop_back(&mut part.stream);
            let title_tf = saturate(pop_back(&mut part.stream));
            let body_tf = saturate(pop_back(&mut part.stream));
            let len = pop_back(&mut part.stream);
            let end = part.stream.len();
            let start = end.saturating_sub(len as usize);
            let t = map.get(term as usize).copied().unwrap_or(TermId::MAX) as usize;
            if let (Some(p), Some(q)) = (post_end.get_mut(t), pos_end.get_mut(t)) {
                *p = p.saturating_sub(1);
                let posting = Posting {
                    doc: to_u32(doc),
                    title_tf,
                    body_tf,
                };
                if let Some(at) = placed.get_mut(*p * POSTING..(*p + 1) * POSTING) {
                    at.copy_from_slice(&posting.to_bytes());
                }
                let (head, head_len) = varint_bytes(len);
                let record = head_len + (end - start);
                *q = q.saturating_sub(record);
                if let Some(at) = positions.get_mut(*q..*q + record) {
                    at[..head_len].copy_from_slice(&head[..head_len]);
                    at[head_len..].copy_from_slice(&part.stream[start..end]);
                }
            }
            read += end - start;
            part.stream.truncate(start);
        }
        if read >= GIVE_BACK {
            part.stream.shrink_to_fit();
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

/// The placed bytes as postings, converted from the end so the bytes' memory goes back as
/// the postings' grows.
fn postings_of(mut placed: Vec<u8>) -> Vec<Posting> {
    let mut out = Vec::with_capacity(placed.len() / POSTING);
    while !placed.is_empty() {
        let from = placed.len().saturating_sub(GIVE_BACK) / POSTING * POSTING;
        out.extend(
            placed[from..]
                .chunks_exact(POSTING)
                .rev()
                .map(Posting::from_bytes),
        );
        placed.truncate(from);
        placed.shrink_to_fit();
    }
    out.reverse();
    out
}
