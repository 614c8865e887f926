//! Keywords: each article's distinctive terms within its corpus, by TF-IDF over folded
//! words, stopwords (`assets/stopwords/keywords-*.txt`) left out. Must not run per document
//! alone: a term is distinctive only against the others.

use super::gazetteer::LISTS;
use super::words::{Tok, is_elision, tokens, with_folded};
use super::{Corpus, Document};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Keywords kept per document.
pub const KEYWORDS_PER_DOC: usize = 10;

/// Terms shorter than this are almost never distinctive (`ue`, `ei` are names, not topics).
const MIN_CHARS: usize = 3;

/// Documents whose terms are extracted on the pool before being interned on this thread:
/// bounds the strings alive at once while keeping both cores busy.
const CHUNK: usize = 256;

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// One term of a document: its key (stemmed), its count, and the form shown for it.
struct Term {
    key: String,
    count: usize,
    shown: String,
}

/// Folded terms of a document with their counts. A plural and its singular (`serveurs`,
/// `serveur`) count as one term, shown in its most frequent form (ties: alphabetically first).
fn terms(doc: &Document) -> Vec<Term> {
    let mut counts: FxMap<String, (usize, FxMap<String, usize>)> = FxMap::default();
    // A title derived from the first sentence would count that sentence twice.
    let derived = doc.blocks.first().is_some_and(|b| {
        let t = doc.title.trim_end_matches('…');
        !t.is_empty() && b.text().starts_with(t)
    });
    let title = (!derived).then_some(doc.title.as_str());
    let texts = title.into_iter().chain(doc.blocks.iter().map(|b| b.text()));
    for text in texts {
        for t in tokens(text) {
            let Tok::Word(w) = t else { continue };
            if is_elision(w.text) {
                continue;
            }
            with_folded(w.text, |folded| {
                if folded.chars().count() < MIN_CHARS
                    || folded.chars().any(|c| c.is_numeric())
                    || LISTS.stopwords.contains(folded)
                {
                    return;
                }
                // Look up before inserting: a `String` only for a term's first occurrence.
                let key = stem(folded);
                let entry = match counts.get_mut(key) {
                    Some(e) => e,
                    None => counts.entry(key.to_string()).or_default(),
                };
                entry.0 += 1;
                match entry.1.get_mut(folded) {
                    Some(n) => *n += 1,
                    None => {
                        entry.1.insert(folded.to_string(), 1);
                    }
                }
            });
        }
    }
    counts
        .into_iter()
        .map(|(key, (count, forms))| {
            let shown = forms
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map_or_else(|| key.clone(), |(f, _)| f);
            Term { key, count, shown }
        })
        .collect()
}

/// A light plural fold: `serveurs` → `serveur`, `réseaux` → `reseau`; short words untouched.
/// (`nationaux`/`national` stay apart: rarer than the cost of a wrong merge.)
fn stem(folded: &str) -> &str {
    if folded.chars().count() > 4 {
        if let Some(s) = folded.strip_suffix(['s', 'x']) {
            return s;
        }
    }
    folded
}

/// Strings seen across the corpus, each stored once; documents refer to them by id, so the
/// per-document term lists of a 100k corpus stay a few bytes per term.
#[derive(Default)]
struct Interner {
    ids: FxMap<Box<str>, u32>,
    strings: Vec<Box<str>>,
}

impl Interner {
    fn id(&mut self, s: String) -> u32 {
        if let Some(&id) = self.ids.get(s.as_str()) {
            return id;
        }
        let id = u32::try_from(self.strings.len()).unwrap_or(u32::MAX);
        let s: Box<str> = s.into_boxed_str();
        self.strings.push(s.clone());
        self.ids.insert(s, id);
        id
    }
}

/// Set `meta.keywords` of every document: the `KEYWORDS_PER_DOC` terms with the highest
/// tf × idf, idf = ln((1 + N) / (1 + df)) + 1 (so a one-document corpus ranks by frequency).
/// Ties go to the alphabetically first term, so the result does not depend on hashing.
pub fn add_keywords(corpus: &mut Corpus) {
    let mut strings = Interner::default();
    let mut df: Vec<usize> = Vec::new();
    // (key id, count, shown id) per term, per document.
    let mut per_doc: Vec<Vec<(u32, usize, u32)>> = Vec::with_capacity(corpus.docs.len());
    for chunk in corpus.docs.chunks(CHUNK) {
        let extracted: Vec<Vec<Term>> = chunk.par_iter().map(terms).collect();
        for doc_terms in extracted {
            let mut ids = Vec::with_capacity(doc_terms.len());
            for t in doc_terms {
                let key = strings.id(t.key);
                let shown = strings.id(t.shown);
                let k = key as usize;
                if df.len() <= k {
                    df.resize(k + 1, 0);
                }
                df[k] += 1;
                ids.push((key, t.count, shown));
            }
            per_doc.push(ids);
        }
    }
    let n = per_doc.len() as f64;
    let text = |id: u32| strings.strings.get(id as usize).map_or("", |s| &**s);
    let keywords: Vec<Vec<String>> = per_doc
        .par_iter()
        .map(|ids| {
            let mut scored: Vec<(f64, &str)> = ids
                .iter()
                .map(|&(key, count, shown)| {
                    let df = df.get(key as usize).copied().unwrap_or(1);
                    let idf = ((1.0 + n) / (1.0 + df as f64)).ln() + 1.0;
                    (count as f64 * idf, text(shown))
                })
                .collect();
            // Shown forms differ between terms (each stems to its own key): a total order,
            // so an unstable sort gives the one result whatever the input order.
            scored.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
            scored
                .into_iter()
                .take(KEYWORDS_PER_DOC)
                .map(|(_, t)| t.to_string())
                .collect()
        })
        .collect();
    for (doc, k) in corpus.docs.iter_mut().zip(keywords) {
        doc.meta.keywords = k;
    }
}

/// FxHash (rustc's hasher): keys are short words from the corpus itself, so a fast
/// non-keyed hash is enough; SipHash was a visible share of keyword time.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &byte in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(K);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Block;

    fn doc(text: &str) -> Document {
        Document {
            title: "t".into(),
            blocks: vec![Block::Paragraph(text.into())],
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
