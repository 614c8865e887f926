//! The veille binary: parse the command line, pick a corpus, run the reader or a headless
//! command. Must stay thin: everything it calls lives in the library.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use veille::app::Keymap;
use veille::cache::{Cache, Store};
use veille::corpus::cards::Cards;
use veille::corpus::formats::FieldMap;
use veille::corpus::progress::Progress;
use veille::corpus::{Corpus, decode::sanitize};
use veille::headless::{self, Format, SearchRequest};
use veille::input::{Ready, load};
use veille::search::{Index, SortBy, query_hints};

mod loader;
mod written;
use loader::{Keeping, finish_writing, push, reader_loader, stop_on_signals};

/// A terminal reader for corpora of articles.
///
/// With no PATH, opens the bundled corpus of five articles. Otherwise loads every .txt, .md
/// (front matter read), .json and .jsonl file in the given folders (walked recursively) and
/// files; `-` reads a JSONL stream or one text from stdin. A folder named like a command
/// (`search`) is opened as `./search`.
#[derive(Debug, Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    input: Input,
}

/// Where the articles come from, shared by the reader and every command.
#[derive(Debug, Args)]
struct Input {
    /// Read JSON records' FIELD from KEY instead of the usual names (title, date, source,
    /// text, url, author, tags), e.g. `--field text=article`. Repeatable.
    #[arg(long = "field", value_name = "FIELD=KEY")]
    fields: Vec<String>,
    /// Folders and files to read, or `-` for stdin (default: the bundled corpus).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Neither read nor write the index cache ($XDG_CACHE_HOME/veille, else
    /// ~/.cache/veille), which lets a second run skip files that did not change.
    #[arg(long)]
    no_cache: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Search without a terminal: one line per result, best first. Exit status 0 when
    /// something matched, 1 when nothing did, 2 on error (like grep).
    Search {
        /// One JSON object per line (path, title, date, source, score, matches, snippet).
        #[arg(long)]
        json: bool,
        /// Print at most N results.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Order of the results.
        #[arg(long, value_enum, default_value_t = Sort::Relevance)]
        sort: Sort,
        /// The query: words (all must match), "a phrase", -excluded, a | b, title:, source:,
        /// date:2019-11, date:2017..2018, lang:fr.
        query: String,
        #[command(flatten)]
        input: Input,
    },
    /// Print every article's metadata without a terminal: path, title, dates, source,
    /// language, words, reading time, people, organisations, places, keywords, links,
    /// headings, encoding.
    Meta {
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        input: Input,
    },
    /// Time the reader without a terminal: type KEYS through its keymap, model, search
    /// worker and drawing (frames of 120×40 kept off screen), and print per keystroke the
    /// time to echo it and the time to show its results, then p50/p95/p99/max.
    Bench {
        /// Keys to type: characters as they are, and <esc> <enter> <bs> <tab> <down> <up>
        /// <c-u> (Ctrl-U) <lt> (a plain `<`) by name; `/` opens the filter, e.g. '/radical<bs>'.
        #[arg(long, value_name = "KEYS")]
        replay: String,
        /// The corpus to load: a folder or file (default: the bundled corpus).
        #[arg(long, value_name = "DIR")]
        corpus: Option<PathBuf>,
        /// Type KEYS N times, back to the full list (Esc) between rounds.
        #[arg(long, value_name = "N", default_value_t = 1,
              value_parser = clap::value_parser!(u32).range(1..=100_000))]
        repeat: u32,
        /// Wait MS milliseconds before each key, as a person pauses between keystrokes (the
        /// wait is not timed).
        #[arg(long, value_name = "MS", default_value_t = 0,
              value_parser = clap::value_parser!(u64).range(0..=60_000))]
        pause: u64,
        /// Load through the index cache, as the reader does (a second run's state; the first
        /// run with --cached writes it). Without it nothing is cached: a first run's load and
        /// index are timed too.
        #[arg(long)]
        cached: bool,
        /// Print one JSON object (keys, echo, results, load_ms, index_ms...).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Sort {
    Relevance,
    Date,
    Title,
}

fn main() -> ExitCode {
    veille::memory::configure();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Search {
            json,
            limit,
            sort,
            query,
            input,
        }) => {
            let Some(ready) = input.load(true) else {
                return ExitCode::from(2);
            };
            let corpus = &ready.corpus;
            warn(corpus);
            for hint in query_hints(&query) {
                eprintln!("veille: {}", sanitize(&hint));
            }
            let request = SearchRequest {
                query: &query,
                limit,
                sort: match sort {
                    Sort::Relevance => SortBy::Relevance,
                    Sort::Date => SortBy::Date,
                    Sort::Title => SortBy::Title,
                },
                format: if json {
                    Format::JsonLines
                } else {
                    Format::Plain
                },
            };
            let index = ready.index.unwrap_or_else(|| Index::build(corpus));
            let mut out = std::io::stdout().lock();
            let code = finish(
                headless::search_with(corpus, &index, &request, &mut out)
                    .and_then(|n| out.flush().map(|_| n)),
            );
            keep(ready.store, corpus, Some(&index));
            exit_now(ready.corpus, Some(index));
            code
        }
        Some(Command::Meta { json, input }) => {
            let Some(ready) = input.load(false) else {
                return ExitCode::from(2);
            };
            let corpus = &ready.corpus;
            warn(corpus);
            let format = if json {
                Format::JsonLines
            } else {
                Format::Plain
            };
            let mut out = std::io::stdout().lock();
            let code = finish(
                headless::meta::meta(corpus, format, &mut out).and_then(|n| out.flush().map(|_| n)),
            );
            keep(ready.store, corpus, None);
            exit_now(ready.corpus, ready.index);
            code
        }
        Some(Command::Bench {
            replay,
            corpus,
            repeat,
            pause,
            cached,
            json,
        }) => bench(&replay, corpus, repeat, pause, cached, json),
        None => read(cli.input),
    }
}

/// `veille bench`: 0 when the replay ran, 2 on bad KEYS, a missing corpus or a failed load.
fn bench(
    keys: &str,
    corpus: Option<PathBuf>,
    repeat: u32,
    pause_ms: u64,
    cached: bool,
    json: bool,
) -> ExitCode {
    let keys = match headless::bench::keys::parse(keys) {
        Ok(keys) => keys,
        Err(message) => {
            eprintln!("veille: --replay: {}", sanitize(&message));
            return ExitCode::from(2);
        }
    };
    let paths: Vec<PathBuf> = corpus.into_iter().collect();
    if let Some(path) = paths.iter().find(|p| std::fs::metadata(p).is_err()) {
        eprintln!(
            "veille: no such file or folder: {}",
            sanitize(&path.to_string_lossy())
        );
        return ExitCode::from(2);
    }
    let rounds = usize::try_from(repeat).unwrap_or(1);
    let notes = Arc::new(Mutex::new(Vec::new()));
    let cache = if cached && !paths.is_empty() {
        Cache::from_env().map(Some).unwrap_or_else(|note| {
            push(&notes, [note]);
            None
        })
    } else {
        None
    };
    let keeping: Arc<Mutex<Keeping>> = Arc::default();
    let loader = reader_loader(paths, FieldMap::default(), cache, &notes, &keeping);
    let pause = std::time::Duration::from_millis(pause_ms);
    let replay = headless::bench::replay(loader, &keys, rounds, pause);
    stop_on_signals(&keeping);
    let line = written::WrittenLine::on_stderr();
    finish_writing(&keeping, &notes, &|m| eprintln!("veille: {m}"), &|b| {
        line.show(b);
    });
    line.end();
    if let Ok(notes) = notes.lock() {
        notify(&notes);
    }
    let replay = match replay {
        Ok(replay) => replay,
        Err(message) => {
            eprintln!("veille: {}", sanitize(&message));
            return ExitCode::from(2);
        }
    };
    let mut out = std::io::stdout().lock();
    let written = if json {
        headless::bench::write_json(&replay, &mut out)
    } else {
        headless::bench::write_table(&replay, &mut out)
    };
    finish(written.and_then(|()| out.flush()).map(|()| 1))
}

/// Exit like grep: 0 when something was printed, 1 when nothing was, 2 on error.
fn finish(printed: std::io::Result<usize>) -> ExitCode {
    match printed {
        Ok(0) => ExitCode::from(1),
        Ok(_) => ExitCode::SUCCESS,
        // A closed pipe (`| head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("veille: {}", sanitize(&e.to_string()));
            ExitCode::from(2)
        }
    }
}

/// Headless commands report skipped files and records on stderr, where scripts look.
fn warn(corpus: &Corpus) {
    notify(&corpus.warnings);
}

fn notify(warnings: &[String]) {
    for warning in warnings {
        eprintln!("veille: warning: {}", sanitize(warning));
    }
}

/// The process ends right after: freeing a large corpus and index string by string was a
/// sixth of a cached search at 10 000 articles, and the OS takes the pages back at once.
fn exit_now(corpus: Corpus, index: Option<Index>) {
    std::mem::forget(corpus);
    std::mem::forget(index);
}

/// Update the cache after the results are out: a failed write costs the next run time,
/// nothing else, so it is a warning.
fn keep(store: Option<Store>, corpus: &Corpus, index: Option<&Index>) {
    if let Some(Err(e)) = store.map(|store| store.write(corpus, index)) {
        notify(&[e]);
    }
}

impl Input {
    /// The `--field` overrides, or a message naming the bad one.
    fn field_map(&self) -> Result<FieldMap, String> {
        let mut fields = FieldMap::default();
        for spec in &self.fields {
            let (field, key) =
                FieldMap::parse_override(spec).map_err(|m| format!("--field: {m}"))?;
            fields.set(field, &key);
        }
        Ok(fields)
    }

    /// The index cache, when there is something to cache (files, not the bundled corpus nor
    /// stdin) and it is not turned off; `Err` says why there is none.
    fn cache(&self) -> Result<Option<Cache>, String> {
        let cacheable = !self.paths.is_empty() && !self.paths.iter().any(|p| p.as_os_str() == "-");
        if self.no_cache || !cacheable {
            return Ok(None);
        }
        Cache::from_env().map(Some)
    }

    /// For the headless commands: the corpus, or a message on stderr and None. Cache
    /// problems are warnings on stderr.
    fn load(&self, want_index: bool) -> Option<Ready> {
        let cache = self.cache().unwrap_or_else(|note| {
            notify(&[note]);
            None
        });
        let loaded = self.field_map().and_then(|fields| {
            load(
                &self.paths,
                &fields,
                cache.as_ref(),
                want_index,
                &Progress::silent(),
                Cards::Now,
            )
        });
        loaded
            .inspect(|ready| notify(&ready.notes))
            .map_err(|message| eprintln!("veille: {}", sanitize(&message)))
            .ok()
    }
}

/// The reader: checked here (fields, paths that do not exist, a terminal), then the screen
/// is painted at once and the corpus loads behind it.
fn read(input: Input) -> ExitCode {
    let fields = match input.field_map() {
        Ok(fields) => fields,
        Err(message) => {
            eprintln!("veille: {}", sanitize(&message));
            return ExitCode::from(2);
        }
    };
    let from_stdin = input.paths.iter().any(|p| p.as_os_str() == "-");
    let missing = input
        .paths
        .iter()
        .find(|p| p.as_os_str() != "-" && std::fs::symlink_metadata(p).is_err());
    if let Some(path) = missing {
        eprintln!(
            "veille: no such file or folder: {}",
            sanitize(&path.to_string_lossy())
        );
        return ExitCode::from(2);
    }
    // After reading the corpus from stdin, keys come from the controlling terminal.
    let keys =
        std::io::stdin().is_terminal() || (from_stdin && std::fs::File::open("/dev/tty").is_ok());
    if !keys || !std::io::stdout().is_terminal() {
        eprintln!(
            "veille: the reader needs a terminal on stdin and stdout (try `veille search QUERY`)."
        );
        return ExitCode::from(2);
    }
    // Cache warnings wait until the terminal is the user's again.
    let notes = Arc::new(Mutex::new(Vec::new()));
    let cache = input.cache().unwrap_or_else(|note| {
        push(&notes, [note]);
        None
    });
    let keeping: Arc<Mutex<Keeping>> = Arc::default();
    let loader = reader_loader(input.paths, fields, cache, &notes, &keeping);
    let code = match veille::tui::run(loader, Keymap::default_keymap()) {
        Ok(outcome) => {
            if let Some(message) = outcome.message {
                eprintln!("veille: {}", sanitize(&message));
            }
            ExitCode::from(u8::try_from(outcome.code).unwrap_or(1))
        }
        Err(e) => {
            eprintln!("veille: terminal error: {}", sanitize(&e.to_string()));
            ExitCode::from(1)
        }
    };
    stop_on_signals(&keeping);
    let line = written::WrittenLine::on_stderr();
    finish_writing(&keeping, &notes, &|m| eprintln!("veille: {m}"), &|b| {
        line.show(b);
    });
    line.end();
    if let Ok(notes) = notes.lock() {
        notify(&notes);
    }
    code
}
