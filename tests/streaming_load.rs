//! Loading a folder while the reader shows what is read: the documents given as they
//! arrive are the corpus's own, in its order, with or without the index cache.
//! Must only touch its own temporary folders.

mod common;

use common::without_keywords;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use veille::cache::Cache;
use veille::corpus::cards::Cards;
use veille::corpus::formats::FieldMap;
use veille::corpus::progress::Progress;
use veille::corpus::source::load_paths_reporting;
use veille::corpus::{Corpus, Document};

/// Enough files for several batches, each with words of its own so keywords differ.
fn folder(dir: &Path, files: usize) {
    for i in 0..files {
        let day = 1 + i % 28;
        let text = format!(
            "Article {i}\n\nEuropol et le parquet fédéral, dossier{i}, \
             à Bruxelles le {day} mars 2016.\n"
        );
        std::fs::write(dir.join(format!("{i:04}.txt")), text).expect("write fixture");
    }
}

/// A temporary folder holding `data/` with `files` articles; `data/` is the second value.
fn data_folder(files: usize) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).expect("folder");
    folder(&data, files);
    (tmp, data)
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

#[test]
fn documents_arrive_in_corpus_order_as_the_load_gives_them() {
    let tmp = tempfile::tempdir().expect("tempdir");
    folder(tmp.path(), 300);
    let paths = [tmp.path().to_path_buf()];
    let (corpus, arrived, batches) = streamed(|progress| {
        load_paths_reporting(&paths, &FieldMap::default(), progress, Cards::Now).expect("loads")
    });
    assert_eq!(corpus.docs.len(), 300);
    assert!(batches > 1, "300 files come in more than one batch");
    assert!(corpus.docs.iter().any(|d| !d.meta.keywords.is_empty()));
    assert!(arrived.iter().all(|d| d.meta.keywords.is_empty()));
    assert_eq!(arrived, without_keywords(&corpus.docs));
}

fn cached_load(cache: &Cache, paths: &[PathBuf], progress: &Progress) -> Corpus {
    cache
        .load(paths, &FieldMap::default(), true, progress, Cards::Now)
        .expect("loads")
        .corpus
}

/// Store `corpus` as the cache entry of `paths`, as the reader does once it has indexed.
fn write_entry(cache: &Cache, paths: &[PathBuf], corpus: &Corpus) {
    cache
        .load(
            paths,
            &FieldMap::default(),
            false,
            &Progress::silent(),
            Cards::Now,
        )
        .expect("loads")
        .store
        .expect("nothing cached yet")
        .write(corpus, None)
        .expect("cache written");
}

#[test]
fn through_the_cache_the_first_run_streams_and_a_cached_one_need_not() {
    let (tmp, data) = data_folder(200);
    let cache = Cache::in_dir(tmp.path().join("cache")).expect("cache folder");
    let paths = [data.clone()];

    let (first, arrived, _) = streamed(|p| cached_load(&cache, &paths, p));
    assert_eq!(arrived, without_keywords(&first.docs));
    write_entry(&cache, &paths, &first);

    // Everything comes from the cache at once: nothing to show before the whole corpus.
    let (again, arrived, batches) = streamed(|p| cached_load(&cache, &paths, p));
    assert_eq!((arrived.len(), batches), (0, 0));
    assert_eq!(again.docs, first.docs);

    // Every other file changed: read again, between files from the cache, all in order.
    for i in (1..200).step_by(2) {
        let text = format!("Changé {i}\n\nUn autre texte sur Amaq.\n");
        std::fs::write(data.join(format!("{i:04}.txt")), text).expect("write");
    }
    let (changed, arrived, _) = streamed(|p| cached_load(&cache, &paths, p));
    assert_eq!(
        (
            changed.docs[6].title.as_str(),
            changed.docs[7].title.as_str()
        ),
        ("Article 6", "Changé 7")
    );
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

#[test]
fn what_gives_no_article_or_a_warning_streams_nothing_and_keeps_the_order() {
    let (tmp, data) = data_folder(150);
    let records: String = (0..3)
        .map(|i| format!("{{\"title\": \"Record {i}\", \"text\": \"Europol à La Haye, {i}.\"}}\n"))
        .collect();
    std::fs::write(data.join("0050-records.jsonl"), records).expect("write");
    std::fs::write(data.join("0060-binary.txt"), b"\0\x01\x02 not text").expect("write");
    std::fs::write(data.join("0070-empty.txt"), b"").expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink("/", data.join("0080-outside")).expect("link");
    let paths = [data.clone()];

    let (corpus, arrived, _) = streamed(|progress| {
        load_paths_reporting(&paths, &FieldMap::default(), progress, Cards::Now).expect("loads")
    });
    assert!(corpus.docs.iter().any(|d| d.title == "Record 2"));
    assert!(!corpus.warnings.is_empty());
    assert_eq!(arrived, without_keywords(&corpus.docs));

    let cache = Cache::in_dir(tmp.path().join("cache")).expect("cache folder");
    let (first, arrived, _) = streamed(|p| cached_load(&cache, &paths, p));
    assert_eq!(arrived, without_keywords(&first.docs));
    write_entry(&cache, &paths, &first);
    // The binary and empty files are read again (they are never cached), the link warned
    // about again: too little to stream.
    let (again, arrived, batches) = streamed(|p| cached_load(&cache, &paths, p));
    assert_eq!((arrived.len(), batches), (0, 0));
    assert_eq!(again.docs, first.docs);
}

#[test]
fn a_first_run_through_the_cache_keeps_its_texts_out_of_memory_until_asked() {
    let (tmp, data) = data_folder(100);
    let cache = Cache::in_dir(tmp.path().join("cache")).expect("cache folder");
    let paths = [data.clone()];
    let plain = load_paths_reporting(
        &paths,
        &FieldMap::default(),
        &Progress::silent(),
        Cards::Now,
    )
    .expect("loads");
    assert!(
        plain.docs.iter().all(|d| d.blocks.is_read()),
        "no cache: held"
    );

    let first = cached_load(&cache, &paths, &Progress::silent());
    assert!(first.docs.iter().all(|d| !d.blocks.is_read()), "on a shelf");
    // The index is built over them in passing: they stay on the shelf.
    let index = veille::search::Index::build(&first);
    assert_eq!(index.doc_count(), 100);
    assert!(
        first.docs.iter().all(|d| !d.blocks.is_read()),
        "read in passing"
    );
    // The entry is written from the shelf, and gives them back as they were.
    write_entry(&cache, &paths, &first);
    assert!(
        first.docs.iter().all(|d| !d.blocks.is_read()),
        "written in passing"
    );
    assert_eq!(first.docs, plain.docs);
    let again = cached_load(&cache, &paths, &Progress::silent());
    assert_eq!(again.docs, plain.docs);
}
