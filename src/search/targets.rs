//! What the positive parts of a query stand for in the text (vocabulary terms, phrases), and
//! where they occur in one document. Shared by the engine (match counts, snippets) and by the
//! reader's highlights, so the list and the article count the same things.
//! Must not decide which documents match nor rank them.

use std::ops::Range;
use std::sync::atomic::AtomicBool;

use fuzzy_matcher::skim::SkimMatcherV2;

use super::index::Index;
use super::matching::{MatchKind, TermMatch, match_word};
use super::phrase::{Phrase, Words};
use super::query::{Alternative, Query};
use super::tokens::Tokenizer;
use crate::corpus::Document;
use rustc_hash::FxHashMap;

/// One positive word or phrase of the query.
#[derive(Debug, Clone)]
pub struct Target {
    /// As the user typed it.
    pub label: String,
    /// `title:` parts are looked for in the title only.
    pub title_only: bool,
    phrase: Option<(Vec<String>, bool)>,
    /// Position in the query as typed of the clause it comes from: the engine scores clauses
    /// in its own order, the sidebar lists terms in the user's.
    clause: usize,
}

/// Where a target occurs: `block` is `None` for the title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub block: Option<usize>,
    pub range: Range<usize>,
    pub target: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Targets {
    pub list: Vec<Target>,
    /// Folded vocabulary term → (target, chars of the word to highlight; `None` for all).
    by_term: FxHashMap<String, Vec<(usize, Option<usize>)>>,
    /// The typed position of the clause being pushed.
    clause: usize,
}

impl Targets {
    /// Targets of every positive word and phrase of `query`, matched against the vocabulary
    /// as the engine matches them. `None` when cancelled.
    pub fn from_query(index: &Index, query: &Query, cancel: &AtomicBool) -> Option<Targets> {
        let matcher = SkimMatcherV2::default();
        let mut targets = Targets::default();
        for (at, clause) in query.clauses.iter().enumerate().filter(|(_, c)| !c.negated) {
            targets.at_clause(at);
            for (alt, label) in clause.alternatives.iter().zip(&clause.typed) {
                let title_only = matches!(alt, Alternative::Title(_));
                match alt.text_part() {
                    Some(Alternative::Word(w)) => {
                        let matches = match_word(index, &matcher, w, cancel)?;
                        targets.push_word(label, title_only, index, &matches);
                    }
                    Some(Alternative::Phrase {
                        words,
                        last_is_prefix,
                    }) => targets.push_phrase(label, title_only, words, *last_is_prefix),
                    _ => {}
                }
            }
        }
        Some(targets)
    }

    /// Targets pushed next come from the clause typed at position `at` of the query.
    pub fn at_clause(&mut self, at: usize) {
        self.clause = at;
    }

    /// Occurrences per target, labelled as typed, in the order the clauses were typed.
    pub fn per_term(&self, occurrences: &[Occurrence]) -> Vec<(String, usize)> {
        let mut counts = vec![0usize; self.list.len()];
        for o in occurrences {
            if let Some(c) = counts.get_mut(o.target) {
                *c += 1;
            }
        }
        let mut out: Vec<(usize, (String, usize))> = self
            .list
            .iter()
            .zip(counts)
            .map(|(t, n)| (t.clause, (t.label.clone(), n)))
            .collect();
        out.sort_by_key(|(clause, _)| *clause);
        out.into_iter().map(|(_, term)| term).collect()
    }

    pub fn push_word(&mut self, label: &str, title_only: bool, index: &Index, m: &[TermMatch]) {
        let id = self.list.len();
        self.list.push(Target {
            label: label.to_string(),
            title_only,
            phrase: None,
            clause: self.clause,
        });
        for t in m {
            // A prefix shows what was typed; a typo shows the whole word it stands for.
            let chars = (t.kind == MatchKind::Prefix).then_some(t.positions.len());
            self.by_term
                .entry(index.term(t.term).to_string())
                .or_default()
                .push((id, chars));
        }
    }

    pub fn push_phrase(&mut self, label: &str, title_only: bool, words: &[String], prefix: bool) {
        self.list.push(Target {
            label: label.to_string(),
            title_only,
            phrase: Some((words.to_vec(), prefix)),
            clause: self.clause,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Every occurrence in the title and the blocks, in reading order; one per target and
    /// place (a word and its glued compound do not count twice).
    pub fn occurrences(&self, doc: &Document) -> Vec<Occurrence> {
        let mut out = Vec::new();
        if self.is_empty() {
            return out;
        }
        let mut scratch = Scratch::default();
        self.scan(&mut scratch, &doc.title, None, true, &mut out);
        for (b, block) in doc.blocks.iter().enumerate() {
            self.scan(&mut scratch, block.text(), Some(b), false, &mut out);
        }
        out
    }

    /// One pass of the tokenizer per text serves words and phrases alike.
    fn scan(
        &self,
        scratch: &mut Scratch,
        text: &str,
        block: Option<usize>,
        title: bool,
        out: &mut Vec<Occurrence>,
    ) {
        let from = out.len();
        let phrases = self
            .list
            .iter()
            .any(|t| t.phrase.is_some() && (title || !t.title_only));
        let Scratch {
            tokenizer,
            words,
            spans,
        } = scratch;
        words.clear();
        if !self.by_term.is_empty() || phrases {
            tokenizer.each(text, |word, origin, joined| {
                if phrases && !joined {
                    words.push(word, origin);
                }
                let Some(hits) = self.by_term.get(word) else {
                    return;
                };
                for &(target, chars) in hits {
                    if !title && self.list[target].title_only {
                        continue;
                    }
                    let n = chars.unwrap_or(origin.len()).min(origin.len());
                    let (Some(&a), Some(&b)) = (origin.first(), origin.get(n.wrapping_sub(1)))
                    else {
                        continue;
                    };
                    out.push(Occurrence {
                        block,
                        range: a..b + 1,
                        target,
                    });
                }
            });
        }
        for (target, t) in self.list.iter().enumerate() {
            let Some((phrase_words, last_is_prefix)) = &t.phrase else {
                continue;
            };
            if phrase_words.is_empty() || (!title && t.title_only) {
                continue;
            }
            let phrase = Phrase {
                words: phrase_words,
                last_is_prefix: *last_is_prefix,
            };
            spans.clear();
            phrase.spans_in_words(words, spans);
            out.extend(spans.drain(..).map(|range| Occurrence {
                block,
                range,
                target,
            }));
        }
        let tail = &mut out[from..];
        tail.sort_by_key(|o| (o.range.start, o.range.end, o.target));
        // Kept in place, at the front of the tail: no copy of every occurrence per text.
        let mut kept = 0;
        for r in 0..tail.len() {
            let o = &tail[r];
            let dup = tail[..kept]
                .iter()
                .rev()
                .take_while(|k| k.range.end > o.range.start)
                .any(|k| k.target == o.target);
            if !dup {
                tail.swap(kept, r);
                kept += 1;
            }
        }
        out.truncate(from + kept);
    }
}

/// Buffers reused across the texts of one document.
#[derive(Default)]
struct Scratch {
    tokenizer: Tokenizer,
    words: Words,
    spans: Vec<Range<usize>>,
}

/// Occurrences in distinct places: two query parts matching the same word count once.
pub fn count_distinct(occurrences: &[Occurrence]) -> usize {
    let mut count = 0;
    let mut last: Option<(Option<usize>, usize)> = None;
    // Reading order: within a text, occurrences come sorted by start.
    for o in occurrences {
        match last {
            Some((b, end)) if b == o.block && o.range.start < end => {
                last = Some((b, end.max(o.range.end)));
            }
            _ => {
                count += 1;
                last = Some((o.block, o.range.end));
            }
        }
    }
    count
}

/// Ranges sorted, the overlapping ones merged, the empty ones dropped.
pub fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges.into_iter().filter(|r| r.start < r.end) {
        match out.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Block, Corpus};

    fn doc() -> Document {
        Document {
            title: "L'État et les Pays-Bas".into(),
            blocks: vec![
                Block::Paragraph("Europol, aux Pays-Bas ; l’État islamique.".into()),
                Block::Paragraph("Propagande de l'Etat.".into()),
            ]
            .into(),
            ..Document::default()
        }
    }

    fn occurrences(query: &str) -> Vec<(Option<usize>, Range<usize>, usize)> {
        let d = doc();
        let index = Index::build(&Corpus {
            docs: vec![d.clone()],
            ..Corpus::default()
        });
        let never = AtomicBool::new(false);
        Targets::from_query(&index, &Query::parse(query), &never)
            .unwrap_or_default()
            .occurrences(&d)
            .into_iter()
            .map(|o| (o.block, o.range, o.target))
            .collect()
    }

    #[test]
    fn words_prefixes_and_typos_in_reading_order() {
        assert_eq!(
            occurrences("etat"),
            [(None, 2..6, 0), (Some(0), 26..30, 0), (Some(1), 16..20, 0)]
        );
        assert_eq!(occurrences("propag"), [(Some(1), 0..6, 0)]);
        assert_eq!(occurrences("eurpol"), [(Some(0), 0..7, 0)]);
        assert!(occurrences("-etat").is_empty());
    }

    #[test]
    fn compounds_count_once_and_phrases_are_one_span() {
        assert_eq!(
            occurrences("pays"),
            [(None, 14..18, 0), (Some(0), 13..17, 0)]
        );
        assert_eq!(
            occurrences("pays-bas"),
            [(None, 14..22, 0), (Some(0), 13..21, 0)]
        );
        assert_eq!(occurrences("title:pays"), [(None, 14..18, 0)]);
    }

    #[test]
    fn merge_ranges() {
        assert_eq!(
            merge(vec![5..8, 0..2, 1..3, 8..9, 4..4]),
            [0..3, 5..8, 8..9]
        );
    }
}
