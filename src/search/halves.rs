//! Two halves of one query's work at once: one on the calling thread, the other on a helper
//! thread kept for the whole run. Must not know what the halves compute.

use std::sync::OnceLock;

/// The helper: one thread of its own, not the global pool's, which loads and indexes (a
/// query must not wait behind that work). `None` when the system gave no thread.
fn helper() -> Option<&'static rayon::ThreadPool> {
    static HELPER: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();
    HELPER
        .get_or_init(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .thread_name(|_| "veille-half".into())
                .build()
                .ok()
        })
        .as_ref()
}

/// `first()` here and `second()` on the helper, at once; both here, one after the other,
/// without a helper. A thread started per query instead (as before) cost its start and
/// fresh memory for its buffers at every keystroke that split its work.
pub fn both<A, B: Send>(first: impl FnOnce() -> A, second: impl FnOnce() -> B + Send) -> (A, B) {
    let Some(pool) = helper() else {
        let a = first();
        return (a, second());
    };
    let mut b = None;
    let a = pool.in_place_scope(|scope| {
        scope.spawn(|_| b = Some(second()));
        first()
    });
    // The scope returns once its job is done (or passes on its panic): `b` is set.
    match b {
        Some(b) => (a, b),
        None => unreachable!("a scope returns after its jobs"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_halves_run_and_come_back_in_order() {
        let data: Vec<u64> = (1..=1000).collect();
        let (lo, hi) = data.split_at(500);
        let (a, b) = both(|| lo.iter().sum::<u64>(), || hi.iter().sum::<u64>());
        assert_eq!((a, b), (125_250, 375_250));
        // Again: the helper is kept, and borrowed data may be written by either half.
        let mut out = vec![0u64; 4];
        let (x, y) = out.split_at_mut(2);
        both(|| x.fill(1), || y.fill(2));
        assert_eq!(out, [1, 1, 2, 2]);
    }
}
