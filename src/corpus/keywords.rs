//! Keywords: each article's distinctive terms within its corpus, by TF-IDF over folded
//! words, stopwords (`assets/stopwords/keywords-*.txt`) left out. Must not run per document
//! alone: a term is distinctive only against the others.

use super::gazetteer::LISTS;
use super::words::{Tok, is_elision, tokens, with_folded};
use super::{Corpus, Document};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Keywords kept per document.
pub const KEYWORDS_PER_DOC: usize = 10;

/// Terms shorter than this are almost never distinctive (`ue`, `ei` are names, not topics).
const MIN_CHARS: usize = 3;

/// Documents whose terms are extracted on the pool before being interned on this thread:
/// bounds the strings alive at once while keeping both cores busy.
const CHUNK: usize = 256;

/// One term of a document: its key (stemmed), its count, and the form shown for it.
struct Term {
    key: String,
    count: usize,
    shown: Suffix,
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

/// Folded terms of a document with their counts. A plural and its singular (`serveurs`,
/// `serveur`) count as one term, shown in its most frequent form (ties: alphabetically first).
fn terms(doc: &Document) -> Vec<Term> {
    // Per key: its count, and its count per form (indexed like `Suffix::ALL`).
    let mut counts: FxHashMap<String, (usize, [usize; 3])> = FxHashMap::default();
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
                entry.1[Suffix::of(folded, key) as usize] += 1;
            });
        }
    }
    counts
        .into_iter()
        .map(|(key, (count, forms))| {
            // The most frequent form; on a tie the first in `ALL`, alphabetically first.
            let mut shown = Suffix::None;
            for s in Suffix::ALL {
                if forms[s as usize] > forms[shown as usize] {
                    shown = s;
                }
            }
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
    ids: FxHashMap<Box<str>, u32>,
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
    // (key id, count, shown form) per term, per document.
    let mut per_doc: Vec<Vec<(u32, u32, Suffix)>> = Vec::with_capacity(corpus.docs.len());
    for chunk in corpus.docs.chunks(CHUNK) {
        let extracted: Vec<Vec<Term>> = chunk.par_iter().map(terms).collect();
        for doc_terms in extracted {
            let mut ids = Vec::with_capacity(doc_terms.len());
            for t in doc_terms {
                let key = strings.id(t.key);
                let k = key as usize;
                if df.len() <= k {
                    df.resize(k + 1, 0);
                }
                df[k] += 1;
                let count = u32::try_from(t.count).unwrap_or(u32::MAX);
                ids.push((key, count, t.shown));
            }
            per_doc.push(ids);
        }
    }
    let n = per_doc.len() as f64;
    let text = |id: u32| strings.strings.get(id as usize).map_or("", |s| &**s);
    let keywords: Vec<Vec<String>> = per_doc
        .par_iter()
        .map(|ids| {
            let mut scored: Vec<(f64, &str, Suffix)> = ids
                .iter()
                .map(|&(key, count, shown)| {
                    let df = df.get(key as usize).copied().unwrap_or(1);
                    let idf = ((1.0 + n) / (1.0 + df as f64)).ln() + 1.0;
                    (f64::from(count) * idf, text(key), shown)
                })
                .collect();
            // Shown forms differ between terms (each stems to its own key): a total order,
            // so an unstable sort gives the one result whatever the input order.
            scored.sort_unstable_by(|a, b| {
                b.0.total_cmp(&a.0)
                    .then_with(|| shown_cmp((a.1, a.2), (b.1, b.2)))
            });
            scored
                .into_iter()
                .take(KEYWORDS_PER_DOC)
                .map(|(_, key, shown)| format!("{key}{}", shown.text()))
                .collect()
        })
        .collect();
    for (doc, k) in corpus.docs.iter_mut().zip(keywords) {
        doc.meta.keywords = k;
    }
}

/// Alphabetical order of two shown forms, `key` + suffix, without building them.
fn shown_cmp(a: (&str, Suffix), b: (&str, Suffix)) -> std::cmp::Ordering {
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
