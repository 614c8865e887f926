//! The corpus' vocabulary for keywords: every term key stored once, with the number of
//! documents it occurs in. Must not decide what a term is (keywords.rs does).

use super::{DocTerms, Suffix, hash_of};
use hashbrown::HashTable;

/// Strings seen across the corpus, each stored once, end to end in one string; documents
/// refer to them by id, so the per-document term lists of a 100k corpus stay a few bytes
/// per term.
#[derive(Default)]
pub(super) struct Interner {
    /// (id, byte length, offset in `text`): a probe reads the slot and the text, no third
    /// array (interning is cache misses more than anything).
    table: HashTable<(u32, u32, usize)>,
    text: String,
    /// Per id: where its string sits in `text`.
    spans: Vec<(usize, usize)>,
}

impl Interner {
    pub(super) fn get(&self, id: u32) -> &str {
        self.spans
            .get(id as usize)
            .and_then(|&(at, len)| self.text.get(at..at + len))
            .unwrap_or("")
    }

    /// The id of `s` (whose hash is `hash`), when it was interned.
    fn find(&self, s: &str, hash: u64) -> Option<u32> {
        let text = &self.text;
        let same = |&(_, len, at): &(u32, u32, usize)| {
            len as usize == s.len() && text.get(at..at + s.len()) == Some(s)
        };
        self.table.find(hash, same).map(|&(id, _, _)| id)
    }

    fn id(&mut self, s: &str, hash: u64) -> u32 {
        if let Some(id) = self.find(s, hash) {
            return id;
        }
        let id = u32::try_from(self.spans.len()).unwrap_or(u32::MAX);
        let at = self.text.len();
        let len = u32::try_from(s.len()).unwrap_or(u32::MAX);
        self.spans.push((at, s.len()));
        self.text.push_str(s);
        let text = &self.text;
        self.table
            .insert_unique(hash, (id, len, at), |&(_, len, at)| {
                hash_of(text.get(at..at + len as usize).unwrap_or(""))
            });
        id
    }
}

/// Per document: (key id, count, shown form) per term.
pub(super) type Ids = Vec<(u32, u32, Suffix)>;

/// Term keys and their document frequencies, fed one document at a time.
#[derive(Default)]
pub(super) struct Vocab {
    pub(super) strings: Interner,
    /// Per key id: how many documents hold it.
    pub(super) df: Vec<usize>,
}

impl Vocab {
    /// Intern one document's terms; its ids, in the order of its terms.
    pub(super) fn add(&mut self, doc_terms: &DocTerms) -> Ids {
        let each = |t: &super::Term| {
            let key = self.counted(doc_terms.key(t), t.hash);
            (key, u32::try_from(t.count).unwrap_or(u32::MAX), t.shown)
        };
        doc_terms.terms.iter().map(each).collect()
    }

    /// Count one document's terms in, keeping no list of them (see [`Vocab::ids`]).
    pub(super) fn count(&mut self, doc_terms: &DocTerms) {
        for t in &doc_terms.terms {
            self.counted(doc_terms.key(t), t.hash);
        }
    }

    /// The ids of a document's terms counted in already, as [`Vocab::add`] gave them; a term
    /// never counted is left out.
    pub(super) fn ids(&self, doc_terms: &DocTerms) -> Ids {
        let each = |t: &super::Term| {
            let key = self.strings.find(doc_terms.key(t), t.hash)?;
            Some((key, u32::try_from(t.count).unwrap_or(u32::MAX), t.shown))
        };
        doc_terms.terms.iter().filter_map(each).collect()
    }

    /// The id of `key` (whose hash is `hash`), one more document counted as holding it.
    fn counted(&mut self, key: &str, hash: u64) -> u32 {
        let id = self.strings.id(key, hash);
        let k = id as usize;
        if self.df.len() <= k {
            self.df.resize(k + 1, 0);
        }
        if let Some(df) = self.df.get_mut(k) {
            *df += 1;
        }
        id
    }
}
