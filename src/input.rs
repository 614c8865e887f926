//! Where a run's corpus comes from: the bundled articles, stdin (`-`), or paths read through
//! the index cache when there is one, returned with what the cache gave or still needs.
//! Must not parse the command line nor print: the binary does both.

use crate::cache::{Cache, Cached, Store};
use crate::corpus::cards::{Cards, PutAside};
use crate::corpus::formats::FieldMap;
use crate::corpus::progress::Progress;
use crate::corpus::{Corpus, source};
use crate::search::Index;
use std::path::PathBuf;

/// A corpus as loaded, with what the cache gave or needs.
pub struct Ready {
    pub corpus: Corpus,
    /// The index, when the cache held it for exactly this corpus.
    pub index: Option<Index>,
    /// How to update the cache once the index is built; `None` when it is up to date or off.
    pub store: Option<Store>,
    /// Warnings about the cache itself.
    pub notes: Vec<String>,
    /// Where the cards put off are kept once made (see `corpus::cards`).
    pub aside: Option<PutAside>,
}

impl From<Corpus> for Ready {
    fn from(corpus: Corpus) -> Ready {
        Ready {
            corpus,
            index: None,
            store: None,
            notes: Vec::new(),
            aside: None,
        }
    }
}

impl From<Cached> for Ready {
    fn from(cached: Cached) -> Ready {
        Ready {
            corpus: cached.corpus,
            index: cached.index,
            store: cached.store,
            notes: cached.notes,
            aside: cached.aside,
        }
    }
}

/// The bundled corpus, stdin (`-`), or the given paths (through the cache when there is one);
/// `cards` says when the files read get their cards (the bundled corpus and stdin's, at once).
pub fn load(
    paths: &[PathBuf],
    fields: &FieldMap,
    cache: Option<&Cache>,
    want_index: bool,
    progress: &Progress,
    cards: Cards,
) -> Result<Ready, String> {
    let ready = read(paths, fields, cache, want_index, progress, cards);
    crate::memory::release_freed();
    ready
}

fn read(
    paths: &[PathBuf],
    fields: &FieldMap,
    cache: Option<&Cache>,
    want_index: bool,
    progress: &Progress,
    cards: Cards,
) -> Result<Ready, String> {
    match (paths, cache) {
        ([], _) => Ok(source::embedded().into()),
        ([one], _) if one.as_os_str() == "-" => {
            source::load_stdin(std::io::stdin().lock(), fields).map(Ready::from)
        }
        _ if paths.iter().any(|p| p.as_os_str() == "-") => {
            Err("`-` (stdin) cannot be mixed with paths".to_string())
        }
        (_, Some(cache)) => cache
            .load(paths, fields, want_index, progress, cards)
            .map(Ready::from),
        (_, None) => source::load_paths_reporting(paths, fields, progress, cards).map(Ready::from),
    }
}
