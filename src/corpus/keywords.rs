//! Keywords: each article's distinctive terms within its corpus, by TF-IDF over folded
//! words, stopwords (`assets/stopwords/keywords-*.txt`) left out. Must not run per document
//! alone: a term is distinctive only against the others.

use super::gazetteer::LISTS;
use super::words::{Tok, is_elision, tokens, with_folded};
use super::{Corpus, Document};
use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::FxHasher;
use std::hash::Hasher;

/// Keywords kept per document.
pub const KEYWORDS_PER_DOC: usize = 10;

/// Terms shorter than this are almost never distinctive (`ue`, `ei` are names, not topics).
const MIN_CHARS: usize = 3;

/// Documents whose terms are extracted on the pool while the previous chunk's are interned:
/// bounds the term lists alive at once while keeping both cores busy.
const CHUNK: usize = 256;

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
    let mut out = DocTerms::default();
    // Per term (index into `out.terms`): its count per form (indexed like `Suffix::ALL`).
    let mut forms: Vec<[usize; 3]> = Vec::new();
    let mut table: HashTable<usize> = HashTable::new();
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
                let key = stem(folded);
                let hash = hash_of(key);
                let (keys, terms) = (&mut out.keys, &mut out.terms);
                let found = table
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
                        forms.push([0; 3]);
                        table.insert_unique(hash, i, |&j| terms.get(j).map_or(0, |t| t.hash));
                        i
                    }
                };
                if let (Some(t), Some(f)) = (terms.get_mut(i), forms.get_mut(i)) {
                    t.count += 1;
                    f[Suffix::of(folded, key) as usize] += 1;
                }
            });
        }
    }
    for (t, f) in out.terms.iter_mut().zip(&forms) {
        // The most frequent form; on a tie the first in `ALL`, alphabetically first.
        for s in Suffix::ALL {
            if f[s as usize] > f[t.shown as usize] {
                t.shown = s;
            }
        }
    }
    out
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

/// Strings seen across the corpus, each stored once, end to end in one string; documents
/// refer to them by id, so the per-document term lists of a 100k corpus stay a few bytes
/// per term.
#[derive(Default)]
struct Interner {
    /// (id, byte length, offset in `text`): a probe reads the slot and the text, no third
    /// array (interning is cache misses more than anything).
    table: HashTable<(u32, u32, usize)>,
    text: String,
    /// Per id: where its string sits in `text`.
    spans: Vec<(usize, usize)>,
}

impl Interner {
    fn get(&self, id: u32) -> &str {
        self.spans
            .get(id as usize)
            .and_then(|&(at, len)| self.text.get(at..at + len))
            .unwrap_or("")
    }

    fn id(&mut self, s: &str, hash: u64) -> u32 {
        let text = &self.text;
        let same = |&(_, len, at): &(u32, u32, usize)| {
            len as usize == s.len() && text.get(at..at + s.len()) == Some(s)
        };
        if let Some(&(id, _, _)) = self.table.find(hash, same) {
            return id;
        }
        let id = u32::try_from(self.spans.len()).unwrap_or(u32::MAX);
        let at = self.text.len();
        let len = u32::try_from(s.len()).unwrap_or(u32::MAX);
        self.spans.push((at, s.len()));
        self.text.push_str(s);
        let text = &self.text;
        self.table
            .insert_unique(hash, (id, len, at), |&(_, len, at)| {
                hash_of(text.get(at..at + len as usize).unwrap_or(""))
            });
        id
    }
}

/// Per document: (key id, count, shown form) per term.
type Ids = Vec<(u32, u32, Suffix)>;

fn intern(
    strings: &mut Interner,
    df: &mut Vec<usize>,
    per_doc: &mut Vec<Ids>,
    docs: Vec<DocTerms>,
) {
    for doc_terms in docs {
        let mut ids = Vec::with_capacity(doc_terms.terms.len());
        for t in &doc_terms.terms {
            let key = strings.id(doc_terms.key(t), t.hash);
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

/// Set `meta.keywords` of every document: the `KEYWORDS_PER_DOC` terms with the highest
/// tf × idf, idf = ln((1 + N) / (1 + df)) + 1 (so a one-document corpus ranks by frequency).
/// Ties go to the alphabetically first term, so the result does not depend on hashing.
pub fn add_keywords(corpus: &mut Corpus) {
    let mut strings = Interner::default();
    let mut df: Vec<usize> = Vec::new();
    let mut per_doc: Vec<Ids> = Vec::with_capacity(corpus.docs.len());
    // Interning is one thread's work: it runs beside the extraction of the next chunk, not
    // while the pool waits.
    let mut pending: Vec<DocTerms> = Vec::new();
    for chunk in corpus.docs.chunks(CHUNK) {
        let done = std::mem::take(&mut pending);
        let ((), next) = rayon::join(
            || intern(&mut strings, &mut df, &mut per_doc, done),
            || chunk.par_iter().map(terms).collect::<Vec<DocTerms>>(),
        );
        pending = next;
    }
    intern(&mut strings, &mut df, &mut per_doc, pending);
    let n = per_doc.len() as f64;
    let strings = &strings;
    let keywords: Vec<Vec<String>> = per_doc
        .par_iter()
        .map(|ids| {
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
        })
        .collect();
    for (doc, k) in corpus.docs.iter_mut().zip(keywords) {
        doc.meta.keywords = k;
    }
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
