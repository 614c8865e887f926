//! A file whose writes fail once a stop is asked for, for an entry being written that the
//! user will not wait for. Must not know what is written.

use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// A file whose writes fail once `stop` is set: an entry of gigabytes takes seconds to
/// write, and a user who will not wait for it stops it. A megabyte at most goes to the file
/// per write, so that the index's arrays (a gigabyte of positions at a million articles,
/// handed over whole) are stopped within one too.
pub(super) struct Stoppable<'a> {
    file: File,
    stop: &'a AtomicBool,
}

impl<'a> Stoppable<'a> {
    pub(super) fn new(file: File, stop: &'a AtomicBool) -> Stoppable<'a> {
        Stoppable { file, stop }
    }
}

/// What [`Stoppable`] writes at most at a time.
const STOP_EVERY: usize = 1 << 20;

impl Write for Stoppable<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.stop.load(Ordering::Relaxed) {
            return Err(std::io::Error::other("stopped"));
        }
        self.file.write(&bytes[..bytes.len().min(STOP_EVERY)])
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl Seek for Stoppable<'_> {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        self.file.seek(to)
    }
}
