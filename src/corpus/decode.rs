//! Bytes → clean text: encodings, BOMs, binary detection, then the display sanitiser.
//! Must not parse article structure or touch the file system.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::borrow::Cow;

pub use super::sanitize::{sanitize, sanitize_text};

/// How far into a file NUL bytes are looked for.
pub const BINARY_SNIFF: usize = 8 * 1024;

/// Text decoded from a file's bytes, with the name of the encoding used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub warnings: Vec<String>,
}

/// Decode and sanitise a whole file. Never fails: the worst case is replacement characters
/// and a warning, so a damaged article still shows.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (raw, encoding, mut warnings) = to_unicode(bytes);
    let (text, removed) = super::sanitize::clean(&raw, true);
    if removed.controls > 0 {
        let n = removed.controls;
        warnings.push(format!(
            "removed {n} control sequence{}",
            if n == 1 { "" } else { "s" }
        ));
    }
    if removed.bidi > 0 {
        warnings.push("removed bidi controls".to_string());
    }
    Decoded {
        text,
        encoding,
        warnings,
    }
}

/// Bytes → text without the display sanitiser, for formats (JSON) whose syntax must be read
/// before their strings are sanitised one by one: cleaning first could turn a raw U+2028
/// inside a JSON string into a line break and the record into a syntax error.
pub fn decode_unsanitized(bytes: &[u8]) -> Decoded {
    let (raw, encoding, warnings) = to_unicode(bytes);
    Decoded {
        text: raw.into_owned(),
        encoding,
        warnings,
    }
}

/// NUL bytes near the start mean binary, except for UTF-16, where they are half the ASCII.
pub fn is_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return false;
    }
    bytes[..bytes.len().min(BINARY_SNIFF)].contains(&0)
}

fn to_unicode(bytes: &[u8]) -> (Cow<'_, str>, &'static str, Vec<String>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (text, warnings) = utf8_lossy(rest);
        return (text, "UTF-8", warnings);
    }
    for (bom, enc) in [(b"\xFF\xFE", UTF_16LE), (b"\xFE\xFF", UTF_16BE)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return with_encoding(enc, rest);
        }
    }
    // Every file read goes through this check: `simdutf8`'s is several times std's on
    // accented text.
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return (Cow::Borrowed(s), "UTF-8", Vec::new());
    }
    if looks_single_byte(bytes) {
        return with_encoding(WINDOWS_1252, bytes);
    }
    let (text, warnings) = utf8_lossy(bytes);
    (text, "UTF-8", warnings)
}

fn with_encoding<'a>(
    enc: &'static Encoding,
    bytes: &'a [u8],
) -> (Cow<'a, str>, &'static str, Vec<String>) {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let mut warnings = Vec::new();
    if had_errors {
        warnings.push(format!("invalid {}: some characters replaced", enc.name()));
    }
    (text, enc.name(), warnings)
}

fn utf8_lossy(bytes: &[u8]) -> (Cow<'_, str>, Vec<String>) {
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return (Cow::Borrowed(s), Vec::new());
    }
    let mut out = String::with_capacity(bytes.len() + 16);
    let mut bad = 0usize;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            bad += chunk.invalid().len();
            out.push(char::REPLACEMENT_CHARACTER);
        }
    }
    let warning = format!(
        "invalid UTF-8: {bad} byte{} replaced",
        if bad == 1 { "" } else { "s" }
    );
    (Cow::Owned(out), vec![warning])
}

/// Windows-1252 / Latin-1 text is invalid UTF-8 whose high bytes almost never form valid
/// UTF-8 sequences (`é` is a lone 0xE9). UTF-8 with a few damaged bytes still has many valid
/// sequences; random or binary data has too many high bytes (40% still lets a short
/// `café “q”` through, French prose runs at 2–5%).
fn looks_single_byte(bytes: &[u8]) -> bool {
    let mut valid_multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    invalid > 0 && valid_multibyte * 10 <= invalid && high * 100 <= bytes.len() * 40
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_and_bom() {
        let d = decode("\u{FEFF}café\r\nok".as_bytes());
        assert_eq!((d.text.as_str(), d.encoding), ("café\nok", "UTF-8"));
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("été".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).text, "été");
        assert_eq!(decode(&le).encoding, "UTF-16LE");
        let mut be = vec![0xFE, 0xFF];
        be.extend("été".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(
            (decode(&be).text.as_str(), decode(&be).encoding),
            ("été", "UTF-16BE")
        );
        assert!(!is_binary(&le));
    }

    #[test]
    fn windows_1252_detected() {
        let d = decode(b"caf\xE9 \x93q\x94");
        assert_eq!((d.text.as_str(), d.encoding), ("café “q”", "windows-1252"));
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn damaged_utf8_is_lossy_with_warning() {
        let d = decode(
            "déjà vu é "
                .as_bytes()
                .iter()
                .chain(b"\xFF\xFE!")
                .copied()
                .collect::<Vec<_>>()
                .as_slice(),
        );
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.text, "déjà vu é \u{FFFD}\u{FFFD}!");
        assert_eq!(
            d.warnings,
            vec!["invalid UTF-8: 2 bytes replaced".to_string()]
        );
    }

    #[test]
    fn controls_reported() {
        let d = decode(b"a\x1b[31mb\x1b]0;x\x07c\xE2\x80\xAEd");
        assert_eq!(d.text, "abcd");
        assert_eq!(
            d.warnings,
            vec!["removed 2 control sequences", "removed bidi controls"]
        );
    }

    #[test]
    fn binary_sniff() {
        assert!(is_binary(b"ab\0cd"));
        assert!(!is_binary(b"abcd"));
        let mut late = vec![b'a'; BINARY_SNIFF];
        late.push(0);
        assert!(!is_binary(&late));
    }
}
