//! A trusted start's check (see [`Loaded::check`]) on a thread of its own, the worker's
//! wait for either a request or what the check found, and what takes the place of the
//! corpus served. Must not answer queries nor tell the UI anything: the worker does.

use super::{Answer, Check, Keep, Loaded, Report, Request};
use crate::app::model::Checking;
use crate::corpus::Corpus;
use crate::corpus::progress::Progress;
use crate::search::Index;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// A corpus and its index to serve in place of those given, and what to do with them once
/// told (see [`Loaded::built`]) when the index was built for them.
pub(super) struct Replacement {
    pub corpus: Arc<Corpus>,
    pub index: Arc<Index>,
    pub keep: Option<Keep>,
}

/// Run `check` on a thread of its own, its steps waiting while the worker is `answering`;
/// what it gives in place of the corpus comes with its index, built there while the worker
/// goes on answering over the old one.
pub(super) fn spawn_check(
    check: Check,
    answering: Arc<AtomicBool>,
    answer: Answer,
) -> Option<JoinHandle<Option<Replacement>>> {
    let run = move || {
        yield_to_the_rest();
        // At 100 000 files, keys typed during the check (its walk and its reading of the
        // texts both) took up to twice as long; between a query's answer and the next
        // key, a few milliseconds more leave the UI its frame.
        let pace = || {
            if answering.load(Ordering::SeqCst) {
                while answering.load(Ordering::SeqCst) {
                    thread::sleep(Duration::from_millis(1));
                }
                thread::sleep(Duration::from_millis(4));
            }
        };
        let rereading = |done, total| {
            answer(Report::Checking(Some(Checking::Rereading { done, total })));
        };
        let Loaded {
            corpus,
            index,
            built,
            ..
        } = check(&pace, &Progress::new(&rereading))?;
        let keep = built.filter(|_| index.is_none());
        let index = index.unwrap_or_else(|| Index::build(&corpus));
        Some(Replacement {
            corpus: Arc::new(corpus),
            index: Arc::new(index),
            keep,
        })
    };
    // Without a thread the corpus given stays: it is what the cache held.
    thread::Builder::new()
        .name("veille-check".into())
        .spawn(run)
        .ok()
}

/// Make the calling thread the last to get a core: a check runs while the user types and
/// nothing waits for it (at 100 000 files, keys typed during it took twice as long).
fn yield_to_the_rest() {
    // Linux only: there a thread's nice value is its own; elsewhere it is the process'.
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority reads no memory of ours; PRIO_PROCESS with 0 is this thread.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 19);
    }
}

pub(super) enum Event {
    Request(Request),
    /// The check is over; `Some` is what takes the place of the corpus served.
    Checked(Option<Replacement>),
    Closed,
}

/// How often a check under way is looked at between requests: std's channels cannot wait
/// for a thread too, and the check lasts about a second at 100 000 files.
const CHECK_POLL: Duration = Duration::from_millis(10);

/// The next request, or the end of the check under way; after it, the wait for requests
/// goes on without polling.
pub(super) fn next_event(
    rx: &Receiver<Request>,
    checking: &mut Option<JoinHandle<Option<Replacement>>>,
) -> Event {
    loop {
        let Some(handle) = checking else {
            return rx.recv().map_or(Event::Closed, Event::Request);
        };
        if handle.is_finished() {
            let found = checking.take().and_then(|h| h.join().ok()).flatten();
            return Event::Checked(found);
        }
        match rx.recv_timeout(CHECK_POLL) {
            Ok(request) => return Event::Request(request),
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return Event::Closed,
        }
    }
}
