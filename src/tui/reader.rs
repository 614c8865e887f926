//! The reading pane: only the visible wrapped lines of the current article, styled by kind,
//! with the scroll position. Must not wrap text (the model's reading cache does).

use super::theme;
use crate::app::Model;
use crate::app::layout::{self, Pane};
use crate::app::reading::LineKind;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use std::ops::Range;

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
        .enumerate()
        .skip(model.scroll)
        .take(height)
        .map(|(i, l)| marked_line(&l.text, style(l.kind), model.matches.on_line(i)))
        .collect();
    frame.render_widget(Paragraph::new(visible), text_area);
}

/// A line with its matches styled; the current match (`n`/`N`) stands out from the rest.
fn marked_line<'a>(
    text: &'a str,
    base: Style,
    marks: impl Iterator<Item = (Range<usize>, bool)>,
) -> Line<'a> {
    let mut spans = Vec::new();
    let mut at_char = 0;
    let mut at_byte = 0;
    let byte_of = |from_byte: usize, from_char: usize, to_char: usize| -> usize {
        text[from_byte..]
            .char_indices()
            .nth(to_char - from_char)
            .map_or(text.len(), |(b, _)| from_byte + b)
    };
    for (range, current) in marks {
        if range.start < at_char {
            continue;
        }
        let start = byte_of(at_byte, at_char, range.start);
        let end = byte_of(start, range.start, range.end);
        if start > at_byte {
            spans.push(Span::styled(&text[at_byte..start], base));
        }
        let style = if current {
            theme::current_match()
        } else {
            theme::matched()
        };
        spans.push(Span::styled(&text[start..end], base.patch(style)));
        at_byte = end;
        at_char = range.end;
    }
    if at_byte < text.len() {
        spans.push(Span::styled(&text[at_byte..], base));
    }
    Line::from(spans)
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
