//! Words of a text, folded, each with the original chars it came from. Shared by index and
//! queries so both split text the same way. Must not know about documents or scoring.

/// One indexed word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The folded word (`État` → `etat`).
    pub text: String,
    /// For each char of `text`, the char index in the original string it came from.
    pub origin: Vec<usize>,
    /// True for the glued form of a hyphenated compound (`pays-bas` → `paysbas`), which is
    /// indexed alongside its parts but is not an extra word of the text.
    pub joined: bool,
}

/// French elided words (`l'`, `qu'`…) carry no meaning of their own: a search for `etat` must
/// find `l'État`, and `l` must not count as a word.
const ELIDED: &[&str] = &[
    "l", "d", "j", "n", "s", "c", "m", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Splits `s` into folded words: alphanumeric runs, French elisions dropped, hyphenated
/// compounds indexed as their parts and glued together.
pub fn tokenize(s: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    Tokenizer::default().each(s, |text, origin, joined| {
        tokens.push(Token {
            text: text.to_string(),
            origin: origin.to_vec(),
            joined,
        });
    });
    tokens
}

/// [`tokenize`] without a `Token` per word: buffers reused from one text to the next, each
/// word lent to a callback. Indexing a corpus and scanning articles for snippets go through
/// hundreds of millions of words; one allocation per word was most of their time.
#[derive(Debug, Default)]
pub struct Tokenizer {
    chars: Vec<char>,
    origin: Vec<usize>,
    word: String,
    joined_origin: Vec<usize>,
    /// Parts of the hyphenated compound being read, as folded char ranges (byte ranges of
    /// `folded` in [`Tokenizer::words`]).
    compound: Vec<(usize, usize)>,
    /// The text folded, for [`Tokenizer::words`].
    folded: Vec<u8>,
}

impl Tokenizer {
    /// Calls `f(folded word, original char index of each of its chars, joined)` for every
    /// word of `s`, in the order [`tokenize`] returns them.
    pub fn each(&mut self, s: &str, mut f: impl FnMut(&str, &[usize], bool)) {
        let Tokenizer {
            chars,
            origin,
            word,
            joined_origin,
            compound,
            ..
        } = self;
        chars.clear();
        origin.clear();
        compound.clear();
        super::fold::fold_into(s, chars, origin);
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && chars[i].is_alphanumeric() {
                i += 1;
            }
            let next_is_word = |k: usize| chars.get(k).is_some_and(|c| c.is_alphanumeric());
            if compound.is_empty()
                && chars.get(i) == Some(&'\'')
                && next_is_word(i + 1)
                && ELIDED
                    .iter()
                    .any(|e| e.chars().eq(chars[start..i].iter().copied()))
            {
                continue;
            }
            compound.push((start, i));
            let hyphen_continues =
                chars.get(i).is_some_and(|&c| is_hyphen(c)) && next_is_word(i + 1);
            if hyphen_continues {
                continue;
            }
            for &(a, b) in compound.iter() {
                word.clear();
                word.extend(&chars[a..b]);
                f(word, &origin[a..b], false);
            }
            if compound.len() > 1 {
                word.clear();
                joined_origin.clear();
                for &(a, b) in compound.iter() {
                    word.extend(&chars[a..b]);
                    joined_origin.extend_from_slice(&origin[a..b]);
                }
                f(word, joined_origin, true);
            }
            compound.clear();
        }
    }
}

impl Tokenizer {
    /// The words [`Tokenizer::each`] gives, without where they came from: `f(folded word,
    /// joined)`. Indexing needs no origins; folding into a string instead of a char and an
    /// origin per char, and lending words as slices of it, was most of an index build.
    pub fn words(&mut self, s: &str, mut f: impl FnMut(&str, bool)) {
        let Tokenizer {
            word,
            compound,
            folded,
            ..
        } = self;
        folded.clear();
        compound.clear();
        super::fold::fold_bytes_into(s, folded);
        // Folding makes UTF-8 of UTF-8; the check costs a fraction of the folding.
        let text = match simdutf8::basic::from_utf8(folded) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(folded),
        };
        let text: &str = &text;
        let at = |k: usize| char_at(text, k);
        let is_word = |k: usize| at(k).is_some_and(char::is_alphanumeric);
        let mut i = 0;
        while let Some(c) = at(i) {
            if !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
            let start = i;
            i = word_end(text, i);
            // An apostrophe is one byte: the char after it starts at `i + 1`.
            let after = at(i);
            if compound.is_empty()
                && after == Some('\'')
                && is_word(i + 1)
                && ELIDED.contains(&&text[start..i])
            {
                continue;
            }
            let hyphen_continues = after
                .filter(|&c| is_hyphen(c))
                .is_some_and(|h| is_word(i + h.len_utf8()));
            if compound.is_empty() && !hyphen_continues {
                // Most words stand alone: lent at once, not gathered as a compound first.
                f(&text[start..i], false);
                continue;
            }
            compound.push((start, i));
            if hyphen_continues {
                continue;
            }
            for &(a, b) in compound.iter() {
                f(&text[a..b], false);
            }
            if compound.len() > 1 {
                word.clear();
                for &(a, b) in compound.iter() {
                    word.push_str(&text[a..b]);
                }
                f(word, true);
            }
            compound.clear();
        }
    }
}

/// Where the word that goes on at byte `i` of `text` ends: its ASCII stretches eight bytes
/// at a time, other chars one by one. Walked a char at a time, the tokenizer's own work was
/// 29 % of an index build's instructions (callgrind, 10k articles). Inlined: called once a
/// word, its call and return were a fifth of its instructions.
#[inline(always)]
fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        i = crate::corpus::runs::ascii_alphanumerics_end(bytes, i);
        match bytes.get(i) {
            Some(b) if !b.is_ascii() => match char_at(text, i) {
                Some(c) if c.is_alphanumeric() => i += c.len_utf8(),
                _ => return i,
            },
            _ => return i,
        }
    }
}

/// The char starting at byte `k` of `text`, if any; ASCII without decoding. For walks that
/// step over ASCII bytes and whole chars, so that `k` is where a char starts (the reading
/// side's fast paths walk text so too).
#[inline]
pub(crate) fn char_at(text: &str, k: usize) -> Option<char> {
    match text.as_bytes().get(k) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text.get(k..).and_then(|t| t.chars().next()),
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn splits_on_non_alphanumerics_and_folds() {
        assert_eq!(
            words("Le groupe État islamique (ÉI)."),
            ["le", "groupe", "etat", "islamique", "ei"]
        );
        assert_eq!(words(""), Vec::<String>::new());
        assert_eq!(words(" ,;! "), Vec::<String>::new());
    }

    #[test]
    fn elisions_are_dropped() {
        assert_eq!(words("l'État"), ["etat"]);
        assert_eq!(
            words("l’opération qu’il d'Europol"),
            ["operation", "il", "europol"]
        );
        assert_eq!(words("aujourd'hui"), ["aujourd", "hui"]);
        // Not followed by a word: not an elision.
        assert_eq!(words("l' x"), ["l", "x"]);
    }

    #[test]
    fn compounds_give_parts_and_glued_form() {
        assert_eq!(words("aux Pays-Bas."), ["aux", "pays", "bas", "paysbas"]);
        let t = tokenize("Pays-Bas");
        assert!(t[2].joined && !t[0].joined);
        assert_eq!(t[2].origin, vec![0, 1, 2, 3, 5, 6, 7]);
        assert_eq!(words("a-t-il"), ["a", "t", "il", "atil"]);
        assert_eq!(words("anti- terroriste"), ["anti", "terroriste"]);
    }

    #[test]
    fn origin_points_into_the_original() {
        let t = tokenize("L'Œuvre");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].text, "oeuvre");
        assert_eq!(t[0].origin, vec![2, 2, 3, 4, 5, 6]);
    }

    /// What [`Tokenizer::words`] gives, as (word, joined).
    fn words_alone(s: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        Tokenizer::default().words(s, |w, joined| out.push((w.to_string(), joined)));
        out
    }

    #[test]
    fn words_alone_are_the_words_with_origins() {
        for s in [
            "Le groupe État islamique (ÉI).",
            "l’opération qu’il d'Europol aujourd'hui l' x",
            "aux Pays-Bas a-t-il anti- terroriste L'Œuvre",
            "porte\u{2010}parole e\u{0301}tat ﬁn d\u{2019}ici qu'-x",
        ] {
            let with: Vec<(String, bool)> = tokenize(s)
                .into_iter()
                .map(|t| (t.text, t.joined))
                .collect();
            assert_eq!(words_alone(s), with, "{s}");
        }
    }

    proptest! {
        #[test]
        fn words_alone_agree_with_each(s in "\\PC{0,60}") {
            let with: Vec<(String, bool)> =
                tokenize(&s).into_iter().map(|t| (t.text, t.joined)).collect();
            prop_assert_eq!(words_alone(&s), with);
        }

        #[test]
        fn words_alone_agree_with_each_on_french(
            s in "([a-zA-Zà-ÿÀ-ÞŒœÆæß0-9]{0,6}|[ '’‘ʼ\u{2010}\u{2011}\u{0301}\u{00A0}.,-]){0,20}"
        ) {
            let with: Vec<(String, bool)> =
                tokenize(&s).into_iter().map(|t| (t.text, t.joined)).collect();
            prop_assert_eq!(words_alone(&s), with);
        }

        #[test]
        fn tokens_are_well_formed(s in "\\PC{0,60}") {
            let n = s.chars().count();
            for t in tokenize(&s) {
                prop_assert!(!t.text.is_empty());
                prop_assert_eq!(t.origin.len(), t.text.chars().count());
                prop_assert!(t.origin.iter().all(|&o| o < n));
                prop_assert!(t.text.chars().all(char::is_alphanumeric));
            }
        }
    }
}
