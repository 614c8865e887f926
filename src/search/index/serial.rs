//! What keeping an index outside the process needs: the flat form the cache stores
//! ([`flat`]), serde for the per-term position buffers as byte strings, and a shape check for
//! an index read back. Must not build an index nor interpret positions (positions.rs does).

use super::Index;

mod flat;

impl Index {
    /// `index`, or its absence, in the form [`Index::read_flat`] reads back: flat arrays
    /// that take a few copies to read instead of one decoding call per posting.
    pub fn write_flat(index: Option<&Index>, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        flat::encode(index, out)
    }

    /// What [`Index::write_flat`] wrote, as the `len` bytes `from` gives: `Some(None)` when
    /// it wrote no index, `None` when the bytes are not something it wrote. Check the
    /// result with [`Index::fits`].
    pub fn read_flat(from: &mut dyn std::io::Read, len: u64) -> Option<Option<Index>> {
        flat::decode(from, len)
    }

    /// Whether an index read back from elsewhere (the cache) has the shape `build` gives for
    /// `docs` documents: parallel lists of equal length, sorted unique terms, postings that
    /// name existing documents. Search code may rely on these without checking each time.
    pub fn fits(&self, docs: usize) -> bool {
        let terms = self.terms.len();
        self.lens.len() == docs
            && self.titles.len() == docs
            && self.body_start.len() == docs
            && self.postings.len() == terms
            && self.positions.len() == terms
            && self.terms.windows(2).all(|w| w[0] < w[1])
            && self
                .titles
                .iter()
                .flatten()
                .all(|w| (w.term as usize) < terms)
            && self
                .postings
                .iter()
                .all(|list| list.iter().all(|p| (p.doc as usize) < docs))
    }
}

/// `Vec<Vec<u8>>` as byte strings, so a binary format copies each buffer whole instead of
/// making one serde call per byte (the default for `Vec<u8>`).
pub mod byte_lists {

    use serde::de::{self, SeqAccess, Visitor};
    use serde::ser::SerializeSeq;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use std::fmt;

    struct Bytes<'a>(&'a [u8]);

    impl Serialize for Bytes<'_> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }

    pub fn serialize<S: Serializer>(lists: &[Vec<u8>], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(lists.len()))?;
        for list in lists {
            seq.serialize_element(&Bytes(list))?;
        }
        seq.end()
    }

    struct ByteBuf(Vec<u8>);

    impl<'de> Deserialize<'de> for ByteBuf {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_byte_buf(ByteBufVisitor)
        }
    }

    struct ByteBufVisitor;

    impl<'de> Visitor<'de> for ByteBufVisitor {
        type Value = ByteBuf;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("bytes")
        }

        fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<ByteBuf, E> {
            Ok(ByteBuf(v.to_vec()))
        }

        fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<ByteBuf, E> {
            Ok(ByteBuf(v))
        }

        /// Self-describing formats (JSON) give bytes as a sequence of numbers.
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ByteBuf, A::Error> {
            let mut out = Vec::new();
            while let Some(byte) = seq.next_element::<u8>()? {
                out.push(byte);
            }
            Ok(ByteBuf(out))
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vec<u8>>, D::Error> {
        let bufs = Vec::<ByteBuf>::deserialize(d)?;
        Ok(bufs.into_iter().map(|b| b.0).collect())
    }
}
