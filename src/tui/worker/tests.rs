//! The worker on its own thread, with a load that streams: what it tells the UI, in order.

use super::*;
use crate::corpus::Block;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// Article `i` says "rouge" when `i` is even, "vert" when odd.
fn corpus(n: usize) -> Corpus {
    let docs = (0..n)
        .map(|i| {
            let word = if i % 2 == 0 { "rouge" } else { "vert" };
            Document {
                path: format!("{i:04}.txt"),
                title: format!("Article {i}"),
                blocks: vec![Block::Paragraph(format!("Un texte {word}."))].into(),
                words: 3,
                ..Document::default()
            }
        })
        .collect();
    Corpus {
        docs,
        warnings: Vec::new(),
    }
}

/// The next answer to a query, skipping progress and documents.
fn next_found(reports: &Receiver<Report>) -> (u64, Vec<usize>, Option<usize>) {
    loop {
        match reports.recv_timeout(Duration::from_secs(30)) {
            Ok(Report::Found {
                generation,
                hits,
                partial,
                ..
            }) => {
                let mut docs: Vec<usize> = hits.iter().map(|h| h.doc).collect();
                docs.sort_unstable();
                return (generation, docs, partial);
            }
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) => panic!("no answer within 30 s"),
            Err(RecvTimeoutError::Disconnected) => panic!("the worker stopped"),
        }
    }
}

#[test]
fn a_query_asked_while_loading_is_answered_over_the_first_articles_then_over_all() {
    let whole = corpus(600);
    let (to_ui, reports) = mpsc::channel();
    let (go_on, wait) = mpsc::channel::<()>();
    let streamed = whole.clone();
    let searches = spawn(
        move |progress: &Progress| {
            progress.expect(600);
            // The first articles are read once the query has been asked, the rest once
            // its first answer came.
            wait.recv().map_err(|e| e.to_string())?;
            let first: Vec<&Document> = streamed.docs[..300].iter().collect();
            progress.arrived(&first);
            wait.recv().map_err(|e| e.to_string())?;
            let rest: Vec<&Document> = streamed.docs[300..].iter().collect();
            progress.arrived(&rest);
            Ok(streamed)
        },
        move |report| to_ui.send(report).is_ok(),
    );
    searches.submit(Request {
        generation: 7,
        query: "rouge".into(),
        rows: 24,
    });
    go_on.send(()).expect("loading");

    let (generation, docs, partial) = next_found(&reports);
    // 256 kept of 300 read: an eighth of 600 files is fewer than the fewest kept.
    assert_eq!((generation, partial), (7, Some(256)));
    assert_eq!(docs, (0..256).step_by(2).collect::<Vec<_>>());

    go_on.send(()).expect("loading");
    let (generation, docs, partial) = next_found(&reports);
    assert_eq!((generation, partial), (7, None), "the same query, over all");
    assert_eq!(docs, (0..600).step_by(2).collect::<Vec<_>>());

    searches.submit(Request {
        generation: 8,
        query: "vert".into(),
        rows: 24,
    });
    let (generation, docs, partial) = next_found(&reports);
    assert_eq!((generation, partial), (8, None));
    assert_eq!(docs.len(), 300);
}

#[test]
fn a_first_query_after_the_index_is_the_first_answer_told() {
    let (to_ui, reports) = mpsc::channel();
    let searches = spawn(
        move |_: &Progress| Ok(corpus(40)),
        move |report| to_ui.send(report).is_ok(),
    );
    // The worker primes itself with a query of its own before it says the index is ready:
    // its answer must never reach the UI.
    loop {
        match reports.recv_timeout(Duration::from_secs(30)) {
            Ok(Report::Ready(_)) => break,
            Ok(Report::Found { generation, .. }) => panic!("answer {generation} told unasked"),
            Ok(_) => {}
            Err(e) => panic!("no index: {e}"),
        }
    }
    searches.submit(Request {
        generation: 1,
        query: "vert".into(),
        rows: 24,
    });
    let (generation, docs, partial) = next_found(&reports);
    assert_eq!((generation, partial), (1, None));
    assert_eq!(docs, (1..40).step_by(2).collect::<Vec<_>>());
}

/// The worker given `served` with its index and a check that gives `instead` (or finds
/// nothing to change); what it told the UI up to its answer to a query for "vert" asked
/// once it said the index of `instead` (or of `served`) ready.
fn checked(served: Corpus, instead: Option<Corpus>) -> (Vec<usize>, Vec<usize>) {
    let (to_ui, reports) = mpsc::channel();
    let replaced = instead.is_some();
    let load = move |_: &Progress| {
        let index = Index::build(&served);
        Ok(Loaded {
            corpus: served,
            index: Some(index),
            built: None,
            check: Some(Box::new(move |_: &dyn Fn()| instead.map(Loaded::from)) as Check),
        })
    };
    let searches = spawn(load, move |report| to_ui.send(report).is_ok());
    let mut loaded = Vec::new();
    let mut readies = 0;
    while readies < 1 + usize::from(replaced) {
        match reports.recv_timeout(Duration::from_secs(30)) {
            Ok(Report::Loaded(corpus)) => loaded.push(corpus.docs.len()),
            Ok(Report::Ready(index)) => {
                assert_eq!(
                    Some(&index.doc_count()),
                    loaded.last(),
                    "an index of its corpus"
                );
                readies += 1;
            }
            Ok(_) => {}
            Err(e) => panic!("no index: {e}"),
        }
    }
    // Time for a check that keeps the corpus to say so too.
    thread::sleep(Duration::from_millis(50));
    searches.submit(Request {
        generation: 1,
        query: "vert".into(),
        rows: 24,
    });
    loop {
        match reports.recv_timeout(Duration::from_secs(30)) {
            Ok(Report::Loaded(corpus)) => loaded.push(corpus.docs.len()),
            Ok(Report::Found {
                generation, hits, ..
            }) => {
                assert_eq!(generation, 1);
                let mut docs: Vec<usize> = hits.iter().map(|h| h.doc).collect();
                docs.sort_unstable();
                return (loaded, docs);
            }
            Ok(_) => {}
            Err(e) => panic!("no answer: {e}"),
        }
    }
}

#[test]
fn a_served_corpus_the_check_replaces_gives_way_to_the_new_one_and_its_index() {
    let (loaded, found) = checked(corpus(10), Some(corpus(14)));
    assert_eq!(loaded, [10, 14]);
    assert_eq!(found, [1, 3, 5, 7, 9, 11, 13]);
}

#[test]
fn a_served_corpus_the_check_keeps_stays_without_being_told_again() {
    let (loaded, found) = checked(corpus(10), None);
    assert_eq!(loaded, [10]);
    assert_eq!(found, [1, 3, 5, 7, 9]);
}
