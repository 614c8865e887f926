//! How many words a text holds: runs of letters and digits, counted sixteen bytes at a
//! time through ASCII and French accents. Must not cut text into words (words.rs and the
//! index's tokenizer do).

use super::lanes::Lanes;
use super::runs;

/// Words as runs of letters and digits: `l'EI` is two, `26.000` two, `Val-de-Marne` three.
pub fn count_words(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut n = 0;
    let mut inside = false;
    let mut i = 0;
    // Whether the byte at `i` is the second of a Latin-1 char (0xC3 and one byte) whose
    // lead ended the sixteen bytes before.
    let mut second_at_i = false;
    // Sixteen bytes at once while they hold only ASCII and Latin-1's chars (a word starts
    // where a letter or digit follows anything else); then eight ASCII bytes at once, or
    // one char; decoding every char was most of this count. A Latin-1 char may straddle
    // two sixteens, so that the next sixteen starts sixteen bytes on whatever they hold.
    while let Some(&b) = bytes.get(i) {
        if let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<16>) {
            let after = bytes.get(i + 16).copied();
            let (len, word) = latin_words(chunk, second_at_i, after);
            if len > 0 {
                n += ones(word & !((word << 1) | u16::from(inside)));
                inside = (word >> (len - 1)) & 1 == 1;
                // Short of sixteen, a char other than ASCII's or Latin-1's follows, looked
                // at alone on the next turn.
                second_at_i = len == 16 && chunk[15] == 0xC3;
                i += len;
                continue;
            }
        }
        if second_at_i {
            // Its lead was counted, and a Latin-1 char's two bytes are both a letter or
            // neither: nothing changes.
            second_at_i = false;
            i += 1;
            continue;
        }
        if let Some(v) = runs::eight(bytes, i)
            && b.is_ascii()
        {
            let ascii = (v & runs::HIGH).trailing_zeros() as usize / 8;
            let word = runs::ascii_alphanumerics(v) & runs::first_bytes(ascii);
            let before = (word << 8) | u64::from(inside) << 7;
            n += (word & !before).count_ones() as usize;
            inside = (word >> (8 * ascii - 1)) & 1 == 1;
            i += ascii;
            continue;
        }
        let w = match b {
            0..0x80 => {
                i += 1;
                b.is_ascii_alphanumeric()
            }
            0xC3 => {
                let second = bytes.get(i + 1).copied();
                i += 2;
                !matches!(second, Some(0x97 | 0xB7))
            }
            _ => {
                // `i` follows whole chars: only ASCII bytes and whole chars were stepped over.
                let Some(c) = crate::search::tokens::char_at(s, i) else {
                    break;
                };
                i += c.len_utf8();
                super::words::is_alnum(c)
            }
        };
        if w && !inside {
            n += 1;
        }
        inside = w;
    }
    n
}

/// Set bits per byte value: x86-64 without `popcnt` (not in its baseline) counts a word's
/// bits in a dozen instructions, two lookups here.
const ONES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).count_ones() as u8;
        b += 1;
    }
    t
};

fn ones(v: u16) -> usize {
    let [lo, hi] = v.to_le_bytes();
    usize::from(ONES[usize::from(lo)]) + usize::from(ONES[usize::from(hi)])
}

/// How many of `chunk`'s bytes are ASCII or Latin-1's two-byte chars (0xC3 and one byte,
/// the second of the first one already counted when `second_first`, the second of the
/// last one `after`), and of those the bytes of letters and digits, a bit per byte (`×`
/// and `÷` are neither).
#[inline]
fn latin_words(chunk: &[u8; 16], second_first: bool, after: Option<u8>) -> (usize, u16) {
    let lanes = Lanes::load(chunk);
    let lead = lanes.equal(0xC3);
    // Text is UTF-8: the byte after a 0xC3 is its second, past ASCII too.
    let second = (lead << 1) | u16::from(second_first);
    let other = lanes.high() & !lead & !second;
    let len = other.trailing_zeros() as usize;
    let whole = if len >= 16 { u16::MAX } else { (1 << len) - 1 };
    // The second bytes of `×` and `÷`; the last one's is `after`.
    let signs = lanes.equal(0x97) | lanes.equal(0xB7);
    let after_is_sign = u16::from(matches!(after, Some(0x97 | 0xB7)));
    let sign_next = (signs >> 1) | (after_is_sign << 15);
    let latin_letter = (lead & !sign_next) | (second & !signs);
    (len, (lanes.ascii_alphanumeric() | latin_letter) & whole)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words() {
        assert_eq!(count_words("l'EI a 26.000 comptes — Val-de-Marne"), 9);
        assert_eq!(count_words("  "), 0);
        assert_eq!(count_words("3×4÷2 çà Ωμ"), 5);
    }

    /// Runs of letters and digits, char by char: what [`count_words`] must count.
    fn runs(text: &str) -> usize {
        text.split(|c: char| !crate::corpus::words::is_alnum(c))
            .filter(|w| !w.is_empty())
            .count()
    }

    #[test]
    fn words_counted_whatever_the_sixteen_bytes_a_char_falls_in() {
        // Each char at every offset, so that some straddle two sixteens: `×` and `÷` (0xC3
        // then 0x97 or 0xB7) are no letters, `é` is one, and `’`, `Ω`, `œ` are read alone.
        for pad in 0..40 {
            for tail in ["×", "÷", "é", "a×b", "é÷", "ç ", "’", "Ωμ", "œ", "2×3"] {
                let text = format!("{}{tail}z {tail}", "x".repeat(pad));
                assert_eq!(count_words(&text), runs(&text), "{text:?}");
                let spaced = format!("{} {tail}{tail}", "y ".repeat(pad / 2));
                assert_eq!(count_words(&spaced), runs(&spaced), "{spaced:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn words_counted_as_runs_of_letters_and_digits(text in "[a-zA-Z0-9 '.,«»’×÷À-ÿŒœΩμ\u{301}一\u{1F600}-]{0,120}") {
            prop_assert_eq!(count_words(&text), runs(&text));
        }
    }
}
