//! The status bar: the query being typed, a message, or the keys that matter now; and the
//! position `n/total`. Must not change state.

use super::theme;
use crate::app::action::Command;
use crate::app::keymap::Context;
use crate::app::model::{Checking, Loading};
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
        Context::List => &[Down, Open, Filter, Find, FocusNext, Help, Quit],
        Context::Reader => &[Down, PageDown, NextMatch, NextArticle, Back, Help, Quit],
        Context::Sidebar => &[Down, Pivot, Back, Help, Quit],
        Context::Typing => &[Accept, Cancel, Down],
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
        Accept => "keep",
        Cancel => "clear",
        Find => "find",
        NextMatch => "next match",
        CycleSort => "sort",
        Pivot => "filter by it",
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

    let typing = match model.mode {
        Mode::Filter => Some(("/", &model.query)),
        Mode::Find => Some(("find: ", &model.find)),
        Mode::Browse | Mode::Help => None,
    };
    if let Some((prefix, input)) = typing {
        let prompt = format!("{prefix}{}", input.text());
        let cursor_x = u16::try_from(prompt.width()).unwrap_or(u16::MAX);
        let mut spans = vec![Span::raw(prompt)];
        // How a malformed query was read, beside it while it is typed.
        if let (Mode::Filter, Some(hint)) = (model.mode, model.query_hints.first()) {
            spans.push(Span::raw("  "));
            spans.push(Span::styled(hint.as_str(), theme::warning()));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), left);
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
    let mut spans: Vec<Span> = Vec::new();
    if !model.query.is_blank() {
        spans.push(Span::styled(
            format!("/{}  ", model.query.text()),
            theme::key(),
        ));
    }
    if !model.find.is_blank() {
        spans.push(Span::styled(
            format!("find: {}  ", model.find.text()),
            theme::key(),
        ));
    }
    if let Some(at) = model.matches.position() {
        spans.push(Span::styled(format!("{at}  "), theme::label()));
    }
    let mut room = usize::from(left.width).saturating_sub(spans.iter().map(Span::width).sum());
    // Whole hints only: a hint cut in half explains nothing.
    for (key, command) in model.keymap.hints(model.context(), hinted(model.context())) {
        let (key, label) = (key.to_string(), format!(" {}  ", short(command)));
        if key.width() + label.trim_end().width() > room {
            break;
        }
        room = room.saturating_sub(key.width() + label.width());
        spans.push(Span::styled(key, theme::key()));
        spans.push(Span::styled(label, theme::dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), left);
}

/// "3/5": the selected article's place in the list and the list's length; while filtering,
/// the total number of matches too.
fn position(model: &Model) -> String {
    let progress = match model.loading {
        Loading::Reading { total: 0, .. } => "loading…".into(),
        Loading::Reading { done, total } => {
            format!("reading {}% ({done}/{total} files)", done * 100 / total)
        }
        Loading::Indexing { done, total } => format!("indexing {}%", done * 100 / total.max(1)),
        Loading::Ready => match model.checking {
            None => return counts(model),
            Some(Checking::Files) => "checking files…".into(),
            Some(Checking::Rereading { done, total }) if done < total => {
                format!("files changed: reading {done}/{total}")
            }
            Some(Checking::Rereading { .. }) => "files changed: indexing…".into(),
            Some(Checking::Cards { done, total }) => {
                format!("finding names and keywords {}%", done * 100 / total.max(1))
            }
        },
    };
    // While reading, the list's title counts the articles; a query's matches are news.
    if matches!(model.loading, Loading::Reading { .. }) && model.query.is_blank() {
        return progress;
    }
    format!("{progress} · {}", counts(model))
}

fn counts(model: &Model) -> String {
    let shown = model.results.len();
    let at = if shown == 0 { 0 } else { model.selected + 1 };
    if model.query.is_blank() {
        return format!("{at}/{shown}");
    }
    if !model.lists_matches() {
        return format!("filter waits for the index · {at}/{shown}");
    }
    let matches = model.match_total;
    let s = if matches == 1 { "" } else { "es" };
    match model.searched_first() {
        Some(first) => format!("{matches} match{s} in the first {first} · {at}/{shown}"),
        None => format!("{matches} match{s} · {at}/{shown}"),
    }
}
