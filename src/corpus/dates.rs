//! Every date a French or English press text writes, with the words it came from: numeric
//! (`24/01/2019`, `15-09-2017 | 10h33`), ISO 8601, `22 mars 2016`, `November 25, 2019`,
//! `avril 2018`, `en 2016`, and day lists without a year (`le 21 et le 24 novembre`).
//! Must not choose the primary date (meta.rs does) nor guess a year that is not written.

use super::dateline::{build, dmy, iso, time};
use super::words::offset_in;
use super::{DateMention, PartialDate};
use crate::search::fold::fold_str;

/// A date as found: `year` is `None` for `24 novembre`, to be completed by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub time: Option<(u8, u8)>,
    pub text: String,
}

impl Found {
    /// The date, its year taken from `default_year` when the text gave none.
    pub fn resolve(&self, default_year: Option<i32>) -> Option<DateMention> {
        let year = self.year.or(default_year)?;
        let mut date = build(year, self.month, self.day)?;
        date.time = self.time.filter(|_| date.day.is_some());
        Some(DateMention {
            date,
            text: self.text.clone(),
        })
    }

    pub fn is_full(&self) -> bool {
        self.year.is_some() && self.day.is_some()
    }
}

const FR_MONTHS: [&str; 12] = [
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Punctuation that may cling to a date's words: `(24/01/2019)`, `2019,`.
fn bare(chunk: &str) -> &str {
    chunk.trim_matches(|c: char| clinging(c) || c == '.')
}

/// `matches!`, not `"…".contains(c)`: that builds a char searcher per char of every word.
fn clinging(c: char) -> bool {
    matches!(
        c,
        '(' | ')'
            | '['
            | ']'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '«'
            | '»'
            | '“'
            | '”'
            | '"'
            | '\''
            | '’'
    )
}

/// The month a word names. English names need their capital (`May` the month, not `may`);
/// French ones may be capitalised at a sentence start. `sept.`, `Nov.` are accepted.
fn month(word: &str) -> Option<(u8, bool)> {
    let word = word.trim_end_matches(',');
    let abbreviated = word.strip_suffix('.');
    let w = abbreviated.unwrap_or(word);
    let pick = |i: usize, english: bool| u8::try_from(i + 1).ok().map(|m| (m, english));
    // Every word of every text comes here: most are ruled out by their first letter (an ASCII
    // one folds to itself lowercased, and no month starts otherwise) or, in ASCII, by a length
    // no month name has, before any counting or folding.
    let first = *w.as_bytes().first()?;
    if first.is_ascii() && !b"jfmasondJFMASOND".contains(&first) {
        return None;
    }
    if w.is_ascii() && !(3..=9).contains(&w.len()) {
        return None;
    }
    if w.chars().count() < 3 {
        return None;
    }
    // English first for a capitalised word: `Nov.` is November before it is `novembre`.
    if w.starts_with(char::is_uppercase) {
        if let Some(i) = EN_MONTHS
            .iter()
            .position(|m| *m == w || (abbreviated.is_some() && m.starts_with(w)))
        {
            return pick(i, true);
        }
    }
    // Folding ASCII is lowercasing it: compare in place rather than allocate per word.
    if w.is_ascii() {
        return FR_MONTHS
            .iter()
            .position(|m| {
                m.eq_ignore_ascii_case(w)
                    || (abbreviated.is_some()
                        && m.len() >= w.len()
                        && m[..w.len()].eq_ignore_ascii_case(w))
            })
            .and_then(|i| pick(i, false));
    }
    let folded = fold_str(w);
    FR_MONTHS
        .iter()
        .position(|m| *m == folded || (abbreviated.is_some() && m.starts_with(&folded)))
        .and_then(|i| pick(i, false))
}

fn day(word: &str) -> Option<u8> {
    let w = word.trim_end_matches(',');
    let w = ["er", "st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| w.strip_suffix(s))
        .unwrap_or(w);
    let d: u8 = (1..=2)
        .contains(&w.len())
        .then(|| w.parse().ok())
        .flatten()?;
    (1..=31).contains(&d).then_some(d)
}

fn year(word: &str) -> Option<i32> {
    let w = bare(word);
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1000..=2999).contains(y))
}

/// Words between the days of a list: `le 21 et le 24`, `du 21 au 24`, `21, 22 and 24`.
fn connector(word: &str) -> bool {
    matches!(
        word,
        "et" | "le" | "les" | "au" | "ou" | "and" | "or" | "to" | "&" | "-" | "–"
    )
}

/// A time after a date: `| 10h33`, `à 08:05`, `10h33`.
fn time_after(chunks: &[(usize, &str)], at: usize) -> Option<((u8, u8), usize)> {
    let mut k = at;
    if chunks
        .get(k)
        .is_some_and(|(_, c)| matches!(*c, "|" | "-" | "–" | "—" | "," | "à" | "at"))
    {
        k += 1;
    }
    let (_, c) = chunks.get(k)?;
    time(bare(c)).map(|t| (t, k + 1))
}

/// Every date in `text`, in order. Linear: each word is looked at a bounded number of times.
pub fn find(text: &str) -> Vec<Found> {
    // Every form below holds a number (a day, a year, a time); most paragraphs hold none.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let mut chunks: Vec<(usize, &str)> = Vec::new();
    for chunk in text.split_whitespace() {
        chunks.push((offset_in(text, chunk), chunk));
    }
    let span = |a: usize, b: usize| -> String {
        let start = chunks[a].0
            + (chunks[a].1.len() - chunks[a].1.trim_start_matches(['(', '[', '«', '"']).len());
        let (at, last) = chunks[b];
        let trimmed = last.trim_end_matches(|c: char| "),.;:!?»\"]".contains(c));
        text[start..at + trimmed.len()].to_string()
    };
    let mut out = Vec::new();
    // Words before this index belong to a date already read.
    let mut consumed = 0;
    let mut i = 0;
    while i < chunks.len() {
        let w = bare(chunks[i].1);
        // Numeric, ISO, day and year forms all start with a digit; most words do not, and
        // are left to the month check alone.
        let digit = w.as_bytes().first().is_some_and(u8::is_ascii_digit);
        // Numeric and ISO forms, one word each.
        let numeric = if digit {
            dmy(w).map(|d| (d, None)).or_else(|| iso_8601(w))
        } else {
            None
        };
        if let Some((date, t)) = numeric {
            let (time, next) = match t {
                Some(t) => (Some(t), i + 1),
                None => time_after(&chunks, i + 1).map_or((None, i + 1), |(t, n)| (Some(t), n)),
            };
            out.push(found(&date, time, span(i, next - 1)));
            i = next;
            consumed = i;
            continue;
        }
        // `22 mars 2016`, `25 November 2019`, `24 novembre`, and the days listed before it.
        // The day first: it rules out most words without looking at the next one.
        let day_month = digit.then(|| day(w)).flatten().and_then(|d| {
            let (m, _) = chunks.get(i + 1).and_then(|c| month(bare_keep_dot(c.1)))?;
            Some((d, m))
        });
        if let Some((d, m)) = day_month {
            let y = chunks.get(i + 2).and_then(|c| year(c.1));
            let mut last = if y.is_some() { i + 2 } else { i + 1 };
            let (first, days) = listed_days(&chunks, consumed, i, d);
            let mut time = None;
            if y.is_some() {
                if let Some((t, n)) = time_after(&chunks, last + 1) {
                    time = Some(t);
                    last = n - 1;
                }
            }
            let text = span(first, last);
            for d in days {
                out.push(Found {
                    year: y,
                    month: Some(m),
                    day: Some(d),
                    time,
                    text: text.clone(),
                });
            }
            i = last + 1;
            consumed = i;
            continue;
        }
        // `November 25, 2019`, `Nov. 25`, `November 2019`, `avril 2018`.
        if let Some((m, english)) = month(bare_keep_dot(chunks[i].1)) {
            let next = chunks.get(i + 1).map(|c| c.1);
            if let Some(d) = next.and_then(day).filter(|_| english) {
                let y = chunks.get(i + 2).and_then(|c| year(c.1));
                let last = if y.is_some() { i + 2 } else { i + 1 };
                out.push(Found {
                    year: y,
                    month: Some(m),
                    day: Some(d),
                    time: None,
                    text: span(i, last),
                });
                i = last + 1;
                consumed = i;
                continue;
            }
            // `32 mars 2016` is no date at all, not `mars 2016`.
            let bad_day = i > consumed && {
                let p = bare(chunks[i - 1].1);
                (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
            };
            if let Some(y) = next.and_then(year).filter(|_| !bad_day) {
                out.push(Found {
                    year: Some(y),
                    month: Some(m),
                    day: None,
                    time: None,
                    text: span(i, i + 1),
                });
                i += 2;
                consumed = i;
                continue;
            }
        }
        // A bare year only where the words say it is one: `en 2016`, `since 2015`.
        let bare_year = if digit { year(chunks[i].1) } else { None };
        if let Some(y) = bare_year.filter(|y| (1900..=2100).contains(y)) {
            let cue = i > 0
                && matches!(
                    fold_str(chunks[i - 1].1).as_str(),
                    "en" | "in" | "depuis" | "since" | "des" | "annee" | "year"
                );
            if cue && bare(chunks[i].1) == chunks[i].1.trim_end_matches([',', '.', ')', ';']) {
                out.push(Found {
                    year: Some(y),
                    month: None,
                    day: None,
                    time: None,
                    text: span(i, i),
                });
            }
        }
        i += 1;
    }
    out
}

/// The days listed before the one at `i` (`le 21 et le 24`, `21, 22 et 24`): the index of
/// the first one and all the days, in order. Never reaches back into `consumed` words.
fn listed_days(chunks: &[(usize, &str)], consumed: usize, i: usize, d: u8) -> (usize, Vec<u8>) {
    let mut days = vec![d];
    let mut first = i;
    loop {
        let mut j = first;
        let mut skipped = 0;
        while j > consumed && skipped < 3 && connector(bare(chunks[j - 1].1)) {
            j -= 1;
            skipped += 1;
        }
        if j <= consumed {
            break;
        }
        let prev = chunks[j - 1].1;
        let listed = skipped > 0 || prev.ends_with(',');
        match day(bare(prev)).filter(|_| listed) {
            Some(earlier) => {
                days.insert(0, earlier);
                first = j - 1;
            }
            None => break,
        }
    }
    (first, days)
}

/// Like `bare`, but `Nov.` keeps its abbreviation point.
fn bare_keep_dot(chunk: &str) -> &str {
    chunk.trim_matches(clinging)
}

fn found(date: &PartialDate, time: Option<(u8, u8)>, text: String) -> Found {
    Found {
        year: Some(date.year),
        month: date.month,
        day: date.day,
        time: time.or(date.time),
        text,
    }
}

/// `2019-11-25`, `2019-11`, and with a time: `2019-11-25T10:33`, `…T10:33:00Z`, `…+01:00`.
/// A bare `2019` is not taken here: in running text a number is not a date.
fn iso_8601(w: &str) -> Option<(PartialDate, Option<(u8, u8)>)> {
    if !w.contains('-') {
        return None;
    }
    let (date, clock) = match w.split_once(['T', 't']) {
        Some((d, c)) => (d, Some(c)),
        None => (w, None),
    };
    let d = iso(date)?;
    let t = match clock {
        None => None,
        Some(c) => {
            d.day?;
            let hm = c.get(..5)?;
            let t = time(hm)?;
            let rest = &c[5..];
            let ok = rest
                .chars()
                .all(|ch| ch.is_ascii_digit() || matches!(ch, ':' | '.' | 'Z' | 'z' | '+' | '-'));
            if !ok {
                return None;
            }
            Some(t)
        }
    };
    Some((d, t))
}

#[cfg(test)]
mod tests;
