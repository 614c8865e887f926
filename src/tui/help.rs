//! The help overlay, generated from the keymap so it always lists the real bindings.
//! Must not hold its own list of keys.

use super::theme;
use crate::app::Model;
use crate::app::keymap::Context;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

pub fn draw(frame: &mut Frame, model: &Model, area: Rect) {
    let width = area.width.saturating_sub(4).min(76);
    let height = area.height.saturating_sub(2);
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(popup);
    let lines = help_lines(model, usize::from(width.saturating_sub(2)));
    let inner_height = usize::from(height.saturating_sub(2));
    let scroll = model
        .help_scroll
        .min(lines.len().saturating_sub(inner_height));
    let more = if scroll + inner_height < lines.len() {
        " j/k scroll "
    } else {
        ""
    };
    let block = theme::pane_block(" Help — Esc to close ".into(), true)
        .title_bottom(Line::from(more).right_aligned());
    frame.render_widget(Clear, popup);
    let visible: Vec<Line> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(visible).block(block), popup);
}

fn help_lines(model: &Model, width: usize) -> Vec<Line<'static>> {
    // Keys get a third of a narrow popup, never more than they need.
    let key_column = (width / 3).clamp(6, 18);
    let mut lines = Vec::new();
    for (context, rows) in model.keymap.help_rows() {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(
            section_title(context),
            theme::label(),
        )));
        for (keys, command) in rows {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            let keys = keys.join(" ");
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<key_column$} "), theme::key()),
                Span::raw(command.describe()),
            ]));
        }
    }
    lines
}

fn section_title(context: Context) -> &'static str {
    match context {
        Context::Global => "Everywhere",
        Context::Navigation => "Moving (list, reader, sidebar)",
        Context::List => "In the list",
        Context::Reader => "In the reader",
        Context::Sidebar => "In the sidebar",
        Context::Typing => "While typing a filter or a find",
        Context::Help => "In this help",
    }
}
