//! Which language an article is written in, French or English, from its commonest small
//! words. Must not guess: too little text, or no clear lead, gives `None`.

/// Function words that are frequent in one language and absent from (or rare in) the other;
/// words both share (`a`, `on`, `plus`, `son`) are left out.
const FR: &[&str] = &[
    "le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "dans", "pour", "que", "qui",
    "pas", "sur", "au", "aux", "par", "avec", "ce", "cette", "ces", "il", "elle", "ils", "sont",
    "ont", "été", "ne", "se", "sa", "ses", "leur", "mais", "ou", "où", "très", "aussi", "entre",
    "selon", "après", "lors", "être", "avait", "était", "nous", "vous",
];
const EN: &[&str] = &[
    "the", "of", "and", "to", "in", "is", "that", "for", "it", "was", "with", "as", "by", "at",
    "from", "be", "are", "this", "have", "has", "an", "not", "which", "were", "its", "their",
    "they", "he", "she", "had", "been", "but", "or", "will", "would", "said", "who", "after",
    "into", "than", "also", "about", "there", "these",
];

/// Byte length of the longest word in `FR` and `EN` (checked by a test).
const LONGEST: usize = 6;

/// Fewer known small words than this is too little to tell.
const MIN_HITS: usize = 4;

/// The listed words as integers (see [`pack`]): a word is looked up by comparing one
/// integer per entry, not a string per entry; looking words up was most of parsing.
/// Sorted, so a word costs a binary search rather than a comparison per listed word.
const FR_KEYS: [u64; FR.len()] = sorted(keys(FR));
const EN_KEYS: [u64; EN.len()] = sorted(keys(EN));

const fn sorted<const N: usize>(mut keys: [u64; N]) -> [u64; N] {
    let mut i = 1;
    while i < N {
        let mut j = i;
        while j > 0 && keys[j - 1] > keys[j] {
            let t = keys[j];
            keys[j] = keys[j - 1];
            keys[j - 1] = t;
            j -= 1;
        }
        i += 1;
    }
    keys
}

/// A word of at most 8 bytes as an integer, zero-padded: equal words, equal integers, and
/// no listed word holds a NUL byte, so padding cannot make two words equal.
const fn pack(bytes: &[u8]) -> u64 {
    let mut buf = [0u8; 8];
    let mut i = 0;
    while i < bytes.len() && i < 8 {
        buf[i] = bytes[i];
        i += 1;
    }
    u64::from_le_bytes(buf)
}

const fn keys<const N: usize>(words: &[&str]) -> [u64; N] {
    let mut out = [0u64; N];
    let mut i = 0;
    while i < N && i < words.len() {
        out[i] = pack(words[i].as_bytes());
        i += 1;
    }
    out
}

/// `w` lowercased and packed, without allocating; `None` when its lowercase form is longer
/// than any listed word, so it cannot be one.
fn packed_lower(w: &str) -> Option<u64> {
    let mut buf = [0u8; LONGEST];
    // Most words are ASCII: lowercasing them keeps their length, no Unicode tables needed.
    if w.is_ascii() {
        let b = buf.get_mut(..w.len())?;
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        return Some(pack(b));
    }
    let mut n = 0;
    for c in w.chars() {
        for l in c.to_lowercase() {
            let at = buf.get_mut(n..n + l.len_utf8())?;
            l.encode_utf8(at);
            n += l.len_utf8();
        }
    }
    Some(pack(&buf[..n]))
}

/// `"fr"` or `"en"` when one language's small words clearly outnumber the other's (at least
/// twice as many); `None` for short or mixed text.
pub fn detect(text: &str) -> Option<&'static str> {
    detect_parts([text])
}

/// [`detect`] on the parts joined by spaces, without joining them.
pub fn detect_parts<'a>(parts: impl IntoIterator<Item = &'a str>) -> Option<&'static str> {
    let (mut fr, mut en) = (0usize, 0usize);
    let words = parts
        .into_iter()
        .flat_map(|text| text.split(|c: char| !super::words::is_alpha(c)))
        .filter(|w| !w.is_empty());
    for w in words {
        let Some(key) = packed_lower(w) else {
            continue;
        };
        fr += usize::from(FR_KEYS.binary_search(&key).is_ok());
        en += usize::from(EN_KEYS.binary_search(&key).is_ok());
    }
    if fr + en < MIN_HITS {
        return None;
    }
    if fr >= 2 * en.max(1) {
        Some("fr")
    } else if en >= 2 * fr.max(1) {
        Some("en")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_word_is_found() {
        for w in FR {
            assert!(FR_KEYS.binary_search(&pack(w.as_bytes())).is_ok(), "{w}");
        }
        for w in EN {
            assert!(EN_KEYS.binary_search(&pack(w.as_bytes())).is_ok(), "{w}");
        }
    }

    #[test]
    fn longest_is_the_longest_listed_word() {
        let max = FR.iter().chain(EN).map(|w| w.len()).max();
        assert_eq!(max, Some(LONGEST));
    }

    #[test]
    fn capitals_and_accents_fold_to_the_listed_words() {
        assert_eq!(detect("ÉTÉ TRÈS APRÈS OÙ ÊTRE ÉTAIT"), Some("fr"));
        assert_eq!(detect("The Police SAID IT WAS"), Some("en"));
    }

    #[test]
    fn french_english_and_unclear() {
        assert_eq!(
            detect("L'opération visait l'agence de presse et un des organes de propagande."),
            Some("fr")
        );
        assert_eq!(
            detect("The police said that the network was taken down by Europol."),
            Some("en")
        );
        assert_eq!(detect("Europol"), None);
        assert_eq!(detect(""), None);
        assert_eq!(detect("le chat the cat et and de of"), None);
    }

    #[test]
    fn parts_read_as_if_joined_by_spaces() {
        let parts = ["Le", "chat de la", "voisine est", "là"];
        assert_eq!(detect_parts(parts), detect(&parts.join(" ")));
        assert_eq!(detect_parts(parts), Some("fr"));
        assert_eq!(detect_parts(["the", "cat"]), None);
    }
}
