//! The only code that touches the terminal: setup/restore, signals, the event loop, drawing.
