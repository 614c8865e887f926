//! Vocabulary and postings, built once per corpus and shared read-only across threads.
//! Must not parse queries or rank documents.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use super::tokens::tokenize;
use crate::corpus::Corpus;

/// Position of a term in the sorted vocabulary.
pub type TermId = u32;

/// One document containing a term, with how often it occurs per field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// Index into `corpus.docs`.
    pub doc: u32,
    /// Occurrences in the title and the source, the short fields that say what a text is.
    pub title_tf: u32,
    pub body_tf: u32,
}

/// A word of a title, kept so highlights need no re-tokenising per keystroke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleWord {
    pub term: TermId,
    /// For each char of the term, the char index in the original title.
    pub origin: Vec<usize>,
}

/// Words per field of one document, for BM25 length normalisation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FieldLens {
    pub title: u32,
    pub body: u32,
}

/// Inverted index over folded words. Immutable once built, so `Arc<Index>` can be shared
/// between the UI thread and query workers without locks.
#[derive(Debug, Default)]
pub struct Index {
    /// Sorted and unique, so exact and prefix lookups are binary searches.
    terms: Vec<String>,
    /// Parallel to `terms`; each list sorted by document.
    postings: Vec<Vec<Posting>>,
    lens: Vec<FieldLens>,
    avg: (f32, f32),
    titles: Vec<Vec<TitleWord>>,
}

impl Index {
    pub fn build(corpus: &Corpus) -> Index {
        let never = AtomicBool::new(false);
        Self::build_with(corpus, &never, &mut |_, _| {}).unwrap_or_default()
    }

    /// Builds the index, calling `progress(done, total)` after each document; `None` as soon
    /// as `cancel` is set (a new corpus was loaded, or the user quit).
    pub fn build_with(
        corpus: &Corpus,
        cancel: &AtomicBool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Option<Index> {
        let total = corpus.docs.len();
        let mut by_term: HashMap<String, Vec<Posting>> = HashMap::new();
        let mut lens = Vec::with_capacity(total);
        let mut title_tokens = Vec::with_capacity(total);
        for (d, doc) in corpus.docs.iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
            let mut len = FieldLens::default();
            let title = tokenize(&doc.title);
            let source = doc.source.as_deref().map(tokenize).unwrap_or_default();
            for t in title.iter().chain(&source) {
                len.title += u32::from(!t.joined);
                counts.entry(t.text.clone()).or_default().0 += 1;
            }
            for block in &doc.blocks {
                for t in tokenize(block.text()) {
                    len.body += u32::from(!t.joined);
                    counts.entry(t.text).or_default().1 += 1;
                }
            }
            let doc_id = u32::try_from(d).unwrap_or(u32::MAX);
            for (term, (title_tf, body_tf)) in counts {
                by_term.entry(term).or_default().push(Posting {
                    doc: doc_id,
                    title_tf,
                    body_tf,
                });
            }
            lens.push(len);
            title_tokens.push(title);
            progress(d + 1, total);
        }

        let mut entries: Vec<(String, Vec<Posting>)> = by_term.into_iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (terms, postings): (Vec<String>, Vec<Vec<Posting>>) = entries.into_iter().unzip();
        let mut index = Index {
            terms,
            postings,
            avg: average(&lens),
            lens,
            titles: Vec::new(),
        };
        index.titles = title_tokens
            .into_iter()
            .map(|words| {
                words
                    .into_iter()
                    .filter_map(|t| {
                        let term = index.term_id(&t.text)?;
                        Some(TitleWord {
                            term,
                            origin: t.origin,
                        })
                    })
                    .collect()
            })
            .collect();
        Some(index)
    }

    /// Number of documents indexed.
    pub fn doc_count(&self) -> usize {
        self.lens.len()
    }

    /// The sorted vocabulary; a term's position is its `TermId`.
    pub fn vocabulary(&self) -> &[String] {
        &self.terms
    }

    pub fn term(&self, id: TermId) -> &str {
        self.terms.get(id as usize).map_or("", String::as_str)
    }

    pub fn term_id(&self, folded: &str) -> Option<TermId> {
        let i = self
            .terms
            .binary_search_by(|t| t.as_str().cmp(folded))
            .ok()?;
        TermId::try_from(i).ok()
    }

    /// Ids of every term starting with `folded_prefix` (including the term itself).
    pub fn prefix_range(&self, folded_prefix: &str) -> Range<TermId> {
        let start = self.terms.partition_point(|t| t.as_str() < folded_prefix);
        let len = self.terms[start..].partition_point(|t| t.starts_with(folded_prefix));
        let to_id = |i: usize| TermId::try_from(i).unwrap_or(TermId::MAX);
        to_id(start)..to_id(start + len)
    }

    pub fn postings(&self, id: TermId) -> &[Posting] {
        self.postings.get(id as usize).map_or(&[], Vec::as_slice)
    }

    pub fn lens(&self, doc: usize) -> FieldLens {
        self.lens.get(doc).copied().unwrap_or_default()
    }

    /// Average (title, body) lengths in words over the corpus.
    pub fn average_lens(&self) -> (f32, f32) {
        self.avg
    }

    pub fn title_words(&self, doc: usize) -> &[TitleWord] {
        self.titles.get(doc).map_or(&[], Vec::as_slice)
    }
}

fn average(lens: &[FieldLens]) -> (f32, f32) {
    if lens.is_empty() {
        return (0.0, 0.0);
    }
    let n = lens.len() as f64;
    let title: f64 = lens.iter().map(|l| f64::from(l.title)).sum();
    let body: f64 = lens.iter().map(|l| f64::from(l.body)).sum();
    ((title / n) as f32, (body / n) as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Block, Document};

    pub(crate) fn doc(title: &str, source: Option<&str>, body: &str) -> Document {
        Document {
            title: title.into(),
            source: source.map(Into::into),
            blocks: vec![Block::Paragraph(body.into())],
            ..Document::default()
        }
    }

    fn corpus() -> Corpus {
        Corpus {
            docs: vec![
                doc(
                    "L'État islamique",
                    Some("AFP"),
                    "Europol et l'État. Europol.",
                ),
                doc("Aux Pays-Bas", None, "La Haye, aux Pays-Bas, europol"),
            ],
            ..Corpus::default()
        }
    }

    #[test]
    fn vocabulary_is_sorted_folded_and_unique() {
        let index = Index::build(&corpus());
        let v = index.vocabulary();
        assert!(v.windows(2).all(|w| w[0] < w[1]));
        assert!(v.iter().any(|t| t == "etat"));
        assert!(v.iter().any(|t| t == "paysbas"));
        assert!(!v.iter().any(|t| t == "l"));
    }

    #[test]
    fn postings_count_per_field() {
        let index = Index::build(&corpus());
        let europol = index.term_id("europol").map(|id| index.postings(id));
        assert_eq!(
            europol,
            Some(
                &[
                    Posting {
                        doc: 0,
                        title_tf: 0,
                        body_tf: 2
                    },
                    Posting {
                        doc: 1,
                        title_tf: 0,
                        body_tf: 1
                    }
                ][..]
            )
        );
        let afp = index.term_id("afp").map(|id| index.postings(id).to_vec());
        assert_eq!(
            afp,
            Some(vec![Posting {
                doc: 0,
                title_tf: 1,
                body_tf: 0
            }])
        );
        // Glued compounds are indexed but are not extra words.
        assert_eq!(index.lens(1), FieldLens { title: 3, body: 6 });
    }

    #[test]
    fn prefix_range_finds_every_continuation() {
        let index = Index::build(&corpus());
        let found: Vec<&str> = index.prefix_range("pay").map(|id| index.term(id)).collect();
        assert_eq!(found, ["pays", "paysbas"]);
        assert!(index.prefix_range("zzz").is_empty());
        assert_eq!(index.prefix_range("").len(), index.vocabulary().len());
    }

    #[test]
    fn title_words_map_to_original_chars() {
        let index = Index::build(&corpus());
        let words = index.title_words(0);
        assert_eq!(index.term(words[0].term), "etat");
        assert_eq!(words[0].origin, vec![2, 3, 4, 5]);
        assert!(index.title_words(99).is_empty());
    }

    #[test]
    fn empty_corpus_and_cancel() {
        let index = Index::build(&Corpus::default());
        assert_eq!(index.doc_count(), 0);
        assert_eq!(index.average_lens(), (0.0, 0.0));
        let cancel = AtomicBool::new(true);
        assert!(Index::build_with(&corpus(), &cancel, &mut |_, _| {}).is_none());
    }

    #[test]
    fn index_can_be_shared_between_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Index>();
    }
}
