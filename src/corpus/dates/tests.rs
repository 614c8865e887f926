//! Tests of `corpus::dates`.

use super::*;

fn show(text: &str, default_year: Option<i32>) -> Vec<(String, String)> {
    find(text)
        .iter()
        .filter_map(|f| f.resolve(default_year))
        .map(|m| (m.date.to_string(), m.text))
        .collect()
}

#[test]
fn forms() {
    assert_eq!(
        show("AFP 15-09-2017 | 10h33", None),
        [("2017-09-15 10:33".into(), "15-09-2017 | 10h33".into())]
    );
    assert_eq!(
        show("entre le 21 et le 24 novembre, puis", Some(2019)),
        [
            ("2019-11-21".into(), "21 et le 24 novembre".into()),
            ("2019-11-24".into(), "21 et le 24 novembre".into()),
        ]
    );
    assert_eq!(show("le 21 et le 24 novembre", None), []);
    assert_eq!(
        show("(@policefederale) November 25, 2019", None),
        [("2019-11-25".into(), "November 25, 2019".into())]
    );
    assert_eq!(
        show("en avril 2018, en 2016 et 1029 éléments", None),
        [
            ("2018-04".into(), "avril 2018".into()),
            ("2016".into(), "2016".into()),
        ]
    );
    assert_eq!(
        show("le 1er mars 2019 à 10h, le 2019-11-25T10:33:00Z", None),
        [
            ("2019-03-01 10:00".into(), "1er mars 2019 à 10h".into()),
            ("2019-11-25 10:33".into(), "2019-11-25T10:33:00Z".into()),
        ]
    );
    assert_eq!(
        show("loi n° 2014-1353 du 13 novembre 2014 (24h/24) 26.000", None),
        [("2014-11-13".into(), "13 novembre 2014".into())]
    );
    assert_eq!(show("32/13/2019 00/01/2019 31/02/2019 May be", None), []);
}
