//! How the reader (and `veille bench --cached`) gets its corpus: through the index cache
//! when there is one, a stored corpus served at once and checked behind it, the entry
//! written once an index is built (or on leaving, when its cards are not made yet), and
//! the notes for the user kept until the terminal is theirs again. Must not draw nor
//! print: the caller does.

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;
use veille::cache::{Cache, Store, Trusted, Watch, Writing};
use veille::corpus::Corpus;
use veille::corpus::cards::Cards;
use veille::corpus::formats::FieldMap;
use veille::corpus::progress::Progress;
use veille::input::{Ready, load};
use veille::search::Index;

/// The cache entry's writing: under way once the worker has a corpus to keep, or still to
/// do on leaving when the user left before the cards were made; counted and given up
/// through `watch` (the user may not wait for it).
#[derive(Default)]
pub struct Keeping {
    writing: Option<Writing>,
    if_left: Option<Left>,
    watch: Watch,
}

/// What to write on leaving: the corpus, with its index once there is one.
struct Left {
    store: Arc<Store>,
    corpus: Arc<Corpus>,
    index: Option<Arc<Index>>,
}

impl Keeping {
    /// Set it to give up writing the entry: the one there stays as it was.
    pub fn stop_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.watch.stop)
    }
}

/// How often the bytes of an entry written on leaving are told while the user waits.
const TELL_WRITTEN_EVERY: Duration = Duration::from_millis(200);

/// How often the end of that writing is looked for: the exit waits this long at most after.
const LOOK_EVERY: Duration = Duration::from_millis(10);

/// How the reader's worker loads `paths`: through `cache` when there is one, its notes into
/// `notes`, and once the worker has built an index the cache did not hold, the entry written
/// on a thread of its own, whose handle goes into `keeping`. An entry for these paths is
/// served as it is, then checked against the files (see `cache::Trusted`).
pub fn reader_loader(
    paths: Vec<PathBuf>,
    fields: FieldMap,
    cache: Option<Cache>,
    notes: &Arc<Mutex<Vec<String>>>,
    keeping: &Arc<Mutex<Keeping>>,
) -> impl FnOnce(&Progress) -> Result<veille::tui::Loaded, String> + Send + 'static {
    let (notes, keeping) = (Arc::clone(notes), Arc::clone(keeping));
    move |progress: &Progress| {
        let trusted = cache.as_ref().and_then(|c| c.load_trusted(&paths, &fields));
        if let Some(Trusted {
            corpus,
            index,
            check,
            store,
            aside,
        }) = trusted
        {
            // Left before its cards are made, the entry as it is is what would be written,
            // unless it had no index and one has been built since.
            let (built, if_left) = keepers(store, &notes, &keeping);
            let if_left = if_left.filter(|_| index.is_none()).map(once_indexed);
            let check = move |pace: &dyn Fn(), progress: &Progress| match check.run(progress, pace)
            {
                Ok(None) => None,
                Ok(Some(cached)) => Some(loaded(cached.into(), &notes, &keeping)),
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
                index,
                built,
                if_left,
                check: Some(Box::new(check)),
                aside,
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
        Ok(loaded(ready, &notes, &keeping))
    }
}

/// What the worker serves of `ready`: its notes go to `notes`, and the entry is written once
/// an index is built for it, its handle into `keeping`.
fn loaded(
    ready: Ready,
    notes: &Arc<Mutex<Vec<String>>>,
    keeping: &Arc<Mutex<Keeping>>,
) -> veille::tui::Loaded {
    push(notes, ready.notes);
    let (built, if_left) = keepers(ready.store, notes, keeping);
    veille::tui::Loaded {
        corpus: ready.corpus,
        index: ready.index,
        built,
        if_left,
        check: None,
        aside: ready.aside,
    }
}

/// What the worker is given to keep a corpus and its index with `store`: written on a
/// thread of their own once built (its handle into `keeping`, in place of what was to be
/// written on leaving), and noted to be written on leaving before then.
fn keepers(
    store: Option<Store>,
    notes: &Arc<Mutex<Vec<String>>>,
    keeping: &Arc<Mutex<Keeping>>,
) -> (Option<veille::tui::Keep>, Option<veille::tui::IfLeft>) {
    let Some(store) = store.map(Arc::new) else {
        return (None, None);
    };
    let (notes, keeping, left) = (Arc::clone(notes), Arc::clone(keeping), Arc::clone(keeping));
    // Shared, not cloned: a store names every file (12 MB at 100 000 articles).
    let for_leaving = Arc::clone(&store);
    let built = move |corpus, index| {
        let Ok(mut keeping) = keeping.lock() else {
            return;
        };
        // Dropped now: the corpus waiting for its cards is let go once they are made.
        keeping.if_left = None;
        let watch = keeping.watch.clone();
        match store.write_in_background(corpus, index, watch) {
            Ok(handle) => keeping.writing = Some(handle),
            Err(e) => push(&notes, [format!("index cache not written: {e}")]),
        }
    };
    let if_left = move |corpus, index| {
        if let Ok(mut left) = left.lock() {
            let store = Arc::clone(&for_leaving);
            left.if_left = Some(Left {
                store,
                corpus,
                index,
            });
        }
    };
    (Some(Box::new(built)), Some(Box::new(if_left)))
}

/// `if_left` called only with an index: what is noted before one is built is already
/// written.
fn once_indexed(if_left: veille::tui::IfLeft) -> veille::tui::IfLeft {
    Box::new(move |corpus, index: Option<Arc<Index>>| {
        if index.is_some() {
            if_left(corpus, index);
        }
    })
}

/// Let the cache write finish: cut short by exiting, it would leave no entry behind. When
/// the user left before the cards were made, the entry is written now, without them (and
/// without the index when left while it was built): the next run is served from it and
/// makes them behind its searches (at 100 000 articles, 1-3 s of writing here instead of
/// a whole first run again).
/// `tell` says so first: the user waits for it. Then, while they wait, `written` is told the
/// bytes written so far every [`TELL_WRITTEN_EVERY`], and once more when the writing ends.
pub fn finish_writing(
    keeping: &Mutex<Keeping>,
    notes: &Mutex<Vec<String>>,
    tell: &dyn Fn(&str),
    written: &dyn Fn(u64),
) {
    let (handle, left, watch) = match keeping.lock() {
        Ok(mut keeping) => (
            keeping.writing.take(),
            keeping.if_left.take(),
            keeping.watch.clone(),
        ),
        Err(_) => return,
    };
    let waiting = handle.as_ref().is_some_and(|h| !h.is_finished());
    if left.is_some() || waiting {
        tell("keeping the index for the next run… (Ctrl-C: do without it)");
    }
    // The writing on a thread of its own, so that this one can tell how far it is.
    let wait = |done: &dyn Fn() -> bool| {
        let mut last_told = None;
        while !done() {
            if last_told.is_none_or(|t: std::time::Instant| t.elapsed() >= TELL_WRITTEN_EVERY) {
                written(watch.written.load(Ordering::Relaxed));
                last_told = Some(std::time::Instant::now());
            }
            std::thread::sleep(LOOK_EVERY);
        }
        written(watch.written.load(Ordering::Relaxed));
    };
    if let Some(Left {
        store,
        corpus,
        index,
    }) = left
    {
        let done = std::thread::scope(|scope| {
            let job = scope.spawn(|| store.write_unless(&corpus, index.as_deref(), &watch));
            wait(&|| job.is_finished());
            job.join()
        });
        match done {
            Ok(Err(e)) => push(notes, [e]),
            Err(_) => push(notes, ["index cache not written".to_string()]),
            Ok(Ok(())) => {}
        }
    }
    if waiting && let Some(handle) = handle.as_ref() {
        wait(&|| handle.is_finished());
    }
    match handle.map(JoinHandle::join) {
        Some(Ok(Err(e))) => push(notes, [e]),
        Some(Err(_)) => push(notes, ["index cache not written".to_string()]),
        Some(Ok(Ok(()))) | None => {}
    }
}

/// Ctrl-C, SIGTERM or SIGHUP from now on give up writing the entry (see [`Keeping`])
/// instead of being ignored: the reader's own handlers, gone with its loop, leave the
/// signals caught and dropped, and a user waiting for an entry of gigabytes could not
/// stop it.
pub fn stop_on_signals(keeping: &Mutex<Keeping>) {
    let Ok(stop) = keeping.lock().map(|k| k.stop_flag()) else {
        return;
    };
    for signal in [SIGINT, SIGTERM, SIGHUP] {
        // Not registered, the signal does what it did: the write goes on.
        let _ = signal_hook::flag::register(signal, Arc::clone(&stop));
    }
}

pub fn push(notes: &Mutex<Vec<String>>, more: impl IntoIterator<Item = String>) {
    if let Ok(mut notes) = notes.lock() {
        notes.extend(more);
    }
}

#[cfg(test)]
mod tests;
