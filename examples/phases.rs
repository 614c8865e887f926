//! Times the phases of a headless search on a folder, for BENCHMARKS.md:
//! `cargo run --release --example phases -- DIR QUERY...` prints load, index build, each
//! query (run twice: first and warm; then ranked without snippets, plus the snippets of the
//! first [`VISIBLE`] rows, as a list that asks per visible row would), and the peak resident
//! memory (VmHWM, Linux only); and how soon a query made stale 1 ms in stops.
//! Must not be used as a test: timings vary by machine.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use veille::corpus::Corpus;
use veille::corpus::source::load_paths;
use veille::search::{self, Index};

/// Rows of a list on a tall terminal.
const VISIBLE: usize = 50;

/// `println!`, but a closed stdout (`phases … | head`) ends the run quietly instead of
/// panicking.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write;
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

fn main() {
    veille::memory::configure();
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: phases DIR QUERY...");
        std::process::exit(2);
    };
    let queries: Vec<String> = args.collect();

    let t = Instant::now();
    let corpus = match load_paths(&[PathBuf::from(&dir)]) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("phases: {e}");
            std::process::exit(2);
        }
    };
    // As `input::load` does after every load.
    veille::memory::release_freed();
    let bytes: usize = corpus
        .docs
        .iter()
        .flat_map(|d| d.blocks.iter())
        .map(|b| b.text().len())
        .sum();
    say!(
        "load        {:>9.1} ms  ({} docs, {bytes} body bytes)  peak {} MB, resident {} MB",
        ms(t),
        corpus.docs.len(),
        peak_mb(),
        status_mb("VmRSS:")
    );

    let t = Instant::now();
    let index = Index::build(&corpus);
    say!(
        "index       {:>9.1} ms  ({} terms, {} MB held, {} MB of it positions)  peak {} MB, resident {} MB",
        ms(t),
        index.vocabulary().len(),
        index.heap_bytes() >> 20,
        index.positions_heap_bytes() >> 20,
        peak_mb(),
        status_mb("VmRSS:")
    );

    for q in &queries {
        let mut times = Vec::new();
        let mut found = 0;
        for _ in 0..2 {
            let t = Instant::now();
            found = search::run(&index, &corpus, q).len();
            times.push(ms(t));
        }
        let never = AtomicBool::new(false);
        let t = Instant::now();
        if let Some(ranked) = search::rank(&index, &corpus, q, &never) {
            for hit in ranked.hits.iter().take(VISIBLE) {
                std::hint::black_box(ranked.snippet_for(&corpus, hit.doc));
            }
        }
        let lazy = ms(t);
        say!(
            "query {q:<20} {:>9.1} ms, again {:>9.1} ms, ranked+{VISIBLE} snippets {lazy:>9.1} ms  ({found} hits){}",
            times[0],
            times[1],
            stale_after(&index, &corpus, q, STALE_AFTER)
        );
    }
    say!("peak resident memory {} MB", peak_mb());
}

/// How long a query runs before a newer one makes it stale, in `stale_after`.
const STALE_AFTER: Duration = Duration::from_millis(1);

/// `rank` on a thread, made stale `after` its start, as the worker does when a key comes:
/// how long it went on once told. Empty when it finished first.
fn stale_after(index: &Index, corpus: &Corpus, query: &str, after: Duration) -> String {
    let cancel = AtomicBool::new(false);
    std::thread::scope(|s| {
        let running = s.spawn(|| search::rank(index, corpus, query, &cancel).is_none());
        std::thread::sleep(after);
        let told = Instant::now();
        cancel.store(true, Ordering::Relaxed);
        match running.join() {
            Ok(true) => format!(", stale after {after:?}: stopped in {:.2} ms", ms(told)),
            _ => String::new(),
        }
    })
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// High-water mark of resident memory from /proc, in MB; 0 where there is no /proc.
fn peak_mb() -> u64 {
    status_mb("VmHWM:")
}

/// A line of /proc/self/status in MB (`VmHWM:` the peak, `VmRSS:` the present); 0 where
/// there is no /proc.
fn status_mb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}
