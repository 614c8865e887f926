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

/// `"fr"` or `"en"` when one language's small words clearly outnumber the other's (at least
/// twice as many); `None` for short or mixed text.
pub fn detect(text: &str) -> Option<&'static str> {
    let (mut fr, mut en) = (0usize, 0usize);
    let words = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    let mut buf = [0u8; LONGEST];
    for w in words {
        let lower: std::borrow::Cow<'_, str> = if w.is_ascii() {
            // No listed word is longer than `LONGEST` bytes, and ASCII keeps its length when
            // lowercased: skip the rest without allocating a lowercase copy per word.
            let Some(b) = buf.get_mut(..w.len()) else {
                continue;
            };
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            std::str::from_utf8(b).map_or(std::borrow::Cow::Borrowed(""), Into::into)
        } else {
            w.to_lowercase().into()
        };
        fr += usize::from(FR.contains(&&*lower));
        en += usize::from(EN.contains(&&*lower));
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
    fn longest_is_the_longest_listed_word() {
        let max = FR.iter().chain(EN).map(|w| w.len()).max();
        assert_eq!(max, Some(LONGEST));
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
}
