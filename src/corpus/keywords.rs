//! Keywords: each article's distinctive terms within its corpus, by TF-IDF over folded
//! words, stopwords (`assets/stopwords/keywords-*.txt`) left out. Must not run per document
//! alone: a term is distinctive only against the others.

use super::gazetteer::LISTS;
use super::words::{Tok, is_elision, tokens};
use super::{Corpus, Document};
use crate::search::fold::fold_str;
use std::collections::HashMap;

/// Keywords kept per document.
pub const KEYWORDS_PER_DOC: usize = 10;

/// Terms shorter than this are almost never distinctive (`ue`, `ei` are names, not topics).
const MIN_CHARS: usize = 3;

/// Folded terms of a document with their counts. A plural and its singular (`serveurs`,
/// `serveur`) count as one term, shown in its most frequent form.
fn terms(doc: &Document) -> HashMap<String, (usize, HashMap<String, usize>)> {
    let mut counts: HashMap<String, (usize, HashMap<String, usize>)> = HashMap::new();
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
            let folded = fold_str(w.text);
            if folded.chars().count() < MIN_CHARS
                || folded.chars().any(|c| c.is_numeric())
                || LISTS.stopwords.contains(&folded)
            {
                continue;
            }
            let entry = counts.entry(stem(&folded).to_string()).or_default();
            entry.0 += 1;
            *entry.1.entry(folded).or_default() += 1;
        }
    }
    counts
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

/// Set `meta.keywords` of every document: the `KEYWORDS_PER_DOC` terms with the highest
/// tf × idf, idf = ln((1 + N) / (1 + df)) + 1 (so a one-document corpus ranks by frequency).
/// Ties go to the alphabetically first term, so the result does not depend on hashing.
pub fn add_keywords(corpus: &mut Corpus) {
    let per_doc: Vec<_> = corpus.docs.iter().map(terms).collect();
    let mut df: HashMap<&str, usize> = HashMap::new();
    for terms in &per_doc {
        for key in terms.keys() {
            *df.entry(key.as_str()).or_default() += 1;
        }
    }
    let n = per_doc.len() as f64;
    let mut keywords = Vec::with_capacity(per_doc.len());
    for terms in &per_doc {
        let mut scored: Vec<(f64, String)> = terms
            .iter()
            .map(|(key, (count, forms))| {
                let idf = ((1.0 + n) / (1.0 + df.get(key.as_str()).copied().unwrap_or(1) as f64))
                    .ln()
                    + 1.0;
                let shown = forms
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map_or_else(|| key.clone(), |(f, _)| f.clone());
                (*count as f64 * idf, shown)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        keywords.push(
            scored
                .into_iter()
                .take(KEYWORDS_PER_DOC)
                .map(|(_, t)| t)
                .collect::<Vec<_>>(),
        );
    }
    for (doc, k) in corpus.docs.iter_mut().zip(keywords) {
        doc.meta.keywords = k;
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
