//! The word lists shipped in `assets/gazetteer` and `assets/stopwords`, compiled into the
//! binary and parsed once. Must not decide what a word in a text is (names.rs, keywords.rs).

use super::words::{Tok, tokens, with_folded};
use crate::search::fold::fold_str;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Person,
    Organization,
    Place,
}

/// A known name, as folded words; `capitals[i]` says word i must be written with a capital.
#[derive(Debug)]
pub struct Entry {
    pub words: Vec<String>,
    pub capitals: Vec<bool>,
    pub kind: Kind,
}

pub struct Lists {
    /// Known names by their first folded word, longest first.
    pub names: FxHashMap<String, Vec<Entry>>,
    /// Bit `len.min(63)` of `name_starts[b]` is set when some key of `names` starts with
    /// byte `b` and has that length: most words are ruled out before hashing them.
    pub name_starts: [u64; 256],
    pub agencies: Vec<String>,
    pub first_names: FxHashSet<String>,
    pub org_words: FxHashSet<String>,
    pub titles: FxHashSet<String>,
    pub not_names: FxHashSet<String>,
    pub stopwords: FxHashSet<String>,
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn folded_set(text: &str) -> FxHashSet<String> {
    lines(text).map(fold_str).collect()
}

pub static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let mut names: FxHashMap<String, Vec<Entry>> = FxHashMap::default();
    let agencies_text = include_str!("../../assets/gazetteer/agencies.txt");
    for (text, kind) in [
        (
            include_str!("../../assets/gazetteer/places.txt"),
            Kind::Place,
        ),
        (
            include_str!("../../assets/gazetteer/organizations.txt"),
            Kind::Organization,
        ),
        (agencies_text, Kind::Organization),
        (
            include_str!("../../assets/gazetteer/people.txt"),
            Kind::Person,
        ),
    ] {
        for line in lines(text) {
            let mut words = Vec::new();
            let mut capitals = Vec::new();
            for t in tokens(line) {
                if let Tok::Word(w) = t {
                    words.push(fold_str(w.text));
                    capitals.push(w.text.chars().next().is_some_and(char::is_uppercase));
                }
            }
            if let Some(first) = words.first().cloned() {
                names.entry(first).or_default().push(Entry {
                    words,
                    capitals,
                    kind,
                });
            }
        }
    }
    for entries in names.values_mut() {
        entries.sort_by_key(|e| std::cmp::Reverse(e.words.len()));
    }
    let mut name_starts = [0u64; 256];
    for key in names.keys() {
        if let Some(&b) = key.as_bytes().first() {
            name_starts[usize::from(b)] |= 1 << key.len().min(63);
        }
    }
    let mut stopwords = folded_set(include_str!("../../assets/stopwords/keywords-fr.txt"));
    stopwords.extend(folded_set(include_str!(
        "../../assets/stopwords/keywords-en.txt"
    )));
    Lists {
        names,
        name_starts,
        agencies: lines(agencies_text).map(str::to_string).collect(),
        first_names: folded_set(include_str!("../../assets/gazetteer/first-names.txt")),
        org_words: folded_set(include_str!("../../assets/gazetteer/org-words.txt")),
        titles: folded_set(include_str!("../../assets/gazetteer/titles.txt")),
        not_names: folded_set(include_str!("../../assets/gazetteer/not-names.txt")),
        stopwords,
    }
});

/// The longest known name starting at `toks[i]`: its kind and how many tokens it covers.
pub fn known_at(toks: &[Tok<'_>], i: usize) -> Option<(Kind, usize)> {
    let Some(Tok::Word(first)) = toks.get(i) else {
        return None;
    };
    let entries = with_folded(first.text, |f| {
        let b = usize::from(*f.as_bytes().first()?);
        let lens = LISTS.name_starts.get(b)?;
        if lens >> f.len().min(63) & 1 == 0 {
            return None;
        }
        LISTS.names.get(f)
    })?;
    'entries: for e in entries {
        for (j, (word, capital)) in e.words.iter().zip(&e.capitals).enumerate() {
            let Some(Tok::Word(w)) = toks.get(i + j) else {
                continue 'entries;
            };
            let written_capital = w.text.chars().next().is_some_and(char::is_uppercase);
            if (*capital && !written_capital) || !with_folded(w.text, |f| f == word) {
                continue 'entries;
            }
        }
        return Some((e.kind, e.words.len()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_match() {
        let t = tokens("à La Haye, le parquet fédéral belge et l'Etat islamique");
        assert_eq!(known_at(&t, 1), Some((Kind::Place, 2)));
        let at = |w: &str| {
            t.iter()
                .position(|x| matches!(x, Tok::Word(y) if y.text == w))
                .unwrap_or(usize::MAX)
        };
        assert_eq!(known_at(&t, at("parquet")), Some((Kind::Organization, 3)));
        assert_eq!(known_at(&t, at("Etat")), Some((Kind::Organization, 2)));
        assert!(tokens("la haye").len() == 2 && known_at(&tokens("la haye"), 0).is_none());
        assert!(LISTS.stopwords.contains("etait") && LISTS.first_names.contains("eric"));
    }
}
