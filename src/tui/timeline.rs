//! The timeline pane: a bar chart of the listed articles per period, drawn where the reader
//! goes. Must not count anything (the model's timeline holds the counts).

use super::theme;
use crate::app::timeline::Timeline;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph};

pub fn draw(frame: &mut Frame, timeline: &Timeline, area: Rect) {
    // A bar is as wide as its label ("2019-11") plus a gap; months that do not fit become years.
    let fits = |t: &Timeline, label: usize| {
        t.bars.len() * (label + 1) <= usize::from(area.width.saturating_sub(2))
    };
    let yearly;
    let timeline = if fits(timeline, 7) {
        timeline
    } else {
        yearly = timeline.yearly();
        &yearly
    };
    let period = if timeline.by_year { "year" } else { "month" };
    let title = format!(" Timeline · per {period} · {} undated ", timeline.undated);
    let block = theme::pane_block(title, false);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if timeline.bars.is_empty() {
        let text = "No dated article in the list.";
        frame.render_widget(Paragraph::new(text).style(theme::dim()), inner);
        return;
    }
    let bar_width: u16 = if timeline.by_year { 4 } else { 7 };
    // Too many years for the pane: the most recent ones are the ones shown.
    let room = usize::from(inner.width / (bar_width + 1)).max(1);
    let skip = timeline.bars.len().saturating_sub(room);
    let bars: Vec<Bar> = timeline
        .bars
        .iter()
        .skip(skip)
        .map(|(label, n)| {
            Bar::default()
                .value(*n)
                .label(label.clone())
                .style(Style::new().fg(Color::Cyan))
        })
        .collect();
    let chart = BarChart::default()
        .data(BarGroup::default().bars(&bars))
        .bar_width(bar_width)
        .bar_gap(1);
    frame.render_widget(chart, inner);
}
