//! `veille meta`: every article's card (dates, source, names, keywords, links…) without a
//! terminal, one record per article. Must not compute metadata; it prints what the corpus holds.

use super::Format;
use crate::corpus::{Corpus, Document};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Record<'a> {
    path: &'a str,
    title: &'a str,
    date: Option<String>,
    dates: Vec<DateRecord<'a>>,
    source: Option<&'a str>,
    language: Option<&'a str>,
    words: usize,
    reading_minutes: usize,
    people: &'a [String],
    organizations: &'a [String],
    places: &'a [String],
    keywords: &'a [String],
    links: &'a [String],
    handles: &'a [String],
    quotations: &'a [String],
    headings: Vec<&'a str>,
    encoding: &'a str,
    warnings: &'a [String],
}

#[derive(Serialize)]
struct DateRecord<'a> {
    date: String,
    text: &'a str,
}

fn record(doc: &Document) -> Record<'_> {
    let m = &doc.meta;
    Record {
        path: &doc.path,
        title: &doc.title,
        date: doc.date.map(|d| d.to_string()),
        dates: m
            .dates
            .iter()
            .map(|d| DateRecord {
                date: d.date.to_string(),
                text: &d.text,
            })
            .collect(),
        source: doc.source.as_deref(),
        language: doc.language,
        words: doc.words,
        reading_minutes: doc.reading_minutes(),
        people: &m.people,
        organizations: &m.organizations,
        places: &m.places,
        keywords: &m.keywords,
        links: &m.links,
        handles: &m.handles,
        quotations: &m.quotations,
        headings: doc.headings().collect(),
        encoding: doc.encoding,
        warnings: &doc.warnings,
    }
}

/// Print every article's record; returns how many were printed.
pub fn meta(corpus: &Corpus, format: Format, out: &mut impl Write) -> io::Result<usize> {
    for doc in &corpus.docs {
        let r = record(doc);
        match format {
            Format::JsonLines => {
                serde_json::to_writer(&mut *out, &r)?;
                writeln!(out)?;
            }
            Format::Plain => plain(&r, out)?,
        }
    }
    Ok(corpus.docs.len())
}

/// A block per article, `field: value` lines, lists joined with `; `, a blank line after.
fn plain(r: &Record, out: &mut impl Write) -> io::Result<()> {
    let or_dash = |v: Option<&str>| v.unwrap_or("-").to_string();
    let dates: Vec<String> = r
        .dates
        .iter()
        .map(|d| format!("{} ({})", d.date, d.text))
        .collect();
    let fields: [(&str, String); 16] = [
        ("path", r.path.to_string()),
        ("title", r.title.to_string()),
        ("date", or_dash(r.date.as_deref())),
        ("dates", dates.join("; ")),
        ("source", or_dash(r.source)),
        ("language", or_dash(r.language)),
        ("words", r.words.to_string()),
        ("reading_minutes", r.reading_minutes.to_string()),
        ("people", r.people.join("; ")),
        ("organizations", r.organizations.join("; ")),
        ("places", r.places.join("; ")),
        ("keywords", r.keywords.join("; ")),
        ("links", r.links.join("; ")),
        ("handles", r.handles.join("; ")),
        ("headings", r.headings.join("; ")),
        ("encoding", r.encoding.to_string()),
    ];
    for (name, value) in fields {
        writeln!(out, "{name}: {value}")?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::source::embedded;

    #[test]
    fn one_json_record_per_article_with_the_documented_fields() {
        let mut out = Vec::new();
        let n = meta(&embedded(), Format::JsonLines, &mut out).expect("write to a Vec");
        assert_eq!(n, 5);
        let text = String::from_utf8(out).expect("utf-8");
        let fields = [
            "path",
            "title",
            "date",
            "dates",
            "source",
            "language",
            "words",
            "reading_minutes",
            "people",
            "organizations",
            "places",
            "keywords",
            "links",
            "headings",
            "encoding",
        ];
        for line in text.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON");
            for f in fields {
                assert!(v.get(f).is_some(), "{f} missing in {line}");
            }
        }
        let first: serde_json::Value =
            serde_json::from_str(text.lines().next().unwrap_or("{}")).expect("JSON");
        assert_eq!(first["path"], "seeds/000_e09503fa8948f584.txt");
    }

    #[test]
    fn plain_blocks_name_each_field() {
        let mut out = Vec::new();
        meta(&embedded(), Format::Plain, &mut out).expect("write to a Vec");
        let text = String::from_utf8(out).expect("utf-8");
        assert_eq!(text.matches("\npath: ").count() + 1, 5);
        assert!(text.contains("source: AFP"));
    }
}
