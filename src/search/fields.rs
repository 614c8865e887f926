//! Field filters of the query syntax (`source:`, `date:`, `lang:`): reading their values and
//! testing one document against them. Must not look at the index, score or rank.

use super::tokens::tokenize;
use crate::corpus::{Document, PartialDate};

/// An inclusive span of days; a bound given as a year or a month covers all of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub from: (i32, u8, u8),
    pub to: (i32, u8, u8),
}

/// A date bound as typed: `2019`, `2019-11` or `2019-11-25`.
type Bound = (i32, Option<u8>, Option<u8>);

impl DateRange {
    /// `2019`, `2019-11`, `2017..2018`, `2019-11..2020`, `..2018`, `2018..`. `None` for
    /// anything else; the flag says the bounds were given in reverse order and were swapped.
    pub fn parse(value: &str) -> Option<(DateRange, bool)> {
        let (lo, hi) = match value.split_once("..") {
            Some((a, b)) => (a, b),
            None => (value, value),
        };
        if lo.is_empty() && hi.is_empty() {
            return None;
        }
        let from = if lo.is_empty() {
            (i32::MIN, 1, 1)
        } else {
            start_of(bound(lo)?)
        };
        let to = if hi.is_empty() {
            (i32::MAX, 12, 31)
        } else {
            end_of(bound(hi)?)
        };
        if from <= to {
            return Some((DateRange { from, to }, false));
        }
        // `2019..2017` can only mean the years between; swap whole bounds, not the days.
        let from = start_of(bound(hi)?);
        let to = end_of(bound(lo)?);
        Some((DateRange { from, to }, true))
    }

    /// True when the whole of the document's date lies inside: a date known only to the
    /// month cannot be said to fall on a given day, nor a year in a given month.
    pub fn contains(&self, date: &PartialDate) -> bool {
        let bound = (date.year, date.month, date.month.and(date.day));
        self.from <= start_of(bound) && end_of(bound) <= self.to
    }
}

fn bound(s: &str) -> Option<Bound> {
    let mut parts = s.split('-');
    let year = parts.next().filter(|y| y.len() == 4 && all_digits(y))?;
    let year: i32 = year.parse().ok()?;
    let mut next = |max: u8| -> Option<Option<u8>> {
        match parts.next() {
            None => Some(None),
            Some(p) if (1..=2).contains(&p.len()) && all_digits(p) => {
                let n: u8 = p.parse().ok()?;
                (1..=max).contains(&n).then_some(Some(n))
            }
            Some(_) => None,
        }
    };
    let month = next(12)?;
    let day = if month.is_some() { next(31)? } else { None };
    if parts.next().is_some() {
        return None;
    }
    Some((year, month, day))
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn start_of((y, m, d): Bound) -> (i32, u8, u8) {
    (y, m.unwrap_or(1), d.unwrap_or(1))
}

fn end_of((y, m, d): Bound) -> (i32, u8, u8) {
    (y, m.unwrap_or(12), d.unwrap_or(31))
}

/// The ISO code for a language as a user may name it (`fr`, `français`, `english`), folded.
pub fn lang_code(folded: &str) -> String {
    match folded {
        "fr" | "fra" | "fre" | "francais" | "french" => "fr".into(),
        "en" | "eng" | "anglais" | "english" => "en".into(),
        other => other.into(),
    }
}

/// Languages `corpus::lang::detect` can tell.
pub const KNOWN_LANGS: &[&str] = &["fr", "en"];

pub fn lang_matches(doc: &Document, code: &str) -> bool {
    doc.language == Some(code)
}

/// Every word starts a word of the stated source: `source:afp`, `source:police fed`.
pub fn source_matches(doc: &Document, words: &[String]) -> bool {
    let Some(source) = doc.source.as_deref() else {
        return false;
    };
    let tokens = tokenize(source);
    !words.is_empty()
        && words
            .iter()
            .all(|w| tokens.iter().any(|t| t.text.starts_with(w.as_str())))
}

pub fn date_matches(doc: &Document, range: &DateRange) -> bool {
    doc.date.is_some_and(|d| range.contains(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: Option<u8>, day: Option<u8>) -> PartialDate {
        PartialDate {
            year,
            month,
            day,
            time: None,
        }
    }

    fn range(s: &str) -> DateRange {
        DateRange::parse(s).map(|r| r.0).unwrap_or(DateRange {
            from: (0, 0, 0),
            to: (0, 0, 0),
        })
    }

    #[test]
    fn years_months_and_ranges() {
        let nov = date(2019, Some(11), None);
        let day = date(2019, Some(11), Some(25));
        let year = date(2019, None, None);
        assert!(range("2019").contains(&nov));
        assert!(range("2019").contains(&day));
        assert!(range("2019").contains(&year));
        assert!(range("2019-11").contains(&nov));
        assert!(range("2019-11").contains(&day));
        assert!(!range("2019-11").contains(&year), "a year is not a month");
        assert!(!range("2019-12").contains(&nov));
        assert!(range("2017..2019").contains(&nov));
        assert!(!range("2017..2018").contains(&nov));
        assert!(range("2019-11..2020").contains(&date(2020, None, None)));
        assert!(!range("2019-11..2020").contains(&year));
        assert!(range("..2019").contains(&nov) && range("2019..").contains(&nov));
        assert!(range("2019-11-25").contains(&day) && !range("2019-11-24").contains(&nov));
    }

    #[test]
    fn bad_and_reversed_dates() {
        for bad in [
            "",
            "..",
            "20x9",
            "19",
            "2019-13",
            "2019-1-1-1",
            "2019-00",
            "2019..x",
        ] {
            assert_eq!(DateRange::parse(bad), None, "{bad}");
        }
        let (r, swapped) = DateRange::parse("2019..2017").unwrap_or((range(""), false));
        assert!(swapped);
        assert_eq!(r, range("2017..2019"));
    }

    #[test]
    fn sources_and_languages() {
        let doc = Document {
            source: Some("Police Fédérale".into()),
            language: Some("fr"),
            ..Document::default()
        };
        let w = |ws: &[&str]| ws.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(source_matches(&doc, &w(&["police", "fed"])));
        assert!(!source_matches(&doc, &w(&["afp"])));
        assert!(!source_matches(&Document::default(), &w(&["afp"])));
        assert!(lang_matches(&doc, &lang_code("francais")));
        assert!(!lang_matches(&doc, &lang_code("en")));
    }
}
