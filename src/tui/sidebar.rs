//! The metadata sidebar: draws the open article's card (built by the model), prose wrapped
//! to the pane, the entry under the cursor marked. Must not compute metadata.

use super::list::truncate;
use super::theme;
use crate::app::Model;
use crate::app::card::CardLine;
use crate::app::layout::Pane;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, model: &Model, area: Rect) {
    let focused = model.focus == Pane::Sidebar;
    let block = theme::pane_block(" Details ".into(), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width.max(1));
    let mut rows: Vec<Line> = Vec::new();
    let mut cursor_row = None;
    for (i, line) in model.card.iter().enumerate() {
        match line {
            CardLine::Label(label) => rows.push(Line::from(Span::styled(
                truncate(label, width),
                theme::label(),
            ))),
            CardLine::Text(text) => {
                let options = textwrap::Options::new(width).break_words(true);
                rows.extend(
                    textwrap::wrap(text, options)
                        .into_iter()
                        .map(|l| Line::from(l.into_owned())),
                );
            }
            CardLine::Entry { text, .. } => {
                let selected = focused && model.card_cursor == Some(i);
                if selected {
                    cursor_row = Some(rows.len());
                }
                let style = if selected {
                    theme::selected()
                } else {
                    theme::entry()
                };
                rows.push(Line::from(Span::styled(
                    truncate(&format!("› {text}"), width),
                    style,
                )));
            }
            CardLine::Blank => rows.push(Line::default()),
        }
    }
    let height = usize::from(inner.height);
    // The cursor's entry is always in view; otherwise the user's scroll decides.
    let mut scroll = model.sidebar_scroll.min(rows.len().saturating_sub(height));
    if let Some(row) = cursor_row {
        if row < scroll || row >= scroll + height {
            scroll = row.saturating_sub(height / 2);
        }
    }
    let visible: Vec<Line> = rows.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
