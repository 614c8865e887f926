//! Words of running text for the metadata extractors (names, keywords): elisions split off,
//! links and handles skipped, sentence starts marked. Must not classify or count words.

/// One token of a text: a word as written, or a break (punctuation, a link) that no name
/// and no multi-word phrase may span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tok<'a> {
    Word(Word<'a>),
    Break,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// As written: `Europol`, `l'`, `al-Assad`, `M.`, `26.000`.
    pub text: &'a str,
    /// Byte offset of `text` in the tokenised string.
    pub start: usize,
    /// First word of a sentence, a quotation or a parenthesis: its capital says nothing.
    pub sentence_start: bool,
}

impl Word<'_> {
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// Elided articles and pronouns written with an apostrophe: `l'`, `d'`, `qu'`.
const ELISIONS: [&str; 13] = [
    "l", "d", "s", "n", "j", "m", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "presqu",
];

/// Abbreviations whose full stop belongs to the word and ends no sentence.
const ABBREVIATIONS: [&str; 13] = [
    "M", "MM", "Mme", "Mmes", "Mlle", "Dr", "Pr", "Me", "Mgr", "Mr", "Mrs", "Ms", "St",
];

/// Links, handles and addresses are not words; `links.rs` owns them.
pub fn is_link_like(chunk: &str) -> bool {
    has_scheme_sep(chunk)
        || chunk.contains('@')
        || chunk.starts_with("www.")
        || chunk.starts_with("pic.twitter.com")
}

/// `s.contains("://")` without building a substring searcher per call (one per word here).
pub fn has_scheme_sep(s: &str) -> bool {
    s.as_bytes().windows(3).any(|w| w == b"://")
}

/// `f(&fold_str(s))` without allocating for the common case: folding ASCII is lowercasing
/// it, done on the stack. The extractors fold most words of every article several times.
pub fn with_folded<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    // Most words are lowercase ASCII, which folding leaves as they are: no copy to check.
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return f(s);
    }
    let mut buf = [0u8; 64];
    if s.is_ascii() {
        if let Some(b) = buf.get_mut(..s.len()) {
            b.copy_from_slice(s.as_bytes());
            b.make_ascii_lowercase();
            if let Ok(folded) = std::str::from_utf8(b) {
                return f(folded);
            }
        }
    }
    if let Some(n) = fold_latin(s, &mut buf) {
        if let Some(folded) = buf.get(..n).and_then(|b| std::str::from_utf8(b).ok()) {
            return f(folded);
        }
    }
    // Other scripts and long words: fold them into this thread's buffers, not a new
    // `String` each. A nested call (none today) finds them borrowed and allocates instead.
    thread_local! {
        static FOLD: std::cell::RefCell<(Vec<char>, Vec<usize>, String)> =
            const { std::cell::RefCell::new((Vec::new(), Vec::new(), String::new())) };
    }
    FOLD.with(|cell| match cell.try_borrow_mut() {
        Ok(mut bufs) => {
            let (chars, origin, text) = &mut *bufs;
            chars.clear();
            origin.clear();
            text.clear();
            crate::search::fold::fold_into(s, chars, origin);
            text.extend(chars.iter());
            f(text)
        }
        Err(_) => f(&crate::search::fold::fold_str(s)),
    })
}

/// `fold_str(s)` into `buf` when every char of `s` is ASCII or one of French's accented
/// letters, ligatures and apostrophe (which fold to ASCII); its length, `None` otherwise.
/// Most accented words of an article take this path: no Unicode decomposition tables.
fn fold_latin(s: &str, buf: &mut [u8; 64]) -> Option<usize> {
    let mut n = 0;
    // Byte by byte: a `copy_from_slice` of one or two bytes is a call to `memmove`.
    for c in s.chars() {
        if c.is_ascii() {
            *buf.get_mut(n)? = (c as u8).to_ascii_lowercase();
            n += 1;
            continue;
        }
        for &b in crate::search::fold::latin(c)?.as_bytes() {
            *buf.get_mut(n)? = b;
            n += 1;
        }
    }
    Some(n)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// `c.is_alphanumeric()`, with the letters of Latin-1 (most of French's non-ASCII letters)
/// answered without the Unicode tables, which were a visible share of loading.
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{C0}'..='\u{FF}').contains(&c) {
        c != '×' && c != '÷'
    } else {
        c.is_alphanumeric()
    }
}

/// `c.is_alphabetic()`, Latin-1 letters answered as in [`is_alnum`].
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{C0}'..='\u{FF}').contains(&c) {
        c != '×' && c != '÷'
    } else {
        c.is_alphabetic()
    }
}

/// Tokenise one paragraph (or a title). The first word is a sentence start. Linear.
pub fn tokens(text: &str) -> Vec<Tok<'_>> {
    // About a token per 6 bytes of prose: one allocation, not a dozen doublings.
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut start_next = true;
    for chunk in text.split_whitespace() {
        let at = offset_in(text, chunk);
        // Most chunks are a plain ASCII word: one word, nothing to split off or look at.
        if chunk.bytes().all(|b| b.is_ascii_alphanumeric()) {
            emit(chunk, at, 0, chunk.len(), &mut start_next, &mut out, false);
            continue;
        }
        if is_link_like(chunk) {
            push_break(&mut out);
            continue;
        }
        chunk_tokens(chunk, at, &mut start_next, &mut out);
    }
    out
}

/// Byte offset of `part`, a subslice of `text` (as `split_whitespace` yields), in `text`.
/// Pointer arithmetic, not a search: a substring search per word (a `StrSearcher` built each
/// time) was the top of the load profile.
pub fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .checked_sub(text.as_ptr() as usize)
        .filter(|at| at + part.len() <= text.len())
        .unwrap_or(0)
}

fn push_break(out: &mut Vec<Tok<'_>>) {
    if !matches!(out.last(), Some(Tok::Break) | None) {
        out.push(Tok::Break);
    }
}

/// One pass over the chunk's chars with the previous and next at hand: no char vector per
/// word (that allocation was a visible share of loading).
fn chunk_tokens<'a>(chunk: &'a str, base: usize, start_next: &mut bool, out: &mut Vec<Tok<'a>>) {
    let mut word_from: Option<usize> = None; // byte offset in `chunk`
    let mut prev: Option<char> = None;
    let mut it = chunk.char_indices().peekable();
    while let Some((at, c)) = it.next() {
        let next = it.peek().map(|&(_, n)| n);
        let prev_alnum = prev.is_some_and(is_alnum);
        prev = Some(c);
        if is_alnum(c) {
            word_from.get_or_insert(at);
            continue;
        }
        if let Some(from) = word_from {
            let so_far = &chunk[from..at];
            let joins_next = next.is_some_and(is_alnum) && prev_alnum;
            if is_apostrophe(c) {
                let elision = ELISIONS.iter().any(|e| so_far.eq_ignore_ascii_case(e));
                if elision {
                    let end = at + c.len_utf8();
                    emit(chunk, base, from, end, start_next, out, true);
                    word_from = None;
                    continue;
                }
                if joins_next {
                    continue; // `aujourd'hui`, `O'Brien`
                }
            } else if (c == '-' || c == '.') && joins_next {
                continue; // `Pays-Bas`, `26.000`, `t.co`
            } else if c == '.' && ABBREVIATIONS.contains(&so_far)
                || (c == '.'
                    && so_far.chars().count() == 1
                    && so_far.chars().all(char::is_uppercase))
            {
                emit(chunk, base, from, at + 1, start_next, out, false);
                word_from = None;
                continue;
            }
            emit(chunk, base, from, at, start_next, out, false);
            word_from = None;
        }
        if matches!(
            c,
            '.' | '!' | '?' | '…' | ':' | ';' | '«' | '“' | '"' | '(' | '['
        ) {
            *start_next = true;
        }
        push_break(out);
    }
    if let Some(from) = word_from {
        emit(chunk, base, from, chunk.len(), start_next, out, false);
    }
}

fn emit<'a>(
    chunk: &'a str,
    base: usize,
    from: usize,
    to: usize,
    start_next: &mut bool,
    out: &mut Vec<Tok<'a>>,
    elision: bool,
) {
    out.push(Tok::Word(Word {
        text: &chunk[from..to],
        start: base + from,
        sentence_start: *start_next,
    }));
    // An elided article passes the sentence start on: `L'Office` is as ambiguous as `Le`.
    if !elision {
        *start_next = false;
    }
}

/// Is this word written with a capital (or as `al-Assad`, a particle then a capital)?
pub fn is_capitalised(w: &str) -> bool {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        // A listed prefix is at most 3 bytes: only a `-` among the first 4 can follow one,
        // so most words are ruled out without a search to their end.
        Some(_) => w
            .bytes()
            .take(4)
            .position(|b| b == b'-')
            .and_then(|at| Some((w.get(..at)?, w.get(at + 1..)?)))
            .is_some_and(|(head, tail)| NAME_PREFIXES.contains(&head) && starts_upper(tail)),
        None => false,
    }
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Arabic articles and patronymics written before a hyphen: `al-Assad`, `ben-Ali`.
const NAME_PREFIXES: [&str; 10] = ["al", "el", "ad", "as", "ash", "at", "an", "ar", "az", "abu"];

/// `EI`, `ECTC`, `CAMBON`: two letters or more, all capitals.
pub fn is_all_caps(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

pub fn is_elision(w: &str) -> bool {
    w.ends_with(is_apostrophe)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<(&str, bool)> {
        tokens(s)
            .into_iter()
            .filter_map(|t| match t {
                Tok::Word(w) => Some((w.text, w.sentence_start)),
                Tok::Break => None,
            })
            .collect()
    }

    #[test]
    fn elisions_abbreviations_links() {
        assert_eq!(
            words("L'unité de l’EI. M. Van Der Sypt, à La Haye"),
            [
                ("L'", true),
                ("unité", true),
                ("de", false),
                ("l’", false),
                ("EI", false),
                ("M.", true),
                ("Van", false),
                ("Der", false),
                ("Sypt", false),
                ("à", false),
                ("La", false),
                ("Haye", false)
            ]
        );
        assert_eq!(
            words("( @europol ) https://t.co/x «Non» aujourd'hui 26.000"),
            [("Non", true), ("aujourd'hui", false), ("26.000", false)]
        );
        let t = "voir Pays-Bas";
        let Tok::Word(w) = tokens(t)[1] else {
            panic!("word")
        };
        assert_eq!(&t[w.start..w.end()], "Pays-Bas");
    }

    #[test]
    fn latin_fast_paths_agree_with_unicode() {
        for c in '\0'..='\u{2FF}' {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
        }
        assert!(is_alnum('Ω') && is_alpha('ж') && !is_alnum('—'));
    }

    #[test]
    fn latin_fast_path_folds_as_fold_str() {
        for w in [
            "etat",
            "l'a-b.c",
            "Etat",
            "État",
            "Œuvre",
            "aujourd’hui",
            "FRANÇAIS",
            "Ø",
            "straße",
            "ǅ",
            "İstanbul",
            "e\u{0301}tat",
            "ÿŸ",
            &"é".repeat(40),
        ] {
            assert_eq!(
                with_folded(w, str::to_string),
                crate::search::fold::fold_str(w),
                "{w:?}"
            );
        }
    }

    #[test]
    fn capitals() {
        assert!(is_capitalised("al-Assad") && is_capitalised("État"));
        assert!(!is_capitalised("al-qaida") && !is_capitalised("unité"));
        assert!(is_capitalised("abu-Bakr") && !is_capitalised("abuz-Bakr"));
        assert!(!is_capitalised("al-") && !is_capitalised("x-Y") && !is_capitalised("é-É"));
        assert!(
            is_all_caps("ÉI") && is_all_caps("DCPJ") && !is_all_caps("A") && !is_all_caps("Eu")
        );
    }
}
