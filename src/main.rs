//! The veille binary: parse the command line, pick a corpus, run the reader or a headless
//! command. Must stay thin: everything it calls lives in the library.

use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use veille::app::Keymap;
use veille::corpus::{Corpus, decode::sanitize, source};
use veille::headless::{self, Format, SearchRequest};
use veille::search::{SortBy, query_hints};

/// A terminal reader for corpora of articles.
///
/// With no PATH, opens the bundled corpus of five articles. Otherwise loads every .txt and
/// .md file in the given folders (walked recursively) and files. A folder named like a
/// command (`search`) is opened as `./search`.
#[derive(Debug, Parser)]
#[command(version, about, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Folders and files to read (default: the bundled corpus).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
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
        /// Folders and files to search (default: the bundled corpus).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Print every article's metadata without a terminal: path, title, dates, source,
    /// language, words, reading time, people, organisations, places, keywords, links,
    /// headings, encoding.
    Meta {
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
        /// Folders and files to read (default: the bundled corpus).
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Sort {
    Relevance,
    Date,
    Title,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Search {
            json,
            limit,
            sort,
            query,
            paths,
        }) => {
            let Some(corpus) = load(&paths) else {
                return ExitCode::from(2);
            };
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
            let mut out = std::io::stdout().lock();
            finish(
                headless::search(&corpus, &request, &mut out).and_then(|n| out.flush().map(|_| n)),
            )
        }
        Some(Command::Meta { json, paths }) => {
            let Some(corpus) = load(&paths) else {
                return ExitCode::from(2);
            };
            let format = if json {
                Format::JsonLines
            } else {
                Format::Plain
            };
            let mut out = std::io::stdout().lock();
            finish(
                headless::meta::meta(&corpus, format, &mut out)
                    .and_then(|n| out.flush().map(|_| n)),
            )
        }
        None => read(&cli.paths),
    }
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

/// The bundled corpus, or the given paths; a message on stderr when nothing can be read.
fn load(paths: &[PathBuf]) -> Option<Corpus> {
    if paths.is_empty() {
        return Some(source::embedded());
    }
    match source::load_paths(paths) {
        Ok(corpus) => Some(corpus),
        Err(message) => {
            eprintln!("veille: {}", sanitize(&message));
            None
        }
    }
}

fn read(paths: &[PathBuf]) -> ExitCode {
    let Some(corpus) = load(paths) else {
        return ExitCode::from(2);
    };
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!(
            "veille: the reader needs a terminal on stdin and stdout (try `veille search QUERY`)."
        );
        return ExitCode::from(2);
    }
    match veille::tui::run(corpus, Keymap::default_keymap()) {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(e) => {
            eprintln!("veille: terminal error: {}", sanitize(&e.to_string()));
            ExitCode::from(1)
        }
    }
}
