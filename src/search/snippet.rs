//! The excerpt shown under a result: one line of body text around the best match, matched
//! words marked. Must not match words or rank; it only reads the occurrences it is given.

use std::ops::Range;

use super::engine::Snippet;
use super::targets::{Occurrence, merge};
use crate::corpus::Document;

/// Longest excerpt, ellipses included: one list line on a wide terminal.
pub const SNIPPET_CHARS: usize = 160;
/// Only this many matches are tried as the snippet's centre: a word found a thousand times
/// in a long article needs no thousand tries to find a good excerpt.
const MAX_CANDIDATES: usize = 256;

/// An excerpt centred on the body match with the most distinct query parts around it (the
/// first such); the start of the body when only the title matched. `None` for an empty body.
pub fn snippet(doc: &Document, occurrences: &[Occurrence]) -> Option<Snippet> {
    let body: Vec<&Occurrence> = occurrences.iter().filter(|o| o.block.is_some()).collect();
    let Some(best) = best_centre(&body) else {
        return lead(doc);
    };
    let block = best.block?;
    let chars: Vec<char> = doc.blocks.get(block)?.text().chars().collect();
    let centre = (best.range.start + best.range.end) / 2;
    let (start, end) = window(&chars, centre, best.range.clone());
    let lead = usize::from(start > 0);
    let highlights = merge(
        body.iter()
            .filter(|o| o.block == Some(block))
            .filter(|o| o.range.start < end && o.range.end > start)
            .map(|o| {
                let a = o.range.start.max(start) - start + lead;
                let b = o.range.end.min(end) - start + lead;
                a..b
            })
            .collect(),
    );
    Some(Snippet {
        text: excerpt(&chars, start, end),
        highlights,
    })
}

fn best_centre<'a>(body: &[&'a Occurrence]) -> Option<&'a Occurrence> {
    let half = SNIPPET_CHARS / 2;
    let mut best: Option<(&Occurrence, (usize, usize))> = None;
    // One buffer for every candidate: two allocations per candidate were much of the time of
    // a snippet for a word found hundreds of times.
    let mut targets: Vec<usize> = Vec::new();
    for (i, o) in body.iter().enumerate().take(MAX_CANDIDATES) {
        let near = |n: &&&Occurrence| {
            n.block == o.block
                && n.range.start + half >= o.range.start
                && n.range.start <= o.range.start + half
        };
        let lo = i - body[..i].iter().rev().take_while(near).count();
        let hi = i + body[i..].iter().take_while(near).count();
        targets.clear();
        targets.extend(body[lo..hi].iter().map(|n| n.target));
        targets.sort_unstable();
        targets.dedup();
        let score = (targets.len(), hi - lo);
        if best.as_ref().is_none_or(|(_, s)| score > *s) {
            best = Some((o, score));
        }
    }
    best.map(|(o, _)| o)
}

/// `[start, end)` of at most `SNIPPET_CHARS - 2` chars around `centre`, holding `must` when it
/// fits, cut at word boundaries.
fn window(chars: &[char], centre: usize, must: Range<usize>) -> (usize, usize) {
    let len = chars.len();
    let width = SNIPPET_CHARS - 2;
    let mut start = centre.saturating_sub(width / 2).min(len);
    let mut end = (start + width).min(len);
    start = start.min(end.saturating_sub(width));
    let must_start = must.start.clamp(start, end);
    let must_end = must.end.clamp(start, end);
    if start > 0 && !chars[start - 1].is_whitespace() {
        if let Some(p) = chars[start..must_start]
            .iter()
            .position(|c| c.is_whitespace())
        {
            start += p + 1;
        }
    }
    if end < len && !chars[end].is_whitespace() {
        if let Some(p) = chars[must_end..end].iter().rposition(|c| c.is_whitespace()) {
            end = must_end + p;
        }
    }
    while start < must_start && chars[start].is_whitespace() {
        start += 1;
    }
    while end > must_end && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    (start, end)
}

/// The chars `start..end` on one line, with `…` where text was cut off.
fn excerpt(chars: &[char], start: usize, end: usize) -> String {
    let mut text = String::with_capacity((end - start) * 2 + 6);
    if start > 0 {
        text.push('…');
    }
    // One char for one char, so highlight positions stay right.
    text.extend(
        chars[start..end]
            .iter()
            .map(|&c| if c.is_control() { ' ' } else { c }),
    );
    if end < chars.len() {
        text.push('…');
    }
    text
}

/// The first words of the body, for a document matched by its title or fields only.
fn lead(doc: &Document) -> Option<Snippet> {
    let mut chars: Vec<char> = Vec::new();
    for block in doc.blocks.iter() {
        if chars.len() > SNIPPET_CHARS {
            break;
        }
        if !chars.is_empty() {
            chars.push(' ');
        }
        chars.extend(block.text().chars());
    }
    let first = chars.iter().position(|c| !c.is_whitespace())?;
    let chars = &chars[first..];
    let (_, end) = window(chars, 0, 0..0);
    Some(Snippet {
        text: excerpt(chars, 0, end),
        highlights: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Block;

    fn doc(body: &[&str]) -> Document {
        Document {
            title: "Titre".into(),
            blocks: body
                .iter()
                .map(|b| Block::Paragraph(b.to_string()))
                .collect(),
            ..Document::default()
        }
    }

    fn occ(block: usize, range: Range<usize>, target: usize) -> Occurrence {
        Occurrence {
            block: Some(block),
            range,
            target,
        }
    }

    fn marked(s: &Snippet) -> Vec<String> {
        let chars: Vec<char> = s.text.chars().collect();
        s.highlights
            .iter()
            .map(|r| chars[r.clone()].iter().collect())
            .collect()
    }

    #[test]
    fn short_body_is_whole_with_marks() {
        let d = doc(&["Europol et l'État."]);
        let s = snippet(&d, &[occ(0, 0..7, 0), occ(0, 13..17, 1)]);
        let s = s.unwrap_or_default();
        assert_eq!(s.text, "Europol et l'État.");
        assert_eq!(marked(&s), ["Europol", "État"]);
    }

    #[test]
    fn long_body_is_cut_at_words_around_the_best_match() {
        let filler = "mot ".repeat(60);
        let body = format!("{filler}Europol {filler}Europol et Eurojust {filler}");
        let d = doc(&[&body]);
        let first = filler.len();
        let second = first * 2 + 8;
        let occs = [
            occ(0, first..first + 7, 0),
            occ(0, second..second + 7, 0),
            occ(0, second + 11..second + 19, 1),
        ];
        let s = snippet(&d, &occs).unwrap_or_default();
        assert!(
            s.text.starts_with("…mot ") && s.text.ends_with(" mot…"),
            "{}",
            s.text
        );
        assert!(s.text.chars().count() <= SNIPPET_CHARS);
        assert_eq!(marked(&s), ["Europol", "Eurojust"]);
    }

    #[test]
    fn title_only_match_shows_the_lead() {
        let long = "Un début d'article assez long. ".repeat(10);
        let d = doc(&[&long]);
        let s = snippet(
            &d,
            &[Occurrence {
                block: None,
                range: 0..5,
                target: 0,
            }],
        );
        let s = s.unwrap_or_default();
        assert!(s.text.starts_with("Un début") && s.text.ends_with('…'));
        assert!(s.highlights.is_empty() && s.text.chars().count() <= SNIPPET_CHARS);
        assert_eq!(snippet(&doc(&[]), &[]), None);
        assert_eq!(snippet(&doc(&["  "]), &[]), None);
    }
}
