//! The allocator's purge delay through a run: none while loading, the allocator's own once
//! searching starts, and a delay the user set left alone throughout. A test binary of its
//! own, as the option is the whole process'.

use veille::memory;

#[test]
fn loading_hands_memory_back_at_once_and_searching_keeps_it_a_while() {
    let starting = memory::purge_delay();
    let set_by_user = std::env::var_os("MIMALLOC_PURGE_DELAY").is_some();
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
    assert_eq!(memory::purge_delay(), starting);
}
