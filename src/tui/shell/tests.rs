//! The loop's turn through the real keymap: what is drawn, and what is not.

use super::*;
use crate::app::Keymap;
use crate::corpus::source;
use crate::search::Hit;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::sync::Arc;

struct NoTerminal;

impl Host for NoTerminal {
    fn suspend(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn resume(&mut self) -> io::Result<()> {
        Ok(())
    }
}

struct Reader {
    model: Model,
    terminal: Terminal<TestBackend>,
    painter: Painter,
    searches: Searches,
    now: Instant,
}

impl Reader {
    fn seeds() -> Reader {
        let corpus = Arc::new(source::embedded());
        let model = Model::new(
            corpus,
            Arc::new(Keymap::default_keymap()),
            Rect::new(0, 0, 80, 24),
        );
        let terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
        // Queries go nowhere: these tests feed results by hand.
        let searches = worker::spawn(
            |_: &_| Err::<crate::corpus::Corpus, _>("no corpus".into()),
            |_| false,
        );
        let mut reader = Reader {
            model,
            terminal,
            painter: Painter::default(),
            searches,
            now: Instant::now(),
        };
        assert!(reader.paint(), "the first frame is drawn");
        reader
    }

    fn send(&mut self, message: Message) -> &mut Self {
        let flow = handle(&mut self.model, message, &self.searches, &mut NoTerminal);
        assert!(matches!(flow, Ok(Flow::Continue)));
        self
    }

    fn key(&mut self, c: char) -> &mut Self {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        self.send(Message::Event(Event::Key(key)))
    }

    fn paint(&mut self) -> bool {
        self.painter
            .paint(&mut self.terminal, &mut self.model, self.now)
            .expect("draw on a test backend")
    }

    fn screen(&self) -> String {
        let buffer = self.terminal.backend().buffer();
        buffer.content().iter().map(|c| c.symbol()).collect()
    }
}

#[test]
fn an_unbound_key_draws_nothing_and_a_bound_key_draws() {
    let mut reader = Reader::seeds();
    assert!(
        !reader.key('x').paint(),
        "x is bound to nothing in the list"
    );
    assert!(!reader.paint(), "nothing new since the last frame");
    let before = reader.screen();
    assert!(reader.key('j').paint(), "j moves the selection");
    assert_ne!(reader.screen(), before);
}

#[test]
fn a_typed_character_is_drawn_at_once() {
    let mut reader = Reader::seeds();
    assert!(reader.key('/').paint());
    assert!(reader.key('e').paint());
    assert!(reader.screen().contains("/e"));
}

#[test]
fn stale_results_draw_nothing_and_fresh_ones_do() {
    let mut reader = Reader::seeds();
    reader.key('/').key('e').paint();
    let generation = reader.model.query.generation();
    let hits = vec![Hit::of(3)];
    let stale = Report::Found {
        generation: generation - 1,
        hits: hits.clone(),
        snippets: Arc::default(),
        partial: None,
    };
    assert!(!reader.send(Message::Worker(stale)).paint());
    let fresh = Report::Found {
        generation,
        hits,
        snippets: Arc::default(),
        partial: None,
    };
    assert!(reader.send(Message::Worker(fresh)).paint());
}

#[test]
fn progress_is_drawn_when_the_percentage_moves_and_at_most_every_tenth_of_a_second() {
    let mut reader = Reader::seeds();
    let total = 1000;
    let tick = |done| Message::Worker(Report::Indexing { done, total });
    assert!(!reader.send(tick(3)).paint(), "still 0%");
    assert!(
        !reader.send(tick(500)).paint(),
        "50%, but a frame was just drawn"
    );
    assert!(
        reader.painter.due().is_some(),
        "the held tick is remembered"
    );
    reader.now += PROGRESS_EVERY;
    assert!(reader.paint(), "the held tick is drawn when due");
    assert!(reader.screen().contains("indexing 50%"));
    assert!(reader.painter.due().is_none());
}

#[test]
fn a_failed_load_stops_with_its_message() {
    let mut reader = Reader::seeds();
    let failed = Message::Worker(Report::LoadFailed("nothing to read".into()));
    let flow = handle(&mut reader.model, failed, &reader.searches, &mut NoTerminal);
    assert!(matches!(
        flow,
        Ok(Flow::Stop(Outcome { code: 2, message: Some(m) })) if m == "nothing to read"
    ));
}
