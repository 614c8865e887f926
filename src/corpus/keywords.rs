//! Keywords: each article's distinctive terms within its corpus, by TF-IDF over folded
//! words, stopwords (`assets/stopwords/keywords-*.txt`) left out. Must not run per document
//! alone: a term is distinctive only against the others.

use super::gazetteer::LISTS;
use super::shelved::{Aside, Shelved};
use super::words::{Tok, is_elision, tokens, with_folded};
use super::{Block, Corpus, Document, Meta};
use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::FxHasher;
use std::hash::Hasher;

/// Keywords kept per document.
pub const KEYWORDS_PER_DOC: usize = 10;

/// Terms shorter than this are almost never distinctive (`ue`, `ei` are names, not topics).
const MIN_CHARS: usize = 3;

mod shared;
mod vocab;

pub use shared::{PartTerms, Shared};
pub(crate) use shared::{cards_put_off, note};
use vocab::{Ids, Vocab};

/// Documents whose terms are extracted on the pool while the previous chunk's are interned:
/// bounds the term lists alive at once while keeping both cores busy. Two chunks of 256
/// held 8-10 MB more than two of 64 through a first run's cards at 10 000 articles (a term
/// list is about 20 KB), where the run's memory peaked.
const CHUNK: usize = 64;

/// One term of a document: where its key (stemmed) sits in [`DocTerms::keys`], the key's
/// hash (computed on the pool, so interning only probes), its count, and its shown form.
struct Term {
    hash: u64,
    at: usize,
    len: usize,
    count: usize,
    shown: Suffix,
}

/// A document's terms, their keys end to end in one string: two allocations per document
/// rather than one `String` per distinct term (that was most of the allocator's time).
#[derive(Default)]
struct DocTerms {
    keys: String,
    terms: Vec<Term>,
}

impl DocTerms {
    fn key(&self, t: &Term) -> &str {
        self.keys.get(t.at..t.at + t.len).unwrap_or("")
    }
}

/// The form shown for a term: its key, or its key and the `s` or `x` that [`stem`] took off.
/// Those are the only forms a key can have, so they need no string of their own.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Suffix {
    None,
    S,
    X,
}

impl Suffix {
    /// In alphabetical order of the forms: `key` < `keys` < `keyx`.
    const ALL: [Suffix; 3] = [Suffix::None, Suffix::S, Suffix::X];

    fn of(folded: &str, key: &str) -> Suffix {
        match folded.as_bytes().get(key.len()) {
            Some(b's') => Suffix::S,
            Some(b'x') => Suffix::X,
            _ => Suffix::None,
        }
    }

    fn text(self) -> &'static str {
        match self {
            Suffix::None => "",
            Suffix::S => "s",
            Suffix::X => "x",
        }
    }
}

fn hash_of(key: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(key.as_bytes());
    h.finish()
}

/// Folded terms of a document with their counts. A plural and its singular (`serveurs`,
/// `serveur`) count as one term, shown in its most frequent form (ties: alphabetically first).
fn terms(doc: &Document) -> DocTerms {
    let mut b = TermsBuilder::default();
    // In passing: the texts of articles reused from the cache stay on its shelf.
    let blocks = doc.blocks.passing();
    let title = title_counts(&doc.title, &blocks).then_some(doc.title.as_str());
    for text in title.into_iter().chain(blocks.iter().map(|b| b.text())) {
        b.add(&tokens(text));
    }
    b.finish()
}

/// A title derived from the first sentence would count that sentence twice.
fn title_counts(title: &str, blocks: &[Block]) -> bool {
    !blocks.first().is_some_and(|b| {
        let t = title.trim_end_matches('…');
        !t.is_empty() && b.text().starts_with(t)
    })
}

/// [`terms`] of a document whose texts (`title`, then `blocks`, its own or the same read in
/// passing, as `meta` reads them) are tokenised already: the name extractor's tokens serve
/// here too.
fn terms_of_tokens(doc: &Document, blocks: &[Block], toks: &[Vec<Tok<'_>>]) -> DocTerms {
    let mut b = TermsBuilder::default();
    let skip = usize::from(!title_counts(&doc.title, blocks));
    for t in toks.iter().skip(skip) {
        b.add(t);
    }
    b.finish()
}

/// A document's terms as they are counted, text by text.
#[derive(Default)]
struct TermsBuilder {
    out: DocTerms,
    /// Per term (index into `out.terms`): its count per form (indexed like `Suffix::ALL`).
    forms: Vec<[usize; 3]>,
    table: HashTable<usize>,
}

impl TermsBuilder {
    fn add(&mut self, toks: &[Tok<'_>]) {
        for t in toks {
            let Tok::Word(w) = t else { continue };
            if is_elision(w.text) {
                continue;
            }
            with_folded(w.text, |folded| self.count(folded));
        }
    }

    fn count(&mut self, folded: &str) {
        // Most folded words are ASCII: their length in chars is their length, and their only
        // numeric chars are digits.
        let ascii = folded.is_ascii();
        let chars = if ascii {
            folded.len()
        } else {
            folded.chars().count()
        };
        let numeric = if ascii {
            folded.bytes().any(|b| b.is_ascii_digit())
        } else {
            folded.chars().any(|c| c.is_numeric())
        };
        if chars < MIN_CHARS || numeric || LISTS.stopwords.contains(folded) {
            return;
        }
        let key = stem(folded, chars);
        let hash = hash_of(key);
        let (keys, terms) = (&mut self.out.keys, &mut self.out.terms);
        let found = self
            .table
            .find(hash, |&i| {
                terms
                    .get(i)
                    .and_then(|t: &Term| keys.get(t.at..t.at + t.len))
                    == Some(key)
            })
            .copied();
        let i = match found {
            Some(i) => i,
            None => {
                let i = terms.len();
                terms.push(Term {
                    hash,
                    at: keys.len(),
                    len: key.len(),
                    count: 0,
                    shown: Suffix::None,
                });
                keys.push_str(key);
                self.forms.push([0; 3]);
                self.table
                    .insert_unique(hash, i, |&j| terms.get(j).map_or(0, |t| t.hash));
                i
            }
        };
        if let (Some(t), Some(f)) = (terms.get_mut(i), self.forms.get_mut(i)) {
            t.count += 1;
            f[Suffix::of(folded, key) as usize] += 1;
        }
    }

    fn finish(mut self) -> DocTerms {
        for (t, f) in self.out.terms.iter_mut().zip(&self.forms) {
            // The most frequent form; on a tie the first in `ALL`, alphabetically first.
            for s in Suffix::ALL {
                if f[s as usize] > f[t.shown as usize] {
                    t.shown = s;
                }
            }
        }
        self.out
    }
}

/// A light plural fold: `serveurs` → `serveur`, `réseaux` → `reseau`; short words untouched.
/// (`nationaux`/`national` stay apart: rarer than the cost of a wrong merge.)
/// `chars`: how many chars `folded` holds.
fn stem(folded: &str, chars: usize) -> &str {
    if chars > 4 {
        if let Some(s) = folded.strip_suffix(['s', 'x']) {
            return s;
        }
    }
    folded
}

/// Set `meta.keywords` of every document: the `KEYWORDS_PER_DOC` terms with the highest
/// tf × idf, idf = ln((1 + N) / (1 + df)) + 1 (so a one-document corpus ranks by frequency).
/// Ties go to the alphabetically first term, so the result does not depend on hashing.
pub fn add_keywords(corpus: &mut Corpus) {
    let mut vocab = Vocab::default();
    let mut per_doc: Vec<Ids> = Vec::with_capacity(corpus.docs.len());
    // Interning is one thread's work: it runs beside the extraction of the next chunk, not
    // while the pool waits.
    let mut pending: Vec<DocTerms> = Vec::new();
    for chunk in corpus.docs.chunks(CHUNK) {
        let done = std::mem::take(&mut pending);
        let ((), next) = rayon::join(
            || per_doc.extend(done.iter().map(|t| vocab.add(t))),
            || chunk.par_iter().map(terms).collect::<Vec<DocTerms>>(),
        );
        pending = next;
    }
    per_doc.extend(pending.iter().map(|t| vocab.add(t)));
    set_keywords(corpus, &vocab, per_doc);
}

/// The card of every document of `corpus` with its keywords ([`add_keywords`]'s), in the
/// documents' order: made for a document that waits for one (`card_pending`, see
/// [`super::cards`]), its own otherwise; each put `aside` if there is somewhere to. The
/// corpus is left as it is: a reader's first run copies it for the cards once they are
/// made, not while they are made beside the copy the searches use. Two passes: every
/// document's terms counted (how many documents hold each), then each card made with its
/// keywords, its terms counted again from the card's tokens. The terms of every document
/// kept from one pass to the other were 4 KB a document beside the index (at 100 000
/// articles the first run's peak went from 0.8 to 1.9 GB); cards made in the first pass
/// were all in memory at the end of it, 130 MB. `pace` is called before each document of
/// each pass.
pub(crate) fn keywords_and_cards(
    corpus: &Corpus,
    pace: &(dyn Fn() + Sync),
    aside: Option<&dyn Aside<Meta>>,
) -> Vec<Shelved<Meta>> {
    let mut vocab = Vocab::default();
    let mut pending: Vec<DocTerms> = Vec::new();
    let counted = |doc: &Document| {
        pace();
        terms(doc)
    };
    for chunk in corpus.docs.chunks(CHUNK) {
        let done = std::mem::take(&mut pending);
        let ((), next) = rayon::join(
            || done.iter().for_each(|t| vocab.count(t)),
            || chunk.par_iter().map(counted).collect::<Vec<DocTerms>>(),
        );
        pending = next;
    }
    pending.iter().for_each(|t| vocab.count(t));
    drop(pending);
    let n = corpus.docs.len() as f64;
    // The card last, with its keywords: it is whole then, and can go aside at once.
    let card_of = |doc: &Document| {
        pace();
        let (mut card, doc_terms) = if doc.card_pending {
            let mut counted = DocTerms::default();
            let card = super::meta::card(doc, &mut |blocks, toks| {
                counted = terms_of_tokens(doc, blocks, toks);
            });
            (card, counted)
        } else {
            (Meta::clone(&doc.meta.passing()), terms(doc))
        };
        card.keywords = top_keywords(&vocab.ids(&doc_terms), &vocab, n);
        aside
            .and_then(|aside| aside.put(&card))
            .unwrap_or_else(|| card.into())
    };
    corpus.docs.par_iter().map(card_of).collect()
}

/// Score and keep each document's terms; `per_doc[i]` holds the ids of `corpus.docs[i]`.
fn set_keywords(corpus: &mut Corpus, vocab: &Vocab, per_doc: Vec<Ids>) {
    let n = per_doc.len() as f64;
    let keywords: Vec<Vec<String>> = per_doc
        .par_iter()
        .map(|ids| top_keywords(ids, vocab, n))
        .collect();
    for (doc, k) in corpus.docs.iter_mut().zip(keywords) {
        doc.meta.keywords = k;
    }
}

/// The keywords of a document whose terms are `ids`, in a corpus of `n` documents.
fn top_keywords(ids: &Ids, vocab: &Vocab, n: f64) -> Vec<String> {
    let (strings, df) = (&vocab.strings, &vocab.df);
    let mut scored: Vec<(f64, &str, Suffix)> = ids
        .iter()
        .map(|&(key, count, shown)| {
            let df = df.get(key as usize).copied().unwrap_or(1);
            let idf = ((1.0 + n) / (1.0 + df as f64)).ln() + 1.0;
            (f64::from(count) * idf, strings.get(key), shown)
        })
        .collect();
    // Shown forms differ between terms (each stems to its own key): a total order,
    // so an unstable selection and sort give the one result whatever the input order.
    let order = |a: &(f64, &str, Suffix), b: &(f64, &str, Suffix)| {
        b.0.total_cmp(&a.0)
            .then_with(|| shown_cmp((a.1, a.2), (b.1, b.2)))
    };
    // Only the first few are kept: pick them, then sort those alone.
    if scored.len() > KEYWORDS_PER_DOC {
        scored.select_nth_unstable_by(KEYWORDS_PER_DOC, order);
        scored.truncate(KEYWORDS_PER_DOC);
    }
    scored.sort_unstable_by(order);
    // Not `into_iter`: collecting in place would keep `scored`'s whole allocation
    // (every term of the document) behind ten strings, for the corpus's lifetime.
    scored
        .iter()
        .map(|&(_, key, shown)| format!("{key}{}", shown.text()))
        .collect()
}

/// Alphabetical order of two shown forms, `key` + suffix, without building them.
fn shown_cmp(a: (&str, Suffix), b: (&str, Suffix)) -> std::cmp::Ordering {
    // Keys that differ before one ends compare as their shown forms do, without the chain.
    let n = a.0.len().min(b.0.len());
    let head = a.0.as_bytes()[..n].cmp(&b.0.as_bytes()[..n]);
    if head.is_ne() {
        return head;
    }
    a.0.bytes()
        .chain(a.1.text().bytes())
        .cmp(b.0.bytes().chain(b.1.text().bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Block;

    fn doc(text: &str) -> Document {
        Document {
            title: "t".into(),
            blocks: vec![Block::Paragraph(text.into())].into(),
            ..Document::default()
        }
    }

    #[test]
    fn distinctive_folded_no_stopwords() {
        let mut c = Corpus {
            docs: vec![
                doc("Les serveurs d'Amaq, le serveur et la propagande. Les serveurs."),
                doc("La propagande et la police. La police était là."),
            ],
            warnings: vec![],
        };
        add_keywords(&mut c);
        assert_eq!(c.docs[0].meta.keywords, ["serveurs", "amaq", "propagande"]);
        assert_eq!(c.docs[1].meta.keywords, ["police", "propagande"]);
    }
}
