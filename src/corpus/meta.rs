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
    let found: Vec<Vec<Found>> = texts(doc).map(dates::find).collect();
    extract_with(doc, &found)
}

/// [`extract`] with the dates of `texts(doc)` already found. A corpus being loaded gets the
/// document's keyword terms from the same tokens as its names.
fn extract_with(doc: &Document, found: &[Vec<Found>]) -> Meta {
    let texts: Vec<&str> = texts(doc).collect();
    let primary = doc.date.or_else(|| first_paragraph_date(doc, found));
    let toks: Vec<Vec<Tok<'_>>> = texts.iter().map(|t| tokens(t)).collect();
    let names = names_tokenised(texts.iter().copied().zip(toks.iter().map(Vec::as_slice)));
    super::keywords::note(doc, &toks);
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
/// outside the dateline, then its card. Loaders call this once per document, after any
/// override from a record's own fields.
pub fn enrich(doc: &mut Document) {
    // Found once for both uses: finding dates was the largest share of loading. Neither the
    // date nor the source set here changes the texts dates are found in.
    let found: Vec<Vec<Found>> = texts(doc).map(dates::find).collect();
    if doc.date.is_none() {
        doc.date = first_paragraph_date(doc, &found);
    }
    if doc.source.is_none() {
        doc.source = stated_source(doc);
    }
    doc.meta = extract_with(doc, &found).into();
}

/// Title first, then blocks in reading order: the order of "first appearance".
fn texts(doc: &Document) -> impl Iterator<Item = &str> {
    std::iter::once(doc.title.as_str()).chain(doc.blocks.iter().map(Block::text))
}

/// `found[k]` holds the dates of `texts(doc)` item k: 0 is the title, k ≥ 1 is block k-1.
fn first_paragraph_date(doc: &Document, found: &[Vec<Found>]) -> Option<PartialDate> {
    let k = doc
        .blocks
        .iter()
        .position(|b| matches!(b, Block::Paragraph(_)))?;
    found
        .get(k + 1)?
        .iter()
        .filter(|f| f.is_full())
        .find_map(|f| f.resolve(None))
        .map(|m| m.date)
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
