//! The timeline of a result set: how many articles per month, or per year when the span is
//! long, with the undated counted apart. Must not draw.

use crate::corpus::Corpus;
use crate::search::Hit;

/// Beyond this many months, bars are years: a bar a month would be too thin to read.
pub const MAX_MONTH_BARS: i32 = 36;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Timeline {
    /// Label ("2019-11" or "2019") and count, oldest first, empty periods included.
    pub bars: Vec<(String, u64)>,
    pub by_year: bool,
    pub undated: usize,
}

impl Timeline {
    /// The same counts per year, for when bars a month do not fit the pane.
    pub fn yearly(&self) -> Timeline {
        if self.by_year {
            return self.clone();
        }
        let mut bars: Vec<(String, u64)> = Vec::new();
        for (label, n) in &self.bars {
            let year = label.get(..4).unwrap_or(label);
            match bars.last_mut() {
                Some((y, total)) if y == year => *total += n,
                _ => bars.push((year.to_string(), *n)),
            }
        }
        Timeline {
            bars,
            by_year: true,
            undated: self.undated,
        }
    }
}

pub fn timeline(corpus: &Corpus, hits: &[Hit]) -> Timeline {
    let dates: Vec<_> = hits
        .iter()
        .filter_map(|h| corpus.docs.get(h.doc))
        .map(|d| d.date)
        .collect();
    let undated = dates.iter().filter(|d| d.is_none()).count();
    let dated: Vec<_> = dates.into_iter().flatten().collect();
    let (Some(first), Some(last)) = (dated.iter().min(), dated.iter().max()) else {
        return Timeline {
            undated,
            ..Timeline::default()
        };
    };
    // Months counted from year 0; a date known to the year only sits in its January.
    let month = |d: &crate::corpus::PartialDate| d.year * 12 + i32::from(d.month.unwrap_or(1)) - 1;
    let by_year = month(last) - month(first) >= MAX_MONTH_BARS;
    let key = |d: &crate::corpus::PartialDate| if by_year { d.year } else { month(d) };
    let (from, to) = (key(first), key(last));
    let mut counts = vec![0u64; usize::try_from(to - from + 1).unwrap_or(0)];
    for d in &dated {
        if let Some(slot) = usize::try_from(key(d) - from)
            .ok()
            .and_then(|i| counts.get_mut(i))
        {
            *slot += 1;
        }
    }
    let label = |k: i32| {
        if by_year {
            format!("{k}")
        } else {
            format!("{}-{:02}", k.div_euclid(12), k.rem_euclid(12) + 1)
        }
    };
    Timeline {
        bars: (from..=to)
            .zip(counts)
            .map(|(k, n)| (label(k), n))
            .collect(),
        by_year,
        undated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Document, PartialDate};

    fn corpus(dates: &[Option<(i32, Option<u8>)>]) -> (Corpus, Vec<Hit>) {
        let docs = dates
            .iter()
            .map(|d| Document {
                date: d.map(|(year, month)| PartialDate {
                    year,
                    month,
                    ..PartialDate::default()
                }),
                ..Document::default()
            })
            .collect();
        let hits = (0..dates.len()).map(Hit::of).collect();
        (
            Corpus {
                docs,
                warnings: Vec::new(),
            },
            hits,
        )
    }

    #[test]
    fn months_with_gaps_and_the_undated_apart() {
        let (c, hits) = corpus(&[
            Some((2019, Some(11))),
            None,
            Some((2019, Some(9))),
            Some((2019, Some(11))),
        ]);
        let t = timeline(&c, &hits);
        assert!(!t.by_year);
        assert_eq!(t.undated, 1);
        let bars: Vec<(&str, u64)> = t.bars.iter().map(|(l, n)| (l.as_str(), *n)).collect();
        assert_eq!(bars, [("2019-09", 1), ("2019-10", 0), ("2019-11", 2)]);
    }

    #[test]
    fn a_long_span_is_counted_by_year() {
        let (c, hits) = corpus(&[
            Some((2015, None)),
            Some((2019, Some(1))),
            Some((2019, Some(7))),
        ]);
        let t = timeline(&c, &hits);
        assert!(t.by_year);
        assert_eq!(t.bars.first(), Some(&("2015".to_string(), 1)));
        assert_eq!(t.bars.last(), Some(&("2019".to_string(), 2)));
        assert_eq!(t.bars.len(), 5);
    }

    #[test]
    fn months_add_up_to_years() {
        let (c, hits) = corpus(&[
            Some((2017, Some(9))),
            Some((2019, Some(1))),
            Some((2019, Some(11))),
        ]);
        let years = timeline(&c, &hits).yearly();
        let bars: Vec<(&str, u64)> = years.bars.iter().map(|(l, n)| (l.as_str(), *n)).collect();
        assert_eq!(bars, [("2017", 1), ("2018", 0), ("2019", 2)]);
    }

    #[test]
    fn nothing_dated_means_no_bars() {
        let (c, hits) = corpus(&[None, None]);
        assert_eq!(
            timeline(&c, &hits),
            Timeline {
                bars: vec![],
                by_year: false,
                undated: 2
            }
        );
    }
}
