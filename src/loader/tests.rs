//! The reader's loading and keeping through a cache in a temporary folder: what is written
//! on leaving, what the user is told meanwhile, and what the next run is served.

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
