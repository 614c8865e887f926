//! Colours and styles, in one place so that meaning (focus, selection, matches) is consistent.
//! Must not decide layout or content.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::{Block, BorderType, Borders};

pub fn pane_block(title: String, focused: bool) -> Block<'static> {
    let (border, title_style) = if focused {
        (
            Style::new().fg(Color::Cyan),
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        )
    } else {
        (Style::new().fg(Color::DarkGray), Style::new())
    };
    Block::new()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(border)
        .title(ratatui::text::Span::styled(title, title_style))
}

/// Background only, so highlighted matches keep their colour on the selected entry.
pub fn selected() -> Style {
    Style::new().bg(Color::Blue).add_modifier(Modifier::BOLD)
}

pub fn matched() -> Style {
    Style::new()
        .fg(Color::Yellow)
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// The match `n`/`N` went to: reversed, so it is found at a glance among the others.
pub fn current_match() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::Yellow)
        .add_modifier(Modifier::BOLD)
}

/// Something Enter acts on (a name to filter by, a related article).
pub fn entry() -> Style {
    Style::new().fg(Color::Green)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn heading() -> Style {
    Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD)
}

pub fn label() -> Style {
    Style::new().fg(Color::Cyan)
}

pub fn key() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn warning() -> Style {
    Style::new().fg(Color::Black).bg(Color::Yellow)
}
