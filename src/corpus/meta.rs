//! An article's card: dates, names, links, handles and quotations per document, keywords
//! over the corpus. Must not change the article's text or structure; it only reads it, and
//! fills `Document.date`/`source` where parse.rs found nothing and the text clearly says.
//!
//! Primary date (`Document.date`): what the dateline, the ` date` marker, a "publiée le" or a
//! record's own field says; otherwise the first full date (day, month, year) written in the
//! first paragraph; otherwise none. Dates without a year (`le 21 et le 24 novembre`) take the
//! primary date's year, and are dropped when there is none. Every date goes into
//! `meta.dates`, first appearance first, the primary one included.
//!
//! Source: parse.rs's dateline or Senate format first; then an agency signature; then, only
//! when nothing else is stated, the author of an embedded tweet (byline.rs).

use super::byline::stated_source;
use super::dates::{self, Found};
use super::links::{handles, links, quotations};
use super::names::names_tokenised;
use super::words::{Tok, tokens};
use super::{Block, DateMention, Document, Meta, PartialDate};
use crate::search::fold::fold_str;

pub use super::keywords::add_keywords;

/// Everything one document says about itself; `keywords` stay empty (see [`add_keywords`]).
pub fn extract(doc: &Document) -> Meta {
    let found: Vec<Vec<Found>> = texts(doc, &doc.blocks).map(dates::find).collect();
    extract_with(doc, &doc.blocks, &found, &mut |_| {})
}

/// What is given a document's texts (blocks read in passing) and their tokens.
pub(crate) type TextsSeen<'s> = dyn FnMut(&[Block], &[Vec<Tok<'_>>]) + 's;

/// The card of a document whose card was put off (see [`super::cards`]): [`extract`]'s,
/// with the fields a record or front matter gave it kept. Its texts are read in passing,
/// so a pass over every document does not bring them all back into memory: `tokens_seen`
/// gets them with their tokens.
pub(crate) fn card(doc: &Document, tokens_seen: &mut TextsSeen<'_>) -> Meta {
    let blocks = doc.blocks.passing();
    let found: Vec<Vec<Found>> = texts(doc, &blocks).map(dates::find).collect();
    let given = &doc.meta;
    Meta {
        url: given.url.clone(),
        author: given.author.clone(),
        tags: given.tags.clone(),
        ..extract_with(doc, &blocks, &found, &mut |toks| tokens_seen(&blocks, toks))
    }
}

/// [`extract`] with the dates of `texts(doc)` already found; `tokens_seen` gets the tokens
/// of `texts(doc)`: a corpus being loaded counts the document's keyword terms from the
/// same tokens as its names.
fn extract_with(
    doc: &Document,
    blocks: &[Block],
    found: &[Vec<Found>],
    tokens_seen: &mut dyn FnMut(&[Vec<Tok<'_>>]),
) -> Meta {
    let texts: Vec<&str> = texts(doc, blocks).collect();
    let primary = doc.date.or_else(|| first_paragraph_date(blocks, found));
    let toks: Vec<Vec<Tok<'_>>> = texts.iter().map(|t| tokens(t)).collect();
    let names = names_tokenised(texts.iter().copied().zip(toks.iter().map(Vec::as_slice)));
    tokens_seen(&toks);
    drop(toks);
    let mut meta = Meta {
        dates: all_dates(primary, found),
        people: names.people,
        organizations: names.organizations,
        places: names.places,
        ..Meta::default()
    };
    for t in &texts {
        meta.links.extend(links(t));
        meta.handles.extend(handles(t));
        meta.quotations.extend(quotations(t));
    }
    dedup(&mut meta.links, str::to_string);
    dedup(&mut meta.handles, fold_str);
    dedup(&mut meta.quotations, fold_str);
    meta
}

/// Complete a freshly parsed document: primary date and source where the text states them
/// outside the dateline, then its card, unless the load running on this thread puts cards
/// off (see [`super::cards`]): the document is then marked `card_pending`. Loaders call this
/// once per document, after any override from a record's own fields.
pub fn enrich(doc: &mut Document) {
    if super::keywords::cards_put_off() {
        // Only the first paragraph can give the primary date: the other texts' dates are
        // found with the card.
        let first = first_paragraph(&doc.blocks).map(|k| k + 1);
        let found: Vec<Vec<Found>> = texts(doc, &doc.blocks)
            .enumerate()
            .map(|(k, t)| {
                if Some(k) == first {
                    dates::find(t)
                } else {
                    Vec::new()
                }
            })
            .collect();
        complete(doc, &found);
        doc.card_pending = true;
        return;
    }
    // Found once for both uses: finding dates was the largest share of loading. Neither the
    // date nor the source set here changes the texts dates are found in.
    let found: Vec<Vec<Found>> = texts(doc, &doc.blocks).map(dates::find).collect();
    complete(doc, &found);
    let noting = &mut |toks: &[Vec<Tok<'_>>]| super::keywords::note(doc, toks);
    doc.meta = extract_with(doc, &doc.blocks, &found, noting).into();
}

/// The primary date and the source, where the dateline gave none; `found` as in
/// [`first_paragraph_date`].
fn complete(doc: &mut Document, found: &[Vec<Found>]) {
    if doc.date.is_none() {
        doc.date = first_paragraph_date(&doc.blocks, found);
    }
    if doc.source.is_none() {
        doc.source = stated_source(doc);
    }
}

/// Title first, then blocks (the document's, or the same read in passing) in reading
/// order: the order of "first appearance".
fn texts<'a>(doc: &'a Document, blocks: &'a [Block]) -> impl Iterator<Item = &'a str> {
    std::iter::once(doc.title.as_str()).chain(blocks.iter().map(Block::text))
}

/// `found[k]` holds the dates of `texts(doc)` item k: 0 is the title, k ≥ 1 is block k-1.
fn first_paragraph_date(blocks: &[Block], found: &[Vec<Found>]) -> Option<PartialDate> {
    let k = first_paragraph(blocks)?;
    found
        .get(k + 1)?
        .iter()
        .filter(|f| f.is_full())
        .find_map(|f| f.resolve(None))
        .map(|m| m.date)
}

/// The block the primary date is looked for in.
fn first_paragraph(blocks: &[Block]) -> Option<usize> {
    blocks.iter().position(|b| matches!(b, Block::Paragraph(_)))
}

fn all_dates(primary: Option<PartialDate>, found: &[Vec<Found>]) -> Vec<DateMention> {
    let year = primary.map(|d| d.year);
    let mut out: Vec<DateMention> = Vec::new();
    for f in found.iter().flatten() {
        if let Some(m) = f.resolve(year) {
            if !out.iter().any(|o| o.date == m.date) {
                out.push(m);
            }
        }
    }
    if let Some(p) = primary {
        // A dateline or marker is not body text: list it with the words it reads as.
        if !out.iter().any(|o| o.date == p) {
            out.insert(
                0,
                DateMention {
                    date: p,
                    text: p.to_string(),
                },
            );
        }
    }
    out
}

/// Keep the first of each group of items with the same key.
fn dedup(items: &mut Vec<String>, key: impl Fn(&str) -> String) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|i| seen.insert(key(i)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::parse::parse;

    fn enriched(text: &str) -> Document {
        let mut d = parse(text, "p", "f");
        enrich(&mut d);
        d
    }

    #[test]
    fn primary_date_rules() {
        let d = enriched(
            "Titre\n\nLe 3 mars 2020, puis le 1er mars 2020 et le 5 mars.\n\nLe 9 mai 2021.",
        );
        assert_eq!(d.date.map(|x| x.to_string()).as_deref(), Some("2020-03-03"));
        let shown: Vec<String> = d.meta.dates.iter().map(|m| m.date.to_string()).collect();
        assert_eq!(
            shown,
            ["2020-03-03", "2020-03-01", "2020-03-05", "2021-05-09"]
        );
        let d = enriched("Titre\n\nEn avril 2018 et le 5 mars.\n\nLe 9 mai 2021.");
        assert_eq!(d.date, None);
        let shown: Vec<String> = d.meta.dates.iter().map(|m| m.date.to_string()).collect();
        assert_eq!(shown, ["2018-04", "2021-05-09"]);
        let d = enriched(" date 2019-11 Texte le 24 novembre.\n\nSuite.");
        let shown: Vec<(String, &str)> = d
            .meta
            .dates
            .iter()
            .map(|m| (m.date.to_string(), m.text.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("2019-11".into(), "2019-11"),
                ("2019-11-24".into(), "24 novembre")
            ]
        );
    }
}
