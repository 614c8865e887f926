//! The only code that touches the terminal: setup and restore, signals, the event loop that
//! feeds keys, resizes and search results to `Model::update`, and drawing on change.
//! Must not hold application state of its own.

mod early;
pub mod help;
pub mod input;
pub mod list;
pub mod reader;
pub(crate) mod shell;
pub mod sidebar;
pub mod status;
pub mod terminal;
pub mod theme;
pub mod timeline;
pub mod view;
pub(crate) mod worker;

pub use worker::{IfLeft, Keep, Loaded};

use crate::app::{Keymap, Model};
use crate::corpus::progress::Progress;
use ratatui::crossterm::event;
use ratatui::layout::Rect;
use shell::{Flow, Message, Painter};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use std::io;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

/// How the reader ended: the exit code, and what to tell the user once the terminal is
/// theirs again.
pub struct Outcome {
    pub code: i32,
    pub message: Option<String>,
}

/// Run the reader until the user quits. The screen is painted at once; `load` runs on the
/// worker thread, and the list fills when it returns. It gives a `Corpus`, or a [`Loaded`]
/// with an index already built.
pub fn run<L: Into<Loaded>>(
    load: impl FnOnce(&Progress) -> Result<L, String> + Send + 'static,
    keymap: Keymap,
) -> io::Result<Outcome> {
    terminal::install_panic_hook();
    let (tx, rx) = mpsc::channel();
    let signals = watch_signals(tx.clone())?;
    let mut terminal = terminal::enter().inspect_err(|_| terminal::restore())?;
    let size = terminal.size().inspect_err(|_| terminal::restore())?;
    let found = tx.clone();
    let searches = worker::spawn(load, move |a| found.send(Message::Worker(a)).is_ok());
    read_input(tx);
    let mut model = Model::loading(Arc::new(keymap), Rect::new(0, 0, size.width, size.height));
    let outcome = event_loop(&mut terminal, &mut model, &rx, &searches);
    terminal::restore();
    signals.close();
    outcome
}

/// How often background work is looked at while the user does nothing.
const BUSY_POLL: Duration = Duration::from_millis(10);

fn event_loop(
    terminal: &mut terminal::Term,
    model: &mut Model,
    rx: &Receiver<Message>,
    searches: &worker::Searches,
) -> io::Result<Outcome> {
    let mut painter = Painter::default();
    painter.invalidate();
    painter.paint(terminal, model, Instant::now())?;
    loop {
        // Held-back progress is drawn when due even if nothing else arrives, and background
        // work (a long article's layout) is looked at again soon while there is some.
        let poll = model.busy().then(|| Instant::now() + BUSY_POLL);
        let wake = match (painter.due(), poll) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let first = match wake {
            Some(due) => match rx.recv_timeout(due.saturating_duration_since(Instant::now())) {
                Ok(message) => Some(message),
                Err(RecvTimeoutError::Timeout) => model.busy().then_some(Message::Idle),
                Err(RecvTimeoutError::Disconnected) => break,
            },
            None => match rx.recv() {
                Ok(message) => Some(message),
                Err(_) => break,
            },
        };
        // Coalesce a burst (a resize storm, a fast typist) into one redraw.
        let batch: Vec<Message> = first.into_iter().chain(rx.try_iter()).collect();
        for message in batch {
            match shell::handle(model, message, searches, &mut Screen(terminal))? {
                Flow::Continue => {}
                Flow::Repaint => painter.invalidate(),
                Flow::Stop(outcome) => return Ok(outcome),
            }
        }
        painter.paint(terminal, model, Instant::now())?;
    }
    Ok(Outcome {
        code: 0,
        message: None,
    })
}

/// The real terminal, for the effects only it can perform.
struct Screen<'a>(&'a mut terminal::Term);

impl shell::Host for Screen<'_> {
    fn suspend(&mut self) -> io::Result<()> {
        terminal::suspend(self.0)
    }

    fn resume(&mut self) -> io::Result<()> {
        terminal::resume(self.0)
    }
}

/// Terminal events on their own thread, so the loop can also wait for signals and results.
fn read_input(tx: Sender<Message>) {
    let spawned = thread::Builder::new()
        .name("veille-input".into())
        .spawn(move || {
            loop {
                match event::read() {
                    Ok(e) => {
                        if tx.send(Message::Event(e)).is_err() {
                            return;
                        }
                    }
                    Err(_) => {
                        let _ = tx.send(Message::InputClosed);
                        return;
                    }
                }
            }
        });
    drop(spawned);
}

/// SIGTERM, SIGINT, SIGHUP end the loop (and the terminal is restored); SIGTSTP suspends
/// like Ctrl-Z; SIGCONT repaints after an outside stop.
fn watch_signals(tx: Sender<Message>) -> io::Result<signal_hook::iterator::Handle> {
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP, SIGTSTP, SIGCONT])?;
    let handle = signals.handle();
    thread::Builder::new()
        .name("veille-signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if tx.send(Message::Signal(signal)).is_err() {
                    return;
                }
            }
        })?;
    Ok(handle)
}
