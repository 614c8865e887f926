//! Sentence-level repairs and measures on paragraph text: glued sentences, the first sentence,
//! titles cut at a word boundary, word counts. Must not decide article structure (parse.rs).

use unicode_segmentation::UnicodeSegmentation;

/// Longest derived title, in characters, before the ellipsis.
pub const TITLE_MAX: usize = 80;

fn closing_quote(c: char) -> bool {
    matches!(c, '»' | '”' | '’')
}

fn opening_quote(c: char) -> bool {
    matches!(c, '«' | '“')
}

/// Put back the space lost between two sentences (`Europol."Nous`, `).Plus`), without touching
/// `26.000`, `t.co`, `M. Van`, `U.E.` or anything inside a URL or an address. Linear.
pub fn unglue(s: String) -> String {
    let inserts = glued_stops(&s);
    if inserts.is_empty() {
        return s;
    }
    let mut out = String::with_capacity(s.len() + inserts.len());
    let mut last = 0;
    for at in inserts {
        out.push_str(&s[last..at]);
        out.push(' ');
        last = at;
    }
    out.push_str(&s[last..]);
    out
}

/// Where [`unglue`] puts a space back, in order.
fn glued_stops(s: &str) -> Vec<usize> {
    let mut inserts = Vec::new();
    let bytes = s.as_bytes();
    // From stop to stop, not char by char: what a stop needs is behind it (the char before,
    // the capitals before that, its word) but for the count of `"`, kept as it goes.
    let mut quotes = 0usize; // ASCII `"` before `counted`: even before an opening one
    let mut counted = 0;
    // The whitespace-separated token of the last stop: where it starts, and whether it is a
    // link or an address (no stop in those is looked at).
    let mut token: Option<(usize, bool)> = None;
    let mut last_stop = 0;
    // Stops are a byte in a hundred: found a vector at a time, not looked for byte by byte.
    for i in memchr::memchr3_iter(b'.', b'?', b'!', bytes) {
        // A space goes back only before a capital, a quote or `"` (see `glued_after`):
        // any other ASCII byte next, or none, rules it out, and most stops are followed by
        // a space. What the loop keeps is the same without them: quotes are counted up to
        // the next stop looked at, and its token is found from the last one looked at.
        match bytes.get(i + 1) {
            Some(&next) if !next.is_ascii() || next == b'"' || next.is_ascii_uppercase() => {}
            _ => continue,
        }
        let b = bytes[i];
        quotes += bytes
            .get(counted..i)
            .map_or(0, |q| memchr::memchr_iter(b'"', q).count());
        counted = i;
        let (Some(before), Some(gap)) = (s.get(..i), s.get(last_stop..i)) else {
            continue;
        };
        last_stop = i;
        let space = gap
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map(|(k, c)| i - gap.len() + k + c.len_utf8());
        let start = match (space, token) {
            (Some(at), _) => at,
            (None, Some((at, _))) => at,
            // The first stop: `gap` was all that comes before it.
            (None, None) => 0,
        };
        let skip = match token {
            Some((at, skip)) if at == start => skip,
            _ => {
                let mut words = s.get(start..).unwrap_or("").split(char::is_whitespace);
                let word = words.next().unwrap_or("");
                super::words::has_scheme_sep(word) || word.contains('@') || word.starts_with("www.")
            }
        };
        token = Some((start, skip));
        if skip {
            continue;
        }
        let mut back = before.chars().rev();
        let prev = back.next();
        // The `"` just before was counted: whether it closed depends on those before it.
        let prev_closes = prev
            .is_some_and(|p| (p == '"' && quotes.saturating_sub(1) % 2 == 1) || closing_quote(p));
        let (mut caps, mut before_caps) = (0usize, None);
        for c in prev.into_iter().chain(back) {
            if !c.is_uppercase() {
                before_caps = Some(c);
                break;
            }
            caps += 1;
        }
        if let Some(at) = glued_after(
            s,
            i + 1,
            char::from(b),
            prev,
            prev_closes,
            caps,
            before_caps,
            quotes,
        ) {
            inserts.push(at);
        }
    }
    inserts
}

/// Where to insert a space after the stop ending at byte `after`, if the sentences are glued.
#[allow(clippy::too_many_arguments)]
fn glued_after(
    s: &str,
    after: usize,
    stop: char,
    prev: Option<char>,
    prev_closes: bool,
    caps: usize,
    before_caps: Option<char>,
    quotes: usize,
) -> Option<usize> {
    let p = prev?;
    // `l'EI.L'enquête`: an acronym (not `U.E.`) may end a sentence, but only before a word.
    let acronym =
        stop == '.' && caps >= 2 && !before_caps.is_some_and(|b| b == '.' || b.is_alphanumeric());
    if !(p.is_lowercase() || p == ')' || prev_closes || acronym) {
        return None;
    }
    let mut next = s[after..].char_indices().map(|(j, c)| (after + j, c));
    let (_, a) = next.next()?;
    let word_follows = |c: char, rest: Option<char>| {
        c.is_uppercase()
            && (!acronym || rest.is_some_and(|r| r.is_lowercase() || r == '\'' || r == '’'))
    };
    let a_opens = opening_quote(a) || (a == '"' && quotes % 2 == 0);
    let a_closes = closing_quote(a) || (a == '"' && quotes % 2 == 1);
    if a_opens {
        return Some(after);
    }
    let (j, b) = next.next()?;
    if word_follows(a, Some(b)) {
        return Some(after);
    }
    if a_closes {
        let c = next.next().map(|(_, c)| c);
        let b_opens = opening_quote(b) || (b == '"' && quotes % 2 == 1);
        if word_follows(b, c) || b_opens {
            return Some(j);
        }
    }
    None
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 12] = [
    "MM", "Mme", "Mmes", "Mlle", "Dr", "Pr", "Me", "Mgr", "St", "Ste", "cf", "art",
];

/// The first sentence of a paragraph (the whole paragraph if it has one sentence).
pub fn first_sentence(s: &str) -> &str {
    let mut word_start = 0;
    for (i, c) in s.char_indices() {
        let word_began = word_start;
        if !c.is_alphanumeric() && c != '.' {
            word_start = i + c.len_utf8();
        }
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let mut end = i + c.len_utf8();
        let rest = &s[end..];
        let closers = rest.len()
            - rest
                .trim_start_matches(|c: char| closing_quote(c) || c == '"' || c == ')')
                .len();
        end += closers;
        // French spacing puts the closing guillemet after a space: `« Oui. »`.
        let spaced = s[end..].trim_start();
        if spaced.starts_with('»') {
            end = s.len() - spaced.len() + '»'.len_utf8();
        }
        if !s[end..].chars().next().is_none_or(char::is_whitespace) {
            continue;
        }
        let word = s[word_began..i].trim_end_matches('.');
        let single_letter = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        if c == '.' && (single_letter || word.contains('.') || ABBREVIATIONS.contains(&word)) {
            continue;
        }
        return s[..end].trim();
    }
    s.trim()
}

/// A title from a sentence: the sentence itself without its full stop when short enough,
/// otherwise cut at a word boundary within `TITLE_MAX` characters, with an ellipsis.
pub fn title_from(sentence: &str) -> String {
    let sentence = sentence.trim();
    if sentence.chars().count() <= TITLE_MAX {
        let t = sentence
            .strip_suffix('.')
            .filter(|t| !t.ends_with('.'))
            .unwrap_or(sentence);
        return t.trim_end().to_string();
    }
    let mut cut = 0; // byte end of the last whole word that fits
    let mut hard = 0; // byte end of the last grapheme that fits, for one giant word
    let mut count = 0;
    for (i, g) in sentence.grapheme_indices(true) {
        count += g.chars().count();
        if count > TITLE_MAX {
            if g.chars().all(char::is_whitespace) {
                cut = i;
            }
            break;
        }
        if g.chars().all(char::is_whitespace) {
            cut = i;
        }
        hard = i + g.len();
    }
    let kept = if cut > 0 {
        &sentence[..cut]
    } else {
        &sentence[..hard]
    };
    format!("{}…", without_dangling_words(kept))
}

/// Little words that leave a cut title hanging ("la police belge et…").
const DANGLING: [&str; 27] = [
    "et", "ou", "de", "du", "des", "la", "le", "les", "l'", "d'", "à", "au", "aux", "en", "un",
    "une", "par", "pour", "sur", "avec", "dans", "que", "qui", "the", "and", "of", "to",
];

fn without_dangling_words(s: &str) -> &str {
    let punct = |c: char| c.is_whitespace() || ",;:(-–—«\"'“".contains(c);
    let mut kept = s.trim_end_matches(punct);
    for _ in 0..3 {
        let Some((head, last)) = kept.rsplit_once(char::is_whitespace) else {
            break;
        };
        if !DANGLING.contains(&last.to_lowercase().as_str()) || head.trim().is_empty() {
            break;
        }
        kept = head.trim_end_matches(punct);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unglue_fixes_seed_cases() {
        assert_eq!(
            unglue(r#"savoir Europol."Nous avons""#.into()),
            r#"savoir Europol. "Nous avons""#
        );
        assert_eq!(
            unglue("( @europol ).Plus de 26000".into()),
            "( @europol ). Plus de 26000"
        );
        assert_eq!(
            unglue(r#""sans" belge."Est-ce un" x"#.into()),
            r#""sans" belge. "Est-ce un" x"#
        );
        assert_eq!(
            unglue(r#"qui "ne s'y attendait pas".Un"#.into()),
            r#"qui "ne s'y attendait pas". Un"#
        );
        assert_eq!(unglue("de l'EI.L'enquête".into()), "de l'EI. L'enquête");
        assert_eq!(unglue("fin.»Puis «non.»Et".into()), "fin.» Puis «non.» Et");
    }

    #[test]
    fn unglue_leaves_the_rest() {
        for s in [
            "pic.twitter.com/HAyJwQA6xU https://t.co/TGLzDjQjyv",
            "26.000 éléments, M. Van Der Sypt, l'U.E.Plus tard",
            "voir https://example.org/Page.Html ou a.b@Mail.com",
            "déjà fini. Bien.",
            "EI.UE",
        ] {
            assert_eq!(unglue(s.into()), s);
        }
    }

    #[test]
    fn unglue_reads_what_comes_before_a_stop_past_the_stops_it_passes_over() {
        // One `"` before the last stop, past a stop followed by a space: the `"` after it
        // closes, and the space goes after it.
        assert_eq!(unglue(r#"x "a. b c."D"#.into()), r#"x "a. b c." D"#);
        assert_eq!(unglue(r#""a. b" c."D"#.into()), r#""a. b" c. "D"#);
        // Stops inside a link, followed by lower case, are passed over; the last one is still
        // in the link.
        for s in ["Voir www.exemple.fr.Suite", "lien http://a.b.fr/x.Y fin"] {
            assert_eq!(unglue(s.into()), s);
        }
        assert_eq!(
            unglue("Voir www.exemple.fr. Fin.Suite".into()),
            "Voir www.exemple.fr. Fin. Suite"
        );
    }

    #[test]
    fn sentences_and_titles() {
        assert_eq!(
            first_sentence("M. Van Der Sypt a dit. Puis"),
            "M. Van Der Sypt a dit."
        );
        assert_eq!(first_sentence("« Oui. » Non."), "« Oui. »");
        assert_eq!(first_sentence("26.000 comptes. Fin"), "26.000 comptes.");
        assert_eq!(title_from("Une phrase courte."), "Une phrase courte");
        assert_eq!(title_from("Vraiment ?"), "Vraiment ?");
        let long = "La vaste cyberattaque lancée sous leadership belge, en collaboration avec Europol et avec le soutien";
        let t = title_from(long);
        assert_eq!(
            t,
            "La vaste cyberattaque lancée sous leadership belge, en collaboration…"
        );
        assert!(t.chars().count() <= TITLE_MAX + 1);
        let giant = "x".repeat(200);
        assert_eq!(title_from(&giant).chars().count(), TITLE_MAX + 1);
    }
}
