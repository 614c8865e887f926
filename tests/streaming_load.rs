//! Loading a folder while the reader shows what is read: the documents given as they
//! arrive are the corpus's own, in its order, with or without the index cache.
//! Must only touch its own temporary folders.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use veille::cache::Cache;
use veille::corpus::formats::FieldMap;
use veille::corpus::progress::Progress;
use veille::corpus::source::load_paths_reporting;
use veille::corpus::{Corpus, Document};

/// Enough files for several batches, each with words of its own so keywords differ.
fn folder(dir: &Path, files: usize) {
    for i in 0..files {
        let text = format!(
            "Article {i}\n\nEuropol et le parquet fédéral, dossier{i}, à Bruxelles le {} mars 2016.\n",
            1 + i % 28
        );
        std::fs::write(dir.join(format!("{i:04}.txt")), text).expect("write fixture");
    }
}

/// What a load gave as it went, in order (keywords aside), and how many batches.
fn streamed(load: impl FnOnce(&Progress) -> Corpus) -> (Corpus, Vec<Document>, usize) {
    let seen = Mutex::new((Vec::new(), 0));
    let arrived = |docs: &[&Document]| {
        let mut seen = seen.lock().expect("not poisoned");
        seen.0.extend(docs.iter().map(|&d| d.clone()));
        seen.1 += 1;
    };
    let corpus = load(&Progress::streaming(&|_, _| {}, &arrived));
    let (docs, batches) = seen.into_inner().expect("not poisoned");
    (corpus, docs, batches)
}

fn without_keywords(docs: &[Document]) -> Vec<Document> {
    docs.iter()
        .map(|d| {
            let mut d = d.clone();
            d.meta.keywords.clear();
            d
        })
        .collect()
}

#[test]
fn documents_arrive_in_corpus_order_as_the_load_gives_them() {
    let tmp = tempfile::tempdir().expect("tempdir");
    folder(tmp.path(), 300);
    let paths = [tmp.path().to_path_buf()];
    let (corpus, arrived, batches) = streamed(|progress| {
        load_paths_reporting(&paths, &FieldMap::default(), progress).expect("loads")
    });
    assert_eq!(corpus.docs.len(), 300);
    assert!(batches > 1, "300 files come in more than one batch");
    assert!(corpus.docs.iter().any(|d| !d.meta.keywords.is_empty()));
    assert!(arrived.iter().all(|d| d.meta.keywords.is_empty()));
    assert_eq!(arrived, without_keywords(&corpus.docs));
}

fn cached_load(cache: &Cache, paths: &[PathBuf], progress: &Progress) -> Corpus {
    cache
        .load(paths, &FieldMap::default(), true, progress)
        .expect("loads")
        .corpus
}

#[test]
fn through_the_cache_the_first_run_streams_and_a_cached_one_need_not() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).expect("folder");
    folder(&data, 200);
    let cache = Cache::in_dir(tmp.path().join("cache")).expect("cache folder");
    let paths = [data.clone()];

    let (first, arrived, _) = streamed(|p| cached_load(&cache, &paths, p));
    assert_eq!(arrived, without_keywords(&first.docs));
    let store = cache
        .load(&paths, &FieldMap::default(), false, &Progress::silent())
        .expect("loads")
        .store
        .expect("nothing cached yet");
    store.write(&first, None).expect("cache written");

    // Everything comes from the cache at once: nothing to show before the whole corpus.
    let (again, arrived, batches) = streamed(|p| cached_load(&cache, &paths, p));
    assert_eq!((arrived.len(), batches), (0, 0));
    assert_eq!(again.docs, first.docs);

    // One file changed: the others come from the cache, all of them in order.
    std::fs::write(
        data.join("0007.txt"),
        "Changé\n\nUn autre texte sur Amaq.\n",
    )
    .expect("write");
    let (changed, arrived, _) = streamed(|p| cached_load(&cache, &paths, p));
    assert_eq!(changed.docs[7].title, "Changé");
    assert_eq!(
        without_keywords(&arrived)
            .iter()
            .map(|d| (&d.path, &d.title, &d.blocks))
            .collect::<Vec<_>>(),
        changed
            .docs
            .iter()
            .map(|d| (&d.path, &d.title, &d.blocks))
            .collect::<Vec<_>>()
    );
}
