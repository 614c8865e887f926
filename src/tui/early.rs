//! Answers before the whole index exists: the worker keeps copies of the first articles read
//! (an eighth of the files, at most [`EARLY_WORDS`] words), indexes them, and answers the newest query over them while
//! the rest is read and indexed. Must not hold the whole corpus nor build its index: a query
//! typed while loading is worth a quick partial answer, not a second full build.

use super::worker::{Report, Request, found};
use crate::corpus::{Corpus, Document};
use crate::search::Index;
use std::sync::atomic::AtomicBool;
use std::sync::mpsc::Receiver;

/// Words of the first articles kept and indexed for early answers: about 8 000 articles of
/// 700 words, indexed in about a second on two cores. The index is rebuilt each time the words
/// read double, so all the rebuilds together cost about one more such build; past this, the
/// whole index is the one to wait for.
pub const EARLY_WORDS: usize = 6_000_000;

/// At most this share of the files found is kept, so that on a small corpus the rebuilds
/// (which together cost about one index of what is kept) delay the whole index by little.
const EARLY_SHARE: usize = 8;

/// Kept whatever the share: fewer articles make no answer worth showing.
const EARLY_MIN_DOCS: usize = 256;

/// The worker's state while the corpus loads and its index is built.
pub(super) struct Early {
    requests: Receiver<Request>,
    /// Copies of the first documents read, in corpus order, numbered as the UI numbers them.
    kept: Corpus,
    words: usize,
    /// No more documents are kept: the next would pass [`EARLY_WORDS`].
    full: bool,
    /// Of `kept.docs[..index.doc_count()]`, and the words it covers.
    index: Option<(Index, usize)>,
    /// The newest query asked for, and whether the current `index` has answered it.
    latest: Option<Request>,
    answered: bool,
}

impl Early {
    pub(super) fn new(requests: Receiver<Request>) -> Early {
        Early {
            requests,
            kept: Corpus::default(),
            words: 0,
            full: false,
            index: None,
            latest: None,
            answered: false,
        }
    }

    /// The next documents read, in order, of `files` found: kept while they fit in
    /// [`EARLY_WORDS`] and their share of the files.
    pub(super) fn read(&mut self, docs: &[Document], files: usize) {
        let most = (files / EARLY_SHARE).max(EARLY_MIN_DOCS);
        for doc in docs {
            let kept = self.kept.docs.len();
            // The first document is kept whatever its size: an early answer needs one.
            let too_many = self.words + doc.words > EARLY_WORDS && kept > 0;
            if self.full || too_many || kept >= most {
                self.full = true;
                return;
            }
            self.words += doc.words;
            self.kept.docs.push(doc.clone());
        }
    }

    /// Answer the newest query asked for over the first documents, when it is new or when
    /// the documents kept have doubled since they were indexed (the index is then rebuilt).
    /// Returns at once when nothing was asked.
    pub(super) fn answer(&mut self, stale: &AtomicBool, answer: &impl Fn(Report) -> bool) {
        while let Ok(request) = self.requests.try_recv() {
            self.latest = Some(request);
            self.answered = false;
        }
        let Some(request) = &self.latest else {
            return;
        };
        let indexed = self
            .index
            .as_ref()
            .map_or(0, |(index, _)| index.doc_count());
        let indexed_words = self.index.as_ref().map_or(0, |(_, words)| *words);
        let grown = self.words >= 2 * indexed_words || self.full;
        if indexed < self.kept.docs.len() && grown {
            self.index = Some((Index::build_terms_only(&self.kept), self.words));
            self.answered = false;
        }
        let Some((index, _)) = &self.index else {
            return;
        };
        if self.answered {
            return;
        }
        stale.store(false, std::sync::atomic::Ordering::SeqCst);
        let partial = Some(index.doc_count());
        // Cancelled by a newer query: the next call answers that one.
        if let Some(report) = found(index, &self.kept, request, stale, partial) {
            self.answered = true;
            answer(report);
        }
    }

    /// Loading and indexing are over: the channel of requests back, and the newest query
    /// if one was asked (its answer so far covered only the first documents, or nothing).
    pub(super) fn finish(self) -> (Receiver<Request>, Option<Request>) {
        (self.requests, self.latest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Block;
    use std::sync::Mutex;
    use std::sync::mpsc;

    fn doc(title: &str, words: usize) -> Document {
        Document {
            path: format!("{title}.txt"),
            title: title.into(),
            blocks: vec![Block::Paragraph(format!("{title} texte"))].into(),
            words,
            ..Document::default()
        }
    }

    fn request(generation: u64, query: &str) -> Request {
        Request {
            generation,
            query: query.into(),
            rows: 24,
        }
    }

    /// What the worker told the UI: (generation, docs found, partial).
    fn answers(seen: &Mutex<Vec<Report>>) -> Vec<(u64, Vec<usize>, Option<usize>)> {
        let seen = seen.lock().expect("not poisoned");
        seen.iter()
            .filter_map(|r| match r {
                Report::Found {
                    generation,
                    hits,
                    partial,
                    ..
                } => Some((*generation, hits.iter().map(|h| h.doc).collect(), *partial)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn answers_the_newest_query_over_what_was_read_and_again_when_it_doubled() {
        let (tx, rx) = mpsc::channel();
        let seen = Mutex::new(Vec::new());
        let tell = |r: Report| {
            seen.lock().expect("not poisoned").push(r);
            true
        };
        let stale = AtomicBool::new(false);
        let mut early = Early::new(rx);
        early.read(&[doc("alpha", 10), doc("beta", 10)], 100);
        early.answer(&stale, &tell);
        assert!(answers(&seen).is_empty(), "nothing asked, nothing built");

        tx.send(request(1, "alph")).expect("open");
        tx.send(request(2, "texte")).expect("open");
        early.answer(&stale, &tell);
        assert_eq!(
            answers(&seen),
            vec![(2, vec![0, 1], Some(2))],
            "newest only"
        );
        early.answer(&stale, &tell);
        assert_eq!(
            answers(&seen).len(),
            1,
            "answered once until something changes"
        );

        early.read(&[doc("gamma", 5)], 100);
        early.answer(&stale, &tell);
        assert_eq!(
            answers(&seen).len(),
            1,
            "25 words of 20 indexed: not doubled"
        );
        early.read(&[doc("delta", 15)], 100);
        early.answer(&stale, &tell);
        let last = answers(&seen).pop().expect("answered again");
        assert_eq!(last.0, 2, "the same query");
        assert_eq!(last.2, Some(4), "over the four documents read");
        assert_eq!(last.1.len(), 4);

        let (_, latest) = early.finish();
        assert_eq!(
            latest.map(|r| r.generation),
            Some(2),
            "left to the whole index"
        );
    }

    #[test]
    fn keeps_no_more_than_its_share_of_words_but_always_one_document() {
        let (_tx, rx) = mpsc::channel();
        let mut early = Early::new(rx);
        early.read(&[doc("huge", EARLY_WORDS * 2), doc("next", 1)], 100);
        assert_eq!(early.kept.docs.len(), 1);
        let (_tx, rx) = mpsc::channel();
        let mut early = Early::new(rx);
        let half = EARLY_WORDS / 2;
        early.read(&[doc("a", half), doc("b", half), doc("c", 1)], 100);
        early.read(&[doc("d", 0)], 100);
        assert_eq!(
            early.kept.docs.len(),
            2,
            "c would pass the limit; d comes after it"
        );
    }

    #[test]
    fn keeps_an_eighth_of_the_files_found_but_never_too_few_to_answer() {
        let docs: Vec<Document> = (0..1000).map(|i| doc(&format!("d{i}"), 1)).collect();
        let (_tx, rx) = mpsc::channel();
        let mut early = Early::new(rx);
        early.read(&docs, 8000);
        early.read(&docs, 8000);
        assert_eq!(early.kept.docs.len(), 1000, "an eighth of 8000 files");
        let (_tx, rx) = mpsc::channel();
        let mut early = Early::new(rx);
        early.read(&docs, 1000);
        assert_eq!(early.kept.docs.len(), EARLY_MIN_DOCS);
    }
}
