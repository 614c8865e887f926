//! `veille bench --replay KEYS`: keystrokes fed through the reader's own loop turn (terminal
//! event → keymap → `Model::update` → effects → search worker → `tui::view`) into an
//! off-screen buffer, each one timed. Must not touch the terminal, and must not take a path
//! the reader does not take: what it times is what a user waits for.

pub mod keys;
mod report;

use crate::app::layout::Pane;
use crate::app::model::Checking;
use crate::app::{Keymap, Mode, Model};
use crate::corpus::progress::Progress;
use crate::tui::Loaded;
use crate::tui::shell::{self, Flow, Host, Message, Painter};
use crate::tui::worker::{self, Report, Searches};
use keys::ReplayKey;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

pub use report::{Summary, write_json, write_table};

/// The screen the frames are drawn into: a common terminal size.
pub const WIDTH: u16 = 120;
pub const HEIGHT: u16 = 40;

/// Longest wait for the worker (a load, an index, one query) before giving up.
const PATIENCE: Duration = Duration::from_secs(300);

/// One keystroke as timed.
#[derive(Debug, Clone)]
pub struct Row {
    /// Which replay of KEYS, from 1.
    pub round: usize,
    pub key: String,
    /// The filter after the key.
    pub query: String,
    /// Key to frame: the update and the drawing of what it changed (the query echoed).
    pub echo: Duration,
    /// The part of `echo` spent in `Model::update` and the effects; the rest is drawing.
    pub update: Duration,
    /// Key to the frame showing its search's results; None when the key sent no search.
    pub results: Option<Duration>,
    /// Articles in the list after the key (and its results).
    pub hits: usize,
}

/// A whole replay: how long the corpus took to be searchable, then every keystroke.
#[derive(Debug, Clone)]
pub struct Replay {
    pub documents: usize,
    /// Start to the corpus read and listed.
    pub load: Duration,
    /// Corpus listed to index ready.
    pub index: Duration,
    /// Start to the cards a first run puts off made (see `corpus::cards`), waited for once
    /// the keys are typed (so that the cache entry is written, as the reader left open
    /// writes it); `None` when none were put off.
    pub cards: Option<Duration>,
    pub rows: Vec<Row>,
    /// A key quit the reader before the replay ended.
    pub quit_early: bool,
}

/// Load the corpus through the reader's worker, wait for its index, then type `keys`
/// `repeat` times (Esc and a cleared filter between rounds), idle for `pause` before each
/// key as a person is between keystrokes. The error says what failed.
pub fn replay<L: Into<Loaded>>(
    load: impl FnOnce(&Progress) -> Result<L, String> + Send + 'static,
    keys: &[ReplayKey],
    repeat: usize,
    pause: Duration,
) -> Result<Replay, String> {
    let start = Instant::now();
    let (tx, rx) = mpsc::channel();
    let searches = worker::spawn(load, move |r| tx.send(Message::Worker(r)).is_ok());
    let terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).map_err(|e| e.to_string())?;
    let keymap = Arc::new(Keymap::default_keymap());
    let mut session = Session {
        model: Model::loading(keymap, Rect::new(0, 0, WIDTH, HEIGHT)),
        terminal,
        painter: Painter::default(),
        rx,
        searches,
    };
    session.painter.invalidate();
    session.paint()?;
    let (load, index) = session.until_ready(start)?;
    let mut replay = Replay {
        documents: session.model.corpus.docs.len(),
        load,
        index,
        cards: None,
        rows: Vec::new(),
        quit_early: false,
    };
    for round in 1..=repeat {
        if round > 1 {
            session.reset()?;
        }
        for key in keys {
            if !pause.is_zero() {
                std::thread::sleep(pause);
            }
            let (row, flow) = session.time(round, key)?;
            replay.rows.push(row);
            if matches!(flow, Flow::Stop(_)) {
                replay.quit_early = true;
                return Ok(replay);
            }
        }
    }
    replay.cards = session.until_cards_made(start)?;
    Ok(replay)
}

/// The reader without a terminal: its model, an off-screen screen, the worker's channel.
struct Session {
    model: Model,
    terminal: Terminal<TestBackend>,
    painter: Painter,
    rx: Receiver<Message>,
    searches: Searches,
}

/// Suspend and repaint have no terminal to act on here.
struct Offscreen;

impl Host for Offscreen {
    fn suspend(&mut self) -> std::io::Result<()> {
        Ok(())
    }
    fn resume(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Session {
    /// One turn of the reader's loop: the message applied, then a frame if anything changed.
    fn turn(&mut self, message: Message) -> Result<Flow, String> {
        self.timed_turn(message).map(|(flow, _)| flow)
    }

    /// A turn, and how long the update (before drawing) took.
    fn timed_turn(&mut self, message: Message) -> Result<(Flow, Duration), String> {
        let start = Instant::now();
        let flow = shell::handle(&mut self.model, message, &self.searches, &mut Offscreen)
            .map_err(|e| e.to_string())?;
        let update = start.elapsed();
        match flow {
            // The reader leaves without drawing again.
            Flow::Stop(_) => return Ok((flow, update)),
            Flow::Repaint => self.painter.invalidate(),
            Flow::Continue => {}
        }
        self.paint()?;
        Ok((flow, update))
    }

    fn paint(&mut self) -> Result<bool, String> {
        self.painter
            .paint(&mut self.terminal, &mut self.model, Instant::now())
            .map_err(|e| e.to_string())
    }

    fn next(&self, waiting_for: &str) -> Result<Message, String> {
        self.rx
            .recv_timeout(PATIENCE)
            .map_err(|_| format!("the search worker gave no {waiting_for}"))
    }

    /// Feed the worker's reports until the index is ready: (load time, index time).
    fn until_ready(&mut self, start: Instant) -> Result<(Duration, Duration), String> {
        let mut loaded = None;
        loop {
            let message = self.next("index")?;
            let (is_loaded, is_ready) = match &message {
                Message::Worker(Report::Loaded(_)) => (true, false),
                Message::Worker(Report::Ready(_)) => (false, true),
                _ => (false, false),
            };
            if let Flow::Stop(outcome) = self.turn(message)? {
                return Err(outcome
                    .message
                    .unwrap_or_else(|| "the corpus could not be read".into()));
            }
            if is_loaded {
                loaded = Some(start.elapsed());
            }
            if is_ready {
                let load = loaded.unwrap_or_default();
                return Ok((load, start.elapsed().saturating_sub(load)));
            }
        }
    }

    /// Feed the worker's reports until the cards put off are made: when, from `start`.
    fn until_cards_made(&mut self, start: Instant) -> Result<Option<Duration>, String> {
        let mut waited = false;
        while matches!(self.model.checking, Some(Checking::Cards { .. })) {
            let message = self.next("cards")?;
            if let Flow::Stop(outcome) = self.turn(message)? {
                return Err(outcome.message.unwrap_or_default());
            }
            waited = true;
        }
        Ok(waited.then(|| start.elapsed()))
    }

    /// Type one key, and when it sends a search, wait for that search's results on screen.
    fn time(&mut self, round: usize, key: &ReplayKey) -> Result<(Row, Flow), String> {
        let before = self.model.query.generation();
        let start = Instant::now();
        let (flow, update) = self.timed_turn(Message::Event(key.event()))?;
        let echo = start.elapsed();
        let wanted = self.model.query.generation();
        let searched = wanted != before && !self.model.query.is_blank();
        let results = if searched && !matches!(flow, Flow::Stop(_)) {
            Some(self.until_found(wanted, start)?)
        } else {
            None
        };
        let row = Row {
            round,
            key: key.label.clone(),
            query: self.model.query.text().to_string(),
            echo,
            update,
            results,
            hits: self.model.results.len(),
        };
        Ok((row, flow))
    }

    fn until_found(&mut self, generation: u64, start: Instant) -> Result<Duration, String> {
        loop {
            let message = self.next("results")?;
            let found = matches!(&message,
                Message::Worker(Report::Found { generation: g, .. }) if *g == generation);
            self.turn(message)?;
            if found {
                return Ok(start.elapsed());
            }
        }
    }

    /// Back to the full list between rounds, as a user would: Esc until nothing is typed.
    fn reset(&mut self) -> Result<(), String> {
        let esc = Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        for _ in 0..4 {
            let m = &self.model;
            if m.mode == Mode::Browse && m.query.is_blank() && m.focus == Pane::List {
                break;
            }
            self.turn(Message::Event(esc.clone()))?;
        }
        Ok(())
    }
}
