//! Grouping the list by source or by year: the group of each article, and the order that
//! keeps each group together. Must not sort within a group (the chosen sort does).

use crate::corpus::{Corpus, Document};
use crate::search::Hit;
use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    #[default]
    None,
    Source,
    Year,
}

impl Grouping {
    pub fn next(self) -> Grouping {
        match self {
            Grouping::None => Grouping::Source,
            Grouping::Source => Grouping::Year,
            Grouping::Year => Grouping::None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Grouping::None => "no grouping",
            Grouping::Source => "source",
            Grouping::Year => "year",
        }
    }

    /// The header an article goes under; None when not grouping.
    pub fn label(self, doc: &Document) -> Option<String> {
        match self {
            Grouping::None => None,
            Grouping::Source => Some(doc.source.clone().unwrap_or_else(|| "No source".into())),
            Grouping::Year => Some(doc.date.map_or("Undated".into(), |d| d.year.to_string())),
        }
    }

    /// Reorder `hits` so each group is together (sources A→Z, years newest first, the
    /// unknown last), keeping the existing order inside each group.
    pub fn apply(self, hits: &mut [Hit], corpus: &Corpus) {
        let doc = |h: &Hit| corpus.docs.get(h.doc);
        match self {
            Grouping::None => {}
            Grouping::Source => hits.sort_by(|a, b| {
                let key = |h: &Hit| doc(h).and_then(|d| d.source.as_deref().map(str::to_lowercase));
                unknown_last(key(a), key(b), |x, y| x.cmp(y))
            }),
            Grouping::Year => hits.sort_by(|a, b| {
                let key = |h: &Hit| doc(h).and_then(|d| d.date.map(|d| d.year));
                unknown_last(key(a), key(b), |x, y| y.cmp(x))
            }),
        }
    }
}

fn unknown_last<T>(a: Option<T>, b: Option<T>, known: impl Fn(&T, &T) -> Ordering) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => known(&x, &y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::PartialDate;

    #[test]
    fn years_newest_first_undated_last_order_kept_inside() {
        let year = |y: Option<i32>| Document {
            date: y.map(|year| PartialDate {
                year,
                ..PartialDate::default()
            }),
            ..Document::default()
        };
        let corpus = Corpus {
            docs: vec![
                year(Some(2017)),
                year(None),
                year(Some(2019)),
                year(Some(2017)),
            ],
            warnings: Vec::new(),
        };
        let mut hits: Vec<Hit> = [3, 1, 0, 2].iter().map(|&doc| Hit::of(doc)).collect();
        Grouping::Year.apply(&mut hits, &corpus);
        let order: Vec<usize> = hits.iter().map(|h| h.doc).collect();
        assert_eq!(order, [2, 3, 0, 1]);
        assert_eq!(
            Grouping::Year.label(&corpus.docs[1]).as_deref(),
            Some("Undated")
        );
    }
}
