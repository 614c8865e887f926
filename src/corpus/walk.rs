//! Walking the paths a user named: which files to read, in which order, and what to report.
//! Must not open or read files (source.rs does), so that nothing here can block on a FIFO.
//!
//! Rules: named paths are followed even through links; inside a folder only regular `.txt`,
//! `.md`, `.markdown`, `.json`, `.jsonl` and `.ndjson` files are taken, links are followed
//! only while they stay inside that folder, dangling links are skipped quietly, loops and
//! unreadable folders are reported once each.

use super::decode::sanitize;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::fs::{self, Metadata};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

/// What the walk met, in path order: a file to read or a problem to tell the user about.
#[derive(Debug, Clone)]
pub enum Item {
    File {
        path: PathBuf,
        /// Named on the command line: read whatever its extension or content.
        explicit: bool,
        /// What the walk learnt of the file (through a link, of its target), so that the
        /// cache can tell a change without asking the system a second time per file.
        meta: Metadata,
    },
    Warning(String),
}

/// A path as the user may see it: lossy for non-UTF-8 names, controls shown escaped
/// (`\x1b`, `\n`) rather than dropped, so two odd names stay distinguishable.
pub fn display_path(path: &Path) -> String {
    escaped(&path.to_string_lossy())
}

/// `escaped` for any name-like string (file stems used as titles).
pub fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    sanitize(&out)
}

fn wanted(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["txt", "md", "markdown", "json", "jsonl", "ndjson"]
            .iter()
            .any(|w| e.eq_ignore_ascii_case(w))
    })
}

fn gone(e: &std::io::Error) -> bool {
    matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory)
}

/// Everything under `paths`, in order. `Err` only for a named path that does not exist.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<Item>, String> {
    collect_paced(paths, &|| {})
}

/// [`collect`], calling `pace` before each folder is read: a walk that nobody waits for
/// waits there while something that matters more runs.
pub fn collect_paced(paths: &[PathBuf], pace: &dyn Fn()) -> Result<Vec<Item>, String> {
    let mut items = Vec::new();
    for root in paths {
        let shown = display_path(root);
        // The user named this path: follow it even if it is a link.
        let meta = match fs::metadata(root) {
            Ok(m) => m,
            Err(e) if gone(&e) => return Err(format!("no such file or folder: {shown}")),
            Err(e) => {
                items.push(Item::Warning(format!(
                    "{shown}: {}",
                    sanitize(&e.to_string())
                )));
                continue;
            }
        };
        if meta.is_dir() {
            walk_dir(root, &mut items, pace);
        } else if meta.is_file() {
            items.push(Item::File {
                path: root.clone(),
                explicit: true,
                meta,
            });
        } else {
            items.push(Item::Warning(format!(
                "{shown}: not a regular file, skipped"
            )));
        }
    }
    Ok(items)
}

/// Depth first, entries of each folder sorted by name: the same order as sorting the paths.
fn walk_dir(root: &Path, items: &mut Vec<Item>, pace: &dyn Fn()) {
    let warn = |items: &mut Vec<Item>, path: &Path, what: &str| {
        items.push(Item::Warning(format!(
            "{}: {}",
            display_path(path),
            sanitize(what)
        )));
    };
    let root_real = match fs::canonicalize(root) {
        Ok(p) => p,
        Err(e) => return warn(items, root, &e.to_string()),
    };
    let mut seen: HashSet<PathBuf> = HashSet::from([root_real.clone()]);
    let mut stack: Vec<Entry> = Vec::new();
    expand(root, &mut stack, items, pace);
    while let Some(Entry { path, meta }) = stack.pop() {
        let meta = match meta {
            Ok(m) => m,
            Err(e) => {
                warn(items, &path, &e.to_string());
                continue;
            }
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            let real = match fs::canonicalize(&path) {
                Ok(p) => p,
                Err(e) if gone(&e) => continue, // dangling
                Err(e) if is_loop(&e) => {
                    warn(items, &path, "symlink loop, not followed");
                    continue;
                }
                Err(e) => {
                    warn(items, &path, &format!("cannot follow link: {e}"));
                    continue;
                }
            };
            if !real.starts_with(&root_real) {
                warn(items, &path, "link leads outside the folder, not followed");
                continue;
            }
            let target = match fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    warn(items, &path, &e.to_string());
                    continue;
                }
            };
            if target.is_dir() {
                if seen.insert(real.clone()) {
                    expand(&path, &mut stack, items, pace);
                } else if path
                    .parent()
                    .and_then(|p| fs::canonicalize(p).ok())
                    .is_some_and(|p| p.starts_with(&real))
                {
                    warn(items, &path, "symlink loop, not followed");
                } else {
                    warn(items, &path, "links to a folder already read, not followed");
                }
            } else {
                file(path, target, items);
            }
        } else if kind.is_dir() {
            // Reached earlier through a link: read once.
            if fs::canonicalize(&path).map_or(true, |real| seen.insert(real)) {
                expand(&path, &mut stack, items, pace);
            }
        } else {
            file(path, meta, items);
        }
    }
}

fn file(path: PathBuf, meta: Metadata, items: &mut Vec<Item>) {
    if !wanted(&path) {
        return;
    }
    if meta.is_file() {
        items.push(Item::File {
            path,
            explicit: false,
            meta,
        });
    } else {
        items.push(Item::Warning(format!(
            "{}: not a regular file, skipped",
            display_path(&path)
        )));
    }
}

fn is_loop(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// A folder's entry and what it is, not following a link (`fs::symlink_metadata`).
struct Entry {
    path: PathBuf,
    meta: std::io::Result<Metadata>,
}

/// Push a folder's entries so that popping yields them in name order. Each is asked about
/// relative to its open folder (no walk of the whole path per file): a second run's walk of
/// 100 000 files was a third of its time, each `stat` looking up every folder on the way.
fn expand(dir: &Path, stack: &mut Vec<Entry>, items: &mut Vec<Item>, pace: &dyn Fn()) {
    pace();
    let entries = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            let what = format!("cannot read folder: {e}");
            items.push(Item::Warning(format!(
                "{}: {}",
                display_path(dir),
                sanitize(&what)
            )));
            return;
        }
    };
    let mut named = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => named.push((e.file_name(), e)),
            Err(e) => items.push(Item::Warning(format!(
                "{}: {}",
                display_path(dir),
                sanitize(&e.to_string())
            ))),
        }
    }
    // Within one folder, name order is path order.
    named.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    stack.extend(named.into_iter().rev().map(|(_, e)| Entry {
        path: e.path(),
        meta: e.metadata(),
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_escapes_controls() {
        assert_eq!(
            display_path(Path::new("a\x1b[31m\nb.txt")),
            "a\\x1b[31m\\nb.txt"
        );
        assert_eq!(escaped("x\u{202E}y\u{9b}"), "xy\\x9b");
    }

    #[test]
    fn extension_filter() {
        assert!(wanted(Path::new("a/b.TXT")));
        assert!(wanted(Path::new("b.md")));
        assert!(!wanted(Path::new("b.txt.gz")));
        assert!(!wanted(Path::new("txt")));
    }
}
