//! The sidebar's card for the open article, as lines: fields to read, and entries (names,
//! keywords, related articles) that Enter pivots to. Must not draw; the view lays it out.

use crate::corpus::{Corpus, Document};
use crate::search::Index;

/// Entries shown per list before the rest are summed up as "+N more".
pub const LIST_CUT: usize = 8;
/// Related articles shown.
pub const RELATED: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pivot {
    /// Filter the corpus by this query.
    Search(String),
    /// Open this document.
    Open(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardLine {
    Label(String),
    /// Prose, wrapped to the sidebar's width.
    Text(String),
    /// A line Enter acts on.
    Entry {
        text: String,
        pivot: Pivot,
    },
    Blank,
}

impl CardLine {
    pub fn pivot(&self) -> Option<&Pivot> {
        match self {
            CardLine::Entry { pivot, .. } => Some(pivot),
            _ => None,
        }
    }
}

/// The articles related to document `doc`, for [`card`].
pub fn related_to(index: &Index, doc: usize) -> Vec<usize> {
    index
        .related(doc, RELATED)
        .into_iter()
        .map(|(doc, _)| doc)
        .collect()
}

/// The card of `corpus.docs[index]`; `per_term` are the open query's counts in it, `near`
/// its related articles (from [`related_to`]).
pub fn card(
    corpus: &Corpus,
    index: usize,
    per_term: &[(String, usize)],
    near: &[usize],
) -> Vec<CardLine> {
    let Some(doc) = corpus.docs.get(index) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    field(&mut out, "Title", &doc.title);
    field(
        &mut out,
        "Date",
        &doc.date.map_or("—".into(), |d| d.to_string()),
    );
    let others: Vec<String> = doc
        .meta
        .dates
        .iter()
        .filter(|m| Some(m.date) != doc.date)
        .map(|m| format!("{} ({})", m.date, m.text))
        .collect();
    texts(&mut out, "Other dates", &others);
    field(&mut out, "Source", doc.source.as_deref().unwrap_or("—"));
    let language = doc.language.unwrap_or("—");
    let length = format!(
        "{} words · {} min read · {language}",
        doc.words,
        doc.reading_minutes()
    );
    field(&mut out, "Length · language", &length);
    if !per_term.is_empty() {
        let counts: Vec<String> = per_term.iter().map(|(t, n)| format!("{t}: {n}")).collect();
        texts(&mut out, "Matches", &counts);
    }
    if doc.card_pending {
        field(&mut out, "Names, dates and keywords", "being found…");
    }
    let m = &doc.meta;
    pivots(&mut out, "People", &m.people);
    pivots(&mut out, "Organisations", &m.organizations);
    pivots(&mut out, "Places", &m.places);
    pivots(&mut out, "Keywords", &m.keywords);
    let headings: Vec<String> = doc.headings().map(str::to_string).collect();
    texts(&mut out, "Headings", &headings);
    texts(&mut out, "Links", &m.links);
    pivots(&mut out, "Handles", &m.handles);
    let quotes: Vec<String> = m.quotations.iter().map(|q| format!("« {q} »")).collect();
    texts(&mut out, "Quotations", &quotes);
    related_entries(&mut out, corpus, near);
    field(&mut out, "File", &doc.path);
    if !doc.encoding.is_empty() {
        field(&mut out, "Encoding", doc.encoding);
    }
    texts(&mut out, "Warnings", &doc.warnings);
    out
}

fn field(out: &mut Vec<CardLine>, label: &str, value: &str) {
    out.push(CardLine::Label(label.into()));
    out.push(CardLine::Text(value.into()));
    out.push(CardLine::Blank);
}

fn texts(out: &mut Vec<CardLine>, label: &str, values: &[String]) {
    if values.is_empty() {
        return;
    }
    out.push(CardLine::Label(counted(label, values.len())));
    out.extend(values.iter().take(LIST_CUT).cloned().map(CardLine::Text));
    more(out, values.len());
    out.push(CardLine::Blank);
}

fn pivots(out: &mut Vec<CardLine>, label: &str, values: &[String]) {
    if values.is_empty() {
        return;
    }
    out.push(CardLine::Label(counted(label, values.len())));
    for value in values.iter().take(LIST_CUT) {
        out.push(CardLine::Entry {
            text: value.clone(),
            pivot: Pivot::Search(as_query(value)),
        });
    }
    more(out, values.len());
    out.push(CardLine::Blank);
}

fn related_entries(out: &mut Vec<CardLine>, corpus: &Corpus, near: &[usize]) {
    if near.is_empty() {
        return;
    }
    out.push(CardLine::Label("Related".into()));
    for &doc in near {
        let title = corpus
            .docs
            .get(doc)
            .map_or("", |d: &Document| d.title.as_str());
        out.push(CardLine::Entry {
            text: title.to_string(),
            pivot: Pivot::Open(doc),
        });
    }
    out.push(CardLine::Blank);
}

fn counted(label: &str, n: usize) -> String {
    if n > 1 {
        format!("{label} ({n})")
    } else {
        label.to_string()
    }
}

fn more(out: &mut Vec<CardLine>, n: usize) {
    if n > LIST_CUT {
        out.push(CardLine::Text(format!("+{} more", n - LIST_CUT)));
    }
}

/// A name as a query that finds it: several words become a phrase.
fn as_query(value: &str) -> String {
    let clean: String = value.chars().filter(|&c| c != '"').collect();
    if clean.contains(char::is_whitespace) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Meta;

    fn corpus() -> Corpus {
        let doc = |people: &[&str], keywords: &[&str]| Document {
            title: "Un titre".into(),
            meta: Meta {
                people: people.iter().map(|s| s.to_string()).collect(),
                keywords: keywords.iter().map(|s| s.to_string()).collect(),
                ..Meta::default()
            }
            .into(),
            ..Document::default()
        };
        let many: Vec<String> = (0..12).map(|i| format!("mot{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        Corpus {
            docs: vec![doc(&["Rob Wainwright"], &many), doc(&[], &["mot3"])],
            warnings: Vec::new(),
        }
    }

    #[test]
    fn names_pivot_as_phrases_and_long_lists_are_cut_with_a_count() {
        let c = corpus();
        let lines = card(&c, 0, &[], &related_to(&Index::build(&c), 0));
        let pivots: Vec<&Pivot> = lines.iter().filter_map(CardLine::pivot).collect();
        assert_eq!(pivots[0], &Pivot::Search("\"Rob Wainwright\"".into()));
        assert!(lines.contains(&CardLine::Label("Keywords (12)".into())));
        assert!(lines.contains(&CardLine::Text("+4 more".into())));
        assert_eq!(
            pivots.last(),
            Some(&&Pivot::Open(1)),
            "related article last"
        );
    }

    #[test]
    fn an_article_past_the_end_has_no_card() {
        assert!(card(&corpus(), 7, &[], &[]).is_empty());
    }
}
