//! Where documents come from: the embedded seeds, folders and files; reading with a size cap.
//! Must not parse article structure itself (parse.rs) nor decide walking rules (walk.rs).

use super::decode::{decode, is_binary, sanitize};
use super::meta;
use super::parse::parse;
use super::walk::{self, Item, display_path, escaped};
use super::{Corpus, Document};
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

/// Load files and folders (walked recursively) of `.txt` and `.md`.
pub fn load_paths(paths: &[PathBuf]) -> Result<Corpus, String> {
    let mut corpus = Corpus::default();
    for item in walk::collect(paths)? {
        match item {
            Item::Warning(w) => corpus.warnings.push(w),
            Item::File { path, explicit } => {
                let shown = display_path(&path);
                match read_capped(&path) {
                    Ok(bytes) if !explicit && is_binary(&bytes) => {
                        corpus
                            .warnings
                            .push(format!("{shown}: binary file (NUL bytes), skipped"));
                    }
                    Ok(bytes) => add(&mut corpus, document(&bytes, &shown, &title_stem(&path))),
                    Err(e) => corpus.warnings.push(format!("{shown}: {}", sanitize(&e))),
                }
            }
        }
    }
    if corpus.docs.is_empty() {
        let named: Vec<String> = paths.iter().map(|p| display_path(p)).collect();
        let mut msg = format!("no .txt or .md files in {}", named.join(", "));
        if !corpus.warnings.is_empty() {
            let shown: Vec<&str> = corpus.warnings.iter().take(3).map(String::as_str).collect();
            msg.push_str(&format!(" ({})", shown.join("; ")));
        }
        return Err(msg);
    }
    meta::add_keywords(&mut corpus);
    Ok(corpus)
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
