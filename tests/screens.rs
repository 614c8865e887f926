//! Screens of the bundled corpus at 80×24 and 40×12, driven by key strings, as snapshots;
//! plus the cell styles where colour carries meaning.

mod common;

use common::Harness;
use ratatui::style::Color;

fn screen_at(keys: &str, width: u16, height: u16) -> String {
    let mut h = Harness::seeds(width, height);
    h.keys(keys);
    h.screen()
}

macro_rules! screens {
    ($($name:ident: $keys:expr;)*) => {$(
        #[test]
        fn $name() {
            insta::assert_snapshot!(concat!(stringify!($name), "_80x24"), screen_at($keys, 80, 24));
            insta::assert_snapshot!(concat!(stringify!($name), "_40x12"), screen_at($keys, 40, 12));
        }
    )*};
}

screens! {
    start: "";
    filter_no_match: "/zqxjk";
    filter_europol: "/europol<enter>";
    article_scrolled_to_the_end: "jjjj<enter>G";
    help_overlay: "?";
}

#[test]
fn start_wide_with_sidebar() {
    insta::assert_snapshot!(screen_at("j", 120, 30));
}

#[test]
fn tiny_terminal_says_it_is_too_small() {
    let screen = screen_at("", 20, 5);
    insta::assert_snapshot!(screen);
    assert!(screen.contains("too small"));
}

#[test]
fn zero_and_huge_sizes_draw_without_panicking() {
    for (w, h) in [(0, 0), (1, 1), (0, 40), (400, 0), (1000, 500)] {
        let mut harness = Harness::seeds(w, h);
        harness.keys("jj<enter>G/europol<enter>?");
        let _ = harness.buffer();
    }
}

#[test]
fn the_selected_entry_is_highlighted_and_matches_are_marked() {
    let mut h = Harness::seeds(80, 24);
    h.keys("/daesh");
    let buffer = h.buffer();
    // The first entry is selected: its title row has the selection background.
    let title_row = 1;
    assert_eq!(buffer[(2, title_row)].bg, Color::Blue);
    // Somewhere on that row, the matched word is styled as a match.
    let row: Vec<_> = (1..30).map(|x| &buffer[(x, title_row)]).collect();
    let matched: String = row
        .iter()
        .filter(|c| c.fg == Color::Yellow)
        .map(|c| c.symbol())
        .collect();
    assert_eq!(matched.to_lowercase(), "daesh");
}

#[test]
fn hostile_text_is_shown_clean_and_bad_bytes_are_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let hostile = "Titre \x1b[31mROUGE\x1b]0;pwned\x07\n\nTexte\u{202e} inversé\tavec tab.\r\n";
    std::fs::write(dir.path().join("a.txt"), hostile).expect("write");
    std::fs::write(
        dir.path().join("b.txt"),
        b"caf\xc3 cr\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5",
    )
    .expect("write");
    let corpus = veille::corpus::source::load_paths(&[dir.path().to_path_buf()]).expect("load");
    let mut h = Harness::new(corpus, 80, 24);
    let screen = h.screen();
    assert!(screen.contains("warning"), "{screen}");
    assert!(screen.contains("Titre ROUGE"), "{screen}");
    for residue in ["[31m", "pwned", "\u{202e}", "\x1b"] {
        assert!(
            !screen.contains(residue),
            "{residue:?} reached the screen:\n{screen}"
        );
    }
    h.keys("<enter>");
    let screen = h.screen();
    // The tab is expanded to the next 4-column stop, not dropped.
    assert!(screen.contains("Texte inversé   avec tab."), "{screen}");
}

#[test]
fn timeline_of_the_bundled_corpus() {
    insta::assert_snapshot!(screen_at("t", 80, 24));
    let narrow = screen_at("t", 80, 24);
    assert!(narrow.contains("per year · 1 undated"), "{narrow}");
    // Wide enough for 27 months of bars with their labels: the months are shown.
    let wide = screen_at("t", 300, 40);
    assert!(
        wide.contains("per month") && wide.contains("2018-06"),
        "{wide}"
    );
}

#[test]
fn grouped_by_year_with_headers() {
    let screen = screen_at("OO", 80, 24);
    insta::assert_snapshot!(screen);
    let order: Vec<usize> = ["── 2019", "── 2017", "── Undated"]
        .iter()
        .map(|h| {
            screen
                .find(h)
                .unwrap_or_else(|| panic!("{h} missing:\n{screen}"))
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{screen}");
}

#[test]
fn loading_and_indexing_are_shown() {
    use ratatui::layout::Rect;
    use std::sync::Arc;
    use veille::app::{Action, Keymap, Model};
    let model = Model::loading(Arc::new(Keymap::default_keymap()), Rect::new(0, 0, 80, 24));
    let screen = common::buffer_text(&render(&model));
    assert!(
        screen.contains("Loading articles…") && screen.contains("loading…"),
        "{screen}"
    );
    let mut model = model;
    // Files are read on several threads: a late report never moves the count back.
    model.update(Action::Reading {
        done: 420,
        total: 1000,
    });
    model.update(Action::Reading {
        done: 410,
        total: 1000,
    });
    let screen = common::buffer_text(&render(&model));
    assert!(screen.contains("reading 42% (420/1000 files)"), "{screen}");
    model.update(Action::Loaded(Arc::new(veille::corpus::source::embedded())));
    model.update(Action::Indexing { done: 1, total: 4 });
    let screen = common::buffer_text(&render(&model));
    assert!(screen.contains("indexing 25%"), "{screen}");
    assert!(screen.contains("Les outils de propagande"), "{screen}");
}

fn render(model: &veille::app::Model) -> ratatui::buffer::Buffer {
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("test backend");
    terminal
        .draw(|f| veille::tui::view::view(model, f))
        .expect("draw");
    terminal.backend().buffer().clone()
}
