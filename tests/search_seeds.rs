//! Search behaviour on the five real seed articles, read straight from `seeds/`.
//! Must not depend on the corpus parser: documents are built by a tiny local helper.

use std::path::Path;

use veille::corpus::{Block, Corpus, Document};
use veille::search::{Hit, Index, run};

/// One document per seed file: title = first non-blank line, body = the rest.
fn seeds() -> Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("seeds folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let docs = paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("seed is UTF-8");
            let text = text.trim_start();
            let (title, body) = text.split_once('\n').unwrap_or((text, ""));
            Document {
                path: p.display().to_string(),
                title: title.trim().to_string(),
                blocks: vec![Block::Paragraph(body.to_string())].into(),
                ..Document::default()
            }
        })
        .collect();
    Corpus {
        docs,
        ..Corpus::default()
    }
}

fn search(query: &str) -> (Corpus, Vec<Hit>) {
    let corpus = seeds();
    let index = Index::build(&corpus);
    let hits = run(&index, &corpus, query);
    (corpus, hits)
}

fn docs(query: &str) -> Vec<usize> {
    let mut d: Vec<usize> = search(query).1.iter().map(|h| h.doc).collect();
    d.sort_unstable();
    d
}

/// Seeds whose raw text contains any of `needles`.
fn containing(needles: &[&str]) -> Vec<usize> {
    seeds()
        .docs
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            let all = format!("{}\n{}", d.title, d.blocks[0].text());
            needles.iter().any(|n| all.contains(n))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Named `search` so that `cargo test search` runs these too.
mod search {
    use super::*;

    #[test]
    fn there_are_five_seeds() {
        assert_eq!(seeds().docs.len(), 5);
    }

    #[test]
    fn europol_matches_several_articles_whatever_the_case() {
        let found = docs("europol");
        assert!(found.len() >= 3, "{found:?}");
        assert_eq!(found, containing(&["Europol", "europol"]));
        assert_eq!(docs("EUROPOL"), found);
    }

    #[test]
    fn etat_islamique_ignores_accents() {
        let expected = containing(&["État islamique", "Etat islamique"]);
        assert!(expected.len() >= 3, "{expected:?}");
        let found = docs("etat islamique");
        for d in &expected {
            assert!(found.contains(d), "{found:?} lacks {d}");
        }
        assert_eq!(docs("État Islamique"), found);
    }

    #[test]
    fn trebes_finds_the_article_saying_trebes() {
        assert_eq!(docs("trebes"), [0]);
        assert_eq!(docs("Trèbes"), [0]);
    }

    #[test]
    fn typos_still_find_europol() {
        assert_eq!(docs("eurpol"), docs("europol"));
        assert_eq!(docs("propagnde"), docs("propagande"));
    }

    #[test]
    fn nonsense_finds_nothing() {
        assert!(docs("zqxjk").is_empty());
        assert!(docs("europol zqxjk").is_empty());
    }

    #[test]
    fn prefix_finds_longer_words() {
        let found = docs("radical");
        assert_eq!(found, containing(&["radicalis", "Radicalis"]));
        assert!(found.len() >= 3);
    }

    #[test]
    fn daesh_highlights_daesh_in_the_title_of_seed_000() {
        let (corpus, hits) = search("daesh");
        let hit = hits
            .iter()
            .find(|h| h.doc == 0)
            .expect("seed 000 matches daesh");
        let title: Vec<char> = corpus.docs[0].title.chars().collect();
        let lit: String = hit.title_matches().iter().map(|&i| title[i]).collect();
        assert_eq!(lit, "Daesh");
        let start = hit.title_matches()[0];
        assert_eq!(hit.title_matches(), (start..start + 5).collect::<Vec<_>>());
    }

    #[test]
    fn empty_query_lists_all_in_corpus_order() {
        let (_, hits) = search("");
        assert_eq!(
            hits.iter().map(|h| h.doc).collect::<Vec<_>>(),
            [0, 1, 2, 3, 4]
        );
    }

    #[test]
    fn title_hits_rank_above_body_hits() {
        // Every seed says "propagande"; only some say it in their first line (the title here).
        let (corpus, hits) = search("propagande");
        assert_eq!(hits.len(), 5);
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        let in_title: Vec<bool> = hits
            .iter()
            .map(|h| corpus.docs[h.doc].title.contains("propagande"))
            .collect();
        assert!(in_title.contains(&true) && in_title.contains(&false));
        assert!(in_title.windows(2).all(|w| w[0] >= w[1]), "{in_title:?}");
    }

    #[test]
    fn query_syntax_on_seeds() {
        let phrase = docs("\"état islamique\"");
        assert_eq!(phrase, containing(&["État islamique", "Etat islamique"]));
        assert!(docs("\"islamique etat\"").is_empty());
        let syrie = containing(&["Syrie"]);
        assert!(!syrie.is_empty());
        let without: Vec<usize> = docs("europol")
            .into_iter()
            .filter(|d| !syrie.contains(d))
            .collect();
        assert_eq!(docs("europol -syrie"), without);
        let either = docs("trebes | syrie");
        let mut expected = docs("trebes");
        expected.extend(syrie);
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(either, expected);
    }

    #[test]
    fn malformed_queries_never_fail() {
        for q in [
            "\"",
            "-",
            "|",
            "\"\"",
            "- | \" -",
            "«",
            "europol |",
            "| -europol",
        ] {
            let _ = search(q);
        }
        assert_eq!(docs("| -europol"), docs("-europol"));
    }
}
