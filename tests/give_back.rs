//! A buffer read from its end gives its memory back without moving: what the process holds
//! drops, what the buffer holds stays. A test binary of its own, as it measures the whole
//! process' resident memory.

#![cfg(target_os = "linux")]

mod process;

use process::resident;
use veille::memory::give_back_spare;

#[test]
fn pages_past_the_length_go_back_and_the_bytes_before_stay() {
    const MB: usize = 1 << 20;
    let mut buffer: Vec<u8> = (0..64 * MB).map(|i| (i % 251) as u8).collect();
    let before = resident();
    let start = buffer.as_ptr();
    buffer.truncate(4 * MB + 123);
    let mut given_back_from = usize::MAX;
    give_back_spare(&mut buffer, &mut given_back_from);
    let after = resident();
    assert!(
        before - after.min(before) >= 56 * MB,
        "resident {before} -> {after} bytes"
    );
    assert_eq!(buffer.as_ptr(), start, "not moved");
    assert!((4 * MB + 123..4 * MB + 123 + 64 * 1024).contains(&given_back_from));
    assert!(
        buffer
            .iter()
            .enumerate()
            .all(|(i, &b)| b == (i % 251) as u8)
    );

    // Written again past its length, the room given back holds what is written.
    buffer.extend((0..8 * MB).map(|i| (i % 13) as u8));
    assert_eq!(buffer.as_ptr(), start, "within its capacity");
    let tail = &buffer[4 * MB + 123..];
    assert!(tail.iter().enumerate().all(|(i, &b)| b == (i % 13) as u8));

    // Read down again: only what lies past the new length and below the last give-back.
    buffer.truncate(MB);
    give_back_spare(&mut buffer, &mut given_back_from);
    assert!((MB..MB + 64 * 1024).contains(&given_back_from));
    assert!(
        buffer
            .iter()
            .enumerate()
            .all(|(i, &b)| b == (i % 251) as u8)
    );
}
