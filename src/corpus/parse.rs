//! Clean text → a Document: title, dateline, source, headings, paragraphs.
//! Must not do I/O or decoding; the text it gets has been through the sanitiser.

use super::dateline::{dateline, marker, precision, published};
use super::prose::{first_sentence, title_from, unglue};
use super::word_count::count_words;
use super::{Block, Document, PartialDate};

/// Headings are short: a longer line without a full stop is a paragraph that lost its stop.
const HEADING_MAX_CHARS: usize = 100;
const HEADING_MAX_WORDS: usize = 12;
/// A headline may be longer than a heading (seed 004's is 96 characters) but not a paragraph.
const HEADLINE_MAX_CHARS: usize = 160;
const HEADLINE_MAX_WORDS: usize = 25;

/// Parse sanitised text. `fallback_title` is used when the text has none (e.g. the file name).
pub fn parse(text: &str, path: &str, fallback_title: &str) -> Document {
    let mut paras = paragraphs(text);
    let mut date: Option<PartialDate> = None;
    let mut source = None;

    // ` date 2019-11 La propagande…`: the marker is metadata; text after it on the same line is
    // running text, so the article has no headline of its own.
    let mut running = false;
    if let Some(line) = paras.first_mut().and_then(|p| p.first_mut()) {
        if let Some((d, rest)) = marker(line) {
            date = Some(d);
            *line = rest;
            running = !rest.is_empty();
        }
    }
    drop_empty_lines(&mut paras);
    let saw_dateline = take_dateline(&mut paras, &mut date, &mut source);
    if saw_dateline {
        running = false;
    }

    let mut title = None;
    if !running && paras.len() >= 2 && is_headline(&paras[0]) {
        let line = paras.remove(0)[0];
        title = Some(md_heading(line).unwrap_or(line).to_string());
        if !saw_dateline {
            take_dateline(&mut paras, &mut date, &mut source);
        }
    }
    if date.is_none() {
        date = title.as_deref().and_then(published);
    }

    let blocks = blocks(&paras);
    if title.as_deref().is_some_and(is_senate_question) && blocks.iter().any(is_senate_answer) {
        // The Senate's written-question format ("Question de M. … publiée le", page of the
        // Journal officiel, "Réponse du Ministère … publiée le") is itself the statement of
        // where the text comes from; nothing else would be printed that way.
        source.get_or_insert_with(|| "Sénat".to_string());
    }

    let headline = title.is_some();
    let title = title.unwrap_or_else(|| derived_title(&blocks, fallback_title));
    let body_words: usize = blocks.iter().map(|b| count_words(b.text())).sum();
    // A derived title repeats the body's first words; count them once.
    let words = body_words + if headline { count_words(&title) } else { 0 };
    // The first few thousand chars tell the language as well as the whole text would: the
    // title, then blocks while fewer than 8192 bytes (a space between parts) are taken.
    let mut taken = title.len();
    let sampled = blocks.iter().take_while(|b| {
        let more = taken < 8192;
        taken += 1 + b.text().len();
        more
    });
    let language =
        super::lang::detect_parts(std::iter::once(title.as_str()).chain(sampled.map(Block::text)));
    Document {
        path: path.to_string(),
        title,
        date,
        source,
        blocks: blocks.into(),
        words,
        language,
        ..Document::default()
    }
}

/// Blank-line separated paragraphs of trimmed lines, page furniture left out.
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut paras: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    // Line ends found 32 bytes at a time (the memchr crate's AVX2 search) rather than by
    // `lines()`, whose search goes a word at a time: 5-7 % of reading an article. A line's
    // `\r`, and the empty piece after a last line feed, are trimmed and passed over as
    // `lines()` had them.
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    let lines = ends.map(|end| {
        let line = text.get(start..end).unwrap_or_default();
        start = end + 1;
        line.trim()
    });
    for line in lines {
        if line.is_empty() {
            if !current.is_empty() {
                paras.push(std::mem::take(&mut current));
            }
        } else if !is_furniture(line) {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paras.push(current);
    }
    paras
}

fn drop_empty_lines(paras: &mut Vec<Vec<&str>>) {
    for p in paras.iter_mut() {
        p.retain(|l| !l.is_empty());
    }
    paras.retain(|p| !p.is_empty());
}

/// Web and Journal officiel page furniture: `- page 376`, `Page mise à jour le`.
fn is_furniture(line: &str) -> bool {
    // Only `-` and `p`/`P` lowercase to what both forms start with: no copy for other lines.
    if !matches!(line.as_bytes().first(), Some(b'-' | b'p' | b'P')) {
        return false;
    }
    // A line from `p` can only be the second form, of 40 chars at most once lowercased, and
    // lowercasing never makes fewer chars: a longer line (often a whole paragraph) is not
    // copied to be refused.
    if line.starts_with(['p', 'P']) && line.chars().nth(FURNITURE_CHARS).is_some() {
        return false;
    }
    let lower = line.to_lowercase();
    if let Some(n) = lower
        .strip_prefix('-')
        .map(str::trim_start)
        .and_then(|r| r.strip_prefix("page"))
    {
        let n = n.trim();
        return !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
    }
    lower.starts_with("page mise à jour le") && lower.chars().count() <= FURNITURE_CHARS
}

/// Chars of a `Page mise à jour le …` line at most.
const FURNITURE_CHARS: usize = 40;

/// A first line that is an agency dateline (`AFP 15-09-2017 | 10h33`): its source, and its
/// date if more precise than the one we have. The line is not body text.
fn take_dateline(
    paras: &mut Vec<Vec<&str>>,
    date: &mut Option<PartialDate>,
    source: &mut Option<String>,
) -> bool {
    let Some(line) = paras.first().and_then(|p| p.first()) else {
        return false;
    };
    let Some((src, d)) = dateline(line) else {
        return false;
    };
    if date.is_none_or(|old| precision(&d) >= precision(&old)) {
        *date = Some(d);
    }
    if src.is_some() {
        *source = src;
    }
    paras[0].remove(0);
    drop_empty_lines(paras);
    true
}

/// `# Title` in Markdown files.
fn md_heading(line: &str) -> Option<&str> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    let rest = &line[hashes..];
    ((1..=6).contains(&hashes) && rest.starts_with(' ')).then(|| rest.trim())
}

fn ends_a_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '»', '"', ':', ';', ',', '…', '“', '”'])
}

fn starts_upper(line: &str) -> bool {
    line.chars().next().is_some_and(char::is_uppercase)
}

/// The first paragraph as the article's headline: one line, short, not a finished sentence.
/// A question mark is allowed here ("Daech est-il vaincu ?"), unlike in a heading.
fn is_headline(para: &[&str]) -> bool {
    let [line] = para else { return false };
    if md_heading(line).is_some() {
        return true;
    }
    let first_ok = line
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "«\"“".contains(c));
    first_ok
        && line.chars().any(char::is_alphanumeric)
        && line.chars().count() <= HEADLINE_MAX_CHARS
        && line.split_whitespace().count() <= HEADLINE_MAX_WORDS
        && !line.ends_with(['.', ',', ';', ':', '…'])
}

/// A short line standing alone between paragraphs, starting with a capital, with no final
/// punctuation; a one-line paragraph ending with `.` or `»` stays a paragraph.
fn is_heading(line: &str) -> bool {
    starts_upper(line)
        && !ends_a_sentence(line)
        && line.chars().count() <= HEADING_MAX_CHARS
        && line.split_whitespace().count() <= HEADING_MAX_WORDS
}

fn blocks(paras: &[Vec<&str>]) -> Vec<Block> {
    let mut out = Vec::with_capacity(paras.len());
    for (i, para) in paras.iter().enumerate() {
        let followed = i + 1 < paras.len();
        if let [line] = para.as_slice() {
            if let Some(h) = md_heading(line) {
                out.push(Block::Heading(h.to_string()));
                continue;
            }
            if followed && is_heading(line) {
                out.push(Block::Heading((*line).to_string()));
                continue;
            }
        }
        out.push(Block::Paragraph(unglue(para.join(" "))));
    }
    out
}

fn derived_title(blocks: &[Block], fallback: &str) -> String {
    let first = blocks
        .iter()
        .find(|b| matches!(b, Block::Paragraph(_)))
        .or(blocks.first());
    let derived = first
        .map(|b| title_from(first_sentence(b.text())))
        .unwrap_or_default();
    // A "sentence" of punctuation alone names nothing; the file name does better.
    if derived.chars().any(char::is_alphanumeric) {
        derived
    } else {
        fallback.to_string()
    }
}

fn is_senate_question(title: &str) -> bool {
    (title.starts_with("Question de M. ") || title.starts_with("Question de Mme "))
        && title.contains(" publiée le ")
}

fn is_senate_answer(block: &Block) -> bool {
    match block {
        Block::Heading(h) => h.starts_with("Réponse du ") && h.contains(" publiée le "),
        Block::Paragraph(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(d: &Document) -> Vec<&str> {
        d.headings().collect()
    }

    #[test]
    fn lines_end_alike_with_or_without_carriage_returns() {
        let lf = "Un titre court\n\nUn paragraphe.\nSa suite.\n\n## Partie\n\nFin.";
        let crlf = lf.replace('\n', "\r\n");
        for text in [
            lf.to_string(),
            crlf.clone(),
            format!("{lf}\n"),
            format!("{crlf}\r\n"),
        ] {
            let d = parse(&text, "p", "fallback");
            let want = parse(lf, "p", "fallback");
            assert_eq!(
                (&d.title, &*d.blocks, d.words),
                (&want.title, &*want.blocks, want.words)
            );
        }
        let d = parse(lf, "p", "fallback");
        assert_eq!(d.title, "Un titre court");
        assert_eq!(d.blocks.len(), 3, "{:?}", &*d.blocks);
    }

    #[test]
    fn empty_and_blank() {
        for text in ["", "  \n\n \n"] {
            let d = parse(text, "p", "fallback");
            assert_eq!(
                (d.title.as_str(), d.blocks.len(), d.words),
                ("fallback", 0, 0)
            );
        }
    }

    #[test]
    fn headline_headings_and_paragraphs() {
        let text = "Un titre\n\nPremier paragraphe\nsur deux lignes.\n\n\n\nIntertitre\n\nUne phrase seule.\n\nFin du texte.";
        let d = parse(text, "p", "f");
        assert_eq!(d.title, "Un titre");
        assert_eq!(headings(&d), ["Intertitre"]);
        assert_eq!(
            d.blocks[0],
            Block::Paragraph("Premier paragraphe sur deux lignes.".into())
        );
        assert_eq!(d.blocks.len(), 4);
        assert_eq!(d.words, 2 + 5 + 1 + 3 + 3);
        assert_eq!((d.date, d.source), (None, None));
    }

    #[test]
    fn one_line_sentences_are_not_headings() {
        let d = parse(
            "Titre\n\nIl a dit :\n\n« Non. »\n\nC'est fini !\n\nFin.",
            "p",
            "f",
        );
        assert_eq!(headings(&d).len(), 0);
        let d = parse("Titre\n\nnot a heading\n\nFin.", "p", "f");
        assert_eq!(headings(&d).len(), 0);
    }

    #[test]
    fn marker_then_dateline_then_text() {
        let d = parse(
            " date 2017-09 AFP 15-09-2017 | 10h33\n\nLe texte. Suite.",
            "p",
            "f",
        );
        assert_eq!(
            d.date.map(|d| d.to_string()).as_deref(),
            Some("2017-09-15 10:33")
        );
        assert_eq!(
            (d.source.as_deref(), d.title.as_str()),
            (Some("AFP"), "Le texte")
        );
        assert_eq!(*d.blocks, [Block::Paragraph("Le texte. Suite.".into())]);
    }

    #[test]
    fn markdown_headings() {
        let d = parse("# Titre\n\nTexte.\n\n## Partie\n\nSuite.", "p", "f");
        assert_eq!((d.title.as_str(), headings(&d)), ("Titre", vec!["Partie"]));
    }

    #[test]
    fn furniture() {
        assert!(is_furniture("- page 376"));
        assert!(is_furniture("Page mise à jour le"));
        assert!(!is_furniture("- pages du livre"));
        // Forty chars at most, counted as chars (`à` is two bytes) once lowercased.
        let forty = "Page mise à jour le 24/01/2019 à 10h33 x";
        assert_eq!(forty.chars().count(), 40);
        assert!(is_furniture(forty));
        assert!(is_furniture(&forty.to_uppercase()));
        assert!(!is_furniture(&format!("{forty}y")));
        assert!(!is_furniture(&format!("{forty} {}", "suite ".repeat(100))));
    }
}
