//! An article laid out as wrapped lines for a given width, and the cache that makes wrapping
//! happen once per (article, width) rather than once per frame. Must not draw anything.

use crate::corpus::{Block, Document};
use std::collections::HashMap;
use std::sync::Arc;

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
    let text_bytes: usize = doc.blocks.iter().map(|b| b.text().len()).sum();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    if text_bytes < SPLIT_BYTES || threads < 2 || doc.blocks.len() < 2 {
        push_blocks(&mut lines, &doc.blocks, 0, width);
        return lines;
    }
    // A long article is cut into runs of blocks of about equal size, wrapped side by side:
    // blocks wrap independently, so the lines are the same as wrapping them in turn. Scoped
    // threads rather than the rayon pool: the pool may be busy indexing, and the reader must
    // not wait behind it.
    let runs = runs_of_blocks(&doc.blocks, text_bytes.div_ceil(threads));
    let parts: Vec<Vec<ReadLine>> = std::thread::scope(|scope| {
        let handles: Vec<_> = runs
            .iter()
            .skip(1)
            .map(|run| scope.spawn(move || wrap_run(&doc.blocks, run.clone(), width)))
            .collect();
        let mut parts = vec![wrap_run(&doc.blocks, runs[0].clone(), width)];
        for (handle, run) in handles.into_iter().zip(runs.iter().skip(1)) {
            // A thread that died (it cannot, short of a bug) is redone here rather than lost.
            parts.push(
                handle
                    .join()
                    .unwrap_or_else(|_| wrap_run(&doc.blocks, run.clone(), width)),
            );
        }
        parts
    });
    lines.extend(parts.into_iter().flatten());
    lines
}

/// Below this much text an article is wrapped on the calling thread: starting threads would
/// cost more than they save.
const SPLIT_BYTES: usize = 128 * 1024;

/// Consecutive ranges of block indices holding about `per_run` bytes of text each.
fn runs_of_blocks(blocks: &[Block], per_run: usize) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, block) in blocks.iter().enumerate() {
        bytes += block.text().len();
        if bytes >= per_run {
            runs.push(start..i + 1);
            (start, bytes) = (i + 1, 0);
        }
    }
    if start < blocks.len() || runs.is_empty() {
        runs.push(start..blocks.len());
    }
    runs
}

fn wrap_run(blocks: &[Block], run: std::ops::Range<usize>, width: usize) -> Vec<ReadLine> {
    let mut lines = Vec::new();
    push_blocks(&mut lines, &blocks[run.clone()], run.start, width);
    lines
}

/// Each block after a blank line; `first` is the index of `blocks[0]` in the document.
fn push_blocks(lines: &mut Vec<ReadLine>, blocks: &[Block], first: usize, width: usize) {
    for (i, block) in blocks.iter().enumerate() {
        lines.push(ReadLine::blank());
        let kind = match block {
            Block::Heading(_) => LineKind::Heading,
            Block::Paragraph(_) => LineKind::Body,
        };
        push_wrapped(lines, kind, Origin::Block(first + i), block.text(), width);
    }
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

/// Wrapped articles by (document index, width). Small: a reader shows one article at a time,
/// and resizing through many widths must not grow memory without bound.
#[derive(Debug, Default)]
pub struct ReadingCache {
    lines: HashMap<(usize, u16), Arc<[ReadLine]>>,
}

const CACHE_ENTRIES: usize = 32;

impl ReadingCache {
    pub fn get(&self, doc: usize, width: u16) -> Option<Arc<[ReadLine]>> {
        self.lines.get(&(doc, width)).cloned()
    }

    /// The lines of `doc` at `width`, wrapping only if they are not cached yet.
    pub fn ensure(&mut self, index: usize, doc: &Document, width: u16) -> Arc<[ReadLine]> {
        if let Some(lines) = self.get(index, width) {
            return lines;
        }
        if self.lines.len() >= CACHE_ENTRIES {
            self.lines.clear();
        }
        let lines: Arc<[ReadLine]> = lay_out(doc, width).into();
        self.lines.insert((index, width), Arc::clone(&lines));
        lines
    }
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
            ],
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
        d.blocks.remove(0);
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
    fn a_long_article_wrapped_in_runs_reads_as_wrapped_in_one_go() {
        let paragraph = "Le parquet fédéral belge a coordonné l'opération ; Europol, Eurojust \
                         et les polices de neuf pays y ont pris part. ";
        let blocks: Vec<Block> = (0..2000)
            .map(|i| {
                let text = paragraph.repeat(1 + i % 5);
                if i % 7 == 0 {
                    Block::Heading(format!("Partie {i}"))
                } else {
                    Block::Paragraph(text)
                }
            })
            .collect();
        let d = Document { blocks, ..doc("") };
        assert!(d.blocks.iter().map(|b| b.text().len()).sum::<usize>() > SPLIT_BYTES);
        let mut one_go = Vec::new();
        push_blocks(&mut one_go, &d.blocks, 0, 37);
        let laid = lay_out(&d, 37);
        assert_eq!(&laid[laid.len() - one_go.len()..], &one_go[..]);
    }

    #[test]
    fn runs_cover_every_block_once_in_order() {
        let blocks: Vec<Block> = (1..50)
            .map(|i| Block::Paragraph("x".repeat(i * 13 % 97)))
            .collect();
        for per_run in [1, 50, 400, 10_000] {
            let runs = runs_of_blocks(&blocks, per_run);
            let covered: Vec<usize> = runs.into_iter().flatten().collect();
            assert_eq!(covered, (0..blocks.len()).collect::<Vec<_>>(), "{per_run}");
        }
    }

    #[test]
    fn the_cache_wraps_once_per_width() {
        let d = doc("texte");
        let mut cache = ReadingCache::default();
        let a = cache.ensure(0, &d, 30);
        let b = cache.ensure(0, &d, 30);
        assert!(Arc::ptr_eq(&a, &b));
        let c = cache.ensure(0, &d, 31);
        assert!(!Arc::ptr_eq(&a, &c));
    }
}
