//! The worker on its own thread, with a load that streams: what it tells the UI, in order.

use super::*;
use crate::app::model::Checking;
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

/// The worker given `served` with its index and a check that gives `instead` (reading two
/// files again first) or finds nothing to change: what it told the UI of corpora, indexes
/// and the check, in order, until the check was over, and its answer to a query for "vert"
/// asked then.
fn checked(served: Corpus, instead: Option<Corpus>) -> (Vec<String>, Vec<usize>) {
    let (to_ui, reports) = mpsc::channel();
    let load = move |_: &Progress| {
        let index = Index::build(&served);
        let check = move |_: &dyn Fn(), progress: &Progress| {
            let instead = instead?;
            progress.expect(2);
            progress.advance();
            progress.advance();
            Some(Loaded::from(instead))
        };
        Ok(Loaded {
            corpus: served,
            index: Some(index),
            built: None,
            if_left: None,
            check: Some(Box::new(check) as Check),
            aside: None,
        })
    };
    let searches = spawn(load, move |report| to_ui.send(report).is_ok());
    let mut told = Vec::new();
    while told.last().is_none_or(|last| last != "checked") {
        match reports.recv_timeout(Duration::from_secs(30)) {
            Ok(Report::Loaded(corpus)) => told.push(format!("loaded {}", corpus.docs.len())),
            Ok(Report::Ready(index)) => told.push(format!("ready {}", index.doc_count())),
            Ok(Report::Checking(Some(Checking::Files))) => told.push("checking".into()),
            Ok(Report::Checking(Some(Checking::Rereading { done, total }))) => {
                told.push(format!("reading {done}/{total}"));
            }
            Ok(Report::Checking(None)) => told.push("checked".into()),
            Ok(_) => {}
            Err(e) => panic!("the check never ended: {e}"),
        }
    }
    told.dedup();
    searches.submit(Request {
        generation: 1,
        query: "vert".into(),
        rows: 24,
    });
    loop {
        match reports.recv_timeout(Duration::from_secs(30)) {
            Ok(Report::Loaded(_) | Report::Ready(_)) => panic!("told again after the check"),
            Ok(Report::Found {
                generation, hits, ..
            }) => {
                assert_eq!(generation, 1);
                let mut docs: Vec<usize> = hits.iter().map(|h| h.doc).collect();
                docs.sort_unstable();
                return (told, docs);
            }
            Ok(_) => {}
            Err(e) => panic!("no answer: {e}"),
        }
    }
}

#[test]
fn a_served_corpus_the_check_replaces_gives_way_to_the_new_one_and_its_index() {
    let (told, found) = checked(corpus(10), Some(corpus(14)));
    let told: Vec<&str> = told.iter().map(String::as_str).collect();
    assert_eq!(told[..3], ["loaded 10", "ready 10", "checking"]);
    assert_eq!(told.last(), Some(&"checked"));
    let after_reading = told.iter().rposition(|t| t.starts_with("reading"));
    assert_eq!(
        told.get(after_reading.map_or(0, |i| i + 1)..told.len() - 1),
        Some(&["loaded 14", "ready 14"][..])
    );
    assert!(told.contains(&"reading 2/2"), "{told:?}");
    assert_eq!(found, [1, 3, 5, 7, 9, 11, 13]);
}

#[test]
fn a_served_corpus_the_check_keeps_stays_without_being_told_again() {
    let (told, found) = checked(corpus(10), None);
    assert_eq!(told, ["loaded 10", "ready 10", "checking", "checked"]);
    assert_eq!(found, [1, 3, 5, 7, 9]);
}

#[test]
fn a_check_waits_while_a_query_is_answered() {
    let answering = Arc::new(AtomicBool::new(true));
    let passed = Arc::new(AtomicBool::new(false));
    let seen = Arc::clone(&passed);
    let check = move |pace: &dyn Fn(), _: &Progress| {
        pace();
        seen.store(true, Ordering::SeqCst);
        None
    };
    let told: Answer = Arc::new(|_| true);
    let handle = checking::spawn_check(Box::new(check), Arc::clone(&answering), told)
        .expect("a thread for the check");
    thread::sleep(Duration::from_millis(100));
    assert!(
        !passed.load(Ordering::SeqCst),
        "went on while a query was answered"
    );
    answering.store(false, Ordering::SeqCst);
    let replaced = handle.join().expect("the check ends");
    assert!(passed.load(Ordering::SeqCst));
    assert!(matches!(replaced, checking::Done::Checked(None)));
}

#[test]
fn cards_put_off_come_after_the_index_and_before_the_entry_is_kept() {
    use crate::corpus::cards::Cards;
    use crate::corpus::formats::FieldMap;
    use crate::corpus::source::load_paths_reporting;
    use std::path::PathBuf;
    let paths = [PathBuf::from("seeds")];
    let (kept_tx, kept) = mpsc::channel();
    let load = move |p: &Progress| -> Result<Loaded, String> {
        let corpus = load_paths_reporting(&paths, &FieldMap::default(), p, Cards::Later)?;
        let keep = move |corpus: Arc<Corpus>, index: Arc<Index>| {
            let _ = kept_tx.send((corpus, index));
        };
        Ok(Loaded {
            corpus,
            index: None,
            built: Some(Box::new(keep) as Keep),
            if_left: None,
            check: None,
            aside: None,
        })
    };
    let (to_ui, reports) = mpsc::channel();
    let _searches = spawn(load, move |report| to_ui.send(report).is_ok());
    let mut told = Vec::new();
    let carded = loop {
        match reports.recv_timeout(Duration::from_secs(30)) {
            Ok(Report::Loaded(corpus)) => {
                assert!(corpus.docs.iter().all(|d| d.card_pending));
                told.push("loaded");
            }
            Ok(Report::Ready(_)) => told.push("ready"),
            Ok(Report::Checking(Some(Checking::Cards { done, total }))) => {
                assert!(
                    done <= total && total == 10,
                    "{done}/{total} for 5 articles"
                );
                told.push("cards");
            }
            Ok(Report::Carded(corpus)) => {
                break corpus;
            }
            Ok(_) => {}
            Err(e) => panic!("no cards: {e}"),
        }
    };
    told.dedup();
    assert_eq!(told[..3], ["loaded", "cards", "ready"]);
    assert!(told[3..].iter().all(|t| *t == "cards"), "{told:?}");
    assert!(carded.docs.iter().all(|d| !d.card_pending));
    assert!(carded.docs.iter().all(|d| !d.meta.keywords.is_empty()));
    // Kept once, with its cards: stored cards are trusted as made. Kept before the UI is
    // told, so a front end that stops once told has the writing to wait for.
    let (kept_corpus, index) = kept.try_recv().expect("kept before the cards were told");
    assert!(Arc::ptr_eq(&kept_corpus, &carded));
    assert!(kept.recv_timeout(Duration::from_millis(200)).is_err());
    assert!(
        (0..carded.docs.len()).any(|d| !index.related(d, 5).is_empty()),
        "the index is related once the cards are made"
    );
}

/// The seeds loaded with their cards made `cards`, served with their index as a cache entry
/// serves them (or without it, `given`: then the worker builds it): what the worker tells
/// the UI, the corpora it notes to keep should the user leave before the cards are made
/// (and whether with an index), and those it keeps.
fn served(cards: crate::corpus::cards::Cards, given: bool) -> Served {
    use crate::corpus::formats::FieldMap;
    use crate::corpus::source::load_paths_reporting;
    use std::path::PathBuf;
    let paths = [PathBuf::from("seeds")];
    let (left_tx, left) = mpsc::channel();
    let (kept_tx, kept) = mpsc::channel();
    let load = move |p: &Progress| -> Result<Loaded, String> {
        let corpus = load_paths_reporting(&paths, &FieldMap::default(), p, cards)?;
        let index = given.then(|| Index::build(&corpus));
        let keep = move |corpus: Arc<Corpus>, _: Arc<Index>| drop(kept_tx.send(corpus));
        let if_left = move |corpus: Arc<Corpus>, index: Option<Arc<Index>>| {
            drop(left_tx.send((corpus, index.is_some())));
        };
        Ok(Loaded {
            corpus,
            index,
            built: Some(Box::new(keep) as Keep),
            if_left: Some(Box::new(if_left) as IfLeft),
            check: None,
            aside: None,
        })
    };
    let (to_ui, reports) = mpsc::channel();
    let searches = spawn(load, move |report| to_ui.send(report).is_ok());
    Served {
        searches,
        reports,
        left,
        kept,
    }
}

struct Served {
    searches: Searches,
    reports: Receiver<Report>,
    left: Receiver<(Arc<Corpus>, bool)>,
    kept: Receiver<Arc<Corpus>>,
}

impl Served {
    /// Reports up to the corpus with its cards.
    fn carded(&self) -> Arc<Corpus> {
        loop {
            match self.reports.recv_timeout(Duration::from_secs(30)) {
                Ok(Report::Carded(corpus)) => break corpus,
                Ok(_) => {}
                Err(e) => panic!("no cards: {e}"),
            }
        }
    }
}

#[test]
fn a_given_index_whose_cards_are_still_to_be_made_is_kept_again_once_they_are() {
    let served = served(crate::corpus::cards::Cards::Later, true);
    let carded = served.carded();
    let (waiting, indexed) = served
        .left
        .try_recv()
        .expect("noted before the cards were made");
    assert!(waiting.docs.iter().all(|d| d.card_pending));
    assert!(indexed, "with the index given");
    assert!(served.left.try_recv().is_err(), "noted once");
    let kept = served.kept.try_recv().expect("kept once they were");
    assert!(Arc::ptr_eq(&kept, &carded));
    assert!(kept.docs.iter().all(|d| !d.meta.keywords.is_empty()));
}

#[test]
fn a_given_index_with_its_cards_is_neither_kept_nor_noted() {
    let served = served(crate::corpus::cards::Cards::Now, true);
    served.searches.submit(Request {
        generation: 1,
        query: "europol".into(),
        rows: 24,
    });
    // What the worker keeps, it keeps before it answers.
    let (generation, docs, _) = next_found(&served.reports);
    assert_eq!(generation, 1);
    assert!(!docs.is_empty());
    assert!(served.left.try_recv().is_err());
    assert!(served.kept.try_recv().is_err());
}

#[test]
fn a_corpus_waiting_for_its_index_and_cards_is_noted_without_then_with_the_index() {
    let served = served(crate::corpus::cards::Cards::Later, false);
    let carded = served.carded();
    let noted: Vec<(Arc<Corpus>, bool)> = served.left.try_iter().collect();
    let indexed: Vec<bool> = noted.iter().map(|(_, indexed)| *indexed).collect();
    assert_eq!(indexed, [false, true], "before the index, then with it");
    assert!(
        noted
            .iter()
            .all(|(c, _)| c.docs.iter().all(|d| d.card_pending))
    );
    let kept = served
        .kept
        .try_recv()
        .expect("kept once the cards were made");
    assert!(Arc::ptr_eq(&kept, &carded));
}
