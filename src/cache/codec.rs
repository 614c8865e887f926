//! The cache file's frame: a header (magic, format version, number of sections, then the
//! length and checksum of each) and the sections themselves. Reading checks the header and
//! lengths first, and each section's checksum before its value is handed out, so a
//! truncated or damaged file is refused, never half-used. Sections are read from the file at
//! their offsets, each on its own, so that several threads can read several at once; a
//! section may also be only checked (what it holds is then read later, piece by piece, by
//! whoever knows its layout) or checked and read in place from a map of the file. Section 0
//! starts at a multiple of 8 bytes (the header is 16 bytes and 16 per section), so what it
//! holds can be laid out for reading in place.
//! Must not know what the sections hold (store.rs) nor where files live (mod.rs).

use super::positioned;
use memmap2::Mmap;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use xxhash_rust::xxh3::Xxh3;

const MAGIC: [u8; 8] = *b"veille\0c";

/// Bump whenever a type written to the cache changes shape (Document, Meta, Index…) or the
/// frame does: a file of another format is stale, and rebuilt without a warning.
pub const FORMAT: u32 = 11;

/// Magic, format and number of sections, little-endian; then (length, xxh3) per section.
const FIXED_LEN: usize = 8 + 4 + 4;
const PER_SECTION: usize = 16;

/// More sections than any entry is written with: a header claiming more is refused before
/// anything of its size is read.
const MAX_SECTIONS: usize = 1 << 16;

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

/// A file whose header was checked and whose length matches it; its sections are read and
/// checked when asked for, so a command that does not need the index does not pay for it.
pub struct Frame {
    file: File,
    /// Where each section starts in the file, its length and its checksum.
    sections: Vec<(u64, u64, u64)>,
}

/// What a section holds: anything that can write itself out.
pub trait Section {
    fn encode(&self, out: &mut dyn Write) -> Result<(), String>;
}

/// A section postcard writes (and [`Frame::section`] reads back).
pub struct Postcard<'a, T: ?Sized>(pub &'a T);

impl<T: Serialize + ?Sized> Section for Postcard<'_, T> {
    fn encode(&self, out: &mut dyn Write) -> Result<(), String> {
        postcard::to_io(self.0, out)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// Write the frame of `sections` to `out`: a blank header, each section streamed through a
/// hasher (so the encoded entry, as large as the corpus, is never held in memory whole),
/// then the real header over the blank one.
pub fn write(out: &mut (impl Write + Seek), sections: &[&dyn Section]) -> Result<(), String> {
    let io = |e: std::io::Error| e.to_string();
    if sections.len() > MAX_SECTIONS {
        return Err("too many sections".into());
    }
    let count = u32::try_from(sections.len()).map_err(|_| "too many sections")?;
    out.write_all(&vec![0; FIXED_LEN + PER_SECTION * sections.len()])
        .map_err(io)?;
    let mut header = Vec::with_capacity(FIXED_LEN + PER_SECTION * sections.len());
    header.extend_from_slice(&MAGIC);
    header.extend_from_slice(&FORMAT.to_le_bytes());
    header.extend_from_slice(&count.to_le_bytes());
    for section in sections {
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

/// Check the header of a cache file of `file_len` bytes, so a large foreign file is refused
/// before anything of its size is allocated.
pub fn read(mut file: File, file_len: u64) -> Result<Frame, Refused> {
    let mut fixed = [0u8; FIXED_LEN];
    file.read_exact(&mut fixed)
        .map_err(|_| corrupt("shorter than its header"))?;
    if fixed[..8] != MAGIC {
        return Err(corrupt("not a veille cache file"));
    }
    if u32_at(&fixed, 8) != FORMAT {
        return Err(Refused::Stale);
    }
    let count = u32_at(&fixed, 12) as usize;
    let header_len = FIXED_LEN + PER_SECTION * count;
    if count > MAX_SECTIONS || header_len as u64 > file_len {
        return Err(corrupt("truncated, or lengths that do not add up"));
    }
    let mut table = vec![0u8; PER_SECTION * count];
    file.read_exact(&mut table)
        .map_err(|_| corrupt("shorter than its header"))?;
    let mut at = header_len as u64;
    let mut sections = Vec::with_capacity(count);
    for entry in table.chunks_exact(PER_SECTION) {
        let (len, sum) = (u64_at(entry, 0), u64_at(entry, 8));
        sections.push((at, len, sum));
        at = at
            .checked_add(len)
            .ok_or_else(|| corrupt("lengths that do not add up"))?;
    }
    if at != file_len {
        return Err(corrupt("truncated, or lengths that do not add up"));
    }
    Ok(Frame { file, sections })
}

impl Frame {
    /// How many sections the file holds.
    pub fn len(&self) -> usize {
        self.sections.len()
    }

    /// Where section `which` lies in the file: its offset and length.
    pub fn span(&self, which: usize) -> Option<(u64, u64)> {
        self.sections.get(which).map(|&(at, len, _)| (at, len))
    }

    /// The whole file mapped into memory, for sections read in place.
    pub fn map(&self) -> std::io::Result<Mmap> {
        // SAFETY: a mapped file must not shrink while it is mapped (reading past its end
        // would fault). veille never writes an entry in place: a new one is written aside
        // and renamed over it, and eviction unlinks, which both leave this file whole for
        // as long as it is mapped. Only another program truncating the entry could.
        unsafe { Mmap::map(&self.file) }
    }

    /// Section `which`'s bytes in `map` (the file this frame read), once they match its
    /// checksum.
    pub fn check_mapped(&self, which: usize, map: &[u8]) -> Result<Range<usize>, Refused> {
        let (at, len, sum) = self
            .sections
            .get(which)
            .copied()
            .ok_or_else(|| corrupt("a section is missing"))?;
        let start = usize::try_from(at).map_err(|_| corrupt("too large for this machine"))?;
        let end = usize::try_from(len)
            .ok()
            .and_then(|len| start.checked_add(len))
            .ok_or_else(|| corrupt("too large for this machine"))?;
        let bytes = map.get(start..end).ok_or_else(|| corrupt("truncated"))?;
        if xxhash_rust::xxh3::xxh3_64(bytes) != sum {
            return Err(corrupt("checksum mismatch"));
        }
        Ok(start..end)
    }

    /// Another handle on the file, for reading parts of it after the frame is gone.
    pub fn share(&self) -> std::io::Result<File> {
        self.file.try_clone()
    }

    /// Check section `which` against its checksum without decoding it: through a map of
    /// the section alone, dropped once hashed (the pages stay in the page cache, not in
    /// this process), or where it cannot be mapped through `scratch` a chunk at a time.
    /// Mapped, nothing is copied: reading 535 MB of texts into a buffer to hash them was a
    /// tenth of a second run at 100 000 articles.
    pub fn verify(&self, which: usize, scratch: &mut Vec<u8>) -> Result<(), Refused> {
        let Some(&(at, len, sum)) = self.sections.get(which) else {
            return Err(corrupt("a section is missing"));
        };
        let Ok(len) = usize::try_from(len) else {
            return self.verify_with(which, scratch);
        };
        if len == 0 {
            return self.verify_with(which, scratch);
        }
        // SAFETY: as for `map`; this map lives only while the section is hashed.
        let map = unsafe {
            memmap2::MmapOptions::new()
                .offset(at)
                .len(len)
                .populate()
                .map(&self.file)
        };
        match map {
            Ok(map) if xxhash_rust::xxh3::xxh3_64(&map) == sum => Ok(()),
            Ok(_) => Err(corrupt("checksum mismatch")),
            Err(_) => self.verify_with(which, scratch),
        }
    }

    /// [`Frame::verify`] reading the section through `scratch` a chunk at a time.
    pub fn verify_with(&self, which: usize, scratch: &mut Vec<u8>) -> Result<(), Refused> {
        const CHUNK: usize = 1 << 20;
        if scratch.len() < CHUNK {
            scratch.resize(CHUNK, 0);
        }
        let mut reader = self.reader(which);
        loop {
            match reader.read(scratch.get_mut(..CHUNK).unwrap_or_default()) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(corrupt(format!("cannot read: {e}"))),
            }
        }
        self.check(which, &reader)
    }

    fn reader(&self, which: usize) -> SectionReader<'_> {
        let (at, left, _) = self.sections.get(which).copied().unwrap_or_default();
        SectionReader {
            file: &self.file,
            at,
            left,
            hasher: Xxh3::new(),
        }
    }

    fn check(&self, which: usize, read: &SectionReader) -> Result<(), Refused> {
        let Some(&(_, _, sum)) = self.sections.get(which) else {
            return Err(corrupt("a section is missing"));
        };
        if read.left != 0 {
            return Err(corrupt("truncated"));
        }
        if read.hasher.digest() != sum {
            return Err(corrupt("checksum mismatch"));
        }
        Ok(())
    }

    /// Section `which` decoded by `decode` from a reader of its bytes (and their number),
    /// then checked like [`Frame::section`]. `decode` gives `None` for bytes it refuses.
    pub fn decode_with<T>(
        &self,
        which: usize,
        decode: impl FnOnce(&mut dyn Read, u64) -> Option<T>,
    ) -> Result<T, Refused> {
        let mut reader = BufReader::with_capacity(1 << 16, self.reader(which));
        let len = reader.get_ref().left;
        let value = decode(&mut reader, len).ok_or_else(|| corrupt("undecodable"))?;
        if !reader.buffer().is_empty() {
            return Err(corrupt("trailing bytes"));
        }
        self.check(which, &reader.into_inner())?;
        Ok(value)
    }

    /// Section `which` decoded by postcard as it is read, without holding its bytes, then
    /// checked: its value is dropped unless every byte was read and the checksum matches.
    /// Decoding garbage is harmless: every length is checked against what is read, serde
    /// preallocates at most 1 MiB per sequence, and nothing panics.
    pub fn section<T: DeserializeOwned>(&self, which: usize) -> Result<T, Refused> {
        self.section_with(which, &mut Vec::new())
    }

    /// [`Frame::section`] through `scratch`, grown to the section's length if shorter: a
    /// caller decoding many sections passes the same one, rather than each section zeroing
    /// a buffer of its size (a tenth of a second run at 100 000 articles went to that).
    pub fn section_with<T: DeserializeOwned>(
        &self,
        which: usize,
        scratch: &mut Vec<u8>,
    ) -> Result<T, Refused> {
        let (_, len, _) = self.sections.get(which).copied().unwrap_or_default();
        let len = usize::try_from(len).map_err(|_| corrupt("too large for this machine"))?;
        // Each text passes through here, so it is as long as the section: only as much of
        // it as the longest text needs is ever touched.
        if scratch.len() < len {
            scratch.resize(len, 0);
        }
        let reader = BufReader::with_capacity(1 << 16, self.reader(which));
        let (value, (reader, _)) = postcard::from_io::<T, _>((reader, scratch.as_mut_slice()))
            .map_err(|e| corrupt(format!("undecodable: {e}")))?;
        if !reader.buffer().is_empty() {
            return Err(corrupt("trailing bytes"));
        }
        let read = reader.into_inner();
        if read.left != 0 {
            return Err(corrupt("trailing bytes"));
        }
        self.check(which, &read)?;
        Ok(value)
    }
}

/// One section of the file, read at its offset (so that two threads can each read their
/// own through one handle) and hashed as it goes.
struct SectionReader<'a> {
    file: &'a File,
    at: u64,
    left: u64,
    hasher: Xxh3,
}

impl Read for SectionReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let want = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let Some(buf) = buf.get_mut(..want) else {
            return Ok(0);
        };
        if buf.is_empty() {
            return Ok(0);
        }
        let n = positioned::read_at(self.file, buf, self.at)?;
        let got = buf.get(..n).unwrap_or_default();
        self.hasher.update(got);
        self.at += n as u64;
        self.left -= n as u64;
        Ok(n)
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
mod tests;
