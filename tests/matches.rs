//! Matches in the open article: highlighted, `n`/`N` jump between them, the in-article find,
//! and sorting the list. Driven by keys through the real keymap, on the bundled corpus.

mod common;

use common::Harness;
use ratatui::style::Color;
use veille::app::Mode;
use veille::app::layout::Pane;
use veille::search::SortBy;

#[test]
fn the_filter_s_words_are_marked_in_the_article_and_n_walks_through_them() {
    let mut h = Harness::seeds(80, 24);
    h.keys("/europol<enter><enter>");
    assert_eq!(h.model.focus, Pane::Reader);
    let count = h.model.matches.placed.len();
    assert!(count >= 2, "europol occurs several times: {count}");
    h.keys("n");
    let first = h.model.matches.current.expect("n goes to a match");
    let line = h.model.matches.placed[first].line;
    assert!(line >= h.model.scroll && line < h.model.scroll + h.model.reader_height());
    h.keys("n");
    assert_eq!(h.model.matches.current, Some((first + 1) % count));
    h.keys("NN");
    assert_eq!(h.model.matches.current, Some((first + count - 1) % count));
    // The sidebar counts the term.
    assert!(
        h.model
            .matches
            .per_term
            .iter()
            .any(|(t, n)| t == "europol" && *n >= 2)
    );
}

#[test]
fn n_scrolls_a_far_match_into_view_and_it_is_drawn_as_the_current_one() {
    let mut h = Harness::seeds(80, 24);
    // Seed 004 is long; "Europol" is in its last paragraph.
    h.keys("/europol<enter>");
    let at = h
        .model
        .results
        .iter()
        .position(|hit| h.model.corpus.docs[hit.doc].path.contains("004_"))
        .expect("seed 004 matches europol");
    for _ in 0..at {
        h.keys("j");
    }
    h.keys("<enter>n");
    let current = h.model.matches.current.expect("a match");
    let placed = h.model.matches.placed[current].clone();
    assert!(h.model.scroll > 0, "the match is far down");
    let buffer = h.buffer();
    let row = u16::try_from(placed.line - h.model.scroll).expect("row") + 1;
    let reader_x = (0..80u16)
        .find(|&x| buffer[(x, row)].bg == Color::Yellow)
        .expect("the current match has its own background");
    assert_eq!(buffer[(reader_x, row)].symbol().to_lowercase(), "e");
}

#[test]
fn find_searches_the_open_article_with_the_same_folding() {
    let mut h = Harness::seeds(80, 24);
    h.keys("<enter>f");
    assert_eq!(h.model.mode, Mode::Find);
    h.keys("trebes");
    assert_eq!(h.model.matches.per_term, [("trebes".to_string(), 1)]);
    h.keys("<enter>");
    assert_eq!(h.model.mode, Mode::Browse);
    assert_eq!(h.model.find.text(), "trebes");
    h.keys("n");
    assert!(h.model.matches.current.is_some());
    h.keys("<esc>");
    assert!(h.model.find.is_empty(), "Esc clears the find first");
    assert_eq!(h.model.focus, Pane::Reader);
    h.keys("fzqxjk<enter>n");
    assert!(h.model.matches.placed.is_empty());
    assert!(
        h.model
            .message
            .as_deref()
            .is_some_and(|m| m.contains("no match"))
    );
}

#[test]
fn o_sorts_by_date_then_title_then_back_to_relevance() {
    let mut h = Harness::seeds(80, 24);
    h.keys("o");
    assert_eq!(h.model.sort, SortBy::Date);
    let dates: Vec<_> = h
        .model
        .results
        .iter()
        .map(|hit| h.model.corpus.docs[hit.doc].date)
        .collect();
    let dated: Vec<_> = dates.iter().flatten().collect();
    assert!(
        dated.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );
    assert_eq!(dates.last(), Some(&None), "undated last");
    h.keys("o");
    assert_eq!(h.model.sort, SortBy::Title);
    h.keys("o");
    assert_eq!(h.model.sort, SortBy::Relevance);
    assert_eq!(
        h.model.results.iter().map(|r| r.doc).collect::<Vec<_>>(),
        [0, 1, 2, 3, 4]
    );
}

#[test]
fn the_list_shows_snippets_and_match_counts_while_filtering() {
    let mut h = Harness::seeds(80, 24);
    h.keys("/radicalisation<enter>");
    let screen = h.screen();
    insta::assert_snapshot!(screen);
    assert!(
        h.model
            .results
            .iter()
            .all(|hit| hit.matches > 0 && hit.snippet().is_some())
    );
    let mut narrow = Harness::seeds(40, 12);
    narrow.keys("/radicalisation<enter>");
    insta::assert_snapshot!(narrow.screen());
}

#[test]
fn a_malformed_query_runs_and_says_how_it_was_read() {
    let mut h = Harness::seeds(80, 24);
    h.keys("/\"propagande en");
    assert!(!h.model.query_hints.is_empty());
    assert!(!h.model.results.is_empty());
    assert!(h.screen().contains("quote"), "{}", h.screen());
}
