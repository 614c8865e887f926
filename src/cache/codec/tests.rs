//! The frame's own tests: round trips, damage refused, sections read, checked or mapped alone.

use super::*;

type Pair = (Vec<String>, Option<Vec<u32>>);

fn sample() -> Vec<u8> {
    let first = vec!["une".to_string(), "deux".to_string()];
    let second = Some(vec![1u32, 2, 300]);
    let mut out = std::io::Cursor::new(Vec::new());
    write(&mut out, &[&Postcard(&first), &Postcard(&second)])
        .unwrap_or_else(|e| panic!("encode: {e}"));
    out.into_inner()
}

fn frame_of(bytes: &[u8]) -> Result<Frame, Refused> {
    let mut file = tempfile::tempfile().unwrap_or_else(|e| panic!("temp file: {e}"));
    file.write_all(bytes)
        .and_then(|()| file.seek(SeekFrom::Start(0)).map(|_| ()))
        .unwrap_or_else(|e| panic!("temp file: {e}"));
    read(file, bytes.len() as u64)
}

fn decode(bytes: &[u8]) -> Result<Pair, Refused> {
    let frame = frame_of(bytes)?;
    // Section 0 also as the index is read, in place: checked alike.
    let map = frame.map().unwrap_or_else(|e| panic!("map: {e}"));
    let range = frame.check_mapped(0, &map)?;
    let first = frame.section(0)?;
    assert_eq!(
        map.get(range).map(<[u8]>::len),
        frame.span(0).map(|s| s.1 as usize)
    );
    // Section 1 through a decoder of our own: both ways of reading are checked alike.
    let second = frame.decode_with(1, |from, len| {
        let mut bytes = Vec::new();
        from.take(len).read_to_end(&mut bytes).ok()?;
        postcard::from_bytes(&bytes).ok()
    })?;
    Ok((first, second))
}

#[test]
fn round_trip() {
    let pair = decode(&sample());
    assert_eq!(
        pair,
        Ok((vec!["une".into(), "deux".into()], Some(vec![1, 2, 300])))
    );
}

#[test]
fn every_truncation_and_every_flipped_byte_is_refused() {
    let good = sample();
    for len in 0..good.len() {
        assert!(decode(&good[..len]).is_err(), "truncated to {len}");
    }
    for at in 0..good.len() {
        let mut bad = good.clone();
        bad[at] ^= 0x20;
        assert!(decode(&bad).is_err(), "byte {at} flipped");
    }
}

#[test]
fn a_section_only_checked_is_refused_for_any_byte_flipped_in_it_and_only_it() {
    let good = sample();
    let Some((at, len)) = frame_of(&good).ok().and_then(|f| f.span(1)) else {
        panic!("two sections");
    };
    let mut scratch = Vec::new();
    for i in at as usize..(at + len) as usize {
        let mut bad = good.clone();
        bad[i] ^= 0x20;
        let frame = frame_of(&bad).unwrap_or_else(|e| panic!("{e:?}"));
        // Mapped, and read through a buffer: the same answer.
        assert!(frame.verify(1, &mut scratch).is_err(), "byte {i}");
        assert!(frame.verify(0, &mut scratch).is_ok(), "byte {i}");
        assert!(frame.verify_with(1, &mut scratch).is_err(), "byte {i}");
        assert!(frame.verify_with(0, &mut scratch).is_ok(), "byte {i}");
    }
}

#[test]
fn any_number_of_sections_each_read_on_its_own() {
    let words: Vec<Vec<String>> = (0..5)
        .map(|i| (0..i).map(|j| format!("mot{i}{j}")).collect())
        .collect();
    let parts: Vec<Postcard<Vec<String>>> = words.iter().map(Postcard).collect();
    let sections: Vec<&dyn Section> = parts.iter().map(|p| p as &dyn Section).collect();
    let mut out = std::io::Cursor::new(Vec::new());
    write(&mut out, &sections).unwrap_or_else(|e| panic!("encode: {e}"));
    let bytes = out.into_inner();
    let mut file = tempfile::tempfile().unwrap_or_else(|e| panic!("temp file: {e}"));
    file.write_all(&bytes)
        .and_then(|()| file.seek(SeekFrom::Start(0)).map(|_| ()))
        .unwrap_or_else(|e| panic!("temp file: {e}"));
    let frame = read(file, bytes.len() as u64).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(frame.len(), 5);
    assert_eq!(frame.span(0).map(|(at, _)| at % 8), Some(0), "aligned");
    let mut scratch = Vec::new();
    assert!((0..5).all(|which| frame.verify(which, &mut scratch).is_ok()));
    assert!((0..5).all(|which| frame.verify_with(which, &mut scratch).is_ok()));
    assert!(frame.verify(5, &mut scratch).is_err(), "one past the last");
    assert!(
        frame.verify_with(5, &mut scratch).is_err(),
        "one past the last"
    );
    for which in [3, 0, 4, 1, 2] {
        assert_eq!(
            frame.section::<Vec<String>>(which).as_ref(),
            Ok(&words[which])
        );
    }
    assert!(matches!(
        frame.section::<Vec<String>>(5),
        Err(Refused::Corrupt(_))
    ));
}

#[test]
fn another_format_is_stale_and_garbage_is_corrupt() {
    let mut old = sample();
    old[8] = old[8].wrapping_add(1);
    assert_eq!(decode(&old).err(), Some(Refused::Stale));
    let garbage: Vec<u8> = (0..500u32).map(|i| (i * 7919 % 251) as u8).collect();
    assert!(matches!(decode(&garbage), Err(Refused::Corrupt(_))));
}
