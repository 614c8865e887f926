//! The status bar: the query being typed, a message, or the keys that matter now; and the
//! position `n/total`. Must not change state.

use super::theme;
use crate::app::action::Command;
use crate::app::keymap::Context;
use crate::app::{Mode, Model};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// The commands worth a hint in each context, most useful first.
fn hinted(context: Context) -> &'static [Command] {
    use Command::*;
    match context {
        Context::List => &[Down, Open, Filter, FocusNext, Help, Quit],
        Context::Reader => &[Down, PageDown, NextArticle, Back, Help, Quit],
        Context::Sidebar => &[Down, FocusNext, Back, Help, Quit],
        Context::Filter => &[FilterAccept, FilterCancel, Down],
        Context::Help => &[CloseHelp, Down],
        Context::Navigation | Context::Global => &[Help, Quit],
    }
}

fn short(command: Command) -> &'static str {
    use Command::*;
    match command {
        Down => "down",
        Open => "read",
        Filter => "filter",
        FocusNext => "pane",
        Help => "help",
        Quit => "quit",
        PageDown => "page",
        NextArticle => "next",
        Back => "back",
        FilterAccept => "keep",
        FilterCancel => "clear",
        CloseHelp => "close",
        other => other.name(),
    }
}

pub fn draw(frame: &mut Frame, model: &Model, area: Rect) {
    let position = position(model);
    let right_width = u16::try_from(position.width())
        .unwrap_or(u16::MAX)
        .saturating_add(1);
    let [left, right] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(right_width)]).areas(area);
    frame.render_widget(Paragraph::new(position).right_aligned(), right);

    if model.mode == Mode::Filter {
        let prompt = format!("/{}", model.query.text());
        let cursor_x = u16::try_from(prompt.width()).unwrap_or(u16::MAX);
        frame.render_widget(Paragraph::new(prompt), left);
        if cursor_x < left.width {
            frame.set_cursor_position(Position::new(left.x + cursor_x, left.y));
        }
        return;
    }
    if let Some(message) = &model.message {
        frame.render_widget(
            Paragraph::new(Span::styled(message.as_str(), theme::warning())),
            left,
        );
        return;
    }
    let mut spans = Vec::new();
    if !model.query.is_blank() {
        spans.push(Span::styled(
            format!("/{}  ", model.query.text()),
            theme::key(),
        ));
    }
    for (key, command) in model.keymap.hints(model.context(), hinted(model.context())) {
        spans.push(Span::styled(key.to_string(), theme::key()));
        spans.push(Span::styled(format!(" {}  ", short(command)), theme::dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), left);
}

/// "3/5": the selected article's place in the list, and the list's length.
fn position(model: &Model) -> String {
    let shown = model.results.len();
    let at = if shown == 0 { 0 } else { model.selected + 1 };
    format!("{at}/{shown}")
}
