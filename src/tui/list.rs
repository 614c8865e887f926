//! The article list: each entry's title (matched characters highlighted) and date/source.
//! Must not filter or rank; it draws `model.results` as they are.

use super::theme;
use crate::app::layout::Pane;
use crate::app::model::Loading;
use crate::app::reading::dateline;
use crate::app::{Mode, Model};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{HighlightSpacing, List, ListItem, ListState, Paragraph, Wrap};
use unicode_width::UnicodeWidthChar;

pub fn draw(frame: &mut Frame, model: &Model, area: Rect) {
    let shown = model.results.len();
    let total = model.corpus.docs.len();
    let count = if shown == total {
        format!(" Articles {total} ")
    } else {
        format!(" Articles {shown}/{total} ")
    };
    let focused = model.focus == Pane::List || model.mode == Mode::Filter;
    let block = theme::pane_block(count, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    if model.results.is_empty() {
        let text = if matches!(model.loading, Loading::Reading { .. }) {
            "Loading articles…".to_string()
        } else if model.query.is_blank() {
            "No articles.".to_string()
        } else {
            format!("No article matches “{}”.", model.query.text())
        };
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), inner);
        return;
    }

    let width = usize::from(inner.width.saturating_sub(1));
    let visible = usize::from(inner.height / model.list_item_height()) + 1;
    let filtering = model.lists_matches();
    let label_of = |i: usize| {
        let doc = model.corpus.docs.get(model.results.get(i)?.doc)?;
        model.group.label(doc)
    };
    let items: Vec<ListItem> = model
        .results
        .iter()
        .enumerate()
        .skip(model.list_offset)
        .take(visible)
        .filter_map(|(i, hit)| {
            let doc = model.corpus.docs.get(hit.doc)?;
            // A group's header goes above its first article, and above the top of the
            // window so the group on screen is always named.
            let label = label_of(i);
            let header =
                label.filter(|l| i == model.list_offset || label_of(i - 1).as_ref() != Some(l));
            let title = highlighted(&doc.title, hit.title_matches(), width);
            let mut meta = dateline(doc);
            if meta.is_empty() {
                meta = "undated".into();
            }
            if filtering {
                let s = if hit.matches == 1 { "" } else { "es" };
                // The count first: it tells why the article is listed, and a long source
                // would push it out of a narrow pane.
                meta = format!("{} match{s} · {meta}", hit.matches);
            }
            let meta = Line::from(Span::styled(truncate(&meta, width), theme::dim()));
            let mut lines = Vec::new();
            if let Some(header) = header {
                lines.push(Line::from(Span::styled(
                    truncate(&format!("── {header} "), width),
                    theme::label(),
                )));
            }
            lines.extend([title, meta]);
            if filtering {
                lines.push(match hit.snippet() {
                    Some(snippet) => {
                        let marked: Vec<usize> =
                            snippet.highlights.iter().flat_map(|r| r.clone()).collect();
                        highlighted(&snippet.text, &marked, width).style(theme::dim())
                    }
                    None => Line::default(),
                });
            }
            Some(ListItem::new(Text::from(lines)))
        })
        .collect();
    let mut state =
        ListState::default().with_selected(Some(model.selected.saturating_sub(model.list_offset)));
    // The bar marks the selection on terminals without colour too.
    let list = List::new(items)
        .highlight_style(theme::selected())
        .highlight_symbol("▌")
        .highlight_spacing(HighlightSpacing::Always);
    frame.render_stateful_widget(list, inner, &mut state);
}

/// The title fitted to `width` columns with matched chars styled. When the first match
/// would fall past the edge, the title is shown from a little before it, after a `…`, so the
/// reason an article is listed is always visible.
fn highlighted(title: &str, matches: &[usize], width: usize) -> Line<'static> {
    let chars: Vec<char> = title.chars().collect();
    let col = |range: &[char]| -> usize { range.iter().map(|c| c.width().unwrap_or(0)).sum() };
    let first_match = matches.iter().copied().min().filter(|&m| m < chars.len());
    let start = match first_match {
        Some(m) if width >= 8 && col(&chars[..=m]) + 1 > width => {
            m.saturating_sub(width / 4).max(1)
        }
        _ => 0,
    };
    let mut spans: Vec<Span> = Vec::new();
    let mut room = width;
    if start > 0 {
        spans.push(Span::raw("…"));
        room = room.saturating_sub(1);
    }
    let cut = col(&chars[start..]) > room;
    let mut budget = if cut { room.saturating_sub(1) } else { room };
    let mut run = String::new();
    let mut run_matched = false;
    for (i, &c) in chars.iter().enumerate().skip(start) {
        let w = c.width().unwrap_or(0);
        if w > budget {
            break;
        }
        budget -= w;
        let is_match = matches.contains(&i);
        if is_match != run_matched && !run.is_empty() {
            spans.push(styled_run(std::mem::take(&mut run), run_matched));
        }
        run_matched = is_match;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(styled_run(run, run_matched));
    }
    if cut && width > 0 {
        spans.push(Span::raw("…"));
    }
    Line::from(spans)
}

fn styled_run(text: String, matched: bool) -> Span<'static> {
    let style = if matched {
        theme::matched()
    } else {
        Style::new()
    };
    Span::styled(text, style)
}

/// `text` cut to `width` columns, with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_match_past_the_edge_is_brought_into_view() {
        let title = "Les outils de propagande de Daesh neutralisés";
        let line = highlighted(title, &[28, 29, 30, 31, 32], 24);
        let shown = text(&line);
        assert!(shown.starts_with('…') && shown.contains("Daesh"), "{shown}");
        assert!(shown.width() <= 24, "{shown}");
    }

    #[test]
    fn titles_fit_their_width_whatever_it_is() {
        let title = "Question de M. CAMBON Christian (Val-de-Marne)";
        for width in 0..50 {
            for matches in [vec![], vec![0], vec![40, 41]] {
                let shown = text(&highlighted(title, &matches, width));
                assert!(shown.width() <= width.max(1), "{width}: {shown}");
            }
        }
        assert_eq!(text(&highlighted("Court", &[], 10)), "Court");
    }
}
