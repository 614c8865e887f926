//! Matches inside one article (reader highlights, `n`/`N`, per-term counts) and the
//! in-article find, on the seeds and on generated text. Must not test ranking.

use proptest::prelude::*;
use std::ops::Range;

use std::sync::atomic::AtomicBool;
use veille::corpus::source::embedded;
use veille::corpus::{Block, Corpus, Document};
use veille::search::{DocMatches, Index, find_text, locate, rank};

fn marked(text: &str, r: &Range<usize>) -> String {
    text.chars().skip(r.start).take(r.end - r.start).collect()
}

/// Every highlighted piece of text, title first, in reading order.
fn pieces(doc: &Document, m: &DocMatches) -> Vec<String> {
    m.title
        .iter()
        .map(|r| marked(&doc.title, r))
        .chain(
            m.blocks
                .iter()
                .map(|(b, r)| marked(doc.blocks[*b].text(), r)),
        )
        .collect()
}

fn article() -> Document {
    Document {
        title: "L’œuvre de l'État aux Pays-Bas".into(),
        blocks: vec![
            Block::Paragraph("Europol et l’EI. Europol, encore Europol.".into()),
            Block::Heading("Radicalisation".into()),
            Block::Paragraph("Les djihadistes ; un jihadiste ; l'Etat. Œuvre d'art.".into()),
        ]
        .into(),
        ..Document::default()
    }
}

fn index_of(doc: &Document) -> Index {
    Index::build(&Corpus {
        docs: vec![doc.clone()],
        ..Corpus::default()
    })
}

mod search {
    use super::*;

    #[test]
    fn locate_finds_every_form_of_each_word() {
        let doc = article();
        let index = index_of(&doc);
        let m = locate(&index, &doc, "Etat eurpol radical -djihadistes");
        assert_eq!(
            pieces(&doc, &m),
            ["État", "Europol", "Europol", "Europol", "Radical", "Etat"]
        );
        assert_eq!(
            m.per_term,
            [
                ("Etat".to_string(), 2),
                ("eurpol".to_string(), 3),
                ("radical".to_string(), 1)
            ]
        );
        // Reading order: by block, then position.
        assert!(
            m.blocks
                .windows(2)
                .all(|w| (w[0].0, w[0].1.start) < (w[1].0, w[1].1.start))
        );
    }

    #[test]
    fn locate_phrases_compounds_ligatures_and_fields() {
        let doc = article();
        let index = index_of(&doc);
        assert_eq!(
            pieces(&doc, &locate(&index, &doc, "pays-bas")),
            ["Pays-Bas"]
        );
        assert_eq!(
            pieces(&doc, &locate(&index, &doc, "oeuvre")),
            ["œuvre", "Œuvre"]
        );
        assert_eq!(
            pieces(&doc, &locate(&index, &doc, "\"encore europol\"")),
            ["encore Europol"]
        );
        assert_eq!(pieces(&doc, &locate(&index, &doc, "title:etat")), ["État"]);
        assert_eq!(pieces(&doc, &locate(&index, &doc, "ei")), ["EI"]);
        let m = locate(&index, &doc, "jihadiste");
        assert_eq!(pieces(&doc, &m), ["djihadistes", "jihadiste"]);
        assert_eq!(locate(&index, &doc, ""), DocMatches::default());
        assert!(pieces(&doc, &locate(&index, &doc, "zqxjk")).is_empty());
    }

    #[test]
    fn a_ranking_locates_as_the_query_does_with_terms_in_typed_order() {
        let doc = article();
        let index = index_of(&doc);
        let corpus = Corpus {
            docs: vec![doc.clone()],
            ..Corpus::default()
        };
        let never = AtomicBool::new(false);
        // The engine scores phrases last; the sidebar still lists terms as typed.
        for query in [
            "\"encore europol\" eurpol radical",
            "Etat -djihadistes \"l'ei\" oeuvre",
            "title:etat pays-bas",
            "zqxjk",
        ] {
            let ranked = rank(&index, &corpus, query, &never).expect("never cancelled");
            assert_eq!(ranked.locate(&doc), locate(&index, &doc, query), "{query}");
        }
        let ranked = rank(&index, &corpus, "\"encore europol\" radical", &never);
        let labels: Vec<String> = ranked
            .map(|r| {
                r.locate(&doc)
                    .per_term
                    .into_iter()
                    .map(|(l, _)| l)
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(labels, ["encore europol", "radical"]);
    }

    #[test]
    fn find_text_is_a_folded_substring_search() {
        let doc = article();
        let m = find_text(&doc, "etat");
        assert_eq!(pieces(&doc, &m), ["État", "Etat"]);
        assert_eq!(m.per_term, [("etat".to_string(), 2)]);
        assert_eq!(pieces(&doc, &find_text(&doc, "OEUVRE")), ["œuvre", "Œuvre"]);
        assert_eq!(pieces(&doc, &find_text(&doc, "l'ei")), ["l’EI"]);
        assert_eq!(pieces(&doc, &find_text(&doc, "URO")), ["uro", "uro", "uro"]);
        assert_eq!(find_text(&doc, "  "), DocMatches::default());
    }

    #[test]
    fn locate_on_the_seeds_agrees_with_the_engine_count() {
        let corpus = embedded();
        let index = Index::build(&corpus);
        for query in [
            "europol",
            "pays bas",
            "Wainright",
            "\"État islamique\"",
            "radical",
        ] {
            for hit in veille::search::run(&index, &corpus, query) {
                let doc = &corpus.docs[hit.doc];
                let m = locate(&index, doc, query);
                assert_eq!(
                    m.title.len() + m.blocks.len(),
                    hit.matches,
                    "{query} in {}",
                    doc.path
                );
            }
        }
    }

    fn in_bounds(doc: &Document, m: &DocMatches) -> Result<(), TestCaseError> {
        let n = doc.title.chars().count();
        prop_assert!(m.title.iter().all(|r| r.start < r.end && r.end <= n));
        prop_assert!(m.title.windows(2).all(|w| w[0].end <= w[1].start));
        for (b, r) in &m.blocks {
            let n = doc.blocks.get(*b).map_or(0, |b| b.text().chars().count());
            prop_assert!(r.start < r.end && r.end <= n);
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn ranges_are_char_ranges_in_bounds(
            title in "\\PC{0,30}",
            body in "[a-zA-Zà-ÿŒœ’' -]{0,60}|\\PC{0,60}",
            query in "[a-zé\"| -]{0,12}|\\PC{0,12}",
        ) {
            let doc = Document {
                title,
                blocks: vec![Block::Paragraph(body)].into(),
                ..Document::default()
            };
            let index = index_of(&doc);
            in_bounds(&doc, &locate(&index, &doc, &query))?;
            in_bounds(&doc, &find_text(&doc, &query))?;
        }
    }
}
