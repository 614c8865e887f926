//! Unit tests of matching query words against the vocabulary.
use super::*;
use crate::corpus::{Block, Corpus, Document};

fn index(words: &str) -> Index {
    let doc = Document {
        blocks: vec![Block::Paragraph(words.into())].into(),
        ..Document::default()
    };
    Index::build(&Corpus {
        docs: vec![doc],
        ..Corpus::default()
    })
}

fn matches(index: &Index, word: &str) -> Vec<(String, MatchKind)> {
    let never = AtomicBool::new(false);
    let m = SkimMatcherV2::default();
    let mut v: Vec<_> = match_word(index, &m, word, &never)
        .unwrap_or_default()
        .into_iter()
        .map(|t| (index.term(t.term).to_string(), t.kind))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

const WORDS: &str =
    "europol eurojust etat etait etats propagande radicalisation daesh djihadiste jihadistes";

#[test]
fn exact_and_prefix() {
    let ix = index(WORDS);
    assert_eq!(
        matches(&ix, "etat"),
        [
            ("etat".into(), MatchKind::Exact),
            ("etats".into(), MatchKind::Prefix)
        ]
    );
    assert_eq!(
        matches(&ix, "radical"),
        [("radicalisation".into(), MatchKind::Prefix)]
    );
}

#[test]
fn typos_find_the_word() {
    let ix = index(WORDS);
    for (typo, word) in [
        ("eurpol", "europol"),
        ("propagnde", "propagande"),
        ("eruopol", "europol"),
        ("europoll", "europol"),
        ("deash", "daesh"),
    ] {
        assert_eq!(
            matches(&ix, typo),
            [(word.into(), MatchKind::Fuzzy)],
            "{typo}"
        );
    }
}

#[test]
fn long_words_take_their_spelling_variants() {
    let ix = index(WORDS);
    assert_eq!(
        matches(&ix, "jihadiste"),
        [
            ("djihadiste".into(), MatchKind::Fuzzy),
            ("jihadistes".into(), MatchKind::Prefix)
        ]
    );
    assert_eq!(
        matches(&ix, "djihadiste"),
        [
            ("djihadiste".into(), MatchKind::Exact),
            ("jihadistes".into(), MatchKind::Fuzzy)
        ]
    );
    // A changed letter is a typo only when the word itself is unknown.
    assert_eq!(
        matches(&index("terroriste terrorisme"), "terrorisme"),
        [("terrorisme".into(), MatchKind::Exact)]
    );
    assert_eq!(
        matches(&ix, "djihadistes"),
        [
            ("djihadiste".into(), MatchKind::Fuzzy),
            ("jihadistes".into(), MatchKind::Fuzzy)
        ]
    );
}

#[test]
fn short_prefixes_keep_the_most_frequent_terms() {
    let words: Vec<String> = (0..MAX_PREFIX_TERMS + 10)
        .map(|i| format!("r{i:04}"))
        .collect();
    let ix = index(&words.join(" "));
    let found = matches(&ix, "r");
    // Equally frequent here: ties go to vocabulary order.
    assert_eq!(found.len(), MAX_PREFIX_TERMS);
    assert!(found.windows(2).all(|w| w[0].0 < w[1].0));
    assert_eq!(found[0].0, "r0000");
    assert_eq!(matches(&ix, "r0003"), [("r0003".into(), MatchKind::Exact)]);
}

#[test]
fn a_prefix_held_everywhere_keeps_its_most_frequent_continuations_within_budget() {
    // 30 articles each holding `ra0` to `ra9` and a word of their own; one also `ra`.
    let docs: Vec<Document> = (0..30)
        .map(|i| {
            let exact = if i == 7 { " ra" } else { "" };
            Document {
                blocks: vec![Block::Paragraph(format!(
                    "ra0 ra1 ra2 ra3 ra4 ra5 ra6 ra7 ra8 ra9 rb{i:03}{exact}"
                ))]
                .into(),
                ..Document::default()
            }
        })
        .collect();
    let ix = Index::build(&Corpus {
        docs,
        ..Corpus::default()
    });
    let terms = |word: &str, budget: usize| -> Vec<String> {
        capped_within(&ix, word, budget)
            .unwrap_or_default()
            .into_iter()
            .map(|t| ix.term(t).to_string())
            .collect()
    };
    // 30 postings each: three continuations fit in 100, the rare `rb…` none.
    assert_eq!(terms("r", 100), ["ra0", "ra1", "ra2"]);
    // The exact term comes first and costs its share.
    assert_eq!(terms("ra", 100), ["ra", "ra0", "ra1", "ra2"]);
    // The most frequent continuation stays even past the budget.
    assert_eq!(terms("r", 10), ["ra0"]);
    assert_eq!(terms("ra", 0), ["ra", "ra0"]);
    // Within the budget, nothing is cut.
    assert!(capped_within(&ix, "ra", 1000).is_none());
}

#[test]
fn short_or_nonsense_words_match_nothing() {
    let ix = index(WORDS);
    assert!(matches(&ix, "zqxjk").is_empty());
    assert!(matches(&ix, "eto").is_empty());
    assert!(matches(&ix, "").is_empty());
}

#[test]
fn edit_distance() {
    let d = |a: &str, b: &str, m| {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        edit_distance_within(&a, &b, m)
    };
    assert_eq!(d("europol", "europol", 1), Some(0));
    assert_eq!(d("eruopol", "europol", 1), Some(1));
    assert_eq!(d("eurepal", "europol", 2), Some(2));
    assert_eq!(d("eurepal", "europol", 1), None);
    assert_eq!(d("", "ab", 2), Some(2));
}
