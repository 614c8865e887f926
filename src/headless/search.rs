//! `veille search`: run a query without a terminal and print one record per result.
//! Must not touch the terminal beyond writing to the given output.

use super::Format;
use crate::corpus::Corpus;
use crate::search::{self, Hit, Index, SortBy};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Debug, Clone)]
pub struct SearchRequest<'a> {
    pub query: &'a str,
    pub limit: Option<usize>,
    pub sort: SortBy,
    pub format: Format,
}

#[derive(Serialize)]
struct Record<'a> {
    path: &'a str,
    title: &'a str,
    date: Option<String>,
    source: Option<&'a str>,
    score: f64,
    matches: usize,
    snippet: Option<&'a str>,
}

/// Run a query and print its results; returns how many were printed.
pub fn search(corpus: &Corpus, request: &SearchRequest, out: &mut impl Write) -> io::Result<usize> {
    search_with(corpus, &Index::build(corpus), request, out)
}

/// [`search`] with the corpus' index already at hand (from the cache).
pub fn search_with(
    corpus: &Corpus,
    index: &Index,
    request: &SearchRequest,
    out: &mut impl Write,
) -> io::Result<usize> {
    let mut hits = search::run(index, corpus, request.query);
    search::sort_hits(&mut hits, corpus, request.sort);
    let limit = request.limit.unwrap_or(usize::MAX);
    let mut printed = 0;
    for hit in hits.iter().take(limit) {
        let Some(doc) = corpus.docs.get(hit.doc) else {
            continue;
        };
        let record = Record {
            path: &doc.path,
            title: &doc.title,
            date: doc.date.map(|d| d.to_string()),
            source: doc.source.as_deref(),
            score: score(hit),
            matches: hit.matches,
            snippet: hit.snippet().map(|s| s.text.as_str()),
        };
        match request.format {
            Format::Plain => writeln!(
                out,
                "{:.3}\t{}\t{}\t{}",
                record.score,
                record.date.as_deref().unwrap_or("-"),
                record.title,
                record.path
            )?,
            Format::JsonLines => {
                serde_json::to_writer(&mut *out, &record)?;
                writeln!(out)?;
            }
        }
        printed += 1;
    }
    Ok(printed)
}

/// The engine keeps scores as thousandths to sort without floats; people read decimals.
fn score(hit: &Hit) -> f64 {
    hit.score as f64 / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::source::embedded;

    fn run(query: &str, format: Format, limit: Option<usize>) -> (usize, String) {
        let mut out = Vec::new();
        let request = SearchRequest {
            query,
            limit,
            sort: SortBy::Relevance,
            format,
        };
        let n = search(&embedded(), &request, &mut out).expect("write to a Vec");
        (n, String::from_utf8(out).expect("utf-8 output"))
    }

    #[test]
    fn plain_lines_carry_score_date_title_and_path() {
        let (n, out) = run("trebes", Format::Plain, None);
        assert_eq!(n, 1);
        let fields: Vec<&str> = out.trim_end().split('\t').collect();
        assert_eq!(fields.len(), 4, "{out}");
        assert!(fields[0].parse::<f64>().is_ok_and(|s| s > 0.0), "{out}");
        assert_eq!(fields[1], "-");
        assert!(fields[2].starts_with("Les outils de propagande de Daesh"));
        assert_eq!(fields[3], "seeds/000_e09503fa8948f584.txt");
    }

    #[test]
    fn json_lines_parse_and_respect_the_limit() {
        let (n, out) = run("europol", Format::JsonLines, Some(2));
        assert_eq!(n, 2);
        for line in out.lines() {
            let v: serde_json::Value = serde_json::from_str(line).expect("valid JSON");
            for key in ["path", "title", "date", "score", "matches", "snippet"] {
                assert!(v.get(key).is_some(), "{key} missing in {line}");
            }
        }
    }

    #[test]
    fn nothing_found_prints_nothing() {
        assert_eq!(run("zqxjk", Format::Plain, None), (0, String::new()));
    }
}
