//! The corpus: bytes on disk (or embedded) turned into clean, immutable Documents.
//! Owns loading, decoding, sanitising and parsing; must not touch the terminal or search.

pub mod batches;
pub mod byline;
pub mod cards;
pub mod dateline;
pub mod dates;
pub mod decode;
pub mod formats;
pub mod frontmatter;
pub mod gazetteer;
pub mod json;
pub mod keywords;
pub mod lanes;
pub mod lang;
pub mod links;
pub mod meta;
pub mod names;
pub mod parse;
pub mod progress;
pub mod prose;
pub mod runs;
pub mod sanitize;
pub mod shelved;
pub mod source;
pub mod walk;
pub mod wire;
pub mod word_count;
pub mod words;

use serde::{Deserialize, Serialize};
pub use shelved::{Body, Shelved};
use std::fmt;

/// A date as precise as the text gave it: a month stays a month.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// Hours and minutes, when a dateline gave them.
    pub time: Option<(u8, u8)>,
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
                if let Some((h, min)) = self.time {
                    write!(f, " {h:02}:{min:02}")?;
                }
            }
        }
        Ok(())
    }
}

/// One unit of an article's body, in reading order. Read back (from the cache, a first
/// run's scratch file) through [`wire`]'s check of UTF-8, several times std's on French.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    Heading(#[serde(deserialize_with = "wire::text")] String),
    Paragraph(#[serde(deserialize_with = "wire::text")] String),
}

impl Block {
    pub fn text(&self) -> &str {
        match self {
            Block::Heading(t) | Block::Paragraph(t) => t,
        }
    }
}

/// A parsed article. Every string in it has been through `decode::sanitize`.
/// Serialisable for the index cache; read back through [`wire`], which maps the
/// `&'static str` names back to the loader's own.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Document {
    /// Where it came from, for display (lossy, sanitised). Embedded seeds use `seeds/NAME`.
    pub path: String,
    pub title: String,
    pub date: Option<PartialDate>,
    /// Agency, outlet or institution stated in the text; never guessed.
    pub source: Option<String>,
    /// Held in memory, or read from the index cache when first asked for; never part of
    /// the document's own serialised form (the cache keeps it apart, see [`shelved`]).
    #[serde(skip)]
    pub blocks: Body,
    /// Name of the encoding the bytes were decoded from (e.g. "UTF-8", "windows-1252").
    pub encoding: &'static str,
    /// Problems met while loading this file (invalid UTF-8, controls removed…), sanitised.
    pub warnings: Vec<String>,
    /// Number of words in title and body.
    pub words: usize,
    /// ISO 639-1 code ("fr", "en") when the text says clearly enough; never guessed.
    pub language: Option<&'static str>,
    /// What the text says beyond its structure: dates, names, keywords, links. Kept like
    /// `blocks`: only the open article's card needs them.
    #[serde(skip)]
    pub meta: Shelved<Meta>,
    /// Its card (dates, names, links, quotations) and keywords are still to be made: a
    /// reader's first run puts them off until the corpus is searchable (see [`cards`]).
    #[serde(skip)]
    pub card_pending: bool,
}

/// A date as written in the text, and what it was read as.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    pub date: PartialDate,
    /// The words it was read from, e.g. "22 mars 2016".
    pub text: String,
}

/// An article's card for the analyst. Lists are in order of first appearance, deduplicated;
/// empty when nothing was found (never guessed).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Meta {
    /// Every date the text states, the primary one (`Document.date`) included.
    pub dates: Vec<DateMention>,
    pub people: Vec<String>,
    pub organizations: Vec<String>,
    pub places: Vec<String>,
    /// Distinctive terms of this article within its corpus, most distinctive first.
    pub keywords: Vec<String>,
    pub links: Vec<String>,
    /// Social handles (`@europol`).
    pub handles: Vec<String>,
    /// Quoted passages (« … », “ … ”, "…").
    pub quotations: Vec<String>,
    /// Tags a Markdown front matter gives (`tags: [a, b]`), as written.
    pub tags: Vec<String>,
    /// The record's own address (`url` field of a JSON record or front matter).
    pub url: Option<String>,
    /// The record's own author (`author` field), as written.
    pub author: Option<String>,
}

impl Document {
    pub fn headings(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Heading(h) => Some(h.as_str()),
            Block::Paragraph(_) => None,
        })
    }

    /// Minutes at ~230 words a minute, at least one for a non-empty text.
    pub fn reading_minutes(&self) -> usize {
        if self.words == 0 {
            0
        } else {
            self.words.div_ceil(230)
        }
    }
}

/// Everything loaded, in path order, plus what went wrong on the way.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub docs: Vec<Document>,
    /// Per-file problems that kept a file out, and per-file warnings, sanitised.
    pub warnings: Vec<String>,
}
