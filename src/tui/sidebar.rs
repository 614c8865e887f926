//! The metadata sidebar: the current article's card (title, date, source, size, headings,
//! file, encoding, warnings). Must not compute metadata; it shows what the Document holds.

use super::theme;
use crate::app::Model;
use crate::app::layout::Pane;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(frame: &mut Frame, model: &Model, area: Rect) {
    let block = theme::pane_block(" Details ".into(), model.focus == Pane::Sidebar);
    let Some((_, doc)) = model.current() else {
        frame.render_widget(block, area);
        return;
    };
    let field = |label: &str, value: String| -> Vec<Line<'static>> {
        vec![
            Line::from(Span::styled(label.to_string(), theme::label())),
            Line::from(value),
            Line::default(),
        ]
    };
    let or_unknown = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    let mut lines = Vec::new();
    lines.extend(field("Title", doc.title.clone()));
    lines.extend(field("Date", or_unknown(doc.date.map(|d| d.to_string()))));
    lines.extend(field("Source", or_unknown(doc.source.clone())));
    let minutes = doc.reading_minutes();
    lines.extend(field(
        "Length",
        format!("{} words · {minutes} min read", doc.words),
    ));
    let headings: Vec<&str> = doc.headings().collect();
    if !headings.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("Headings ({})", headings.len()),
            theme::label(),
        )));
        lines.extend(headings.iter().map(|h| Line::from(format!("• {h}"))));
        lines.push(Line::default());
    }
    if !model.matches.per_term.is_empty() {
        let label = if model.find.is_blank() {
            "Matches"
        } else {
            "Found"
        };
        lines.push(Line::from(Span::styled(label, theme::label())));
        for (term, count) in &model.matches.per_term {
            lines.push(Line::from(format!("{term}: {count}")));
        }
        lines.push(Line::default());
    }
    lines.extend(field("File", doc.path.clone()));
    if !doc.encoding.is_empty() {
        lines.extend(field("Encoding", doc.encoding.to_string()));
    }
    if !doc.warnings.is_empty() {
        lines.push(Line::from(Span::styled("Warnings", theme::label())));
        lines.extend(doc.warnings.iter().map(|w| Line::from(format!("! {w}"))));
    }
    let scroll = u16::try_from(model.sidebar_scroll).unwrap_or(u16::MAX);
    let card = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0));
    frame.render_widget(card, area);
}
