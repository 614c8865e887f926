//! Asking the processor to bring a value's memory into its cache ahead of its use, so that
//! several misses overlap instead of each stalling in turn. Only a hint: must not be needed
//! for anything to be right, and never reads the value.

/// `value`'s first cache line on its way into the cache; nothing where there is no such
/// instruction to give.
#[inline]
pub fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE, which has the instruction, is part of x86-64 itself; a prefetch reads
    // nothing into the program and cannot fault, and the address is a live reference's.
    unsafe {
        use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>(std::ptr::from_ref(value).cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}
