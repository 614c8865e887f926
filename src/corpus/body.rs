//! An article's text blocks: held in memory, or kept on a shelf (the index cache) and read
//! from it the first time they are asked for, so that a second run over a large folder does
//! not make every text again before the first keystroke when a search needs only a screen of
//! them. Either way it reads as `&[Block]`.
//! Must not know how a shelf stores its bodies (the cache implements [`Shelf`]), nor ever
//! fail a reader: a body the shelf cannot give back reads as a notice saying so.

use super::Block;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

/// Where a body waits until it is read, and how it reads back.
pub trait Shelf: Send + Sync {
    /// The blocks kept at `place`; why not, for a body that did not come back as it was
    /// stored.
    fn fetch(&self, place: &Place) -> Result<Vec<Block>, String>;
}

/// Where a shelf keeps one body: its bytes' offset and length, and their checksum. Only the
/// shelf that gave it knows what they mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Place {
    pub at: u64,
    pub len: u64,
    pub check: u64,
}

/// The blocks of one article. Cloning shares them (a copy of a document for the list while a
/// load goes on does not copy its text).
#[derive(Clone)]
pub struct Body(Repr);

#[derive(Clone)]
enum Repr {
    Held(Arc<[Block]>),
    Shelved(Arc<Shelved>),
}

struct Shelved {
    shelf: Arc<dyn Shelf>,
    place: Place,
    blocks: OnceLock<Arc<[Block]>>,
}

impl Body {
    /// A body read from `shelf` at `place` when first asked for.
    pub fn shelved(shelf: Arc<dyn Shelf>, place: Place) -> Body {
        Body(Repr::Shelved(Arc::new(Shelved {
            shelf,
            place,
            blocks: OnceLock::new(),
        })))
    }

    /// Whether the blocks are in memory (held, or shelved and read already).
    pub fn is_read(&self) -> bool {
        match &self.0 {
            Repr::Held(_) => true,
            Repr::Shelved(s) => s.blocks.get().is_some(),
        }
    }
}

impl Deref for Body {
    type Target = [Block];

    fn deref(&self) -> &[Block] {
        match &self.0 {
            Repr::Held(blocks) => blocks,
            Repr::Shelved(s) => s.blocks.get_or_init(|| match s.shelf.fetch(&s.place) {
                Ok(blocks) => blocks.into(),
                Err(why) => Arc::new([Block::Paragraph(format!(
                    "[veille could not read this article's text back from its index cache \
                     ({why}); the next run reads the article from its file again.]"
                ))]),
            }),
        }
    }
}

impl Default for Body {
    fn default() -> Body {
        Body(Repr::Held(Arc::new([])))
    }
}

impl From<Vec<Block>> for Body {
    fn from(blocks: Vec<Block>) -> Body {
        Body(Repr::Held(blocks.into()))
    }
}

impl From<&[Block]> for Body {
    fn from(blocks: &[Block]) -> Body {
        Body(Repr::Held(blocks.into()))
    }
}

impl FromIterator<Block> for Body {
    fn from_iter<I: IntoIterator<Item = Block>>(blocks: I) -> Body {
        Body(Repr::Held(blocks.into_iter().collect()))
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Body) -> bool {
        **self == **other
    }
}

impl Eq for Body {}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A shelf holding one body, counting how often it is asked.
    struct OneBody {
        blocks: Option<Vec<Block>>,
        asked: AtomicUsize,
    }

    impl Shelf for OneBody {
        fn fetch(&self, place: &Place) -> Result<Vec<Block>, String> {
            self.asked.fetch_add(1, Ordering::Relaxed);
            assert_eq!(place.at, 42, "the place it was given");
            self.blocks
                .clone()
                .ok_or_else(|| "checksum mismatch".into())
        }
    }

    fn shelved(blocks: Option<Vec<Block>>) -> (Arc<OneBody>, Body) {
        let shelf = Arc::new(OneBody {
            blocks,
            asked: AtomicUsize::new(0),
        });
        let place = Place {
            at: 42,
            ..Place::default()
        };
        (Arc::clone(&shelf), Body::shelved(shelf, place))
    }

    #[test]
    fn a_shelved_body_is_read_once_when_first_asked_for_and_shared_by_its_copies() {
        let text = vec![Block::Paragraph("Un texte.".into())];
        let (shelf, body) = shelved(Some(text.clone()));
        let copy = body.clone();
        assert!(!body.is_read());
        assert_eq!(shelf.asked.load(Ordering::Relaxed), 0);
        assert_eq!(&*copy, text.as_slice());
        assert_eq!(&*body, text.as_slice());
        assert!(body.is_read());
        assert_eq!(shelf.asked.load(Ordering::Relaxed), 1);
        assert_eq!(body, Body::from(text));
    }

    #[test]
    fn a_body_the_shelf_cannot_give_back_reads_as_a_notice() {
        let (_, body) = shelved(None);
        let [Block::Paragraph(notice)] = &*body else {
            panic!("one paragraph: {body:?}");
        };
        assert!(notice.contains("index cache") && notice.contains("checksum mismatch"));
    }
}
