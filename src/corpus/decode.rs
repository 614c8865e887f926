//! Bytes → clean text: encodings, BOMs, binary detection, display sanitising, tabs, line ends.
//! Must not parse article structure.

/// Text decoded from a file's bytes, with the name of the encoding used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub warnings: Vec<String>,
}

/// Decode and sanitise a whole file.
pub fn decode(bytes: &[u8]) -> Decoded {
    let _ = bytes;
    todo!("corpus helper")
}

/// The one sanitiser for any string that can reach the screen.
pub fn sanitize(s: &str) -> String {
    let _ = s;
    todo!("corpus helper")
}
