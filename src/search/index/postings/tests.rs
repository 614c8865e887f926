//! The compact postings' tests: records read back as written, skipping and walking to a
//! document from anywhere, and lists that were not written so refused, never a panic.

use super::*;
use proptest::prelude::*;

/// Postings as the index lays them out, one record after the other.
fn encoded(postings: &[Posting]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut last = 0;
    for &p in postings {
        let at = out.len();
        out.resize(at + record_len(p, p.doc - last), 0);
        write_record(p, p.doc - last, &mut out[at..]);
        last = p.doc;
    }
    out
}

/// The skip points of `postings` encoded as `bytes`, as the build makes them.
fn skips(bytes: &[u8], len: usize) -> Vec<Skip> {
    let mut out = Vec::new();
    skips_into(bytes, len, &mut out);
    out
}

/// Ascending distinct documents, sometimes more than a skip apart, with counts up to
/// the saturated ends.
fn postings() -> impl Strategy<Value = Vec<Posting>> {
    let tf = prop_oneof![0u16..4, 0u16..300, Just(u16::MAX)];
    let doc = prop_oneof![0u32..2000, Just(u32::MAX), Just(u32::MAX - 1)];
    let map = |len: std::ops::Range<usize>| {
        proptest::collection::btree_map(doc.clone(), (tf.clone(), tf.clone()), len)
    };
    prop_oneof![map(0..60), map(100..700)].prop_map(|m| {
        m.into_iter()
            .map(|(doc, (title_tf, body_tf))| Posting {
                doc,
                title_tf,
                body_tf,
            })
            .collect()
    })
}

/// A document to skip to: any, or one of the list's (a skip point's own among them),
/// or the one after it.
#[derive(Debug, Clone)]
struct Target {
    any: u32,
    how: u8,
    pick: prop::sample::Index,
}

impl Target {
    fn of(&self, postings: &[Posting]) -> u32 {
        match (self.how, postings.is_empty()) {
            (0, _) | (_, true) => self.any,
            (1, false) => self.pick.get(postings).doc,
            _ => self.pick.get(postings).doc.saturating_add(1),
        }
    }
}

fn target() -> impl Strategy<Value = Target> {
    (0u32..2100, 0u8..3, any::<prop::sample::Index>()).prop_map(|(any, how, pick)| Target {
        any,
        how,
        pick,
    })
}

proptest! {
    #[test]
    fn postings_read_back_as_written(postings in postings()) {
        let bytes = encoded(&postings);
        let skips = skips(&bytes, postings.len());
        let list = PostingList { bytes: &bytes, len: postings.len(), skips: &skips };
        prop_assert_eq!(list.iter().collect::<Vec<_>>(), postings.clone());
        prop_assert!(list.is_sound(usize::MAX));
        prop_assert_eq!(skips.len(), skips_for(postings.len()));
        let lens: usize = postings
            .iter()
            .zip(std::iter::once(0).chain(postings.iter().map(|p| p.doc)))
            .map(|(p, last)| varint_len(p.doc - last) + counts_len(p.title_tf, p.body_tf))
            .sum();
        prop_assert_eq!(lens, bytes.len());
    }

    #[test]
    fn skipping_lands_on_the_first_posting_at_or_after(
        postings in postings(),
        first in target(),
        below in target(),
        read in 0usize..300,
    ) {
        let (first, below) = (first.of(&postings), below.of(&postings));
        let bytes = encoded(&postings);
        let skips = skips(&bytes, postings.len());
        let list = PostingList { bytes: &bytes, len: postings.len(), skips: &skips };
        // From the start, and again after some were read or skipped.
        let mut rest = list.iter();
        let passed = rest.skip_below(first);
        let expected = postings.iter().filter(|p| p.doc < first).count();
        prop_assert_eq!(passed, expected);
        let read = read.min(postings.len() - expected);
        let taken: Vec<Posting> = rest.by_ref().take(read).collect();
        prop_assert_eq!(&taken[..], &postings[expected..expected + read]);
        let at = expected + read;
        let passed = rest.skip_below(below);
        let expected = postings[at..].iter().filter(|p| p.doc < below).count();
        prop_assert_eq!(passed, expected);
        prop_assert_eq!(rest.collect::<Vec<_>>(), postings[at + expected..].to_vec());
    }

    #[test]
    fn a_walk_below_a_document_stops_before_it(
        postings in postings(),
        from in target(),
        end in target(),
    ) {
        let (from, end) = (from.of(&postings), end.of(&postings));
        let bytes = encoded(&postings);
        let skips = skips(&bytes, postings.len());
        let list = PostingList { bytes: &bytes, len: postings.len(), skips: &skips };
        let mut walk = list.iter();
        walk.skip_below(from);
        let expected: Vec<Posting> = postings
            .iter()
            .copied()
            .filter(|p| p.doc >= from && p.doc < end)
            .collect();
        prop_assert_eq!(walk.below(end).collect::<Vec<_>>(), expected);
    }

    #[test]
    fn a_list_with_a_byte_changed_never_panics(
        postings in postings(),
        at in 0usize..1500,
        below in 0u32..2100,
    ) {
        let mut bytes = encoded(&postings);
        let skips = skips(&bytes, postings.len());
        if let Some(b) = bytes.get_mut(at) {
            *b ^= 0x81;
        }
        let list = PostingList { bytes: &bytes, len: postings.len(), skips: &skips };
        let _ = list.is_sound(2000);
        let _ = list.iter().count();
        let mut rest = list.iter();
        let _ = rest.skip_below(below);
        let _ = rest.count();
    }
}

#[test]
fn lists_that_were_not_written_so_are_unsound() {
    let p = |doc| Posting {
        doc,
        title_tf: 0,
        body_tf: 1,
    };
    let good = encoded(&[p(3), p(9)]);
    let list = |bytes: &[u8], len| {
        PostingList {
            bytes,
            len,
            skips: &[],
        }
        .is_sound(10)
    };
    assert!(list(&good, 2));
    // A document past the corpus, one posting too many or too few, a varint cut short.
    let short = PostingList {
        bytes: &good,
        len: 2,
        skips: &[],
    };
    assert!(!short.is_sound(9));
    assert!(!list(&good, 3));
    assert!(!list(&good, 1));
    assert!(!list(&[0x83], 1));
    // The same document twice (a gap of 0 after the first).
    assert!(!list(&encoded(&[p(3), p(3)]), 2));
    // A gap that runs past u32.
    let mut past = encoded(&[p(1)]);
    past.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0x0f, 0x02]);
    let past = PostingList {
        bytes: &past,
        len: 2,
        skips: &[],
    };
    assert!(!past.is_sound(usize::MAX));
    // Skip points missing, or one that says another document or another place.
    let many: Vec<Posting> = (0..300).map(|d| p(d * 2)).collect();
    let bytes = encoded(&many);
    let right = skips(&bytes, many.len());
    let with = |skips: &[Skip]| {
        PostingList {
            bytes: &bytes,
            len: many.len(),
            skips,
        }
        .is_sound(600)
    };
    assert!(with(&right));
    assert!(!with(&right[..1]));
    let mut wrong = right.clone();
    wrong[1].doc_before += 2;
    assert!(!with(&wrong));
    let mut wrong = right.clone();
    wrong[0].at += 1;
    assert!(!with(&wrong));
}
