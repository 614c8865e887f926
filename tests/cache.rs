//! The index cache as a user meets it, through the real binary with XDG_CACHE_HOME set on
//! each child process: a second run answers like the first, changes on disk are seen, a
//! damaged cache file is replaced with a warning, `--no-cache` leaves nothing behind.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

/// A corpus folder and a cache folder, both temporary.
struct Setup {
    _root: tempfile::TempDir,
    corpus: PathBuf,
    cache: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let root = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        let corpus = root.path().join("corpus");
        let cache = root.path().join("cache");
        fs::create_dir_all(corpus.join("sub")).unwrap_or_else(|e| panic!("mkdir: {e}"));
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        for entry in fs::read_dir(seeds).unwrap_or_else(|e| panic!("seeds: {e}")) {
            let path = entry.unwrap_or_else(|e| panic!("seed: {e}")).path();
            let name = path.file_name().unwrap_or_default();
            fs::copy(&path, corpus.join(name)).unwrap_or_else(|e| panic!("copy: {e}"));
        }
        write(
            &corpus.join("sub/note.md"),
            "---\ntitle: Une note sur Zebulon\ntags: [essai]\n---\n\nZebulon parle à Europol.\n",
        );
        write(
            &corpus.join("sub/records.jsonl"),
            "{\"title\": \"Premier\", \"text\": \"Europol et Zebulon.\"}\n{broken\n",
        );
        Setup {
            _root: root,
            corpus,
            cache,
        }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_veille"))
            .args(args)
            .env("XDG_CACHE_HOME", &self.cache)
            .current_dir(self.corpus.parent().unwrap_or(Path::new("/")))
            .output()
            .unwrap_or_else(|e| panic!("run veille: {e}"))
    }

    /// `veille search QUERY corpus --json` (plus `extra`): (stdout, stderr).
    fn search(&self, query: &str, extra: &[&str]) -> (String, String) {
        let mut args = vec!["search", "--json", query, "corpus"];
        args.extend_from_slice(extra);
        text(&self.run(&args))
    }

    fn meta(&self, extra: &[&str]) -> (String, String) {
        let mut args = vec!["meta", "--json", "corpus"];
        args.extend_from_slice(extra);
        text(&self.run(&args))
    }

    /// The cache entries written so far.
    fn entries(&self) -> Vec<PathBuf> {
        let Ok(dir) = fs::read_dir(self.cache.join("veille")) else {
            return Vec::new();
        };
        let mut found: Vec<PathBuf> = dir.flatten().map(|e| e.path()).collect();
        found.sort();
        found
    }

    fn entry(&self) -> PathBuf {
        let entries = self.entries();
        assert_eq!(entries.len(), 1, "one cache file: {entries:?}");
        entries[0].clone()
    }
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn paths_of(json_lines: &str) -> Vec<String> {
    json_lines
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("path")?.as_str().map(str::to_string))
        .collect()
}

#[test]
fn a_second_run_answers_like_the_first_and_like_no_cache() {
    let s = Setup::new();
    let uncached = s.search("europol", &["--no-cache"]);
    let uncached_meta = s.meta(&["--no-cache"]);
    assert!(s.entries().is_empty(), "--no-cache wrote {:?}", s.entries());

    let first = s.search("europol", &[]);
    assert!(!paths_of(&first.0).is_empty());
    let written = s.entry();
    let second = s.search("europol", &[]);
    assert_eq!(first, uncached);
    assert_eq!(second, uncached);
    // The warning of the broken record is the loader's, and comes back from the cache.
    assert!(second.1.contains("records.jsonl"), "{}", second.1);
    let phrase = s.search("\"parle à europol\"", &[]);
    assert_eq!(paths_of(&phrase.0), ["corpus/sub/note.md"]);

    assert_eq!(s.meta(&[]), uncached_meta);
    assert_eq!(s.meta(&[]), uncached_meta);
    assert_eq!(s.entry(), written);
}

#[test]
fn a_changed_file_is_read_again() {
    let s = Setup::new();
    let note = s.corpus.join("sub/note.md");
    assert_eq!(paths_of(&s.search("zebulon", &[]).0).len(), 2);
    s.search("zebulon", &[]);
    // Same size, another word, and a modification time set apart from the first one.
    let before = fs::read_to_string(&note).unwrap_or_default();
    write(&note, &before.replace("Zebulon", "Zorglub"));
    let file = fs::File::options().write(true).open(&note);
    let later = SystemTime::now() + Duration::from_secs(60);
    file.and_then(|f| f.set_modified(later))
        .unwrap_or_else(|e| panic!("set mtime: {e}"));

    assert_eq!(
        paths_of(&s.search("zorglub", &[]).0),
        ["corpus/sub/note.md"]
    );
    assert_eq!(
        paths_of(&s.search("zebulon", &[]).0),
        ["corpus/sub/records.jsonl:1"]
    );
    let meta = s.meta(&[]).0;
    assert!(meta.contains("Une note sur Zorglub") && !meta.contains("Une note sur Zebulon"));
    assert_eq!(
        s.search("zorglub", &[]),
        s.search("zorglub", &["--no-cache"])
    );
    // Keywords of files reused from the cache and of the file read again, counted together.
    assert_eq!(s.meta(&[]), s.meta(&["--no-cache"]));
}

#[test]
fn added_and_deleted_files_are_seen() {
    let s = Setup::new();
    s.search("europol", &[]);
    write(
        &s.corpus.join("sub/new.txt"),
        "Nouveau texte\n\nQuasimodo rencontre Europol.\n",
    );
    assert_eq!(
        paths_of(&s.search("quasimodo", &[]).0),
        ["corpus/sub/new.txt"]
    );
    fs::remove_file(s.corpus.join("sub/note.md")).unwrap_or_else(|e| panic!("rm: {e}"));
    let after = s.search("europol", &[]);
    assert!(!after.0.contains("note.md"), "{}", after.0);
    assert!(after.0.contains("new.txt"), "{}", after.0);
    assert_eq!(after, s.search("europol", &["--no-cache"]));
    assert_eq!(s.meta(&[]), s.meta(&["--no-cache"]));
}

#[test]
fn a_damaged_cache_is_replaced_with_a_warning() {
    let s = Setup::new();
    let expected = s.search("europol", &["--no-cache"]);
    s.search("europol", &[]);
    let entry = s.entry();
    let good = fs::read(&entry).unwrap_or_else(|e| panic!("read cache: {e}"));
    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x01;
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let damages: [(&str, Vec<u8>); 4] = [
        ("truncated", good[..good.len() / 3].to_vec()),
        ("header only", good[..20].to_vec()),
        ("random bytes", noise),
        ("flipped byte", flipped),
    ];
    for (what, bytes) in damages {
        fs::write(&entry, &bytes).unwrap_or_else(|e| panic!("damage cache: {e}"));
        let (out, err) = s.search("europol", &[]);
        assert_eq!(out, expected.0, "{what}");
        assert!(
            err.contains("index cache") && err.contains("damaged"),
            "{what}: {err}"
        );
        // Rewritten whole: the next run is quiet again and reads it.
        let (again, err) = s.search("europol", &[]);
        assert_eq!(again, expected.0, "{what}");
        assert_eq!(err, expected.1, "{what}");
    }
    fs::write(&entry, b"garbage").unwrap_or_else(|e| panic!("damage cache: {e}"));
    let (meta, err) = s.meta(&[]);
    assert_eq!(meta, s.meta(&["--no-cache"]).0);
    assert!(err.contains("damaged"), "{err}");
}

/// The sections of a cache file: after magic, format and their number, a length and a
/// checksum for each, then each in order.
fn sections(file: &[u8]) -> Vec<Vec<u8>> {
    let count = u32::from_le_bytes([file[12], file[13], file[14], file[15]]) as usize;
    let mut at = 16 + 16 * count;
    (0..count)
        .map(|i| {
            let len = word_at(file, 16 + 16 * i);
            at += len;
            file[at - len..at].to_vec()
        })
        .collect()
}

/// `good` with section `which` replaced by `section`, its length and checksum made right:
/// what only a decoder can refuse.
fn with_section(good: &[u8], which: usize, section: &[u8]) -> Vec<u8> {
    let mut sections = sections(good);
    sections[which] = section.to_vec();
    let mut out = good[..16].to_vec();
    for s in &sections {
        out.extend_from_slice(&(s.len() as u64).to_le_bytes());
        out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(s).to_le_bytes());
    }
    for s in &sections {
        out.extend_from_slice(s);
    }
    out
}

/// Sections as the cache writes them: the index, the stamp, then per run of documents their
/// bodies and their cards.
const INDEX: usize = 0;
const FIRST_BODIES: usize = 2;
const FIRST_DOCS: usize = 3;

#[test]
fn damage_behind_a_right_checksum_is_refused_too() {
    let s = Setup::new();
    let expected = s.search("europol", &["--no-cache"]);
    s.search("europol", &[]);
    let entry = s.entry();
    let good = fs::read(&entry).unwrap_or_else(|e| panic!("read cache: {e}"));
    let parts = sections(&good);
    assert_eq!(parts.len(), FIRST_DOCS + 1, "one run of documents");
    assert_eq!(with_section(&good, INDEX, &parts[INDEX]), good);
    let index = &parts[INDEX];
    let mut not_utf8 = parts[FIRST_DOCS].clone();
    let at = not_utf8.windows(7).position(|w| w == b"Zebulon");
    let Some(at) = at else {
        panic!("no title in the cache's documents");
    };
    not_utf8[at + 1] = 0xff;
    let damages: [(&str, Vec<u8>); 5] = [
        (
            "index cut short",
            with_section(&good, INDEX, &index[..index.len() / 2]),
        ),
        (
            "index of another shape",
            with_section(&good, INDEX, &[1, 0, 0, 0, 0]),
        ),
        (
            "a text that is not UTF-8",
            with_section(&good, FIRST_DOCS, &not_utf8),
        ),
        (
            "a run of documents missing",
            with_section(&good, FIRST_DOCS, &[]),
        ),
        (
            "a run's bodies missing",
            with_section(&good, FIRST_BODIES, &[]),
        ),
    ];
    for (what, bytes) in damages {
        fs::write(&entry, &bytes).unwrap_or_else(|e| panic!("damage cache: {e}"));
        let (out, err) = s.search("europol", &[]);
        assert_eq!(out, expected.0, "{what}");
        assert!(err.contains("damaged"), "{what}: {err}");
        let (again, err) = s.search("europol", &[]);
        assert_eq!(again, expected.0, "{what}");
        assert_eq!(err, expected.1, "{what}");
    }
}

fn word_at(bytes: &[u8], at: usize) -> usize {
    let mut w = [0u8; 8];
    w.copy_from_slice(&bytes[at..at + 8]);
    u64::from_le_bytes(w) as usize
}

#[test]
fn nothing_is_written_for_seeds_stdin_or_no_cache() {
    let s = Setup::new();
    assert!(s.run(&["search", "europol"]).status.success());
    assert!(
        s.run(&["search", "--no-cache", "europol", "corpus"])
            .status
            .success()
    );
    assert!(s.run(&["meta", "--no-cache", "corpus"]).status.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_veille"))
        .args(["search", "europol", "-"])
        .env("XDG_CACHE_HOME", &s.cache)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        let _ = stdin.write_all(b"{\"title\": \"t\", \"text\": \"Europol\"}\n");
    }
    let _ = child.wait();
    assert!(s.entries().is_empty(), "{:?}", s.entries());
}

#[test]
fn no_usable_cache_folder_is_a_warning_not_an_error() {
    let s = Setup::new();
    let expected = s.search("europol", &["--no-cache"]);
    // A file where the cache folder should be.
    fs::create_dir_all(&s.cache).unwrap_or_else(|e| panic!("mkdir: {e}"));
    write(&s.cache.join("veille"), "not a folder");
    let out = s.run(&["search", "--json", "europol", "corpus"]);
    assert_eq!(out.status.code(), Some(0));
    let (stdout, stderr) = text(&out);
    assert_eq!(stdout, expected.0);
    assert!(stderr.contains("no index cache"), "{stderr}");

    let bare = Command::new(env!("CARGO_BIN_EXE_veille"))
        .args(["search", "europol", "corpus"])
        .env_remove("XDG_CACHE_HOME")
        .env_remove("HOME")
        .current_dir(s.corpus.parent().unwrap_or(Path::new("/")))
        .output()
        .unwrap_or_else(|e| panic!("run veille: {e}"));
    assert_eq!(bare.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&bare.stderr);
    assert_eq!(stderr.matches("no index cache").count(), 1, "{stderr}");
}

#[test]
fn bench_reads_and_writes_the_cache_only_when_asked() {
    let s = Setup::new();
    let bench = |extra: &[&str]| {
        let mut args = vec![
            "bench", "--json", "--replay", "/europol", "--corpus", "corpus",
        ];
        args.extend_from_slice(extra);
        let out = s.run(&args);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let json: serde_json::Value =
            serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("json: {e}"));
        let hits: Vec<serde_json::Value> = json["keys"]
            .as_array()
            .map(|keys| keys.iter().map(|k| k["hits"].clone()).collect())
            .unwrap_or_default();
        (json["documents"].clone(), hits)
    };
    let plain = bench(&[]);
    assert!(s.entries().is_empty(), "written without --cached");
    assert_eq!(bench(&["--cached"]), plain);
    let entry = s.entry();
    let written = inode(&entry);
    // The second run starts from the entry: nothing changed, so nothing is written again
    // (a write goes to a new file renamed over the old one). Its time is no witness: a read
    // touches it, for eviction.
    assert_eq!(bench(&["--cached"]), plain);
    assert_eq!(s.entry(), entry);
    assert_eq!(inode(&entry), written);
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).map(|m| m.ino()).unwrap_or(0)
}

#[cfg(not(unix))]
fn inode(_: &Path) -> u64 {
    0
}
