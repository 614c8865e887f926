//! Related articles: the documents sharing the most keywords and names with one article.
//! Must not rank query results (that is the engine's job).

use crate::corpus::{Corpus, Document};
use crate::search::fold::fold_str;
use std::collections::HashSet;

/// What an article is about, folded: its keywords and the names it mentions.
fn features(doc: &Document) -> HashSet<String> {
    let m = &doc.meta;
    m.keywords
        .iter()
        .chain(&m.people)
        .chain(&m.organizations)
        .chain(&m.places)
        .map(|s| fold_str(s))
        .collect()
}

/// Up to `limit` documents nearest to `doc` by shared features (Jaccard), best first,
/// ties in corpus order; documents sharing nothing are left out.
pub fn related(corpus: &Corpus, doc: usize, limit: usize) -> Vec<(usize, f32)> {
    let Some(this) = corpus.docs.get(doc).map(features) else {
        return Vec::new();
    };
    if this.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(usize, f32)> = corpus
        .docs
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != doc)
        .filter_map(|(i, other)| {
            let other = features(other);
            let shared = this.intersection(&other).count();
            let union = this.union(&other).count();
            (shared > 0).then(|| (i, shared as f32 / union as f32))
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.truncate(limit);
    scored
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Meta;

    fn doc(keywords: &[&str], people: &[&str]) -> Document {
        Document {
            meta: Meta {
                keywords: keywords.iter().map(|s| s.to_string()).collect(),
                people: people.iter().map(|s| s.to_string()).collect(),
                ..Meta::default()
            },
            ..Document::default()
        }
    }

    #[test]
    fn nearest_by_shared_keywords_and_names_best_first() {
        let corpus = Corpus {
            docs: vec![
                doc(&["amaq", "propagande"], &["Rob Wainwright"]),
                doc(&["amaq", "propagande"], &["Rob Wainwright"]),
                doc(&["amaq", "serveurs", "bulgarie"], &[]),
                doc(&["football"], &[]),
            ],
            warnings: Vec::new(),
        };
        let found: Vec<usize> = related(&corpus, 0, 5).into_iter().map(|(d, _)| d).collect();
        assert_eq!(found, [1, 2], "the unrelated one is left out");
        assert_eq!(related(&corpus, 0, 1).len(), 1);
        assert!(related(&corpus, 99, 5).is_empty());
    }
}
