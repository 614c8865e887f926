//! The search worker: builds the index, runs queries off the UI thread, cancels the one in
//! flight when a newer one arrives, and answers only the newest; while the corpus loads, it
//! answers over the first articles read (`early`). Must not touch the terminal or the model.

use super::early::Early;
use crate::app::model::Checking;
use crate::app::snippets::{FIRST_ROWS, first_screen};
use crate::corpus::cards::PutAside;
use crate::corpus::progress::Progress;
use crate::corpus::{Corpus, Document};
use crate::search::{self, Hit, Index, Ranked};
use checking::{Done, Event, next_event, spawn_cards, spawn_check};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;

/// How long freed memory is kept while a first run makes its cards (see `serve`): a burst
/// of keystrokes reuses its buffers, the cards' garbage does not pile up.
const PURGE_MS: i64 = 100;

pub struct Request {
    pub generation: u64,
    pub query: String,
    /// Entries of the list on one screen, whose details the answer brings.
    pub rows: usize,
}

/// What the worker tells the UI.
pub enum Report {
    /// Files read so far, of those found: sent as loading goes, a hundredth at a time.
    Reading { done: usize, total: usize },
    /// The next documents of the corpus, in order, while loading goes on: the list shows
    /// them before `Loaded` brings the whole corpus (with keywords).
    Arrived(Vec<Document>),
    /// The corpus is read and parsed; the list can show it.
    Loaded(Arc<Corpus>),
    /// Nothing could be read: the reader has nothing to show.
    LoadFailed(String),
    /// Index build progress, in documents.
    Indexing { done: usize, total: usize },
    /// The index is built; the UI uses it to mark matches in the open article.
    Ready(Arc<Index>),
    /// Where the look at the files behind a corpus served from the cache is, or the making
    /// of cards put off; `None` once over (a corpus to take its place comes first, with
    /// `Loaded` and `Ready`, or with `Carded`).
    Checking(Option<Checking>),
    /// The corpus served, its cards and keywords made (see `corpus::cards`): the same
    /// documents, in the same order, with the same texts.
    Carded(Arc<Corpus>),
    Found {
        generation: u64,
        /// Ranked; the first screen's with their snippets.
        hits: Vec<Hit>,
        /// Makes the other hits' snippets when the list scrolls to them.
        snippets: Arc<Ranked>,
        /// `Some(n)`: only the first `n` articles were searched, the index of the whole
        /// corpus being still to come; the whole answer follows with the same generation.
        partial: Option<usize>,
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

/// What to do with a corpus and the index the worker built for it.
pub type Keep = Box<dyn FnOnce(Arc<Corpus>, Arc<Index>) + Send>;

/// What to keep should the user leave now: a corpus, and its index once there is one.
pub type IfLeft = Box<dyn Fn(Arc<Corpus>, Option<Arc<Index>>) + Send>;

/// What loading gives the worker: a corpus, and maybe its index already (from the cache).
pub struct Loaded {
    pub corpus: Corpus,
    /// Used as is instead of building one.
    pub index: Option<Index>,
    /// Called once the worker has built the index and told the UI (when `index` was given,
    /// only if the corpus waits for its cards), after the cards put off are made: to keep
    /// them, e.g. write the cache. It runs on the worker thread, before queries are
    /// answered, so it should hand slow work to a thread of its own.
    pub built: Option<Keep>,
    /// Called while the cards are still to be made, when `built` will be called after
    /// them: what to keep should the user leave before then. Once before the index is
    /// built (without it), and once it is ready: a first run at 100 000 articles indexes
    /// for 5 s after its files are read, and makes its cards for 13-14 s after that.
    pub if_left: Option<IfLeft>,
    /// Whether what was given still holds, asked on a thread of its own once it is served
    /// (a corpus taken from the cache before its files were looked at): `Some` is what to
    /// serve in its place.
    pub check: Option<Check>,
    /// Where the cards the load put off are kept once made (see `corpus::cards`).
    pub aside: Option<PutAside>,
}

/// See [`Loaded::check`]; it calls the function it is given between steps of its own, which
/// waits while a query runs, and tells the progress of reading changed files again.
pub type Check = Box<dyn FnOnce(&dyn Fn(), &Progress) -> Option<Loaded> + Send>;

/// How the worker tells the UI, from its own thread or the check's.
type Answer = Arc<dyn Fn(Report) -> bool + Send + Sync>;

impl From<Corpus> for Loaded {
    fn from(corpus: Corpus) -> Loaded {
        Loaded {
            corpus,
            index: None,
            built: None,
            if_left: None,
            check: None,
            aside: None,
        }
    }
}

/// Start the worker: it loads the corpus, builds the index (unless loading gave one), then
/// answers queries, telling the UI at each step; `answer` returns false when nobody listens
/// any more. Queries sent before the index is ready are answered over the first articles
/// read, as loading goes on, then again once the index is whole.
pub fn spawn<L: Into<Loaded>>(
    load: impl FnOnce(&Progress) -> Result<L, String> + Send + 'static,
    answer: impl Fn(Report) -> bool + Send + Sync + 'static,
) -> Searches {
    let (requests, rx) = mpsc::channel::<Request>();
    let stale = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stale);
    let spawned = thread::Builder::new()
        .name("veille-search".into())
        .spawn(move || {
            // Shared with the thread that checks a corpus served from the cache.
            let answer: Answer = Arc::new(answer);
            let files = AtomicUsize::new(0);
            let reading = |done, total| {
                files.store(total, Ordering::Relaxed);
                answer(Report::Reading { done, total });
            };
            // Called between batches, on this thread; a mutex because `Progress` wants a
            // closure it could share.
            let early = Mutex::new(Early::new(rx));
            // The list shows copies of the documents read so far; their texts are shared,
            // not copied (`Document::blocks`). Keywords come with the whole corpus: those a
            // cached file carries are its last run's.
            let arrived = |docs: &[&Document]| {
                let copy = |d: &Document| {
                    let mut d = d.clone();
                    d.meta.keywords = Vec::new();
                    d
                };
                let docs: Vec<Document> = docs.iter().map(|&d| copy(d)).collect();
                let mut early = early.lock().unwrap_or_else(PoisonError::into_inner);
                early.read(&docs, files.load(Ordering::Relaxed));
                answer(Report::Arrived(docs));
                early.answer(&flag, &|r| answer(r));
            };
            let loaded = match load(&Progress::streaming(&reading, &arrived)) {
                Ok(loaded) => loaded.into(),
                Err(message) => {
                    answer(Report::LoadFailed(message));
                    return;
                }
            };
            let Loaded {
                corpus,
                index,
                built,
                if_left,
                check,
                aside,
            } = loaded;
            let corpus = Arc::new(corpus);
            if answer(Report::Loaded(Arc::clone(&corpus))) {
                let early = early.into_inner().unwrap_or_else(PoisonError::into_inner);
                let behind = Behind {
                    keep: built,
                    if_left,
                    check,
                    aside,
                };
                serve(corpus, index, behind, early, &flag, answer);
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

/// What the worker does behind the searches once the index is ready (see [`Loaded`]).
struct Behind {
    keep: Option<Keep>,
    if_left: Option<IfLeft>,
    check: Option<Check>,
    aside: Option<PutAside>,
}

fn serve(
    mut corpus: Arc<Corpus>,
    given: Option<Index>,
    behind: Behind,
    mut early: Early,
    stale: &AtomicBool,
    answer: Answer,
) {
    let Behind {
        keep,
        if_left,
        mut check,
        aside,
    } = behind;
    let was_given = given.is_some();
    let cards_pending = crate::corpus::cards::pending(&corpus);
    // A given index with cards to make came from an entry written before they were made:
    // it is written again with them.
    let mut keep = keep.filter(|_| !was_given || cards_pending);
    let if_left = if_left.filter(|_| cards_pending && keep.is_some());
    if let Some(if_left) = if_left.as_ref().filter(|_| !was_given) {
        if_left(Arc::clone(&corpus), None);
    }
    let built = || build(&corpus, &mut early, stale, &|r| answer(r));
    let Some(mut index) = given.or_else(built).map(Arc::new) else {
        return;
    };
    // A first run makes its cards next, behind the searches, and what they free is handed
    // back a moment later; the searches settle once the cards are made (see
    // `spawn_cards`). Settled before the cards, their garbage stayed: a first run at
    // 10 000 articles peaked at 87-98 MB instead of 81-84 MB. Handed back at once, the
    // keys typed meanwhile at 100 000 articles took 9-12 ms at the median instead of 7-8.
    if cards_pending {
        crate::memory::purge_after(PURGE_MS);
    } else {
        crate::memory::settle();
    }
    // The query asked for while loading gets its whole answer first.
    let (rx, mut pending) = early.finish();
    pending = pending.or_else(|| rx.try_recv().ok());
    if pending.is_none() {
        // Before the index is said ready, so that a query typed at once finds it done.
        stale.store(false, Ordering::SeqCst);
        warm_up(&index, &corpus, stale);
    }
    // Told first: no screen shows the index ready and the cards made when they are not.
    let cards = Checking::Cards {
        done: 0,
        total: crate::corpus::cards::paced_steps(&corpus),
    };
    if cards_pending && !answer(Report::Checking(Some(cards))) {
        return;
    }
    if !answer(Report::Ready(Arc::clone(&index))) {
        return;
    }
    if let Some(if_left) = if_left {
        if_left(Arc::clone(&corpus), Some(Arc::clone(&index)));
    }
    // Started only now: until the index is ready it would take a core from it.
    let answering = Arc::new(AtomicBool::new(false));
    let start_check = |check: Option<Check>| {
        let check = check?;
        let told = Arc::clone(&answer);
        let handle = spawn_check(check, Arc::clone(&answering), told)?;
        answer(Report::Checking(Some(Checking::Files))).then_some(handle)
    };
    // Cards put off while reading are made behind the searches; the check (never with
    // them: a trusted start's corpus has its cards) waits for them, and so does the
    // entry's writing: stored cards are trusted as made.
    let mut checking = if cards_pending {
        let cards = spawn_cards(
            Arc::clone(&corpus),
            Arc::clone(&index),
            aside,
            Arc::clone(&answering),
            Arc::clone(&answer),
        );
        if cards.is_none() {
            crate::memory::settle();
            if !answer(Report::Checking(None)) {
                return;
            }
        }
        cards
    } else {
        if let Some(keep) = keep.take() {
            keep(Arc::clone(&corpus), Arc::clone(&index));
        }
        start_check(check.take())
    };
    loop {
        let mut request = match pending.take() {
            Some(request) => request,
            None => match next_event(&rx, &mut checking) {
                Event::Request(request) => request,
                Event::Closed => return,
                Event::Done(Some(Done::Carded(carded))) => {
                    // Kept before the UI is told: a front end done once the cards are made
                    // (`veille bench`) waits for the writing it is handed, and exited
                    // before it was handed one when told first.
                    if let Some(keep) = keep.take() {
                        keep(Arc::clone(&carded), Arc::clone(&index));
                    }
                    let told = answer(Report::Carded(Arc::clone(&carded)))
                        && answer(Report::Checking(None));
                    if !told {
                        return;
                    }
                    drop_once_alone(std::mem::replace(&mut corpus, carded));
                    checking = start_check(check.take());
                    continue;
                }
                Event::Done(None | Some(Done::Checked(None))) => {
                    if !answer(Report::Checking(None)) {
                        return;
                    }
                    continue;
                }
                Event::Done(Some(Done::Checked(Some(instead)))) => {
                    // The UI asks again for its query once it has the new corpus.
                    let told = answer(Report::Loaded(Arc::clone(&instead.corpus)))
                        && answer(Report::Ready(Arc::clone(&instead.index)))
                        && answer(Report::Checking(None));
                    if !told {
                        return;
                    }
                    if let Some(keep) = instead.keep {
                        keep(Arc::clone(&instead.corpus), Arc::clone(&instead.index));
                    }
                    (corpus, index) = (instead.corpus, instead.index);
                    continue;
                }
            },
        };
        // A burst of keystrokes: only the last query is worth running.
        while let Ok(newer) = rx.try_recv() {
            request = newer;
        }
        stale.store(false, Ordering::SeqCst);
        answering.store(true, Ordering::SeqCst);
        let report = found(&index, &corpus, &request, stale, None);
        let told = report.is_none_or(&*answer);
        answering.store(false, Ordering::SeqCst);
        if !told {
            return;
        }
    }
}

/// Drop `corpus` on a thread of its own once the UI has let it go too: freed by the UI
/// thread as it swaps it out, a hundred thousand documents would cost a frame; kept until
/// the next query, they were 30 MB at 100 000 articles beside the cache entry's writing.
fn drop_once_alone(corpus: Arc<Corpus>) {
    let wait = move || {
        for _ in 0..500 {
            if Arc::strong_count(&corpus) == 1 {
                break;
            }
            thread::sleep(std::time::Duration::from_millis(10));
        }
        drop(corpus);
    };
    // Without a thread it is dropped here, on the worker's: no worse than before.
    let _ = thread::Builder::new()
        .name("veille-drop".into())
        .spawn(wait);
}

/// The answer to `request`, or `None` when a newer query made it stale.
pub(super) fn found(
    index: &Index,
    corpus: &Corpus,
    request: &Request,
    stale: &AtomicBool,
    partial: Option<usize>,
) -> Option<Report> {
    let ranked = search::rank(index, corpus, &request.query, stale)?;
    // Reading articles for snippets was most of a keystroke's cost: only the first
    // screen's are read here, the list asks for the others as they are scrolled to.
    let (hits, snippets) = first_screen(ranked, corpus, request.rows, stale)?;
    Some(Report::Found {
        generation: request.generation,
        hits,
        snippets,
        partial,
    })
}

/// One query nobody asked for, its answer dropped, so that the first one typed does not
/// pay for what a first query meets alone: the length norms (and the related articles'
/// feature counts) to make, and pages for its buffers (a keystroke's worth of megabytes,
/// handed back to the system after indexing).
/// The first keystroke at 100 000 articles took 27-39 ms, the next ones a third of that.
/// A query arriving meanwhile makes it stale, and it stops.
fn warm_up(index: &Index, corpus: &Corpus, stale: &AtomicBool) {
    index.norms();
    // Related articles count their telling features at the first use: here, not on the
    // UI thread when the first card is shown.
    index.related(0, 1);
    let most_held = (0..index.vocabulary().len())
        .filter_map(|t| u32::try_from(t).ok())
        .max_by_key(|&t| index.postings(t).len());
    if let Some(term) = most_held {
        let request = Request {
            generation: 0,
            query: index.term(term).to_string(),
            rows: FIRST_ROWS,
        };
        drop(found(index, corpus, &request, stale, None));
    }
}

/// The whole index; queries asked for meanwhile are answered over the first articles.
fn build(
    corpus: &Corpus,
    early: &mut Early,
    stale: &AtomicBool,
    answer: &impl Fn(Report) -> bool,
) -> Option<Index> {
    // Progress is reported per percent, not per document: a message per file would flood
    // the UI's channel on a large corpus.
    let mut last_percent = None;
    let never = AtomicBool::new(false);
    Index::build_with(corpus, &never, &mut |done, total| {
        let percent = done * 100 / total.max(1);
        if last_percent != Some(percent) {
            last_percent = Some(percent);
            answer(Report::Indexing { done, total });
        }
        early.answer(stale, answer);
    })
}

mod checking;
#[cfg(test)]
mod tests;
