//! Walked items loaded on the thread pool a batch at a time, in corpus order, so a front end
//! can show the first articles while the rest are read. Must not read files itself: the
//! caller's `load` does.

use super::Document;
use super::progress::Progress;
use rayon::prelude::*;

/// The first batch is small, so the first articles show within tens of milliseconds; each
/// next one doubles up to a few hundred files, a fraction of a second's reading: a query
/// typed while loading is answered between batches (see the worker), and the pool waits for
/// a batch's last file, a fraction of a millisecond, only once a batch.
pub const FIRST_BATCH: usize = 64;
const LARGEST_BATCH: usize = 512;

/// `load` over `items` on the pool, results in item order. When `progress` streams, the
/// items go a batch at a time, and each batch's documents (`docs` of each result, in order)
/// go to [`Progress::arrived`] in one call before the next batch starts; otherwise all at
/// once.
pub fn load_in_order<T: Send, U: Send>(
    items: Vec<T>,
    progress: &Progress,
    load: impl Fn(T) -> U + Sync + Send,
    docs: impl Fn(&U) -> &[Document],
) -> Vec<U> {
    if !progress.streams() {
        return items.into_par_iter().map(load).collect();
    }
    let mut out = Vec::with_capacity(items.len());
    let mut rest = items.into_iter();
    let mut size = FIRST_BATCH;
    loop {
        let batch: Vec<T> = rest.by_ref().take(size).collect();
        if batch.is_empty() {
            return out;
        }
        let start = out.len();
        out.par_extend(batch.into_par_iter().map(&load));
        let arrived: Vec<&Document> = out[start..].iter().flat_map(&docs).collect();
        if !arrived.is_empty() {
            progress.arrived(&arrived);
        }
        size = (size * 2).min(LARGEST_BATCH);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    fn doc(n: usize) -> Document {
        Document {
            title: n.to_string(),
            ..Document::default()
        }
    }

    /// Items giving no document, one, or two, as files of several records do.
    fn records(item: usize) -> Vec<Document> {
        (0..item % 3).map(|k| doc(item * 10 + k)).collect()
    }

    #[test]
    fn streamed_documents_come_in_corpus_order_and_match_the_result() {
        let seen = Mutex::new(Vec::new());
        let batches = Mutex::new(0);
        let arrived = |docs: &[&Document]| {
            *batches.lock().expect("not poisoned") += 1;
            let mut seen = seen.lock().expect("not poisoned");
            seen.extend(docs.iter().map(|d| d.title.clone()));
        };
        let progress = Progress::streaming(&|_, _| {}, &arrived);
        let items: Vec<usize> = (0..1000).collect();
        let out = load_in_order(items, &progress, records, Vec::as_slice);

        let all: Vec<String> = out.iter().flatten().map(|d| d.title.clone()).collect();
        assert_eq!(all.len(), 999, "two thirds of 1000 items give one or two");
        assert_eq!(*seen.lock().expect("not poisoned"), all);
        let expected: Vec<String> = (0..1000usize)
            .flat_map(|i| (0..i % 3).map(move |k| (i * 10 + k).to_string()))
            .collect();
        assert_eq!(all, expected);
        assert!(
            *batches.lock().expect("not poisoned") > 1,
            "1000 items, several batches"
        );
    }

    #[test]
    fn without_streaming_the_results_are_those_of_a_plain_map() {
        let items: Vec<usize> = (0..1000).collect();
        let plain: Vec<Vec<Document>> = items.iter().map(|&i| records(i)).collect();
        let out = load_in_order(items, &Progress::silent(), records, Vec::as_slice);
        assert_eq!(out, plain);
    }
}
