//! Any sequence of keys at any terminal size leaves the model consistent and draws without
//! panicking: the property behind every hand-written update test.

mod common;

use common::{Harness, fixture_with_meta};
use proptest::prelude::*;

/// Keys a user can press, named as in the keymap, plus text with multi-byte spaces.
const KEYS: &[&str] = &[
    "j",
    "k",
    "g",
    "G",
    "<enter>",
    "<esc>",
    "<tab>",
    "<backtab>",
    "h",
    "l",
    "/",
    "f",
    "n",
    "N",
    "o",
    "O",
    "t",
    "i",
    "?",
    "]",
    "[",
    "<ctrl-d>",
    "<ctrl-u>",
    "<pagedown>",
    "<pageup>",
    "<backspace>",
    "<ctrl-w>",
    "a",
    "m",
    "q",
    " ",
    "\u{a0}",
    "é",
    "\"",
    "-",
    "|",
    ":",
];

fn step() -> impl Strategy<Value = Result<&'static str, (u16, u16)>> {
    prop_oneof![
        8 => proptest::sample::select(KEYS).prop_map(Ok),
        1 => (0u16..200, 0u16..60).prop_map(Err),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_model_stays_consistent(steps in proptest::collection::vec(step(), 1..60)) {
        let mut h = Harness::new(fixture_with_meta(), 80, 24);
        for step in steps {
            match step {
                Ok(keys) => {
                    h.keys(keys);
                }
                Err((w, hgt)) => {
                    h.resize(w, hgt);
                }
            }
            let m = &h.model;
            prop_assert!(m.results.is_empty() || m.selected < m.results.len());
            prop_assert!(m.scroll <= m.max_scroll());
            // The status bar's count is kept, not added up per frame: it must stay the sum.
            prop_assert_eq!(m.match_total, m.results.iter().map(|r| r.matches).sum::<usize>());
            if !m.results.is_empty() {
                // The selection is inside the window the list shows.
                prop_assert!(m.list_offset <= m.selected);
                prop_assert!(m.selected < m.list_offset + m.list_capacity());
            }
            let _ = h.buffer();
        }
    }
}
