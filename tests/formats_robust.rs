//! The JSON, JSONL and front matter readers never panic, whatever the bytes.

mod formats {
    use proptest::prelude::*;
    use veille::corpus::formats::FieldMap;
    use veille::corpus::frontmatter::split;
    use veille::corpus::json::{load_array, load_lines};
    use veille::corpus::source::load_stdin;

    fn all(s: &str) {
        let f = FieldMap::default();
        let _ = load_array(s, "f", &f, "UTF-8");
        let _ = load_lines(s, "f", &f, "UTF-8");
        let _ = split(s, &f);
        let _ = load_stdin(s.as_bytes(), &f);
    }

    proptest! {
        #[test]
        fn json_soup(s in "[\\[\\]{}\",:\\\\ a-z0-9\n\u{FEFF}é]{0,120}") {
            all(&s);
        }

        #[test]
        fn any_text(s in any::<String>()) {
            all(&s);
        }

        #[test]
        fn front_matter_soup(s in "(---|\\+\\+\\+)\n[a-z:=\\[\\]\"', \n#-]{0,80}(---|\\+\\+\\+)?\n?[a-z ]{0,10}") {
            all(&s);
        }
    }

    #[test]
    fn edge_cases() {
        for s in [
            "",
            "[",
            "]",
            "{",
            "[,]",
            "[,,]",
            "[1,",
            "[\"\\",
            "{\"text\": \"\\u",
            "---\n---",
            "+++\n+++\n",
            "\u{FEFF}[]",
            "[]]",
            "[{}}, {}]",
        ] {
            all(s);
        }
    }
}
