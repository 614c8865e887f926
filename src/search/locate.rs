//! Where a query matches inside one article: char ranges in the title and in each block for
//! the reader's highlights and `n`/`N`, counts per query term for the sidebar; and the
//! in-article find. Must not rank or choose documents.

use std::ops::Range;
use std::sync::atomic::AtomicBool;

use super::Index;
use super::fold::{fold, fold_str};
use super::query::Query;
use super::targets::{Targets, merge};
use crate::corpus::Document;

/// Matches inside one document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocMatches {
    /// Char ranges into `doc.title`.
    pub title: Vec<Range<usize>>,
    /// `(block index into doc.blocks, char range into that block's text)`, in reading order.
    pub blocks: Vec<(usize, Range<usize>)>,
    /// Each query term as the user typed it, with its number of occurrences in the document.
    pub per_term: Vec<(String, usize)>,
}

/// Every occurrence in `doc` of the words `query` matched (exact, prefix or fuzzy, as the
/// engine matched them), for highlighting. Excluded terms (`-x`) are not highlighted.
pub fn locate(index: &Index, doc: &Document, query: &str) -> DocMatches {
    let never = AtomicBool::new(false);
    match Targets::from_query(index, &Query::parse(query), &never) {
        Some(targets) => locate_targets(&targets, doc),
        None => DocMatches::default(),
    }
}

/// [`locate`] for targets already matched against the vocabulary (a query's ranking has
/// them): no vocabulary scan, so it is cheap enough for the UI thread.
pub fn locate_targets(targets: &Targets, doc: &Document) -> DocMatches {
    if targets.is_empty() {
        return DocMatches::default();
    }
    let occurrences = targets.occurrences(doc);
    let per_term = targets.per_term(&occurrences);
    let mut out = gather(occurrences.into_iter().map(|o| (o.block, o.range)));
    out.per_term = per_term;
    out
}

/// In-article find: every occurrence of `needle` in title and blocks, compared after the one
/// folding (case, accents, ligatures, quotes), as a substring.
pub fn find_text(doc: &Document, needle: &str) -> DocMatches {
    let folded_needle = fold_str(needle.trim());
    if folded_needle.is_empty() {
        return DocMatches::default();
    }
    let texts = std::iter::once((None, doc.title.as_str())).chain(
        doc.blocks
            .iter()
            .enumerate()
            .map(|(b, t)| (Some(b), t.text())),
    );
    let mut found = Vec::new();
    for (block, text) in texts {
        let folded = fold(text);
        // Byte offsets of the folded text's chars, to turn a byte match into char indices.
        let starts: Vec<usize> = folded.text.char_indices().map(|(i, _)| i).collect();
        let mut from = 0;
        while let Some(p) = folded.text.get(from..).and_then(|t| t.find(&folded_needle)) {
            let a = from + p;
            let b = a + folded_needle.len();
            let ca = starts.partition_point(|&s| s < a);
            let cb = starts.partition_point(|&s| s < b);
            let (Some(&oa), Some(&ob)) =
                (folded.origin.get(ca), folded.origin.get(cb.wrapping_sub(1)))
            else {
                break;
            };
            found.push((block, oa..ob + 1));
            // Matches do not overlap: `aa` in `aaaa` is found twice, as a reader counts.
            from = b;
        }
    }
    let mut out = gather(found.into_iter());
    let count = out.title.len() + out.blocks.len();
    out.per_term = vec![(needle.trim().to_string(), count)];
    out
}

/// Ranges sorted into title and blocks, overlapping ones merged.
fn gather(found: impl Iterator<Item = (Option<usize>, Range<usize>)>) -> DocMatches {
    let mut title = Vec::new();
    let mut by_block: Vec<(usize, Range<usize>)> = Vec::new();
    for (block, range) in found {
        match block {
            None => title.push(range),
            Some(b) => by_block.push((b, range)),
        }
    }
    by_block.sort_by_key(|(b, r)| (*b, r.start, r.end));
    let mut blocks: Vec<(usize, Range<usize>)> = Vec::with_capacity(by_block.len());
    for (b, r) in by_block {
        match blocks.last_mut() {
            Some((lb, lr)) if *lb == b && r.start < lr.end => lr.end = lr.end.max(r.end),
            _ => blocks.push((b, r)),
        }
    }
    DocMatches {
        title: merge(title),
        blocks,
        per_term: Vec::new(),
    }
}
