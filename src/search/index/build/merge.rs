//! The runs' vocabularies merged into one sorted vocabulary, and their title words
//! renumbered into it. Must not lay out postings or positions (fill.rs does).

use rustc_hash::FxHashMap;

use super::super::{TermId, Terms};
use super::{Part, to_u32};

/// The sorted vocabulary of all runs, and for each run its term ids' sorted ids.
pub(super) fn vocabulary(parts: &mut [Part]) -> (Terms, Vec<Vec<TermId>>) {
    let mut ids: FxHashMap<Box<str>, TermId> = FxHashMap::default();
    let mut to_merged = Vec::with_capacity(parts.len());
    for part in parts.iter_mut() {
        let mut map = vec![0 as TermId; part.terms.len()];
        for (word, local) in part.ids.drain() {
            let next = TermId::try_from(ids.len()).unwrap_or(TermId::MAX);
            let id = *ids.entry(word).or_insert(next);
            if let Some(slot) = map.get_mut(local as usize) {
                *slot = id;
            }
        }
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
    // Beyond 4 GB of distinct words, none: no machine this runs on holds such an index.
    let sorted = order
        .iter()
        .map(|&old| std::mem::take(&mut words[old as usize]));
    let terms = Terms::from_sorted(sorted).unwrap_or_default();
    for map in &mut to_merged {
        for id in map.iter_mut() {
            *id = renumber.get(*id as usize).copied().unwrap_or(TermId::MAX);
        }
    }
    (terms, to_merged)
}

pub(super) type Titles = (Vec<TermId>, Vec<u32>, Vec<u32>, Vec<u32>);

/// Every run's title words, sorted term ids, in document order, with their offsets.
pub(super) fn titles(parts: &[Part], to_sorted: &[Vec<TermId>]) -> Titles {
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
