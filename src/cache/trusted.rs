//! A second run's start before its walk: the corpus and index as the entry holds them,
//! given at once, and the [`Check`] that says afterwards whether they still hold (the
//! files walked are the entry's, unchanged, and its texts are whole). At 100 000 files the
//! walk alone (a `stat` per file) takes 0.25-0.35 s of a core: with it first, a second run
//! could not be searchable within 300 ms. An entry written before its cards were made (or
//! its index built) comes with how to write it again once they are.
//! Must not hand over anything the check refused without the corpus loaded the ordinary
//! way in its place.

use super::key::{FileKey, Stamp};
use super::shelf::{CardsAside, FileShelf};
use super::store::{self, FileEntry, Span, Texts};
use super::{
    Cache, Cached, Frame, Store, add_file, decode_entry, open_entry, room_for, same_files,
    walk_and_key,
};
use crate::corpus::Corpus;
use crate::corpus::cards::{Cards, PutAside};
use crate::corpus::formats::FieldMap;
use crate::corpus::progress::Progress;
use crate::corpus::walk::Item;
use crate::search::Index;
use std::path::PathBuf;
use std::sync::Arc;

/// The corpus and index of an entry whose files have not been looked at yet.
pub struct Trusted {
    pub corpus: Corpus,
    /// `None` only for an entry written before its index was built (and its cards made):
    /// the documents are served, the index is built again.
    pub index: Option<Index>,
    /// To run once the user has them.
    pub check: Check,
    /// When the entry was written before its cards were made (its documents wait for
    /// them, see `corpus::cards`): how to write it again once they are.
    pub store: Option<Store>,
    /// Where those cards are put once made (a scratch file beside the entry).
    pub aside: Option<PutAside>,
}

/// What the walk must find for a [`Trusted`] start to hold.
pub struct Check {
    cache: Cache,
    paths: Vec<PathBuf>,
    fields: FieldMap,
    /// The entry's files, in order.
    keys: Vec<FileKey>,
    /// The entry itself, whose texts are checked as a whole here (each text is checked
    /// again when read).
    frame: Frame,
}

impl Cache {
    /// The corpus and index this cache holds for `paths`, as they were stored, before any
    /// file is looked at; `None` when there is no such entry or something in it is refused
    /// (the ordinary [`Cache::load`] then says what and rebuilds it).
    pub fn load_trusted(&self, paths: &[PathBuf], fields: &FieldMap) -> Option<Trusted> {
        let stamp = Stamp::new(paths, fields);
        let file = self.dir.join(stamp.file_name());
        let frame = open_entry(&file, &stamp).ok()??;
        let (files, index, None) = decode_entry(&frame, &file, true, Texts::Later) else {
            return None;
        };
        let files = files?;
        let pending = files.iter().any(|f| f.cards_pending);
        // Without an index, only what a first run left before building it: anything else
        // (an entry `veille meta` wrote) is loaded the ordinary way, as it was.
        if index.is_none() && !pending {
            return None;
        }
        let spans = pending.then(|| spans_of(&files));
        let (corpus, keys) = stored_corpus(files);
        let fits = |index: &Index| index.doc_count() == corpus.docs.len();
        if corpus.docs.is_empty() || !index.as_ref().is_none_or(fits) {
            return None;
        }
        let store = spans.map(|spans| Store { file, stamp, spans });
        let aside = store.as_ref().and_then(|_| {
            let scratch = FileShelf::scratch(&self.dir).ok()?;
            Some(Arc::new(CardsAside(Arc::new(scratch))) as PutAside)
        });
        let check = Check {
            cache: self.clone(),
            paths: paths.to_vec(),
            fields: fields.clone(),
            keys,
            frame,
        };
        Some(Trusted {
            corpus,
            index,
            check,
            store,
            aside,
        })
    }
}

impl Check {
    /// Walk the paths and check the entry's texts: `None` when the start holds; otherwise
    /// the corpus loaded as [`Cache::load`] loads it (what changed read again, a damaged
    /// entry refused, with its notes), to take the trusted one's place. `pace` is called
    /// between folders and between runs of texts: it may wait while queries run.
    pub fn run(self, progress: &Progress, pace: &dyn Fn()) -> Result<Option<Cached>, String> {
        // Both on this thread, not the pool's: queries typed meanwhile need its threads.
        let (items, keys) = walk_and_key(&self.paths, pace)?;
        // The walk's warnings (a folder that cannot be read) belong to the corpus too.
        let quiet = items.iter().all(|item| matches!(item, Item::File { .. }));
        let same = quiet && same_files(&keys, self.keys.iter());
        // Texts found damaged are refused by the load below, as any damage is.
        if same && store::check_texts(&self.frame, pace).is_ok() {
            return Ok(None);
        }
        drop(self.frame);
        let cached = self
            .cache
            .load(&self.paths, &self.fields, true, progress, Cards::Now)?;
        Ok(Some(cached))
    }
}

/// Which documents of the corpus each of the entry's `files` gave, to write it again.
fn spans_of(files: &[FileEntry]) -> Vec<Span> {
    let span = |f: &FileEntry| Span {
        key: f.key.clone(),
        docs: f.docs.len(),
        warnings: f.warnings.clone(),
    };
    files.iter().map(span).collect()
}

/// The corpus of an entry's `files`, in order, and their keys.
fn stored_corpus(files: Vec<FileEntry>) -> (Corpus, Vec<FileKey>) {
    let mut corpus = room_for(&files);
    let keys = files
        .into_iter()
        .map(|file| add_file(&mut corpus, file))
        .collect();
    (corpus, keys)
}
