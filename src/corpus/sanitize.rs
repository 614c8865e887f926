//! The one display sanitiser: escape sequences, controls, bidi and invisible characters, tabs,
//! line ends, NFC and runaway combining marks. Must not decode bytes or know about articles.
//!
//! Every string that can reach the screen goes through [`sanitize`] (one line) or
//! [`sanitize_text`] (keeps `\n`); both are the same pass, so they cannot drift apart.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_width::UnicodeWidthChar;

use super::lanes::Lanes;
use super::runs;
use crate::search::tokens::char_at;

/// Tab stops every 4 columns, counted in display cells from the start of the line: articles
/// use tabs for light indentation, and 8 wastes a narrow reading pane.
pub const TAB_WIDTH: usize = 4;

/// Combining marks kept on one base character. Real scripts (Vietnamese, Hebrew points,
/// emoji keycaps) need at most a handful; "zalgo" text with thousands must stay one cell.
pub const MAX_MARKS: usize = 8;

/// Marks kept before NFC, so that NFC's canonical reordering only ever sorts short runs and
/// the whole pass stays linear. 30 is the Unicode stream-safe limit.
const MAX_MARKS_BEFORE_NFC: usize = 30;

/// What a pass took out, so that `decode` can tell the reader something was hidden.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Removed {
    /// Escape sequences (counted whole) and lone control characters.
    pub controls: usize,
    /// Bidi embedding, override, isolate and mark characters.
    pub bidi: usize,
    /// Invisible format characters (zero-width space, soft hyphen, tags…); harmless, not reported.
    pub invisible: usize,
}

/// Sanitise a single-line string (title, path, error message): line ends become spaces.
pub fn sanitize(s: &str) -> String {
    clean(s, false).0
}

/// Sanitise a multi-line body: line ends normalised to `\n`, form feed to a paragraph break.
pub fn sanitize_text(s: &str) -> String {
    clean(s, true).0
}

/// The shared implementation; linear in the input, never panics.
pub fn clean(s: &str, multiline: bool) -> (String, Removed) {
    let mut removed = Removed::default();
    let unchanged = passes_unchanged(s, multiline);
    let stripped = if unchanged {
        s.to_owned()
    } else {
        strip(s, multiline, &mut removed)
    };
    if stripped.is_ascii() {
        return (stripped, removed);
    }
    // Without marks (`passes_unchanged` refuses them) and already NFC: nothing to cap.
    if unchanged && is_nfc(&stripped) {
        return (stripped, removed);
    }
    let (mut text, capped) = cap_marks(nfc(stripped));
    if capped {
        // Dropping marks can, in rare scripts, leave a pair that NFC composes further.
        text = cap_marks(nfc(text)).0;
    }
    (text, removed)
}

/// No combining mark is below U+0300: Latin-1 text needs no table lookup per char.
fn is_mark(c: char) -> bool {
    u32::from(c) >= 0x300 && is_combining_mark(c)
}

fn nfc(s: String) -> String {
    if is_nfc(&s) { s } else { s.nfc().collect() }
}

/// Keep at most `MAX_MARKS` marks per base. Returns the text and whether something was
/// dropped, so the caller knows to renormalise. Text with no long run (nearly all) is
/// returned as it came, not copied char by char.
fn cap_marks(s: String) -> (String, bool) {
    let mut marks = 0usize;
    let too_many = s.chars().any(|c| {
        marks = if is_mark(c) { marks + 1 } else { 0 };
        marks > MAX_MARKS
    });
    if !too_many {
        return (s, false);
    }
    let mut out = String::with_capacity(s.len());
    let mut marks = 0usize;
    for c in s.chars() {
        if is_mark(c) {
            marks += 1;
            if marks > MAX_MARKS {
                continue;
            }
        } else {
            marks = 0;
        }
        out.push(c);
    }
    (out, true)
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Characters with no width and no meaning on a terminal, which ratatui would still send.
/// ZWJ (U+200D) is kept: emoji sequences need it.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Whether [`strip`] would give `s` back as it is: only printable chars (and line feeds in
/// a body), no mark. Nearly every article; one check and one copy instead of a push per char.
/// Runs of printable ASCII are skipped a vector at a time; other chars are looked at alone.
fn passes_unchanged(s: &str, multiline: bool) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    // Whether the byte at `i` is the second of a Latin-1 char whose lead ended the sixteen
    // bytes before (see [`fine_sixteen`]).
    let mut second_at_i = false;
    loop {
        if let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<16>) {
            let (fine, lead_last) = fine_sixteen(chunk, multiline, second_at_i);
            i += fine;
            second_at_i = fine == 16 && lead_last;
            if fine == 16 {
                continue;
            }
        } else if second_at_i {
            second_at_i = false;
            i += 1;
            continue;
        } else {
            i = runs::plain_until(bytes, i, runs::printable_ascii);
        }
        let Some(&b) = bytes.get(i) else {
            return true;
        };
        if b.is_ascii() {
            if !(multiline && b == b'\n') {
                return false;
            }
            i += 1;
            continue;
        }
        // U+00C0 to U+00FF, Latin-1's accented letters (and `×`, `÷`): none is a control,
        // a mark or invisible, and each is two bytes, stepped over without decoding
        // (reading 1 000 generated articles, criterion's `read_articles`, 1.4 % sooner).
        if b == 0xC3 {
            i += 2;
            continue;
        }
        // `i` follows whole chars: only ASCII bytes and whole chars were stepped over.
        let Some(c) = char_at(s, i) else {
            return false;
        };
        if c.is_control()
            || is_bidi(c)
            || is_invisible(c)
            || matches!(c, '\u{2028}' | '\u{2029}')
            || is_mark(c)
        {
            return false;
        }
        i += c.len_utf8();
    }
}

/// How many of `chunk`'s first bytes pass unchanged without a look at their chars:
/// printable ASCII, line feeds in a body, and Latin-1's accented letters (0xC3 and one
/// byte; the second of the first one already passed when `second_first`); and whether the
/// last byte is such a lead, its second in the next sixteen. Sixteen at a time through
/// French text: a test of sixteen printable ASCII bytes stopped at every accent, one in
/// eighteen bytes of the generated corpus, and the bytes up to it were then looked at one
/// by one (that check was a quarter of reading an article).
#[inline]
fn fine_sixteen(chunk: &[u8; 16], multiline: bool, second_first: bool) -> (usize, bool) {
    let lanes = Lanes::load(chunk);
    let lead = lanes.equal(0xC3);
    let mut fine = lanes.within(0x20, 0x7E - 0x20) | lead | (lead << 1) | u16::from(second_first);
    if multiline {
        fine |= lanes.equal(b'\n');
    }
    ((!fine).trailing_zeros() as usize, lead >> 15 == 1)
}

/// `is_nfc_quick(s.chars()) == IsNormalized::Yes`, without a table lookup per char: every
/// char below U+0300 (ASCII, Latin-1, Latin Extended: UTF-8 lead bytes below 0xCC) is
/// normalised and starts no reordering (combining class 0), so a run of them weighs on the
/// check as one such char does, and stands for the run.
fn is_nfc(s: &str) -> bool {
    const BEFORE_MARKS: u8 = 0xCC;
    let bytes = s.as_bytes();
    let mut i = 0;
    let chars = std::iter::from_fn(|| {
        let run_end = runs::plain_until(bytes, i, |b| b < BEFORE_MARKS);
        if run_end > i {
            i = run_end;
            return Some('a');
        }
        let c = char_at(s, i)?;
        i += c.len_utf8();
        Some(c)
    });
    is_nfc_quick(chars) == IsNormalized::Yes
}

fn strip(s: &str, multiline: bool, removed: &mut Removed) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    let mut col = 0usize;
    let mut marks = 0usize;
    // A string sequence cut short by ESC hands that ESC back here instead of recursing.
    let mut pending_esc = false;
    loop {
        let c = if pending_esc {
            pending_esc = false;
            '\x1b'
        } else {
            match it.next() {
                Some(c) => c,
                None => break,
            }
        };
        if c.is_ascii_graphic() || c == ' ' {
            out.push(c);
            col += 1;
            marks = 0;
            continue;
        }
        match c {
            '\x1b' => {
                removed.controls += 1;
                pending_esc = skip_escape(&mut it, multiline);
            }
            '\u{9B}' => {
                removed.controls += 1;
                skip_csi(&mut it);
            }
            '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}' => {
                removed.controls += 1;
                pending_esc = skip_string(&mut it, multiline);
            }
            '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\x0C' => {
                if c == '\r' && it.peek() == Some(&'\n') {
                    it.next();
                }
                if !multiline {
                    out.push(' ');
                    col += 1;
                } else {
                    out.push_str(if c == '\x0C' { "\n\n" } else { "\n" });
                    col = 0;
                }
                marks = 0;
            }
            '\t' => {
                let n = TAB_WIDTH - col % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
                marks = 0;
            }
            c if is_bidi(c) => removed.bidi += 1,
            c if is_invisible(c) => removed.invisible += 1,
            c if c.is_control() => removed.controls += 1,
            c => {
                if is_mark(c) {
                    marks += 1;
                    if marks > MAX_MARKS_BEFORE_NFC {
                        continue;
                    }
                } else {
                    marks = 0;
                }
                out.push(c);
                col += c.width().unwrap_or(0);
            }
        }
    }
    out
}

fn in_range(c: Option<&char>, lo: char, hi: char) -> bool {
    c.is_some_and(|c| (lo..=hi).contains(c))
}

/// After ESC. Returns true when a string sequence was cut short by a new ESC.
fn skip_escape(it: &mut Chars, multiline: bool) -> bool {
    match it.peek() {
        Some('[') => {
            it.next();
            skip_csi(it);
            false
        }
        Some(']' | 'P' | '_' | '^' | 'X') => {
            it.next();
            skip_string(it, multiline)
        }
        c if in_range(c, '\x20', '\x2F') => {
            // nF escapes such as `ESC ( B`: intermediates, then one final byte.
            while in_range(it.peek(), '\x20', '\x2F') {
                it.next();
            }
            if in_range(it.peek(), '\x30', '\x7E') {
                it.next();
            }
            false
        }
        c if in_range(c, '\x30', '\x7E') => {
            it.next();
            false
        }
        // A lone ESC: only the ESC goes, whatever follows is ordinary text.
        _ => false,
    }
}

/// After CSI: parameters and intermediates (0x20–0x3F), then a final byte (0x40–0x7E).
/// Anything else ends the sequence and stays as text, so a stray `ESC [` eats nothing real.
fn skip_csi(it: &mut Chars) {
    while in_range(it.peek(), '\x20', '\x3F') {
        it.next();
    }
    if in_range(it.peek(), '\x40', '\x7E') {
        it.next();
    }
}

/// OSC, DCS, SOS, PM, APC bodies: up to BEL, ST (`ESC \` or U+009C), or CAN/SUB. Unterminated,
/// they run to the end of the field; in multi-line text a line end also ends them, so one stray
/// `ESC ]` cannot swallow the rest of an article. Returns true if a new ESC began.
fn skip_string(it: &mut Chars, multiline: bool) -> bool {
    while let Some(&c) = it.peek() {
        match c {
            '\x07' | '\u{9C}' | '\x18' | '\x1A' => {
                it.next();
                return false;
            }
            '\x1b' => {
                it.next();
                if it.peek() == Some(&'\\') {
                    it.next();
                    return false;
                }
                return true;
            }
            '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\x0C' if multiline => return false,
            _ => {
                it.next();
            }
        }
    }
    false
}

#[cfg(test)]
mod tests;
