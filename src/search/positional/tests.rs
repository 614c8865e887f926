//! Which documents hold a phrase: positions checked word by word, the word being typed,
//! titles only, and the two halves of the documents agreeing with one pass.
use super::*;
use crate::corpus::{Block, Corpus, Document};

fn doc(title: &str, source: Option<&str>, blocks: &[&str]) -> Document {
    Document {
        title: title.into(),
        source: source.map(Into::into),
        blocks: blocks
            .iter()
            .map(|b| Block::Paragraph((*b).into()))
            .collect(),
        ..Document::default()
    }
}

fn found(corpus: &Corpus, phrase: &[&str], prefix: bool, title_only: bool) -> Vec<usize> {
    let index = Index::build(corpus);
    let words: Vec<String> = phrase.iter().map(|w| w.to_string()).collect();
    let all = vec![true; corpus.docs.len()];
    let never = AtomicBool::new(false);
    let last = words.last().map(String::as_str).unwrap_or_default();
    let typed: Vec<TermId> = index.prefix_range(last).collect();
    let last_word = if prefix {
        LastWord::Typed { terms: &typed }
    } else {
        LastWord::Exact
    };
    phrase_docs(&index, &words, last_word, title_only, &all, &never)
        .unwrap_or_default()
        .held
        .iter()
        .enumerate()
        .filter(|(_, m)| **m)
        .map(|(d, _)| d)
        .collect()
}

fn corpus() -> Corpus {
    Corpus {
        docs: vec![
            doc(
                "Le ministre",
                None,
                &["question", "M. le Ministre de l’Intérieur"],
            ),
            doc("Question au ministre", Some("AFP"), &["de l'intérieur"]),
            doc("Aux Pays-Bas", None, &["la Haye"]),
            doc(
                "Parquet",
                None,
                &["le parquet federal et le parquet fédéral."],
            ),
        ],
        ..Corpus::default()
    }
}

#[test]
fn adjacent_words_only() {
    let c = corpus();
    assert_eq!(
        found(&c, &["ministre", "de", "interieur"], false, false),
        [0]
    );
    assert_eq!(
        found(&c, &["ministre", "interieur"], false, false),
        Vec::<usize>::new()
    );
    assert_eq!(found(&c, &["pays", "bas"], false, false), [2]);
    assert_eq!(found(&c, &["parquet", "federal"], false, false), [3]);
    assert_eq!(
        found(&c, &["parquet", "fed"], false, false),
        Vec::<usize>::new()
    );
}

#[test]
fn no_phrase_across_fields_or_blocks() {
    let c = corpus();
    // Title `... ministre` then body `de l'intérieur`; title `Le ministre` then block
    // `question`.
    assert_eq!(found(&c, &["ministre", "de"], false, false), [0]);
    assert_eq!(
        found(&c, &["ministre", "question"], false, false),
        Vec::<usize>::new()
    );
    assert_eq!(
        found(&c, &["ministre", "afp"], false, false),
        Vec::<usize>::new()
    );
}

#[test]
fn last_word_by_prefix_and_title_only() {
    let c = corpus();
    assert_eq!(found(&c, &["parquet", "fed"], true, false), [3]);
    assert_eq!(found(&c, &["ministre", "de", "int"], true, false), [0]);
    assert_eq!(found(&c, &["qu"], true, false), [0, 1]);
    // A glued compound is no word of its own: `paysbas` has no position to start a phrase.
    assert_eq!(found(&c, &["paysb"], true, false), Vec::<usize>::new());
    assert_eq!(found(&c, &["paysb"], true, true), Vec::<usize>::new());
    assert!(found(&c, &["pays"], true, false).contains(&2));
    assert_eq!(found(&c, &["qu"], true, true), [1]);
    assert_eq!(found(&c, &["au", "min"], true, true), [1]);
    assert_eq!(found(&c, &["le", "ministre"], false, true), [0]);
    assert_eq!(
        found(&c, &["le", "parquet"], false, true),
        Vec::<usize>::new()
    );
    assert_eq!(
        found(&c, &["nowhere", "x"], true, false),
        Vec::<usize>::new()
    );
    assert_eq!(found(&c, &[], true, false), Vec::<usize>::new());
}

proptest::proptest! {
    #[test]
    fn both_halves_find_what_one_pass_finds(
        texts in proptest::collection::vec(
            proptest::collection::vec(proptest::sample::select(&["le", "parquet", "federal", "fait", "feu"][..]), 0..12),
            1..24,
        ),
        phrase in proptest::collection::vec(proptest::sample::select(&["le", "parquet", "federal", "fait", "f", "fe"][..]), 1..4),
        prefix: bool,
    ) {
        let docs: Vec<Document> = texts.iter().map(|t| doc("", None, &[&t.join(" ")])).collect();
        let corpus = Corpus { docs, warnings: Vec::new() };
        let index = Index::build(&corpus);
        let words: Vec<String> = phrase.iter().map(|w| w.to_string()).collect();
        let typed: Vec<TermId> = index.prefix_range(&words[words.len() - 1]).collect();
        let last_word = if prefix { LastWord::Typed { terms: &typed } } else { LastWord::Exact };
        let all = vec![true; corpus.docs.len()];
        let never = AtomicBool::new(false);
        let phrase = Phrase {
            index: &index,
            words: &words,
            last_word,
            title_only: false,
            candidates: &all,
            cancel: &never,
        };
        let (one, two) = (phrase.found(usize::MAX), phrase.found(0));
        let (Some(one), Some(two)) = (one, two) else {
            return Err(proptest::test_runner::TestCaseError::fail("cancelled"));
        };
        proptest::prop_assert_eq!(&one.held, &two.held);
        // What reading each text word by word finds.
        let last = words.len() - 1;
        let at = |t: &[&str]| {
            let is = |(i, (a, b)): (usize, (&&str, &String))| {
                if prefix && i == last { a.starts_with(b.as_str()) } else { a == b }
            };
            t.windows(words.len()).any(|w| w.iter().zip(&words).enumerate().all(is))
        };
        let read: Vec<bool> = texts.iter().map(|t| at(t)).collect();
        proptest::prop_assert_eq!(&one.held, &read);
        let (mut a, mut b) = (one.completed, two.completed);
        a.sort_by_key(|c| c.0);
        b.sort_by_key(|c| c.0);
        proptest::prop_assert_eq!(&a, &b);
        if prefix {
            // One entry per document holding the phrase: the first term, in vocabulary
            // order, that completes it there.
            let is = |(i, (a, b)): (usize, (&&str, &String))| {
                if i == last { a.starts_with(b.as_str()) } else { a == b }
            };
            let term_of = |w: &str| typed.iter().position(|&t| index.term(t) == w);
            let expected: Vec<(usize, usize)> = texts
                .iter()
                .enumerate()
                .filter_map(|(d, t)| {
                    t.windows(words.len())
                        .filter(|w| w.iter().zip(&words).enumerate().all(is))
                        .filter_map(|w| term_of(w[last]))
                        .min()
                        .map(|k| (d, k))
                })
                .collect();
            let completed: Vec<(usize, usize)> = a.iter().map(|c| (c.0, c.1)).collect();
            proptest::prop_assert_eq!(completed, expected);
        }
    }
}
