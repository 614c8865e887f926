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
mod tests {
    use super::*;
    use std::cell::RefCell;
    use veille::corpus::cards::{add_cards, pending};

    /// A first run of a few articles through a cache in a temporary folder, as the reader's
    /// worker has it once its files are read (and once its index is ready, see
    /// [`index_ready`]), the cards still to be made: what to keep on leaving noted, what to
    /// keep once they are made still to call.
    struct Run {
        _tmp: tempfile::TempDir,
        cache: Cache,
        paths: Vec<PathBuf>,
        corpus: Arc<Corpus>,
        index: Arc<Index>,
        built: Option<veille::tui::Keep>,
        keeping: Arc<Mutex<Keeping>>,
    }

    fn index_ready() -> Run {
        read(true)
    }

    /// The run once its files are read, and with `indexed`, once its index is ready.
    fn read(indexed: bool) -> Run {
        let tmp = tempfile::tempdir().expect("tempdir");
        let data = tmp.path().join("data");
        std::fs::create_dir(&data).expect("folder");
        for i in 0..3 {
            let text = format!("Article {i}\n\nEuropol et le parquet fédéral, à Bruxelles.\n");
            std::fs::write(data.join(format!("{i}.txt")), text).expect("article");
        }
        let cache = Cache::in_dir(tmp.path().join("cache")).expect("cache folder");
        let paths = vec![data];
        let silent = Progress::silent();
        let ready = load(
            &paths,
            &FieldMap::default(),
            Some(&cache),
            true,
            &silent,
            Cards::Later,
        );
        let keeping = Arc::default();
        let loaded = loaded(ready.expect("loads"), &Arc::default(), &keeping);
        let corpus = Arc::new(loaded.corpus);
        assert!(pending(&corpus));
        let if_left = loaded.if_left.expect("something to keep on leaving");
        if_left(Arc::clone(&corpus), None);
        let index = Arc::new(Index::build(&corpus));
        if indexed {
            if_left(Arc::clone(&corpus), Some(Arc::clone(&index)));
        }
        Run {
            _tmp: tmp,
            cache,
            paths,
            corpus,
            index,
            built: loaded.built,
            keeping,
        }
    }

    impl Run {
        fn stored(&self) -> Option<veille::cache::Trusted> {
            self.cache.load_trusted(&self.paths, &FieldMap::default())
        }
    }

    /// `finish_writing`, and what it told the user.
    fn finish(keeping: &Mutex<Keeping>) -> Vec<String> {
        finish_counting(keeping).0
    }

    /// `finish_writing`, what it told the user, and each figure of bytes written it gave.
    fn finish_counting(keeping: &Mutex<Keeping>) -> (Vec<String>, Vec<u64>) {
        let told = RefCell::new(Vec::new());
        let written = RefCell::new(Vec::new());
        let notes = Mutex::new(Vec::new());
        let tell = |m: &str| told.borrow_mut().push(m.to_string());
        finish_writing(keeping, &notes, &tell, &|b| written.borrow_mut().push(b));
        assert!(notes.lock().expect("notes").is_empty());
        (told.into_inner(), written.into_inner())
    }

    /// The size of the only entry in `cache`'s folder.
    fn entry_size(cache: &Cache) -> u64 {
        let files = std::fs::read_dir(cache.dir()).expect("cache folder");
        let entries: Vec<_> = files
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "bin"))
            .collect();
        assert_eq!(entries.len(), 1, "{entries:?}");
        entries[0].metadata().expect("entry").len()
    }

    #[test]
    fn leaving_tells_the_bytes_written_up_to_the_whole_entry() {
        let run = index_ready();
        let (told, written) = finish_counting(&run.keeping);
        assert_eq!(told.len(), 1);
        let last = written.last().copied().expect("told at least at the end");
        assert_eq!(last, entry_size(&run.cache));
        assert!(written.is_sorted(), "{written:?}");
    }

    #[test]
    fn nothing_to_wait_for_on_leaving_tells_nothing() {
        let run = index_ready();
        finish(&run.keeping);
        // Written already: a second leaving has nothing to write nor to wait for.
        assert_eq!(finish_counting(&run.keeping), (vec![], vec![]));
    }

    #[test]
    fn leaving_before_the_cards_are_made_writes_the_entry_without_them() {
        let run = index_ready();
        assert!(run.stored().is_none(), "not before leaving");
        let told = finish(&run.keeping);
        assert_eq!(
            told,
            ["keeping the index for the next run… (Ctrl-C: do without it)"]
        );
        let trusted = run.stored().expect("written on leaving");
        assert!(trusted.corpus.docs.iter().all(|d| d.card_pending));
        assert!(
            trusted.store.is_some(),
            "to be written again with the cards"
        );
    }

    #[test]
    fn leaving_while_the_index_is_built_writes_the_documents_as_read() {
        let run = read(false);
        finish(&run.keeping);
        let trusted = run.stored().expect("written on leaving");
        assert!(trusted.index.is_none(), "to be built again");
        assert!(trusted.corpus.docs.iter().all(|d| d.card_pending));
    }

    #[test]
    fn a_served_entry_left_while_indexing_is_written_again_once_indexed() {
        let run = read(false);
        finish(&run.keeping);
        assert!(run.stored().expect("written").index.is_none());
        // The next run, served from that entry, left in its turn.
        let keeping = Arc::default();
        let cache = Some(run.cache.clone());
        let fields = FieldMap::default();
        let load = reader_loader(run.paths.clone(), fields, cache, &Arc::default(), &keeping);
        let served = load(&Progress::silent()).expect("served");
        assert!(served.index.is_none(), "to be built again");
        let corpus = Arc::new(served.corpus);
        let if_left = served.if_left.expect("something to keep on leaving");
        if_left(Arc::clone(&corpus), None);
        assert!(finish(&keeping).is_empty(), "nothing new before the index");
        if_left(Arc::clone(&corpus), Some(Arc::new(Index::build(&corpus))));
        assert_eq!(finish(&keeping).len(), 1, "written with its index");
        let stored = run.stored().expect("written again");
        assert!(stored.index.is_some());
        assert!(stored.corpus.docs.iter().all(|d| d.card_pending));
    }

    #[test]
    fn a_stop_asked_for_gives_up_the_entry_to_write_on_leaving() {
        let run = index_ready();
        let stop = run.keeping.lock().expect("keeping").stop_flag();
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let notes = Mutex::new(Vec::new());
        finish_writing(&run.keeping, &notes, &|_| {}, &|_| {});
        let notes = notes.into_inner().expect("notes");
        assert!(
            notes.iter().any(|n| n.ends_with("not written: stopped")),
            "{notes:?}"
        );
        assert!(run.stored().is_none());
    }

    #[test]
    fn cards_made_before_leaving_are_written_with_the_entry() {
        let mut run = index_ready();
        let mut carded = Corpus::clone(&run.corpus);
        add_cards(&mut carded);
        let built = run.built.take().expect("something to keep once built");
        built(Arc::new(carded), Arc::clone(&run.index));
        // Told only when the writing under way is not over yet.
        let told = finish(&run.keeping);
        assert!(
            told.iter().all(|t| t.starts_with("keeping the index")),
            "{told:?}"
        );
        let trusted = run.stored().expect("written");
        assert!(!pending(&trusted.corpus));
        assert!(trusted.store.is_none());
    }
}
