//! Reading and writing a file at an offset, without moving a position shared by its
//! handles, so that several threads read (and write) their own places in one file at once.
//! Must not know what the bytes are (codec.rs frames them, shelf.rs keeps records).

use std::fs::File;
#[cfg(not(any(unix, windows)))]
use std::io::{Read, Seek, SeekFrom};

/// Write all of `buf` to the file at `at` (without moving a shared position, so that
/// several threads can write their own places at once).
pub fn write_all_at(file: &File, buf: &[u8], at: u64) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::write_all_at(file, buf, at)
    }
    #[cfg(windows)]
    {
        let write = |done: usize, at| {
            let rest = buf.get(done..).unwrap_or_default();
            std::os::windows::fs::FileExt::seek_write(file, rest, at)
        };
        whole(buf.len(), at, write, std::io::ErrorKind::WriteZero)
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = (file, buf, at);
        Err(std::io::ErrorKind::Unsupported.into())
    }
}

/// Fill `buf` from the file at `at`, or fail.
pub fn read_exact_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    let len = buf.len();
    let read = |done: usize, at| read_at(file, buf.get_mut(done..).unwrap_or_default(), at);
    whole(len, at, read, std::io::ErrorKind::UnexpectedEof)
}

/// `op(done, offset)` until `len` bytes from `at` are done, each call going on from where
/// the last stopped; a call that does nothing fails with `short`.
fn whole(
    len: usize,
    at: u64,
    mut op: impl FnMut(usize, u64) -> std::io::Result<usize>,
    short: std::io::ErrorKind,
) -> std::io::Result<()> {
    let mut done = 0;
    while done < len {
        match op(done, at + done as u64) {
            Ok(0) => return Err(short.into()),
            Ok(n) => done += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(unix)]
pub fn read_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, at)
}

#[cfg(windows)]
pub fn read_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, at)
}

/// Elsewhere a shared position: two reads at once may mix, which the cache's checksums then
/// refuse (the entry is rebuilt), never trust.
#[cfg(not(any(unix, windows)))]
pub fn read_at(mut file: &File, buf: &mut [u8], at: u64) -> std::io::Result<usize> {
    file.seek(SeekFrom::Start(at))?;
    file.read(buf)
}
