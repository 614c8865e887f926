//! Related articles: the documents sharing the most keywords and names with one article,
//! from features folded and numbered once per corpus. Must not rank query results (that is
//! the engine's job).

use crate::corpus::{Corpus, Document};
use crate::search::fold::fold_str;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Each document's features as sorted ids, and for each feature the documents that have it.
/// Built with the index, so opening an article looks at the few documents sharing a feature
/// with it instead of folding the whole corpus again.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Related {
    features: Lists,
    docs_with: Lists,
    /// The threshold of a common feature, and per document how many of its features are
    /// telling under it (see [`Related::nearest`]), counted at the first use.
    #[serde(skip)]
    telling: OnceLock<(usize, Vec<u16>)>,
}

/// Lists of ids laid end to end: list `i` is `items[at[i]..at[i + 1]]`. Two arrays for any
/// number of lists, so reading them back from the cache is two bulk reads, not an
/// allocation per document and per feature (100 000 and more of each).
#[derive(Debug, Default, Serialize, Deserialize)]
struct Lists {
    at: Vec<usize>,
    items: Vec<u32>,
}

impl Lists {
    fn push(&mut self, list: &[u32]) {
        if self.at.is_empty() {
            self.at.push(0);
        }
        self.items.extend_from_slice(list);
        self.at.push(self.items.len());
    }

    fn len(&self) -> usize {
        self.at.len().saturating_sub(1)
    }

    /// List `i`; `None` past the last, or where the offsets (read from the cache) do not
    /// make a list.
    fn get(&self, i: usize) -> Option<&[u32]> {
        let (start, end) = (*self.at.get(i)?, *self.at.get(i.checked_add(1)?)?);
        self.items.get(start..end)
    }

    /// For each of `count` ids, the lists holding it, in order: two arrays the size of
    /// these, counted then filled in place. A vector per id (a feature's documents) cost
    /// twice their items again at 100 000 articles, while the cards were made beside the
    /// index.
    fn inverted(&self, count: usize) -> Lists {
        // `at[id + 1]` counts the id's lists, then (summed) is where its own start, then
        // (filled) where they end, which is where the next id's start.
        let mut at = vec![0usize; count + 1];
        for &id in &self.items {
            if let Some(n) = at.get_mut(id as usize + 1) {
                *n += 1;
            }
        }
        let mut start = 0;
        for slot in at.iter_mut().skip(1) {
            let n = *slot;
            *slot = start;
            start += n;
        }
        let mut items = vec![0u32; start];
        for (list, ids) in self.iter().enumerate() {
            for &id in ids {
                let Some(next) = at.get_mut(id as usize + 1) else {
                    continue;
                };
                if let Some(item) = items.get_mut(*next) {
                    *item = list as u32;
                }
                *next += 1;
            }
        }
        Lists { at, items }
    }

    fn iter(&self) -> impl Iterator<Item = &[u32]> {
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }
}

/// A feature held by more than one document in this many tells nothing about which
/// articles are related (a dossier's every article names its subject); never fewer than
/// [`COMMON_MIN`] documents, so a small corpus keeps them all.
const COMMON_SHARE: usize = 10;
const COMMON_MIN: usize = 64;

/// Documents whose features are folded on the pool before they are numbered.
const FOLDED_AT_ONCE: usize = 4096;

/// What an article is about, folded: its keywords and the names it mentions.
fn features(doc: &Document) -> Vec<String> {
    // In passing: a first run's cards wait on its scratch file, and are not all brought
    // back into memory.
    let m = doc.meta.passing();
    m.keywords
        .iter()
        .chain(&m.people)
        .chain(&m.organizations)
        .chain(&m.places)
        .map(|s| fold_str(s))
        .collect()
}

impl Related {
    /// Whether it numbers any document: one built over a corpus does, even with no feature,
    /// and the one an index stored before its cards were made does not.
    pub fn is_built(&self) -> bool {
        !self.features.at.is_empty()
    }

    pub fn build(corpus: &Corpus) -> Related {
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut each = Lists::default();
        // Folding is the cost and is per document; numbering must be in order to be stable.
        // A chunk at a time: the folded names of every document at once were 60 MB at
        // 100 000 articles, beside the index.
        let folded = corpus
            .docs
            .chunks(FOLDED_AT_ONCE)
            .flat_map(|chunk| chunk.par_iter().map(features).collect::<Vec<_>>());
        for names in folded {
            let mut own: Vec<u32> = names
                .into_iter()
                .map(|name| {
                    let next = ids.len() as u32;
                    *ids.entry(name).or_insert(next)
                })
                .collect();
            own.sort_unstable();
            own.dedup();
            each.push(&own);
        }
        let feature_count = ids.len();
        // Gone before the inverted lists are made: the names were the most of what the
        // build held beside them.
        drop(ids);
        let docs_with = each.inverted(feature_count);
        Related {
            features: each,
            docs_with,
            telling: OnceLock::new(),
        }
    }

    /// Up to `limit` documents nearest to `doc` by shared features (Jaccard), best first,
    /// ties in corpus order; documents sharing nothing are left out. Only telling features
    /// count: those held by at most a tenth of the documents (or 64). A keyword of a third
    /// of the corpus relates nothing, and counting the articles sharing it was most of the
    /// UI thread's work each time the selected article changed (20 ms and more for an
    /// article of many common names at 100 000 articles).
    pub fn nearest(&self, doc: usize, limit: usize) -> Vec<(usize, f32)> {
        let common = (self.features.len() / COMMON_SHARE).max(COMMON_MIN);
        self.nearest_with(doc, limit, common)
    }

    /// [`Related::nearest`] with features held by more than `common` documents left out.
    fn nearest_with(&self, doc: usize, limit: usize, common: usize) -> Vec<(usize, f32)> {
        let telling = |f: &u32| {
            self.docs_with
                .get(*f as usize)
                .is_some_and(|d| d.len() <= common)
        };
        let Some(own) = self.features.get(doc) else {
            return Vec::new();
        };
        let own: Vec<u32> = own.iter().copied().filter(telling).collect();
        if own.is_empty() || limit == 0 {
            return Vec::new();
        }
        let count_all = || -> Vec<u16> {
            let count = |fs: &[u32]| fs.iter().filter(|f| telling(f)).count();
            self.features
                .iter()
                .map(|fs| u16::try_from(count(fs)).unwrap_or(u16::MAX))
                .collect()
        };
        let other_threshold;
        let counts: &[u16] = match self.telling.get_or_init(|| (common, count_all())) {
            (made_for, counts) if *made_for == common => counts,
            _ => {
                other_threshold = count_all();
                &other_threshold
            }
        };
        // Counted in one slot per document, not a hash map: a frequent keyword is shared by
        // tens of thousands of articles, and hashing each was milliseconds of the UI thread
        // every time the selected article changed.
        let mut shared = vec![0u32; self.features.len()];
        let mut touched: Vec<u32> = Vec::new();
        for &f in own.iter() {
            for &other in self.docs_with.get(f as usize).into_iter().flatten() {
                let Some(count) = shared.get_mut(other as usize) else {
                    continue;
                };
                if other as usize != doc {
                    if *count == 0 {
                        touched.push(other);
                    }
                    *count += 1;
                }
            }
        }
        if limit == 0 {
            return Vec::new();
        }
        // Most shared first: an article sharing `both` features scores at most `both` over
        // this one's count (when it has no other), so once the best few beat that, those
        // sharing fewer (most of them, through a frequent keyword alone) are not looked at.
        let mut by_both: Vec<Vec<u32>> = vec![Vec::new(); own.len() + 1];
        for other in touched {
            if let Some(bucket) = by_both.get_mut(shared[other as usize] as usize) {
                bucket.push(other);
            }
        }
        let cmp = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        let mut best: Vec<(usize, f32)> = Vec::with_capacity(limit + 1);
        for (both, bucket) in by_both.iter().enumerate().rev() {
            let bound = both as f32 / own.len() as f32;
            if best.len() == limit && best.last().is_some_and(|worst| worst.1 > bound) {
                break;
            }
            for &other in bucket {
                let theirs = counts.get(other as usize).map_or(0, |&c| usize::from(c));
                let union = own.len() + theirs - both;
                let candidate = (other as usize, both as f32 / union as f32);
                let beats = |worst: &(usize, f32)| cmp(&candidate, worst).is_lt();
                if best.len() < limit || best.last().is_some_and(beats) {
                    let at = best.partition_point(|b| cmp(b, &candidate).is_lt());
                    best.insert(at, candidate);
                    best.truncate(limit);
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Meta;
    use std::collections::BTreeSet;

    fn doc(keywords: &[&str], people: &[&str]) -> Document {
        Document {
            meta: Meta {
                keywords: keywords.iter().map(|s| s.to_string()).collect(),
                people: people.iter().map(|s| s.to_string()).collect(),
                ..Meta::default()
            }
            .into(),
            ..Document::default()
        }
    }

    fn corpus(docs: Vec<Document>) -> Corpus {
        Corpus {
            docs,
            warnings: Vec::new(),
        }
    }

    #[test]
    fn nearest_by_shared_keywords_and_names_best_first() {
        let related = Related::build(&corpus(vec![
            doc(&["amaq", "propagande"], &["Rob Wainwright"]),
            doc(&["amaq", "propagande"], &["Rob Wainwright"]),
            doc(&["amaq", "serveurs", "bulgarie"], &[]),
            doc(&["football"], &[]),
        ]));
        let found: Vec<usize> = related.nearest(0, 5).into_iter().map(|(d, _)| d).collect();
        assert_eq!(found, [1, 2], "the unrelated one is left out");
        assert_eq!(related.nearest(0, 1).len(), 1);
        assert!(related.nearest(99, 5).is_empty());
        assert!(related.nearest(0, 0).is_empty());
    }

    #[test]
    fn features_are_folded_and_counted_once() {
        let related = Related::build(&corpus(vec![
            doc(&["Propagande", "propagande"], &["Europol"]),
            doc(&["propagande"], &["EUROPOL"]),
            doc(&["propagande", "amaq", "telegram"], &[]),
        ]));
        let near = related.nearest(0, 5);
        assert_eq!(near[0], (1, 1.0), "same features after folding: Jaccard 1");
        assert_eq!(near[1], (2, 0.25), "one shared of four in all");
    }

    #[test]
    fn ties_go_to_the_earlier_document_whatever_the_limit() {
        let docs: Vec<Document> = (0..40).map(|_| doc(&["amaq"], &[])).collect();
        let related = Related::build(&corpus(docs));
        let found: Vec<usize> = related.nearest(20, 3).into_iter().map(|(d, _)| d).collect();
        assert_eq!(found, [0, 1, 2]);
    }

    #[test]
    fn an_article_sharing_fewer_features_still_wins_a_tie_on_its_place() {
        // 1 shares one feature of two (1/2), 2 shares both of its four (2/4): a tie that
        // the earlier article wins, though it shares fewer.
        let related = Related::build(&corpus(vec![
            doc(&["a", "b"], &[]),
            doc(&["a"], &[]),
            doc(&["a", "b", "c", "d"], &[]),
        ]));
        assert_eq!(related.nearest(0, 1), [(1, 0.5)]);
    }

    #[test]
    fn a_keyword_of_most_articles_relates_nothing() {
        // 100 articles name Europol (more than 64, the fewest a feature is common from);
        // only the first two share something else.
        let docs: Vec<Document> = (0..100)
            .map(|i| match i {
                0 | 1 => doc(&["europol", "amaq"], &[]),
                _ => doc(&["europol"], &[]),
            })
            .collect();
        let related = Related::build(&corpus(docs));
        assert_eq!(related.nearest(0, 5), [(1, 1.0)]);
        assert!(related.nearest(2, 5).is_empty(), "only the common keyword");
    }

    const KEYWORDS: [&str; 6] = ["a", "b", "c", "d", "e", "f"];

    proptest::proptest! {
        #[test]
        fn nearest_is_the_best_of_every_jaccard(
            keywords in proptest::collection::vec(
                proptest::collection::btree_set(proptest::sample::select(&KEYWORDS[..]), 0..5),
                1..30,
            ),
            doc_at in 0usize..30,
            limit in 0usize..8,
        ) {
            let sets: Vec<Vec<&str>> =
                keywords.iter().map(|k| k.iter().copied().collect()).collect();
            let related = Related::build(&corpus(sets.iter().map(|k| doc(k, &[])).collect()));
            let at = doc_at % sets.len();
            for common in [0, 3, 6, 12, usize::MAX] {
                // Keywords of more than `common` articles are left out on both sides.
                let held =
                    |k: &&&str| keywords.iter().filter(|ks| ks.contains(*k)).count() <= common;
                let telling: Vec<BTreeSet<&str>> = keywords
                    .iter()
                    .map(|ks| ks.iter().filter(held).copied().collect())
                    .collect();
                let own = &telling[at];
                let mut plain: Vec<(usize, f32)> = telling
                    .iter()
                    .enumerate()
                    .filter(|&(d, theirs)| d != at && theirs.intersection(own).count() > 0)
                    .map(|(d, theirs)| {
                        let both = theirs.intersection(own).count();
                        (d, both as f32 / (own.len() + theirs.len() - both) as f32)
                    })
                    .collect();
                plain.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                plain.truncate(limit);
                let near = related.nearest_with(at, limit, common);
                proptest::prop_assert_eq!(near, plain, "{}", common);
            }
        }
    }
}
