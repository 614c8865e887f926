//! The README stays true: every key the keymap binds is documented there.

use veille::app::Keymap;

#[test]
fn every_bound_key_is_in_the_readme() {
    let readme = include_str!("../README.md");
    let mut missing = Vec::new();
    for (context, rows) in Keymap::default_keymap().help_rows() {
        for (keys, command) in rows {
            for key in keys {
                let shown = format!("`{key}`");
                if !readme.contains(&shown) {
                    missing.push(format!("{shown} ({}: {})", context.name(), command.name()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "README.md does not mention: {missing:?}"
    );
}
