//! Dates as articles state them: the ` date YYYY-MM` marker, agency datelines
//! (`AFP 15-09-2017 | 10h33`) and "publiée le 24/01/2019". Must not guess a date that is not
//! written, and must not do I/O.

use super::PartialDate;

/// How many fields a date pins down; a dateline replaces a marker only if it says more.
pub fn precision(d: &PartialDate) -> u8 {
    match (d.month, d.day, d.time) {
        (None, _, _) => 0,
        (Some(_), None, _) => 1,
        (Some(_), Some(_), None) => 2,
        (Some(_), Some(_), Some(_)) => 3,
    }
}

/// A leading ` date 2019-11` marker: the date and the rest of the line.
pub fn marker(line: &str) -> Option<(PartialDate, &str)> {
    let line = line.trim_start();
    let head = line.get(..4)?;
    if !head.eq_ignore_ascii_case("date") {
        return None;
    }
    let after = &line[4..];
    if !after.starts_with(char::is_whitespace) {
        return None;
    }
    let after = after.trim_start();
    let end = after.find(char::is_whitespace).unwrap_or(after.len());
    let date = iso(&after[..end])?;
    Some((date, after[end..].trim()))
}

/// Words a dateline has at most (source, lead-in, date, time).
const MAX_TOKENS: usize = 10;

/// A whole line that is a dateline: optional source, a numeric date, optional time.
/// Returns the source (if any) and the date.
pub fn dateline(line: &str) -> Option<(Option<String>, PartialDate)> {
    // One more than a dateline may have is enough to refuse a line: the first line of an
    // article is often a whole paragraph, and splitting all of it was a fiftieth of reading.
    let tokens: Vec<&str> = line.split_whitespace().take(MAX_TOKENS + 1).collect();
    if tokens.is_empty() || tokens.len() > MAX_TOKENS {
        return None;
    }
    let at = tokens
        .iter()
        .position(|t| dmy(t.trim_end_matches(',')).is_some() || iso(t).is_some())?;
    let token = tokens[at].trim_end_matches(',');
    let mut date = dmy(token).or_else(|| iso(token))?;
    // A dateline names a day; a bare year or month in running text is not one.
    date.day?;
    let mut rest = tokens[at + 1..].iter().copied().peekable();
    if rest
        .peek()
        .is_some_and(|t| matches!(*t, "|" | "-" | "–" | "—" | "," | "à" | "at"))
    {
        rest.next();
    }
    if let Some(t) = rest.next() {
        date.time = Some(time(t)?);
    }
    if rest.next().is_some() {
        return None;
    }
    Some((source(&tokens[..at])?, date))
}

/// Words before a dateline's date: an agency or outlet, or a "Publié le" lead-in.
/// `None` means these words are not a dateline's head at all.
fn source(words: &[&str]) -> Option<Option<String>> {
    let mut words = words;
    for lead in [
        &["Publié", "le"][..],
        &["Publiée", "le"],
        &["Mis", "à", "jour", "le"],
        &["Le"],
    ] {
        if words.len() >= lead.len()
            && words[..lead.len()]
                .iter()
                .zip(lead)
                .all(|(a, b)| a.eq_ignore_ascii_case(b))
        {
            words = &words[lead.len()..];
        }
    }
    if words.is_empty() {
        return Some(None);
    }
    let name = words.join(" ");
    let name = name.trim_end_matches([',', '-', '|', '–', '—', ':']).trim();
    let first_upper = name.chars().next().is_some_and(char::is_uppercase);
    if words.len() > 5 || name.chars().count() > 40 || !first_upper {
        return None;
    }
    Some(Some(name.to_string()))
}

/// "publiée le 24/01/2019" (or "publié le 24 janvier 2019") anywhere in a line.
pub fn published(line: &str) -> Option<PartialDate> {
    let lower = line.to_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("publi") {
        let start = from + i;
        from = start + "publi".len();
        let mut words = lower[start..].split_whitespace();
        let verb = words.next()?;
        if !verb.trim_start_matches("publi").starts_with('é') || words.next() != Some("le") {
            continue;
        }
        let w: Vec<&str> = words.take(3).collect();
        if let Some(d) = w.first().and_then(|t| dmy(t.trim_end_matches([',', '.']))) {
            return Some(d);
        }
        if let Some(d) = french(&w) {
            return Some(d);
        }
    }
    None
}

fn num<T: std::str::FromStr>(s: &str, len: std::ops::RangeInclusive<usize>) -> Option<T> {
    if !len.contains(&s.len()) || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

pub fn build(year: i32, month: Option<u8>, day: Option<u8>) -> Option<PartialDate> {
    if !(1000..=9999).contains(&year) || month.is_some_and(|m| !(1..=12).contains(&m)) {
        return None;
    }
    if let (Some(m), Some(d)) = (month, day) {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = [
            31,
            if leap { 29 } else { 28 },
            31,
            30,
            31,
            30,
            31,
            31,
            30,
            31,
            30,
            31,
        ];
        if d == 0 || d > days[usize::from(m - 1)] {
            return None;
        }
    }
    Some(PartialDate {
        year,
        month,
        day,
        time: None,
    })
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn iso(s: &str) -> Option<PartialDate> {
    let mut parts = s.split('-');
    let year = num(parts.next()?, 4..=4)?;
    let month = parts
        .next()
        .map(|m| num(m, 2..=2))
        .map_or(Some(None), |m| m.map(Some))?;
    let day = parts
        .next()
        .map(|d| num(d, 2..=2))
        .map_or(Some(None), |d| d.map(Some))?;
    if parts.next().is_some() || (month.is_none() && s.contains('-')) {
        return None;
    }
    build(year, month, day)
}

/// `DD-MM-YYYY`, `DD/MM/YYYY` or `DD.MM.YYYY`.
pub fn dmy(s: &str) -> Option<PartialDate> {
    let sep = s.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let mut parts = s.split(sep);
    let day = num(parts.next()?, 1..=2)?;
    let month = num(parts.next()?, 1..=2)?;
    let year = num(parts.next()?, 4..=4)?;
    if parts.next().is_some() {
        return None;
    }
    build(year, Some(month), Some(day))
}

/// `10h33`, `10h`, `10:33`.
pub fn time(s: &str) -> Option<(u8, u8)> {
    let (h, m) = s.split_once(['h', 'H', ':'])?;
    let h: u8 = num(h, 1..=2)?;
    let m: u8 = if m.is_empty() { 0 } else { num(m, 2..=2)? };
    (h < 24 && m < 60).then_some((h, m))
}

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// `24 janvier 2019`, `1er mars 2019` (already lowercased).
fn french(w: &[&str]) -> Option<PartialDate> {
    let [d, m, y, ..] = w else { return None };
    let day = num(d.trim_end_matches("er"), 1..=2)?;
    let month = MONTHS.iter().position(|name| name == m)?;
    let year = num(y.trim_end_matches([',', '.']), 4..=4)?;
    build(year, u8::try_from(month + 1).ok(), Some(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn marker_and_dateline() {
        let (date, rest) = marker(" date 2019-11 La propagande").unwrap();
        assert_eq!((date.to_string(), rest), (d("2019-11"), "La propagande"));
        assert!(marker("dates 2019").is_none());
        assert!(marker("date 2019-13 x").is_none());
        let (src, date) = dateline("AFP 15-09-2017 | 10h33").unwrap();
        assert_eq!(
            (src.as_deref(), date.to_string()),
            (Some("AFP"), d("2017-09-15 10:33"))
        );
        let (src, date) = dateline("Publié le 03/02/2020 à 08:05").unwrap();
        assert_eq!((src, date.to_string()), (None, d("2020-02-03 08:05")));
        assert!(dateline("AFP 31-02-2017").is_none());
        assert!(dateline("Le 15-09-2017, la police a saisi des serveurs").is_none());
        assert!(dateline("il a dit 15-09-2017").is_none());
    }

    #[test]
    fn a_dateline_has_at_most_ten_words() {
        let ten = "Mis à jour le AFP Le Monde 15-09-2017 à 10h33";
        let (src, date) = dateline(ten).unwrap();
        assert_eq!(src.as_deref(), Some("AFP Le Monde"));
        assert_eq!(date.to_string(), "2017-09-15 10:33");
        // Eleven, though the source would do (five words at most).
        assert!(dateline("Mis à jour le AFP Le Monde Paris 15-09-2017 à 10h33").is_none());
        let paragraph = format!("{} 15-09-2017", "mot ".repeat(500));
        assert!(dateline(&paragraph).is_none());
    }

    #[test]
    fn published_dates() {
        let q = "Question de M. CAMBON Christian (Val-de-Marne - Les Républicains) publiée le 24/01/2019";
        assert_eq!(published(q).map(|x| x.to_string()), Some(d("2019-01-24")));
        assert_eq!(
            published("Publié le 1er mars 2019").map(|x| x.to_string()),
            Some(d("2019-03-01"))
        );
        assert_eq!(published("Une publication le 1er mars"), None);
    }
}
