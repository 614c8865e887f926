//! A run's records for one bucket of terms, written forwards and read back from their end,
//! in chunks of about a megabyte that each end with a whole document. Must not know what
//! the records say: the run writes them, the layout reads them.
//!
//! One vector per stream had to be copied to grow (or reserved from a sample of the run),
//! and, read back, copied again to shrink, each copy into fresh pages the system zeroes:
//! a tenth of an index build at 100 000 articles. Chunks are never copied, and each one
//! read goes back whole.

/// Bytes a chunk holds before the next document starts a new one; a few hundred in the
/// unit tests, so that their small corpora's streams have many chunks.
const CHUNK: usize = if cfg!(test) { 256 } else { 1 << 20 };

#[derive(Debug, Default)]
pub(super) struct Stream {
    /// Every chunk but the last is full, and each ends where a document's records end.
    chunks: Vec<Vec<u8>>,
}

impl Stream {
    /// Where the current document's records go.
    pub fn tail(&mut self) -> &mut Vec<u8> {
        if self.chunks.is_empty() {
            self.chunks.push(Vec::new());
        }
        let last = self.chunks.len() - 1;
        &mut self.chunks[last]
    }

    /// The current document's records are all written: the next ones start a chunk of
    /// their own once this one is full.
    pub fn end_document(&mut self) {
        if self.chunks.last().is_some_and(|c| c.len() >= CHUNK) {
            self.chunks.push(Vec::with_capacity(CHUNK + CHUNK / 8));
        }
    }

    /// The last chunk, taken off: its records are the last documents'.
    pub fn pop_chunk(&mut self) -> Option<Vec<u8>> {
        self.chunks.pop()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_come_back_last_first_and_whole() {
        assert_eq!(CHUNK, 256);
        let mut stream = Stream::default();
        // Documents of 1 to 1000 bytes, each its number's low byte: several per chunk, and
        // some larger than one.
        let sizes: Vec<usize> = (1..200).map(|d| (d * 7919) % 1000 + 1).collect();
        for (d, &size) in sizes.iter().enumerate() {
            stream.tail().extend(std::iter::repeat_n(d as u8, size));
            stream.end_document();
        }
        let mut chunks = 0;
        let mut docs = Vec::new();
        while let Some(chunk) = stream.pop_chunk() {
            chunks += 1;
            let mut rest = chunk.as_slice();
            while let Some(&d) = rest.last() {
                let size = rest.iter().rev().take_while(|&&b| b == d).count();
                assert_eq!(
                    size,
                    sizes[usize::from(d)],
                    "document {d} whole in one chunk"
                );
                docs.push(usize::from(d));
                rest = &rest[..rest.len() - size];
            }
        }
        assert_eq!(docs, (0..sizes.len()).rev().collect::<Vec<_>>());
        let total: usize = sizes.iter().sum();
        assert!(chunks > 1 && chunks <= total / CHUNK + 1, "{chunks} chunks");
    }

    #[test]
    fn an_empty_stream_has_no_chunk() {
        let mut stream = Stream::default();
        stream.end_document();
        assert!(stream.pop_chunk().is_none());
    }
}
