//! How the reader (and `veille bench --cached`) gets its corpus: through the index cache
//! when there is one, a stored corpus served at once and checked behind it, the entry
//! written once an index is built, and the notes for the user kept until the terminal is
//! theirs again. Must not draw nor print: the caller does.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use veille::cache::{Cache, Trusted, Writing};
use veille::corpus::cards::Cards;
use veille::corpus::formats::FieldMap;
use veille::corpus::progress::Progress;
use veille::input::{Ready, load};

/// How the reader's worker loads `paths`: through `cache` when there is one, its notes into
/// `notes`, and once the worker has built an index the cache did not hold, the entry written
/// on a thread of its own, whose handle goes into `writing`. An entry for these paths is
/// served as it is, then checked against the files (see `cache::Trusted`).
pub fn reader_loader(
    paths: Vec<PathBuf>,
    fields: FieldMap,
    cache: Option<Cache>,
    notes: &Arc<Mutex<Vec<String>>>,
    writing: &Arc<Mutex<Option<Writing>>>,
) -> impl FnOnce(&Progress) -> Result<veille::tui::Loaded, String> + Send + 'static {
    let (notes, writing) = (Arc::clone(notes), Arc::clone(writing));
    move |progress: &Progress| {
        let trusted = cache.as_ref().and_then(|c| c.load_trusted(&paths, &fields));
        if let Some(Trusted {
            corpus,
            index,
            check,
        }) = trusted
        {
            let check = move |pace: &dyn Fn(), progress: &Progress| match check.run(progress, pace)
            {
                Ok(None) => None,
                Ok(Some(cached)) => Some(loaded(cached.into(), &notes, &writing)),
                Err(e) => {
                    push(
                        &notes,
                        [format!("files not checked against the index cache: {e}")],
                    );
                    None
                }
            };
            return Ok(veille::tui::Loaded {
                corpus,
                index: Some(index),
                built: None,
                check: Some(Box::new(check)),
                aside: None,
            });
        }
        let ready = load(
            &paths,
            &fields,
            cache.as_ref(),
            true,
            progress,
            Cards::Later,
        )?;
        Ok(loaded(ready, &notes, &writing))
    }
}

/// What the worker serves of `ready`: its notes go to `notes`, and the entry is written once
/// an index is built for it, its handle into `writing`.
fn loaded(
    ready: Ready,
    notes: &Arc<Mutex<Vec<String>>>,
    writing: &Arc<Mutex<Option<Writing>>>,
) -> veille::tui::Loaded {
    push(notes, ready.notes);
    let (notes, writing) = (Arc::clone(notes), Arc::clone(writing));
    let built = ready.store.map(|store| {
        let keep = move |corpus, index| match store.write_in_background(corpus, index) {
            Ok(handle) => {
                if let Ok(mut slot) = writing.lock() {
                    *slot = Some(handle);
                }
            }
            Err(e) => push(&notes, [format!("index cache not written: {e}")]),
        };
        Box::new(keep) as veille::tui::Keep
    });
    veille::tui::Loaded {
        corpus: ready.corpus,
        index: ready.index,
        built,
        check: None,
        aside: ready.aside,
    }
}

/// Let the cache write finish: cut short by exiting, it would leave no entry behind.
pub fn finish_writing(writing: &Mutex<Option<Writing>>, notes: &Mutex<Vec<String>>) {
    let handle = writing.lock().ok().and_then(|mut slot| slot.take());
    match handle.map(JoinHandle::join) {
        Some(Ok(Err(e))) => push(notes, [e]),
        Some(Err(_)) => push(notes, ["index cache not written".to_string()]),
        Some(Ok(Ok(()))) | None => {}
    }
}

pub fn push(notes: &Mutex<Vec<String>>, more: impl IntoIterator<Item = String>) {
    if let Ok(mut notes) = notes.lock() {
        notes.extend(more);
    }
}
