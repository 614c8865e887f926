//! The whole screen as a pure function of the Model: layout, panes, status, overlays.
//! Must not change the model or perform I/O.

use super::{help, list, reader, sidebar, status, timeline};
use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH, Screen};
use crate::app::{Mode, Model};
use ratatui::Frame;
use ratatui::widgets::{Paragraph, Wrap};

pub fn view(model: &Model, frame: &mut Frame) {
    let area = frame.area();
    let Screen::Panes(panes) = crate::app::layout::screen(area, model.sidebar, model.focus) else {
        let notice = format!("Terminal too small: {MIN_WIDTH}×{MIN_HEIGHT} needed. q quits.");
        frame.render_widget(Paragraph::new(notice).wrap(Wrap { trim: true }), area);
        return;
    };
    if let Some(rect) = panes.list {
        list::draw(frame, model, rect);
    }
    if let Some(rect) = panes.reader {
        match &model.timeline {
            Some(t) => timeline::draw(frame, t, rect),
            None => reader::draw(frame, model, rect),
        }
    }
    if let Some(rect) = panes.sidebar {
        sidebar::draw(frame, model, rect);
    }
    status::draw(frame, model, panes.status);
    if model.mode == Mode::Help {
        help::draw(frame, model, area);
    }
}
