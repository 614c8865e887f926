//! Unit tests of the index: vocabulary, postings, positions, title words.
use super::varint::{read_varint, write_varint};
use super::*;
use crate::corpus::{Block, Document};

pub(crate) fn doc(title: &str, source: Option<&str>, body: &str) -> Document {
    Document {
        title: title.into(),
        source: source.map(Into::into),
        blocks: vec![Block::Paragraph(body.into())].into(),
        ..Document::default()
    }
}

fn corpus() -> Corpus {
    Corpus {
        docs: vec![
            doc(
                "L'État islamique",
                Some("AFP"),
                "Europol et l'État. Europol.",
            ),
            doc("Aux Pays-Bas", None, "La Haye, aux Pays-Bas, europol"),
        ],
        ..Corpus::default()
    }
}

#[test]
fn vocabulary_is_sorted_folded_and_unique() {
    let index = Index::build(&corpus());
    let v = index.vocabulary();
    assert!(v.are_sorted_unique());
    assert!(v.iter().any(|t| t == "etat"));
    assert!(v.iter().any(|t| t == "paysbas"));
    assert!(!v.iter().any(|t| t == "l"));
}

#[test]
fn postings_count_per_field() {
    let index = Index::build(&corpus());
    let list = |word: &str| {
        index
            .term_id(word)
            .map(|id| index.postings(id).iter().collect::<Vec<_>>())
    };
    assert_eq!(
        list("europol"),
        Some(vec![
            Posting {
                doc: 0,
                title_tf: 0,
                body_tf: 2
            },
            Posting {
                doc: 1,
                title_tf: 0,
                body_tf: 1
            }
        ])
    );
    let afp = list("afp");
    assert_eq!(
        afp,
        Some(vec![Posting {
            doc: 0,
            title_tf: 1,
            body_tf: 0
        }])
    );
    // Glued compounds are indexed but are not extra words.
    assert_eq!(index.lens(1), FieldLens { title: 3, body: 6 });
}

#[test]
fn prefix_range_finds_every_continuation() {
    let index = Index::build(&corpus());
    let found: Vec<&str> = index.prefix_range("pay").map(|id| index.term(id)).collect();
    assert_eq!(found, ["pays", "paysbas"]);
    assert!(index.prefix_range("zzz").is_empty());
    assert_eq!(index.prefix_range("").len(), index.vocabulary().len());
}

#[test]
fn title_words_map_to_original_chars() {
    let index = Index::build(&corpus());
    let words: Vec<TitleWord> = index.title_words(0).collect();
    let found: Vec<(&str, &[u32])> = words
        .iter()
        .map(|w| (index.term(w.term), w.origin))
        .collect();
    assert_eq!(
        found,
        [
            ("etat", &[2, 3, 4, 5][..]),
            ("islamique", &[7, 8, 9, 10, 11, 12, 13, 14, 15][..])
        ]
    );
    let second: Vec<&str> = index.title_words(1).map(|w| index.term(w.term)).collect();
    assert_eq!(index.title_words(1).len(), second.len());
    assert!(
        second.contains(&"paysbas") && second.contains(&"aux"),
        "{second:?}"
    );
    assert_eq!(index.title_words(99).len(), 0);
}

#[test]
fn positions_follow_words_with_a_gap_between_fields() {
    let index = Index::build(&corpus());
    let decoded = |term: &str| -> Vec<Vec<u32>> {
        let id = index.term_id(term).unwrap_or(TermId::MAX);
        index
            .positions(id)
            .map(|bytes| {
                let mut out = Vec::new();
                decode_positions(bytes, &mut out);
                out
            })
            .collect()
    };
    // Doc 0: title `etat islamique` (0, 1), gap, source `afp` (3), gap, body from 5:
    // `europol et etat europol` (5..9).
    assert_eq!(index.body_start(0), 5);
    // Doc 1: title `aux pays bas` (0..3), gap, body `la haye aux pays bas europol` (4..10).
    assert_eq!(index.body_start(1), 4);
    assert_eq!(decoded("europol"), [vec![5, 8], vec![9]]);
    assert_eq!(decoded("etat"), [vec![0, 7]]);
    assert_eq!(decoded("pays"), [vec![1, 7]]);
    // Glued compounds are indexed but hold no position.
    assert_eq!(decoded("paysbas"), [Vec::<u32>::new()]);
}

#[test]
fn varints_round_trip() {
    let mut bytes = Vec::new();
    for v in [0, 1, 127, 128, 300, u32::MAX] {
        write_varint(&mut bytes, v);
    }
    let mut rest = &bytes[..];
    for v in [0, 1, 127, 128, 300, u32::MAX] {
        let (got, r) = read_varint(rest);
        assert_eq!(got, v);
        rest = r;
    }
    assert!(rest.is_empty());
    assert_eq!(read_varint(&[0x80]), (0, &[][..]));
}

#[test]
fn empty_corpus_and_cancel() {
    let index = Index::build(&Corpus::default());
    assert_eq!(index.doc_count(), 0);
    assert_eq!(index.average_lens(), (0.0, 0.0));
    let cancel = AtomicBool::new(true);
    assert!(Index::build_with(&corpus(), &cancel, &mut |_, _| {}).is_none());
}

#[test]
fn index_can_be_shared_between_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Index>();
}

/// More documents than one build run holds (on two cores or more): what the runs give must
/// read as one index.
#[test]
fn a_large_corpus_reads_as_one_pass_in_document_order() {
    let n = 5000usize;
    let docs = (0..n)
        .map(|d| {
            let title = if d % 3 == 0 { "alpha" } else { "beta gamma" };
            let mut body = vec!["common"; d % 7 + 1].join(" ");
            if [5, 2499, 2500, 4999].contains(&d) {
                body.push_str(" rare");
            }
            doc(title, None, &body)
        })
        .collect();
    let corpus = Corpus {
        docs,
        ..Corpus::default()
    };
    let mut reports = Vec::new();
    let never = AtomicBool::new(false);
    let index = Index::build_with(&corpus, &never, &mut |done, total| {
        reports.push((done, total));
    })
    .unwrap_or_default();
    assert_eq!(index.doc_count(), n);
    assert_eq!(
        index.vocabulary().iter().collect::<Vec<_>>(),
        ["alpha", "beta", "common", "gamma", "rare"]
    );
    assert!(reports.windows(2).all(|w| w[0].0 <= w[1].0));
    assert_eq!(reports.last(), Some(&(n, n)));

    let id = |t: &str| index.term_id(t).unwrap_or(TermId::MAX);
    let common = index.postings(id("common"));
    assert_eq!(common.len(), n);
    for (d, p) in common.iter().enumerate() {
        assert_eq!((p.doc as usize, p.body_tf as usize), (d, d % 7 + 1));
    }
    let rare: Vec<u32> = index.postings(id("rare")).iter().map(|p| p.doc).collect();
    assert_eq!(rare, [5, 2499, 2500, 4999]);
    // Every list reads back whole: a first posting in a later run is a gap after the
    // last in the run before, sized before either was placed.
    assert!(index.fits(n));

    let mut at = Vec::new();
    for (d, bytes) in index.positions(id("common")).enumerate() {
        decode_positions(bytes, &mut at);
        let start = index.body_start(d);
        let expected: Vec<u32> = (start..).take(d % 7 + 1).collect();
        assert_eq!(at, expected, "doc {d}");
    }
    for d in [0, 1, 2047, 2048, 2499, 2500, 2501, 4999] {
        let first = index.title_words(d).next().map(|w| index.term(w.term));
        let expected = if d % 3 == 0 { "alpha" } else { "beta" };
        assert_eq!(first, Some(expected), "doc {d}");
    }
}

/// Counts and lengths past one byte (a varint of several bytes in the build's buffers): a
/// word said hundreds of times, among more distinct words than fit in a byte.
#[test]
fn long_position_lists_and_large_vocabularies_read_back_whole() {
    let many: Vec<String> = (0..400).map(|i| format!("mot{i}")).collect();
    let body = format!("{} {}", many.join(" "), vec!["encore"; 300].join(" "));
    let corpus = Corpus {
        docs: vec![
            doc("Titre", None, &body),
            doc("Autre", None, "encore mot399"),
        ],
        ..Corpus::default()
    };
    let index = Index::build(&corpus);
    let id = |t: &str| index.term_id(t).unwrap_or(TermId::MAX);
    let encore = index.postings(id("encore"));
    assert_eq!(
        encore
            .iter()
            .map(|p| (p.doc, p.body_tf))
            .collect::<Vec<_>>(),
        [(0, 300), (1, 1)]
    );
    let mut at = Vec::new();
    let lists: Vec<Vec<u32>> = index
        .positions(id("encore"))
        .map(|bytes| {
            decode_positions(bytes, &mut at);
            at.clone()
        })
        .collect();
    let start = index.body_start(0);
    let first: Vec<u32> = (start + 400..start + 700).collect();
    assert_eq!(lists, [first, vec![index.body_start(1)]]);
    let last = index.postings(id("mot399"));
    assert_eq!(last.iter().map(|p| p.doc).collect::<Vec<_>>(), [0, 1]);
    // Skipping records (a phrase's second half does) lands where walking them does.
    let records: Vec<&[u8]> = index.positions(id("encore")).collect();
    for k in 0..=records.len() {
        assert_eq!(
            index.positions(id("encore")).nth(k),
            records.get(k).copied()
        );
        let rest: Vec<&[u8]> = index.positions(id("encore")).skip(k).collect();
        assert_eq!(rest, records[k..]);
    }
}

/// Words of many first letters (each its own bucket of the build), accents and digits.
const WORDS: [&str; 12] = [
    "alpha",
    "amaq",
    "Bruxelles",
    "europol",
    "État",
    "fédéral",
    "parquet",
    "propagande",
    "zèle",
    "2016",
    "ñandú",
    "œuvre",
];

proptest::proptest! {
    /// The buckets of terms are laid out by several threads, each its own stretch of the
    /// arrays: cut anywhere, a stretch must hold exactly its terms' postings and positions.
    #[test]
    fn an_index_laid_out_by_several_threads_is_the_one_laid_out_by_one(
        texts in proptest::collection::vec(
            proptest::collection::vec(proptest::sample::select(&WORDS[..]), 0..30),
            1..20,
        ),
        threads in 2usize..9,
    ) {
        let docs = texts
            .iter()
            .enumerate()
            .map(|(d, words)| doc(WORDS[d % WORDS.len()], None, &words.join(" ")))
            .collect();
        let corpus = Corpus {
            docs,
            ..Corpus::default()
        };
        let one = super::build::laid_out_by(&corpus, 1);
        let many = super::build::laid_out_by(&corpus, threads);
        // Index has no PartialEq; its serde form covers postings, positions and titles.
        proptest::prop_assert_eq!(postcard::to_stdvec(&many).ok(), postcard::to_stdvec(&one).ok());
        let id = |t: &str| one.term_id(t).unwrap_or(TermId::MAX);
        let title = |d: usize| WORDS[d % WORDS.len()];
        let with = |(d, w): &(usize, &Vec<&str>)| w.contains(&"parquet") || title(*d) == "parquet";
        let expected = texts.iter().enumerate().filter(with).count();
        proptest::prop_assert_eq!(many.postings(id("parquet")).len(), expected);
    }
}

/// A posting's record is a few varints whose sizes the build counts before it writes them:
/// gaps and counts on either side of a varint's one-byte limit must read back as built.
#[test]
fn postings_with_gaps_and_counts_past_a_byte_read_back() {
    // Gaps of 127 (one byte), 128 (two), 1 and 44; body counts of 63 and 64 (a record's
    // counts are the body count doubled), and a title count.
    let holders: [(usize, &str, usize); 5] = [
        (0, "Titre", 63),
        (127, "Titre", 64),
        (255, "Jalon jalon", 1),
        (256, "Titre", 200),
        (300, "Titre", 1),
    ];
    let docs = (0..=300)
        .map(|d| match holders.iter().find(|h| h.0 == d) {
            Some(&(_, title, n)) => doc(title, None, &vec!["jalon"; n].join(" ")),
            None => doc("Titre", None, "autre"),
        })
        .collect();
    let corpus = Corpus {
        docs,
        ..Corpus::default()
    };
    let index = Index::build(&corpus);
    let jalon = index.term_id("jalon").unwrap_or(TermId::MAX);
    let read: Vec<(u32, u16, u16)> = index
        .postings(jalon)
        .iter()
        .map(|p| (p.doc, p.title_tf, p.body_tf))
        .collect();
    assert_eq!(
        read,
        [
            (0, 0, 63),
            (127, 0, 64),
            (255, 2, 1),
            (256, 0, 200),
            (300, 0, 1)
        ]
    );
    assert!(index.fits(corpus.docs.len()));
}
