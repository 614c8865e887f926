//! Returning to the system the memory that loading and indexing freed. Must be called after
//! such a burst of work only, never per keystroke or per frame: a trim walks every arena.

/// glibc keeps what worker threads free in their arenas for later use, and after loading
/// or indexing nothing will reuse most of it: 10 000 articles stayed at 142 MB resident
/// after loading where 95 MB was live, and the index build started from there.
pub fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` takes no pointer and only gives back pages glibc's allocator
    // holds free; every live allocation stays where it is.
    unsafe {
        libc::malloc_trim(0);
    }
}
