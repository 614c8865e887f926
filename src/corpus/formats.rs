//! Corpora in other shapes than plain text: which format a file is (by extension, then by
//! content), which record fields mean what (`FieldMap`, `--field text=article`), and how a
//! record becomes a Document. Must not read files (source.rs) nor parse JSON or front
//! matter syntax itself (json.rs, frontmatter.rs).

use super::dateline::{dmy, iso};
use super::dates;
use super::decode::{sanitize, sanitize_text};
use super::meta;
use super::parse::parse;
use super::word_count::count_words;
use super::{Block, Document, PartialDate};
use std::path::Path;

/// The shapes a file may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    /// Markdown, maybe with `---` YAML or `+++` TOML front matter.
    Markdown,
    /// A JSON array of records (or one record).
    JsonArray,
    /// One JSON record a line.
    JsonLines,
}

/// By extension first; a `.txt` (or a file named without a known extension) whose first
/// non-space character opens JSON and whose start parses as JSON is JSON.
pub fn detect(path: &Path, text: &str) -> Format {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        // Named JSON: no full parse to decide, only `{` needs telling one record from lines.
        Some("json") => match first_byte(text) {
            Some(b'{') => json_kind(text).unwrap_or(Format::JsonLines),
            _ => Format::JsonArray,
        },
        Some("jsonl" | "ndjson") => Format::JsonLines,
        Some("md" | "markdown") => Format::Markdown,
        _ => json_kind(text).unwrap_or(Format::Text),
    }
}

fn first_byte(text: &str) -> Option<u8> {
    text.trim_start_matches('\u{FEFF}')
        .trim_start()
        .as_bytes()
        .first()
        .copied()
}

/// `[` → an array; `{` → one record a line, unless the whole text is one object.
pub fn json_kind(text: &str) -> Option<Format> {
    let body = text.trim_start_matches('\u{FEFF}').trim_start();
    match body.as_bytes().first()? {
        b'[' => serde_json::from_str::<serde_json::Value>(body)
            .is_ok_and(|v| v.is_array())
            .then_some(Format::JsonArray),
        b'{' => {
            if serde_json::from_str::<serde_json::Value>(body).is_ok_and(|v| v.is_object()) {
                return Some(Format::JsonArray);
            }
            let first = body.lines().next().unwrap_or("");
            serde_json::from_str::<serde_json::Value>(first)
                .is_ok_and(|v| v.is_object())
                .then_some(Format::JsonLines)
        }
        _ => None,
    }
}

/// The record fields veille reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Date,
    Source,
    Text,
    Url,
    Author,
    Tags,
}

impl Field {
    const ALL: [(Field, &'static str); 7] = [
        (Field::Title, "title"),
        (Field::Date, "date"),
        (Field::Source, "source"),
        (Field::Text, "text"),
        (Field::Url, "url"),
        (Field::Author, "author"),
        (Field::Tags, "tags"),
    ];

    pub fn name(self) -> &'static str {
        Field::ALL
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("", |(_, n)| n)
    }
}

/// Which record keys hold which field, tried in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMap {
    keys: Vec<(Field, Vec<String>)>,
}

impl Default for FieldMap {
    fn default() -> Self {
        let keys = |names: &[&str]| names.iter().map(|n| (*n).to_string()).collect();
        FieldMap {
            keys: vec![
                (Field::Title, keys(&["title", "headline"])),
                (
                    Field::Date,
                    keys(&["date", "published", "published_at", "pubDate"]),
                ),
                (Field::Source, keys(&["source", "outlet", "publisher"])),
                (Field::Text, keys(&["text", "body", "content"])),
                (Field::Url, keys(&["url", "link"])),
                (Field::Author, keys(&["author", "byline"])),
                (Field::Tags, keys(&["tags", "keywords"])),
            ],
        }
    }
}

impl FieldMap {
    /// `text=article`: the field and the record key that holds it.
    pub fn parse_override(s: &str) -> Result<(Field, String), String> {
        let (field, key) = s.split_once('=').ok_or_else(|| {
            format!(
                "expected FIELD=KEY, e.g. text=article, got {:?}",
                sanitize(s)
            )
        })?;
        let field = field.trim().to_ascii_lowercase();
        let key = key.trim();
        let found = Field::ALL
            .iter()
            .find(|(_, n)| *n == field)
            .map(|(f, _)| *f)
            .ok_or_else(|| {
                let names: Vec<&str> = Field::ALL.iter().map(|(_, n)| *n).collect();
                format!(
                    "unknown field {:?}; fields are {}",
                    sanitize(&field),
                    names.join(", ")
                )
            })?;
        if key.is_empty() {
            return Err(format!("no key given for field {field}"));
        }
        Ok((found, key.to_string()))
    }

    /// Read `field` from `key` only (an override replaces the usual names).
    pub fn set(&mut self, field: Field, key: &str) {
        if let Some((_, keys)) = self.keys.iter_mut().find(|(f, _)| *f == field) {
            *keys = vec![key.to_string()];
        }
    }

    /// The keys tried for `field`, in order.
    pub fn keys(&self, field: Field) -> &[String] {
        self.keys
            .iter()
            .find(|(f, _)| *f == field)
            .map_or(&[], |(_, k)| k.as_slice())
    }
}

/// A record's fields as strings, whatever syntax they came from; not yet sanitised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub title: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
    pub text: Option<String>,
    pub url: Option<String>,
    pub author: Option<String>,
    pub tags: Vec<String>,
}

/// A date as a record field writes it: ISO 8601 (`2019-11-25T10:33:00Z`, `2019-11`, `2019`),
/// `25/11/2019`, or any form `dates.rs` reads in text (`25 novembre 2019`, `Nov 25, 2019`).
pub fn date_value(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if let Some(d) = iso(s).or_else(|| dmy(s)) {
        return Some(d);
    }
    dates::find(s)
        .iter()
        .find_map(|f| f.resolve(None))
        .map(|m| m.date)
}

/// The Document for a record: its text parsed as any article, then its own title, date and
/// source in place of what the text suggests. Every string is sanitised here.
pub fn record_document(
    record: &Record,
    path: &str,
    fallback_title: &str,
    encoding: &'static str,
) -> Document {
    let text = sanitize_text(record.text.as_deref().unwrap_or(""));
    let title = record
        .title
        .as_deref()
        .map(sanitize)
        .filter(|t| !t.trim().is_empty());
    let mut doc = parse(&text, path, title.as_deref().unwrap_or(fallback_title));
    doc.encoding = encoding;
    if let Some(title) = title {
        // parse took the text's first line as its headline: with a title of its own, the
        // record keeps that line as a heading rather than lose it.
        let derived = doc.blocks.first().is_some_and(|b| {
            let t = doc.title.trim_end_matches('…');
            b.text().starts_with(t)
        });
        if !doc.blocks.is_empty() && !derived && doc.title != title {
            let heading = Block::Heading(doc.title.clone());
            doc.blocks = std::iter::once(heading)
                .chain(doc.blocks.iter().cloned())
                .collect();
        }
        doc.title = title;
        doc.words = doc
            .blocks
            .iter()
            .map(|b| count_words(b.text()))
            .sum::<usize>()
            + count_words(&doc.title);
    }
    if let Some(raw) = record.date.as_deref().filter(|d| !d.trim().is_empty()) {
        match date_value(raw) {
            Some(d) => doc.date = Some(d),
            None => doc
                .warnings
                .push(format!("date {:?} not understood", sanitize(raw))),
        }
    }
    if let Some(source) = record.source.as_deref().map(sanitize) {
        if !source.trim().is_empty() {
            doc.source = Some(source.trim().to_string());
        }
    }
    meta::enrich(&mut doc);
    doc.meta.url = record.url.as_deref().map(sanitize);
    doc.meta.author = record.author.as_deref().map(sanitize);
    doc.meta.tags = record.tags.iter().map(|t| sanitize(t)).collect();
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides() {
        let (f, k) = FieldMap::parse_override("text=article").unwrap();
        assert_eq!((f, k.as_str()), (Field::Text, "article"));
        assert!(FieldMap::parse_override("text").is_err());
        assert!(FieldMap::parse_override("colour=x").is_err());
        assert!(FieldMap::parse_override("text=").is_err());
        let mut m = FieldMap::default();
        m.set(f, &k);
        assert_eq!(m.keys(Field::Text), ["article"]);
        assert_eq!(m.keys(Field::Date)[..2], ["date", "published"]);
    }

    #[test]
    fn detection() {
        let p = |s: &str| Path::new(s).to_path_buf();
        assert_eq!(detect(&p("a.txt"), "[{\"a\":1}]"), Format::JsonArray);
        assert_eq!(
            detect(&p("a.txt"), "{\"a\":1}\n{\"a\":2}"),
            Format::JsonLines
        );
        assert_eq!(detect(&p("a.txt"), "[voir] la suite"), Format::Text);
        assert_eq!(detect(&p("a.JSONL"), "x"), Format::JsonLines);
        assert_eq!(detect(&p("a.md"), "[{}]"), Format::Markdown);
    }

    #[test]
    fn record_fields_win() {
        let r = Record {
            title: Some("Titre\u{1b}[31m".into()),
            date: Some("2019-11-25T10:33:00Z".into()),
            source: Some("Belga".into()),
            text: Some("Premier paragraphe, daté du 3 mars 2018.\n\nSuite.".into()),
            ..Record::default()
        };
        let d = record_document(&r, "f.json#1", "f", "UTF-8");
        assert_eq!(d.title, "Titre");
        assert_eq!(
            d.date.map(|x| x.to_string()).as_deref(),
            Some("2019-11-25 10:33")
        );
        assert_eq!(d.source.as_deref(), Some("Belga"));
        assert_eq!(d.blocks.len(), 2);
        assert_eq!(
            date_value("25 novembre 2019")
                .map(|x| x.to_string())
                .as_deref(),
            Some("2019-11-25")
        );
        assert_eq!(date_value("2019"), iso("2019"));
    }
}
