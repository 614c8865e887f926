//! The veille binary: parse the command line, pick a corpus, run the reader.
//! Must stay thin: everything it calls lives in the library.

use clap::Parser;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use veille::app::Keymap;
use veille::corpus::{decode::sanitize, source};

/// A terminal reader for corpora of articles.
///
/// With no PATH, opens the bundled corpus of five articles. Otherwise loads every .txt and
/// .md file in the given folders (walked recursively) and files.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Folders and files to read (default: the bundled corpus).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let corpus = if cli.paths.is_empty() {
        source::embedded()
    } else {
        match source::load_paths(&cli.paths) {
            Ok(corpus) => corpus,
            Err(message) => {
                eprintln!("veille: {}", sanitize(&message));
                return ExitCode::from(2);
            }
        }
    };
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        eprintln!("veille: the reader needs a terminal on stdin and stdout.");
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
