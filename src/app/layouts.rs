//! The articles laid out for the reader, once per (article, width); a long article is shown
//! at once by its first screens while a thread lays out the whole of it. Must not draw,
//! nor decide which article is open.

use super::reading::{ReadLine, lay_out, lay_out_unless, preview};
use crate::corpus::Corpus;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};

/// Above this much text an article is first shown by a preview: wrapping a 1 MB article
/// whole took longer than a frame.
const LONG_BYTES: usize = 128 * 1024;

/// Text in a preview: several screens even on the widest reader.
const PREVIEW_BYTES: usize = 24 * 1024;

const CACHE_ENTRIES: usize = 32;

/// Wrapped articles by (document index, width). Small: a reader shows one article at a time,
/// and resizing through many widths must not grow memory without bound.
#[derive(Debug, Default)]
pub struct ReadingCache {
    lines: HashMap<(usize, u16), Arc<[ReadLine]>>,
    /// The long article being laid out whole, shown by its preview meanwhile.
    pending: Option<Pending>,
}

#[derive(Debug)]
struct Pending {
    key: (usize, u16),
    preview: Arc<[ReadLine]>,
    /// Taken when joined.
    whole: Option<JoinHandle<Option<Vec<ReadLine>>>>,
    /// Set when the article is left before its layout is done: nobody will read it.
    abandon: Arc<AtomicBool>,
}

impl Drop for Pending {
    fn drop(&mut self) {
        self.abandon.store(true, Ordering::Relaxed);
    }
}

impl ReadingCache {
    /// The lines of document `index` at `width`: all of them, or a preview of a long article
    /// until its whole layout is done (see [`ReadingCache::busy`]).
    pub fn ensure(&mut self, index: usize, corpus: &Corpus, width: u16) -> Arc<[ReadLine]> {
        let key = (index, width);
        if let Some(lines) = self.lines.get(&key) {
            return Arc::clone(lines);
        }
        if self.pending.as_ref().is_some_and(|p| p.key == key) {
            return match self.collect(corpus, false) {
                Some(lines) => lines,
                None => self
                    .pending
                    .as_ref()
                    .map_or_else(|| Arc::from(Vec::new()), |p| Arc::clone(&p.preview)),
            };
        }
        self.pending = None;
        let Some(doc) = corpus.docs.get(index) else {
            return Arc::from(Vec::new());
        };
        let text_bytes: usize = doc.blocks.iter().map(|b| b.text().len()).sum();
        if text_bytes > LONG_BYTES {
            if let Some(preview) = self.start(index, corpus, width) {
                return preview;
            }
        }
        self.keep(key, lay_out(doc, width).into())
    }

    /// Whether a long article's whole layout is still being made.
    pub fn busy(&self) -> bool {
        self.pending.is_some()
    }

    /// Wait for the long article being laid out (to go to its end, say).
    pub fn finish(&mut self, corpus: &Corpus) {
        self.collect(corpus, true);
    }

    /// Show a preview now and lay out the whole article on a thread; `None` when no thread
    /// could be started.
    fn start(&mut self, index: usize, corpus: &Corpus, width: u16) -> Option<Arc<[ReadLine]>> {
        let doc = corpus.docs.get(index)?;
        let preview: Arc<[ReadLine]> = preview(doc, width, PREVIEW_BYTES).into();
        let abandon = Arc::new(AtomicBool::new(false));
        // The article alone, not the corpus: its text is shared, and a corpus still
        // loading is extended in place only while nothing else holds it.
        let (doc, stop) = (doc.clone(), Arc::clone(&abandon));
        let whole = thread::Builder::new()
            .name("veille-layout".into())
            .spawn(move || lay_out_unless(&doc, width, &stop))
            .ok()?;
        self.pending = Some(Pending {
            key: (index, width),
            preview: Arc::clone(&preview),
            whole: Some(whole),
            abandon,
        });
        Some(preview)
    }

    /// The whole layout of the pending article once it is done (or, with `wait`, when it
    /// is), now cached; `None` while it is still being made.
    fn collect(&mut self, corpus: &Corpus, wait: bool) -> Option<Arc<[ReadLine]>> {
        let pending = self.pending.as_mut()?;
        if !wait && !pending.whole.as_ref().is_some_and(JoinHandle::is_finished) {
            return None;
        }
        let key = pending.key;
        let joined = pending.whole.take().and_then(|w| w.join().ok()).flatten();
        self.pending = None;
        // The thread cannot fail short of a bug; the layout is then made here.
        let lines = joined.or_else(|| corpus.docs.get(key.0).map(|d| lay_out(d, key.1)));
        Some(self.keep(key, lines.unwrap_or_default().into()))
    }

    fn keep(&mut self, key: (usize, u16), lines: Arc<[ReadLine]>) -> Arc<[ReadLine]> {
        if self.lines.len() >= CACHE_ENTRIES {
            self.lines.clear();
        }
        self.lines.insert(key, Arc::clone(&lines));
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Block, Document};

    fn corpus(paragraphs: usize) -> Arc<Corpus> {
        let paragraph = "Le parquet fédéral belge a coordonné l'opération ; Europol, Eurojust \
                         et les polices de neuf pays y ont pris part. "
            .repeat(8);
        let long = Document {
            title: "Long".into(),
            blocks: (0..paragraphs)
                .map(|_| Block::Paragraph(paragraph.clone()))
                .collect(),
            ..Document::default()
        };
        let short = Document {
            title: "Court".into(),
            blocks: vec![Block::Paragraph("Un paragraphe.".into())].into(),
            ..Document::default()
        };
        Arc::new(Corpus {
            docs: vec![short, long],
            ..Corpus::default()
        })
    }

    #[test]
    fn the_cache_wraps_once_per_width() {
        let c = corpus(1);
        let mut cache = ReadingCache::default();
        let a = cache.ensure(0, &c, 30);
        let b = cache.ensure(0, &c, 30);
        assert!(Arc::ptr_eq(&a, &b));
        let c = cache.ensure(0, &c, 31);
        assert!(!Arc::ptr_eq(&a, &c));
    }

    #[test]
    fn a_long_article_shows_its_start_then_all_of_it() {
        let c = corpus(1000);
        let whole = lay_out(&c.docs[1], 60);
        let mut cache = ReadingCache::default();
        let first = cache.ensure(1, &c, 60);
        assert!(cache.busy());
        assert!(first.len() < whole.len() && whole.starts_with(&first));
        cache.finish(&c);
        assert!(!cache.busy());
        assert_eq!(&cache.ensure(1, &c, 60)[..], &whole[..]);
    }

    #[test]
    fn leaving_a_long_article_drops_its_layout() {
        let c = corpus(1000);
        let mut cache = ReadingCache::default();
        cache.ensure(1, &c, 60);
        assert!(cache.busy());
        assert_eq!(cache.ensure(0, &c, 60).len(), lay_out(&c.docs[0], 60).len());
        assert!(!cache.busy());
        assert!(cache.ensure(7, &c, 60).is_empty(), "no such article");
    }
}
