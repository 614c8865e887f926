//! Times what the reader's search worker does for one keystroke, query by query, over a
//! folder loaded through the index cache as the reader loads it: rank every document,
//! then read the snippets of the first screen. For BENCHMARKS.md:
//! `cargo run --release --example query_times -- DIR QUERY...` prints, per query, the median
//! and the fastest of 15 runs and the number of hits. The first run on a folder builds the
//! index and writes the cache (`$XDG_CACHE_HOME/veille`); later runs start in seconds.
//! Must not be used as a test: timings vary by machine.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::Instant;
use veille::app::snippets::first_screen;
use veille::cache::Cache;
use veille::corpus::cards::Cards;
use veille::corpus::formats::FieldMap;
use veille::corpus::progress::Progress;
use veille::input::load;
use veille::search::{self, Index};

/// Runs per query; the median is printed, so one disturbed run does not move it.
const RUNS: usize = 15;

/// Entries the reader's list shows at once on a 120×40 terminal while filtering (each
/// three lines high), with the one cut at the bottom: whose snippets a keystroke reads.
const SCREEN_ROWS: usize = 13;

fn main() {
    veille::memory::configure();
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: query_times DIR QUERY...");
        std::process::exit(2);
    };
    let queries: Vec<String> = args.collect();
    let cache = Cache::from_env().unwrap_or_else(|e| fail(&e));
    let start = Instant::now();
    let ready = load(
        &[dir],
        &FieldMap::default(),
        Some(&cache),
        true,
        &Progress::silent(),
        Cards::Now,
    )
    .unwrap_or_else(|e| fail(&e));
    let corpus = ready.corpus;
    let index = match ready.index {
        Some(index) => index,
        None => {
            let index = Index::build(&corpus);
            if let Some(store) = ready.store
                && let Err(e) = store.write(&corpus, Some(&index))
            {
                eprintln!("query_times: {e}");
            }
            index
        }
    };
    println!(
        "{} documents ready in {:.0} ms",
        corpus.docs.len(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    // As the reader's search worker does once its index is ready.
    veille::memory::settle();
    let never = AtomicBool::new(false);
    for query in &queries {
        let mut times = Vec::with_capacity(RUNS);
        let mut hits = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            let answer = search::rank(&index, &corpus, query, &never)
                .and_then(|ranked| first_screen(ranked, &corpus, SCREEN_ROWS, &never));
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            hits = answer.map_or(0, |(h, _)| h.len());
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{query:<20} median {:6.2} ms  fastest {:6.2} ms  ({hits} hits)",
            times[RUNS / 2],
            times[0]
        );
    }
}

fn fail(message: &str) -> ! {
    eprintln!("query_times: {message}");
    std::process::exit(2);
}
