//! Work behind the searches, on a thread of its own: a trusted start's check (see
//! [`Loaded::check`]) and what takes the place of the corpus served, or the cards a first
//! run put off (see `corpus::cards`); and the worker's wait for either a request or that
//! work's end. Must not answer queries nor tell the UI anything: the worker does.

use super::{Answer, Check, Keep, Loaded, Report, Request};
use crate::app::model::Checking;
use crate::corpus::Corpus;
use crate::corpus::cards::{PutAside, make_cards, paced_steps};
use crate::corpus::progress::Progress;
use crate::search::Index;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
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

/// What work behind the searches gave.
pub(super) enum Done {
    /// The check is over; `Some` is what takes the place of the corpus served.
    Checked(Option<Replacement>),
    /// The corpus served, its cards and keywords made; its index is related (see
    /// `Index::relate`).
    Carded(Arc<Corpus>),
}

/// Run `check` on a thread of its own, its steps waiting while the worker is `answering`;
/// what it gives in place of the corpus comes with its index, built there while the worker
/// goes on answering over the old one.
pub(super) fn spawn_check(
    check: Check,
    answering: Arc<AtomicBool>,
    answer: Answer,
) -> Option<JoinHandle<Done>> {
    let run = move || {
        yield_to_the_rest();
        // At 100 000 files, keys typed during the check (its walk and its reading of the
        // texts both) took up to twice as long; between a query's answer and the next
        // key, a few milliseconds more leave the UI its frame.
        let pace = || give_way(&answering);
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
    let run = move || Done::Checked(run());
    // Without a thread the corpus given stays: it is what the cache held.
    thread::Builder::new()
        .name("veille-check".into())
        .spawn(run)
        .ok()
}

/// Wait while the worker is `answering`, and a few milliseconds more: between a query's
/// answer and the next key, they leave the UI its frame.
fn give_way(answering: &AtomicBool) {
    if answering.load(Ordering::SeqCst) {
        while answering.load(Ordering::SeqCst) {
            thread::sleep(Duration::from_millis(1));
        }
        thread::sleep(Duration::from_millis(4));
    }
}

/// Make the cards of `corpus` (see `corpus::cards`) on threads of their own, the last to
/// get a core, each giving way before each document while the worker is `answering`: the
/// corpus is searchable already, and a keystroke's answer comes first (at 100 000
/// articles, keys typed while the cards were made at the lowest priority alone took
/// 7.2 ms at the median instead of 4.2, and up to 6.2 ms to echo: the two cores here are
/// likely one core's two threads, which no priority shares). Each card made goes `aside`
/// when there is somewhere to put it. Its copy with the cards relates `index`.
/// Its progress goes to `answer`, a percent at a time.
pub(super) fn spawn_cards(
    corpus: Arc<Corpus>,
    index: Arc<Index>,
    aside: Option<PutAside>,
    answering: Arc<AtomicBool>,
    answer: Answer,
) -> Option<JoinHandle<Done>> {
    let run = move || {
        yield_to_the_rest();
        // Its own pool, of threads as unwilling as this one: the global pool's would take a
        // core from the worker's queries.
        let pool = rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("veille-cards-{i}"))
            .start_handler(|_| yield_to_the_rest())
            .build();
        let total = paced_steps(&corpus);
        let (done, told) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let pace = || {
            give_way(&answering);
            let done = done.fetch_add(1, Ordering::Relaxed) + 1;
            let percent = done * 100 / total.max(1);
            if told.fetch_max(percent, Ordering::Relaxed) < percent {
                answer(Report::Checking(Some(Checking::Cards { done, total })));
            }
        };
        let work = || {
            let made = make_cards(&corpus, &pace, aside.as_deref());
            // Copied only once its cards are made: copied before, the copy was held all
            // the while beside the one the searches use (3 MB at 10 000 articles, at the
            // start of the cards, where a first run's memory peaks).
            let mut carded = Corpus::clone(&corpus);
            if let Some(made) = made {
                made.put_in(&mut carded);
            }
            // On this pool too: the related articles' features are folded in parallel.
            index.relate(&carded);
            // Related articles count their telling features at the first use: here, not
            // on the UI thread when the first card is shown.
            index.related(0, 1);
            carded
        };
        let carded = match pool {
            Ok(pool) => pool.install(work),
            Err(_) => work(),
        };
        drop(corpus);
        crate::memory::release_freed_once();
        Done::Carded(Arc::new(carded))
    };
    thread::Builder::new()
        .name("veille-cards".into())
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
    /// The work behind the searches is over; `None` when it failed.
    Done(Option<Done>),
    Closed,
}

/// How often a check under way is looked at between requests: std's channels cannot wait
/// for a thread too, and the check lasts about a second at 100 000 files.
const CHECK_POLL: Duration = Duration::from_millis(10);

/// The next request, or the end of the work under way behind the searches; after it, the
/// wait for requests goes on without polling.
pub(super) fn next_event(rx: &Receiver<Request>, checking: &mut Option<JoinHandle<Done>>) -> Event {
    loop {
        let Some(handle) = checking else {
            return rx.recv().map_or(Event::Closed, Event::Request);
        };
        if handle.is_finished() {
            let done = checking.take().and_then(|h| h.join().ok());
            return Event::Done(done);
        }
        match rx.recv_timeout(CHECK_POLL) {
            Ok(request) => return Event::Request(request),
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return Event::Closed,
        }
    }
}
