//! Properties of the display sanitiser and the decoder on arbitrary input.
//! Must not depend on anything but `corpus::decode`.

// Inside `mod corpus` so that `cargo test corpus` selects these tests too.
mod corpus {

    use proptest::prelude::*;
    use veille::corpus::decode::{decode, sanitize, sanitize_text};
    use veille::corpus::parse::parse;

    fn forbidden(c: char, keep_newline: bool) -> bool {
        (c < ' ' && !(keep_newline && c == '\n')) || ('\u{7F}'..='\u{9F}').contains(&c)
    }

    /// Strings rich in what the sanitiser must handle: escapes, C1, bidi, marks, tabs, line ends.
    fn hostile() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "\x1b",
            "[",
            "]",
            "\\",
            "\x07",
            "P",
            "_",
            "31m",
            "0;",
            "\u{9b}",
            "\u{9d}",
            "\u{9c}",
            "\r",
            "\n",
            "\t",
            "\x0c",
            "\0",
            "\u{85}",
            "\u{2028}",
            "\u{202e}",
            "\u{2066}",
            "\u{200b}",
            "\u{ad}",
            "\u{feff}",
            "\u{e0041}",
            "\u{200d}",
            "\u{301}",
            "\u{327}",
            "\u{fe0f}",
            "\u{b47}",
            "\u{b3e}",
            "e",
            "E",
            "é",
            "日",
            "«",
            " ",
            ".",
            "\"",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    fn any_text() -> impl Strategy<Value = String> {
        prop_oneof![any::<String>(), hostile()]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn sanitize_output_is_clean_and_idempotent(s in any_text()) {
            let once = sanitize(&s);
            prop_assert!(!once.chars().any(|c| forbidden(c, false)), "{:?} -> {:?}", s, once);
            prop_assert_eq!(sanitize(&once), once.clone());
        }

        #[test]
        fn sanitize_text_output_is_clean_and_idempotent(s in any_text()) {
            let once = sanitize_text(&s);
            prop_assert!(!once.chars().any(|c| forbidden(c, true)), "{:?} -> {:?}", s, once);
            prop_assert_eq!(sanitize_text(&once), once.clone());
        }

        #[test]
        fn decode_and_parse_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let d = decode(&bytes);
            prop_assert!(!d.text.chars().any(|c| forbidden(c, true)));
            let doc = parse(&d.text, "p", "fallback");
            prop_assert!(!doc.title.is_empty());
        }

        #[test]
        fn parse_never_panics_on_hostile_text(s in hostile()) {
            let doc = parse(&sanitize_text(&s), "p", "f");
            prop_assert!(!doc.title.chars().any(|c| forbidden(c, false)));
        }
    }

    /// Inputs that make naive sanitisers or parsers quadratic. No clock here (speed belongs
    /// to benchmarks): at this size a quadratic pass would take minutes and time the test
    /// run out, while a linear one is instant.
    fn survives(make: impl Fn(usize) -> String, f: impl Fn(&str) -> String) -> String {
        f(&make(400_000))
    }

    #[test]
    fn pathological_inputs_are_handled_whole() {
        let marks = |n: usize| {
            std::iter::once('a')
                .chain(std::iter::repeat_n('\u{301}', n))
                .collect::<String>()
        };
        assert!(survives(marks, sanitize).chars().count() <= 9);
        assert!(!survives(|n| "\x1b]".repeat(n), sanitize_text).contains('\x1b'));
        assert!(!survives(|n| "\x1b[".repeat(n), sanitize).contains('\x1b'));
        assert!(!survives(|n| "a.B".repeat(n), |s| parse(s, "p", "f").title).is_empty());
        survives(
            |n| format!("{}\n\nFin.", "x.".repeat(n)),
            |s| parse(s, "p", "f").title,
        );
        let zalgo = sanitize(&marks(10_000));
        assert!(zalgo.chars().count() <= 9);
    }
}
