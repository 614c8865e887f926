//! Unit and property tests of the query syntax and its hints.
use super::*;
use proptest::prelude::*;

fn word(w: &str) -> Alternative {
    Alternative::Word(w.into())
}

fn clause(negated: bool, alternatives: Vec<Alternative>) -> Clause {
    Clause {
        negated,
        alternatives,
        typed: Vec::new(),
    }
}

fn phrase(words: &[&str], last_is_prefix: bool) -> Alternative {
    Alternative::Phrase {
        words: words.iter().map(|w| w.to_string()).collect(),
        last_is_prefix,
    }
}

#[test]
fn words_are_folded_clauses() {
    let q = Query::parse("  État  l'Europol ");
    assert_eq!(
        q.clauses,
        [
            clause(false, vec![word("etat")]),
            clause(false, vec![word("europol")])
        ]
    );
    assert!(Query::parse(" \t ").is_empty());
}

#[test]
fn phrases_exclusions_and_alternatives() {
    let q = Query::parse("“État islamique” -syrie europol | eurojust");
    assert_eq!(
        q.clauses,
        [
            clause(false, vec![phrase(&["etat", "islamique"], false)]),
            clause(true, vec![word("syrie")]),
            clause(false, vec![word("europol"), word("eurojust")]),
        ]
    );
    assert_eq!(
        Query::parse("«la haye").clauses,
        [clause(false, vec![phrase(&["la", "haye"], true)])]
    );
    assert_eq!(
        Query::parse("pays-b").clauses,
        [clause(false, vec![phrase(&["pays", "b"], true)])]
    );
}

#[test]
fn malformed_input_is_read_plainly() {
    assert!(Query::parse("\"\" | - -- || \"").is_empty());
    assert_eq!(
        Query::parse("| a |").clauses,
        [clause(false, vec![word("a")])]
    );
    assert_eq!(
        Query::parse("a - b").clauses,
        [
            clause(false, vec![word("a")]),
            clause(false, vec![word("b")])
        ]
    );
    assert_eq!(
        Query::parse("a|-b").clauses,
        [clause(false, vec![word("a"), word("b")])]
    );
}

#[test]
fn huge_input_is_capped() {
    let input: String = (0..100_000).map(|i| format!("w{i} ")).collect();
    assert_eq!(Query::parse(&input).clauses.len(), MAX_CLAUSES);
    assert_eq!(Query::parse("europol Europol EUROPOL").clauses.len(), 1);
}

fn parse(s: &str) -> Vec<Clause> {
    Query::parse(s).clauses
}

#[test]
fn fields_are_read_and_combine() {
    assert_eq!(
        parse("Title:Europol -source:AFP date:2019-11 lang:français"),
        [
            clause(false, vec![Alternative::Title(Box::new(word("europol")))]),
            clause(true, vec![Alternative::Source(vec!["afp".into()])]),
            clause(
                false,
                vec![Alternative::Date(DateRange {
                    from: (2019, 11, 1),
                    to: (2019, 11, 31)
                })]
            ),
            clause(false, vec![Alternative::Lang("fr".into())]),
        ]
    );
    assert_eq!(
        parse("title:\"etat islamique\" | source:sen"),
        [clause(
            false,
            vec![
                Alternative::Title(Box::new(phrase(&["etat", "islamique"], false))),
                Alternative::Source(vec!["sen".into()])
            ]
        )]
    );
    assert!(matches!(
        parse("date:2017..2018")[0].alternatives[0],
        Alternative::Date(_)
    ));
}

#[test]
fn typed_keeps_what_the_user_wrote() {
    let q = Query::parse("Eurpol “État islamique” title:Daech a|B");
    let typed: Vec<&str> = q
        .clauses
        .iter()
        .flat_map(|c| c.typed.iter().map(String::as_str))
        .collect();
    assert_eq!(typed, ["Eurpol", "État islamique", "Daech", "a", "B"]);
}

#[test]
fn hints_say_how_odd_queries_were_read() {
    assert!(query_hints("europol \"etat islamique\" -afp title:x date:2019 a | b").is_empty());
    assert!(query_hints("").is_empty());
    let one = |q: &str| query_hints(q).join("; ");
    assert_eq!(
        one("\"etat isl"),
        "unclosed quote: searched as a phrase to the end"
    );
    assert_eq!(one("title: europol"), "empty field \"title:\": ignored");
    assert_eq!(one("date:20x9 europol"), "bad date \"date:20x9\": ignored");
    assert_eq!(one("foo:bar"), "unknown field \"foo:\": searched as words");
    assert_eq!(one("a |"), "\"|\" with nothing after it: ignored");
    assert_eq!(
        one("date:2019..2017"),
        "date range \"date:2019..2017\" reversed: swapped"
    );
    assert!(one("lang:de").starts_with("unknown language"));
    // Malformed parts still leave the rest of the query.
    assert_eq!(
        parse("date:20x9 europol"),
        [clause(false, vec![word("europol")])]
    );
    assert_eq!(
        parse("title: europol"),
        [clause(false, vec![word("europol")])]
    );
}

proptest! {
    #[test]
    fn hints_never_panic(s in "[a-z:0-9. \"|«»'-]{0,30}|\\PC{0,30}") {
        let _ = query_hints(&s);
    }


    #[test]
    fn parse_never_panics_and_has_no_empty_parts(
        s in "[a-z \"|«»'-]{0,30}|(title|source|date|lang|x):[a-z0-9.\" -]{0,8}|\\PC{0,30}"
    ) {
        for c in Query::parse(&s).clauses {
            prop_assert!(!c.alternatives.is_empty());
            prop_assert_eq!(c.alternatives.len(), c.typed.len());
            for a in c.alternatives {
                match a.text_part().cloned().unwrap_or(a) {
                    Alternative::Word(w) => prop_assert!(!w.is_empty()),
                    Alternative::Phrase { words, .. } => {
                        prop_assert!(!words.is_empty());
                        prop_assert!(words.iter().all(|w| !w.is_empty()));
                    }
                    Alternative::Source(words) => prop_assert!(!words.is_empty()),
                    _ => {}
                }
            }
        }
    }
}
