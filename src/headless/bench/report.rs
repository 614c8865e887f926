//! What `veille bench` prints: a row per keystroke and percentiles, as a table for people
//! or one JSON object for scripts. Must not measure anything.

use super::{HEIGHT, Replay, WIDTH};
use crate::corpus::decode::sanitize;
use serde_json::json;
use std::io::{self, Write};
use std::time::Duration;
use unicode_width::UnicodeWidthStr;

/// Percentiles of one measure, in milliseconds (nearest rank).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    pub count: usize,
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

impl Summary {
    /// None when there is nothing to summarise.
    pub fn of(samples: impl IntoIterator<Item = Duration>) -> Option<Summary> {
        let mut ms: Vec<f64> = samples.into_iter().map(millis).collect();
        ms.sort_by(f64::total_cmp);
        let rank = |p: f64| {
            let n = ms.len() as f64;
            let i = (p / 100.0 * n).ceil().max(1.0) as usize - 1;
            ms[i.min(ms.len() - 1)]
        };
        let max = *ms.last()?;
        Some(Summary {
            count: ms.len(),
            p50: rank(50.0),
            p95: rank(95.0),
            p99: rank(99.0),
            max,
        })
    }
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn summaries(replay: &Replay) -> (Option<Summary>, Option<Summary>) {
    (
        Summary::of(replay.rows.iter().map(|r| r.echo)),
        Summary::of(replay.rows.iter().filter_map(|r| r.results)),
    )
}

/// The table: a header line, a row per keystroke (echo, and the update part of it), then
/// the two summary lines.
pub fn write_table(replay: &Replay, out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "{} articles; loaded in {:.1} ms, indexed in {:.1} ms{}; frames {WIDTH}×{HEIGHT}",
        replay.documents,
        millis(replay.load),
        millis(replay.index),
        replay.cards.map_or(String::new(), |c| {
            format!(", cards made at {:.1} ms", millis(c))
        }),
    )?;
    let shown: Vec<(String, String)> = replay
        .rows
        .iter()
        .map(|r| (sanitize(&r.key), sanitize(&r.query)))
        .collect();
    let key_w = shown
        .iter()
        .map(|(k, _)| k.width())
        .max()
        .unwrap_or(0)
        .max(3);
    let query_w = shown
        .iter()
        .map(|(_, q)| q.width())
        .max()
        .unwrap_or(0)
        .max(5);
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.width())));
    writeln!(
        out,
        "round  {}  {}  {:>8}  {:>9}  {:>10}  {:>7}",
        pad("key", key_w),
        pad("query", query_w),
        "echo ms",
        "update ms",
        "results ms",
        "hits"
    )?;
    for (row, (key, query)) in replay.rows.iter().zip(&shown) {
        let results = row
            .results
            .map_or_else(|| "-".to_string(), |d| format!("{:.2}", millis(d)));
        writeln!(
            out,
            "{:>5}  {}  {}  {:>8.2}  {:>9.2}  {results:>10}  {:>7}",
            row.round,
            pad(key, key_w),
            pad(query, query_w),
            millis(row.echo),
            millis(row.update),
            row.hits
        )?;
    }
    let (echo, results) = summaries(replay);
    for (name, summary) in [("echo", echo), ("results", results)] {
        match summary {
            Some(s) => writeln!(
                out,
                "{name:<8} p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms  max {:.2} ms  ({} keys)",
                s.p50, s.p95, s.p99, s.max, s.count
            )?,
            None => writeln!(out, "{name:<8} no key sent a search")?,
        }
    }
    if replay.quit_early {
        writeln!(out, "(a key quit the reader: the replay stopped there)")?;
    }
    Ok(())
}

/// One JSON object: the corpus figures, `keys` (a record per keystroke) and the summaries.
pub fn write_json(replay: &Replay, out: &mut impl Write) -> io::Result<()> {
    let summary = |s: Option<Summary>| {
        s.map_or(
            serde_json::Value::Null,
            |s| json!({"count": s.count, "p50": s.p50, "p95": s.p95, "p99": s.p99, "max": s.max}),
        )
    };
    let keys: Vec<_> = replay
        .rows
        .iter()
        .map(|r| {
            json!({
                "round": r.round,
                "key": r.key,
                "query": r.query,
                "echo_ms": millis(r.echo),
                "update_ms": millis(r.update),
                "results_ms": r.results.map(millis),
                "hits": r.hits,
            })
        })
        .collect();
    let (echo, results) = summaries(replay);
    let record = json!({
        "documents": replay.documents,
        "load_ms": millis(replay.load),
        "index_ms": millis(replay.index),
        "cards_ms": replay.cards.map(millis),
        "width": WIDTH,
        "height": HEIGHT,
        "quit_early": replay.quit_early,
        "keys": keys,
        "echo": summary(echo),
        "results": summary(results),
    });
    writeln!(out, "{record}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let s = Summary::of((1..=100).map(Duration::from_millis)).expect("samples");
        assert_eq!((s.p50, s.p95, s.p99, s.max), (50.0, 95.0, 99.0, 100.0));
        let one = Summary::of([Duration::from_millis(3)]).expect("one sample");
        assert_eq!((one.p50, one.p99, one.count), (3.0, 3.0, 1));
        assert!(Summary::of([]).is_none());
    }
}
