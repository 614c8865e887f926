//! Which allocator the program uses, how it hands memory back, and giving back to the
//! system what loading and indexing freed. `release_freed` must be called after such a
//! burst of work only, never per keystroke or per frame: it walks every heap.

use libmimalloc_sys::{mi_option_get, mi_option_set, mi_option_t};
use std::sync::atomic::{AtomicI64, Ordering};

/// mimalloc rather than the system's: loading and decoding make millions of small strings
/// on several threads, and glibc grew each worker thread's arena a page at a time, one
/// `mprotect` call each. A second run at 100 000 articles (median of 8): 1.46 s with
/// glibc, 0.68 s with mimalloc and the cached documents decoded on both cores.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mimalloc.h` (v2 and v3 alike); the crate does not
/// name it. The mimalloc crate builds v3, whose default delay is 1000 ms.
const PURGE_DELAY: mi_option_t = 15;

/// The purge delay the allocator started with, given back by [`settle`].
static STARTING_DELAY: AtomicI64 = AtomicI64::new(1000);

/// Hand freed memory back at once rather than a second later while loading and indexing:
/// they free as much as they keep, and with the delay a first run at 100 000 articles
/// peaked 15 % higher (2.0 GB instead of 1.75). Call first thing.
pub fn configure() {
    STARTING_DELAY.store(purge_delay(), Ordering::Relaxed);
    // A delay the user set (MIMALLOC_PURGE_DELAY) is theirs to keep.
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
        return;
    }
    // SAFETY: sets one of mimalloc's options, a plain integer it reads when it purges.
    unsafe {
        mi_option_set(PURGE_DELAY, 0);
    }
}

/// Once searching starts: each keystroke frees and takes again megabytes of buffers, and
/// handing them back at once had every query fault its pages in anew (one replay of
/// keystrokes at 100 000 articles: p50 6.2 ms, 4.8 with the delay). Back to the starting
/// delay.
#[allow(clippy::useless_conversion)]
pub fn settle() {
    let delay = STARTING_DELAY.load(Ordering::Relaxed);
    // SAFETY: as in `configure`.
    unsafe {
        mi_option_set(PURGE_DELAY, delay.try_into().unwrap_or(1000));
    }
}

/// After loading or indexing nothing will reuse most of what was freed: 10 000 articles
/// stayed at 142 MB resident after loading where 95 MB was live, and the index build
/// started from there.
pub fn release_freed() {
    // SAFETY: `mi_collect` takes no pointer and only gives back pages the allocator holds
    // free; every live allocation stays where it is.
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
}

/// The allocator's purge delay now, in milliseconds.
// `c_long` is i64 here but i32 on Windows, where the conversion is not useless.
#[allow(clippy::useless_conversion)]
pub fn purge_delay() -> i64 {
    // SAFETY: reads one of mimalloc's options.
    unsafe { i64::from(mi_option_get(PURGE_DELAY)) }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_is_the_option_named_so() {
        // mimalloc v3's default purge delay, unless the environment sets one; tests that
        // run the search worker set it back to the same (`settle`), and none configures it.
        let expected = std::env::var("MIMALLOC_PURGE_DELAY")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1000);
        assert_eq!(super::purge_delay(), expected);
    }
}
