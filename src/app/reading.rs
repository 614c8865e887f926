//! An article laid out as wrapped lines for a given width, and the cache that makes wrapping
//! happen once per (article, width) rather than once per frame. Must not draw anything.

use crate::corpus::{Block, Document};
use std::sync::atomic::{AtomicBool, Ordering};

/// Lines stay readable: text is never wrapped wider than this, whatever the pane.
pub const MAX_TEXT_WIDTH: u16 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Dateline,
    Heading,
    Body,
    Blank,
}

/// Which text of the document a line was cut from, so matches located in that text (as
/// char ranges) can be found again on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Title,
    Block(usize),
    /// Text made for display (dateline, blank lines): no match lives there.
    Display,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadLine {
    pub kind: LineKind,
    pub text: String,
    pub origin: Origin,
    /// Char offset of the line's first char in its origin's text.
    pub start: usize,
}

impl ReadLine {
    fn blank() -> ReadLine {
        ReadLine {
            kind: LineKind::Blank,
            text: String::new(),
            origin: Origin::Display,
            start: 0,
        }
    }

    /// The part of `range` (chars of the origin's text) on this line, as chars of the line.
    pub fn clip(&self, range: &std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
        let len = self.text.chars().count();
        let from = range.start.max(self.start);
        let to = range.end.min(self.start + len);
        (from < to).then(|| from - self.start..to - self.start)
    }
}

/// The text width used for a pane of `pane_width` columns.
pub fn text_width(pane_width: u16) -> u16 {
    pane_width.clamp(1, MAX_TEXT_WIDTH)
}

/// Title, dateline, then headings and paragraphs, each wrapped to `width` columns.
pub fn lay_out(doc: &Document, width: u16) -> Vec<ReadLine> {
    let never = AtomicBool::new(false);
    lay_out_unless(doc, width, &never).unwrap_or_default()
}

/// [`lay_out`], given up (`None`) soon after `stop` is set: the reader left the article.
pub fn lay_out_unless(doc: &Document, width: u16, stop: &AtomicBool) -> Option<Vec<ReadLine>> {
    let width_cols = usize::from(width.max(1));
    let mut lines = opening(doc, width);
    for (i, block) in doc.blocks.iter().enumerate() {
        if stop.load(Ordering::Relaxed) {
            return None;
        }
        push_block(&mut lines, block, i, block.text(), width_cols);
    }
    Some(lines)
}

/// The first lines of [`lay_out`], at least those of about `budget` bytes of text: a screen
/// of a very long article without wrapping all of it. Always a prefix of the whole layout.
pub fn preview(doc: &Document, width: u16, budget: usize) -> Vec<ReadLine> {
    let width_cols = usize::from(width.max(1));
    let mut lines = opening(doc, width);
    let mut left = budget;
    for (i, block) in doc.blocks.iter().enumerate() {
        let text = block.text();
        if text.len() <= left {
            push_block(&mut lines, block, i, text, width_cols);
            left -= text.len();
            continue;
        }
        // First-fit wrapping is greedy: the lines of a prefix of the text are the lines of the
        // whole text, but for the last, which the cut may have shortened.
        let mut cut = left.max(1).min(text.len());
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        let mut part = Vec::new();
        push_block(&mut part, block, i, &text[..cut], width_cols);
        if cut < text.len() {
            part.pop();
        }
        lines.extend(part);
        break;
    }
    lines
}

/// The title (unless the text opens with it) and the dateline.
fn opening(doc: &Document, width: u16) -> Vec<ReadLine> {
    let width = usize::from(width.max(1));
    let mut lines = Vec::new();
    if !title_opens_the_text(doc) {
        push_wrapped(
            &mut lines,
            LineKind::Title,
            Origin::Title,
            &doc.title,
            width,
        );
    }
    let dateline = dateline(doc);
    if !dateline.is_empty() {
        push_wrapped(
            &mut lines,
            LineKind::Dateline,
            Origin::Display,
            &dateline,
            width,
        );
    }
    lines
}

/// Block number `index` after a blank line, as `text` (all of the block's, or its start).
fn push_block(lines: &mut Vec<ReadLine>, block: &Block, index: usize, text: &str, width: usize) {
    lines.push(ReadLine::blank());
    let kind = match block {
        Block::Heading(_) => LineKind::Heading,
        Block::Paragraph(_) => LineKind::Body,
    };
    push_wrapped(lines, kind, Origin::Block(index), text, width);
}

/// A title derived from the first sentence would be read twice in a row; the list and the
/// sidebar show it, the reader starts with the text itself.
fn title_opens_the_text(doc: &Document) -> bool {
    let stem = doc.title.trim_end_matches('…').trim_end();
    match doc.blocks.first() {
        Some(Block::Paragraph(first)) => !stem.is_empty() && first.starts_with(stem),
        _ => false,
    }
}

/// "2017-09-15 10:33 · AFP": what is known of when and who, empty when nothing is.
pub fn dateline(doc: &Document) -> String {
    let date = doc.date.map(|d| d.to_string());
    [date.as_deref(), doc.source.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ")
}

fn push_wrapped(
    lines: &mut Vec<ReadLine>,
    kind: LineKind,
    origin: Origin,
    text: &str,
    width: usize,
) {
    let text = glue_french_punctuation(text);
    // First-fit is linear in the text length, so a 10 MB paragraph cannot stall the reader.
    let options = textwrap::Options::new(width)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .break_words(true);
    // Wrapped lines are pieces of the text in order, with the spaces between them dropped.
    // A borrowed line's offset is where it points into the text; any other is searched for
    // from where the last one ended. Either way the whole text is walked once.
    let (mut byte, mut char_at) = (0, 0);
    let base = text.as_ptr() as usize;
    for line in textwrap::wrap(&text, options) {
        let found = match &line {
            std::borrow::Cow::Borrowed(piece) => Some((piece.as_ptr() as usize).wrapping_sub(base))
                .filter(|&at| at >= byte && at <= text.len() && text.is_char_boundary(at)),
            std::borrow::Cow::Owned(_) => None,
        }
        .or_else(|| text[byte..].find(line.as_ref()).map(|i| byte + i));
        let start = match found {
            Some(at) => {
                char_at += text[byte..at].chars().count();
                byte = at + line.len();
                let start = char_at;
                char_at += line.chars().count();
                start
            }
            None => char_at,
        };
        lines.push(ReadLine {
            kind,
            text: line.into_owned(),
            origin,
            start,
        });
    }
}

/// French typography: `; : ! ?` and `»` never start a line, `«` never ends one. Turning the
/// space beside them into a no-break space makes the wrapper keep them with their word;
/// it is one char for one char, so positions in the text are unchanged.
fn glue_french_punctuation(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let glued =
            c == ' ' && (matches!(next, Some(';' | ':' | '!' | '?' | '»')) || prev == Some('«'));
        out.push(if glued { '\u{a0}' } else { c });
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::PartialDate;
    use unicode_width::UnicodeWidthStr;

    fn doc(paragraph: &str) -> Document {
        Document {
            title: "Un titre".into(),
            date: Some(PartialDate {
                year: 2019,
                month: Some(11),
                ..Default::default()
            }),
            source: Some("AFP".into()),
            blocks: vec![
                Block::Heading("Une partie".into()),
                Block::Paragraph(paragraph.into()),
            ]
            .into(),
            ..Default::default()
        }
    }

    #[test]
    fn title_dateline_then_blocks_separated_by_blank_lines() {
        let lines = lay_out(&doc("Un paragraphe."), 40);
        let kinds: Vec<LineKind> = lines.iter().map(|l| l.kind).collect();
        use LineKind::*;
        assert_eq!(kinds, [Title, Dateline, Blank, Heading, Blank, Body]);
        assert_eq!(lines[1].text, "2019-11 · AFP");
    }

    #[test]
    fn a_title_taken_from_the_first_sentence_is_not_read_twice() {
        let mut d = doc("Le groupe conserve une base solide. La suite.");
        d.blocks = d.blocks[1..].into();
        d.title = "Le groupe conserve une base…".into();
        let lines = lay_out(&d, 80);
        assert_eq!(lines[0].kind, LineKind::Dateline);
        assert!(lines.iter().all(|l| l.kind != LineKind::Title));
        d.title = "Un autre titre".into();
        assert_eq!(lay_out(&d, 80)[0].kind, LineKind::Title);
    }

    #[test]
    fn no_line_is_wider_than_the_width_and_no_word_is_lost() {
        let text = "L'opération, menée dans le cadre d'une enquête de la justice belge, \
                    a conduit à l'identification de contenus ; anticonstitutionnellement";
        for width in 1..60u16 {
            let lines = lay_out(&doc(text), width);
            for l in &lines {
                assert!(
                    l.text.width() <= usize::from(width),
                    "{width}: {:?}",
                    l.text
                );
            }
            let body: String = lines
                .iter()
                .filter(|l| l.kind == LineKind::Body)
                .map(|l| l.text.replace('\u{a0}', " "))
                .collect::<Vec<_>>()
                .join(" ");
            let squeeze = |s: &str| s.split_whitespace().collect::<String>();
            assert_eq!(squeeze(&body), squeeze(text), "width {width}");
        }
    }

    #[test]
    fn french_punctuation_never_starts_a_line() {
        let text = "« Nous ne le savons pas » a-t-il dit ; est-ce un succès ? Oui !";
        // From the narrowest reader a screen can have; below a word's width no rule can hold.
        for width in 12..40u16 {
            for line in lay_out(&doc(text), width) {
                let first = line.text.chars().next();
                assert!(
                    !matches!(first, Some(';' | ':' | '!' | '?' | '»')),
                    "{width}: {line:?}"
                );
                assert!(!line.text.trim_end().ends_with('«'), "{width}: {line:?}");
            }
        }
    }

    #[test]
    fn each_line_knows_where_it_starts_in_its_text() {
        let text =
            "Le « démantèlement » a été coordonné ; depuis La Haye, avec Eurojust et Europol.";
        let d = doc(text);
        for width in [8u16, 13, 20, 41] {
            for line in lay_out(&d, width) {
                let source = match line.origin {
                    Origin::Title => d.title.as_str(),
                    Origin::Block(i) => d.blocks[i].text(),
                    Origin::Display => continue,
                };
                let from_source: String = source
                    .chars()
                    .skip(line.start)
                    .take(line.text.chars().count())
                    .collect();
                assert_eq!(
                    from_source.replace(' ', "\u{a0}"),
                    line.text.replace(' ', "\u{a0}")
                );
            }
        }
    }

    #[test]
    fn a_preview_is_the_start_of_the_whole_layout() {
        let paragraph = "Le parquet fédéral belge a coordonné l'opération ; Europol, Eurojust \
                         et les polices de neuf pays y ont pris part. ";
        let d = Document {
            blocks: vec![
                Block::Heading("Partie".into()),
                Block::Paragraph(paragraph.repeat(40)),
                Block::Paragraph(paragraph.repeat(3)),
            ]
            .into(),
            ..doc("")
        };
        let total: usize = d.blocks.iter().map(|b| b.text().len()).sum();
        for width in [7u16, 37, 100] {
            let whole = lay_out(&d, width);
            for budget in [0, 1, 90, 1000, 3333, total, total + 1] {
                let head = preview(&d, width, budget);
                assert!(whole.starts_with(&head), "width {width}, budget {budget}");
                if budget >= total {
                    assert_eq!(head, whole);
                }
            }
            assert!(preview(&d, width, 1000).len() < whole.len());
        }
    }
}
