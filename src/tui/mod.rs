//! The only code that touches the terminal: setup and restore, signals, the event loop that
//! feeds keys, resizes and search results to `Model::update`, and drawing on change.
//! Must not hold application state of its own.

pub mod help;
pub mod input;
pub mod list;
pub mod reader;
pub mod sidebar;
pub mod status;
pub mod terminal;
pub mod theme;
pub mod timeline;
pub mod view;
mod worker;

pub use worker::{Keep, Loaded};

use crate::app::{Action, Effect, Keymap, Model};
use input::Input;
use ratatui::crossterm::event;
use ratatui::layout::Rect;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
use std::io;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

/// Everything the loop waits for, from every thread, on one channel.
enum Message {
    Event(event::Event),
    Signal(i32),
    Worker(worker::Report),
    InputClosed,
}

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
    load: impl FnOnce() -> Result<L, String> + Send + 'static,
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

fn event_loop(
    terminal: &mut terminal::Term,
    model: &mut Model,
    rx: &Receiver<Message>,
    searches: &worker::Searches,
) -> io::Result<Outcome> {
    let done = |code| {
        Ok(Outcome {
            code,
            message: None,
        })
    };
    terminal.draw(|f| view::view(model, f))?;
    while let Ok(first) = rx.recv() {
        // Coalesce a burst (a resize storm, a fast typist) into one redraw.
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        for message in batch {
            let effect = match message {
                Message::Event(e) => match input::translate(e) {
                    Some(Input::Key(key)) => {
                        model.action_for_key(key).and_then(|a| model.update(a))
                    }
                    Some(Input::Action(a)) => model.update(a),
                    None => None,
                },
                Message::Worker(worker::Report::Found { generation, hits }) => {
                    model.update(Action::SearchDone { generation, hits })
                }
                Message::Worker(worker::Report::Ready(index)) => {
                    model.update(Action::IndexReady(index))
                }
                Message::Worker(worker::Report::Loaded(corpus)) => {
                    model.update(Action::Loaded(corpus))
                }
                Message::Worker(worker::Report::Indexing { done, total }) => {
                    model.update(Action::Indexing { done, total })
                }
                Message::Worker(worker::Report::LoadFailed(message)) => {
                    return Ok(Outcome {
                        code: 2,
                        message: Some(message),
                    });
                }
                Message::Signal(SIGTSTP) => Some(Effect::Suspend),
                Message::Signal(SIGCONT) => Some(Effect::Redraw),
                Message::Signal(n) => return done(128 + n),
                Message::InputClosed => return done(1),
            };
            match effect {
                Some(Effect::Quit) => return done(0),
                Some(Effect::Suspend) => terminal::suspend(terminal)?,
                Some(Effect::Redraw) => terminal::resume(terminal)?,
                Some(Effect::Search { generation, query }) => {
                    searches.submit(worker::Request { generation, query });
                }
                None => {}
            }
        }
        let size = terminal.size()?;
        if Rect::new(0, 0, size.width, size.height) != model.size {
            model.update(Action::Resize(size.width, size.height));
        }
        terminal.draw(|f| view::view(model, f))?;
    }
    done(0)
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
