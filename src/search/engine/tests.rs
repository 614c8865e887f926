//! Unit and property tests of running queries: matching, ranking, title highlights.
use super::*;
use crate::corpus::{Block, Document};
use proptest::prelude::*;

fn doc(title: &str, body: &str) -> Document {
    Document {
        title: title.into(),
        blocks: vec![Block::Paragraph(body.into())].into(),
        ..Document::default()
    }
}

fn corpus() -> Corpus {
    Corpus {
        docs: vec![
            doc(
                "Rapport annuel",
                "Europol publie son rapport. L'État islamique recule.",
            ),
            doc("Europol et l'État islamique", "Europol, Europol."),
            doc("La Haye", "Siège aux Pays-Bas."),
        ],
        ..Corpus::default()
    }
}

fn docs(query: &str) -> Vec<usize> {
    let c = corpus();
    run(&Index::build(&c), &c, query)
        .iter()
        .map(|h| h.doc)
        .collect()
}

#[test]
fn blank_query_lists_everything_in_order() {
    let c = corpus();
    let hits = run(&Index::build(&c), &c, "  ");
    assert_eq!(hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [0, 1, 2]);
    assert!(
        hits.iter()
            .all(|h| h.score == 0 && h.title_matches().is_empty())
    );
}

#[test]
fn words_are_anded_and_title_ranks_first() {
    assert_eq!(docs("europol"), [1, 0]);
    assert_eq!(docs("etat islamique"), [1, 0]);
    assert_eq!(docs("europol haye"), Vec::<usize>::new());
    assert_eq!(docs("pays-bas"), [2]);
    assert_eq!(docs("zqxjk"), Vec::<usize>::new());
}

#[test]
fn title_highlights_point_at_original_chars() {
    let c = corpus();
    let hits = run(&Index::build(&c), &c, "etat eur");
    let hit = hits
        .iter()
        .find(|h| h.doc == 1)
        .map(|h| h.title_matches().to_vec());
    // "Europol et l'État islamique": `Eur` of Europol, `État`.
    assert_eq!(hit, Some(vec![0, 1, 2, 13, 14, 15, 16]));
}

#[test]
fn fuzzy_highlight_maps_through_folding() {
    let c = Corpus {
        docs: vec![doc("Propagande d'État", "")],
        ..Corpus::default()
    };
    let hits = run(&Index::build(&c), &c, "propagnde");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].title_matches(), [0, 1, 2, 3, 4, 5, 7, 8, 9]);
}

#[test]
fn phrases_exclusions_and_alternatives() {
    assert_eq!(docs("\"etat islamique\""), [1, 0]);
    assert_eq!(docs("\"islamique etat\""), Vec::<usize>::new());
    assert_eq!(docs("europol -rapport"), [1]);
    assert_eq!(docs("-europol"), [2]);
    // "Haye" is in a title, "recule" only in a body.
    assert_eq!(docs("haye | recule"), [2, 0]);
    assert_eq!(docs("haye | zqxjk"), [2]);
}

#[test]
fn phrase_highlights_only_the_phrase() {
    let c = Corpus {
        docs: vec![doc("État et État islamique", "")],
        ..Corpus::default()
    };
    let hits = run(&Index::build(&c), &c, "\"etat isl");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].title_matches(), [8, 9, 10, 11, 13, 14, 15]);
}

#[test]
fn cancelled_query_returns_none() {
    let c = corpus();
    let cancel = AtomicBool::new(true);
    assert_eq!(
        run_with_cancel(&Index::build(&c), &c, "europol", &cancel),
        None
    );
}

#[test]
fn stale_index_never_yields_missing_docs() {
    let c = corpus();
    let index = Index::build(&c);
    let smaller = Corpus {
        docs: c.docs[..1].to_vec(),
        ..Corpus::default()
    };
    assert_eq!(run(&index, &smaller, "europol").len(), 1);
    assert!(run(&Index::default(), &c, "europol").is_empty());
}

proptest! {
    #[test]
    fn any_query_is_safe(q in "\\PC{0,40}") {
        let c = corpus();
        let hits = run(&Index::build(&c), &c, &q);
        for h in hits {
            prop_assert!(h.doc < c.docs.len());
            let n = c.docs[h.doc].title.chars().count();
            prop_assert!(h.title_matches().iter().all(|&i| i < n));
        }
    }
}

#[test]
fn ties_go_newest_first_and_undated_last() {
    use crate::corpus::PartialDate;
    let dated = |year, title: &str| Document {
        date: Some(PartialDate {
            year,
            ..PartialDate::default()
        }),
        ..doc(title, "même texte")
    };
    let c = Corpus {
        docs: vec![
            doc("Sans date", "même texte"),
            dated(2017, "Ancien"),
            dated(2020, "Récent"),
        ],
        ..Corpus::default()
    };
    let order = |q: &str| -> Vec<usize> {
        run(&Index::build(&c), &c, q)
            .iter()
            .map(|h| h.doc)
            .collect()
    };
    assert_eq!(order("texte"), [2, 1, 0]);
    assert_eq!(order("-zqxjk"), [2, 1, 0]);
    assert_eq!(order("date:2017..2020"), [2, 1]);
    // No words: corpus order, as listed.
    assert_eq!(order(""), [0, 1, 2]);
}

#[test]
fn counts_and_snippets_for_returned_hits_only() {
    let c = corpus();
    let hits = run(&Index::build(&c), &c, "europol");
    let counts: Vec<(usize, usize)> = hits.iter().map(|h| (h.doc, h.matches)).collect();
    assert_eq!(counts, [(1, 3), (0, 1)]);
    let s = hits[0].snippet().cloned().unwrap_or_default();
    assert_eq!(
        (s.text.as_str(), s.highlights),
        ("Europol, Europol.", vec![0..7, 9..16])
    );
    assert!(
        run(&Index::build(&c), &c, "")
            .iter()
            .all(|h| h.snippet().is_none())
    );
}

#[test]
fn only_the_first_hits_are_reread_for_snippets() {
    let n = SNIPPET_HITS + 5;
    let c = Corpus {
        docs: (0..n)
            .map(|i| doc(&format!("Article {i}"), "Europol et Eurojust, Europol."))
            .collect(),
        ..Corpus::default()
    };
    let index = Index::build(&c);
    let hits = run(&index, &c, "europol");
    assert_eq!(hits.len(), n);
    assert!(hits[..SNIPPET_HITS].iter().all(|h| h.snippet().is_some()));
    assert!(hits[SNIPPET_HITS..].iter().all(|h| h.snippet().is_none()));
    // Counted in the text or from the postings, a plain word counts the same.
    assert!(hits.iter().all(|h| h.matches == 2));
    let phrase = run(&index, &c, "\"europol et\"");
    assert!(phrase[SNIPPET_HITS..].iter().all(|h| h.matches == 1));
}

#[test]
fn ranked_hits_give_the_snippets_run_gives() {
    let c = corpus();
    let index = Index::build(&c);
    let never = AtomicBool::new(false);
    for q in [
        "europol",
        "etat isl",
        "\"etat islamique\"",
        "-haye",
        "title:europol",
    ] {
        let full = run(&index, &c, q);
        let ranked = rank(&index, &c, q, &never).unwrap_or_default();
        assert_eq!(ranked.hits.len(), full.len(), "{q}");
        for (lazy, hit) in ranked.hits.iter().zip(&full) {
            assert_eq!((lazy.doc, lazy.score), (hit.doc, hit.score), "{q}");
            assert!(lazy.title_matches().is_empty(), "{q}");
            assert_eq!(
                ranked.title_matches(&c, hit.doc),
                hit.title_matches(),
                "{q}"
            );
            assert_eq!(lazy.snippet(), None);
            let (matches, snippet) = ranked.snippet_for(&c, hit.doc);
            assert_eq!(
                (matches, snippet),
                (hit.matches, hit.snippet().cloned()),
                "{q}"
            );
        }
    }
    let blank = rank(&index, &c, "", &never).unwrap_or_default();
    assert_eq!(blank.hits.len(), 3);
    assert_eq!(blank.snippet_for(&c, 0), (0, None));
    assert_eq!(blank.snippet_for(&c, 99), (0, None));
}
