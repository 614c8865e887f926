//! The analyst's card of each bundled seed: primary date, source, names that must and must
//! not appear, keywords, links, handles and quotations.

mod meta {
    use veille::corpus::Document;
    use veille::corpus::source::embedded;

    fn seed(prefix: &str) -> Document {
        let path = format!("seeds/{prefix}_");
        embedded()
            .docs
            .into_iter()
            .find(|d| d.path.starts_with(&path))
            .unwrap_or_else(|| panic!("seed {prefix} missing"))
    }

    fn date(d: &Document) -> Option<String> {
        d.date.map(|x| x.to_string())
    }

    fn has_all(list: &[String], want: &[&str], what: &str) {
        for w in want {
            assert!(list.iter().any(|x| x == w), "{what} lacks {w:?}: {list:?}");
        }
    }

    /// Sentence-initial words and common nouns are never names, whatever the list.
    fn has_none(d: &Document, banned: &[&str]) {
        let m = &d.meta;
        for list in [&m.people, &m.organizations, &m.places] {
            for b in banned {
                assert!(
                    !list.iter().any(|x| x == b),
                    "{b:?} listed as a name: {list:?}"
                );
            }
        }
    }

    const NEVER: [&str; 12] = [
        "Les", "Dans", "Plus", "Le", "La", "L'unité", "L'", "Des", "En", "Un", "Une", "Ces",
    ];

    #[test]
    fn seed_000() {
        let d = seed("000");
        assert_eq!(
            d.title,
            "Les outils de propagande de Daesh neutralisés, sous la houlette de la Belgique"
        );
        assert_eq!((date(&d), d.source.as_deref()), (None, None));
        assert_eq!(d.meta.people, ["Rob Wainwright"]);
        has_all(
            &d.meta.organizations,
            &[
                "Europol",
                "Eurojust",
                "Amaq",
                "IRU",
                "ECTC",
                "parquet fédéral belge",
            ],
            "orgs",
        );
        has_all(&d.meta.places, &["Belgique", "La Haye", "Trèbes"], "places");
        has_none(&d, &NEVER);
        has_none(&d, &["Action", "L'objectif", "L'action", "Avec", "Par"]);
        let k = &d.meta.keywords;
        assert!(
            k.iter().any(|x| x == "amaq" || x == "serveurs"),
            "keywords {k:?}"
        );
        assert!(k.len() <= 10 && !k.is_empty());
        // Only in years: "en 2016"; no day is written in the first paragraph.
        assert_eq!(d.meta.dates.len(), 1);
        assert!(
            d.meta
                .quotations
                .contains(&"déstabiliser fortement".to_string())
        );
    }

    #[test]
    fn seed_001() {
        let d = seed("001");
        assert_eq!(date(&d).as_deref(), Some("2019-11"));
        // No agency or outlet is stated: the embedded tweet's author is the source.
        assert_eq!(d.source.as_deref(), Some("Police Fédérale"));
        assert_eq!(d.meta.people, ["Eric Van Der Sypt"]);
        has_all(
            &d.meta.organizations,
            &["Europol", "Eurojust", "Amaq", "parquet fédéral belge"],
            "orgs",
        );
        has_all(
            &d.meta.places,
            &["La Haye", "Pays-Bas", "Belgique", "Bruxelles"],
            "places",
        );
        has_none(&d, &NEVER);
        has_none(
            &d,
            &["Radicalisation", "Européens", "Van Der Sypt", "November"],
        );
        assert_eq!(
            d.meta.links,
            ["https://t.co/TGLzDjQjyv", "pic.twitter.com/HAyJwQA6xU"]
        );
        assert_eq!(d.meta.handles, ["@europol", "@eurojust", "@policefederale"]);
        let dates: Vec<(String, &str)> = d
            .meta
            .dates
            .iter()
            .map(|m| (m.date.to_string(), m.text.as_str()))
            .collect();
        assert_eq!(
            dates,
            [
                ("2019-11".to_string(), "2019-11"),
                ("2019-11-25".to_string(), "November 25, 2019"),
                ("2019-11-21".to_string(), "21 et le 24 novembre"),
                ("2019-11-24".to_string(), "21 et le 24 novembre"),
                ("2018-04".to_string(), "avril 2018"),
                ("2016-03-22".to_string(), "22 mars 2016"),
            ]
        );
    }

    #[test]
    fn seed_002() {
        let d = seed("002");
        assert_eq!(
            (date(&d).as_deref(), d.source.as_deref()),
            (Some("2019-11"), None)
        );
        assert_eq!(d.meta.people, ["Eric Van Der Sypt", "Patrick Willockx"]);
        has_all(&d.meta.places, &["La Haye", "Belgique"], "places");
        has_none(&d, &NEVER);
        has_none(&d, &["Au", "Etats", "Il"]);
        has_all(
            &d.meta.quotations,
            &[
                "On verra combien de temps cela leur prendra pour revenir",
                "essentielle",
                "des résultats tangibles",
            ],
            "quotations",
        );
    }

    #[test]
    fn seed_003() {
        let d = seed("003");
        assert_eq!(date(&d).as_deref(), Some("2017-09-15 10:33"));
        assert_eq!(d.source.as_deref(), Some("AFP"));
        assert_eq!(d.meta.people, ["Theresa May", "Bachar al-Assad"]);
        has_all(
            &d.meta.organizations,
            &["Europol", "État islamique", "Office européen des polices"],
            "orgs",
        );
        has_all(
            &d.meta.places,
            &[
                "Deir Ezzor",
                "Damas",
                "Syrie",
                "Irak",
                "La Haye",
                "Grande-Bretagne",
            ],
            "places",
        );
        has_none(&d, &NEVER);
        has_none(
            &d,
            &["Première", "Certains", "Ceci", "Internet", "Darknet", "A"],
        );
        has_all(
            &d.meta.quotations,
            &["base solide de supporters dévoués", "califat", "dangereux"],
            "quotations",
        );
    }

    #[test]
    fn seed_004() {
        let d = seed("004");
        assert_eq!(date(&d).as_deref(), Some("2019-01-24"));
        assert_eq!(d.source.as_deref(), Some("Sénat"));
        // The title's `CAMBON Christian` and the body's `M. Christian Cambon` are one person.
        assert_eq!(d.meta.people, ["Christian Cambon"]);
        has_all(
            &d.meta.organizations,
            &["État islamique", "Europol", "Al Qaïda", "Union européenne"],
            "orgs",
        );
        has_all(&d.meta.places, &["Val-de-Marne"], "places");
        has_none(&d, &NEVER);
        has_none(
            &d,
            &[
                "Question",
                "Réponse",
                "Gouvernement",
                "Internet",
                "FAI",
                "Ainsi",
            ],
        );
        let shown: Vec<String> = d.meta.dates.iter().map(|m| m.date.to_string()).collect();
        assert_eq!(
            shown,
            ["2019-01-24", "2019-01-09", "2019-07-04", "2014-11-13"]
        );
        assert_eq!(
            d.meta.quotations,
            ["search international terrorist entities", "grand public"]
        );
    }

    #[test]
    fn keywords_are_folded_distinct_and_not_stopwords() {
        for d in embedded().docs {
            let k = &d.meta.keywords;
            assert!(!k.is_empty() && k.len() <= 10, "{}: {k:?}", d.path);
            let mut unique = k.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), k.len(), "{}: duplicates in {k:?}", d.path);
            for w in k {
                assert_eq!(*w, veille::search::fold::fold_str(w), "not folded: {w}");
                for stop in [
                    "les", "des", "est", "pour", "dans", "une", "the", "indique", "van",
                ] {
                    assert_ne!(w, stop, "{}: stopword in {k:?}", d.path);
                }
            }
        }
    }

    #[test]
    fn reading_time_words_encoding() {
        for d in embedded().docs {
            assert!(d.words > 300 && d.reading_minutes() >= 2, "{}", d.path);
            assert_eq!(d.encoding, "UTF-8");
        }
    }
}
