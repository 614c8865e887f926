//! Reading a serialised Document back (for the index cache). Its encoding and language are
//! `&'static str`: each name read is mapped back to the one static string the loader would
//! have used, and any other name is refused, so a stored document carries only names the
//! loader itself produces. Must not decide encodings or languages (decode.rs, lang.rs do).

use super::{Block, Document, Meta, PartialDate};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

/// Every code `lang::detect` returns; the test below feeds it a text of each language.
const LANGUAGES: &[&str] = &["fr", "en"];

/// Document's fields in the order `#[derive(Serialize)]` writes them, names owned.
#[derive(Deserialize)]
struct Wire {
    path: String,
    title: String,
    date: Option<PartialDate>,
    source: Option<String>,
    blocks: Vec<Block>,
    encoding: String,
    warnings: Vec<String>,
    words: usize,
    language: Option<String>,
    meta: Meta,
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Document, D::Error> {
        let w = Wire::deserialize(d)?;
        Ok(Document {
            encoding: encoding(&w.encoding).ok_or_else(|| D::Error::custom("unknown encoding"))?,
            language: match w.language {
                None => None,
                Some(code) => {
                    Some(language(&code).ok_or_else(|| D::Error::custom("unknown language"))?)
                }
            },
            path: w.path,
            title: w.title,
            date: w.date,
            source: w.source,
            blocks: w.blocks,
            warnings: w.warnings,
            words: w.words,
            meta: w.meta,
        })
    }
}

/// An encoding_rs name (what decode.rs records), or "" (a document built in code).
fn encoding(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("");
    }
    encoding_rs::Encoding::for_label(name.as_bytes())
        .map(|e| e.name())
        .filter(|known| *known == name)
}

fn language(code: &str) -> Option<&'static str> {
    LANGUAGES.iter().find(|known| **known == code).copied()
}

#[cfg(test)]
mod tests {
    use crate::corpus::{Document, lang};

    fn round_trip(doc: &Document) -> Result<Document, serde_json::Error> {
        serde_json::from_str(&serde_json::to_string(doc)?)
    }

    /// The cache's format is not self-describing: `Wire` must list Document's fields in
    /// Document's order, which a full document read back through postcard checks.
    #[test]
    fn every_field_comes_back_in_a_binary_format() {
        let mut corpus = crate::corpus::source::embedded();
        let Some(doc) = corpus.docs.pop() else {
            panic!("no seed");
        };
        let doc = Document {
            warnings: vec!["a warning".into()],
            ..doc
        };
        let bytes = postcard::to_stdvec(&doc).unwrap_or_default();
        assert_eq!(postcard::from_bytes::<Document>(&bytes).ok(), Some(doc));
    }

    #[test]
    fn loader_names_come_back_as_the_same_names() {
        let french = "Le ministre de la justice et les juges sont dans la salle pour une audience.";
        let english = "The minister of justice and the judges were in the room for the hearing.";
        for (text, encoding) in [(french, "windows-1252"), (english, "UTF-16LE")] {
            let doc = Document {
                encoding,
                language: lang::detect(text),
                ..Document::default()
            };
            assert!(doc.language.is_some());
            assert_eq!(round_trip(&doc).ok(), Some(doc));
        }
        assert_eq!(
            round_trip(&Document::default()).ok(),
            Some(Document::default())
        );
    }

    #[test]
    fn unknown_names_are_refused() {
        let doc = serde_json::to_string(&Document::default()).unwrap_or_default();
        let bad_encoding = doc.replace("\"encoding\":\"\"", "\"encoding\":\"latin1\"");
        assert_ne!(bad_encoding, doc);
        assert!(serde_json::from_str::<Document>(&bad_encoding).is_err());
        let bad_language = doc.replace("\"language\":null", "\"language\":\"xx\"");
        assert_ne!(bad_language, doc);
        assert!(serde_json::from_str::<Document>(&bad_language).is_err());
    }
}
