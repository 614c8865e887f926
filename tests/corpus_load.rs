//! Loading real folders: walking order, filters, links, FIFOs, encodings, warnings, errors.
//! Must only touch its own temporary folders.

// Inside `mod corpus` so that `cargo test corpus` selects these tests too.
mod corpus {

    use std::fs;
    use std::path::{Path, PathBuf};
    use veille::corpus::Corpus;
    use veille::corpus::source::load_paths;

    fn write(dir: &Path, rel: &str, bytes: &[u8]) {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create folder");
        }
        fs::write(path, bytes).expect("write fixture");
    }

    fn load(path: &Path) -> Corpus {
        load_paths(&[path.to_path_buf()]).expect("corpus loads")
    }

    /// Displayed paths relative to the temp folder.
    fn rel(c: &Corpus, root: &Path) -> Vec<String> {
        let prefix = format!("{}/", root.display());
        c.docs
            .iter()
            .map(|d| d.path.trim_start_matches(&prefix).to_string())
            .collect()
    }

    fn has_warning(c: &Corpus, needle: &str) -> bool {
        c.warnings.iter().any(|w| w.contains(needle))
    }

    #[test]
    fn walks_recursively_in_path_order_with_extension_filter() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        for rel in [
            "b.txt",
            "a/z.md",
            "a/b/c.txt",
            "a.txt",
            "c.TXT",
            "notes.pdf",
            "x.txt.bak",
            "README",
        ] {
            write(root, rel, b"Un texte.\n");
        }
        let c = load(root);
        assert_eq!(
            rel(&c, root),
            ["a/b/c.txt", "a/z.md", "a.txt", "b.txt", "c.TXT"]
        );
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        // The same again: deterministic.
        assert_eq!(rel(&load(root), root), rel(&c, root));
    }

    #[test]
    fn explicit_files_load_whatever_their_extension_or_content() {
        let tmp = tempfile::tempdir().expect("tempdir");
        write(tmp.path(), "notes.log", b"Bonjour.\n");
        write(tmp.path(), "data.txt", b"bin\0ary\n");
        let c = load_paths(&[tmp.path().join("notes.log"), tmp.path().join("data.txt")])
            .expect("loads");
        assert_eq!(c.docs.len(), 2);
        assert_eq!(c.docs[1].blocks[0].text(), "binary");
    }

    #[test]
    fn binary_files_are_skipped_with_a_warning_when_walking() {
        let tmp = tempfile::tempdir().expect("tempdir");
        write(tmp.path(), "ok.txt", b"Texte.\n");
        write(tmp.path(), "image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
        let c = load(tmp.path());
        assert_eq!(rel(&c, tmp.path()), ["ok.txt"]);
        assert!(has_warning(
            &c,
            "image.txt: binary file (NUL bytes), skipped"
        ));
    }

    #[test]
    fn fifos_are_skipped_without_blocking() {
        let tmp = tempfile::tempdir().expect("tempdir");
        write(tmp.path(), "ok.txt", b"Texte.\n");
        let fifo = tmp.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("mkfifo unavailable; skipping");
            return;
        }
        let c = load(tmp.path());
        assert_eq!(rel(&c, tmp.path()), ["ok.txt"]);
        assert!(has_warning(&c, "pipe.txt: not a regular file, skipped"));
        // Named explicitly it is still not opened.
        let err = load_paths(&[fifo]).expect_err("nothing to load");
        assert!(err.contains("not a regular file"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_dangling_loops_and_escapes() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().expect("tempdir");
        write(outside.path(), "secret.txt", b"Dehors.\n");
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path();
        write(root, "a/real.txt", b"Dedans.\n");
        symlink(root.join("nowhere.txt"), root.join("dangling.txt")).expect("link");
        symlink(root.join("self.txt"), root.join("self.txt")).expect("link");
        symlink(root, root.join("a/up")).expect("link");
        symlink(outside.path().join("secret.txt"), root.join("out.txt")).expect("link");
        symlink(root.join("a/real.txt"), root.join("z_alias.txt")).expect("link");
        let c = load(root);
        assert_eq!(rel(&c, root), ["a/real.txt", "z_alias.txt"]);
        let loops = c
            .warnings
            .iter()
            .filter(|w| w.contains("symlink loop"))
            .count();
        assert_eq!(loops, 2, "{:?}", c.warnings);
        assert!(has_warning(&c, "out.txt: link leads outside the folder"));
        assert!(!has_warning(&c, "dangling"));
    }

    #[test]
    fn encodings_are_detected() {
        let tmp = tempfile::tempdir().expect("tempdir");
        write(tmp.path(), "latin1.txt", b"caf\xE9 \x93q\x94\n");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("Été à Liège.\r\n".encode_utf16().flat_map(u16::to_le_bytes));
        write(tmp.path(), "utf16.txt", &utf16);
        write(tmp.path(), "broken.txt", b"d\xC3\xA9j\xC3\xA0 \xFF vu.\n");
        let c = load(tmp.path());
        let by_name = |n: &str| c.docs.iter().find(|d| d.path.ends_with(n)).expect("doc");
        let latin1 = by_name("latin1.txt");
        assert_eq!(
            (latin1.title.as_str(), latin1.encoding),
            ("café “q”", "windows-1252")
        );
        let utf16 = by_name("utf16.txt");
        assert_eq!(
            (utf16.title.as_str(), utf16.encoding),
            ("Été à Liège", "UTF-16LE")
        );
        let broken = by_name("broken.txt");
        assert_eq!(broken.title, "déjà \u{FFFD} vu");
        assert_eq!(broken.warnings, ["invalid UTF-8: 1 byte replaced"]);
        assert!(has_warning(
            &c,
            "broken.txt: invalid UTF-8: 1 byte replaced"
        ));
    }

    #[test]
    fn empty_file_is_listed_and_titled_from_its_name() {
        let tmp = tempfile::tempdir().expect("tempdir");
        write(tmp.path(), "note vide.txt", b"");
        write(tmp.path(), "blanc.md", b" \n\n\t\n");
        let c = load(tmp.path());
        let titles: Vec<&str> = c.docs.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, ["blanc", "note vide"]);
        assert!(c.docs.iter().all(|d| d.blocks.is_empty() && d.words == 0));
    }

    #[test]
    fn controls_in_content_and_names_never_reach_the_screen() {
        let tmp = tempfile::tempdir().expect("tempdir");
        write(
            tmp.path(),
            "evil\x1b]0;pwned\x07\nname.txt",
            b"Titre \x1b[31mrouge\x1b[0m\n\nTexte\x1b]0;x\x07.\n",
        );
        let c = load(tmp.path());
        let d = &c.docs[0];
        assert!(
            d.path.ends_with("evil\\x1b]0;pwned\\x07\\nname.txt"),
            "{}",
            d.path
        );
        assert_eq!(d.title, "Titre rouge");
        assert_eq!(d.blocks[0].text(), "Texte.");
        assert!(has_warning(&c, "removed 3 control sequences"));
        for s in c.warnings.iter().chain([&d.path, &d.title]) {
            assert!(!s.chars().any(char::is_control), "{s:?}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn non_utf8_names_are_shown_lossily_and_opened_by_their_real_name() {
        use std::os::unix::ffi::OsStrExt;
        let tmp = tempfile::tempdir().expect("tempdir");
        let name = std::ffi::OsStr::from_bytes(b"caf\xE9.txt");
        fs::write(tmp.path().join(name), "Contenu lisible.\n").expect("write");
        let c = load(tmp.path());
        assert!(c.docs[0].path.ends_with("caf\u{FFFD}.txt"));
        assert_eq!(c.docs[0].title, "Contenu lisible");
    }

    #[test]
    fn oversized_files_are_refused_before_reading() {
        let tmp = tempfile::tempdir().expect("tempdir");
        write(tmp.path(), "ok.txt", b"Texte.\n");
        let big = fs::File::create(tmp.path().join("big.txt")).expect("create");
        // Sparse: costs no disk, but its size is over the cap.
        big.set_len(veille::corpus::source::MAX_FILE_BYTES + 1)
            .expect("set_len");
        let c = load(tmp.path());
        assert_eq!(rel(&c, tmp.path()), ["ok.txt"]);
        assert!(has_warning(&c, "big.txt: larger than 64 MiB, skipped"));
    }

    #[test]
    fn missing_and_empty_paths_are_clear_errors() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let missing = tmp.path().join("absent");
        let err = load_paths(std::slice::from_ref(&missing)).expect_err("missing");
        assert_eq!(
            err,
            format!("no such file or folder: {}", missing.display())
        );

        write(tmp.path(), "file.txt", b"x");
        let under_file: PathBuf = tmp.path().join("file.txt/inner");
        assert!(
            load_paths(&[under_file])
                .expect_err("ENOTDIR")
                .starts_with("no such file or folder")
        );

        let empty = tmp.path().join("empty");
        fs::create_dir(&empty).expect("mkdir");
        write(&empty, "image.png", b"png");
        let err = load_paths(std::slice::from_ref(&empty)).expect_err("nothing");
        assert_eq!(
            err,
            format!("no .txt, .md, .json or .jsonl files in {}", empty.display())
        );
    }

    #[cfg(unix)]
    #[test]
    fn unreadable_folders_are_reported_and_the_rest_loads() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().expect("tempdir");
        write(tmp.path(), "ok.txt", b"Texte.\n");
        write(tmp.path(), "locked/hidden.txt", b"Secret.\n");
        let locked = tmp.path().join("locked");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
        let readable = fs::read_dir(&locked).is_ok(); // root ignores permissions
        let c = load(tmp.path());
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).expect("chmod back");
        if readable {
            eprintln!("running as root: permission errors cannot be simulated here");
            return;
        }
        assert_eq!(rel(&c, tmp.path()), ["ok.txt"]);
        assert!(has_warning(&c, "locked: cannot read folder"));
    }

    #[test]
    fn loading_tells_how_many_files_are_read() {
        use std::sync::Mutex;
        use veille::corpus::cards::Cards;
        use veille::corpus::formats::FieldMap;
        use veille::corpus::progress::Progress;
        use veille::corpus::source::load_paths_reporting;
        let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let seen = Mutex::new(Vec::new());
        let record = |done, total| seen.lock().expect("not poisoned").push((done, total));
        let corpus = load_paths_reporting(
            &[seeds],
            &FieldMap::default(),
            &Progress::new(&record),
            Cards::Now,
        )
        .expect("the seeds load");
        let mut seen = seen.into_inner().expect("not poisoned");
        assert_eq!(seen.first(), Some(&(0, 5)));
        seen.sort_unstable();
        assert_eq!(seen.last(), Some(&(5, 5)));
        assert_eq!(corpus.docs.len(), 5);
    }
}
