//! Which allocator the program uses, how it hands memory back, and giving back to the
//! system what loading and indexing freed. `release_freed` must be called after such a
//! burst of work only, never per keystroke or per frame: it walks every heap.

use libmimalloc_sys::{mi_option_get, mi_option_set, mi_option_t};

/// mimalloc rather than the system's: loading and decoding make millions of small strings
/// on several threads, and glibc grew each worker thread's arena a page at a time, one
/// `mprotect` call each. A second run at 100 000 articles (median of 8): 1.46 s with
/// glibc, 0.68 s with mimalloc and the cached documents decoded on both cores.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mimalloc.h` (v2 and v3 alike); the crate does not
/// name it. The mimalloc crate builds v3, whose default delay is 1000 ms.
const PURGE_DELAY: mi_option_t = 15;

/// `mi_option_allow_thp` in mimalloc v3's `mimalloc.h`; the crate does not name it either.
const ALLOW_THP: mi_option_t = 43;

/// Whether the user set the delay (MIMALLOC_PURGE_DELAY): theirs to keep throughout.
fn set_by_user() -> bool {
    std::env::var_os("MIMALLOC_PURGE_DELAY").is_some()
}

/// Hand freed memory back at once rather than a second later while loading and indexing:
/// they free as much as they keep, and with the delay a first run at 100 000 articles
/// peaked 15 % higher (2.0 GB instead of 1.75). And no transparent huge pages (see
/// [`no_huge_pages`]). Call first thing.
pub fn configure() {
    if !set_by_user() {
        set_purge_delay(0);
    }
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        no_huge_pages();
    }
}

/// Fresh memory faulted in a 4 KB page at a time, not 2 MB. mimalloc asks the kernel for
/// transparent huge pages, and where the system grants them on request (the common
/// `madvise` setting) the first byte a query wrote in a new block had the kernel find and
/// zero two megabytes, compacting memory to find them when it was fragmented: that was
/// three quarters of the time of a second run's first `"p` at 100 000 articles (67 ms),
/// and the keystrokes of a replay there reached p99 25-50 ms in four runs of five, 15-20 ms
/// without. Half-used huge pages also held memory: a first run peaked at 701-869 MB with
/// them and 657-671 MB without at 100 000 articles, 127-138 MB and 106-112 MB at 10 000.
/// The option alone would leave the blocks mimalloc took before `main`; the process-wide
/// switch covers them (children, of which there are none, would inherit it).
fn no_huge_pages() {
    // SAFETY: sets one of mimalloc's options, an integer it reads when it maps memory.
    unsafe {
        mi_option_set(ALLOW_THP, 0);
    }
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integers only and changes no memory of ours; it fails
    // harmlessly (and is ignored) on a kernel without it.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Once searching starts, never hand freed memory back: each keystroke frees and takes
/// again megabytes of buffers, and handing them back had the next query fault its pages in
/// anew. At once, a replay of keystrokes at 100 000 articles went from p50 4.8 to 6.2 ms;
/// after a second (mimalloc's default), a keystroke typed after a pause of 1.5 s took
/// twice as long (`r` 12.9 ms, `"parquet f` 25.7 ms) as with glibc's malloc (8.4, 16.9)
/// or with no purge (9.1, 18.1). What a query needs stays about the same from one to the
/// next, so what is kept is reused.
pub fn settle() {
    if !set_by_user() {
        set_purge_delay(-1);
    }
}

/// Instead of [`settle`] while work behind the searches frees what nothing will reuse (a
/// first run's cards): freed memory is handed back after `ms` milliseconds. The work ends
/// with [`release_freed_once`], which settles.
pub fn purge_after(ms: i64) {
    if !set_by_user() {
        set_purge_delay(ms);
    }
}

// `c_long` is i64 here but i32 on Windows, where the conversion is not useless.
#[allow(clippy::useless_conversion)]
fn set_purge_delay(delay: i64) {
    // SAFETY: sets one of mimalloc's options, a plain integer it reads when it purges.
    unsafe {
        mi_option_set(PURGE_DELAY, delay.try_into().unwrap_or(-1));
    }
}

/// After loading or indexing nothing will reuse most of what was freed: 10 000 articles
/// stayed at 142 MB resident after loading where 95 MB was live, and the index build
/// started from there. Before [`settle`] only: after it, nothing is handed back.
pub fn release_freed() {
    // SAFETY: `mi_collect` takes no pointer and only gives back pages the allocator holds
    // free; every live allocation stays where it is.
    unsafe {
        libmimalloc_sys::mi_collect(true);
    }
}

/// [`release_freed`] at the end of a burst of work behind the searches that nothing will
/// reuse (a first run's cards: at 100 000 articles, 60 MB kept beside the index
/// otherwise), then [`settle`]: what is freed from then on is kept.
pub fn release_freed_once() {
    if !set_by_user() {
        set_purge_delay(0);
        release_freed();
        set_purge_delay(-1);
    }
}

/// The whole pages of `buffer`'s spare room (past its length) that lie below
/// `given_back_from` (a byte offset in it; `usize::MAX` at first) handed back to the system
/// without moving what the buffer holds; `given_back_from` moves down to where they start.
/// For a buffer that only shrinks, read from its end: `shrink_to_fit` had mimalloc move a
/// block once it was half empty, copying what was left into a new block while the old one
/// was still held (a first run's index layout did so on two threads at once, and peaked at
/// 1.6 × the corpus at 100 000 articles in four runs of nineteen, 1.3 × in the others).
/// Elsewhere than on Linux, the buffer is shrunk as before.
pub fn give_back_spare(buffer: &mut Vec<u8>, given_back_from: &mut usize) {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: asks the page size, which has no precondition.
        let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(0);
        if page == 0 {
            return;
        }
        let base = buffer.as_mut_ptr() as usize;
        let first = (base + buffer.len()).next_multiple_of(page);
        let last = (base + (*given_back_from).min(buffer.capacity())) / page * page;
        if first < last {
            // SAFETY: `first..last` lies in the buffer's allocation past its length: no value
            // lives there, the vector never reads it before writing it, and no other
            // allocation shares those whole pages. The allocation is private anonymous
            // memory (mimalloc's), which MADV_DONTNEED leaves mapped, reading as zeros.
            let done = unsafe {
                libc::madvise(
                    first as *mut libc::c_void,
                    last - first,
                    libc::MADV_DONTNEED,
                )
            };
            if done == 0 {
                *given_back_from = first - base;
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = given_back_from;
        buffer.shrink_to_fit();
    }
}

/// The allocator's purge delay now, in milliseconds.
// `c_long` is i64 here but i32 on Windows, where the conversion is not useless.
#[allow(clippy::useless_conversion)]
pub fn purge_delay() -> i64 {
    // SAFETY: reads one of mimalloc's options.
    unsafe { i64::from(mi_option_get(PURGE_DELAY)) }
}
