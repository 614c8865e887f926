//! `Model::update` driven by keys through the real keymap: navigation, focus, filter, scroll.

mod common;

use common::{Harness, fixture};
use veille::app::layout::{Pane, SidebarPref};
use veille::app::{Action, Effect, Mode};
use veille::search::Hit;

fn at(width: u16, height: u16) -> Harness {
    Harness::new(fixture(), width, height)
}

#[test]
fn j_k_and_arrows_move_the_selection_within_bounds() {
    let mut h = at(80, 24);
    h.keys("jj");
    assert_eq!(h.model.selected, 2);
    h.keys("<up>");
    assert_eq!(h.model.selected, 1);
    h.keys("kkkk");
    assert_eq!(h.model.selected, 0);
    h.keys("G");
    assert_eq!(h.model.selected, 5);
    h.keys("j<down>");
    assert_eq!(h.model.selected, 5);
    h.keys("<home>");
    assert_eq!(h.model.selected, 0);
    h.keys("<end>g");
    assert_eq!(h.model.selected, 0);
}

#[test]
fn the_list_window_follows_the_selection() {
    // 12 rows: 9 inside the border, 4 two-row entries.
    let mut h = at(80, 12);
    h.keys("G");
    let capacity = h.model.list_capacity();
    assert!(h.model.list_offset + capacity > h.model.selected);
    assert!(h.model.list_offset <= h.model.selected);
    h.keys("g");
    assert_eq!(h.model.list_offset, 0);
}

#[test]
fn enter_reads_and_reader_keys_scroll_by_line_half_page_page_and_ends() {
    let mut h = at(80, 24);
    h.keys("jj<enter>");
    assert_eq!(h.model.focus, Pane::Reader);
    let page = h.model.reader_height();
    assert!(h.model.max_scroll() > page, "the long article must scroll");
    h.keys("jj");
    assert_eq!(h.model.scroll, 2);
    h.keys("k");
    assert_eq!(h.model.scroll, 1);
    h.keys("<ctrl-d>");
    assert_eq!(h.model.scroll, 1 + page.div_ceil(2));
    h.keys("<ctrl-u>");
    assert_eq!(h.model.scroll, 1);
    h.keys("<pagedown>");
    assert_eq!(h.model.scroll, 1 + page);
    h.keys("<space>");
    assert_eq!(h.model.scroll, (1 + 2 * page).min(h.model.max_scroll()));
    h.keys("<pageup>g");
    assert_eq!(h.model.scroll, 0);
    h.keys("G");
    assert_eq!(h.model.scroll, h.model.max_scroll());
    h.keys("jjj");
    assert_eq!(
        h.model.scroll,
        h.model.max_scroll(),
        "scrolling stops at the end"
    );
    // Scrolling the reader never moves the list.
    assert_eq!(h.model.selected, 2);
}

#[test]
fn next_and_previous_article_without_leaving_the_reader() {
    let mut h = at(80, 24);
    h.keys("jj<enter>G");
    assert!(h.model.scroll > 0);
    h.keys("]");
    assert_eq!(
        (h.model.selected, h.model.scroll, h.model.focus),
        (3, 0, Pane::Reader)
    );
    h.keys("[[");
    assert_eq!(h.model.selected, 1);
    h.keys("<esc>");
    assert_eq!(h.model.focus, Pane::List);
}

#[test]
fn tab_cycles_focus_over_visible_panes_and_h_l_move_between_them() {
    let mut h = at(120, 30);
    h.keys("<tab>");
    assert_eq!(h.model.focus, Pane::Reader);
    h.keys("<tab>");
    assert_eq!(h.model.focus, Pane::Sidebar);
    h.keys("<tab>");
    assert_eq!(h.model.focus, Pane::List);
    h.keys("<backtab>");
    assert_eq!(h.model.focus, Pane::Sidebar);
    h.keys("hh");
    assert_eq!(h.model.focus, Pane::List);
    h.keys("h");
    assert_eq!(h.model.focus, Pane::List, "h at the leftmost pane stays");
    h.keys("<right>");
    assert_eq!(h.model.focus, Pane::Reader);

    let mut narrow = at(80, 24);
    narrow.keys("<tab><tab>");
    assert_eq!(narrow.model.focus, Pane::List, "no sidebar at 80 columns");
}

#[test]
fn the_sidebar_key_hides_and_shows_it() {
    let mut h = at(120, 30);
    h.keys("<tab><tab>");
    assert_eq!(h.model.focus, Pane::Sidebar);
    h.keys("i");
    assert_eq!(h.model.sidebar, SidebarPref::Hidden);
    assert_ne!(
        h.model.focus,
        Pane::Sidebar,
        "focus leaves a pane that disappears"
    );
    h.keys("i");
    assert_eq!(h.model.sidebar, SidebarPref::Shown);
    let mut medium = at(80, 24);
    medium.keys("i");
    assert_eq!(
        medium.model.sidebar,
        SidebarPref::Shown,
        "at 80 columns the key shows it"
    );
}

#[test]
fn filter_narrows_live_and_enter_keeps_it() {
    let mut h = at(80, 24);
    h.keys("/");
    assert_eq!(h.model.mode, Mode::Filter);
    h.keys("amaq");
    assert_eq!(h.model.query.text(), "amaq");
    let titles = h.listed_titles();
    assert!(
        titles.contains(&"Cyberattaque sur Amaq".to_string()),
        "{titles:?}"
    );
    assert!(titles.len() < 6, "{titles:?}");
    h.keys("<enter>");
    assert_eq!(h.model.mode, Mode::Browse);
    assert_eq!(h.model.query.text(), "amaq");
    assert_eq!(h.listed_titles(), titles);
    // j moves in the filtered list; it is not typed into the query any more.
    h.keys("j");
    assert_eq!(h.model.query.text(), "amaq");
}

#[test]
fn filter_ignores_case_and_accents() {
    let mut h = at(80, 24);
    h.keys("/etat islamique");
    assert_eq!(h.listed_titles(), ["État islamique et propagande"]);
    h.keys("<ctrl-u>TREBES");
    assert_eq!(h.listed_titles(), ["Trèbes, un an après"]);
}

#[test]
fn esc_clears_the_filter_while_typing_and_from_the_list() {
    let mut h = at(80, 24);
    h.keys("/trebes<esc>");
    assert_eq!((h.model.mode, h.model.query.text()), (Mode::Browse, ""));
    assert_eq!(h.model.results.len(), 6);
    h.keys("/trebes<enter>");
    assert_eq!(h.model.results.len(), 1);
    h.keys("<esc>");
    assert_eq!(h.model.results.len(), 6);
}

#[test]
fn backspace_and_ctrl_w_edit_the_query() {
    let mut h = at(80, 24);
    h.keys("/europol haye<ctrl-w>");
    assert_eq!(h.model.query.text(), "europol ");
    h.keys("<backspace><backspace>");
    assert_eq!(h.model.query.text(), "europo");
}

#[test]
fn a_query_that_matches_nothing_empties_the_list() {
    let mut h = at(80, 24);
    h.keys("/zqxjk");
    assert!(h.model.results.is_empty());
    assert!(h.model.current().is_none());
    assert!(h.screen().contains("No article matches"));
    h.keys("<enter>jGk<enter>");
}

#[test]
fn stale_search_results_are_dropped() {
    let mut h = at(80, 24);
    h.keys("/amaq");
    let generation = h.model.query.generation();
    let stale = vec![Hit::new(3, 1, 0)];
    h.act(Action::SearchDone {
        generation: generation - 1,
        hits: stale,
        snippets: None,
        partial: None,
    });
    assert!(
        h.listed_titles()
            .contains(&"Cyberattaque sur Amaq".to_string())
    );
}

#[test]
fn typing_asks_the_worker_and_an_empty_query_does_not() {
    let mut h = at(80, 24);
    h.keys("/a");
    assert!(matches!(h.effects.last(), Some(Effect::Search { query, .. }) if query == "a"));
    let searches = h.effects.len();
    h.keys("<backspace>");
    assert_eq!(
        h.effects.len(),
        searches,
        "an empty query lists everything at once"
    );
    assert_eq!(h.model.results.len(), 6);
}

#[test]
fn a_huge_paste_is_capped_and_sanitised() {
    let mut h = at(80, 24);
    h.keys("/");
    let paste = format!("am\u{1b}[31maq\n{}", "x".repeat(10_000_000));
    h.act(Action::Paste(paste));
    let q = h.model.query.text();
    assert!(q.starts_with("amaq"), "{q:?}");
    assert!(q.chars().count() <= veille::app::query::MAX_QUERY_CHARS);
}

#[test]
fn help_opens_and_closes_and_q_there_does_not_quit() {
    let mut h = at(80, 24);
    h.keys("?");
    assert_eq!(h.model.mode, Mode::Help);
    h.keys("q");
    assert_eq!(h.model.mode, Mode::Browse);
    assert!(!h.model.quitting());
    h.keys("?<esc>");
    assert_eq!(h.model.mode, Mode::Browse);
}

#[test]
fn q_quits_and_ctrl_z_suspends() {
    let mut h = at(80, 24);
    h.keys("<ctrl-z>");
    assert_eq!(h.effects.last(), Some(&Effect::Suspend));
    h.keys("q");
    assert_eq!(h.effects.last(), Some(&Effect::Quit));
    assert!(h.model.quitting());
}

#[test]
fn narrow_terminals_show_the_focused_pane_and_rewrap_on_resize() {
    let mut h = at(200, 30);
    h.keys("jj<enter>");
    let wide_lines = h.model.lines().len();
    h.resize(40, 12);
    assert!(
        h.model.lines().len() > wide_lines,
        "narrower text takes more lines"
    );
    assert!(h.model.scroll <= h.model.max_scroll());
    h.keys("<esc>");
    assert_eq!(h.model.focus, Pane::List);
    h.resize(0, 0);
    h.keys("jG<enter>jk");
    h.resize(1000, 500);
    assert_eq!(h.model.scroll, 0, "everything fits, so no scroll");
}

#[test]
fn a_new_query_selects_its_best_match_and_leaving_the_filter_keeps_the_article() {
    let mut h = at(80, 24);
    h.keys("jjj/amaq");
    assert_eq!(h.model.selected, 0, "the best match is under the cursor");
    let found = h.model.current().map(|(doc, _)| doc);
    h.keys("<enter><esc>");
    assert_eq!(h.model.results.len(), 6);
    assert_eq!(h.model.current().map(|(doc, _)| doc), found);
}

#[test]
fn enter_on_a_name_in_the_card_filters_by_it_and_esc_comes_back() {
    let mut h = Harness::new(common::fixture_with_meta(), 120, 30);
    h.keys("<tab><tab>");
    assert_eq!(h.model.focus, Pane::Sidebar);
    h.keys("j<enter>");
    assert_eq!(h.model.query.text(), "\"Rob Wainwright\"");
    assert_eq!(h.model.focus, Pane::List);
    assert_eq!(h.listed_titles(), ["État islamique et propagande"]);
    h.keys("<esc>");
    assert_eq!(h.model.query.text(), "");
    assert_eq!(h.model.results.len(), 6);
}

#[test]
fn related_articles_in_the_card_open_with_enter() {
    let mut h = Harness::new(common::fixture_with_meta(), 120, 30);
    // Only the first two articles speak of propaganda; the related one is not among them.
    h.keys("/propagande<enter><tab><tab>G<enter>");
    assert_eq!(h.model.focus, Pane::Reader);
    let open = h.model.current().map(|(_, d)| d.title.clone());
    assert_eq!(open.as_deref(), Some("Cyberattaque sur Amaq"));
    assert_eq!(
        h.model.query.text(),
        "",
        "the related article was filtered out: filter left"
    );
    h.keys("<esc><esc>");
    assert_eq!(
        h.model.query.text(),
        "propagande",
        "Esc comes back to the filter"
    );
}

#[test]
fn the_reader_paints_before_the_corpus_arrives_and_keeps_what_was_typed() {
    use ratatui::layout::Rect;
    use std::sync::Arc;
    use veille::app::{Keymap, Model};
    let mut model = Model::loading(Arc::new(Keymap::default_keymap()), Rect::new(0, 0, 80, 24));
    for c in "/amaq".chars() {
        let key = veille::app::Key::char(c);
        if let Some(action) = model.action_for_key(key) {
            model.update(action);
        }
    }
    assert!(model.results.is_empty());
    let effect = model.update(Action::Loaded(Arc::new(fixture())));
    assert_eq!(model.results.len(), 6, "the list fills at once");
    let Some(Effect::Search {
        generation, query, ..
    }) = effect
    else {
        panic!("the typed query is asked again for the new corpus: {effect:?}");
    };
    assert_eq!(query, "amaq");
    assert_eq!(generation, model.query.generation());
    model.update(Action::Indexing { done: 3, total: 6 });
    assert_eq!(
        model.loading,
        veille::app::model::Loading::Indexing { done: 3, total: 6 }
    );
}

#[test]
fn a_resize_that_hides_the_focused_sidebar_moves_focus_to_the_reader() {
    let mut h = Harness::new(common::fixture_with_meta(), 120, 30);
    h.keys("<tab><tab>");
    assert_eq!(h.model.focus, Pane::Sidebar);
    h.resize(80, 24);
    assert_eq!(h.model.focus, Pane::Reader);
    h.keys("j<enter>");
    assert_eq!(
        h.model.query.text(),
        "",
        "no invisible card entry was pivoted to"
    );
}

#[test]
fn late_results_do_not_take_away_the_article_being_read() {
    let mut h = at(80, 24);
    h.keys("jj<enter>");
    h.keys("/propagande");
    // The worker answers after the user has gone back to reading.
    let Some(Effect::Search {
        generation, query, ..
    }) = h.effects.pop()
    else {
        panic!("a search was asked for");
    };
    h.model
        .update(Action::Command(veille::app::Command::Accept));
    h.model.update(Action::Command(veille::app::Command::Open));
    let reading = h.model.current().map(|(d, _)| d);
    let index = veille::search::Index::build(&h.model.corpus);
    let hits = veille::search::run(&index, &h.model.corpus, &query);
    h.act(Action::SearchDone {
        generation,
        hits,
        snippets: None,
        partial: None,
    });
    assert_eq!(h.model.current().map(|(d, _)| d), reading);
}

#[test]
fn reading_hides_the_timeline() {
    let mut h = at(80, 24);
    h.keys("t");
    assert!(h.model.timeline.is_some());
    h.keys("<enter>");
    assert!(h.model.timeline.is_none());
    h.keys("t]");
    assert!(h.model.timeline.is_none());
}

#[test]
fn suspend_and_redraw_work_while_typing_and_in_help() {
    let mut h = at(80, 24);
    h.keys("/ab<ctrl-z>");
    assert_eq!(h.effects.last(), Some(&Effect::Suspend));
    assert_eq!(h.model.query.text(), "ab");
    h.keys("<esc>?<ctrl-l>");
    assert_eq!(h.effects.last(), Some(&Effect::Redraw));
}

#[test]
fn related_articles_join_the_card_when_the_index_is_ready() {
    use ratatui::layout::Rect;
    use std::sync::Arc;
    use veille::app::card::Pivot;
    use veille::app::{Keymap, Model};
    use veille::search::Index;
    let corpus = Arc::new(common::fixture_with_meta());
    let mut model = Model::new(
        Arc::clone(&corpus),
        Arc::new(Keymap::default_keymap()),
        Rect::new(0, 0, 120, 30),
    );
    let opens = |m: &Model| {
        m.card
            .iter()
            .filter(|l| matches!(l.pivot(), Some(Pivot::Open(_))))
            .count()
    };
    assert!(!model.card.is_empty(), "the card shows before the index");
    assert_eq!(opens(&model), 0, "no related articles without the index");
    model.update(Action::IndexReady(Arc::new(Index::build(&corpus))));
    assert!(opens(&model) > 0, "related articles once it is built");
}

/// 80 articles "Saisie N" of November 2019, whose text `text(N)` gives: more than the
/// worker's first screen of rows.
fn seizures(text: impl Fn(usize) -> String) -> veille::corpus::Corpus {
    let docs = (0..80)
        .map(|i| common::doc(&format!("Saisie {i}"), Some((2019, 11)), None, &[&text(i)]))
        .collect();
    veille::corpus::Corpus {
        docs,
        warnings: Vec::new(),
    }
}

#[test]
fn rows_scrolled_to_past_the_first_screen_get_their_snippets() {
    let mut h = Harness::new(
        seizures(|i| format!("Article {i}. Le serveur d'Amaq a été saisi par Europol.")),
        80,
        24,
    );
    h.keys("/amaq<enter>");
    assert_eq!(h.model.results.len(), 80);
    let shown = |h: &Harness| {
        let from = h.model.list_offset;
        let to = (from + h.model.list_capacity()).min(h.model.results.len());
        h.model.results[from..to].to_vec()
    };
    assert!(shown(&h).iter().all(|hit| hit.snippet().is_some()));
    h.keys("G");
    assert!(
        h.model.list_offset > 24,
        "scrolled past the worker's first screen"
    );
    for hit in shown(&h) {
        let snippet = hit.snippet().expect("a snippet for every row shown");
        assert!(snippet.text.contains("Amaq"), "{snippet:?}");
        assert_eq!(hit.matches, 1);
    }
}

#[test]
fn a_very_long_article_opens_at_once_and_its_end_is_its_true_end() {
    let paragraph = "Le parquet fédéral belge a coordonné l'opération ; Europol, Eurojust \
                     et les polices de neuf pays y ont pris part. "
        .repeat(10);
    let long = veille::corpus::Document {
        title: "Un dossier de 1 Mo".into(),
        blocks: vec![veille::corpus::Block::Paragraph(paragraph); 1200].into(),
        ..veille::corpus::Document::default()
    };
    let mut corpus = fixture();
    corpus.docs.insert(0, long);
    let mut h = Harness::new(corpus, 100, 30);
    h.keys("<enter>");
    // The first screen is there, the rest is being laid out in the background.
    assert!(
        h.model.busy(),
        "a 1 MB article is laid out off the UI thread"
    );
    let preview = h.model.lines().len();
    assert!(preview > h.model.reader_height());
    h.keys("G");
    assert!(!h.model.busy(), "G waits for the whole article");
    assert!(h.model.lines().len() > preview);
    assert_eq!(h.model.scroll, h.model.max_scroll());
    assert_eq!(
        h.model.lines().last().map(|l| l.origin),
        Some(veille::app::reading::Origin::Block(1199)),
        "the last line shown is the article's last"
    );
}

#[test]
fn idle_takes_in_a_long_articles_whole_layout() {
    let long = veille::corpus::Document {
        title: "Long".into(),
        blocks: vec![veille::corpus::Block::Paragraph("mot ".repeat(200)); 1000].into(),
        ..veille::corpus::Document::default()
    };
    let mut corpus = fixture();
    corpus.docs.insert(0, long);
    let mut h = Harness::new(corpus, 100, 30);
    h.keys("<enter>");
    assert!(h.model.busy());
    let preview = h.model.lines().len();
    // Bounded wait for the background thread; nothing is timed.
    for _ in 0..1000 {
        if !h.model.busy() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.act(Action::Idle);
    }
    assert!(!h.model.busy());
    assert!(h.model.lines().len() > preview);
}

#[test]
fn sorting_and_grouping_come_back_to_the_ranking() {
    let mut h = Harness::seeds(100, 30);
    h.keys("/propagande<enter>");
    let docs = |h: &Harness| h.model.results.iter().map(|r| r.doc).collect::<Vec<_>>();
    let ranking = docs(&h);
    assert!(ranking.len() > 2, "the query must match several articles");
    h.keys("o");
    let by_date = docs(&h);
    let dates: Vec<_> = by_date
        .iter()
        .map(|&d| h.model.corpus.docs[d].date)
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1] || w[1].is_none()));
    assert_ne!(
        by_date, ranking,
        "the fixture's ranking is not its date order"
    );
    h.keys("/<ctrl-u>europol<enter>");
    let europol: Vec<_> = docs(&h)
        .iter()
        .map(|&d| h.model.corpus.docs[d].date)
        .collect();
    assert!(
        europol.windows(2).all(|w| w[0] >= w[1] || w[1].is_none()),
        "new results come in the chosen sort"
    );
    h.keys("/<ctrl-u>propagande<enter>oo");
    assert_eq!(docs(&h), ranking, "relevance again is the ranking");
    h.keys("OOO");
    assert_eq!(docs(&h), ranking, "no grouping again is the ranking");
}

#[test]
fn the_status_count_follows_rows_counted_as_they_are_scrolled_to() {
    // A phrase twice per article: the index counts it once per article, the text twice.
    let mut h = Harness::new(
        seizures(|i| format!("Le serveur d'Amaq {i}. Encore le serveur d'Amaq.")),
        80,
        24,
    );
    let total = |h: &Harness| h.model.results.iter().map(|r| r.matches).sum::<usize>();
    h.keys("/\"serveur d'amaq\"<enter>");
    let before = total(&h);
    assert!(
        h.screen().contains(&format!("{before} matches")),
        "{}",
        h.screen()
    );
    h.keys("G");
    let after = total(&h);
    assert!(
        after > before,
        "rows scrolled to were counted in their text"
    );
    assert!(
        h.screen().contains(&format!("{after} matches")),
        "{}",
        h.screen()
    );
}

#[test]
fn the_full_list_comes_back_whole_and_in_order_whatever_came_between() {
    let mut h = at(80, 24);
    let every = |h: &Harness| -> Vec<usize> { h.model.results.iter().map(|r| r.doc).collect() };
    let all: Vec<usize> = (0..h.model.corpus.docs.len()).collect();
    assert_eq!(every(&h), all);
    let titles = h.listed_titles();
    h.keys("/trebes<esc>");
    assert_eq!(every(&h), all);
    h.keys("/amaq<enter>jk<esc>");
    assert_eq!(every(&h), all);
    assert_eq!(h.listed_titles(), titles);
    // Sorted, then back to ranking order: still every article, each once.
    let sort = veille::app::Command::CycleSort;
    h.act(Action::Command(sort)).keys("/europol<esc>");
    let mut sorted = every(&h);
    sorted.sort_unstable();
    assert_eq!(sorted, all);
    for _ in 0..2 {
        h.act(Action::Command(sort));
    }
    h.keys("/etat<esc>");
    assert_eq!(every(&h), all);
    assert!(
        h.model
            .results
            .iter()
            .all(|r| r.matches == 0 && r.snippet().is_none()),
        "rows of the full list carry nothing of a query"
    );
}

#[test]
fn the_full_list_holds_the_articles_that_arrived_while_a_filter_was_shown() {
    let corpus = fixture();
    let mut h = Harness::loading(&corpus, 80, 24);
    let (first, rest) = corpus.docs.split_at(2);
    h.act(Action::Arrived(first.to_vec()));
    // The list goes to the filter's answer and back: every article then is the first two.
    h.index_ready().keys("/a<esc>/a");
    assert!(h.model.lists_matches());
    h.act(Action::Arrived(rest.to_vec()));
    h.keys("<esc>");
    let listed: Vec<usize> = h.model.results.iter().map(|r| r.doc).collect();
    assert_eq!(listed, (0..corpus.docs.len()).collect::<Vec<_>>());
}

#[test]
fn cards_made_after_the_index_fill_the_card_and_leave_the_list_and_reading_as_they_were() {
    use std::path::PathBuf;
    use std::sync::Arc;
    use veille::app::Model;
    use veille::app::card::{CardLine, Pivot};
    use veille::corpus::cards::{Cards, add_cards};
    use veille::corpus::formats::FieldMap;
    use veille::corpus::progress::Progress;
    use veille::corpus::source::load_paths_reporting;
    let paths = [PathBuf::from("seeds")];
    let fields = FieldMap::default();
    let pending = load_paths_reporting(&paths, &fields, &Progress::silent(), Cards::Later)
        .expect("seeds load");
    let mut carded = pending.clone();
    add_cards(&mut carded);
    let labels = |m: &Model| -> Vec<String> {
        let label = |l: &CardLine| match l {
            CardLine::Label(t) => Some(t.clone()),
            _ => None,
        };
        m.card.iter().filter_map(label).collect()
    };
    let waiting = |m: &Model| labels(m).iter().any(|l| l.starts_with("Names, dates"));
    let names = |m: &Model| {
        let name = |l: &&CardLine| matches!(l.pivot(), Some(Pivot::Search(_)));
        m.card.iter().filter(name).count()
    };
    // An article read, with a filter on, the reader scrolled.
    let mut h = Harness::new(pending, 120, 40);
    h.keys("/europol<enter>j<enter>jj");
    let (results, selected, scroll) = (h.model.results.clone(), h.model.selected, h.model.scroll);
    assert!(results.len() > 1 && selected == 1 && scroll > 0);
    assert!(waiting(&h.model), "the card says its names are being found");
    assert_eq!(names(&h.model), 0, "no names before the cards");
    h.act(Action::Carded(Arc::new(carded)));
    assert_eq!(h.model.results, results);
    assert_eq!((h.model.selected, h.model.scroll), (selected, scroll));
    assert!(!waiting(&h.model));
    assert!(labels(&h.model).iter().any(|l| l.starts_with("Keywords")));
    assert!(
        names(&h.model) > 0,
        "names and keywords once the cards are made"
    );
}

#[test]
fn cards_of_another_corpus_are_left_aside() {
    use std::sync::Arc;
    let mut h = at(120, 40);
    h.keys("jj");
    let shown = Arc::clone(&h.model.corpus);
    let mut fewer = (*shown).clone();
    fewer.docs.pop();
    h.act(Action::Carded(Arc::new(fewer)));
    assert!(Arc::ptr_eq(&h.model.corpus, &shown));
    let mut renamed = (*shown).clone();
    renamed.docs[2].path = "elsewhere.txt".into();
    h.act(Action::Carded(Arc::new(renamed)));
    assert!(
        Arc::ptr_eq(&h.model.corpus, &shown),
        "the article read is not the same"
    );
    let same = (*shown).clone();
    h.act(Action::Carded(Arc::new(same)));
    assert!(!Arc::ptr_eq(&h.model.corpus, &shown));
}
