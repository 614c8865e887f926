//! How far a load has got, in files: counted by the threads that read them, told to whoever
//! shows it. Must not read files nor decide how progress is shown.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts files read out of those found, and tells `report` (done, total) each time the
/// count moves by a hundredth of the total, so a folder of a million files is not a million
/// messages.
pub struct Progress<'a> {
    report: &'a (dyn Fn(usize, usize) + Sync),
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
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
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
