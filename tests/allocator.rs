//! The allocator's purge delay through a run: none while loading, never once searching
//! starts, and a delay the user set left alone throughout. A test binary of its own, as the
//! option is the whole process'.

use veille::memory;

#[test]
fn loading_hands_memory_back_at_once_and_searching_keeps_it() {
    let starting = memory::purge_delay();
    let set_by_user = std::env::var_os("MIMALLOC_PURGE_DELAY").is_some();
    // The option read is the purge delay: mimalloc v3's default for it, or the user's.
    let expected: i64 = std::env::var("MIMALLOC_PURGE_DELAY")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    assert_eq!(starting, expected);
    memory::configure();
    if set_by_user {
        assert_eq!(memory::purge_delay(), starting);
    } else {
        assert!(
            starting > 0,
            "mimalloc delays purges by default ({starting})"
        );
        assert_eq!(memory::purge_delay(), 0);
    }
    memory::settle();
    let searching = if set_by_user { starting } else { -1 };
    assert_eq!(memory::purge_delay(), searching);
}
