//! Keywords counted while a corpus loads: `meta::enrich` notes each document's terms from
//! the tokens it made for names (one tokenisation, not two), and the loading threads intern
//! them file by file, so nothing is left for one thread once the files are parsed.
//! A load may also put cards off (see [`crate::corpus::cards`]): its documents are then
//! only completed, and their terms counted with their cards, later.
//! Must not change what the keywords are: the result is [`super::add_keywords`]'s.

use super::vocab::{Ids, Vocab};
use super::{DocTerms, set_keywords, terms, terms_of_tokens};
use crate::corpus::words::Tok;
use crate::corpus::{Corpus, Document};
use std::cell::{Cell, RefCell};
use std::sync::Mutex;

/// Which document a noted term list belongs to: where its title and blocks live. Two live
/// documents never share a non-empty title's or block list's buffer, and documents that
/// share both empty ones have no terms at all; a title or blocks replaced after `enrich`
/// move, so their old terms are not used.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Fingerprint(usize, usize, usize, usize);

impl Fingerprint {
    fn of(doc: &Document) -> Fingerprint {
        Fingerprint(
            doc.title.as_ptr() as usize,
            doc.title.len(),
            doc.blocks.as_ptr() as usize,
            doc.blocks.len(),
        )
    }
}

thread_local! {
    /// Terms noted by `enrich` on this thread while [`Shared::load`] runs here.
    static NOTED: RefCell<Option<Vec<(Fingerprint, DocTerms)>>> = const { RefCell::new(None) };
    /// Set while a [`Shared::load`] that puts cards off runs on this thread.
    static CARDS_LATER: Cell<bool> = const { Cell::new(false) };
}

/// Whether the load running on this thread puts documents' cards off.
pub(crate) fn cards_put_off() -> bool {
    CARDS_LATER.with(Cell::get)
}

/// Keep `doc`'s terms, from its texts' tokens (title then blocks, as `meta` reads them),
/// for the load running on this thread; nothing when none runs here.
pub(crate) fn note(doc: &Document, toks: &[Vec<Tok<'_>>]) {
    NOTED.with(|n| {
        if let Ok(mut n) = n.try_borrow_mut() {
            if let Some(noted) = n.as_mut() {
                noted.push((
                    Fingerprint::of(doc),
                    terms_of_tokens(doc, &doc.blocks, toks),
                ));
            }
        }
    });
}

/// The vocabulary of a corpus being loaded, shared by the loading threads.
#[derive(Default)]
pub struct Shared {
    vocab: Mutex<Vocab>,
    /// Documents read get no card and no keywords yet: `cards::add_cards` makes them.
    cards_later: bool,
}

/// The interned terms of one loaded part, one list per document, in order.
pub struct PartTerms(Vec<Ids>);

impl Shared {
    /// A load that puts cards off when `cards` says so.
    pub fn new(cards: crate::corpus::cards::Cards) -> Shared {
        Shared {
            vocab: Mutex::default(),
            cards_later: cards == crate::corpus::cards::Cards::Later,
        }
    }

    /// Run `load` (one walked item's part of the corpus) and intern its documents' terms:
    /// those `enrich` noted, or, for documents it did not note as they are, their own.
    pub fn load(&self, load: impl FnOnce() -> Corpus) -> (Corpus, PartTerms) {
        if self.cards_later {
            // Terms are counted with the cards, for every document at once.
            let outer = CARDS_LATER.with(|c| c.replace(true));
            let part = load();
            CARDS_LATER.with(|c| c.set(outer));
            return (part, PartTerms(Vec::new()));
        }
        // Restored after: a nested load (none today) keeps its own notes apart.
        let outer = NOTED.with(|n| n.replace(Some(Vec::new())));
        let part = load();
        let noted = NOTED.with(|n| n.replace(outer)).unwrap_or_default();
        let fits = noted.len() == part.docs.len()
            && noted
                .iter()
                .zip(&part.docs)
                .all(|((f, _), d)| *f == Fingerprint::of(d));
        let doc_terms: Vec<DocTerms> = if fits {
            noted.into_iter().map(|(_, t)| t).collect()
        } else {
            part.docs.iter().map(terms).collect()
        };
        // A panic elsewhere while holding the lock left whole documents interned or none:
        // the vocabulary is still sound.
        let mut vocab = self.vocab.lock().unwrap_or_else(|e| e.into_inner());
        let ids = doc_terms.iter().map(|t| vocab.add(t)).collect();
        (part, PartTerms(ids))
    }

    /// Set the keywords of `corpus`, made of the parts whose terms are `parts`, in order.
    /// When cards are put off, the keywords come with them; only a corpus with no card to
    /// make (files were only removed) gets its keywords here.
    pub fn add_keywords(self, corpus: &mut Corpus, parts: Vec<PartTerms>) {
        if self.cards_later {
            if !crate::corpus::cards::pending(corpus) {
                super::add_keywords(corpus);
            }
            return;
        }
        let per_doc: Vec<Ids> = parts.into_iter().flat_map(|p| p.0).collect();
        if per_doc.len() != corpus.docs.len() {
            // Not the parts of this corpus: count it afresh rather than misattribute terms.
            super::add_keywords(corpus);
            return;
        }
        let vocab = self.vocab.into_inner().unwrap_or_else(|e| e.into_inner());
        set_keywords(corpus, &vocab, per_doc);
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::source::load_paths;
    use std::path::PathBuf;

    #[test]
    fn a_load_gives_the_keywords_of_the_whole_corpus() {
        let loaded = load_paths(&[PathBuf::from("tests/fixtures")]);
        let Ok(mut again) = loaded.clone() else {
            panic!("fixtures load");
        };
        assert!(again.docs.len() > 3);
        for d in &mut again.docs {
            d.meta.keywords.clear();
        }
        super::super::add_keywords(&mut again);
        let kw = |c: &crate::corpus::Corpus| -> Vec<Vec<String>> {
            c.docs.iter().map(|d| d.meta.keywords.clone()).collect()
        };
        assert!(again.docs.iter().any(|d| !d.meta.keywords.is_empty()));
        assert_eq!(loaded.map(|c| kw(&c)), Ok(kw(&again)));
    }
}
