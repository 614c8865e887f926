//! The veille binary: parse the command line, pick a corpus, run the reader.
fn main() {}
