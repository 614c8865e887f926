//! Acceptance tests on the five bundled seeds: what each one parses to.
//! Must not depend on the file system: the seeds come from the binary itself.

// Inside `mod corpus` so that `cargo test corpus` selects these tests too.
mod corpus {

    use veille::corpus::source::embedded;
    use veille::corpus::{Block, Document};

    fn seed(prefix: &str) -> Document {
        let corpus = embedded();
        let path = format!("seeds/{prefix}_");
        corpus
            .docs
            .into_iter()
            .find(|d| d.path.starts_with(&path))
            .unwrap_or_else(|| panic!("seed {prefix} missing"))
    }

    fn body(d: &Document) -> String {
        d.blocks
            .iter()
            .map(Block::text)
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    fn date(d: &Document) -> Option<String> {
        d.date.map(|x| x.to_string())
    }

    fn headings(d: &Document) -> Vec<&str> {
        d.headings().collect()
    }

    #[test]
    fn all_five_in_name_order_without_warnings() {
        let c = embedded();
        let names: Vec<&str> = c.docs.iter().map(|d| &d.path[6..9]).collect();
        assert_eq!(names, ["000", "001", "002", "003", "004"]);
        assert!(c.warnings.is_empty());
        assert!(
            c.docs
                .iter()
                .all(|d| d.encoding == "UTF-8" && d.words > 300)
        );
    }

    #[test]
    fn seed_000_headline() {
        let d = seed("000");
        assert_eq!(
            d.title,
            "Les outils de propagande de Daesh neutralisés, sous la houlette de la Belgique"
        );
        assert_eq!((date(&d), d.source.as_deref()), (None, None));
        assert_eq!(
            headings(&d),
            [
                "Action de déstabilisation",
                "Un grand coup contre la radicalisation"
            ]
        );
        assert!(d.blocks[0].text().starts_with("Les polices américaine"));
        assert!(!body(&d).contains("sous la houlette"));
        assert_eq!(d.blocks.len(), 11);
    }

    #[test]
    fn seed_001_marker_and_glued_sentences() {
        let d = seed("001");
        assert_eq!(date(&d).as_deref(), Some("2019-11"));
        // No agency or outlet is stated; the embedded tweet's author is (metadata issue).
        assert_eq!(d.source.as_deref(), Some("Police Fédérale"));
        assert_eq!(
            d.title,
            "La propagande terroriste en ligne enrayée grâce à la justice, la police belge…"
        );
        assert!(d.title.chars().count() <= 81);
        assert_eq!(headings(&d), ["Radicalisation des Européens"]);
        let text = body(&d);
        assert!(!text.contains("date 2019"));
        assert!(d.blocks[0].text().starts_with("La propagande terroriste"));
        assert!(
            d.blocks[0].text().ends_with("November 25, 2019"),
            "body keeps the whole first paragraph"
        );
        for fixed in [
            "a fait savoir Europol. \"Nous avons",
            "( @europol & @eurojust ). Plus de 26000",
            "fédéral belge. \"Est-ce un succès",
            "(Pays-Bas). Parmi ces contenus",
            "\"ne s'y attendait pas\". Un \"effort",
            "M. Van Der Sypt. Le parquet",
        ] {
            assert!(text.contains(fixed), "missing {fixed:?}");
        }
        for kept in [
            "https://t.co/TGLzDjQjyv",
            "pic.twitter.com/HAyJwQA6xU",
            "\"26.000 éléments",
            "M. Van Der Sypt",
        ] {
            assert!(text.contains(kept), "broke {kept:?}");
        }
    }

    #[test]
    fn seed_002_marker_and_guillemets() {
        let d = seed("002");
        assert_eq!(date(&d).as_deref(), Some("2019-11"));
        assert_eq!(d.source, None);
        assert_eq!(
            d.title,
            "La vaste cyberattaque lancée sous leadership belge, en collaboration…"
        );
        assert_eq!(headings(&d), ["Un outil de radicalisation"]);
        assert!(d.blocks[0].text().starts_with("La vaste cyberattaque"));
        assert!(d.blocks[0].text().ends_with("a-t-il commenté."));
        assert!(!body(&d).contains("date 2019"));
    }

    #[test]
    fn seed_003_agency_dateline() {
        let d = seed("003");
        assert_eq!(date(&d).as_deref(), Some("2017-09-15 10:33"));
        assert_eq!(d.source.as_deref(), Some("AFP"));
        assert_eq!(
            d.title,
            "Le groupe État islamique (ÉI) conserve une «base solide de supporters dévoués»…"
        );
        assert_eq!(headings(&d), Vec::<&str>::new());
        let text = body(&d);
        assert!(
            !text.contains("10h33") && !text.contains("15-09-2017") && !text.contains("date 2017")
        );
        assert!(d.blocks[0].text().starts_with("Le groupe État islamique"));
        assert_eq!(d.blocks.len(), 10);
    }

    #[test]
    fn seed_004_senate_written_question() {
        let d = seed("004");
        assert_eq!(
            d.title,
            "Question de M. CAMBON Christian (Val-de-Marne - Les Républicains) publiée le 24/01/2019"
        );
        assert_eq!(date(&d).as_deref(), Some("2019-01-24"));
        assert_eq!(d.source.as_deref(), Some("Sénat"));
        assert_eq!(
            headings(&d),
            ["Réponse du Ministère de l'intérieur publiée le 04/07/2019"]
        );
        let text = body(&d);
        for furniture in [
            "- page 376",
            "- page 3533",
            "Page mise à jour",
            "Question de M. CAMBON",
        ] {
            assert!(!text.contains(furniture), "{furniture:?} left in the body");
        }
        assert!(d.blocks[0].text().starts_with("M. Christian Cambon attire"));
        assert!(
            d.blocks
                .last()
                .is_some_and(|b| b.text().ends_with("enquête pénale."))
        );
        // No-break spaces of the Journal officiel survive as they are.
        assert!(text.contains("n°\u{a0}2014-1353 du 13\u{a0}novembre\u{a0}2014"));
    }

    #[test]
    fn reading_time_and_words() {
        for d in embedded().docs {
            assert!(d.reading_minutes() >= 1);
            assert!(d.words < 1000, "{}: {}", d.path, d.words);
        }
    }
}
