//! One folded query word against the vocabulary: exact, prefix, then typo-tolerant matches.
//! Must not look at documents, postings or scores across terms.

use std::sync::atomic::{AtomicBool, Ordering};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::index::{Index, TermId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    Exact,
    Prefix,
    /// A typo: letters left out (SkimMatcherV2) or one or two edits (transposed, doubled…).
    Fuzzy,
}

/// A vocabulary term that a query word stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct TermMatch {
    pub term: TermId,
    pub kind: MatchKind,
    /// How much a hit on this term is worth next to an exact hit (1.0).
    pub weight: f32,
    /// Char positions within the vocabulary term to highlight.
    pub positions: Vec<usize>,
}

/// Below this, a word is too short for a typo to be told from another word.
const MIN_FUZZY_LEN: usize = 4;
/// Share of the perfect SkimMatcherV2 score a fuzzy match must reach; one missing letter
/// scores ~0.9, letters scattered across a longer word much less.
const MIN_SKIM_RATIO: f32 = 0.75;
/// How often a long vocabulary scan looks at the cancel flag.
const CANCEL_EVERY: usize = 4096;

/// Letters a typo may add or remove: grows with the word so that short words stay strict
/// (`zqxjk` matches nothing) and long ones forgive more.
fn typo_budget(len: usize) -> usize {
    match len {
        0..MIN_FUZZY_LEN => 0,
        4..=7 => 1,
        8..=11 => 2,
        _ => 3,
    }
}

/// From this length, a word one letter away from a real word is a spelling of the same word
/// (`djihadiste` / `jihadiste`) far more often than another word.
const MIN_VARIANT_LEN: usize = 8;

/// Every vocabulary term `word` (folded) stands for. Typos are only tried when no word
/// equals or starts with `word`: a real word like `etat` must not also pull in `etait`.
/// Long words also take their one-letter spelling variants. `None` when cancelled.
pub fn match_word(
    index: &Index,
    matcher: &SkimMatcherV2,
    word: &str,
    cancel: &AtomicBool,
) -> Option<Vec<TermMatch>> {
    let mut out = match_prefix_capped(index, word);
    let qlen = word.chars().count();
    if !out.is_empty() {
        if qlen >= MIN_VARIANT_LEN {
            let known: Vec<TermId> = out.iter().map(|m| m.term).collect();
            let variants = variants(index, word, cancel)?;
            out.extend(variants.into_iter().filter(|m| !known.contains(&m.term)));
        }
        return Some(out);
    }
    fuzzy(index, matcher, word, typo_budget(qlen), cancel)
}

/// Most vocabulary terms a word typed so far stands for. A one-letter prefix starts thousands
/// of words; scoring each of their postings on every keystroke was most of the time of `r`
/// or `p`, and the person is still typing. The most frequent continuations are kept: they
/// hold nearly all the matching documents (the vocabulary is Zipfian), so the result list
/// barely changes, but a document holding only rare continuations is then not returned.
pub const MAX_PREFIX_TERMS: usize = 256;

/// Postings per document the continuations of a word being typed may hold between them,
/// beyond the most frequent one (and the exact term): `p` at 100 000 articles was 2.7
/// million postings in its 256 most frequent terms, when its first few already hold nearly
/// every document. Never fewer than [`MIN_PREFIX_POSTINGS`], so a small corpus keeps them all.
const PREFIX_POSTINGS_PER_DOC: usize = 8;
const MIN_PREFIX_POSTINGS: usize = 1 << 16;

/// [`match_prefix`] keeping the exact term and the [`MAX_PREFIX_TERMS`] continuations found
/// in most documents, in vocabulary order. Chosen by id before any match is built: a
/// one-letter prefix starts thousands of terms.
fn match_prefix_capped(index: &Index, word: &str) -> Vec<TermMatch> {
    let qlen = word.chars().count();
    prefix_terms(index, word)
        .into_iter()
        .map(|t| prefix_match(index, t, qlen))
        .collect()
}

/// The terms a word being typed stands for: every term starting with it, or the
/// [`capped_prefix`] choice when they are too many; none for an empty word.
fn prefix_terms(index: &Index, word: &str) -> Vec<TermId> {
    if word.is_empty() {
        return Vec::new();
    }
    capped_prefix(index, word).unwrap_or_else(|| index.prefix_range(word).collect())
}

/// The exact term and the continuations of `word` found in most documents, at most
/// [`MAX_PREFIX_TERMS`] of them and, after the first, within the postings budget (see
/// [`PREFIX_POSTINGS_PER_DOC`]), in vocabulary order; `None` when every term starting with
/// `word` fits.
fn capped_prefix(index: &Index, word: &str) -> Option<Vec<TermId>> {
    let budget = (PREFIX_POSTINGS_PER_DOC * index.doc_count()).max(MIN_PREFIX_POSTINGS);
    capped_within(index, word, budget)
}

/// [`capped_prefix`] with a budget of `budget` postings.
fn capped_within(index: &Index, word: &str, budget: usize) -> Option<Vec<TermId>> {
    let range = index.prefix_range(word);
    if word.is_empty() {
        return None;
    }
    let held = |t: TermId| index.postings(t).len();
    if range.len() <= MAX_PREFIX_TERMS && range.clone().map(held).sum::<usize>() <= budget {
        return None;
    }
    let mut ids: Vec<TermId> = range.collect();
    let key = |&t: &TermId| (index.term(t) != word, std::cmp::Reverse(held(t)), t);
    if ids.len() > MAX_PREFIX_TERMS {
        ids.select_nth_unstable_by_key(MAX_PREFIX_TERMS - 1, key);
        ids.truncate(MAX_PREFIX_TERMS);
    }
    ids.sort_unstable_by_key(key);
    // The exact term and the most frequent continuation stay whatever they hold.
    let always = if ids.first().is_some_and(|&t| index.term(t) == word) {
        2
    } else {
        1
    };
    let mut spent = 0;
    let within = ids
        .iter()
        .enumerate()
        .take_while(|&(i, &t)| {
            spent += held(t);
            i < always || spent <= budget
        })
        .count();
    ids.truncate(within);
    ids.sort_unstable();
    Some(ids)
}

/// Terms that start with `word` give or take one letter (`jihadiste` → `djihadistes`).
/// Only a letter added or left out: a changed letter makes another word too often
/// (`terroriste`, `terrorisme`).
fn variants(index: &Index, word: &str, cancel: &AtomicBool) -> Option<Vec<TermMatch>> {
    let q: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    let mut t: Vec<char> = Vec::new();
    for (k, (i, term)) in candidates(index, &q).enumerate() {
        if k % CANCEL_EVERY == 0 && cancel.load(Ordering::Relaxed) {
            return None;
        }
        if !head_may_match(term, &q) {
            continue;
        }
        t.clear();
        t.extend(term.chars().take(q.len() + 1));
        let found = [q.len() - 1, q.len() + 1]
            .into_iter()
            .any(|k| k <= t.len() && one_letter_apart(&q, &t[..k]));
        if let (true, Ok(id)) = (found, TermId::try_from(i)) {
            let tlen = term.chars().count();
            out.push(TermMatch {
                term: id,
                kind: MatchKind::Fuzzy,
                weight: 0.4,
                positions: (0..tlen).collect(),
            });
        }
    }
    Some(out)
}

/// The vocabulary terms that may pass [`head_may_match`], with their ids, in vocabulary order.
fn candidates<'a>(index: &'a Index, q: &[char]) -> impl Iterator<Item = (usize, &'a str)> {
    let terms = index.vocabulary();
    heads::head_ranges(terms, q)
        .into_iter()
        .flat_map(move |r| r.map(move |i| (i, terms.at(i))))
}

/// The cheap test both typo scans make before anything costlier: `term` starts with the
/// query's first letter, with its first two letters swapped, or with one letter more in
/// front (`djihad` for `jihad`). `q` is the query word's chars, never empty.
fn head_may_match(term: &str, q: &[char]) -> bool {
    let mut head = term.chars();
    let (first, second) = (head.next(), head.next());
    first == Some(q[0]) || second == Some(q[0]) || first == q.get(1).copied()
}

/// True when `a` and `b` differ by exactly one letter added or left out.
fn one_letter_apart(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    if long.len() != short.len() + 1 {
        return false;
    }
    let p = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    short[p..] == long[p + 1..]
}

/// Vocabulary terms within `budget` typos of `word`: SkimMatcherV2 for left-out letters, edit
/// distance for the rest.
fn fuzzy(
    index: &Index,
    matcher: &SkimMatcherV2,
    word: &str,
    budget: usize,
    cancel: &AtomicBool,
) -> Option<Vec<TermMatch>> {
    let mut out = Vec::new();
    let qlen = word.chars().count();
    if budget == 0 {
        return Some(out);
    }
    let q: Vec<char> = word.chars().collect();
    let perfect = matcher.fuzzy_match(word, word).unwrap_or(1).max(1) as f32;
    let mut t: Vec<char> = Vec::new();
    let mut rows = DistanceRows::default();
    for (k, (i, term)) in candidates(index, &q).enumerate() {
        if k % CANCEL_EVERY == 0 && cancel.load(Ordering::Relaxed) {
            return None;
        }
        // Cheap prefilter before any scoring: the term must start like the word…
        if !head_may_match(term, &q) {
            continue;
        }
        // …and be in the length band (counted second: counting chars of every term of the
        // vocabulary was most of the time of a word that matches nothing).
        if term.len() + budget < qlen {
            continue;
        }
        let tlen = term.chars().count();
        if tlen + budget < qlen || tlen > qlen + budget {
            continue;
        }
        let Ok(id) = TermId::try_from(i) else { break };
        if tlen > qlen
            && let Some((score, positions)) = matcher.fuzzy_indices(term, word)
        {
            let ratio = score as f32 / perfect;
            if ratio >= MIN_SKIM_RATIO {
                out.push(TermMatch {
                    term: id,
                    kind: MatchKind::Fuzzy,
                    weight: 0.2 + 0.25 * ratio.min(1.0),
                    positions,
                });
                continue;
            }
        }
        t.clear();
        t.extend(term.chars());
        if let Some(d) = rows.within(&q, &t, budget) {
            out.push(TermMatch {
                term: id,
                kind: MatchKind::Fuzzy,
                weight: 0.4 - 0.1 * d as f32,
                positions: (0..tlen).collect(),
            });
        }
    }
    Some(out)
}

/// Vocabulary terms equal to `word` (first, if any) or starting with it.
pub fn match_prefix(index: &Index, word: &str) -> Vec<TermMatch> {
    let qlen = word.chars().count();
    if qlen == 0 {
        return Vec::new();
    }
    index
        .prefix_range(word)
        .map(|term| prefix_match(index, term, qlen))
        .collect()
}

/// The vocabulary terms a phrase's last word, still being typed, stands for, with the
/// weight of their [`match_prefix`] match and nothing else to allocate per term: as for a
/// word being typed, the exact term and at most [`MAX_PREFIX_TERMS`] continuations.
pub fn prefix_weights(index: &Index, word: &str) -> Vec<(TermId, f32)> {
    let qlen = word.chars().count();
    let weight = |term: TermId| (term, prefix_weight(qlen, index.term(term).chars().count()));
    prefix_terms(index, word).into_iter().map(weight).collect()
}

/// How much a term of `tlen` chars starting with a query word of `qlen` chars is worth.
fn prefix_weight(qlen: usize, tlen: usize) -> f32 {
    if tlen == qlen {
        1.0
    } else {
        // A prefix covering most of the word is nearly as good as the word.
        0.5 + 0.4 * qlen as f32 / tlen as f32
    }
}

/// `term`, known to start with a query word of `qlen` chars, as a match of that word.
fn prefix_match(index: &Index, term: TermId, qlen: usize) -> TermMatch {
    let tlen = index.term(term).chars().count();
    TermMatch {
        term,
        kind: if tlen == qlen {
            MatchKind::Exact
        } else {
            MatchKind::Prefix
        },
        weight: prefix_weight(qlen, tlen),
        positions: (0..qlen).collect(),
    }
}

/// Optimal-string-alignment distance (insert, delete, substitute, swap neighbours) when it is
/// at most `max`; rows stop early once every cell exceeds `max`.
#[cfg(test)]
fn edit_distance_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    DistanceRows::default().within(a, b, max)
}

/// The rows [`edit_distance_within`] works in, kept from one term to the next: allocating
/// them per term was much of the time of a typo scan.
#[derive(Default)]
struct DistanceRows {
    prev2: Vec<usize>,
    prev: Vec<usize>,
    cur: Vec<usize>,
}

impl DistanceRows {
    fn within(&mut self, a: &[char], b: &[char], max: usize) -> Option<usize> {
        if a.len().abs_diff(b.len()) > max {
            return None;
        }
        let w = b.len() + 1;
        let DistanceRows { prev2, prev, cur } = self;
        prev2.clear();
        prev2.resize(w, 0);
        prev.clear();
        prev.extend(0..w);
        cur.clear();
        cur.resize(w, 0);
        distance_rows(a, b, max, prev2, prev, cur)
    }
}

fn distance_rows(
    a: &[char],
    b: &[char],
    max: usize,
    prev2: &mut Vec<usize>,
    prev: &mut Vec<usize>,
    cur: &mut Vec<usize>,
) -> Option<usize> {
    let w = b.len() + 1;
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..w {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(prev2, prev);
        std::mem::swap(prev, cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

mod heads;
#[cfg(test)]
mod tests;
