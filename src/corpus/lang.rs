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

/// A word being read, lowercased into a buffer as long as the longest listed word: a word
/// whose lowercase form outgrows it cannot be listed.
#[derive(Default)]
struct Lowered {
    buf: [u8; LONGEST],
    n: usize,
    started: bool,
    too_long: bool,
}

impl Lowered {
    fn push(&mut self, c: char) {
        self.started = true;
        if self.too_long {
            return;
        }
        // ASCII and Latin-1 (most of French) are lowercased without the Unicode tables.
        let lower = match c {
            'A'..='Z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{DE}' => {
                char::from_u32(u32::from(c) + 0x20).unwrap_or(c)
            }
            c if c.is_ascii() || ('\u{DF}'..='\u{FF}').contains(&c) => c,
            c => {
                for l in c.to_lowercase() {
                    self.put(l);
                }
                return;
            }
        };
        self.put(lower);
    }

    fn put(&mut self, l: char) {
        match self.buf.get_mut(self.n..self.n + l.len_utf8()) {
            Some(at) => {
                l.encode_utf8(at);
                self.n += l.len_utf8();
            }
            None => self.too_long = true,
        }
    }

    /// The word read so far, packed (`None` when there is none or it is too long), and a
    /// fresh start for the next one.
    fn take(&mut self) -> Option<u64> {
        let key = (self.started && !self.too_long).then(|| pack(&self.buf[..self.n]));
        *self = Lowered::default();
        key
    }
}

/// `"fr"` or `"en"` when one language's small words clearly outnumber the other's (at least
/// twice as many); `None` for short or mixed text.
pub fn detect(text: &str) -> Option<&'static str> {
    detect_parts([text])
}

/// [`detect`] on the parts joined by spaces, without joining them.
pub fn detect_parts<'a>(parts: impl IntoIterator<Item = &'a str>) -> Option<&'static str> {
    let (mut fr, mut en) = (0usize, 0usize);
    let mut count = |key: Option<u64>| {
        if let Some(key) = key {
            fr += usize::from(FR_KEYS.binary_search(&key).is_ok());
            en += usize::from(EN_KEYS.binary_search(&key).is_ok());
        }
    };
    // Words are runs of letters, read and lowercased in one pass over the chars (splitting
    // first, then lowercasing each word, was most of this function's time).
    for text in parts {
        let mut word = Lowered::default();
        for c in text.chars() {
            if super::words::is_alpha(c) {
                word.push(c);
            } else if word.started {
                count(word.take());
            }
        }
        count(word.take());
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
    fn words_are_lowercased_as_unicode_does() {
        for c in ('\0'..='\u{24F}').chain(['İ', 'Σ', 'Ω', 'ǅ']) {
            if !crate::corpus::words::is_alpha(c) {
                continue;
            }
            for n in 1..=3 {
                let w: String = std::iter::repeat_n(c, n).collect();
                // Char by char, as before: no final sigma (`ΣΣ` → `σσ`).
                let lower: String = w.chars().flat_map(char::to_lowercase).collect();
                let want = (lower.len() <= LONGEST).then(|| pack(lower.as_bytes()));
                let mut word = Lowered::default();
                w.chars().for_each(|c| word.push(c));
                assert_eq!(word.take(), want, "{w:?}");
            }
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
