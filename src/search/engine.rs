//! Run a query against the index: candidates, field filters, ranking, title highlights, then
//! match counts and snippets for the documents returned.
//! Must not touch the terminal, and must never panic whatever the query.

use std::sync::atomic::{AtomicBool, Ordering};

use fuzzy_matcher::skim::SkimMatcherV2;

use super::Index;
use super::fields::{date_matches, lang_matches, source_matches};
use super::index::{Posting, TermId};
use super::matching::{TermMatch, match_word, prefix_weights};
use super::phrase::Phrase;
use super::positional::{LastWord, phrase_docs};
use super::query::{Alternative, Clause, Query};
use super::score::Bm25;
use super::targets::Targets;
use crate::corpus::{Corpus, Document};
pub use ranked::{Detail, Ranked};
use rustc_hash::FxHashMap;
use scoring::Scorer;
use titles::TitleMarks;

/// One matching document: a row of the list, 32 bytes whatever it shows. Lists hold up to a
/// row per article (a million of them), made and dropped on each answer and each return to
/// the full list, and most rows are never shown: what only a row shown needs is boxed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Hit {
    /// Index into `corpus.docs`.
    pub doc: usize,
    pub score: i64,
    /// Occurrences of matched words in title and body: counted in the text for the first
    /// [`SNIPPET_HITS`] hits; beyond them, summed from the index (a word and its glued
    /// compound may then count twice, and a phrase counts once).
    pub matches: usize,
    shown: Option<Box<Shown>>,
}

// Four words: a field more would cost every list of a million rows its size again.
const _: () = assert!(std::mem::size_of::<Hit>() <= 4 * std::mem::size_of::<usize>());

/// What a row shows beyond its title and counts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Shown {
    title_matches: Vec<usize>,
    snippet: Option<Snippet>,
}

impl Hit {
    pub fn new(doc: usize, score: i64, matches: usize) -> Hit {
        Hit {
            doc,
            score,
            matches,
            shown: None,
        }
    }

    /// A row as no query ranks it: nothing matched, nothing to show but the article.
    pub fn of(doc: usize) -> Hit {
        Hit::new(doc, 0, 0)
    }

    /// Char indices into `corpus.docs[doc].title` to highlight, ascending; from [`rank`],
    /// empty until asked of [`Ranked::title_matches`].
    pub fn title_matches(&self) -> &[usize] {
        self.shown.as_ref().map_or(&[], |s| &s.title_matches)
    }

    /// Text around the best body match, for the list; None for an empty query, and for
    /// every hit after the first [`SNIPPET_HITS`] until the list asks for it.
    pub fn snippet(&self) -> Option<&Snippet> {
        self.shown.as_ref()?.snippet.as_ref()
    }

    /// Give the row its title highlights and snippet.
    pub fn show(&mut self, title_matches: Vec<usize>, snippet: Option<Snippet>) {
        self.shown = (!title_matches.is_empty() || snippet.is_some()).then(|| {
            Box::new(Shown {
                title_matches,
                snippet,
            })
        });
    }
}

/// A short excerpt of an article with the matched words marked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    /// One line of text (no newlines), at most ~160 chars, with `…` where it was cut.
    pub text: String,
    /// Char ranges into `text` to highlight, ascending, not overlapping.
    pub highlights: Vec<std::ops::Range<usize>>,
}

/// Hits (in ranking order) that get a snippet and an exact match count. Both re-read the
/// whole article, so doing it for every hit made a one-letter query re-read the corpus on
/// each keystroke; a person reads the first screens of a list, not the ten-thousandth entry.
pub const SNIPPET_HITS: usize = 200;

/// Hits ranked best first; every hit after them is still returned, in corpus order, so the
/// list length stays the honest count of matching documents (but see [`MAX_PREFIX_TERMS`](super::matching::MAX_PREFIX_TERMS)).
pub const RANKED_HITS: usize = 500;

/// All documents matching `query` (see [`Query::parse`] for the syntax): the first
/// [`RANKED_HITS`] best first, ties newest first (undated last), then in corpus order; the
/// others after them in corpus order. A word still being typed (and the last word of a
/// phrase being typed) stands for its most frequent continuations only: at most
/// [`MAX_PREFIX_TERMS`](super::matching::MAX_PREFIX_TERMS) vocabulary terms, holding about
/// eight postings per document between them, so for a short prefix the count is of the
/// documents holding those terms, a lower bound. A query with no words returns every
/// document in corpus order with no highlights, counts or snippets.
pub fn run(index: &Index, corpus: &Corpus, query: &str) -> Vec<Hit> {
    let never = AtomicBool::new(false);
    run_with_cancel(index, corpus, query, &never).unwrap_or_default()
}

/// [`run`] for a worker thread: gives up and returns `None` soon after `cancel` is set, so
/// a newer keystroke's query does not wait behind a stale one.
pub fn run_with_cancel(
    index: &Index,
    corpus: &Corpus,
    query: &str,
    cancel: &AtomicBool,
) -> Option<Vec<Hit>> {
    let (mut hits, ranked) =
        rank(index, corpus, query, cancel)?.with_snippets(corpus, SNIPPET_HITS, cancel)?;
    for hit in hits.iter_mut().skip(SNIPPET_HITS) {
        hit.show(ranked.title_matches(corpus, hit.doc), None);
    }
    Some(hits)
}

/// [`run_with_cancel`] without snippets (see [`Ranked`]).
pub fn rank(index: &Index, corpus: &Corpus, query: &str, cancel: &AtomicBool) -> Option<Ranked> {
    let query = Query::parse(query);
    if query.is_empty() {
        return Some(Ranked {
            hits: every_document(corpus),
            targets: Targets::default(),
            titles: TitleMarks::default(),
            blank: true,
            matches: 0,
        });
    }
    // Cheap clauses first so that phrase checks and exclusions only see surviving documents.
    let mut by_cost: Vec<usize> = (0..query.clauses.len()).collect();
    by_cost.sort_by_key(|&i| {
        let c = &query.clauses[i];
        (c.negated, c.alternatives.iter().any(is_phrase))
    });
    // The index may lag behind a reloaded corpus: never hand out a doc the corpus lacks.
    let n = corpus.docs.len().min(index.doc_count());
    let mut run = Run {
        index,
        corpus,
        cancel,
        matcher: SkimMatcherV2::default(),
        bm25: Bm25::new(index),
        alive: vec![true; n],
        highlight: FxHashMap::default(),
        targets: Targets::default(),
        counts: vec![0; n],
    };
    let mut total = vec![0f32; n];
    for &at in &by_cost {
        let clause = &query.clauses[at];
        run.targets.at_clause(at);
        let scores = run.clause(clause)?;
        for ((t, a), s) in total.iter_mut().zip(run.alive.iter_mut()).zip(&scores) {
            match (clause.negated, *s >= 0.0) {
                (false, true) => *t += s,
                (false, false) | (true, true) => *a = false,
                (true, false) => {}
            }
        }
    }
    // Scoring stops early once the query is stale: what it left is not an answer.
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    let phrases: Vec<Phrase> = query
        .clauses
        .iter()
        .filter(|c| !c.negated)
        .flat_map(|c| &c.alternatives)
        .filter_map(|a| a.text_part())
        .filter_map(as_phrase)
        .collect();
    let titles = TitleMarks::new(index, &run.highlight, &phrases);
    // Score 0 only for queries that exclude and ask for nothing. Totals are sums of scores
    // of at least 0, so adding a half and truncating rounds them, without a call to `round`
    // for each of a hundred thousand hits.
    let score = |d: usize| (f64::from(total[d]) * 1000.0 + 0.5) as i64;
    let hits = order::order(
        &index.dates(corpus),
        &run.alive,
        score,
        |d| run.counts[d] as usize,
        RANKED_HITS,
    );
    // Summed over the documents' counts, not the hits: a tenth of the bytes to read.
    let matches = (run.alive.iter().zip(&run.counts))
        .filter(|&(&alive, _)| alive)
        .map(|(_, &c)| c as usize)
        .sum();
    Some(Ranked {
        hits,
        targets: run.targets,
        titles,
        blank: false,
        matches,
    })
}

/// State of one query run. A score of -1 in a per-document vector means "does not match".
struct Run<'a> {
    index: &'a Index,
    corpus: &'a Corpus,
    cancel: &'a AtomicBool,
    matcher: SkimMatcherV2,
    bm25: Bm25,
    alive: Vec<bool>,
    /// Char positions to highlight per vocabulary term, from positive words only.
    highlight: FxHashMap<TermId, Vec<usize>>,
    /// What the positive words and phrases stand for, for match counts and snippets.
    targets: Targets,
    /// Per document, occurrences of positive words from the postings (and 1 per phrase):
    /// the match count of hits that are not re-read for a snippet.
    counts: Vec<u32>,
}

impl Run<'_> {
    /// Best score over the clause's alternatives, per document.
    fn clause(&mut self, clause: &Clause) -> Option<Vec<f32>> {
        let mut best = vec![-1f32; self.alive.len()];
        let positive = !clause.negated;
        for (alt, label) in clause.alternatives.iter().zip(&clause.typed) {
            if self.cancel.load(Ordering::Relaxed) {
                return None;
            }
            let title_only = matches!(alt, Alternative::Title(_));
            let scores = match (alt, alt.text_part()) {
                (_, Some(Alternative::Word(w))) => {
                    let matches = match_word(self.index, &self.matcher, w, self.cancel)?;
                    if positive {
                        self.targets
                            .push_word(label, title_only, self.index, &matches);
                    }
                    self.score_matches(&matches, positive, title_only)
                }
                (
                    _,
                    Some(
                        phrase @ Alternative::Phrase {
                            words,
                            last_is_prefix,
                        },
                    ),
                ) => {
                    let scores = self.phrase(phrase, title_only)?;
                    if positive {
                        self.targets
                            .push_phrase(label, title_only, words, *last_is_prefix);
                        for (c, s) in self.counts.iter_mut().zip(&scores) {
                            *c += u32::from(*s >= 0.0);
                        }
                    }
                    scores
                }
                (Alternative::Source(words), _) => self.filter(|d| source_matches(d, words)),
                (Alternative::Date(range), _) => self.filter(|d| date_matches(d, range)),
                (Alternative::Lang(code), _) => self.filter(|d| lang_matches(d, code)),
                _ => vec![-1.0; self.alive.len()],
            };
            for (b, s) in best.iter_mut().zip(scores) {
                *b = b.max(s);
            }
        }
        Some(best)
    }

    /// A document's score for a word is its best vocabulary match, not the sum: a short
    /// prefix standing for hundreds of terms must not outweigh one exact word.
    fn score_matches(&mut self, matches: &[TermMatch], record: bool, title_only: bool) -> Vec<f32> {
        let terms: Vec<(TermId, f32)> = matches.iter().map(|m| (m.term, m.weight)).collect();
        if record {
            for m in matches {
                self.highlight
                    .entry(m.term)
                    .or_default()
                    .extend(&m.positions);
            }
        }
        self.score_terms(&terms, record, title_only)
    }

    /// [`Run::score_matches`] of terms and their weights: a phrase's word being typed stands
    /// for thousands of terms, and a [`TermMatch`] each was much of the time of `"p`.
    fn score_terms(
        &mut self,
        matches: &[(TermId, f32)],
        record: bool,
        title_only: bool,
    ) -> Vec<f32> {
        let scorer = Scorer {
            index: self.index,
            bm25: &self.bm25,
            norms: self.index.norms(),
            alive: &self.alive,
            cancel: self.cancel,
        };
        // One word, one rarity: the documents holding any of its forms. A rare variant or
        // continuation weighed by its own rarity would outrank the word itself.
        let scored = scorer.best(matches, title_only, record);
        if let Some(counts) = scored.counts {
            for (c, n) in self.counts.iter_mut().zip(counts) {
                *c += n;
            }
        }
        scored.best
    }

    /// Documents holding every word of the phrase (exactly; the last by prefix while typed),
    /// then checked for adjacent positions in the index.
    fn phrase(&mut self, alt: &Alternative, title_only: bool) -> Option<Vec<f32>> {
        let Some(phrase) = as_phrase(alt) else {
            return Some(vec![-1.0; self.alive.len()]);
        };
        let mut total: Vec<f32> = self
            .alive
            .iter()
            .map(|&a| if a { 0.0 } else { -1.0 })
            .collect();
        let last = phrase.words.len() - 1;
        let whole = if phrase.last_is_prefix {
            last
        } else {
            last + 1
        };
        for w in &phrase.words[..whole] {
            let terms: Vec<(TermId, f32)> = self
                .index
                .term_id(w)
                .map(|t| (t, 1.0))
                .into_iter()
                .collect();
            let scores = self.score_terms(&terms, false, title_only);
            for (t, s) in total.iter_mut().zip(scores) {
                *t = if *t < 0.0 || s < 0.0 { -1.0 } else { *t + s };
            }
        }
        let candidates: Vec<bool> = total.iter().map(|&t| t >= 0.0).collect();
        // The word being typed is scored on the term that completes the phrase, found as
        // the phrase is checked: scoring every continuation over its postings first was a
        // second walk of millions of postings for `"p` or `"parquet f`.
        let typed = if phrase.last_is_prefix {
            prefix_weights(self.index, &phrase.words[last])
        } else {
            Vec::new()
        };
        let ids: Vec<TermId> = typed.iter().map(|&(t, _)| t).collect();
        let last_word = if phrase.last_is_prefix {
            LastWord::Typed { terms: &ids }
        } else {
            LastWord::Exact
        };
        let found = phrase_docs(
            self.index,
            phrase.words,
            last_word,
            title_only,
            &candidates,
            self.cancel,
        )?;
        let mut worth = vec![0f32; total.len()];
        for &(d, k, p) in &found.completed {
            let field = if title_only {
                Posting { body_tf: 0, ..p }
            } else {
                p
            };
            let weight = typed.get(k).map_or(0.0, |t| t.1);
            if let Some(w) = worth.get_mut(d) {
                *w = weight * self.bm25.tf_part(&field, self.index.norms().of(d));
            }
        }
        let held = found.held;
        // The typed word's rarity: that of the phrases it completes.
        let idf = self.bm25.idf(held.iter().filter(|&&h| h).count());
        for (d, (t, held)) in total.iter_mut().zip(held).enumerate() {
            *t = if held {
                *t + idf * worth.get(d).copied().unwrap_or(0.0)
            } else {
                -1.0
            };
        }
        Some(total)
    }
}

impl Run<'_> {
    /// 0 for the living documents `keep` accepts: a filter narrows, it does not rank.
    fn filter(&self, keep: impl Fn(&Document) -> bool) -> Vec<f32> {
        (0..self.alive.len())
            .map(|d| {
                let ok = self.alive[d] && self.corpus.docs.get(d).is_some_and(&keep);
                if ok { 0.0 } else { -1.0 }
            })
            .collect()
    }
}

fn is_phrase(alt: &Alternative) -> bool {
    matches!(alt.text_part(), Some(Alternative::Phrase { .. }))
}

fn as_phrase(alt: &Alternative) -> Option<Phrase<'_>> {
    match alt {
        Alternative::Phrase {
            words,
            last_is_prefix,
        } if !words.is_empty() => Some(Phrase {
            words,
            last_is_prefix: *last_is_prefix,
        }),
        _ => None,
    }
}

fn every_document(corpus: &Corpus) -> Vec<Hit> {
    (0..corpus.docs.len()).map(Hit::of).collect()
}

mod order;
mod ranked;
mod scoring;
mod titles;

#[cfg(test)]
mod tests;
