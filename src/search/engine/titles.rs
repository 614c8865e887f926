//! Which chars of a hit's title to highlight: the vocabulary terms the query's words stand
//! for, and its phrases. Computed for every hit of every keystroke, so it works from the
//! index's title words and reads a title's text only when a phrase may be in it.
//! Must not decide which documents match nor rank them.

use std::ops::Range;

use crate::corpus::Corpus;
use crate::search::Index;
use crate::search::index::TermId;
use crate::search::phrase::Phrase;
use rustc_hash::FxHashMap;

pub(super) struct TitleHighlights<'a> {
    index: &'a Index,
    corpus: &'a Corpus,
    highlight: &'a FxHashMap<TermId, Vec<usize>>,
    /// One bit per vocabulary term, set for the keys of `highlight`: most title words are
    /// none of them, and a bit costs less than a map lookup on each word of every hit.
    lit: Vec<u64>,
    /// Per phrase, the terms its first word may be in a title: a title holding none of them
    /// cannot hold the phrase, and tokenising every title of a phrase query cost more than
    /// the rest of the query.
    phrases: Vec<(Phrase<'a>, Range<TermId>)>,
}

impl<'a> TitleHighlights<'a> {
    pub(super) fn new(
        index: &'a Index,
        corpus: &'a Corpus,
        highlight: &'a FxHashMap<TermId, Vec<usize>>,
        phrases: &[Phrase<'a>],
    ) -> Self {
        let phrases = phrases
            .iter()
            .map(|p| {
                let first = p.words.first().map_or("", String::as_str);
                let terms = if p.words.len() == 1 && p.last_is_prefix {
                    index.prefix_range(first)
                } else {
                    index
                        .term_id(first)
                        .map_or(0..0, |t| t..t.saturating_add(1))
                };
                (*p, terms)
            })
            .collect();
        let mut lit = vec![0u64; index.vocabulary().len() / 64 + 1];
        for &t in highlight.keys() {
            if let Some(w) = lit.get_mut(t as usize / 64) {
                *w |= 1 << (t % 64);
            }
        }
        TitleHighlights {
            index,
            corpus,
            highlight,
            lit,
            phrases,
        }
    }

    fn is_lit(&self, term: TermId) -> bool {
        self.lit
            .get(term as usize / 64)
            .is_some_and(|w| w & (1 << (term % 64)) != 0)
    }

    /// Char indices into the title of `doc`, ascending, each once.
    pub(super) fn of(&self, doc: usize) -> Vec<usize> {
        let words = self.index.title_words(doc);
        let mut out: Vec<usize> = words
            .iter()
            .filter(|w| self.is_lit(w.term))
            .filter_map(|w| Some((w, self.highlight.get(&w.term)?)))
            .flat_map(|(w, positions)| positions.iter().filter_map(|&p| w.origin.get(p).copied()))
            .collect();
        let mut title = None;
        for (phrase, terms) in &self.phrases {
            if !words.iter().any(|w| terms.contains(&w.term)) {
                continue;
            }
            let text: &str =
                title.get_or_insert_with(|| self.corpus.docs.get(doc).map_or("", |d| &d.title));
            out.extend(phrase.chars_in(text));
        }
        if out.is_empty() {
            return out;
        }
        let title = title.unwrap_or_else(|| self.corpus.docs.get(doc).map_or("", |d| &d.title));
        // Only an index lagging behind a reloaded corpus points past the title; a char is at
        // most 4 bytes, so most titles need no counting to know it.
        let past_end = out.iter().any(|&c| c >= title.len() / 4);
        if past_end {
            let title_len = title.chars().count();
            out.retain(|&c| c < title_len);
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}
