//! The sanitiser's tests: what it keeps and takes out, and its fast checks held to the
//! rules as first written, a char at a time.

use super::*;
use proptest::prelude::*;

#[test]
fn plain_text_passes_unchanged_as_strip_would() {
    for (text, multiline) in [
        ("Un été « à Paris »\nsuite", true),
        ("Un été\nsuite", false),
        ("a\tb", true),
        ("a\r\nb", true),
        ("e\u{301}", true),
        ("x\u{2028}y\u{200B}z\u{202E}", true),
    ] {
        let mut removed = Removed::default();
        let stripped = strip(text, multiline, &mut removed);
        if passes_unchanged(text, multiline) {
            assert_eq!((stripped.as_str(), removed), (text, Removed::default()));
        }
    }
    for c in ('\0'..='\u{3000}')
        .chain('\u{FE00}'..='\u{FFFF}')
        .chain('\u{E0000}'..='\u{E0080}')
    {
        for multiline in [true, false] {
            let text = format!("a{c}b");
            let mut removed = Removed::default();
            let stripped = strip(&text, multiline, &mut removed);
            if passes_unchanged(&text, multiline) {
                assert_eq!(stripped, text, "{c:?}");
                assert_eq!(removed, Removed::default(), "{c:?}");
            }
        }
    }
    assert!(passes_unchanged("Un été « à Paris »\nsuite", true));
    assert!(!passes_unchanged("Un été\nsuite", false));
}

/// What `passes_unchanged` says, a char at a time: the rule as first written.
fn passes_char_by_char(s: &str, multiline: bool) -> bool {
    s.chars().all(|c| {
        if c.is_ascii() {
            c.is_ascii_graphic() || c == ' ' || (multiline && c == '\n')
        } else {
            !c.is_control()
                && !is_bidi(c)
                && !is_invisible(c)
                && !matches!(c, '\u{2028}' | '\u{2029}')
                && !is_mark(c)
        }
    })
}

#[test]
fn the_check_answers_as_char_by_char_whatever_the_sixteen_bytes_a_char_falls_in() {
    // Each char at every offset, so that some straddle two sixteens.
    for pad in 0..40 {
        for tail in [
            "é", "\n", "\u{7}", "×", "e\u{301}", "’", "\u{200B}", "à\n", "\u{7F}",
        ] {
            let text = format!("{}{tail}é{tail}", "x".repeat(pad));
            for multiline in [true, false] {
                assert_eq!(
                    passes_unchanged(&text, multiline),
                    passes_char_by_char(&text, multiline),
                    "{text:?} {multiline}"
                );
            }
        }
    }
}

/// Text mostly of printable ASCII and French, with now and then a line feed, a control,
/// a mark, a bidi or invisible char, a decomposed or singleton char, or any char at all.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        12 => "[ -~]{1,40}",
        4 => "[éèàçœ«»’—…ÉÀ]{1,3}",
        1 => Just("\n".to_string()),
        1 => proptest::sample::select(vec![
            "\u{301}", "\u{327}\u{301}", "\r", "\t", "\u{7f}", "\u{85}", "\u{AD}",
            "\u{202E}", "\u{200B}", "\u{2028}", "\u{2126}", "\u{212B}", "\u{340}",
            "\u{FEFF}", "\u{E0041}", "\u{1F600}", "\u{FB01}", "\u{AC00}\u{11A8}",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|p| p.concat())
}

proptest! {
    #[test]
    fn fast_checks_answer_as_the_char_by_char_ones(text in texty(), multiline in any::<bool>()) {
        prop_assert_eq!(
            passes_unchanged(&text, multiline),
            passes_char_by_char(&text, multiline)
        );
        prop_assert_eq!(is_nfc(&text), is_nfc_quick(text.chars()) == IsNormalized::Yes);
    }
}

#[test]
fn marks_below_u300_are_none() {
    for c in '\0'..='\u{2FF}' {
        assert!(!is_combining_mark(c), "{c:?}");
    }
    assert!(is_mark('\u{0301}') && !is_mark('é'));
}

#[test]
fn escape_sequences_go_whole() {
    assert_eq!(sanitize("A\x1b[31mRED\x1b[0m"), "ARED");
    assert_eq!(sanitize("a\x1b[?1049lb\x1b[2Jc"), "abc");
    assert_eq!(sanitize("x\x1b]0;title\x07y"), "xy");
    assert_eq!(
        sanitize("x\x1b]8;;http://e\x1b\\link\x1b]8;;\x1b\\y"),
        "xlinky"
    );
    assert_eq!(sanitize("k\x1b_Gf=100;AAAA\x1b\\!"), "k!");
    assert_eq!(sanitize("q\x1b[>0q\x1b[6n\x1b[c."), "q.");
    assert_eq!(sanitize("a\u{9b}31mb\u{9d}0;t\u{9c}c\u{85}d"), "abc d");
    assert_eq!(sanitize("a\x1b(Bb\x1b7c\x1b"), "abc");
}

#[test]
fn unterminated_strings_end_with_the_field_or_the_line() {
    assert_eq!(sanitize("ok\x1b]52;c;AAAA\nmore"), "ok");
    assert_eq!(sanitize_text("ok\x1bPq#0\nnext line"), "ok\nnext line");
    assert_eq!(sanitize("a\x1b]0;x\x1b[31mb"), "ab");
}

#[test]
fn controls_line_ends_and_tabs() {
    assert_eq!(
        sanitize_text("a\r\nb\rc\u{2028}d\u{2029}e"),
        "a\nb\nc\nd\ne"
    );
    assert_eq!(sanitize_text("a\x0Cb"), "a\n\nb");
    assert_eq!(sanitize("a\r\nb\nc"), "a b c");
    assert_eq!(sanitize("n\0u\x07l\x08l\x0B\x7F!"), "null!");
    assert_eq!(sanitize("\tx\ty"), "    x   y");
    assert_eq!(sanitize_text("ab\tc\n\td"), "ab  c\n    d");
    assert_eq!(sanitize("日\tx"), "日  x");
}

#[test]
fn bidi_and_invisibles_removed_zwj_kept() {
    let (s, r) = clean("a\u{202E}b\u{2066}c\u{200F}d\u{061C}", false);
    assert_eq!((s.as_str(), r.bidi), ("abcd", 4));
    assert_eq!(
        sanitize("in\u{00AD}vi\u{200B}si\u{2060}ble\u{FEFF}\u{E0041}"),
        "invisible"
    );
    assert_eq!(sanitize("👨\u{200D}👩"), "👨\u{200D}👩");
}

#[test]
fn nfc_and_mark_cap() {
    assert_eq!(sanitize("Éta\u{0301}t e\u{0301}"), "Étát é");
    let zalgo: String = std::iter::once('a')
        .chain(std::iter::repeat_n('\u{0301}', 10_000))
        .collect();
    let s = sanitize(&zalgo);
    assert_eq!(s.chars().count(), 1 + MAX_MARKS);
    assert!(s.starts_with('á'));
}
