//! Reading a serialised Document back (for the index cache). Its encoding and language are
//! `&'static str`: each name read is mapped back to the one static string the loader would
//! have used, and any other name is refused, so a stored document carries only names the
//! loader itself produces. Every text is read as bytes and checked by `simdutf8`: std's
//! check, one string at a time, was a sixth of a cached search over accented French.
//! Must not decide encodings or languages (decode.rs, lang.rs do).

use super::{Document, PartialDate};
use serde::de::{self, Error as _, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

/// Every code `lang::detect` returns; the test below feeds it a text of each language.
const LANGUAGES: &[&str] = &["fr", "en"];

/// Document's fields in the order `#[derive(Serialize)]` writes them, names owned.
#[derive(Deserialize)]
struct Wire {
    path: Text,
    title: Text,
    date: Option<PartialDate>,
    source: Option<Text>,
    encoding: Text,
    warnings: Vec<Text>,
    words: usize,
    language: Option<Text>,
}

/// A string read as bytes (which binary formats and JSON both give) and checked here.
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        // A byte buffer, not borrowed bytes: read from a file, postcard then reuses one
        // scratch area instead of keeping every text read.
        d.deserialize_byte_buf(TextVisitor)
    }
}

struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = Text;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Text, E> {
        simdutf8::basic::from_utf8(v)
            .map(|s| Text(s.to_owned()))
            .map_err(|_| E::custom("invalid UTF-8"))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
        Ok(Text(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
        Ok(Text(v))
    }
}

/// Owned strings out of their wrappers; the same layout, so no copy is made.
/// One string checked as [`Text`] is: for fields that are plain strings (a block's text).
pub(super) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Text::deserialize(d).map(|t| t.0)
}

fn texts(list: Vec<Text>) -> Vec<String> {
    list.into_iter().map(|t| t.0).collect()
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Document, D::Error> {
        let w = Wire::deserialize(d)?;
        Ok(Document {
            encoding: encoding(&w.encoding.0)
                .ok_or_else(|| D::Error::custom("unknown encoding"))?,
            language: match w.language {
                None => None,
                Some(code) => {
                    Some(language(&code.0).ok_or_else(|| D::Error::custom("unknown language"))?)
                }
            },
            path: w.path.0,
            title: w.title.0,
            date: w.date,
            source: w.source.map(|t| t.0),
            blocks: Default::default(),
            warnings: texts(w.warnings),
            words: w.words,
            meta: Default::default(),
            // A stored document's card is stored beside it.
            card_pending: false,
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
        // Body and details are kept apart by the cache (see `corpus::shelved`), never with
        // the card.
        let doc = Document {
            warnings: vec!["a warning".into()],
            blocks: Default::default(),
            meta: Default::default(),
            ..doc
        };
        let bytes = postcard::to_stdvec(&doc).unwrap_or_default();
        assert_eq!(postcard::from_bytes::<Document>(&bytes).ok(), Some(doc));
    }

    /// The card holds neither the text nor the details the cache keeps apart.
    #[test]
    fn the_body_and_the_details_are_left_out_of_the_card() {
        use crate::corpus::{Block, Meta};
        let doc = Document {
            path: "a/é.txt".into(),
            title: "Titre".into(),
            source: Some("AFP".into()),
            blocks: vec![
                Block::Heading("Tête".into()),
                Block::Paragraph("Corps".into()),
            ]
            .into(),
            encoding: "UTF-8",
            words: 7,
            meta: Meta {
                people: vec!["Rob Wainwright".into()],
                ..Meta::default()
            }
            .into(),
            ..Document::default()
        };
        let bytes = postcard::to_stdvec(&doc).unwrap_or_default();
        assert!(!bytes.windows(4).any(|w| w == b"Corp"), "{bytes:?}");
        assert!(!bytes.windows(4).any(|w| w == b"Wain"), "{bytes:?}");
        let card = Document {
            blocks: Default::default(),
            meta: Default::default(),
            ..doc
        };
        assert_eq!(postcard::from_bytes::<Document>(&bytes).ok(), Some(card));
    }

    #[test]
    fn a_text_that_is_not_utf8_is_refused() {
        let doc = Document {
            title: "TITLE".into(),
            ..Document::default()
        };
        let mut bytes = postcard::to_stdvec(&doc).unwrap_or_default();
        let at = bytes.windows(5).position(|w| w == b"TITLE");
        let Some(at) = at else {
            panic!("title not found in {bytes:?}");
        };
        bytes[at + 1] = 0xff;
        assert!(postcard::from_bytes::<Document>(&bytes).is_err());
    }

    #[test]
    fn blocks_come_back_and_a_block_not_utf8_is_refused() {
        use crate::corpus::Block;
        let blocks = vec![
            Block::Heading("Tête".into()),
            Block::Paragraph("Corps du texte, déjà lu".into()),
        ];
        let mut bytes = postcard::to_stdvec(&blocks).unwrap_or_default();
        assert_eq!(
            postcard::from_bytes::<Vec<Block>>(&bytes).ok(),
            Some(blocks)
        );
        let at = bytes.windows(5).position(|w| w == b"Corps");
        let Some(at) = at else {
            panic!("text not found in {bytes:?}");
        };
        bytes[at + 1] = 0xff;
        assert!(postcard::from_bytes::<Vec<Block>>(&bytes).is_err());
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
