//! The line that tells a user waiting on leaving how much of the cache entry is written,
//! rewritten in place on a terminal. Must not write the entry (loader.rs does).

use std::cell::Cell;
use std::io::{IsTerminal, Write};

/// Shown on standard error while the entry is written; on anything but a terminal nothing
/// is, so that a log gets the line saying the index is kept and not one per tick.
pub struct WrittenLine {
    on_terminal: bool,
    shown: Cell<bool>,
}

impl WrittenLine {
    pub fn on_stderr() -> WrittenLine {
        WrittenLine {
            on_terminal: std::io::stderr().is_terminal(),
            shown: Cell::new(false),
        }
    }

    /// `bytes` written so far, in place of the figure shown before.
    pub fn show(&self, bytes: u64) {
        if self.on_terminal {
            let mut err = std::io::stderr().lock();
            // A closed or full stderr loses a figure, not the entry.
            let _ = write!(err, "\r\x1b[Kveille: {} written", size(bytes));
            let _ = err.flush();
            self.shown.set(true);
        }
    }

    /// The line ended, when one was shown: what follows starts on a line of its own.
    pub fn end(&self) {
        if self.shown.get() {
            eprintln!();
        }
    }
}

/// `bytes` as a person reads a file's size: megabytes, or gigabytes past a thousand of them.
fn size(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    if mb < 999.5 {
        format!("{mb:.0} MB")
    } else {
        format!("{:.2} GB", mb / 1000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_megabytes_then_gigabytes() {
        assert_eq!(size(0), "0 MB");
        assert_eq!(size(412_400_000), "412 MB");
        assert_eq!(size(855_472_191), "855 MB");
        assert_eq!(size(999_499_999), "999 MB");
        assert_eq!(size(999_600_000), "1.00 GB");
        assert_eq!(size(8_270_000_000), "8.27 GB");
    }
}
