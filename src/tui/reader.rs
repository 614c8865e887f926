//! The reading pane: only the visible wrapped lines of the current article, styled by kind,
//! with the scroll position. Must not wrap text (the model's reading cache does).

use super::theme;
use crate::app::Model;
use crate::app::layout::{self, Pane};
use crate::app::reading::LineKind;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub fn draw(frame: &mut Frame, model: &Model, area: Rect) {
    let lines = model.lines();
    let height = usize::from(layout::reader_text_area(area).height);
    let position = scroll_label(model.scroll, lines.len(), height);
    let block = theme::pane_block(" Reading ".into(), model.focus == Pane::Reader)
        .title_bottom(Line::from(format!(" {position} ")).right_aligned());
    frame.render_widget(block, area);
    let text_area = layout::reader_text_area(area);
    if model.current().is_none() {
        frame.render_widget(
            Paragraph::new("Nothing to read.").style(theme::dim()),
            text_area,
        );
        return;
    }
    let visible: Vec<Line> = lines
        .iter()
        .skip(model.scroll)
        .take(height)
        .map(|l| Line::styled(l.text.as_str(), style(l.kind)))
        .collect();
    frame.render_widget(Paragraph::new(visible), text_area);
}

fn style(kind: LineKind) -> Style {
    match kind {
        LineKind::Title => theme::title(),
        LineKind::Dateline => theme::dim(),
        LineKind::Heading => theme::heading(),
        LineKind::Body | LineKind::Blank => Style::new(),
    }
}

/// "All" when it fits, else how far down the last visible line is, as a percentage.
pub fn scroll_label(scroll: usize, total: usize, height: usize) -> String {
    if total <= height {
        return "All".into();
    }
    let max = total - height;
    if scroll == 0 {
        return "Top".into();
    }
    format!("{}%", scroll.min(max) * 100 / max)
}

#[cfg(test)]
mod tests {
    use super::scroll_label;

    #[test]
    fn scroll_label_reads_like_a_pager() {
        assert_eq!(scroll_label(0, 5, 10), "All");
        assert_eq!(scroll_label(0, 0, 0), "All");
        assert_eq!(scroll_label(0, 30, 10), "Top");
        assert_eq!(scroll_label(10, 30, 10), "50%");
        assert_eq!(scroll_label(20, 30, 10), "100%");
    }
}
