//! Cards put off: a reader's first run reads, completes (date, source) and indexes every
//! article before it makes their cards (dates, names, links, quotations) and the corpus'
//! keywords, which searching does not need and which were most of reading.
//! Must not change what a card or a keyword is: they are those a load making them at once
//! gives.

use super::shelved::{Aside, Shelved};
use super::{Corpus, Meta};
use std::sync::Arc;

/// When a load makes the cards of the documents it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cards {
    /// As each document is read.
    Now,
    /// Later, through [`add_cards`]: the documents read are marked `card_pending`.
    Later,
}

/// Where the cards made later are put once made, to be read back when shown: a first run's
/// scratch file, so that they are not all in memory at once beside the index.
pub type PutAside = Arc<dyn Aside<Meta>>;

/// Whether a document of `corpus` waits for its card (and so the corpus for its keywords).
pub fn pending(corpus: &Corpus) -> bool {
    corpus.docs.iter().any(|d| d.card_pending)
}

/// Make the card of every document waiting for one, then every document's keywords (they
/// depend on the whole corpus). Nothing to do when none waits.
pub fn add_cards(corpus: &mut Corpus) {
    if let Some(made) = make_cards(corpus, &|| {}, None) {
        made.put_in(corpus);
    }
}

/// How many times [`make_cards`] calls its `pace` for `corpus`: once per document in each
/// of its two passes (cards with their terms counted, then keywords).
pub fn paced_steps(corpus: &Corpus) -> usize {
    corpus.docs.len() * 2
}

/// The cards of a corpus' documents with their keywords, in the documents' order, made by
/// [`make_cards`] from a corpus they leave as it is.
pub struct Made(Vec<Shelved<Meta>>);

impl Made {
    /// Each card in its document of `corpus` (the one they were made from, or a copy of
    /// it), which waits for none then.
    pub fn put_in(self, corpus: &mut Corpus) {
        for (doc, card) in corpus.docs.iter_mut().zip(self.0) {
            doc.meta = card;
            doc.card_pending = false;
        }
    }
}

/// What [`add_cards`] would put in `corpus`, calling `pace` before each document's card and
/// keywords (work that should give way to other work waits there); `None` when no
/// document waits for its card. Each card made goes `aside` when there is one (it stays
/// in memory where it cannot be put).
pub fn make_cards(
    corpus: &Corpus,
    pace: &(dyn Fn() + Sync),
    aside: Option<&dyn Aside<Meta>>,
) -> Option<Made> {
    pending(corpus).then(|| Made(super::keywords::keywords_and_cards(corpus, pace, aside)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cache::{Cache, Cached};
    use crate::corpus::formats::FieldMap;
    use crate::corpus::progress::Progress;
    use crate::corpus::source::load_paths_reporting;
    use std::path::PathBuf;

    fn load(paths: &[PathBuf], cards: Cards) -> Corpus {
        let loaded = load_paths_reporting(paths, &FieldMap::default(), &Progress::silent(), cards);
        loaded.unwrap_or_else(|e| panic!("{paths:?} loads: {e}"))
    }

    /// Records and front matter give cards fields of their own (url, author, tags); the
    /// relevance fixtures and the seeds, names, dates and keywords.
    fn corpora() -> Vec<Vec<PathBuf>> {
        vec![
            vec![PathBuf::from("tests/fixtures")],
            vec![PathBuf::from("seeds")],
            vec![PathBuf::from("seeds"), PathBuf::from("tests/fixtures")],
        ]
    }

    #[test]
    fn cards_made_later_are_those_made_at_once() {
        // The comparison means something only if cards have fields of every kind.
        let (mut people, mut tags, mut url) = (false, false, false);
        for paths in corpora() {
            let now = load(&paths, Cards::Now);
            let mut later = load(&paths, Cards::Later);
            assert!(later.docs.iter().all(|d| d.card_pending), "{paths:?}");
            assert!(later.docs.iter().all(|d| d.meta.people.is_empty()));
            assert!(later.docs.iter().all(|d| d.meta.keywords.is_empty()));
            // What the list shows and searching needs is there before the cards.
            let listed = |c: &Corpus| -> Vec<_> {
                let each = |d: &crate::corpus::Document| {
                    (
                        d.title.clone(),
                        d.date,
                        d.source.clone(),
                        d.language,
                        d.words,
                    )
                };
                c.docs.iter().map(each).collect()
            };
            assert_eq!(listed(&later), listed(&now), "{paths:?}");
            add_cards(&mut later);
            assert!(!pending(&later));
            people |= now.docs.iter().any(|d| !d.meta.people.is_empty());
            tags |= now.docs.iter().any(|d| !d.meta.tags.is_empty());
            url |= now.docs.iter().any(|d| d.meta.url.is_some());
            assert_eq!(later.docs, now.docs, "{paths:?}");
        }
        assert!(people && tags && url);
    }

    #[test]
    fn a_corpus_without_pending_cards_is_left_as_it_is() {
        let mut now = load(&[PathBuf::from("seeds")], Cards::Now);
        for d in &mut now.docs {
            d.meta.keywords = vec!["gardé".into()];
        }
        let before = now.docs.clone();
        add_cards(&mut now);
        assert_eq!(now.docs, before);
    }

    /// `paths` loaded as a reader's first run does, through a cache in a temporary folder
    /// (gone with the first of the three).
    fn first_run(paths: &[PathBuf]) -> (tempfile::TempDir, Cache, Cached) {
        let tmp = tempfile::tempdir().expect("temporary folder");
        let cache = Cache::in_dir(tmp.path().join("cache")).expect("cache folder");
        let fields = FieldMap::default();
        let loaded = cache.load(paths, &fields, true, &Progress::silent(), Cards::Later);
        let loaded = loaded.expect("fixtures load");
        (tmp, cache, loaded)
    }

    #[test]
    fn cards_put_aside_wait_on_disk_and_read_back_as_made_at_once() {
        // Records and front matter: cards with fields the load gives (url, tags) as well
        // as those made later.
        let paths = [PathBuf::from("tests/fixtures")];
        let (_tmp, cache, loaded) = first_run(&paths);
        let aside = loaded
            .aside
            .expect("a first run's scratch file takes the cards");
        let mut corpus = loaded.corpus;
        let made = make_cards(&corpus, &|| {}, Some(&*aside)).expect("cards to make");
        // Made beside the corpus, which waits for them until they are put in.
        assert!(pending(&corpus));
        made.put_in(&mut corpus);
        assert!(!pending(&corpus));
        // Every card of a hundred thousand articles in memory was 130 MB beside the index.
        assert!(corpus.docs.iter().all(|d| !d.meta.is_read()));
        let now = load(&paths, Cards::Now);
        assert!(now.docs.iter().any(|d| !d.meta.people.is_empty()));
        assert!(now.docs.iter().any(|d| !d.meta.tags.is_empty()));
        assert_eq!(corpus.docs, now.docs);
        // A first run that makes its cards as it reads (`veille search`) puts them aside
        // itself, before its index is built: there is nothing left to put aside.
        let fields = FieldMap::default();
        let again = cache.load(&paths, &fields, true, &Progress::silent(), Cards::Now);
        let again = again.expect("fixtures load");
        assert!(again.aside.is_none());
        assert!(again.corpus.docs.iter().all(|d| !d.meta.is_read()));
        assert_eq!(again.corpus.docs, now.docs);
    }

    #[test]
    fn cards_made_for_texts_kept_on_disk_leave_them_there() {
        let (_tmp, _, loaded) = first_run(&[PathBuf::from("tests/fixtures/relevance")]);
        let mut corpus = loaded.corpus;
        // A first run's texts wait in a scratch file; reading them all back for the cards
        // would hold every text in memory beside the index.
        let on_disk = |c: &Corpus| c.docs.iter().filter(|d| !d.blocks.is_read()).count();
        assert!(on_disk(&corpus) > 3);
        let before = on_disk(&corpus);
        add_cards(&mut corpus);
        assert!(!pending(&corpus));
        assert!(corpus.docs.iter().any(|d| !d.meta.people.is_empty()));
        assert_eq!(on_disk(&corpus), before);
    }
}
