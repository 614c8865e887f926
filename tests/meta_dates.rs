//! Date parsing tables: every form a French or English press text writes, precision kept,
//! and invalid dates rejected.

mod meta {
    use veille::corpus::dates::find;
    use veille::corpus::meta::enrich;
    use veille::corpus::parse::parse;

    /// `(date as shown, words it was read from)` for each date in `text`.
    fn read(text: &str, year: Option<i32>) -> Vec<(String, String)> {
        find(text)
            .iter()
            .filter_map(|f| f.resolve(year))
            .map(|m| (m.date.to_string(), m.text))
            .collect()
    }

    fn one(text: &str) -> Option<String> {
        match read(text, None).as_slice() {
            [(d, _)] => Some(d.clone()),
            [] => None,
            more => panic!("{text:?} read as several dates: {more:?}"),
        }
    }

    #[test]
    fn every_form_of_the_issue() {
        let table = [
            ("date 2019-11", "2019-11"),
            ("AFP 15-09-2017 | 10h33", "2017-09-15 10:33"),
            ("24/01/2019", "2019-01-24"),
            ("publiée le 04/07/2019", "2019-07-04"),
            ("le 22 mars 2016 par", "2016-03-22"),
            ("(@policefederale) November 25, 2019", "2019-11-25"),
            ("Nov. 25, 2019", "2019-11-25"),
            ("25 November 2019", "2019-11-25"),
            ("2019-11-25", "2019-11-25"),
            ("2019-11-25T10:33:00Z", "2019-11-25 10:33"),
            ("2019-11-25T10:33+01:00", "2019-11-25 10:33"),
            ("le 1er mars 2019", "2019-03-01"),
            ("en avril 2018,", "2018-04"),
            ("Publié le 03/02/2020 à 08:05", "2020-02-03 08:05"),
            ("09.11.1989", "1989-11-09"),
            ("le 29/02/2020", "2020-02-29"),
            ("en 2016", "2016"),
            ("lundi 13 novembre 2014", "2014-11-13"),
        ];
        for (text, want) in table {
            assert_eq!(one(text).as_deref(), Some(want), "{text:?}");
        }
    }

    #[test]
    fn invalid_and_non_dates_are_rejected() {
        for text in [
            "32/13/2019",
            "00/01/2019",
            "31/02/2019",
            "29/02/2019",
            "2019-13",
            "2019-02-30",
            "26.000 éléments",
            "loi n° 2014-1353",
            "(24h/24)",
            "1029 éléments",
            "campagne lancée 2015",
            "Theresa May souhaite",
            "32 mars 2016",
            "11/25/2019",
            "2019-11-25T25:00",
        ] {
            assert_eq!(read(text, None), [], "{text:?}");
        }
    }

    #[test]
    fn yearless_days_take_the_primary_year_or_are_dropped() {
        let text = "L'opération, qui s'est déroulée entre le 21 et le 24 novembre, a";
        assert_eq!(
            read(text, Some(2019)),
            [
                ("2019-11-21".to_string(), "21 et le 24 novembre".to_string()),
                ("2019-11-24".to_string(), "21 et le 24 novembre".to_string()),
            ]
        );
        assert_eq!(read(text, None), []);
        assert_eq!(
            read("du 3 au 5 mai", Some(2020))
                .into_iter()
                .map(|(d, _)| d)
                .collect::<Vec<_>>(),
            ["2020-05-03", "2020-05-05"]
        );
    }

    #[test]
    fn primary_date_is_stated_or_first_full_date_of_first_paragraph() {
        let mut d = parse(
            "Un titre\n\nLe 9 mai 2021, puis le 8 mai 2021.\n\nLe 1er janvier 2020.",
            "p",
            "f",
        );
        enrich(&mut d);
        assert_eq!(d.date.map(|x| x.to_string()).as_deref(), Some("2021-05-09"));
        // A stated date wins over the body's, and precision is kept: a month stays a month.
        let mut d = parse(
            " date 2019-11 Texte du 25 novembre 2019.\n\nSuite.",
            "p",
            "f",
        );
        enrich(&mut d);
        assert_eq!(d.date.map(|x| x.to_string()).as_deref(), Some("2019-11"));
        assert_eq!(d.meta.dates.len(), 2);
        // Only a month in the first paragraph: no primary date, and year-less days dropped.
        let mut d = parse("Un titre\n\nEn avril 2018, le 3 mai.\n\nFin.", "p", "f");
        enrich(&mut d);
        assert_eq!(d.date, None);
        assert_eq!(d.meta.dates.len(), 1);
    }
}
