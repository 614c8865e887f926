//! The flat index form's tests: read back from a stream and in place, damage refused.

use super::*;

fn seeds_index() -> Index {
    Index::build(&crate::corpus::source::embedded())
}

fn encoded(index: Option<&Index>) -> Vec<u8> {
    let mut out = Vec::new();
    encode(index, &mut out).unwrap_or_else(|e| panic!("encode: {e}"));
    out
}

fn read(bytes: &[u8]) -> Option<Option<Index>> {
    decode(&mut &bytes[..], bytes.len() as u64)
}

/// `bytes` at `at` in a mapped file (which maps at a page boundary).
fn mapped(bytes: &[u8], at: usize) -> Arc<Mmap> {
    use std::io::Write;
    let mut file = tempfile::tempfile().unwrap_or_else(|e| panic!("temp file: {e}"));
    file.write_all(&vec![0; at])
        .and_then(|()| file.write_all(bytes))
        .unwrap_or_else(|e| panic!("temp file: {e}"));
    // SAFETY: a temporary file only this test holds, never written again.
    let map = unsafe { Mmap::map(&file) };
    Arc::new(map.unwrap_or_else(|e| panic!("map: {e}")))
}

/// Index has no PartialEq; its serde form covers every field.
fn same(a: &Index, b: &Index) -> bool {
    postcard::to_stdvec(a).ok() == postcard::to_stdvec(b).ok()
}

#[test]
fn an_index_and_its_absence_come_back() {
    let index = seeds_index();
    assert!(index.doc_count() > 0 && !index.vocabulary().is_empty());
    let back = read(&encoded(Some(&index)));
    assert!(matches!(back, Some(Some(ref b)) if same(b, &index)));
    assert!(matches!(read(&encoded(None)), Some(None)));
}

#[test]
fn related_articles_come_back_with_the_index() {
    // Written through a counting pass then a writing one: a length that did not match the
    // bytes would refuse the whole index, or shift what follows.
    let index = seeds_index();
    let every = |i: &Index| -> Vec<Vec<(usize, f32)>> {
        (0..i.doc_count()).map(|d| i.related(d, 5)).collect()
    };
    assert!(every(&index).iter().any(|near| !near.is_empty()));
    let Some(Some(back)) = read(&encoded(Some(&index))) else {
        panic!("not read back");
    };
    assert_eq!(every(&back), every(&index));
}

#[test]
fn an_index_read_in_place_is_the_one_written() {
    let index = seeds_index();
    let bytes = encoded(Some(&index));
    let map = mapped(&bytes, 8);
    let Some(Some(back)) = decode_mapped(&map, 8..8 + bytes.len()) else {
        panic!("not read back");
    };
    assert!(same(&back, &index));
    assert!(back.postings.is_mapped() && back.positions.is_mapped());
    // Both are bytes: read in place wherever the section starts.
    let map = mapped(&bytes, 3);
    let back = decode_mapped(&map, 3..3 + bytes.len());
    assert!(matches!(back, Some(Some(ref b)) if same(b, &index) && b.postings.is_mapped()));
    assert!(matches!(
        decode_mapped(&mapped(&encoded(None), 0), 0..1),
        Some(None)
    ));
}

#[test]
fn truncations_are_refused_and_no_damage_panics() {
    let good = encoded(Some(&seeds_index()));
    let map = mapped(&good, 0);
    // Every cut among the header and the last bytes, a sample of those between: each
    // read is a whole decode, and the section is tens of kilobytes.
    let n = good.len();
    let cuts = (0..256.min(n))
        .chain((256..n).step_by(61))
        .chain(n.saturating_sub(256)..n);
    for len in cuts {
        assert!(read(&good[..len]).is_none(), "truncated to {len}");
        assert!(
            decode_mapped(&map, 0..len).is_none(),
            "mapped, cut to {len}"
        );
        // Told the whole length, but the bytes end early.
        assert!(decode(&mut &good[..len], n as u64).is_none());
    }
    let mut longer = good.clone();
    longer.push(0);
    assert!(read(&longer).is_none(), "trailing byte");
    // A flipped byte may still read as some index (the cache's checksum is what refuses
    // it, and `fits` what keeps a wrong shape out); it must never panic.
    for at in (0..n).step_by(97) {
        let mut bad = good.clone();
        bad[at] ^= 0x81;
        let _ = read(&bad);
        let _ = decode_mapped(&mapped(&bad, 0), 0..n);
    }
}
