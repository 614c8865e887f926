//! State and behaviour: Model, Action, keymap, wrapped reading lines. No I/O, no terminal.
