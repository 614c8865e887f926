//! Corpora in other shapes: JSON arrays, JSONL, Markdown front matter, mixed folders, stdin,
//! field overrides, and broken records that are skipped with file, line and column.

mod formats {
    use std::path::{Path, PathBuf};
    use veille::corpus::formats::FieldMap;
    use veille::corpus::source::{load_paths, load_paths_with, load_stdin};
    use veille::corpus::{Corpus, Document};

    fn fixtures(sub: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/formats")
            .join(sub)
    }

    fn mixed() -> Corpus {
        load_paths(&[fixtures("mixed")]).expect("mixed folder loads")
    }

    /// The part of a path or warning after the fixture folder.
    fn rel(s: &str) -> &str {
        s.rsplit_once("/mixed/").map_or(s, |(_, r)| r)
    }

    fn doc<'c>(c: &'c Corpus, path: &str) -> &'c Document {
        c.docs
            .iter()
            .find(|d| rel(&d.path) == path)
            .unwrap_or_else(|| panic!("{path} not loaded: {:?}", paths(c)))
    }

    fn paths(c: &Corpus) -> Vec<&str> {
        c.docs.iter().map(|d| rel(&d.path)).collect()
    }

    fn date(d: &Document) -> Option<String> {
        d.date.map(|x| x.to_string())
    }

    #[test]
    fn mixed_folder_every_format_in_path_order() {
        let c = mixed();
        assert_eq!(
            paths(&c),
            [
                "articles.json#1",
                "articles.json#7",
                "brackets.txt",
                "plain.txt",
                "records.txt#1",
                "stream.jsonl:1",
                "stream.jsonl:2",
                "stream.jsonl:6",
                "toml.md",
                "yaml.md",
            ]
        );
        // Keywords are computed over the whole mixed corpus.
        assert!(c.docs.iter().all(|d| !d.meta.keywords.is_empty()));
    }

    #[test]
    fn json_array_records_and_field_names() {
        let c = mixed();
        let d = doc(&c, "articles.json#1");
        assert_eq!(d.title, "Europol démantèle les serveurs d'Amaq");
        assert_eq!(date(d).as_deref(), Some("2019-11-25"));
        assert_eq!(d.source.as_deref(), Some("Belga"));
        assert_eq!(d.meta.url.as_deref(), Some("https://example.org/amaq"));
        assert_eq!(d.meta.author.as_deref(), Some("Rédaction"));
        assert_eq!(d.blocks.len(), 2, "text split on blank lines");
        assert!(d.meta.people.contains(&"Eric Van Der Sypt".to_string()));
        assert!(d.meta.places.contains(&"La Haye".to_string()));
        // headline / published / outlet / body as an array of paragraphs; escapes sanitised.
        let d = doc(&c, "articles.json#7");
        assert_eq!(d.title, "Un titre propre");
        assert_eq!(date(d).as_deref(), Some("2016-03-22"));
        assert_eq!(d.source.as_deref(), Some("AFP"));
        assert_eq!(d.blocks.len(), 2);
    }

    #[test]
    fn broken_records_are_skipped_with_file_line_column() {
        let c = mixed();
        let w: Vec<&str> = c.warnings.iter().map(|w| rel(w)).collect();
        let want = [
            "articles.json:10:49: trailing comma",
            "articles.json:11:57: expected value",
            "articles.json:12:3: field \"title\" is a number, expected a string",
            "articles.json:13:40: unexpected end of hex escape",
            "articles.json:14:3: record is a string, expected an object",
            "articles.json:21:1: trailing comma",
            "stream.jsonl:3:1: field \"text\" is an object, expected a string",
            "stream.jsonl:5:",
            "stream.jsonl:7:",
        ];
        for prefix in want {
            assert!(
                w.iter().any(|x| x.starts_with(prefix)),
                "no warning starting {prefix:?} in {w:#?}"
            );
        }
        assert_eq!(w.len(), want.len(), "{w:#?}");
    }

    #[test]
    fn jsonl_lines_bom_and_dates() {
        let c = mixed();
        let d = doc(&c, "stream.jsonl:1");
        assert_eq!(date(d).as_deref(), Some("2017-09-15 10:33"));
        assert_eq!(
            (d.title.as_str(), d.source.as_deref()),
            ("Ligne un", Some("AFP"))
        );
        assert_eq!(doc(&c, "stream.jsonl:2").title, "Ligne avec BOM");
        assert_eq!(
            date(doc(&c, "stream.jsonl:6")).as_deref(),
            Some("2019-07-04")
        );
    }

    #[test]
    fn markdown_front_matter_yaml_and_toml() {
        let c = mixed();
        let d = doc(&c, "yaml.md");
        assert_eq!(d.title, "Propagande : le bilan");
        assert_eq!(date(d).as_deref(), Some("2019-11"));
        assert_eq!(d.source.as_deref(), Some("Le Soir"));
        assert_eq!(d.meta.tags, ["propagande", "Amaq", "serveurs"]);
        // The body's own `# heading` is kept; year-less days take the front matter's year.
        assert_eq!(d.headings().collect::<Vec<_>>(), ["Un titre dans le corps"]);
        let days: Vec<String> = d.meta.dates.iter().map(|m| m.date.to_string()).collect();
        assert_eq!(days, ["2019-11", "2019-11-21", "2019-11-24"]);
        let d = doc(&c, "toml.md");
        assert_eq!(d.title, "Réunion à Bruxelles");
        assert_eq!(date(d).as_deref(), Some("2018-04-12"));
        assert_eq!(d.meta.tags, ["Europol", "Eurojust"]);
        assert!(d.blocks[0].text().starts_with("Le texte de la réunion"));
    }

    #[test]
    fn txt_by_content() {
        let c = mixed();
        assert_eq!(doc(&c, "records.txt#1").title, "Du JSON dans un .txt");
        let d = doc(&c, "brackets.txt");
        assert!(d.title.starts_with("[Note]"));
        let d = doc(&c, "plain.txt");
        assert_eq!(
            (date(d).as_deref(), d.source.as_deref()),
            (Some("2017-09-15 10:33"), Some("AFP"))
        );
    }

    #[test]
    fn field_overrides() {
        let dir = fixtures("override");
        // Without the override neither record has a text field of a known name but the second.
        let c = load_paths(std::slice::from_ref(&dir)).expect("loads");
        let titles: Vec<&str> = c.docs.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, ["Champ renommé", "Sans article"]);
        assert!(c.docs[0].blocks.is_empty());
        let mut fields = FieldMap::default();
        for o in ["text=article", "date=when"] {
            let (f, k) = FieldMap::parse_override(o).expect("valid override");
            fields.set(f, &k);
        }
        let c = load_paths_with(&[dir], &fields).expect("loads");
        assert_eq!(c.docs[0].blocks.len(), 1);
        assert_eq!(date(&c.docs[0]).as_deref(), Some("2020-02-03"));
        assert!(
            c.docs[1].blocks.is_empty(),
            "body is not read when text=article"
        );
        assert!(FieldMap::parse_override("nope").is_err());
    }

    #[test]
    fn deep_nesting_and_long_lines_do_not_overflow() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let deep_obj = format!(
            "{{\"text\": {}1{}}}",
            "{\"a\":".repeat(100_000),
            "}".repeat(100_000)
        );
        std::fs::write(
            tmp.path().join("deep.jsonl"),
            format!("{deep}\n{deep_obj}\n{{\"text\": \"Survit.\"}}\n"),
        )
        .expect("write");
        std::fs::write(
            tmp.path().join("deep.json"),
            format!("[{deep}, {{\"text\": \"Aussi.\"}}]"),
        )
        .expect("write");
        let c = load_paths(&[tmp.path().to_path_buf()]).expect("loads");
        let titles: Vec<&str> = c.docs.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, ["Aussi", "Survit"]);
        assert_eq!(c.warnings.len(), 3, "{:?}", c.warnings);
        assert!(
            c.warnings
                .iter()
                .all(|w| w.contains("nested deeper than 128"))
        );
        assert!(c.warnings[1].ends_with("deep.jsonl:1:1: nested deeper than 128 levels"));
    }

    #[test]
    fn stdin_jsonl_or_one_text() {
        let jsonl = "{\"title\": \"A\", \"text\": \"Un.\"}\n{\"title\": oops}\n{\"title\": \"B\", \"text\": \"Deux.\"}\n";
        let c = load_stdin(jsonl.as_bytes(), &FieldMap::default()).expect("stdin");
        let paths: Vec<&str> = c.docs.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["stdin:1", "stdin:3"]);
        assert_eq!(c.warnings.len(), 1);
        assert!(
            c.warnings[0].starts_with("stdin:2:11: "),
            "{:?}",
            c.warnings
        );
        let c = load_stdin(
            "Un titre\n\nLe 3 mars 2020, un texte.".as_bytes(),
            &FieldMap::default(),
        )
        .expect("stdin");
        assert_eq!((c.docs.len(), c.docs[0].title.as_str()), (1, "Un titre"));
        assert_eq!(date(&c.docs[0]).as_deref(), Some("2020-03-03"));
        assert!(load_stdin("  \n".as_bytes(), &FieldMap::default()).is_err());
        assert!(load_stdin("{\"x\": 1}\n".as_bytes(), &FieldMap::default()).is_err());
    }
}
