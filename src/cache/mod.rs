//! The persistent index cache: per corpus, one file under `$XDG_CACHE_HOME/veille/` (else
//! `~/.cache/veille/`) holding each input file's parsed documents, keyed by path, size and
//! times, and the index built over them. A second run re-reads only the files that changed;
//! when none did, it takes the documents and the index as they are. A file that is not what
//! veille wrote is refused and rebuilt, never trusted.
//! The only code that knows the cache folder. Must not parse articles nor build indexes
//! itself (corpus/ and search/ do), and must never turn a cache problem into a failure.

mod codec;
mod evict;
mod key;
mod positioned;
mod shelf;
mod stoppable;
mod store;
mod trusted;
mod writing;

use crate::corpus::Meta;
use crate::corpus::cards::{Cards, PutAside};
use crate::corpus::formats::FieldMap;
use crate::corpus::keywords::{PartTerms, Shared};
use crate::corpus::progress::Progress;
use crate::corpus::shelved::Aside;
use crate::corpus::walk::{self, Item, display_path};
use crate::corpus::{Corpus, batches, source};
use crate::search::Index;
use codec::{Frame, Refused};
use key::{FileKey, Stamp};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use shelf::{CardsAside, FileShelf};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use store::{FileEntry, Span, Texts};
pub use trusted::{Check, Trusted};
pub use writing::{Store, Watch, Writing};

/// A cache folder that exists.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// A corpus loaded through the cache.
pub struct Cached {
    pub corpus: Corpus,
    /// The index stored with exactly these documents, when asked for and still valid.
    pub index: Option<Index>,
    /// What the user should hear about the cache itself (a damaged file that was ignored).
    pub notes: Vec<String>,
    /// How to bring the cache up to date; `None` when it already is.
    pub store: Option<Store>,
    /// Where the cards put off are kept once made: the scratch file of the texts read.
    pub aside: Option<PutAside>,
}

impl Cache {
    /// `$XDG_CACHE_HOME/veille` (an absolute XDG_CACHE_HOME only, as the XDG spec says),
    /// else `$HOME/.cache/veille`, created if needed; otherwise what to warn about.
    pub fn from_env() -> Result<Cache, String> {
        let var = |name| std::env::var_os(name).filter(|v| !v.is_empty());
        let base = var("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| var("HOME").map(|home| PathBuf::from(home).join(".cache")))
            .ok_or("no index cache: neither XDG_CACHE_HOME nor HOME is set")?;
        Cache::in_dir(base.join("veille"))
    }

    /// The cache in `dir`, created if needed.
    pub fn in_dir(dir: PathBuf) -> Result<Cache, String> {
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("no index cache: cannot create {}: {e}", display_path(&dir)))?;
        Ok(Cache { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Load `paths` like `source::load_paths_with`, reusing what the cache holds for files
    /// that did not change. `want_index`: also read the stored index (a command that does
    /// not search skips it, and leaves it as it is when nothing changed). `cards`: when the
    /// files read get their cards (see `corpus::cards`).
    pub fn load(
        &self,
        paths: &[PathBuf],
        fields: &FieldMap,
        want_index: bool,
        progress: &Progress,
        cards: Cards,
    ) -> Result<Cached, String> {
        let stamp = Stamp::new(paths, fields);
        let file = self.dir.join(stamp.file_name());
        let mut notes = Vec::new();
        let mut refused = |why: Refused| {
            if let Refused::Corrupt(why) = why {
                notes.push(format!(
                    "index cache {} is damaged ({why}); rebuilding it",
                    display_path(&file)
                ));
            }
        };
        // Reading the entry and walking the corpus do not depend on each other: on two
        // cores, the decoding of documents and index overlaps the stats of every file. The
        // walk has a thread of its own, not the rayon pool: queued behind the decoding's
        // runs of documents, its folders waited for a free worker one after another.
        let ((old, stored_index, why), walked) = std::thread::scope(|scope| {
            let walker = scope.spawn(|| walk_and_key(paths, &|| {}));
            let entry = read_entry(&file, &stamp, want_index);
            let walked = walker
                .join()
                .unwrap_or_else(|_| Err("walking the folders failed".to_string()));
            (entry, walked)
        });
        if let Some(why) = why {
            refused(why);
        }
        // Files whose cards were still to be made are read again: only a reader served the
        // entry as it is makes them behind its searches (see `Trusted`); here their
        // documents would wait for them, and the corpus' keywords with them.
        let mut old = old.map(|files| {
            let carded = files.into_iter().filter(|f| !f.cards_pending);
            carded.collect::<Vec<_>>()
        });
        let (items, keys) = walked?;
        // The common second run: the walk found exactly the entry's files, unchanged and in
        // the same order, and the entry's index fits them. Its documents are the corpus as
        // they are: nothing to read, reconcile or write (the general way below made and
        // moved five lists of 100 000 parts for it).
        let fits = |files: &Vec<FileEntry>| {
            let docs = files.iter().map(|f| f.docs.len()).sum::<usize>();
            let index = stored_index.as_ref().map(Index::doc_count);
            docs > 0
                && same_files(&keys, files.iter().map(|f| &f.key))
                && (!want_index || index == Some(docs))
        };
        if let Some(files) = old.take_if(|files| fits(files)) {
            progress.expect(0);
            return Ok(Cached {
                corpus: as_stored(items, files),
                index: stored_index,
                notes,
                store: None,
                aside: None,
            });
        }
        let found = old.is_some();
        let old = old.unwrap_or_default();
        let (old_keys, old_parts): (Vec<FileKey>, Vec<Option<Corpus>>) = old
            .into_iter()
            .map(|f| {
                let part = Corpus {
                    docs: f.docs,
                    warnings: f.warnings,
                };
                (f.key, Some(part))
            })
            .unzip();
        // Files read now have their keyword terms counted as they are parsed.
        let shared = Shared::new(cards);
        let Loaded {
            parts,
            terms,
            hits,
            scratch,
        } = reuse_or_load(
            items, &keys, &old_keys, old_parts, fields, &shared, &self.dir, progress,
        );
        // Cards go where the texts went: those put off once made, those made already once
        // the keywords are in them (below).
        let aside = scratch.map(|scratch| Arc::new(CardsAside(scratch)) as PutAside);
        let spans: Vec<Span> = keys
            .into_iter()
            .zip(&parts)
            .filter_map(|(key, part)| {
                let key = key.filter(|_| !part.docs.is_empty())?;
                Some(Span {
                    key,
                    docs: part.docs.len(),
                    warnings: part.warnings.clone(),
                })
            })
            .collect();
        // Unchanged: the same files gave documents, in the same order, all from the cache.
        let unchanged =
            found && hits == spans.len() && spans.iter().map(|s| &s.key).eq(old_keys.iter());
        let corpus = if unchanged {
            source::merge(paths, parts)?
        } else {
            // The keywords change with the corpus: the parts taken from the cache are
            // counted now, beside the terms of the files just read.
            let (parts, terms): (Vec<Corpus>, Vec<PartTerms>) = parts
                .into_par_iter()
                .zip(terms)
                .map(|(part, terms)| match terms {
                    Some(terms) => (part, terms),
                    None => shared.load(|| part),
                })
                .unzip();
            let mut corpus = source::merge(paths, parts)?;
            shared.add_keywords(&mut corpus, terms);
            if let (Some(aside), Cards::Now) = (&aside, cards) {
                // The index is built beside the corpus next: a search's first run held
                // every card there (its peak at 100 000 articles, 0.78 GB).
                put_aside(&mut corpus, &**aside);
            }
            corpus
        };
        let aside = aside.filter(|_| cards == Cards::Later);
        let mut index = None;
        if unchanged {
            match stored_index {
                Some(stored) if stored.doc_count() == corpus.docs.len() => index = Some(stored),
                Some(_) => refused(Refused::Corrupt("index does not fit".into())),
                None => {}
            }
        }
        let store =
            (!unchanged || (want_index && index.is_none())).then_some(Store { file, stamp, spans });
        Ok(Cached {
            corpus,
            index,
            notes,
            store,
            aside,
        })
    }
}

/// The entry's files and (when wanted and stored) its index, decoded side by side on the
/// rayon pool once its stamp says it is this corpus', their texts checked first; `None`
/// files when there is no entry for this corpus; and why what was there was refused.
fn read_entry(file: &Path, stamp: &Stamp, want_index: bool) -> Decoded {
    match open_entry(file, stamp) {
        Ok(Some(frame)) => decode_entry(&frame, file, want_index, Texts::Check),
        Ok(None) => (None, None, None),
        Err(why) => (None, None, Some(why)),
    }
}

/// An entry's files, its index, and why something in it was refused.
type Decoded = (Option<Vec<FileEntry>>, Option<Index>, Option<Refused>);

/// The entry at `file` when it is this corpus' (its `stamp`); `None` when there is none.
fn open_entry(file: &Path, stamp: &Stamp) -> Result<Option<Frame>, Refused> {
    let Some(frame) = store::open(file)? else {
        return Ok(None);
    };
    // Another corpus whose name hashed alike: not ours, and not damage either.
    Ok((store::read_stamp(&frame)? == *stamp).then_some(frame))
}

/// [`read_entry`] of an entry already open.
fn decode_entry(frame: &Frame, file: &Path, want_index: bool, texts: Texts) -> Decoded {
    let (files, index) = rayon::join(
        || store::read_files(frame, file, texts),
        || want_index.then(|| store::read_index(frame)),
    );
    match (files, index) {
        (Err(why), _) => (None, None, Some(why)),
        (Ok(files), Some(Err(why))) => (Some(files), None, Some(why)),
        (Ok(files), Some(Ok(index))) => (Some(files), index, None),
        (Ok(files), None) => (Some(files), None, None),
    }
}

/// Whether the files walked (their `keys`, in order; warnings have none) are exactly the
/// entry's files (their keys, `stored`), in the same order.
fn same_files<'a>(keys: &[Option<FileKey>], stored: impl Iterator<Item = &'a FileKey>) -> bool {
    keys.iter().flatten().eq(stored)
}

/// The corpus of walked `items` when every file among them is the next of `files` (see
/// [`same_files`]): the walk's warnings and each file's documents and warnings, in order.
fn as_stored(items: Vec<Item>, files: Vec<FileEntry>) -> Corpus {
    let mut corpus = room_for(&files);
    let mut files = files.into_iter();
    for item in items {
        match item {
            Item::Warning(warning) => corpus.warnings.push(warning),
            Item::File { .. } => {
                if let Some(file) = files.next() {
                    add_file(&mut corpus, file);
                }
            }
        }
    }
    corpus
}

/// An empty corpus with room for the documents of `files`.
fn room_for(files: &[FileEntry]) -> Corpus {
    let docs = files.iter().map(|f| f.docs.len()).sum();
    Corpus {
        docs: Vec::with_capacity(docs),
        warnings: Vec::new(),
    }
}

/// A stored file's documents and warnings added to `corpus`; its key.
fn add_file(corpus: &mut Corpus, file: FileEntry) -> FileKey {
    corpus.docs.extend(file.docs);
    corpus.warnings.extend(file.warnings);
    file.key
}

/// The walk (see [`walk::collect_paced`]), and the key of every file it found. Both happen
/// on every run: they are what tells a change. The keys are made on the walk's thread: on
/// the pool they waited behind the entry's decoding (up to 0.2 s at 100 000 files, for 10 ms
/// of work).
fn walk_and_key(
    paths: &[PathBuf],
    pace: &dyn Fn(),
) -> Result<(Vec<Item>, Vec<Option<FileKey>>), String> {
    let items = walk::collect_paced(paths, pace)?;
    let keys = items
        .iter()
        .map(|item| match item {
            Item::File {
                path,
                explicit,
                meta,
            } => Some(FileKey::from_meta(path, *explicit, meta)),
            Item::Warning(_) => None,
        })
        .collect();
    Ok((items, keys))
}

/// Each walked item's part of the corpus, moved out of `old` when its key is there (each
/// stored file at most once), read and parsed otherwise, with its keyword terms in
/// `shared` (reused parts have none yet); and how many were reused. The texts of the files
/// read go to a scratch file in `dir` as they are parsed (left in memory if it cannot be
/// made): until the entry is written, the whole corpus' texts would otherwise be in memory
/// beside the index being built (a fifth to a third of a first run's peak).
#[allow(clippy::too_many_arguments)]
fn reuse_or_load(
    items: Vec<Item>,
    keys: &[Option<FileKey>],
    old_keys: &[FileKey],
    mut old_parts: Vec<Option<Corpus>>,
    fields: &FieldMap,
    shared: &Shared,
    dir: &Path,
    progress: &Progress,
) -> Loaded {
    let mut by_key: FxHashMap<&FileKey, usize> =
        old_keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let reused: Vec<Option<Corpus>> = keys
        .iter()
        .map(|key| {
            let i = by_key.remove(key.as_ref()?)?;
            old_parts.get_mut(i)?.take()
        })
        .collect();
    let hits = reused.iter().flatten().count();
    progress.expect(reused.len() - hits);
    let quiet = Progress::silent();
    // With every file in the cache the whole corpus is there at once: nothing to stream.
    // Nor with a few files to read (a binary file gives no article, so it is never cached
    // and is read on every run): they take no longer than a first batch would to show.
    // The walk's warnings have no key and are never reused.
    let unread = keys.iter().zip(&reused);
    let to_read = unread.filter(|(key, part)| key.is_some() && part.is_none());
    let to_read = to_read.count();
    let streaming = if to_read >= batches::FIRST_BATCH {
        progress
    } else {
        &quiet
    };
    let scratch = (to_read > 0)
        .then(|| FileShelf::scratch(dir).ok().map(Arc::new))
        .flatten();
    let loaded = batches::load_in_order(
        items.into_iter().zip(reused).collect(),
        streaming,
        |(item, part)| match part {
            Some(part) => (part, None),
            None => {
                let (mut part, terms) = shared.load(|| source::load_item(item, fields));
                if let Some(scratch) = &scratch {
                    let mut bytes = Vec::new();
                    for doc in &mut part.docs {
                        scratch.keep_text(doc, &mut bytes);
                    }
                }
                progress.advance();
                (part, Some(terms))
            }
        },
        |(part, _)| &part.docs,
    );
    let (parts, terms) = loaded.into_iter().unzip();
    Loaded {
        parts,
        terms,
        hits,
        scratch,
    }
}

/// Every card of `corpus` put `aside` (held where it cannot be).
fn put_aside(corpus: &mut Corpus, aside: &dyn Aside<Meta>) {
    corpus.docs.par_iter_mut().for_each(|doc| {
        if let Some(kept) = aside.put(&doc.meta) {
            doc.meta = kept;
        }
    });
}

/// What [`reuse_or_load`] gives: each item's part and the keyword terms of those read, how
/// many parts were reused, and the scratch file the texts read went to, if any.
struct Loaded {
    parts: Vec<Corpus>,
    terms: Vec<Option<PartTerms>>,
    hits: usize,
    scratch: Option<Arc<FileShelf>>,
}
