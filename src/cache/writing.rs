//! Writing a corpus' entry: the handle a load gives for it ([`Store`]), written at once or
//! on a thread of its own, given up when the user will not wait. Must not decide what an
//! entry holds nor how it is laid out (store.rs does).

use super::key::Stamp;
use super::store::{self, Span};
use crate::corpus::Corpus;
use crate::corpus::walk::display_path;
use crate::search::Index;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::thread::{self, JoinHandle};

/// A write under way on its own thread; joining gives what [`Store::write`] gave.
pub type Writing = JoinHandle<Result<(), String>>;

/// What a write of an entry shares with whoever waits for it: set `stop` to give it up (the
/// entry that was there stays); `written` counts the bytes gone to the file so far, to show
/// a user who waits (an entry at a million articles is 8 GB, 20-25 s of writing here).
#[derive(Debug, Default, Clone)]
pub struct Watch {
    pub stop: Arc<AtomicBool>,
    pub written: Arc<AtomicU64>,
}

/// Everything needed to write a corpus' entry once its index (if any) is built.
#[derive(Debug)]
pub struct Store {
    pub(super) file: PathBuf,
    pub(super) stamp: Stamp,
    pub(super) spans: Vec<Span>,
}

impl Store {
    /// Write the entry for `corpus` (as loaded) and the index built over it, if any. Meant
    /// to run after the user has what they asked for; a failure is for a warning only.
    /// Documents whose cards are still to be made are stored as such, and read back so.
    pub fn write(&self, corpus: &Corpus, index: Option<&Index>) -> Result<(), String> {
        self.write_unless(corpus, index, &Watch::default())
    }

    /// [`Store::write`], counting what it writes into `watch` and given up once its stop is
    /// set: nothing is written then, and the entry that was there stays.
    pub fn write_unless(
        &self,
        corpus: &Corpus,
        index: Option<&Index>,
        watch: &Watch,
    ) -> Result<(), String> {
        store::write(&self.file, &self.stamp, &self.spans, corpus, index, watch)
            .map_err(|e| format!("index cache {} not written: {e}", display_path(&self.file)))
    }

    /// [`Store::write`] on a thread of its own, for a front end that has better to do (the
    /// reader, once its index is built); join the handle before exiting, or the write may be
    /// cut short (a cut write leaves only a temporary file, never a damaged entry).
    /// It counts what it writes and stops as [`Store::write_unless`] does with `watch`.
    pub fn write_in_background(
        self: Arc<Self>,
        corpus: Arc<Corpus>,
        index: Arc<Index>,
        watch: Watch,
    ) -> std::io::Result<Writing> {
        thread::Builder::new()
            .name("veille-cache".into())
            .spawn(move || self.write_unless(&corpus, Some(&index), &watch))
    }
}
