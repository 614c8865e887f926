//! The matches shown in the open article (of the filter query, or of the in-article find),
//! placed on its wrapped lines, and which one `n`/`N` are on. Must not search: it is handed
//! the located matches and only places them.

use super::reading::{Origin, ReadLine};
use crate::search::DocMatches;
use std::ops::Range;

/// A match, or the part of one, on one wrapped line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub line: usize,
    /// Chars of the line.
    pub chars: Range<usize>,
}

/// What the placement was computed for; a change of any part recomputes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchKey {
    pub doc: usize,
    pub width: u16,
    pub of: MatchesOf,
    /// Lines laid out: a long article's grow from its preview to the whole.
    pub lines: usize,
}

/// Whose matches are shown in the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatchesOf {
    /// The in-article find, as typed.
    Find(String),
    /// The filter query whose results the list shows, by generation: its matches come with
    /// its ranking, so the newest keystroke's wait for its results, as the list does.
    Results(u64),
}

#[derive(Debug, Clone, Default)]
pub struct ArticleMatches {
    key: Option<MatchKey>,
    /// In reading order.
    pub placed: Vec<Placed>,
    /// Occurrences per term, for the sidebar.
    pub per_term: Vec<(String, usize)>,
    /// Index into `placed` of the match `n`/`N` last went to.
    pub current: Option<usize>,
}

impl ArticleMatches {
    /// Place `located()` on `lines`, unless this was already done for `key`.
    pub fn refresh(
        &mut self,
        key: Option<MatchKey>,
        lines: &[ReadLine],
        located: impl FnOnce() -> DocMatches,
    ) {
        if key == self.key {
            return;
        }
        *self = ArticleMatches::default();
        if key.is_some() {
            let found = located();
            self.placed = place(&found, lines);
            self.per_term = found.per_term;
        }
        self.key = key;
    }

    /// The matches on line `line`, each with whether it is the current one.
    pub fn on_line(&self, line: usize) -> impl Iterator<Item = (Range<usize>, bool)> + '_ {
        let from = self.placed.partition_point(|p| p.line < line);
        self.placed[from..]
            .iter()
            .enumerate()
            .take_while(move |(_, p)| p.line == line)
            .map(move |(i, p)| (p.chars.clone(), self.current == Some(from + i)))
    }

    /// Go to the next match after line `after` (or after the current one); wraps around.
    /// Returns the line to show.
    pub fn next(&mut self, after: usize) -> Option<usize> {
        let next = match self.current {
            Some(c) => (c + 1) % self.placed.len().max(1),
            None => {
                let at = self.placed.partition_point(|p| p.line < after);
                if at == self.placed.len() { 0 } else { at }
            }
        };
        self.go(next)
    }

    /// Go to the previous match before line `before` (or before the current one); wraps.
    pub fn prev(&mut self, before: usize) -> Option<usize> {
        let count = self.placed.len();
        let prev = match self.current {
            Some(c) => (c + count - 1) % count.max(1),
            None => self
                .placed
                .partition_point(|p| p.line < before)
                .checked_sub(1)
                .unwrap_or(count.saturating_sub(1)),
        };
        self.go(prev)
    }

    fn go(&mut self, index: usize) -> Option<usize> {
        let line = self.placed.get(index)?.line;
        self.current = Some(index);
        Some(line)
    }

    /// "match 3/12 here" for the status bar, or the count alone before `n` was pressed.
    pub fn position(&self) -> Option<String> {
        match (self.current, self.placed.len()) {
            (_, 0) => None,
            (Some(c), n) => Some(format!("match {}/{n} here", c + 1)),
            (None, 1) => Some("1 match here".into()),
            (None, n) => Some(format!("{n} matches here")),
        }
    }
}

fn place(found: &DocMatches, lines: &[ReadLine]) -> Vec<Placed> {
    let mut placed = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let ranges: Box<dyn Iterator<Item = &Range<usize>>> = match line.origin {
            Origin::Title => Box::new(found.title.iter()),
            Origin::Block(b) => Box::new(
                found
                    .blocks
                    .iter()
                    .filter(move |(block, _)| *block == b)
                    .map(|(_, r)| r),
            ),
            Origin::Display => continue,
        };
        for range in ranges {
            if let Some(chars) = line.clip(range) {
                placed.push(Placed { line: i, chars });
            }
        }
    }
    placed.sort_by_key(|p| (p.line, p.chars.start));
    placed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::reading::lay_out;
    use crate::corpus::{Block, Document};

    fn doc() -> Document {
        Document {
            title: "Europol et Amaq".into(),
            blocks: vec![
                Block::Paragraph("Europol annonce. Amaq visé par Europol.".into()),
                Block::Heading("Fin".into()),
                Block::Paragraph("Encore Europol.".into()),
            ]
            .into(),
            ..Default::default()
        }
    }

    fn europol() -> DocMatches {
        DocMatches {
            title: std::iter::once(0..7).collect(),
            blocks: vec![(0, 0..7), (0, 31..38), (2, 7..14)],
            per_term: vec![("europol".into(), 4)],
        }
    }

    fn key(width: u16) -> Option<MatchKey> {
        Some(MatchKey {
            doc: 0,
            width,
            of: MatchesOf::Results(1),
            lines: 0,
        })
    }

    #[test]
    fn matches_land_on_the_lines_that_show_them() {
        let d = doc();
        let lines = lay_out(&d, 20);
        let mut m = ArticleMatches::default();
        m.refresh(key(20), &lines, europol);
        assert_eq!(m.placed.len(), 4);
        for p in &m.placed {
            let shown: String = lines[p.line]
                .text
                .chars()
                .skip(p.chars.start)
                .take(7)
                .collect();
            assert_eq!(shown, "Europol");
        }
    }

    #[test]
    fn n_and_shift_n_cycle_through_matches_from_the_view() {
        let d = doc();
        let lines = lay_out(&d, 20);
        let mut m = ArticleMatches::default();
        m.refresh(key(20), &lines, europol);
        let lines_of: Vec<usize> = m.placed.iter().map(|p| p.line).collect();
        assert_eq!(
            m.next(1),
            Some(lines_of[1]),
            "first match at or after the top line"
        );
        assert_eq!(m.next(0), Some(lines_of[2]));
        assert_eq!(m.next(0), Some(lines_of[3]));
        assert_eq!(m.next(0), Some(lines_of[0]), "wraps around");
        assert_eq!(m.prev(0), Some(lines_of[3]));
        assert_eq!(m.position().as_deref(), Some("match 4/4 here"));
    }

    #[test]
    fn no_matches_means_nowhere_to_go() {
        let mut m = ArticleMatches::default();
        m.refresh(key(20), &lay_out(&doc(), 20), DocMatches::default);
        assert_eq!(m.next(0), None);
        assert_eq!(m.prev(0), None);
        assert_eq!(m.position(), None);
    }
}
