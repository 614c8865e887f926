//! Run a query against the index: candidates, ranking, title highlights.
//! Must not touch the terminal, and must never panic whatever the query.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use fuzzy_matcher::skim::SkimMatcherV2;

use super::Index;
use super::index::{FieldLens, Posting, TermId};
use super::matching::match_word;
use super::tokens::tokenize;
use crate::corpus::Corpus;

/// One matching document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index into `corpus.docs`.
    pub doc: usize,
    pub score: i64,
    /// Char indices into `corpus.docs[doc].title` to highlight.
    pub title_matches: Vec<usize>,
}

/// All documents matching `query`, best first; an empty query returns every document in
/// corpus order with no highlights.
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
    let words = query_words(query);
    if words.is_empty() {
        return Some(every_document(corpus));
    }
    // The index may lag behind a reloaded corpus: never hand out a doc the corpus lacks.
    let n = corpus.docs.len().min(index.doc_count());
    let matcher = SkimMatcherV2::default();
    let bm25 = Bm25::new(index);
    let mut total = vec![0f32; n];
    let mut alive = vec![true; n];
    let mut highlight: HashMap<TermId, Vec<usize>> = HashMap::new();
    let mut best = vec![0f32; n];
    for word in &words {
        let matches = match_word(index, &matcher, word, cancel)?;
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        // A document's score for a word is its best vocabulary match, not the sum: a short
        // prefix standing for hundreds of terms must not outweigh one exact word.
        best.fill(-1.0);
        for m in &matches {
            let postings = index.postings(m.term);
            let idf = bm25.idf(postings.len());
            for p in postings {
                let d = p.doc as usize;
                if d < n && alive[d] {
                    let s = m.weight * bm25.score(idf, p, index.lens(d));
                    best[d] = best[d].max(s);
                }
            }
            highlight.entry(m.term).or_default().extend(&m.positions);
        }
        for ((t, a), b) in total.iter_mut().zip(alive.iter_mut()).zip(&best) {
            if *b < 0.0 {
                *a = false;
            } else {
                *t += b;
            }
        }
    }
    let mut hits: Vec<Hit> = (0..n)
        .filter(|&d| alive[d])
        .map(|doc| Hit {
            doc,
            score: (f64::from(total[doc]) * 1000.0).round() as i64,
            title_matches: title_matches(index, corpus, doc, &highlight),
        })
        .collect();
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
    Some(hits)
}

fn every_document(corpus: &Corpus) -> Vec<Hit> {
    (0..corpus.docs.len())
        .map(|doc| Hit {
            doc,
            score: 0,
            title_matches: Vec::new(),
        })
        .collect()
}

/// The folded words of a query, each once. Glued compounds are left out: `pays-bas` asks for
/// `pays` and `bas`, which a text writing `Pays-Bas` has.
fn query_words(query: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for t in tokenize(query) {
        if !t.joined && !words.contains(&t.text) {
            words.push(t.text);
        }
    }
    words
}

fn title_matches(
    index: &Index,
    corpus: &Corpus,
    doc: usize,
    highlight: &HashMap<TermId, Vec<usize>>,
) -> Vec<usize> {
    let title_len = corpus.docs.get(doc).map_or(0, |d| d.title.chars().count());
    let mut out: Vec<usize> = index
        .title_words(doc)
        .iter()
        .filter_map(|w| Some((w, highlight.get(&w.term)?)))
        .flat_map(|(w, positions)| positions.iter().filter_map(|&p| w.origin.get(p).copied()))
        .filter(|&c| c < title_len)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// BM25 per field, title (with source) and body, each saturated on its own and summed with the
/// title weighted: unlike classic BM25F, a body repeating a word ten times cannot outrank a
/// title that names it once.
struct Bm25 {
    docs: f32,
    avg: (f32, f32),
}

const K1: f32 = 1.2;
/// Length normalisation per field: titles vary little in length and a long one is no less
/// about its words, so it is normalised less than the body.
const B_TITLE: f32 = 0.3;
const B_BODY: f32 = 0.75;
/// A word in the title says more about what an article is than the same word in the body;
/// above `K1 + 1` (the most a body can score), so a title hit outweighs any body hit.
const TITLE_BOOST: f32 = 3.0;

impl Bm25 {
    fn new(index: &Index) -> Bm25 {
        Bm25 {
            docs: index.doc_count() as f32,
            avg: index.average_lens(),
        }
    }

    fn idf(&self, doc_freq: usize) -> f32 {
        let df = doc_freq as f32;
        (1.0 + (self.docs - df + 0.5) / (df + 0.5)).ln()
    }

    fn score(&self, idf: f32, p: &Posting, lens: FieldLens) -> f32 {
        let norm = |len: u32, avg: f32, b: f32| {
            if avg > 0.0 {
                1.0 - b + b * len as f32 / avg
            } else {
                1.0
            }
        };
        let saturate = |tf: f32| tf * (K1 + 1.0) / (K1 + tf);
        let title = p.title_tf as f32 / norm(lens.title, self.avg.0, B_TITLE);
        let body = p.body_tf as f32 / norm(lens.body, self.avg.1, B_BODY);
        idf * (TITLE_BOOST * saturate(title) + saturate(body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Block, Document};
    use proptest::prelude::*;

    fn doc(title: &str, body: &str) -> Document {
        Document {
            title: title.into(),
            blocks: vec![Block::Paragraph(body.into())],
            ..Document::default()
        }
    }

    fn corpus() -> Corpus {
        Corpus {
            docs: vec![
                doc(
                    "Rapport annuel",
                    "Europol publie son rapport. L'État islamique recule.",
                ),
                doc("Europol et l'État islamique", "Europol, Europol."),
                doc("La Haye", "Siège aux Pays-Bas."),
            ],
            ..Corpus::default()
        }
    }

    fn docs(query: &str) -> Vec<usize> {
        let c = corpus();
        run(&Index::build(&c), &c, query)
            .iter()
            .map(|h| h.doc)
            .collect()
    }

    #[test]
    fn blank_query_lists_everything_in_order() {
        let c = corpus();
        let hits = run(&Index::build(&c), &c, "  ");
        assert_eq!(hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [0, 1, 2]);
        assert!(
            hits.iter()
                .all(|h| h.score == 0 && h.title_matches.is_empty())
        );
    }

    #[test]
    fn words_are_anded_and_title_ranks_first() {
        assert_eq!(docs("europol"), [1, 0]);
        assert_eq!(docs("etat islamique"), [1, 0]);
        assert_eq!(docs("europol haye"), Vec::<usize>::new());
        assert_eq!(docs("pays-bas"), [2]);
        assert_eq!(docs("zqxjk"), Vec::<usize>::new());
    }

    #[test]
    fn title_highlights_point_at_original_chars() {
        let c = corpus();
        let hits = run(&Index::build(&c), &c, "etat eur");
        let hit = hits
            .iter()
            .find(|h| h.doc == 1)
            .map(|h| h.title_matches.clone());
        // "Europol et l'État islamique": `Eur` of Europol, `État`.
        assert_eq!(hit, Some(vec![0, 1, 2, 13, 14, 15, 16]));
    }

    #[test]
    fn fuzzy_highlight_maps_through_folding() {
        let c = Corpus {
            docs: vec![doc("Propagande d'État", "")],
            ..Corpus::default()
        };
        let hits = run(&Index::build(&c), &c, "propagnde");
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].title_matches, [0, 1, 2, 3, 4, 5, 7, 8, 9]);
    }

    #[test]
    fn cancelled_query_returns_none() {
        let c = corpus();
        let cancel = AtomicBool::new(true);
        assert_eq!(
            run_with_cancel(&Index::build(&c), &c, "europol", &cancel),
            None
        );
    }

    #[test]
    fn stale_index_never_yields_missing_docs() {
        let c = corpus();
        let index = Index::build(&c);
        let smaller = Corpus {
            docs: c.docs[..1].to_vec(),
            ..Corpus::default()
        };
        assert_eq!(run(&index, &smaller, "europol").len(), 1);
        assert!(run(&Index::default(), &c, "europol").is_empty());
    }

    proptest! {
        #[test]
        fn any_query_is_safe(q in "\\PC{0,40}") {
            let c = corpus();
            let hits = run(&Index::build(&c), &c, &q);
            for h in hits {
                prop_assert!(h.doc < c.docs.len());
                let n = c.docs[h.doc].title.chars().count();
                prop_assert!(h.title_matches.iter().all(|&i| i < n));
            }
        }
    }
}
