//! How far a load has got, in files: counted by the threads that read them, told to whoever
//! shows it, with the documents read so far when it wants them. Must not read files nor
//! decide how progress is shown.

use super::Document;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Told the documents read, in corpus order, a batch at a time.
pub type Arrived<'a> = dyn Fn(&[&Document]) + Sync + 'a;

/// Counts files read out of those found, and tells `report` (done, total) each time the
/// count moves by a hundredth of the total, so a folder of a million files is not a million
/// messages.
pub struct Progress<'a> {
    report: &'a (dyn Fn(usize, usize) + Sync),
    arrived: Option<&'a Arrived<'a>>,
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Progress<'static> {
    /// Progress nobody watches.
    pub fn silent() -> Progress<'static> {
        Progress::new(&|_, _| {})
    }
}

impl<'a> Progress<'a> {
    pub fn new(report: &'a (dyn Fn(usize, usize) + Sync)) -> Progress<'a> {
        Progress {
            report,
            arrived: None,
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
        }
    }

    /// Progress that is also given the documents read, in corpus order, a batch at a time
    /// (see `batches`), so they can be shown before the load ends. They lack what needs the
    /// whole corpus (keywords).
    pub fn streaming(
        report: &'a (dyn Fn(usize, usize) + Sync),
        arrived: &'a Arrived<'a>,
    ) -> Progress<'a> {
        Progress {
            arrived: Some(arrived),
            ..Progress::new(report)
        }
    }

    /// Whether documents read are wanted before the load ends.
    pub fn streams(&self) -> bool {
        self.arrived.is_some()
    }

    /// The next documents of the corpus, in order, follow those given before.
    pub fn arrived(&self, docs: &[&Document]) {
        if let Some(arrived) = self.arrived {
            arrived(docs);
        }
    }

    /// `total` files are to be read.
    pub fn expect(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(0, Ordering::Relaxed);
        (self.report)(0, total);
    }

    /// One more file was read.
    pub fn advance(&self) {
        let total = self.total.load(Ordering::Relaxed);
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let step = (total / 100).max(1);
        if done % step == 0 || done == total {
            (self.report)(done, total);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[test]
    fn reports_start_each_hundredth_and_the_end() {
        let seen = Mutex::new(Vec::new());
        let record = |done, total| seen.lock().expect("not poisoned").push((done, total));
        let progress = Progress::new(&record);
        progress.expect(250);
        for _ in 0..250 {
            progress.advance();
        }
        let seen = seen.into_inner().expect("not poisoned");
        assert_eq!(seen.first(), Some(&(0, 250)));
        assert_eq!(seen.last(), Some(&(250, 250)));
        assert_eq!(
            seen.len(),
            1 + 125,
            "every second file of 250, plus the start"
        );
        assert!(seen.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
