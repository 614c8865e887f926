//! A second run served from the cache before its files are looked at: the corpus and index
//! are the entry's, and the check that follows says whether they hold: nothing when the
//! folder is as stored, the corpus loaded anew when a file changed, came or went, or when
//! the entry's texts are damaged. Must only touch its own temporary folders.

use std::fs;
use std::path::{Path, PathBuf};
use veille::cache::Cache;
use veille::corpus::Corpus;
use veille::corpus::cards::Cards;
use veille::corpus::formats::FieldMap;
use veille::corpus::progress::Progress;
use veille::search::Index;

fn article(dir: &Path, i: usize, title: &str) {
    let text = format!("{title}\n\nEuropol et le parquet fédéral, dossier{i}, à Bruxelles.\n");
    fs::write(dir.join(format!("{i:04}.txt")), text).expect("write fixture");
}

/// A temporary folder with `data/` of `files` articles and a cache beside it.
fn setup(files: usize) -> (tempfile::TempDir, Vec<PathBuf>, Cache) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    fs::create_dir(&data).expect("folder");
    for i in 0..files {
        article(&data, i, &format!("Article {i}"));
    }
    let cache = Cache::in_dir(tmp.path().join("cache")).expect("cache folder");
    (tmp, vec![data], cache)
}

/// A first run: load, build the index, write the entry, as the reader does.
fn first_run(cache: &Cache, paths: &[PathBuf]) -> Corpus {
    let cached = cache
        .load(
            paths,
            &FieldMap::default(),
            true,
            &Progress::silent(),
            Cards::Now,
        )
        .expect("loads");
    let index = Index::build(&cached.corpus);
    let store = cached.store.expect("nothing cached yet");
    store.write(&cached.corpus, Some(&index)).expect("written");
    cached.corpus
}

fn titles(corpus: &Corpus) -> Vec<&str> {
    corpus.docs.iter().map(|d| d.title.as_str()).collect()
}

#[test]
fn an_unchanged_folder_is_served_as_stored_and_the_check_finds_nothing() {
    let (_tmp, paths, cache) = setup(30);
    let fields = FieldMap::default();
    assert!(
        cache.load_trusted(&paths, &fields).is_none(),
        "no entry yet"
    );
    let first = first_run(&cache, &paths);

    let trusted = cache.load_trusted(&paths, &fields).expect("the entry");
    assert_eq!(trusted.corpus.docs, first.docs);
    assert_eq!(trusted.index.map(|i| i.doc_count()), Some(30));
    let found = trusted
        .check
        .run(&Progress::silent(), &|| {})
        .expect("walked");
    assert!(found.is_none(), "nothing to replace");
}

#[test]
fn a_file_changed_added_or_removed_is_found_and_the_corpus_loaded_anew() {
    let (_tmp, paths, cache) = setup(30);
    let data = paths[0].clone();
    let fields = FieldMap::default();
    let changes: [(&str, &dyn Fn(), usize); 3] = [
        ("changed", &|| article(&data, 7, "Changé"), 30),
        ("added", &|| article(&data, 30, "Ajouté"), 31),
        (
            "removed",
            &|| fs::remove_file(data.join("0003.txt")).expect("remove"),
            30,
        ),
    ];
    let mut expected = first_run(&cache, &paths);
    for (what, change, docs) in changes {
        let trusted = cache.load_trusted(&paths, &fields).expect("the entry");
        // As the entry holds it until the check is done.
        assert_eq!(titles(&trusted.corpus), titles(&expected), "{what}");
        change();
        let found = trusted
            .check
            .run(&Progress::silent(), &|| {})
            .expect("walked");
        let found = found.unwrap_or_else(|| panic!("{what}: not found"));
        assert_eq!(found.corpus.docs.len(), docs, "{what}");
        let no_cache = with_cards(&paths);
        assert_eq!(titles(&found.corpus), titles(&no_cache), "{what}");
        // What the reader then does: index the new corpus and write the entry.
        let index = Index::build(&found.corpus);
        let store = found.store.unwrap_or_else(|| panic!("{what}: entry kept"));
        store.write(&found.corpus, Some(&index)).expect("written");
        expected = found.corpus;
    }
    assert!(titles(&expected).contains(&"Changé"));
    assert!(titles(&expected).contains(&"Ajouté"));
    assert!(!titles(&expected).contains(&"Article 3"));
}

/// Where section `which` of the cache file `bytes` starts, and its length: after magic,
/// format and their number, a length and a checksum for each, then each in order.
fn section(bytes: &[u8], which: usize) -> (usize, usize) {
    let word = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&bytes[at..at + 8]);
        usize::try_from(u64::from_le_bytes(w)).expect("fits")
    };
    let count = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]) as usize;
    let mut at = 16 + 16 * count;
    for i in 0..which {
        at += word(16 + 16 * i);
    }
    (at, word(16 + 16 * which))
}

/// The first run's texts and details, as the cache lays them out.
const FIRST_TEXTS: usize = 2;

#[test]
fn damaged_texts_are_found_by_the_check_and_the_entry_rebuilt() {
    let (tmp, paths, cache) = setup(30);
    let first = first_run(&cache, &paths);
    let entry = fs::read_dir(tmp.path().join("cache"))
        .expect("cache folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "bin"))
        .expect("an entry");
    let mut bytes = fs::read(&entry).expect("read entry");
    let (at, len) = section(&bytes, FIRST_TEXTS);
    assert!(len > 0, "texts stored");
    bytes[at + len / 2] ^= 0x20;
    fs::write(&entry, &bytes).expect("damage entry");

    // The cards and the index are whole: served, each text checked when read.
    let trusted = cache
        .load_trusted(&paths, &FieldMap::default())
        .expect("the entry");
    let found = trusted
        .check
        .run(&Progress::silent(), &|| {})
        .expect("walked");
    let found = found.expect("the damage found");
    assert!(
        found.notes.iter().any(|n| n.contains("damaged")),
        "{:?}",
        found.notes
    );
    assert_eq!(found.corpus.docs, first.docs);
    assert!(found.store.is_some(), "the entry is written again");
}

/// A reader's first run left before its cards were made: the entry written as it was.
fn left_before_the_cards(cache: &Cache, paths: &[PathBuf]) {
    let load = cache.load(
        paths,
        &FieldMap::default(),
        true,
        &Progress::silent(),
        Cards::Later,
    );
    let first = load.expect("loads");
    assert!(veille::corpus::cards::pending(&first.corpus));
    let index = Index::build(&first.corpus);
    let store = first.store.expect("nothing cached yet");
    store.write(&first.corpus, Some(&index)).expect("written");
}

/// `paths` loaded with their cards, without the cache.
fn with_cards(paths: &[PathBuf]) -> Corpus {
    let silent = Progress::silent();
    let load = veille::corpus::source::load_paths_reporting;
    load(paths, &FieldMap::default(), &silent, Cards::Now).expect("loads")
}

#[test]
fn an_entry_written_before_its_cards_serves_its_documents_waiting_for_them() {
    use veille::corpus::cards::{make_cards, pending};
    let (_tmp, paths, cache) = setup(30);
    let fields = FieldMap::default();
    left_before_the_cards(&cache, &paths);
    let no_cache = with_cards(&paths);
    assert!(
        no_cache.docs.iter().any(|d| !d.meta.places.is_empty()),
        "cards worth comparing"
    );
    let trusted = cache.load_trusted(&paths, &fields).expect("the entry");
    assert!(trusted.corpus.docs.iter().all(|d| d.card_pending));
    assert_eq!(titles(&trusted.corpus), titles(&no_cache));
    let store = trusted
        .store
        .expect("written again once the cards are made");
    let aside = trusted.aside.expect("a scratch file for the cards");
    let index = trusted.index.expect("the index, built before leaving");
    let mut corpus = trusted.corpus;
    let made = make_cards(&corpus, &|| {}, Some(&*aside)).expect("cards to make");
    made.put_in(&mut corpus);
    assert_eq!(corpus.docs, no_cache.docs);
    // As the reader's cards do: the stored index had no related articles to keep.
    let related = |index: &Index| (0..30).any(|d| !index.related(d, 5).is_empty());
    assert!(!related(&index));
    index.relate(&corpus);
    assert!(related(&index), "related once the cards are made");
    store.write(&corpus, Some(&index)).expect("written");

    let again = cache.load_trusted(&paths, &fields).expect("the entry");
    assert!(again.index.is_some_and(|i| related(&i)), "and kept so");
    assert!(!pending(&again.corpus));
    assert!(again.store.is_none() && again.aside.is_none());
    assert_eq!(again.corpus.docs, no_cache.docs);
}

#[test]
fn a_load_that_is_not_served_reads_again_the_files_whose_cards_were_not_made() {
    use veille::corpus::cards::pending;
    let (_tmp, paths, cache) = setup(30);
    left_before_the_cards(&cache, &paths);
    // `veille search`, say: it wants every card made as the files are read.
    let load = cache.load(
        &paths,
        &FieldMap::default(),
        true,
        &Progress::silent(),
        Cards::Now,
    );
    let second = load.expect("loads");
    assert!(!pending(&second.corpus));
    assert!(second.index.is_none(), "the index is built again with them");
    assert!(second.store.is_some(), "and the entry written again");
    assert!(second.notes.is_empty(), "not damage: {:?}", second.notes);
    assert_eq!(second.corpus.docs, with_cards(&paths).docs);
}

#[test]
fn a_write_stopped_leaves_the_entry_that_was_there_and_no_temporary_file() {
    let (tmp, paths, cache) = setup(30);
    let first = first_run(&cache, &paths);
    article(&paths[0], 30, "Ajouté");
    let fields = FieldMap::default();
    let load = cache.load(&paths, &fields, true, &Progress::silent(), Cards::Now);
    let changed = load.expect("loads");
    let index = Index::build(&changed.corpus);
    let store = changed.store.expect("the entry to write again");
    let watch = veille::cache::Watch::default();
    watch.stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let stopped = store.write_unless(&changed.corpus, Some(&index), &watch);
    let why = stopped.expect_err("stopped");
    assert!(why.contains("not written: stopped"), "{why}");
    let files: Vec<String> = fs::read_dir(tmp.path().join("cache"))
        .expect("cache folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].ends_with(".bin"), "{files:?}");
    let trusted = cache.load_trusted(&paths, &fields).expect("the old entry");
    assert_eq!(titles(&trusted.corpus), titles(&first));
}

#[test]
fn cards_made_after_leaving_write_the_entry_a_whole_first_run_writes() {
    use veille::corpus::cards::make_cards;
    let (tmp, paths, _) = setup(30);
    let fields = FieldMap::default();
    // The entry of `cache`'s only file, byte for byte.
    let entry = |cache: &Cache| {
        let files = fs::read_dir(cache.dir()).expect("cache folder");
        let bin = files.filter_map(Result::ok).map(|e| e.path());
        let bin: Vec<PathBuf> = bin
            .filter(|p| p.extension().is_some_and(|e| e == "bin"))
            .collect();
        assert_eq!(bin.len(), 1, "{bin:?}");
        fs::read(&bin[0]).expect("read the entry")
    };
    // A reader's first run to the end: cards made behind the index, then the entry.
    let whole = Cache::in_dir(tmp.path().join("whole")).expect("cache folder");
    let load = whole.load(&paths, &fields, true, &Progress::silent(), Cards::Later);
    let first = load.expect("loads");
    let index = Index::build(&first.corpus);
    let mut corpus = first.corpus;
    let made = make_cards(&corpus, &|| {}, first.aside.as_deref()).expect("cards to make");
    made.put_in(&mut corpus);
    index.relate(&corpus);
    let store = first.store.expect("nothing cached yet");
    store.write(&corpus, Some(&index)).expect("written");
    // One left at index ready, then served from its entry, cards made behind.
    let left = Cache::in_dir(tmp.path().join("left")).expect("cache folder");
    left_before_the_cards(&left, &paths);
    let trusted = left.load_trusted(&paths, &fields).expect("the entry");
    let mut corpus = trusted.corpus;
    let made = make_cards(&corpus, &|| {}, trusted.aside.as_deref()).expect("cards to make");
    made.put_in(&mut corpus);
    let index = trusted.index.expect("the index, built before leaving");
    index.relate(&corpus);
    let store = trusted
        .store
        .expect("written again once the cards are made");
    store.write(&corpus, Some(&index)).expect("written");
    assert!(entry(&whole) == entry(&left), "the same entry");
}

#[test]
fn an_entry_written_before_its_index_is_served_for_the_index_to_be_built_again() {
    let (_tmp, paths, cache) = setup(30);
    let fields = FieldMap::default();
    let load = |cards| cache.load(&paths, &fields, true, &Progress::silent(), cards);
    // Left while the index was built: the documents as read, their cards still to make.
    let first = load(Cards::Later).expect("loads");
    let store = first.store.expect("nothing cached yet");
    store.write(&first.corpus, None).expect("written");
    let trusted = cache.load_trusted(&paths, &fields).expect("the entry");
    assert!(trusted.index.is_none());
    assert!(trusted.corpus.docs.iter().all(|d| d.card_pending));
    assert_eq!(titles(&trusted.corpus), titles(&with_cards(&paths)));
    assert!(
        trusted.store.is_some(),
        "written again once built and carded"
    );

    // An entry without an index whose cards are made (`veille meta` writes them) is not
    // served before its files are looked at: it loads the ordinary way, as before.
    let carded = load(Cards::Now).expect("loads");
    let store = carded.store.expect("the entry to write again");
    store.write(&carded.corpus, None).expect("written");
    assert!(cache.load_trusted(&paths, &fields).is_none());
}
