//! What an entry holds, as written and read back: runs, texts on the shelf, damage.

use super::*;
use crate::cache::evict::tests::file as aged;

/// [`write`] with no stop asked for.
fn written(entry: &Path, stamp: &Stamp, spans: &[Span], corpus: &Corpus) -> Result<(), String> {
    write(entry, stamp, spans, corpus, None, &Watch::default())
}

/// A file's key that only its path tells apart.
fn key_of(path: &str) -> FileKey {
    FileKey {
        path: path.as_bytes().to_vec(),
        explicit: false,
        size: 0,
        mtime: (0, 0),
        ctime: (0, 0),
    }
}

#[test]
fn documents_come_back_in_order_across_runs() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let docs: Vec<Document> = (0..3 * RUN_DOCS + 7)
        .map(|i| Document {
            path: format!("doc{i}"),
            blocks: vec![Block::Paragraph(format!("texte {i}"))].into(),
            meta: Meta {
                people: vec![format!("Personne {i}")],
                ..Meta::default()
            }
            .into(),
            ..Document::default()
        })
        .collect();
    let corpus = Corpus {
        docs,
        warnings: Vec::new(),
    };
    let spans: Vec<Span> = corpus
        .docs
        .chunks(RUN_DOCS / 2 + 1)
        .enumerate()
        .map(|(i, chunk)| Span {
            key: key_of(&format!("file{i}")),
            docs: chunk.len(),
            warnings: Vec::new(),
        })
        .collect();
    let stamp = Stamp::new(&[], &crate::corpus::formats::FieldMap::default());
    let entry = dir.path().join(stamp.file_name());
    assert_eq!(written(&entry, &stamp, &spans, &corpus), Ok(()));
    let frame = match open(&entry) {
        Ok(Some(frame)) => frame,
        _ => panic!("the entry just written"),
    };
    assert!(frame.len() > FIRST_RUN + 2, "several runs: {}", frame.len());
    assert!(read_stamp(&frame).is_ok_and(|s| s == stamp));
    let files = read_files(&frame, &entry, Texts::Check).unwrap_or_else(|e| panic!("{e:?}"));
    let keys: Vec<&FileKey> = files.iter().map(|f| &f.key).collect();
    assert_eq!(keys, spans.iter().map(|s| &s.key).collect::<Vec<_>>());
    let paths: Vec<&str> = files
        .iter()
        .flat_map(|f| &f.docs)
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(
        paths,
        corpus
            .docs
            .iter()
            .map(|d| d.path.as_str())
            .collect::<Vec<_>>()
    );
    let docs: Vec<&Document> = files.iter().flat_map(|f| &f.docs).collect();
    let shelved = |d: &&Document| !d.blocks.is_read() && !d.meta.is_read();
    assert!(docs.iter().all(shelved), "read when asked");
    for (back, doc) in docs.iter().zip(&corpus.docs).rev() {
        assert_eq!(back.blocks, doc.blocks, "{}", doc.path);
        assert_eq!(back.meta, doc.meta, "{}", doc.path);
    }
}

#[test]
fn a_body_changed_after_its_entry_was_checked_reads_as_a_notice_and_drops_the_entry() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let doc = |text: &str| Document {
        blocks: vec![Block::Paragraph(text.into())].into(),
        ..Document::default()
    };
    let corpus = Corpus {
        docs: vec![doc("premier texte"), doc("second texte")],
        warnings: Vec::new(),
    };
    let spans = [Span {
        key: key_of("file"),
        docs: 2,
        warnings: Vec::new(),
    }];
    let stamp = Stamp::new(&[], &crate::corpus::formats::FieldMap::default());
    let entry = dir.path().join(stamp.file_name());
    assert_eq!(written(&entry, &stamp, &spans, &corpus), Ok(()));
    let Ok(Some(frame)) = open(&entry) else {
        panic!("the entry just written");
    };
    let files = read_files(&frame, &entry, Texts::Check).unwrap_or_else(|e| panic!("{e:?}"));
    let mut bytes = fs::read(&entry).unwrap_or_default();
    let at = bytes.windows(6).position(|w| w == b"second");
    let Some(at) = at else {
        panic!("no second body in the entry");
    };
    bytes[at] = b'S';
    let damaged = File::options().write(true).open(&entry);
    damaged
        .and_then(|mut f| f.write_all(&bytes))
        .unwrap_or_else(|e| panic!("damage: {e}"));
    let [first, second] = files[0].docs.as_slice() else {
        panic!("two documents");
    };
    assert_eq!(first.blocks, corpus.docs[0].blocks);
    assert!(entry.exists(), "nothing wrong yet");
    let Some(Block::Paragraph(notice)) = second.blocks.first() else {
        panic!("a notice");
    };
    assert!(notice.contains("checksum mismatch"), "{notice}");
    assert!(!entry.exists(), "the entry is removed, to be written again");
}

#[test]
fn runs_hold_whole_files_in_order_each_of_enough_documents() {
    let key = key_of("");
    let docs = vec![Document::default(); 3 * RUN_DOCS];
    let sizes = [1, RUN_DOCS - 1, 5, RUN_DOCS, RUN_DOCS - 10, 3];
    let mut at = 0;
    let files: Vec<FileRef> = sizes
        .iter()
        .map(|&n| {
            at += n;
            FileRef {
                key: &key,
                docs: &docs[at - n..at],
                warnings: &[],
            }
        })
        .collect();
    let runs = runs_of(&files);
    let lens: Vec<usize> = runs.iter().map(|r| r.len()).collect();
    // 1 + (RUN_DOCS - 1) fill the first run; 5 + RUN_DOCS the second; the rest is left.
    assert_eq!(lens, [2, 2, 2]);
    let flat: Vec<*const FileRef> = runs
        .iter()
        .flat_map(|r| r.iter())
        .map(|f| f as *const _)
        .collect();
    let whole: Vec<*const FileRef> = files.iter().map(|f| f as *const _).collect();
    assert_eq!(flat, whole);
    assert!(runs_of(&[]).is_empty());
}

#[test]
fn abandoned_temp_files_go_recent_ones_stay() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let file = |name: &str, age: u64| aged(dir.path(), name, 0, age);
    let abandoned = file(".corpus-1.bin.7.0.tmp", 2 * 3600);
    let writing = file(".corpus-1.bin.8.0.tmp", 10);
    let other = file("notes.tmp", 2 * 3600);
    let stamp = Stamp::new(&[], &crate::corpus::formats::FieldMap::default());
    let entry = dir.path().join(stamp.file_name());
    let written = written(&entry, &stamp, &[], &Corpus::default());
    assert_eq!(written, Ok(()));
    assert!(entry.exists() && writing.exists() && other.exists());
    assert!(!abandoned.exists());
}

#[test]
fn writing_an_entry_makes_room_by_removing_the_least_recently_used() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let entry = |name: &str, len: u64, age: u64| aged(dir.path(), name, len, age);
    let old = entry("corpus-0000000000000001.bin", evict::BUDGET - 10, 3600);
    let recent = entry("corpus-0000000000000002.bin", 50, 60);
    let stamp = Stamp::new(&[], &crate::corpus::formats::FieldMap::default());
    let current = dir.path().join(stamp.file_name());
    let written = written(&current, &stamp, &[], &Corpus::default());
    assert_eq!(written, Ok(()));
    assert!(current.exists() && recent.exists());
    assert!(
        !old.exists(),
        "the old entry no longer fits beside the new ones"
    );
}
