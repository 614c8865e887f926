//! Which language an article is written in, French or English, from its commonest small
//! words. Must not guess: too little text, or no clear lead, gives `None`.

use super::runs;

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

/// Once this many known small words are found, a lead of [`CLEAR_LEAD`] times settles the
/// guess at the end of a part (a paragraph): a French article is French by its second
/// paragraph, and reading its next six kilobytes was a quarter of a first run's reading.
const SETTLED_HITS: usize = 48;
const CLEAR_LEAD: usize = 4;

/// The listed words as integers (see [`pack`]) in a table of [`SLOTS`] slots, a slot each,
/// tagged with their language: a word costs a multiply and one comparison, with no branch
/// to mispredict, where two binary searches per word were much of the guess's time (and a
/// search from slot to slot, a fifth of it).
const TABLE: [(u64, Tag); SLOTS] = table();
const SLOTS: usize = 512;

/// Chosen (by trying odd numbers) so that no two listed words share a slot: [`table`] does
/// not compile if they do, and a word added to the lists may need another.
const MULTIPLIER: u64 = 0x7C2E_598B_DCC2_2C5B;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tag {
    Unlisted,
    French,
    English,
}

/// `key`'s slot: its bits mixed into the top nine.
const fn slot(key: u64) -> usize {
    (key.wrapping_mul(MULTIPLIER) >> 55) as usize
}

const fn table() -> [(u64, Tag); SLOTS] {
    let mut table = [(0u64, Tag::Unlisted); SLOTS];
    let lists: [(&[&str], Tag); 2] = [(FR, Tag::French), (EN, Tag::English)];
    let mut l = 0;
    while l < lists.len() {
        let (words, tag) = lists[l];
        let mut w = 0;
        while w < words.len() {
            let key = pack(words[w].as_bytes());
            let i = slot(key);
            assert!(
                table[i].0 == 0,
                "two listed words share a slot: change MULTIPLIER"
            );
            table[i] = (key, tag);
            w += 1;
        }
        l += 1;
    }
    table
}

/// Which list the word packed into `key` is on: the one whose word is in `key`'s slot. An
/// empty slot holds 0, which no word packs to, so it lists nothing but 0 itself, which
/// stands for no word (see [`detect_parts`]).
fn listed(key: u64) -> Tag {
    let (k, tag) = TABLE[slot(key)];
    if k == key { tag } else { Tag::Unlisted }
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

/// A run of ASCII letters (at most eight) lowercased and packed as [`pack`] packs it: from
/// the eight bytes that start at it when there are eight, as `pack` copying a few bytes was
/// a call to `memcpy` per word.
fn pack_letters(bytes: &[u8], at: usize, run: &[u8]) -> u64 {
    let first = runs::first_bytes(run.len());
    let packed = runs::eight(bytes, at).map_or_else(|| pack(run), |v| v & first);
    packed | (0x2020_2020_2020_2020 & first)
}

/// A word being read, lowercased and packed as it comes (as [`pack`] packs), as long as it
/// is no longer than the longest listed word: a word whose lowercase form outgrows that
/// cannot be listed.
#[derive(Default)]
struct Lowered {
    key: u64,
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

    /// ASCII letters, lowercased here.
    fn push_ascii_run(&mut self, letters: &[u8]) {
        self.started = true;
        if self.n + letters.len() > LONGEST {
            self.too_long = true;
            return;
        }
        for &b in letters {
            self.put_byte(b.to_ascii_lowercase());
        }
    }

    fn put(&mut self, l: char) {
        for &b in l.encode_utf8(&mut [0; 4]).as_bytes() {
            self.put_byte(b);
        }
    }

    fn put_byte(&mut self, b: u8) {
        if self.n >= LONGEST {
            self.too_long = true;
            return;
        }
        self.key |= u64::from(b) << (8 * self.n);
        self.n += 1;
    }

    /// The word read so far, packed (`None` when there is none or it is too long), and a
    /// fresh start for the next one.
    fn take(&mut self) -> Option<u64> {
        let key = (self.started && !self.too_long).then_some(self.key);
        *self = Lowered::default();
        key
    }
}

/// `"fr"` or `"en"` when one language's small words clearly outnumber the other's (at least
/// twice as many); `None` for short or mixed text.
pub fn detect(text: &str) -> Option<&'static str> {
    detect_parts([text])
}

/// [`detect`] on the parts joined by spaces, without joining them; but the parts after one
/// that ends with a clear lead (see [`SETTLED_HITS`]) are not read.
pub fn detect_parts<'a>(parts: impl IntoIterator<Item = &'a str>) -> Option<&'static str> {
    // Per tag, the words found; a word too long to be listed counts as the key 0, unlisted.
    let mut found = [0usize; 3];
    let count = |found: &mut [usize; 3], key: Option<u64>| {
        found[listed(key.unwrap_or(0)) as usize] += 1;
    };
    // Words are runs of letters, read and lowercased in one pass (splitting first, then
    // lowercasing each word, was most of this function's time). A run of ASCII letters is
    // found eight bytes at a time; ending on ASCII, it is a whole word, packed at once or
    // passed over when too long; chars beyond ASCII go through `word` a char at a time.
    for text in parts {
        let mut word = Lowered::default();
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_alphabetic() {
                let end = runs::ascii_letters_end(bytes, i);
                let run = bytes.get(i..end).unwrap_or_default();
                if word.started || bytes.get(end).is_some_and(|b| !b.is_ascii()) {
                    word.push_ascii_run(run);
                } else {
                    let short = run.len() <= LONGEST;
                    count(
                        &mut found,
                        Some(if short {
                            pack_letters(bytes, i, run)
                        } else {
                            0
                        }),
                    );
                }
                i = end;
                continue;
            }
            if b.is_ascii() {
                i += 1;
                if word.started {
                    count(&mut found, word.take());
                }
                continue;
            }
            // `i` follows whole chars: ASCII bytes and whole chars were stepped over.
            let Some(c) = crate::search::tokens::char_at(text, i) else {
                break;
            };
            i += c.len_utf8();
            if super::words::is_alpha(c) {
                word.push(c);
            } else if word.started {
                count(&mut found, word.take());
            }
        }
        count(&mut found, word.take());
        let (fr, en) = (found[Tag::French as usize], found[Tag::English as usize]);
        if fr + en >= SETTLED_HITS && (fr >= CLEAR_LEAD * en || en >= CLEAR_LEAD * fr) {
            break;
        }
    }
    let (fr, en) = (found[Tag::French as usize], found[Tag::English as usize]);
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
    use proptest::prelude::*;

    /// [`detect`] as the rule says it: words split at non-letters, lowercased, looked up.
    fn detect_as_written(text: &str) -> Option<&'static str> {
        let words = text.split(|c| !crate::corpus::words::is_alpha(c));
        let lower = words.map(|w| w.chars().flat_map(char::to_lowercase).collect::<String>());
        let (mut fr, mut en) = (0, 0);
        for w in lower.filter(|w| !w.is_empty()) {
            fr += usize::from(FR.contains(&w.as_str()));
            en += usize::from(EN.contains(&w.as_str()));
        }
        if fr + en < MIN_HITS {
            None
        } else if fr >= 2 * en.max(1) {
            Some("fr")
        } else if en >= 2 * fr.max(1) {
            Some("en")
        } else {
            None
        }
    }

    proptest! {
        #[test]
        fn detects_as_the_rule_is_written(
            words in proptest::collection::vec(prop_oneof![
                3 => proptest::sample::select(FR.iter().chain(EN).copied().collect::<Vec<_>>())
                    .prop_map(str::to_string),
                1 => proptest::sample::select(vec!["ÉTÉ", "Où", "THE", "Été", "İl", "ΣΑ", "dans"])
                    .prop_map(str::to_string),
                3 => "[a-zA-Zàéèçœ]{1,9}",
                1 => any::<String>(),
            ], 0..30),
            seps in proptest::collection::vec(prop_oneof![Just(" "), Just("'"), Just(", "), Just("’"), Just("\n")], 30),
        ) {
            let text: String = words.iter().zip(&seps).flat_map(|(w, s)| [w.as_str(), s]).collect();
            prop_assert_eq!(detect(&text), detect_as_written(&text));
        }
    }

    #[test]
    fn every_listed_word_is_found() {
        for w in FR {
            assert_eq!(listed(pack(w.as_bytes())), Tag::French, "{w}");
        }
        for w in EN {
            assert_eq!(listed(pack(w.as_bytes())), Tag::English, "{w}");
        }
        for w in [
            "l", "dan", "dansé", "thes", "a", "on", "plus", "son", "été.",
        ] {
            assert_eq!(listed(pack(w.as_bytes())), Tag::Unlisted, "{w}");
        }
        assert_eq!(listed(0), Tag::Unlisted, "no word");
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
    fn a_clear_lead_settles_the_guess_at_the_end_of_a_part() {
        let french = "le chat de la voisine est dans la cour et les enfants ".repeat(6);
        let english = "the cat of the neighbour is in the yard and the children ".repeat(30);
        // Joined, the English outnumbers the French more than twice over.
        assert_eq!(detect(&format!("{french} {english}")), Some("en"));
        assert_eq!(
            detect_parts([french.as_str(), english.as_str()]),
            Some("fr")
        );
        // A lead that is not clear yet leaves the next part to count.
        let mixed = "le chat the cat et and de of la ".repeat(12);
        assert_eq!(
            detect_parts([mixed.as_str(), english.as_str()]),
            detect(&format!("{mixed} {english}"))
        );
        assert_eq!(detect_parts([mixed.as_str(), english.as_str()]), Some("en"));
    }

    #[test]
    fn parts_read_as_if_joined_by_spaces() {
        let parts = ["Le", "chat de la", "voisine est", "là"];
        assert_eq!(detect_parts(parts), detect(&parts.join(" ")));
        assert_eq!(detect_parts(parts), Some("fr"));
        assert_eq!(detect_parts(["the", "cat"]), None);
    }
}
