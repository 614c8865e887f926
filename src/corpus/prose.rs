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
pub fn unglue(s: &str) -> String {
    let mut inserts = Vec::new();
    let mut quotes = 0usize; // ASCII `"` seen so far: even before an opening one
    let mut prev: Option<char> = None;
    let mut prev_closes = false; // prev is a quote that closed
    let mut caps = 0usize; // uppercase letters just before
    let mut before_caps: Option<char> = None;
    // Whether the current whitespace-separated token is a link or an address: looked at
    // only when a stop appears in it, not for every token.
    let mut token_skip: Option<bool> = None;
    let mut token_from = 0;
    let mut token_start = true;
    for (i, c) in s.char_indices() {
        if token_start && !c.is_whitespace() {
            token_from = i;
            token_skip = None;
        }
        token_start = c.is_whitespace();
        let stop = matches!(c, '.' | '?' | '!');
        if stop
            && !*token_skip.get_or_insert_with(|| {
                let token = s[token_from..]
                    .split(char::is_whitespace)
                    .next()
                    .unwrap_or("");
                super::words::has_scheme_sep(token)
                    || token.contains('@')
                    || token.starts_with("www.")
            })
        {
            if let Some(at) = glued_after(
                s,
                i + c.len_utf8(),
                c,
                prev,
                prev_closes,
                caps,
                before_caps,
                quotes,
            ) {
                inserts.push(at);
            }
        }
        prev_closes = (c == '"' && quotes % 2 == 1) || closing_quote(c);
        if c == '"' {
            quotes += 1;
        }
        if c.is_uppercase() {
            if !prev.is_some_and(char::is_uppercase) {
                before_caps = prev;
                caps = 0;
            }
            caps += 1;
        } else {
            caps = 0;
        }
        prev = Some(c);
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

/// Words as runs of letters and digits: `l'EI` is two, `26.000` two, `Val-de-Marne` three.
pub fn count_words(s: &str) -> usize {
    let mut n = 0;
    let mut inside = false;
    for c in s.chars() {
        let w = super::words::is_alnum(c);
        if w && !inside {
            n += 1;
        }
        inside = w;
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unglue_fixes_seed_cases() {
        assert_eq!(
            unglue(r#"savoir Europol."Nous avons""#),
            r#"savoir Europol. "Nous avons""#
        );
        assert_eq!(
            unglue("( @europol ).Plus de 26000"),
            "( @europol ). Plus de 26000"
        );
        assert_eq!(
            unglue(r#""sans" belge."Est-ce un" x"#),
            r#""sans" belge. "Est-ce un" x"#
        );
        assert_eq!(
            unglue(r#"qui "ne s'y attendait pas".Un"#),
            r#"qui "ne s'y attendait pas". Un"#
        );
        assert_eq!(unglue("de l'EI.L'enquête"), "de l'EI. L'enquête");
        assert_eq!(unglue("fin.»Puis «non.»Et"), "fin.» Puis «non.» Et");
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
            assert_eq!(unglue(s), s);
        }
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

    #[test]
    fn words() {
        assert_eq!(count_words("l'EI a 26.000 comptes — Val-de-Marne"), 9);
        assert_eq!(count_words("  "), 0);
    }
}
