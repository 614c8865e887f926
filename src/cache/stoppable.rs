//! A file whose writes fail once a stop is asked for, for an entry being written that the
//! user will not wait for, and that counts the bytes it takes for one who waits. Must not
//! know what is written.

use super::Watch;
use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::sync::atomic::Ordering;

/// A file whose writes fail once `watch`'s stop is set: an entry of gigabytes takes seconds
/// to write, and a user who will not wait for it stops it. A megabyte at most goes to the
/// file per write, so that the index's arrays (a gigabyte of positions at a million
/// articles, handed over whole) are stopped within one too, and counted as they go.
/// What is counted is the file's growth: a header written again in place is not.
pub(super) struct Stoppable<'a> {
    file: File,
    watch: &'a Watch,
    /// Where the next write goes, and the file's end so far.
    at: u64,
    end: u64,
}

impl<'a> Stoppable<'a> {
    pub(super) fn new(file: File, watch: &'a Watch) -> Stoppable<'a> {
        Stoppable {
            file,
            watch,
            at: 0,
            end: 0,
        }
    }
}

/// What [`Stoppable`] writes at most at a time.
const STOP_EVERY: usize = 1 << 20;

impl Write for Stoppable<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.watch.stop.load(Ordering::Relaxed) {
            return Err(std::io::Error::other("stopped"));
        }
        let n = self.file.write(&bytes[..bytes.len().min(STOP_EVERY)])?;
        self.at += n as u64;
        if self.at > self.end {
            let grown = self.at - self.end;
            self.watch.written.fetch_add(grown, Ordering::Relaxed);
            self.end = self.at;
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl Seek for Stoppable<'_> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.at = self.file.seek(to)?;
        Ok(self.at)
    }
}
