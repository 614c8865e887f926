//! What the test process itself holds, for test binaries that measure it. Must not hold
//! anything of the program's.

/// This process' resident memory, in bytes, from `/proc/self/statm` (pages).
pub fn resident() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("statm is readable");
    let pages: usize = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .expect("statm's second field");
    // SAFETY: asks the page size, which has no precondition.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) } as usize;
    pages * page
}
