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

/// Fewer known small words than this is too little to tell.
const MIN_HITS: usize = 4;

/// `"fr"` or `"en"` when one language's small words clearly outnumber the other's (at least
/// twice as many); `None` for short or mixed text.
pub fn detect(text: &str) -> Option<&'static str> {
    let (mut fr, mut en) = (0usize, 0usize);
    let words = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    for w in words {
        fr += usize::from(FR.contains(&w.as_str()));
        en += usize::from(EN.contains(&w.as_str()));
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
