//! What an article keeps aside: its text blocks and its card's details (names, keywords,
//! dates…), held in memory, or kept on a shelf (the index cache) and read from it the first
//! time they are asked for, so that a second run over a large folder does not make every
//! article's texts and names again before the first keystroke, when a search needs a screen
//! of them and the sidebar one. Either way a [`Shelved<T>`] reads as `&T`.
//! Must not know how a shelf stores its values (the cache implements [`Shelf`]), nor ever
//! fail a reader: what the shelf cannot give back reads as [`Unreadable::unreadable`].

use super::{Block, Meta};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, LazyLock, OnceLock};

/// An article's text blocks.
pub type Body = Shelved<[Block]>;

/// Where values of type `T` wait until they are read, and how they read back.
pub trait Shelf<T: ?Sized>: Send + Sync {
    /// The value kept at `place`; why not, for one that did not come back as it was stored.
    fn fetch(&self, place: &Place) -> Result<Arc<T>, String>;
}

/// Where values made late can be put and read back from when asked for: a reader's first
/// run puts each card there once made (see [`super::cards`]), so that the cards of every
/// article are not all in memory at once beside the index.
pub trait Aside<T: ?Sized>: Send + Sync {
    /// `value` kept, to be read back when asked for; `None` when it could not be kept.
    fn put(&self, value: &T) -> Option<Shelved<T>>;
}

/// What stands for a value its shelf could not give back.
pub trait Unreadable {
    fn unreadable(why: &str) -> Arc<Self>;
}

impl Unreadable for [Block] {
    fn unreadable(why: &str) -> Arc<[Block]> {
        Arc::new([Block::Paragraph(format!(
            "[veille could not read this article's text back from its index cache ({why}); \
             the next run reads the article from its file again.]"
        ))])
    }
}

impl Unreadable for Meta {
    /// An empty card: its text, shelved beside it, says what happened.
    fn unreadable(_: &str) -> Arc<Meta> {
        Arc::default()
    }
}

/// Where a shelf keeps one value: its bytes' offset and length, and their checksum. Only
/// the shelf that gave it knows what they mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Place {
    pub at: u64,
    pub len: u64,
    pub check: u64,
}

/// A value held, or shelved and read once when first asked for. Cloning shares it (a copy of
/// a document for the list while a load goes on does not copy its text).
pub struct Shelved<T: ?Sized + 'static>(Repr<T>);

enum Repr<T: ?Sized + 'static> {
    Held(Arc<T>),
    Shelved(Arc<OnShelf<T>>),
}

struct OnShelf<T: ?Sized + 'static> {
    shelf: Arc<dyn Shelf<T>>,
    place: Place,
    value: OnceLock<Arc<T>>,
}

impl<T: ?Sized + Unreadable> OnShelf<T> {
    /// The value from the shelf, or what stands for it when it cannot be read.
    fn read(&self) -> Arc<T> {
        self.shelf
            .fetch(&self.place)
            .unwrap_or_else(|why| T::unreadable(&why))
    }
}

impl<T: ?Sized + Unreadable> Shelved<T> {
    /// A value read from `shelf` at `place` when first asked for.
    pub fn at(shelf: Arc<dyn Shelf<T>>, place: Place) -> Shelved<T> {
        Shelved(Repr::Shelved(Arc::new(OnShelf {
            shelf,
            place,
            value: OnceLock::new(),
        })))
    }

    /// Whether the value is in memory (held, or shelved and read already).
    pub fn is_read(&self) -> bool {
        match &self.0 {
            Repr::Held(_) => true,
            Repr::Shelved(s) => s.value.get().is_some(),
        }
    }

    /// The value, without keeping it in memory when it is shelved and not read yet: for a
    /// pass over every article (building the index, writing the cache), which through
    /// `Deref` would bring every text back into memory at once.
    pub fn passing(&self) -> Arc<T> {
        match &self.0 {
            Repr::Held(value) => Arc::clone(value),
            Repr::Shelved(s) => match s.value.get() {
                Some(value) => Arc::clone(value),
                None => s.read(),
            },
        }
    }

    fn shared(&self) -> &Arc<T> {
        match &self.0 {
            Repr::Held(value) => value,
            Repr::Shelved(s) => s.value.get_or_init(|| s.read()),
        }
    }
}

impl<T: ?Sized + Unreadable> Deref for Shelved<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.shared()
    }
}

/// Changing a value reads it first if it is shelved, and holds its own copy from then on.
impl<T: Clone + Unreadable> DerefMut for Shelved<T> {
    fn deref_mut(&mut self) -> &mut T {
        if let Repr::Shelved(_) = self.0 {
            self.0 = Repr::Held(Arc::clone(self.shared()));
        }
        let Repr::Held(value) = &mut self.0 else {
            unreachable!("a shelved value is held once read for changing")
        };
        Arc::make_mut(value)
    }
}

impl<T: ?Sized> Clone for Shelved<T> {
    fn clone(&self) -> Shelved<T> {
        Shelved(match &self.0 {
            Repr::Held(value) => Repr::Held(Arc::clone(value)),
            Repr::Shelved(s) => Repr::Shelved(Arc::clone(s)),
        })
    }
}

impl<T: ?Sized + Unreadable + PartialEq> PartialEq for Shelved<T> {
    fn eq(&self, other: &Shelved<T>) -> bool {
        **self == **other
    }
}

impl<T: ?Sized + Unreadable + Eq> Eq for Shelved<T> {}

impl<T: ?Sized + Unreadable + fmt::Debug> fmt::Debug for Shelved<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

/// Empty ones are shared: every card read from the cache starts with one until its own are
/// shelved, and making one each was a twentieth of loading 100 000 cards.
impl Default for Shelved<[Block]> {
    fn default() -> Body {
        static EMPTY: LazyLock<Arc<[Block]>> = LazyLock::new(|| Arc::new([]));
        Shelved(Repr::Held(Arc::clone(&EMPTY)))
    }
}

impl Default for Shelved<Meta> {
    fn default() -> Shelved<Meta> {
        static EMPTY: LazyLock<Arc<Meta>> = LazyLock::new(Arc::default);
        Shelved(Repr::Held(Arc::clone(&EMPTY)))
    }
}

impl From<Meta> for Shelved<Meta> {
    fn from(meta: Meta) -> Shelved<Meta> {
        Shelved(Repr::Held(Arc::new(meta)))
    }
}

impl From<Vec<Block>> for Body {
    fn from(blocks: Vec<Block>) -> Body {
        Shelved(Repr::Held(blocks.into()))
    }
}

impl From<&[Block]> for Body {
    fn from(blocks: &[Block]) -> Body {
        Shelved(Repr::Held(blocks.into()))
    }
}

impl FromIterator<Block> for Body {
    fn from_iter<I: IntoIterator<Item = Block>>(blocks: I) -> Body {
        Shelved(Repr::Held(blocks.into_iter().collect()))
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

    impl Shelf<[Block]> for OneBody {
        fn fetch(&self, place: &Place) -> Result<Arc<[Block]>, String> {
            self.asked.fetch_add(1, Ordering::Relaxed);
            assert_eq!(place.at, 42, "the place it was given");
            self.blocks
                .clone()
                .map(Arc::from)
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
        (Arc::clone(&shelf), Body::at(shelf, place))
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
        assert_eq!(body, Body::from(text.clone()));
    }

    #[test]
    fn a_shelved_body_read_in_passing_is_not_kept() {
        let text = vec![Block::Paragraph("Un texte.".into())];
        let (shelf, body) = shelved(Some(text.clone()));
        assert_eq!(&*body.passing(), text.as_slice());
        assert_eq!(&*body.passing(), text.as_slice());
        assert!(!body.is_read());
        assert_eq!(shelf.asked.load(Ordering::Relaxed), 2);
        // Once kept, a pass takes the kept one.
        assert_eq!(&*body, text.as_slice());
        assert_eq!(&*body.passing(), text.as_slice());
        assert_eq!(shelf.asked.load(Ordering::Relaxed), 3);
    }

    #[test]
    fn a_body_the_shelf_cannot_give_back_reads_as_a_notice() {
        let (_, body) = shelved(None);
        let [Block::Paragraph(notice)] = &*body else {
            panic!("one paragraph: {body:?}");
        };
        assert!(notice.contains("index cache") && notice.contains("checksum mismatch"));
    }

    /// A card's details, shelved, changed in place (keywords made again for a new corpus).
    struct OneMeta;

    impl Shelf<Meta> for OneMeta {
        fn fetch(&self, _: &Place) -> Result<Arc<Meta>, String> {
            Ok(Arc::new(Meta {
                people: vec!["Rob Wainwright".into()],
                ..Meta::default()
            }))
        }
    }

    #[test]
    fn a_shelved_value_changed_is_read_first_and_its_copies_keep_what_they_had() {
        let mut meta = Shelved::<Meta>::at(Arc::new(OneMeta), Place::default());
        let copy = meta.clone();
        meta.keywords = vec!["propagande".into()];
        assert_eq!(meta.people, ["Rob Wainwright"]);
        assert_eq!(meta.keywords, ["propagande"]);
        assert!(copy.keywords.is_empty() && copy.people == ["Rob Wainwright"]);
    }
}
