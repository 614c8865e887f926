//! Metadata extraction never panics, whatever the text: arbitrary strings, odd punctuation,
//! multi-byte characters next to every delimiter the extractors look for.

mod meta {
    use proptest::prelude::*;
    use veille::corpus::Corpus;
    use veille::corpus::meta::{add_keywords, enrich};
    use veille::corpus::parse::parse;
    use veille::corpus::sanitize::sanitize_text;

    fn card(text: &str) {
        let mut d = parse(&sanitize_text(text), "p", "f");
        enrich(&mut d);
        let mut c = Corpus {
            docs: vec![d.clone(), d],
            warnings: Vec::new(),
        };
        add_keywords(&mut c);
    }

    proptest! {
        #[test]
        fn any_text(s in any::<String>()) {
            card(&s);
        }

        #[test]
        fn delimiter_soup(s in "[«»“”\"()@—:/.,' a-zA-Zéà0-9\\-|\n]{0,200}") {
            card(&s);
        }
    }

    #[test]
    fn edge_cases() {
        for s in [
            "",
            "«",
            "»«",
            "\"",
            "@",
            "— (@",
            "— X (@)",
            "1er",
            "le 21 et",
            "et le 24 novembre",
            "Nov.",
            "2019-11-25T",
            "2019-11-25T1",
            "M.",
            "L'",
            "d'",
            "al-",
            "https://",
            "(((",
            "31 et 30 et 29 et 28 février",
        ] {
            card(s);
        }
        card(&"é".repeat(100_000));
        card(&"« ".repeat(10_000));
        card(&"Le 21 et ".repeat(10_000));
    }
}
