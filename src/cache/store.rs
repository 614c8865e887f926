//! What a cache file holds and how it gets to and from disk: section 0 is the index built
//! over the corpus (when one was), section 1 the stamp, then two sections per run of input
//! files: their documents' texts and details (names, keywords…), then their cards
//! (everything else, with where each text and details are), so that the runs decode on
//! every core at once and each article's text and details are read only when asked for
//! (see `shelf.rs`).
//! Writes go to a temporary file in the same folder, renamed over the entry, so a reader
//! sees the old file or the new one, never a mix, and concurrent runs only race to be last.
//! Must not decide which files changed (mod.rs) nor how bytes are framed (codec.rs).

use super::codec::{self, Frame, Postcard, Refused, Section};
use super::evict;
use super::key::{FileKey, Stamp};
use super::shelf::{self, FileShelf};
use super::stoppable::Stoppable;
use super::writing::Watch;
use crate::corpus::shelved::{Place, Shelf, Shelved};
use crate::corpus::{Block, Meta};
use crate::corpus::{Corpus, Document};
use crate::search::Index;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::fs::{self, File};
use std::io::{ErrorKind, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// A temporary file this old is a write that never finished (its process was killed);
/// younger ones may belong to a run still writing.
const ABANDONED: Duration = Duration::from_secs(3600);

const INDEX: usize = 0;
const STAMP: usize = 1;
/// Run `r`'s texts and details are section `FIRST_RUN + 2 r`, its cards the section after.
const FIRST_RUN: usize = 2;

/// Documents per run, about: enough runs at 100 000 documents to keep both cores decoding
/// to the end, each large enough that its own read costs little.
const RUN_DOCS: usize = 2048;

/// One input file's part of the corpus: its documents (with the keywords they had in the
/// corpus they were stored with; their texts and details on the entry's shelf) and its
/// warnings.
#[derive(Deserialize)]
pub struct FileEntry {
    pub key: FileKey,
    pub docs: Vec<Document>,
    pub warnings: Vec<String>,
    /// Where each document's text and details are in its run's section of them, in order.
    kept: Vec<Kept>,
    /// Its documents' cards and keywords were still to be made (a first run left before
    /// making them): their details are what the load gave, and the documents read back
    /// wait for their cards again (see `corpus::cards`).
    pub cards_pending: bool,
}

/// One input file's part as the corpus holds it, to be written.
struct FileRef<'a> {
    key: &'a FileKey,
    docs: &'a [Document],
    warnings: &'a [String],
}

/// A [`FileEntry`] as written, borrowing from the live corpus and its run's places.
#[derive(Serialize)]
struct CardRef<'a> {
    key: &'a FileKey,
    docs: &'a [Document],
    warnings: &'a [String],
    kept: &'a [Kept],
    cards_pending: bool,
}

/// Where one document's text (its blocks) and details (its `Meta`) are.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Kept {
    body: Place,
    meta: Place,
}

/// A run's texts and details, one after another, each postcard's encoding of a document's
/// blocks or `Meta`; writing them notes where each went, for the run's cards that follow.
struct RunTexts<'f, 'a> {
    files: &'f [FileRef<'a>],
    places: RefCell<Vec<Kept>>,
}

impl Section for RunTexts<'_, '_> {
    fn encode(&self, out: &mut dyn Write) -> Result<(), String> {
        let mut places = self.places.borrow_mut();
        let (mut at, mut bytes) = (0, Vec::new());
        let mut put = |bytes: &[u8]| -> Result<Place, String> {
            out.write_all(bytes).map_err(|e| e.to_string())?;
            let place = shelf::place(at, bytes);
            at += place.len;
            Ok(place)
        };
        // In passing: texts and details on a shelf are not all brought back into memory.
        for doc in self.files.iter().flat_map(|f| f.docs) {
            shelf::record(&*doc.blocks.passing(), &mut bytes)?;
            let body = put(&bytes)?;
            shelf::record(&*doc.meta.passing(), &mut bytes)?;
            let meta = put(&bytes)?;
            places.push(Kept { body, meta });
        }
        Ok(())
    }
}

/// A run's cards, written after its texts and details (whose places they hold).
struct RunCards<'r, 'f, 'a>(&'r RunTexts<'f, 'a>);

impl Section for RunCards<'_, '_, '_> {
    fn encode(&self, out: &mut dyn Write) -> Result<(), String> {
        let places = self.0.places.borrow();
        let mut rest = places.as_slice();
        let mut cards = Vec::with_capacity(self.0.files.len());
        for file in self.0.files {
            let (kept, after) = rest
                .split_at_checked(file.docs.len())
                .ok_or("cards written before their texts")?;
            rest = after;
            cards.push(CardRef {
                key: file.key,
                docs: file.docs,
                warnings: file.warnings,
                kept,
                cards_pending: file.docs.iter().any(|d| d.card_pending),
            });
        }
        Postcard(cards.as_slice()).encode(out)
    }
}

/// The index in its own flat form, which reads back far faster than serde's.
struct FlatIndex<'a>(Option<&'a Index>);

impl Section for FlatIndex<'_> {
    fn encode(&self, out: &mut dyn std::io::Write) -> Result<(), String> {
        Index::write_flat(self.0, out).map_err(|e| e.to_string())
    }
}

/// The index `write` stored, if it stored one, and of the shape an index built over its
/// number of documents has. Its shape is checked here, on the thread that decodes it beside
/// the documents, rather than after them: it is a pass over every posting.
pub fn read_index(frame: &Frame) -> Result<Option<Index>, Refused> {
    // Read in place where the file can be mapped: its postings and positions, most of the
    // entry's index, are then neither copied nor zeroed (they were most of a second run).
    let read = match frame.map() {
        Ok(map) => {
            let map = Arc::new(map);
            let range = frame.check_mapped(INDEX, &map)?;
            Index::read_flat_mapped(&map, range)
                .ok_or_else(|| Refused::Corrupt("undecodable index".into()))?
        }
        Err(_) => frame.decode_with(INDEX, Index::read_flat)?,
    };
    match read {
        Some(index) if !index.fits(index.doc_count()) => {
            Err(Refused::Corrupt("index of another shape".into()))
        }
        index => Ok(index),
    }
}

/// The stamp `write` stored: whose entry this is.
pub fn read_stamp(frame: &Frame) -> Result<Stamp, Refused> {
    frame.section(STAMP)
}

/// Whether [`read_files`] checks each run's texts and details against their section's
/// checksum before trusting its cards, or leaves that to [`check_texts`] (each record is
/// checked against its own checksum when read either way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Texts {
    Check,
    Later,
}

/// Every input file's entry, in order, its runs' cards decoded on every core (each thread
/// reusing its scratch from run to run), their texts and details left on `entry`'s shelf
/// (checked first when `texts` says so).
pub fn read_files(frame: &Frame, entry: &Path, texts: Texts) -> Result<Vec<FileEntry>, Refused> {
    let runs = runs(frame)?;
    let file = frame
        .share()
        .map_err(|e| Refused::Corrupt(format!("cannot open again: {e}")))?;
    let shelf = Arc::new(FileShelf::entry(file, entry.to_path_buf()));
    let runs: Vec<Vec<FileEntry>> = runs
        .into_par_iter()
        .map_init(Vec::new, |scratch, run| {
            let section = FIRST_RUN + 2 * run;
            if texts == Texts::Check {
                frame.verify(section, scratch)?;
            }
            let span = frame.span(section).unwrap_or_default();
            let mut files: Vec<FileEntry> = frame.section_with(section + 1, scratch)?;
            for file in &mut files {
                shelve(file, &shelf, span)?;
            }
            Ok(files)
        })
        .collect::<Result<_, _>>()?;
    Ok(runs.into_iter().flatten().collect())
}

/// Every run's texts and details checked against their section's checksum, one after the
/// other on the calling thread, read through a buffer (mapping and unmapping each stalls
/// the other threads' page faults), calling `pace` before each: what [`read_files`] left
/// for later, checked while the user searches.
pub fn check_texts(frame: &Frame, pace: &dyn Fn()) -> Result<(), Refused> {
    let mut scratch = Vec::new();
    runs(frame)?.try_for_each(|run| {
        pace();
        frame.verify_with(FIRST_RUN + 2 * run, &mut scratch)
    })
}

/// The entry's runs of documents, by number.
fn runs(frame: &Frame) -> Result<std::ops::Range<usize>, Refused> {
    let sections = frame.len().max(FIRST_RUN) - FIRST_RUN;
    if sections % 2 != 0 {
        return Err(Refused::Corrupt("a run without its cards".into()));
    }
    Ok(0..sections / 2)
}

/// `file`'s documents given their texts and details on `shelf`, in the section at `span` of
/// the entry.
fn shelve(file: &mut FileEntry, shelf: &Arc<FileShelf>, span: (u64, u64)) -> Result<(), Refused> {
    let kept = std::mem::take(&mut file.kept);
    if kept.len() != file.docs.len() {
        return Err(Refused::Corrupt("documents without their texts".into()));
    }
    for (doc, kept) in file.docs.iter_mut().zip(kept) {
        let body: Arc<dyn Shelf<[Block]>> = Arc::clone(shelf) as _;
        doc.blocks = Shelved::at(body, within(kept.body, span)?);
        let meta: Arc<dyn Shelf<Meta>> = Arc::clone(shelf) as _;
        doc.meta = Shelved::at(meta, within(kept.meta, span)?);
        doc.card_pending = file.cards_pending;
    }
    Ok(())
}

/// `place`, relative to its section at `span`, made relative to the file; refused outside.
fn within(place: Place, (start, len): (u64, u64)) -> Result<Place, Refused> {
    match place.at.checked_add(place.len) {
        Some(end) if end <= len => Ok(Place {
            at: start + place.at,
            ..place
        }),
        _ => Err(Refused::Corrupt("a text outside its section".into())),
    }
}

/// Which run of the corpus' documents one input file gave.
#[derive(Debug, Clone)]
pub struct Span {
    pub key: FileKey,
    pub docs: usize,
    pub warnings: Vec<String>,
}

/// The entry at `path`, if there is one.
pub fn open(path: &Path) -> Result<Option<Frame>, Refused> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Refused::Corrupt(format!("cannot open: {e}"))),
    };
    let len = file
        .metadata()
        .map_err(|e| Refused::Corrupt(format!("cannot stat: {e}")))?
        .len();
    evict::touch(&file);
    codec::read(file, len).map(Some)
}

/// Write `corpus` (laid out as `spans` say, in order) and `index` as the entry at `path`,
/// counting the bytes written into `watch`, unless its stop is set before the end: then
/// nothing is written, and no temporary file is left behind.
pub fn write(
    path: &Path,
    stamp: &Stamp,
    spans: &[Span],
    corpus: &Corpus,
    index: Option<&Index>,
    watch: &Watch,
) -> Result<(), String> {
    let mut files = Vec::with_capacity(spans.len());
    let mut at = 0;
    for span in spans {
        let docs = corpus
            .docs
            .get(at..at + span.docs)
            .ok_or("the corpus does not match what was loaded")?;
        at += span.docs;
        files.push(FileRef {
            key: &span.key,
            docs,
            warnings: &span.warnings,
        });
    }
    if at != corpus.docs.len() {
        return Err("the corpus does not match what was loaded".into());
    }
    let runs: Vec<RunTexts> = runs_of(&files)
        .into_iter()
        .map(|files| RunTexts {
            files,
            places: RefCell::new(Vec::new()),
        })
        .collect();
    let cards: Vec<RunCards> = runs.iter().map(RunCards).collect();
    let dir = path.parent().ok_or("no folder")?;
    sweep(dir);
    let name = path.file_name().ok_or("no file name")?.to_string_lossy();
    // Unique per process and per write, so two runs never write into the same temp file.
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let temp = dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        WRITES.fetch_add(1, Ordering::Relaxed)
    ));
    let written = File::create(&temp)
        .map_err(|e| e.to_string())
        .and_then(|file| {
            let (index, stamp) = (FlatIndex(index), Postcard(stamp));
            let mut sections: Vec<&dyn Section> = vec![&index, &stamp];
            for (bodies, cards) in runs.iter().zip(&cards) {
                sections.extend([bodies as &dyn Section, cards]);
            }
            codec::write(&mut Stoppable::new(file, watch), &sections)
        })
        // No fsync: after a crash the checksum refuses a half-written file, and a cache is
        // not worth making every run wait for the disk.
        .and_then(|()| fs::rename(&temp, path).map_err(|e| e.to_string()));
    match written {
        Ok(()) => {
            evict::evict(dir, path, evict::BUDGET);
            Ok(())
        }
        Err(e) => {
            let _ = fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// `files` cut into runs of whole files of about [`RUN_DOCS`] documents each.
fn runs_of<'f, 'a>(files: &'f [FileRef<'a>]) -> Vec<&'f [FileRef<'a>]> {
    let mut runs = Vec::new();
    let (mut start, mut docs) = (0, 0);
    for (i, file) in files.iter().enumerate() {
        docs += file.docs.len();
        if docs >= RUN_DOCS {
            runs.extend(files.get(start..=i));
            (start, docs) = (i + 1, 0);
        }
    }
    runs.extend(files.get(start..).filter(|rest| !rest.is_empty()));
    runs
}

/// Remove abandoned temporary files, so killed runs do not pile up in the folder.
fn sweep(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let Some(cutoff) = SystemTime::now().checked_sub(ABANDONED) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with(".corpus-") && name.ends_with(".tmp");
        let old = || {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t < cutoff)
        };
        if ours && old() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests;
