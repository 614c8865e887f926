//! One turn of the reader's loop, shared by the terminal and `veille bench`: a message in
//! (a terminal event, a signal, a worker report), the model updated, its effect performed;
//! and the decision to draw, only when something visible changed. Must not read input or
//! own the terminal: the caller brings the messages and the screen.

use super::input::{self, Input};
use super::worker::{self, Report, Searches};
use super::{Outcome, view};
use crate::app::{Action, Effect, Model, Redraw};
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event;
use ratatui::layout::Rect;
use signal_hook::consts::{SIGCONT, SIGTSTP};
use std::io;
use std::time::{Duration, Instant};

/// Everything the loop waits for, from every thread, on one channel.
pub(crate) enum Message {
    Event(event::Event),
    Signal(i32),
    Worker(Report),
    InputClosed,
    /// Nothing arrived while the model was busy.
    Idle,
}

/// What the loop does after a message.
pub(crate) enum Flow {
    Continue,
    /// The terminal was cleared or taken back: draw everything, whatever the model says.
    Repaint,
    Stop(Outcome),
}

/// The effects that are about the terminal itself, which only the front end can perform.
pub(crate) trait Host {
    /// Give the terminal back and stop like any job (Ctrl-Z); return when continued.
    fn suspend(&mut self) -> io::Result<()>;
    /// Take the terminal again after a stop, cleared.
    fn resume(&mut self) -> io::Result<()>;
}

/// Apply one message to the model and perform what it asks for.
pub(crate) fn handle(
    model: &mut Model,
    message: Message,
    searches: &Searches,
    host: &mut impl Host,
) -> io::Result<Flow> {
    let stop = |code, message| Ok(Flow::Stop(Outcome { code, message }));
    let effect = match message {
        Message::Event(e) => match input::translate(e) {
            Some(Input::Key(key)) => model.action_for_key(key).and_then(|a| model.update(a)),
            Some(Input::Action(a)) => model.update(a),
            None => None,
        },
        Message::Worker(report) => match action_for_report(report) {
            Ok(action) => model.update(action),
            Err(message) => return stop(2, Some(message)),
        },
        Message::Signal(SIGTSTP) => Some(Effect::Suspend),
        Message::Signal(SIGCONT) => Some(Effect::Redraw),
        Message::Signal(n) => return stop(128 + n, None),
        Message::InputClosed => return stop(1, None),
        Message::Idle => model.update(Action::Idle),
    };
    match effect {
        Some(Effect::Quit) => stop(0, None),
        Some(Effect::Suspend) => host.suspend().map(|()| Flow::Repaint),
        Some(Effect::Redraw) => host.resume().map(|()| Flow::Repaint),
        Some(Effect::Search {
            generation,
            query,
            rows,
        }) => {
            searches.submit(worker::Request {
                generation,
                query,
                rows,
            });
            Ok(Flow::Continue)
        }
        None => Ok(Flow::Continue),
    }
}

/// What a worker report means to the model; a failed load is the message to leave with.
pub(crate) fn action_for_report(report: Report) -> Result<Action, String> {
    Ok(match report {
        Report::Found {
            generation,
            hits,
            snippets,
            partial,
        } => Action::SearchDone {
            generation,
            hits,
            snippets: Some(snippets),
            partial,
        },
        Report::Ready(index) => Action::IndexReady(index),
        Report::Checking(checking) => Action::Checking(checking),
        Report::Carded(corpus) => Action::Carded(corpus),
        Report::Arrived(docs) => Action::Arrived(docs),
        Report::Loaded(corpus) => Action::Loaded(corpus),
        Report::Reading { done, total } => Action::Reading { done, total },
        Report::Indexing { done, total } => Action::Indexing { done, total },
        Report::LoadFailed(message) => return Err(message),
    })
}

/// Progress alone is drawn at most this often: a percent a frame is a flood on a big corpus.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// Draws when the model says something visible changed, and holds progress ticks back.
#[derive(Default)]
pub(crate) struct Painter {
    last_draw: Option<Instant>,
    /// A change not drawn yet: progress held back, or a repaint asked for.
    held: Redraw,
}

impl Painter {
    /// The next draw must be a full one (the screen was cleared, or nothing is on it yet).
    pub(crate) fn invalidate(&mut self) {
        self.held = Redraw::Screen;
    }

    /// When held-back progress is due to be drawn, for the loop to wake up then.
    pub(crate) fn due(&self) -> Option<Instant> {
        match self.held {
            Redraw::Nothing => None,
            _ => Some(
                self.last_draw
                    .map_or_else(Instant::now, |t| t + PROGRESS_EVERY),
            ),
        }
    }

    /// Follow the terminal's size, then draw if anything visible changed; returns whether
    /// a frame was drawn.
    pub(crate) fn paint<B: Backend>(
        &mut self,
        terminal: &mut Terminal<B>,
        model: &mut Model,
        now: Instant,
    ) -> io::Result<bool> {
        let size = terminal.size().map_err(other)?;
        let area = Rect::new(0, 0, size.width, size.height);
        if area != model.size {
            model.update(Action::Resize(size.width, size.height));
        }
        let change = model.take_redraw().max(self.held);
        let recent = self
            .last_draw
            .is_some_and(|t| now.saturating_duration_since(t) < PROGRESS_EVERY);
        match change {
            Redraw::Nothing => return Ok(false),
            Redraw::Progress if recent => {
                self.held = Redraw::Progress;
                return Ok(false);
            }
            Redraw::Progress | Redraw::Screen => {}
        }
        terminal.draw(|f| view::view(model, f)).map_err(other)?;
        self.held = Redraw::Nothing;
        self.last_draw = Some(now);
        Ok(true)
    }
}

/// Backends have their own error types; the loop reports them all as I/O errors.
fn other(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

#[cfg(test)]
mod tests;
