//! The cache file's frame: a header (magic, format version, length and checksum of each of
//! its two sections) and the sections themselves, postcard-encoded. Reading checks all of it
//! before decoding a byte, so a truncated or damaged file is refused, never half-used.
//! Must not know what the sections hold (store.rs) nor where files live (mod.rs).

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

const MAGIC: [u8; 8] = *b"veille\0c";

/// Bump whenever a type written to the cache changes shape (Document, Meta, Index…): a
/// file of another format is stale, and rebuilt without a warning.
pub const FORMAT: u32 = 3;

/// Magic, format, then (length, xxh3) for each section, little-endian.
pub const HEADER_LEN: usize = 8 + 4 + 2 * 16;

/// Why a cache file was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    /// Written by another format or another corpus: expected after an upgrade, not worth a
    /// warning.
    Stale,
    /// Not what veille writes (truncated, damaged, foreign): worth telling the user.
    Corrupt(String),
}

fn corrupt(why: impl Into<String>) -> Refused {
    Refused::Corrupt(why.into())
}

/// A file's two sections, checked against the header's lengths (but not yet checksums:
/// a section is checked when it is decoded, so a command that does not need the index does
/// not pay for it).
pub struct Frame {
    bytes: Vec<u8>,
    sums: [u64; 2],
    split: usize,
}

/// What a section holds: anything that can write itself out.
pub trait Section {
    fn encode(&self, out: &mut dyn Write) -> Result<(), String>;
}

/// A section postcard writes (and [`Frame::section`] reads back).
pub struct Postcard<'a, T>(pub &'a T);

impl<T: Serialize> Section for Postcard<'_, T> {
    fn encode(&self, out: &mut dyn Write) -> Result<(), String> {
        postcard::to_io(self.0, out)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// Write the frame of `first` and `second` to `out`: a blank header, each section streamed
/// through a hasher (so the encoded entry, as large as the corpus, is never held in memory
/// whole), then the real header over the blank one.
pub fn write(
    out: &mut (impl Write + Seek),
    first: &dyn Section,
    second: &dyn Section,
) -> Result<(), String> {
    let io = |e: std::io::Error| e.to_string();
    out.write_all(&[0; HEADER_LEN]).map_err(io)?;
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(&MAGIC);
    header.extend_from_slice(&FORMAT.to_le_bytes());
    for section in [first, second] {
        let mut hashing = BufWriter::with_capacity(1 << 20, Hashing::new(&mut *out));
        section.encode(&mut hashing)?;
        let hashing = hashing.into_inner().map_err(|e| io(e.into_error()))?;
        header.extend_from_slice(&hashing.len.to_le_bytes());
        header.extend_from_slice(&hashing.hasher.digest().to_le_bytes());
    }
    out.seek(SeekFrom::Start(0)).map_err(io)?;
    out.write_all(&header).map_err(io)?;
    out.flush().map_err(io)
}

/// A writer that counts and hashes what goes through it.
struct Hashing<W> {
    inner: W,
    hasher: Xxh3,
    len: u64,
}

impl<W: Write> Hashing<W> {
    fn new(inner: W) -> Self {
        Hashing {
            inner,
            hasher: Xxh3::new(),
            len: 0,
        }
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        let written = buf.get(..n).unwrap_or_default();
        self.hasher.update(written);
        self.len += written.len() as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Read a cache file of `file_len` bytes. The header is read and checked first, so a large
/// foreign file is refused before its size is allocated.
pub fn read(mut file: impl Read, file_len: u64) -> Result<Frame, Refused> {
    let mut header = [0u8; HEADER_LEN];
    file.read_exact(&mut header)
        .map_err(|_| corrupt("shorter than its header"))?;
    if header[..8] != MAGIC {
        return Err(corrupt("not a veille cache file"));
    }
    if u32_at(&header, 8) != FORMAT {
        return Err(Refused::Stale);
    }
    let (len_a, sum_a) = (u64_at(&header, 12), u64_at(&header, 20));
    let (len_b, sum_b) = (u64_at(&header, 28), u64_at(&header, 36));
    let body = len_a
        .checked_add(len_b)
        .filter(|&body| body.checked_add(HEADER_LEN as u64) == Some(file_len))
        .ok_or_else(|| corrupt("truncated, or lengths that do not add up"))?;
    let body = usize::try_from(body).map_err(|_| corrupt("too large for this machine"))?;
    let split = usize::try_from(len_a).map_err(|_| corrupt("too large for this machine"))?;
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(body)
        .map_err(|_| corrupt("too large to read"))?;
    file.take(body as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| corrupt(format!("read failed: {e}")))?;
    if bytes.len() != body {
        return Err(corrupt("truncated"));
    }
    Ok(Frame {
        bytes,
        sums: [sum_a, sum_b],
        split,
    })
}

impl Frame {
    /// Section 0 or 1, checksum verified.
    pub fn bytes(&self, which: usize) -> Result<&[u8], Refused> {
        let (from, to) = if which == 0 {
            (0, self.split)
        } else {
            (self.split, self.bytes.len())
        };
        let bytes = self.bytes.get(from..to).unwrap_or_default();
        if xxh3_64(bytes) != self.sums.get(which).copied().unwrap_or_default() {
            return Err(corrupt("checksum mismatch"));
        }
        Ok(bytes)
    }

    /// Section 0 or 1, checksum verified, decoded by postcard. Decoding reads from a bounded
    /// slice: every length is checked against the bytes left, and serde preallocates at most
    /// 1 MiB per sequence, so garbage that got past the checksum still cannot make us
    /// allocate much more than the file's size, nor panic.
    pub fn section<T: DeserializeOwned>(&self, which: usize) -> Result<T, Refused> {
        match postcard::take_from_bytes::<T>(self.bytes(which)?) {
            Ok((value, [])) => Ok(value),
            Ok(_) => Err(corrupt("trailing bytes")),
            Err(e) => Err(corrupt(format!("undecodable: {e}"))),
        }
    }
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0u8; 4];
    if let Some(src) = bytes.get(at..at + 4) {
        word.copy_from_slice(src);
    }
    u32::from_le_bytes(word)
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    if let Some(src) = bytes.get(at..at + 8) {
        word.copy_from_slice(src);
    }
    u64::from_le_bytes(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Pair = (Vec<String>, Option<Vec<u32>>);

    fn sample() -> Vec<u8> {
        let first = vec!["une".to_string(), "deux".to_string()];
        let second = Some(vec![1u32, 2, 300]);
        let mut out = std::io::Cursor::new(Vec::new());
        write(&mut out, &Postcard(&first), &Postcard(&second))
            .unwrap_or_else(|e| panic!("encode: {e}"));
        out.into_inner()
    }

    fn decode(bytes: &[u8]) -> Result<Pair, Refused> {
        let frame = read(bytes, bytes.len() as u64)?;
        Ok((frame.section(0)?, frame.section(1)?))
    }

    #[test]
    fn round_trip() {
        let pair = decode(&sample());
        assert_eq!(
            pair,
            Ok((vec!["une".into(), "deux".into()], Some(vec![1, 2, 300])))
        );
    }

    #[test]
    fn every_truncation_and_every_flipped_byte_is_refused() {
        let good = sample();
        for len in 0..good.len() {
            assert!(decode(&good[..len]).is_err(), "truncated to {len}");
        }
        for at in 0..good.len() {
            let mut bad = good.clone();
            bad[at] ^= 0x20;
            assert!(decode(&bad).is_err(), "byte {at} flipped");
        }
    }

    #[test]
    fn another_format_is_stale_and_garbage_is_corrupt() {
        let mut old = sample();
        old[8] = old[8].wrapping_add(1);
        assert_eq!(decode(&old).err(), Some(Refused::Stale));
        let garbage: Vec<u8> = (0..500u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert!(matches!(decode(&garbage), Err(Refused::Corrupt(_))));
    }
}
