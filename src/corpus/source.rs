//! Where documents come from: the embedded seeds, folders and files of any format, stdin;
//! reading with a size cap.
//! Must not parse article structure itself (parse.rs) nor decide walking rules (walk.rs).

use super::cards::Cards;
use super::decode::{decode, decode_unsanitized, is_binary, sanitize};
use super::formats::{FieldMap, Format, Record, detect, json_kind, record_document};
use super::parse::parse;
use super::progress::Progress;
use super::walk::{self, Item, display_path, escaped};
use super::{Corpus, Document};
use super::{batches, frontmatter, json, keywords, meta};
use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Larger files are refused before reading, so a stray disk image cannot fill memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

mod table {
    include!(concat!(env!("OUT_DIR"), "/seeds.rs"));
}

/// The bundled articles, compiled into the binary, in name order.
pub fn embedded() -> Corpus {
    let mut corpus = Corpus::default();
    for (name, bytes) in table::SEEDS {
        let shown = format!("seeds/{}", escaped(name));
        add(
            &mut corpus,
            document(bytes, &shown, &title_stem(Path::new(name))),
        );
    }
    meta::add_keywords(&mut corpus);
    corpus
}

/// Decode, sanitise and parse one file's bytes.
pub fn document(bytes: &[u8], shown_path: &str, fallback_title: &str) -> Document {
    let decoded = decode(bytes);
    let mut doc = parse(&decoded.text, shown_path, fallback_title);
    doc.encoding = decoded.encoding;
    doc.warnings = decoded.warnings.iter().map(|w| sanitize(w)).collect();
    meta::enrich(&mut doc);
    doc
}

/// Load files and folders (walked recursively) with the usual record field names.
pub fn load_paths(paths: &[PathBuf]) -> Result<Corpus, String> {
    load_paths_with(paths, &FieldMap::default())
}

/// Load files and folders of text, Markdown, JSON and JSONL; `fields` says which record keys
/// hold what. A broken record or file is a warning; only finding nothing at all is an error.
pub fn load_paths_with(paths: &[PathBuf], fields: &FieldMap) -> Result<Corpus, String> {
    load_paths_reporting(paths, fields, &Progress::silent(), Cards::Now)
}

/// [`load_paths_with`], telling `progress` how many files are read; with `Cards::Later`, the
/// documents' cards and keywords are left to [`super::cards::add_cards`].
pub fn load_paths_reporting(
    paths: &[PathBuf],
    fields: &FieldMap,
    progress: &Progress,
    cards: Cards,
) -> Result<Corpus, String> {
    // Walk first (cheap, and it decides the order), then read and parse every file on the
    // pool: an indexed `collect` keeps path order, and each worker holds only the bytes of the
    // file it is parsing, so memory stays the parsed documents plus a file per thread.
    let items = walk::collect(paths)?;
    progress.expect(items.len());
    // Keyword terms are counted and interned as each file is parsed (see `keywords::Shared`).
    let shared = keywords::Shared::new(cards);
    let loaded = batches::load_in_order(
        items,
        progress,
        |item| {
            let part = shared.load(|| load_item(item, fields));
            progress.advance();
            part
        },
        |(part, _)| &part.docs,
    );
    let (parts, terms): (Vec<Corpus>, Vec<keywords::PartTerms>) = loaded.into_iter().unzip();
    let mut corpus = merge(paths, parts)?;
    shared.add_keywords(&mut corpus, terms);
    Ok(corpus)
}

/// One walked item's part of the corpus: its warning, or its file's documents and warnings,
/// in the order a sequential load would push them. Keywords are not set (see [`merge`]).
pub fn load_item(item: Item, fields: &FieldMap) -> Corpus {
    let mut part = Corpus::default();
    add_item(&mut part, item, fields);
    part
}

/// The parts of every walked item of `paths`, in walk order, as one corpus; an error when
/// no document came out. Keywords depend on the whole corpus: the caller runs
/// `meta::add_keywords` unless the documents already carry this corpus' keywords.
pub fn merge(paths: &[PathBuf], parts: Vec<Corpus>) -> Result<Corpus, String> {
    let mut corpus = Corpus {
        docs: Vec::with_capacity(parts.iter().map(|p| p.docs.len()).sum()),
        warnings: Vec::new(),
    };
    for part in parts {
        corpus.docs.extend(part.docs);
        corpus.warnings.extend(part.warnings);
    }
    if corpus.docs.is_empty() {
        let named: Vec<String> = paths.iter().map(|p| display_path(p)).collect();
        let mut msg = format!(
            "no .txt, .md, .json or .jsonl files in {}",
            named.join(", ")
        );
        if !corpus.warnings.is_empty() {
            let shown: Vec<&str> = corpus.warnings.iter().take(3).map(String::as_str).collect();
            msg.push_str(&format!(" ({})", shown.join("; ")));
        }
        return Err(msg);
    }
    Ok(corpus)
}

/// One walked item into `corpus`.
fn add_item(corpus: &mut Corpus, item: Item, fields: &FieldMap) {
    match item {
        Item::Warning(w) => corpus.warnings.push(w),
        Item::File { path, explicit, .. } => {
            let shown = display_path(&path);
            match read_capped(&path) {
                Ok(bytes) if !explicit && is_binary(&bytes) => {
                    corpus
                        .warnings
                        .push(format!("{shown}: binary file (NUL bytes), skipped"));
                }
                Ok(bytes) => add_file(corpus, &bytes, &path, &shown, fields),
                Err(e) => corpus.warnings.push(format!("{shown}: {}", sanitize(&e))),
            }
        }
    }
}

/// Read stdin (`veille -`): a JSONL stream when its first non-space character is `{` (a JSON
/// array when it is `[` and parses as one), otherwise one text. Capped like a file.
pub fn load_stdin(reader: impl Read, fields: &FieldMap) -> Result<Corpus, String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("stdin: {}", sanitize(&e.to_string())))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "stdin: larger than {} MiB",
            MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    let raw = decode_unsanitized(&bytes);
    if raw.text.trim_start_matches('\u{FEFF}').trim().is_empty() {
        return Err("stdin: nothing to read".to_string());
    }
    let mut corpus = Corpus::default();
    let first = raw
        .text
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .chars()
        .next();
    let loaded = match first {
        Some('{') => Some(json::load_lines(&raw.text, "stdin", fields, raw.encoding)),
        Some('[') if json_kind(&raw.text) == Some(Format::JsonArray) => {
            Some(json::load_array(&raw.text, "stdin", fields, raw.encoding))
        }
        _ => None,
    };
    match loaded {
        Some(loaded) => add_loaded(&mut corpus, "stdin", &raw.warnings, loaded),
        None => add(&mut corpus, document(&bytes, "stdin", "stdin")),
    }
    if corpus.docs.is_empty() {
        let shown: Vec<&str> = corpus.warnings.iter().take(3).map(String::as_str).collect();
        return Err(format!("stdin: no record loaded ({})", shown.join("; ")));
    }
    meta::add_keywords(&mut corpus);
    Ok(corpus)
}

/// One file's documents, by its format.
fn add_file(corpus: &mut Corpus, bytes: &[u8], path: &Path, shown: &str, fields: &FieldMap) {
    let raw = decode_unsanitized(bytes);
    match detect(path, &raw.text) {
        Format::Text => add(corpus, document(bytes, shown, &title_stem(path))),
        Format::Markdown => add(corpus, markdown(bytes, shown, &title_stem(path), fields)),
        Format::JsonArray => {
            let loaded = json::load_array(&raw.text, shown, fields, raw.encoding);
            add_loaded(corpus, shown, &raw.warnings, loaded);
        }
        Format::JsonLines => {
            let loaded = json::load_lines(&raw.text, shown, fields, raw.encoding);
            add_loaded(corpus, shown, &raw.warnings, loaded);
        }
    }
}

/// A Markdown file: its front matter, if any, says title, date, source and tags.
fn markdown(bytes: &[u8], shown: &str, fallback_title: &str, fields: &FieldMap) -> Document {
    let decoded = decode(bytes);
    let Some((record, body, fm_warnings)) = frontmatter::split(&decoded.text, fields) else {
        return document(bytes, shown, fallback_title);
    };
    let record = Record {
        text: Some(body.to_string()),
        ..record
    };
    let mut doc = record_document(&record, shown, fallback_title, decoded.encoding);
    let mut warnings: Vec<String> = decoded.warnings.iter().map(|w| sanitize(w)).collect();
    warnings.extend(fm_warnings.iter().map(|w| sanitize(w)));
    warnings.append(&mut doc.warnings);
    doc.warnings = warnings;
    doc
}

fn add_loaded(corpus: &mut Corpus, shown: &str, decode_warnings: &[String], loaded: json::Loaded) {
    for w in decode_warnings {
        corpus.warnings.push(format!("{shown}: {}", sanitize(w)));
    }
    // Positions are built from our own numbers and sanitised reasons: nothing to clean again.
    corpus.warnings.extend(loaded.warnings);
    for doc in loaded.docs {
        add(corpus, doc);
    }
}

fn add(corpus: &mut Corpus, doc: Document) {
    for w in &doc.warnings {
        corpus.warnings.push(format!("{}: {w}", doc.path));
    }
    corpus.docs.push(doc);
}

fn title_stem(path: &Path) -> String {
    let stem = path.file_stem().or(path.file_name()).unwrap_or_default();
    escaped(&stem.to_string_lossy())
}

/// Open without blocking (a file swapped for a FIFO after the walk must not hang us), check
/// on the open handle that it is a regular file under the cap, then read at most the cap.
fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file: File = options.open(path).map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file, skipped".to_string());
    }
    let too_large = || {
        format!(
            "larger than {} MiB, skipped",
            MAX_FILE_BYTES / (1024 * 1024)
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file may grow while we read: `take` keeps the cap true anyway.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_seeds_in_name_order() {
        let c = embedded();
        assert_eq!(c.docs.len(), 5);
        assert!(c.docs.windows(2).all(|w| w[0].path < w[1].path));
        assert!(c.docs[0].path.starts_with("seeds/000_"));
        assert!(
            c.docs
                .iter()
                .all(|d| d.encoding == "UTF-8" && d.warnings.is_empty())
        );
    }

    #[test]
    fn stems() {
        assert_eq!(title_stem(Path::new("a/b/note.txt")), "note");
        assert_eq!(title_stem(Path::new("bad\nname.md")), "bad\\nname");
    }
}
