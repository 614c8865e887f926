//! Which chars of a hit's title to highlight: the vocabulary terms the query's words stand
//! for, and its phrases. Kept with the ranking and asked per row shown, so it reads the title
//! itself and holds no borrow of the index.
//! Must not decide which documents match nor rank them.

use crate::search::Index;
use crate::search::index::TermId;
use crate::search::phrase::{Phrase, Words};
use crate::search::tokens::Tokenizer;
use rustc_hash::FxHashMap;

/// What a query highlights in titles. Computing it for every hit of every keystroke (a
/// one-letter query has thousands) was the largest part of ranking them, for the few rows a
/// list shows; so it is computed per row, when the row is asked for.
#[derive(Debug, Clone, Default)]
pub(super) struct TitleMarks {
    /// Folded vocabulary term → char positions within it to highlight.
    by_term: FxHashMap<String, Vec<usize>>,
    /// Each phrase's folded words, and whether the last is still being typed.
    phrases: Vec<(Vec<String>, bool)>,
}

impl TitleMarks {
    pub(super) fn new(
        index: &Index,
        highlight: &FxHashMap<TermId, Vec<usize>>,
        phrases: &[Phrase<'_>],
    ) -> Self {
        TitleMarks {
            by_term: highlight
                .iter()
                .map(|(&t, positions)| (index.term(t).to_string(), positions.clone()))
                .collect(),
            phrases: phrases
                .iter()
                .map(|p| (p.words.to_vec(), p.last_is_prefix))
                .collect(),
        }
    }

    /// Char indices into `title`, ascending, each once.
    pub(super) fn of(&self, title: &str) -> Vec<usize> {
        let mut out = Vec::new();
        if self.by_term.is_empty() && self.phrases.is_empty() {
            return out;
        }
        let mut words = Words::default();
        let phrases = !self.phrases.is_empty();
        Tokenizer::default().each(title, |word, origin, joined| {
            if let Some(positions) = self.by_term.get(word) {
                out.extend(positions.iter().filter_map(|&p| origin.get(p).copied()));
            }
            if phrases && !joined {
                words.push(word, origin);
            }
        });
        for (words_of_phrase, last_is_prefix) in &self.phrases {
            let phrase = Phrase {
                words: words_of_phrase,
                last_is_prefix: *last_is_prefix,
            };
            phrase.chars_in_words(&words, &mut out);
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}
