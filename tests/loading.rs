//! The reader while a corpus loads: the list fills as articles arrive, they can be read at
//! once, and the whole corpus (keywords, search) takes over without moving the reader.

mod common;

use common::{Harness, fixture, fixture_with_meta, without_keywords};
use std::sync::Arc;
use veille::app::Action;
use veille::app::layout::Pane;
use veille::app::model::Checking;
use veille::corpus::{Block, Corpus, Document};
use veille::search::{self, Hit, Index};

fn current(h: &Harness) -> Option<usize> {
    h.model.current().map(|(doc, _)| doc)
}

#[test]
fn the_list_fills_as_articles_arrive_and_the_article_read_stays_open() {
    let corpus = fixture_with_meta();
    let mut h = Harness::loading(&corpus, 100, 30);
    assert!(h.screen().contains("Loading articles…"));

    h.act(Action::Arrived(without_keywords(&corpus.docs[..3])));
    assert_eq!(h.listed_titles().len(), 3);
    assert!(h.screen().contains("Articles 3"), "{}", h.screen());
    // The long article is read and scrolled while the rest loads.
    h.keys("jj<enter>jjj");
    assert_eq!((current(&h), h.model.scroll), (Some(2), 3));

    h.act(Action::Arrived(without_keywords(&corpus.docs[3..])));
    let titles: Vec<String> = corpus.docs.iter().map(|d| d.title.clone()).collect();
    assert_eq!(h.listed_titles(), titles);
    assert_eq!(
        (current(&h), h.model.scroll, h.model.focus),
        (Some(2), 3, Pane::Reader),
        "arrivals leave the reader where it was"
    );

    h.act(Action::Loaded(Arc::new(corpus.clone())));
    assert_eq!(h.listed_titles(), titles);
    assert_eq!(
        (current(&h), h.model.scroll, h.model.focus),
        (Some(2), 3, Pane::Reader),
        "the whole corpus numbers its articles as they arrived"
    );
}

#[test]
fn keywords_show_on_the_open_card_once_the_whole_corpus_is_loaded() {
    let corpus = fixture_with_meta();
    let mut h = Harness::loading(&corpus, 120, 40);
    h.act(Action::Arrived(without_keywords(&corpus.docs)));
    // The last article's keywords are amaq and serveurs, known only from the whole corpus.
    h.keys("G");
    assert_eq!(current(&h), Some(5));
    assert!(!h.screen().contains("Keywords"), "{}", h.screen());

    h.act(Action::Loaded(Arc::new(corpus.clone())));
    assert_eq!(current(&h), Some(5));
    let screen = h.screen();
    assert!(screen.contains("Keywords"), "{screen}");
    assert!(screen.contains("› serveurs"), "{screen}");
}

#[test]
fn articles_arriving_take_their_place_in_the_chosen_sort() {
    let corpus = fixture_with_meta();
    let mut h = Harness::loading(&corpus, 100, 30);
    h.act(Action::Arrived(without_keywords(&corpus.docs[..2])));
    h.keys("o");
    assert_eq!(
        h.listed_titles(),
        ["État islamique et propagande", "Europol à La Haye"],
        "by date, newest first"
    );
    h.keys("j");
    h.act(Action::Arrived(without_keywords(&corpus.docs[2..])));
    // Newest first, the undated last, in corpus order among equals.
    let mut by_date: Vec<&Document> = corpus.docs.iter().collect();
    by_date.sort_by_key(|d| std::cmp::Reverse(d.date));
    let expected: Vec<String> = by_date.iter().map(|d| d.title.clone()).collect();
    assert_eq!(h.listed_titles(), expected);
    assert_eq!(current(&h), Some(1), "still on the article chosen");
}

#[test]
fn a_filter_typed_while_loading_waits_for_the_index_and_then_runs() {
    let corpus = fixture_with_meta();
    let mut h = Harness::loading(&corpus, 100, 30);
    h.act(Action::Arrived(without_keywords(&corpus.docs[..4])));
    h.keys("/trebes");
    // Nothing is matched yet: the list is everything, and says so rather than "0 matches".
    let screen = h.screen();
    assert_eq!(h.listed_titles().len(), 4);
    assert!(!screen.contains("0 matches"), "{screen}");
    h.act(Action::Arrived(without_keywords(&corpus.docs[4..])));
    h.act(Action::Loaded(Arc::new(corpus.clone())));
    assert!(
        h.screen().contains("filter waits for the index"),
        "{}",
        h.screen()
    );

    h.index_ready();
    assert_eq!(h.listed_titles(), ["Trèbes, un an après"]);
    assert!(h.screen().contains("2 matches · 2019-03"), "{}", h.screen());
}

#[test]
fn a_long_article_read_deep_while_loading_stays_at_its_line() {
    let paragraph = "Le parquet fédéral belge a coordonné l'opération ; Europol, Eurojust \
                     et les polices de neuf pays y ont pris part. "
        .repeat(10);
    let mut corpus = fixture();
    corpus.docs.insert(
        0,
        Document {
            title: "Un dossier de 1 Mo".into(),
            blocks: vec![veille::corpus::Block::Paragraph(paragraph); 1200].into(),
            ..Document::default()
        },
    );
    let mut h = Harness::loading(&corpus, 100, 30);
    h.act(Action::Arrived(without_keywords(&corpus.docs[..2])));
    // `G` waits for the whole layout: the reader is far past the preview's first lines.
    h.keys("<enter>G");
    let (deep, lines) = (h.model.scroll, h.model.lines().len());
    assert!(deep > 1000, "{deep}");

    h.act(Action::Arrived(without_keywords(&corpus.docs[2..])));
    assert_eq!((current(&h), h.model.scroll), (Some(0), deep));
    h.act(Action::Loaded(Arc::new(corpus.clone())));
    assert_eq!(
        (current(&h), h.model.scroll, h.model.lines().len()),
        (Some(0), deep, lines),
        "the whole corpus does not send the reader back to the preview"
    );
}

#[test]
fn a_corpus_other_than_the_one_that_arrived_starts_from_the_top() {
    let corpus = fixture_with_meta();
    let mut h = Harness::loading(&corpus, 100, 30);
    h.act(Action::Arrived(without_keywords(&corpus.docs[..3])));
    h.keys("jj");
    assert_eq!(current(&h), Some(2));
    // Not what arrived (say, a loader that numbered differently): nothing to keep.
    let mut other = corpus.clone();
    other.docs.reverse();
    h.act(Action::Loaded(Arc::new(other)));
    assert_eq!((h.model.selected, h.model.scroll), (0, 0));
}

/// The worker's answer over the first `n` articles, as it gives it while the rest loads.
fn answer_over_first(corpus: &Corpus, n: usize, query: &str, generation: u64) -> Action {
    let first = Corpus {
        docs: without_keywords(&corpus.docs[..n]),
        warnings: Vec::new(),
    };
    Action::SearchDone {
        generation,
        hits: search::run(&Index::build(&first), &first, query),
        snippets: None,
        partial: Some(n),
    }
}

/// As the worker serves a corpus it loaded or found changed: the corpus, then its index.
fn served(h: &mut Harness, corpus: &Corpus) {
    h.act(Action::Loaded(Arc::new(corpus.clone())));
    h.act(Action::IndexReady(Arc::new(Index::build(corpus))));
}

fn sorted(mut titles: Vec<String>) -> Vec<String> {
    titles.sort();
    titles
}

#[test]
fn a_filter_typed_while_loading_lists_what_the_first_articles_match_until_all_are_indexed() {
    let corpus = fixture_with_meta();
    let mut h = Harness::loading(&corpus, 100, 30);
    h.act(Action::Arrived(without_keywords(&corpus.docs[..2])));
    h.keys("/amaq");
    let generation = h.model.query.generation();
    let asked = h.effects.len();
    h.act(answer_over_first(&corpus, 2, "amaq", generation));
    assert_eq!(h.listed_titles(), ["État islamique et propagande"]);
    assert!(h.screen().contains("in the first 2"), "{}", h.screen());

    // More articles arrive, then the whole corpus: the answer stays, nothing is asked again.
    h.act(Action::Arrived(without_keywords(&corpus.docs[2..])));
    assert_eq!(h.listed_titles(), ["État islamique et propagande"]);
    h.act(Action::Loaded(Arc::new(corpus.clone())));
    assert_eq!(h.listed_titles(), ["État islamique et propagande"]);
    assert_eq!(
        h.effects.len(),
        asked,
        "the worker answers the same query again"
    );

    // The worker's whole answer to the query typed (the harness keeps it until the index).
    h.index_ready();
    assert_eq!(
        sorted(h.listed_titles()),
        ["Cyberattaque sur Amaq", "État islamique et propagande"]
    );
    let screen = h.screen();
    assert!(!screen.contains("in the first"), "{screen}");
    assert!(screen.contains("matches · 1/2"), "{screen}");
}

#[test]
fn a_fuller_answer_keeps_the_article_the_user_moved_to_and_replaces_the_top_otherwise() {
    let corpus = fixture_with_meta();
    let rows = |docs: &[usize]| -> Vec<Hit> { docs.iter().map(|&doc| Hit::of(doc)).collect() };
    for moved in [true, false] {
        let mut h = Harness::loading(&corpus, 100, 30);
        h.act(Action::Arrived(without_keywords(&corpus.docs)));
        h.keys("/e");
        let generation = h.model.query.generation();
        h.act(Action::SearchDone {
            generation,
            hits: rows(&[1, 0]),
            snippets: None,
            partial: Some(2),
        });
        if moved {
            h.keys("<down>");
        }
        assert_eq!(current(&h), Some(if moved { 0 } else { 1 }));
        h.act(Action::SearchDone {
            generation,
            hits: rows(&[3, 0, 1]),
            snippets: None,
            partial: None,
        });
        let expected = if moved { Some(0) } else { Some(3) };
        assert_eq!(current(&h), expected, "moved: {moved}");
    }
}

#[test]
fn a_corpus_found_changed_after_the_index_takes_over_and_keeps_the_article_read() {
    let corpus = fixture_with_meta();
    let mut h = Harness::loading(&corpus, 100, 30);
    served(&mut h, &corpus);
    h.keys("jj");
    assert_eq!(current(&h), Some(2));

    // The cache's corpus was served; its files say the article read has a new text.
    let mut changed = corpus.clone();
    changed.docs[2].title = "Titre changé".into();
    changed.docs[2].blocks = vec![Block::Paragraph("Un texte tout neuf.".into())].into();
    served(&mut h, &changed);
    assert_eq!(current(&h), Some(2));
    assert!(h.screen().contains("Un texte tout neuf."), "{}", h.screen());

    // And an article more before it: numbered anew, the same article stays open.
    let mut added = changed.clone();
    let first = Document {
        path: "0000-nouveau.txt".into(),
        title: "Nouveau".into(),
        blocks: vec![Block::Paragraph("Arrivé depuis.".into())].into(),
        ..Document::default()
    };
    added.docs.insert(0, first);
    served(&mut h, &added);
    assert_eq!(current(&h), Some(3));
    assert_eq!(h.listed_titles()[3], "Titre changé");
    assert!(h.screen().contains("Un texte tout neuf."), "{}", h.screen());
}

#[test]
fn the_status_line_tells_while_the_files_behind_the_cache_are_checked() {
    let corpus = fixture_with_meta();
    let mut h = Harness::loading(&corpus, 100, 30);
    served(&mut h, &corpus);
    let n = corpus.docs.len();
    assert!(h.screen().contains(&format!("1/{n}")), "{}", h.screen());

    let steps = [
        (Checking::Files, "checking files…"),
        (
            Checking::Rereading { done: 1, total: 3 },
            "files changed: reading 1/3",
        ),
        (
            Checking::Rereading { done: 3, total: 3 },
            "files changed: indexing…",
        ),
    ];
    for (checking, said) in steps {
        h.act(Action::Checking(Some(checking)));
        assert!(h.screen().contains(said), "{said}: {}", h.screen());
    }
    h.act(Action::Checking(None));
    let screen = h.screen();
    assert!(
        !screen.contains("checking") && !screen.contains("files changed"),
        "{screen}"
    );
    assert!(screen.contains(&format!("1/{n}")), "{screen}");
}
