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
    /// Parts of the hyphenated compound being read, as folded char ranges.
    compound: Vec<(usize, usize)>,
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

    proptest! {
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
