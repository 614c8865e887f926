//! The one normalisation shared by index and queries (case, diacritics, ligatures, quotes).
//! Must not know about documents, tokens or queries.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Folded text plus, for each folded char, the index of the original char it came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Folded {
    pub text: String,
    /// `origin[i]` is the char index (not byte index) in the original string of folded char `i`;
    /// non-decreasing, so a folded span maps back to an original span for highlighting.
    pub origin: Vec<usize>,
}

/// Folds `s` for matching: lowercase, no diacritics, ligatures spelt out, typographic
/// apostrophes and quotes made plain, no-break spaces made ordinary spaces.
pub fn fold(s: &str) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(s.len()),
        origin: Vec::with_capacity(s.len()),
    };
    for (i, c) in s.chars().enumerate() {
        fold_char(c, &mut |f| {
            out.text.push(f);
            out.origin.push(i);
        });
    }
    out
}

/// [`fold`] into reusable buffers, as chars: the tokenizer indexes chars, and a corpus
/// folded one block at a time should not allocate per block.
pub fn fold_into(s: &str, chars: &mut Vec<char>, origin: &mut Vec<usize>) {
    // Runs of ASCII, most of a French text, are copied a run at a time: char by char, each
    // push checking for room, this was the largest part of scanning articles for snippets.
    chars.reserve(s.len());
    origin.reserve(s.len());
    let mut i = 0;
    let mut rest = s;
    while !rest.is_empty() {
        let run = crate::corpus::runs::plain_until(rest.as_bytes(), 0, |b| b.is_ascii());
        let (ascii, tail) = rest.split_at(run);
        chars.extend(ascii.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        origin.extend(i..i + run);
        i += run;
        let mut tail_chars = tail.chars();
        if let Some(c) = tail_chars.next() {
            fold_char(c, &mut |f| {
                chars.push(f);
                origin.push(i);
            });
            i += 1;
        }
        rest = tail_chars.as_str();
    }
}

/// `fold(s).text`, for callers that do not need to map positions back.
pub fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut |f| out.push(f));
    }
    out
}

/// [`fold_str`] appended to a reused byte buffer: for indexing, which needs neither chars
/// nor origins and folds every text of a corpus. ASCII is lowercased sixteen bytes at a
/// time (eight in a text's last fifteen) and the accented letters of French (two bytes
/// behind 0xC3) folded by a table, all of it appended as bytes, where pushing chars and
/// splitting the text into runs of ASCII around each accent was a tenth of an index build.
/// What it appends is UTF-8: ASCII, the table's ASCII, or whole chars.
pub fn fold_bytes_into(s: &str, out: &mut Vec<u8>) {
    use crate::corpus::lanes::Lanes;
    use crate::corpus::runs::{HIGH, ascii_letters, eight};
    let bytes = s.as_bytes();
    out.reserve(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Sixteen bytes at once where there are sixteen: eight at once went through an
        // accent-free stretch of French (seventeen bytes on average) in three steps, and
        // the fold was a ninth of the index's runs (callgrind, 10k: 496 M instructions;
        // 339 M since).
        if let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<16>)
            && b.is_ascii()
        {
            let lanes = Lanes::load(chunk);
            let ascii = (u32::from(lanes.high()) | 1 << 16).trailing_zeros() as usize;
            let kept = out.len() + ascii;
            out.extend_from_slice(&lanes.ascii_lowered());
            out.truncate(kept);
            i += ascii;
            continue;
        }
        // A text's last few bytes, eight at once: titles are short.
        if let Some(v) = eight(bytes, i)
            && b.is_ascii()
        {
            // The ASCII bytes that start these eight, with the case bit of their letters set.
            let ascii = (v & HIGH).trailing_zeros() as usize / 8;
            let lowered = (v | (ascii_letters(v) >> 2)).to_le_bytes();
            // All eight appended, then cut: a slice of a length known only here was a call
            // to `memcpy`.
            let kept = out.len() + ascii;
            out.extend_from_slice(&lowered);
            out.truncate(kept);
            i += ascii;
            continue;
        }
        if b.is_ascii() {
            out.push(b.to_ascii_lowercase());
            i += 1;
            continue;
        }
        if b == 0xC3
            && let Some(folded) = bytes
                .get(i + 1)
                .and_then(|&n| LATIN_1[usize::from(n & 0x3F)])
        {
            // One or two bytes, pushed (see above).
            for &f in folded.as_bytes() {
                out.push(f);
            }
            i += 2;
            continue;
        }
        // `i` follows whole chars: ASCII bytes and whole chars were stepped over.
        let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        fold_char(c, &mut |f| {
            out.extend_from_slice(f.encode_utf8(&mut [0; 4]).as_bytes());
        });
    }
}

/// What [`latin`] makes of U+00C0 to U+00FF (UTF-8 `C3 80` to `C3 BF`), by their last six
/// bits; `None` for those it leaves to the tables.
const LATIN_1: [Option<&str>; 64] = {
    let mut table = [None; 64];
    let mut k = 0;
    while k < 64 {
        table[k] = match char::from_u32(0xC0 + k as u32) {
            Some(c) => latin(c),
            None => None,
        };
        k += 1;
    }
    table
};

fn fold_char(c: char, emit: &mut impl FnMut(char)) {
    // ASCII is most of any French text, and most of the rest is Latin-1: skip the Unicode
    // tables for them.
    if c.is_ascii() {
        emit(c.to_ascii_lowercase());
        return;
    }
    if let Some(folded) = latin(c) {
        folded.chars().for_each(&mut *emit);
        return;
    }
    by_tables(c, emit);
}

/// [`fold_char`] for a char that is not ASCII, by the Unicode tables.
fn by_tables(c: char, emit: &mut impl FnMut(char)) {
    if let Some(spelt) = special(c) {
        spelt.chars().for_each(&mut *emit);
        return;
    }
    // Decompose, lowercase, then decompose again: lowercasing can yield a precomposed or
    // special char (`Œ` → `œ`, `İ` → `i` + dot), and the output must be a fixed point of fold.
    decompose_canonical(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        for l in d.to_lowercase() {
            if let Some(spelt) = special(l) {
                spelt.chars().for_each(&mut *emit);
                continue;
            }
            decompose_canonical(l, |e| {
                if !is_combining_mark(e) {
                    emit(e);
                }
            });
        }
    });
}

/// What folding makes of the accented letters of French (and a few neighbours) and its
/// typographic apostrophe: the common non-ASCII chars, answered without the Unicode tables
/// (checked against them by a test).
pub const fn latin(c: char) -> Option<&'static str> {
    Some(match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'Ç' | 'ç' => "c",
        'È' | 'É' | 'Ê' | 'Ë' | 'è' | 'é' | 'ê' | 'ë' => "e",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'ì' | 'í' | 'î' | 'ï' => "i",
        'Ñ' | 'ñ' => "n",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ö' => "o",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'ù' | 'ú' | 'û' | 'ü' => "u",
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => "y",
        'Œ' | 'œ' => "oe",
        'Æ' | 'æ' => "ae",
        '\u{2019}' => "'",
        _ => return None,
    })
}

/// Chars that NFD leaves alone but a reader treats as something else.
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        'ß' | 'ẞ' => "ss",
        // Presentation ligatures, common in text copied out of PDFs.
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' => "\"",
        '\u{00A0}' | '\u{202F}' | '\u{2007}' | '\u{2009}' | '\u{200A}' => " ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn latin_fast_path_folds_as_the_tables() {
        let mut answered = 0;
        for c in '\u{80}'..='\u{2FFF}' {
            if let Some(f) = latin(c) {
                let mut tables = String::new();
                by_tables(c, &mut |f| tables.push(f));
                assert_eq!(tables, f, "{c:?}");
                answered += 1;
            }
        }
        assert_eq!(answered, 59);
    }

    #[test]
    fn french_accents_and_case() {
        assert_eq!(fold_str("État islamique"), "etat islamique");
        assert_eq!(fold_str("français"), "francais");
        assert_eq!(fold_str("Trèbes"), "trebes");
        assert_eq!(fold_str("ÉI"), "ei");
        assert_eq!(fold_str("EUROPOL"), "europol");
    }

    #[test]
    fn ligatures_quotes_and_spaces() {
        assert_eq!(fold_str("Œuvre cœur"), "oeuvre coeur");
        assert_eq!(fold_str("Ætna straße"), "aetna strasse");
        assert_eq!(fold_str("l’État d‘ici ʼok"), "l'etat d'ici 'ok");
        assert_eq!(fold_str("“cité”"), "\"cite\"");
        assert_eq!(fold_str("a\u{00A0}b\u{202F}!"), "a b !");
        assert_eq!(fold_str("ﬁn"), "fin");
    }

    #[test]
    fn decomposed_input_folds_like_composed() {
        assert_eq!(fold_str("E\u{0301}tat"), fold_str("État"));
    }

    #[test]
    fn origin_maps_back_to_original_chars() {
        let f = fold("Œuf État");
        assert_eq!(f.text, "oeuf etat");
        assert_eq!(f.origin, vec![0, 0, 1, 2, 3, 4, 5, 6, 7]);
        // A combining mark folds to nothing; the letter after it keeps its own index.
        let f = fold("e\u{0301}t");
        assert_eq!(f.text, "et");
        assert_eq!(f.origin, vec![0, 2]);
    }

    #[test]
    fn fold_str_agrees_with_fold() {
        for s in ["", "État", "Œ ß ’ \u{202F}", "İstanbul", "ǅ"] {
            assert_eq!(fold_str(s), fold(s).text);
        }
    }

    proptest! {
        #[test]
        fn fold_properties(s in "\\PC*") {
            check(&s)?;
        }

        #[test]
        fn fold_properties_on_latin(s in "[a-zA-Zà-ÿÀ-ÞŒœÆæß’‘ʼ\u{00A0}\u{202F}\u{0300}-\u{036F} '-]{0,40}") {
            check(&s)?;
        }
    }

    fn check(s: &str) -> Result<(), TestCaseError> {
        let f = fold(s);
        prop_assert_eq!(f.origin.len(), f.text.chars().count());
        prop_assert!(f.origin.windows(2).all(|w| w[0] <= w[1]));
        let n = s.chars().count();
        prop_assert!(f.origin.iter().all(|&o| o < n));
        prop_assert_eq!(&fold(&f.text).text, &f.text);
        prop_assert_eq!(&fold_str(s), &f.text);
        let (mut chars, mut origin) = (vec!['x'], vec![7]);
        fold_into(s, &mut chars, &mut origin);
        prop_assert_eq!(chars[1..].iter().collect::<String>(), f.text.clone());
        prop_assert_eq!(&origin[1..], &f.origin[..]);
        let mut bytes = b"x".to_vec();
        fold_bytes_into(s, &mut bytes);
        prop_assert_eq!(&bytes[1..], f.text.as_bytes());
        Ok(())
    }
}
