//! The search worker: owns the index, runs queries off the UI thread, and answers only the
//! newest one. Must not touch the terminal or the model.

use crate::corpus::Corpus;
use crate::search::{self, Hit, Index};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

pub struct Request {
    pub generation: u64,
    pub query: String,
}

pub struct Answer {
    pub generation: u64,
    pub hits: Vec<Hit>,
}

/// Start the worker; it builds the index first, then serves requests until `requests` closes.
pub fn spawn(
    corpus: Arc<Corpus>,
    answer: impl Fn(Answer) -> bool + Send + 'static,
) -> Sender<Request> {
    let (tx, rx) = mpsc::channel::<Request>();
    thread::Builder::new()
        .name("veille-search".into())
        .spawn(move || serve(&corpus, &rx, answer))
        .map_or_else(|_| mpsc::channel().0, |_| tx)
}

fn serve(corpus: &Corpus, rx: &Receiver<Request>, answer: impl Fn(Answer) -> bool) {
    let index = Index::build(corpus);
    while let Ok(mut request) = rx.recv() {
        // A burst of keystrokes: only the last query is worth running.
        while let Ok(newer) = rx.try_recv() {
            request = newer;
        }
        let hits = search::run(&index, corpus, &request.query);
        if !answer(Answer {
            generation: request.generation,
            hits,
        }) {
            return;
        }
    }
}
