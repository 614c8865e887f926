//! The search worker: builds the index, runs queries off the UI thread, cancels the one in
//! flight when a newer one arrives, and answers only the newest. Must not touch the terminal
//! or the model.

use crate::corpus::Corpus;
use crate::search::{self, Hit, Index};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

pub struct Request {
    pub generation: u64,
    pub query: String,
}

/// What the worker tells the UI.
pub enum Report {
    /// The corpus is read and parsed; the list can show it.
    Loaded(Arc<Corpus>),
    /// Nothing could be read: the reader has nothing to show.
    LoadFailed(String),
    /// Index build progress, in documents.
    Indexing {
        done: usize,
        total: usize,
    },
    /// The index is built; the UI uses it to mark matches in the open article.
    Ready(Arc<Index>),
    Found {
        generation: u64,
        hits: Vec<Hit>,
    },
}

/// The UI side of the worker.
pub struct Searches {
    requests: Sender<Request>,
    /// Set when a newer query is waiting, so the running one gives up early.
    stale: Arc<AtomicBool>,
}

impl Searches {
    pub fn submit(&self, request: Request) {
        self.stale.store(true, Ordering::SeqCst);
        // A closed channel means the worker is gone; the list simply stops changing.
        let _ = self.requests.send(request);
    }
}

/// Start the worker: it loads the corpus, builds the index, then answers queries, telling
/// the UI at each step; `answer` returns false when nobody listens any more. Queries sent
/// before the index is ready wait in the channel.
pub fn spawn(
    load: impl FnOnce() -> Result<Corpus, String> + Send + 'static,
    answer: impl Fn(Report) -> bool + Send + 'static,
) -> Searches {
    let (requests, rx) = mpsc::channel::<Request>();
    let stale = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stale);
    let spawned = thread::Builder::new()
        .name("veille-search".into())
        .spawn(move || {
            let corpus = match load() {
                Ok(corpus) => Arc::new(corpus),
                Err(message) => {
                    answer(Report::LoadFailed(message));
                    return;
                }
            };
            if answer(Report::Loaded(Arc::clone(&corpus))) {
                serve(&corpus, &rx, &flag, answer);
            }
        });
    if spawned.is_err() {
        // Without a thread no query can run; the reader still works unfiltered.
        return Searches {
            requests: mpsc::channel().0,
            stale,
        };
    }
    Searches { requests, stale }
}

fn serve(
    corpus: &Corpus,
    rx: &Receiver<Request>,
    stale: &AtomicBool,
    answer: impl Fn(Report) -> bool,
) {
    // Progress is reported per percent, not per document: a message per file would flood
    // the UI's channel on a large corpus.
    let mut last_percent = None;
    let never = AtomicBool::new(false);
    let built = Index::build_with(corpus, &never, &mut |done, total| {
        let percent = done * 100 / total.max(1);
        if last_percent != Some(percent) {
            last_percent = Some(percent);
            answer(Report::Indexing { done, total });
        }
    });
    let Some(index) = built.map(Arc::new) else {
        return;
    };
    if !answer(Report::Ready(Arc::clone(&index))) {
        return;
    }
    while let Ok(mut request) = rx.recv() {
        // A burst of keystrokes: only the last query is worth running.
        while let Ok(newer) = rx.try_recv() {
            request = newer;
        }
        stale.store(false, Ordering::SeqCst);
        let Some(hits) = search::run_with_cancel(&index, corpus, &request.query, stale) else {
            continue;
        };
        let generation = request.generation;
        if !answer(Report::Found { generation, hits }) {
            return;
        }
    }
}
