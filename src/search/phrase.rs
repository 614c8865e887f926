//! Checks that words follow each other in a document's text, and where in its title, from the
//! text itself: for highlights and snippets of a few documents (searching uses the index's
//! positions, in `positional`).
//! Must not rank documents or read the index.

use std::ops::Range;

use super::tokens::{Token, Tokenizer, tokenize};
use crate::corpus::Document;

/// A phrase to look for: folded words, the last one maybe still being typed.
#[derive(Debug, Clone, Copy)]
pub struct Phrase<'a> {
    pub words: &'a [String],
    pub last_is_prefix: bool,
}

impl Phrase<'_> {
    /// True when the title, the source or one block holds the phrase; a phrase does not run
    /// from one block into the next.
    pub fn in_document(&self, doc: &Document) -> bool {
        std::iter::once(doc.title.as_str())
            .chain(doc.source.as_deref())
            .chain(doc.blocks.iter().map(|b| b.text()))
            .any(|field| !self.find(&words_of(field)).is_empty())
    }

    /// Original char indices of every occurrence of the phrase in `text`.
    pub fn chars_in(&self, text: &str) -> Vec<usize> {
        let words = unjoined_words(text);
        let mut out = Vec::new();
        self.chars_in_words(&words, &mut out);
        out
    }

    /// [`Phrase::chars_in`] over words already read, appended to `out`.
    pub fn chars_in_words(&self, words: &Words, out: &mut Vec<usize>) {
        let k = self.words.len();
        let last = k.saturating_sub(1);
        for start in self.starts(words) {
            for j in 0..k {
                let origin = words.origin(start + j);
                let n = if j == last && self.last_is_prefix {
                    self.words[j].chars().count()
                } else {
                    origin.len()
                };
                out.extend(origin.iter().take(n).copied());
            }
        }
    }

    /// Every index of `words` where the phrase starts (none for an empty phrase).
    fn starts<'a>(&'a self, words: &'a Words) -> impl Iterator<Item = usize> + 'a {
        let k = self.words.len();
        let ends = if k == 0 {
            0
        } else {
            (words.len() + 1).saturating_sub(k)
        };
        (0..ends).filter(move |&start| self.holds_at(words, start))
    }

    /// True when the phrase's words are `words` from `start` on.
    fn holds_at(&self, words: &Words, start: usize) -> bool {
        let last = self.words.len().saturating_sub(1);
        self.words.iter().enumerate().all(|(j, w)| {
            let t = words.text(start + j);
            if j == last && self.last_is_prefix {
                t.starts_with(w.as_str())
            } else {
                t == w
            }
        })
    }

    /// Original char span of every occurrence of the phrase in `text`, first word's first
    /// char to the last highlighted char, so a phrase is one highlight however it is spelt.
    pub fn spans_in(&self, text: &str) -> Vec<Range<usize>> {
        let words = unjoined_words(text);
        let mut out = Vec::new();
        self.spans_in_words(&words, &mut out);
        out
    }

    /// [`Phrase::spans_in`] over words already read (by a scan looking for other query
    /// parts too), appended to `out`: a `Token` per word of every block of every snippet
    /// was most of the time of a phrase query.
    pub fn spans_in_words(&self, words: &Words, out: &mut Vec<Range<usize>>) {
        let last = self.words.len().saturating_sub(1);
        for start in self.starts(words) {
            let span = (|| {
                let first = words.origin(start).first().copied()?;
                let end_origin = words.origin(start + last);
                let n = if self.last_is_prefix {
                    self.words[last].chars().count().min(end_origin.len())
                } else {
                    end_origin.len()
                };
                let end = end_origin.get(n.checked_sub(1)?).copied()? + 1;
                Some(first..end)
            })();
            out.extend(span);
        }
    }

    /// True when the title or the source holds the phrase.
    pub fn in_title(&self, doc: &Document) -> bool {
        std::iter::once(doc.title.as_str())
            .chain(doc.source.as_deref())
            .any(|field| !self.find(&words_of(field)).is_empty())
    }

    /// Start indices in `tokens` where the phrase occurs.
    fn find(&self, tokens: &[Token]) -> Vec<usize> {
        let k = self.words.len();
        if k == 0 || tokens.len() < k {
            return Vec::new();
        }
        (0..=tokens.len() - k)
            .filter(|&s| {
                self.words.iter().enumerate().all(|(j, w)| {
                    let t = &tokens[s + j].text;
                    if j == k - 1 && self.last_is_prefix {
                        t.starts_with(w.as_str())
                    } else {
                        t == w
                    }
                })
            })
            .collect()
    }
}

/// The words of one text as a reader sees them (no glued compounds), folded, with their
/// original char indices, in buffers reused from one text to the next.
#[derive(Debug, Default)]
pub struct Words {
    text: String,
    /// Per word: its bytes in `text`, its chars' indices in `origin`.
    words: Vec<(Range<usize>, Range<usize>)>,
    origin: Vec<usize>,
}

impl Words {
    pub fn clear(&mut self) {
        self.text.clear();
        self.words.clear();
        self.origin.clear();
    }

    pub fn push(&mut self, word: &str, origin: &[usize]) {
        let (t, o) = (self.text.len(), self.origin.len());
        self.text.push_str(word);
        self.origin.extend_from_slice(origin);
        self.words.push((t..self.text.len(), o..self.origin.len()));
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    fn text(&self, i: usize) -> &str {
        self.words
            .get(i)
            .and_then(|(t, _)| self.text.get(t.clone()))
            .unwrap_or("")
    }

    fn origin(&self, i: usize) -> &[usize] {
        self.words
            .get(i)
            .and_then(|(_, o)| self.origin.get(o.clone()))
            .unwrap_or(&[])
    }
}

/// Words as a reader sees them in order: glued compounds would break adjacency.
fn words_of(text: &str) -> Vec<Token> {
    tokenize(text).into_iter().filter(|t| !t.joined).collect()
}

/// The words of `text` as the phrase scans read them: not the parts of glued compounds.
fn unjoined_words(text: &str) -> Words {
    let mut words = Words::default();
    Tokenizer::default().each(text, |w, origin, joined| {
        if !joined {
            words.push(w, origin);
        }
    });
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Block;

    fn words(ws: &[&str]) -> Vec<String> {
        ws.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn finds_adjacent_words_across_folding_and_elision() {
        let ws = words(&["ministre", "de", "interieur"]);
        let p = Phrase {
            words: &ws,
            last_is_prefix: false,
        };
        let doc = Document {
            title: "Question".into(),
            blocks: vec![
                Block::Paragraph("le ministre".into()),
                Block::Paragraph("M. le Ministre de l’Intérieur".into()),
            ]
            .into(),
            ..Document::default()
        };
        assert!(p.in_document(&doc));
        let ws = words(&["ministre", "interieur"]);
        assert!(
            !Phrase {
                words: &ws,
                last_is_prefix: false
            }
            .in_document(&doc)
        );
    }

    #[test]
    fn phrases_do_not_span_blocks() {
        let ws = words(&["ministre", "question"]);
        let doc = Document {
            title: "Le ministre".into(),
            blocks: vec![Block::Paragraph("question".into())].into(),
            ..Document::default()
        };
        assert!(
            !Phrase {
                words: &ws,
                last_is_prefix: false
            }
            .in_document(&doc)
        );
    }

    #[test]
    fn title_chars_of_each_occurrence() {
        let ws = words(&["etat", "isl"]);
        let p = Phrase {
            words: &ws,
            last_is_prefix: true,
        };
        assert_eq!(p.chars_in("L'État islamique"), [2, 3, 4, 5, 7, 8, 9]);
        assert_eq!(p.spans_in("L'État islamique, l'Etat isl."), [2..10, 20..28]);
        let exact = Phrase {
            words: &ws,
            last_is_prefix: false,
        };
        assert!(exact.chars_in("L'État islamique").is_empty());
        assert_eq!(
            Phrase {
                words: &words(&["pays", "bas"]),
                last_is_prefix: false
            }
            .chars_in("Pays-Bas"),
            [0, 1, 2, 3, 5, 6, 7]
        );
    }
}
