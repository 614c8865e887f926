//! The allocator's purge delay through a run: none while loading, the allocator's own once
//! searching starts. A test binary of its own, as the option is the whole process'.

use veille::memory;

#[test]
fn loading_hands_memory_back_at_once_and_searching_keeps_it_a_while() {
    let starting = memory::purge_delay();
    assert!(
        starting > 0,
        "mimalloc delays purges by default ({starting})"
    );
    memory::configure();
    assert_eq!(memory::purge_delay(), 0);
    memory::settle();
    assert_eq!(memory::purge_delay(), starting);
}
