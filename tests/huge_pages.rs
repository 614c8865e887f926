//! Once the allocator is configured, fresh memory becomes resident a small page at a time: a
//! byte written in a new block does not make two megabytes resident (a transparent huge
//! page, zeroed by the kernel before the write goes on). A test binary of its own, as it
//! measures the whole process' resident memory. On a system that never grants huge pages it
//! holds either way.

#![cfg(target_os = "linux")]

mod process;

use process::resident;
use veille::memory;

#[test]
fn a_byte_written_in_fresh_memory_makes_a_small_page_resident() {
    const MB: usize = 1 << 20;
    memory::configure();
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_some() {
        // The user chose for the allocator: configure leaves it.
        return;
    }
    let mut block: Vec<u8> = Vec::with_capacity(256 * MB);
    let before = resident();
    let spare = block.spare_capacity_mut();
    // 32 bytes 8 MB apart: 32 huge pages would be 64 MB, 32 small ones 128 KB.
    for at in (0..256 * MB).step_by(8 * MB) {
        spare[at].write(1);
    }
    std::hint::black_box(&mut block);
    let after = resident();
    let grown = after.saturating_sub(before);
    assert!(grown < 8 * MB, "resident {before} -> {after} bytes");
}
