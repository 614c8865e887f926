//! Relevance suite: queries an analyst would type, over the five seeds and a fixture corpus
//! of twenty short French and English articles, each with its expected top results.
//! Must not test the TUI; everything here goes through the public search API.

use std::path::{Path, PathBuf};

use veille::corpus::Corpus;
use veille::corpus::source::{embedded, load_paths};
use veille::search::{Hit, Index, SortBy, query_hints, run, sort_hits};

fn fixtures() -> Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/relevance");
    load_paths(&[dir]).unwrap_or_default()
}

/// File names without folder and extension: `f01_europol_pays_bas`, `000_e09503fa8948f584`.
fn name(corpus: &Corpus, hit: &Hit) -> String {
    let path = PathBuf::from(&corpus.docs[hit.doc].path);
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn names(corpus: &Corpus, query: &str) -> Vec<String> {
    let index = Index::build(corpus);
    run(&index, corpus, query)
        .iter()
        .map(|h| name(corpus, h))
        .collect()
}

/// What a query must return.
enum Expect {
    /// These first, in this order (more results may follow).
    Top(&'static [&'static str]),
    /// Exactly these, in this order.
    Exactly(&'static [&'static str]),
    /// Exactly these, in any order.
    Set(&'static [&'static str]),
    /// These among the results, anywhere.
    Has(&'static [&'static str]),
    Nothing,
}
use Expect::*;

const S000: &str = "000_e09503fa8948f584";
const S001: &str = "001_9d81120c4d4a292b";
const S002: &str = "002_64a0029efa1089e3";
const S003: &str = "003_e831cb0ce1252060";
const S004: &str = "004_7965efc09c04ce76";

/// Queries over the seeds, each with why it matters.
const SEED_CASES: &[(&str, Expect)] = &[
    // Folding: case and diacritics, elisions.
    ("Etat", Set(&[S000, S002, S003, S004])),
    ("État", Set(&[S000, S002, S003, S004])),
    ("l'Etat", Set(&[S000, S002, S003, S004])),
    ("EI", Has(&[S000, S001, S003])),
    ("l’EI", Has(&[S000, S001, S003])),
    // Hyphens: the compound as two words, as typed, glued.
    ("pays bas", Exactly(&[S000, S001])),
    ("pays-bas", Exactly(&[S000, S001])),
    ("Pays-Bas", Exactly(&[S000, S001])),
    // Prefix and typos.
    ("radical", Set(&[S000, S001, S002])),
    ("eurpol", Set(&[S000, S001, S002, S003, S004])),
    ("propagnde", Set(&[S000, S001, S002, S003, S004])),
    ("Wainright", Exactly(&[S000])),
    ("djihadiste", Top(&[S000])),
    ("djihadiste", Set(&[S000, S003, S004])),
    ("jihadiste", Set(&[S000, S003, S004])),
    ("zqxjk", Nothing),
    // Fields.
    ("date:2019-11", Exactly(&[S001, S002])),
    ("date:2019", Set(&[S001, S002, S004])),
    ("date:2017..2018", Exactly(&[S003])),
    ("lang:fr", Set(&[S000, S001, S002, S003, S004])),
    ("lang:en", Nothing),
    ("source:afp", Exactly(&[S003])),
    ("source:senat", Exactly(&[S004])),
    ("-source:afp europol", Set(&[S000, S001, S002, S004])),
    ("title:europol", Nothing),
    ("title:propagande", Set(&[S000, S001])),
    // Phrases, exclusion, alternatives.
    ("\"État islamique\"", Top(&[S003])),
    ("\"islamique État\"", Nothing),
    ("europol -amaq", Set(&[S003, S004])),
    ("wainwright | sénat", Set(&[S000, S004])),
];

/// Queries over the fixture corpus.
const FIXTURE_CASES: &[(&str, Expect)] = &[
    ("Etat", Top(&["f11_etat_cybersecurite"])),
    ("l'Etat", Top(&["f11_etat_cybersecurite"])),
    (
        "État",
        Set(&[
            "f11_etat_cybersecurite",
            "f07_francais_diplomatie",
            "f03_djihadistes_propagande",
        ]),
    ),
    (
        "francais",
        Top(&["f07_francais_diplomatie", "f05_jihadiste_condamne"]),
    ),
    ("oeuvre", Top(&["f06_oeuvre_amsterdam"])),
    (
        "œuvre",
        Set(&["f06_oeuvre_amsterdam", "f17_seasonal_vegetables"]),
    ),
    ("l’EI", Top(&["f16_rapport_ei"])),
    (
        "EI",
        Set(&[
            "f16_rapport_ei",
            "f05_jihadiste_condamne",
            "f01_europol_pays_bas",
        ]),
    ),
    (
        "pays bas",
        Exactly(&[
            "f01_europol_pays_bas",
            "f18_hiver_pays_bas",
            "f06_oeuvre_amsterdam",
        ]),
    ),
    (
        "pays-bas",
        Exactly(&[
            "f01_europol_pays_bas",
            "f18_hiver_pays_bas",
            "f06_oeuvre_amsterdam",
        ]),
    ),
    (
        "radical",
        Top(&["f15_radical_preachers", "f09_conference_radicalisation"]),
    ),
    (
        "eurpol",
        Top(&[
            "f01_europol_pays_bas",
            "f08_amaq_servers",
            "f14_eurojust_accord",
        ]),
    ),
    (
        "propagnde",
        Top(&["f13_reseaux_sociaux", "f03_djihadistes_propagande"]),
    ),
    ("Wainright", Exactly(&["f02_wainwright_propaganda"])),
    ("wainwright", Exactly(&["f02_wainwright_propaganda"])),
    (
        "djihadiste",
        Top(&["f03_djihadistes_propagande", "f05_jihadiste_condamne"]),
    ),
    ("jihadiste", Top(&["f05_jihadiste_condamne"])),
    ("jihadiste", Has(&["f03_djihadistes_propagande"])),
    ("zqxjk", Nothing),
    (
        "zqxjk | wainwright",
        Exactly(&["f02_wainwright_propaganda"]),
    ),
    ("\"la haye\"", Top(&["f09_conference_radicalisation"])),
    // A phrase whose last word is being typed: found where the phrase goes on with it.
    ("\"la ha", Top(&["f09_conference_radicalisation"])),
    (
        "\"propagande en l",
        Exactly(&["f03_djihadistes_propagande"]),
    ),
    (
        "\"la haye\" -europol",
        Exactly(&["f09_conference_radicalisation"]),
    ),
    ("europol -amaq", Has(&["f01_europol_pays_bas"])),
    (
        "hybrid | encrochat",
        Exactly(&["f19_hybrid_threats", "f12_dutch_phones"]),
    ),
    (
        "europol netherlands",
        Set(&["f08_amaq_servers", "f12_dutch_phones"]),
    ),
    // Fields; filters alone rank by date, newest first, undated last.
    (
        "title:europol",
        Exactly(&[
            "f14_eurojust_accord",
            "f08_amaq_servers",
            "f01_europol_pays_bas",
        ]),
    ),
    (
        "date:2019-11",
        Exactly(&[
            "f08_amaq_servers",
            "f01_europol_pays_bas",
            "f16_rapport_ei",
            "f19_hybrid_threats",
        ]),
    ),
    (
        "date:2019-11 europol",
        Top(&["f01_europol_pays_bas", "f08_amaq_servers"]),
    ),
    (
        "europol -date:2019",
        Set(&[
            "f14_eurojust_accord",
            "f12_dutch_phones",
            "f02_wainwright_propaganda",
        ]),
    ),
    (
        "date:2020..2021",
        Exactly(&[
            "f14_eurojust_accord",
            "f12_dutch_phones",
            "f06_oeuvre_amsterdam",
        ]),
    ),
    (
        "source:afp",
        Exactly(&["f08_amaq_servers", "f11_etat_cybersecurite"]),
    ),
    (
        "-source:afp europol lang:en",
        Set(&["f12_dutch_phones", "f02_wainwright_propaganda"]),
    ),
    (
        "lang:en",
        Exactly(&[
            "f12_dutch_phones",
            "f08_amaq_servers",
            "f19_hybrid_threats",
            // Same month, same score: corpus order.
            "f02_wainwright_propaganda",
            "f17_seasonal_vegetables",
            "f04_jihadist_networks",
            "f15_radical_preachers",
            "f10_history_propaganda",
        ]),
    ),
    ("lang:de", Nothing),
    // Malformed queries still search what the user meant.
    (
        "\"propagande en ligne",
        Exactly(&["f03_djihadistes_propagande"]),
    ),
    ("title: wainwright", Exactly(&["f02_wainwright_propaganda"])),
    (
        "date:20x9 wainwright",
        Exactly(&["f02_wainwright_propaganda"]),
    ),
    ("| wainwright |", Exactly(&["f02_wainwright_propaganda"])),
    ("wainwright -", Exactly(&["f02_wainwright_propaganda"])),
];

fn check(corpus: &Corpus, cases: &[(&str, Expect)]) -> Vec<String> {
    let mut failures = Vec::new();
    for (query, expect) in cases {
        let got = names(corpus, query);
        let ok = match expect {
            Top(want) => got.len() >= want.len() && got[..want.len()] == **want,
            Exactly(want) => got == *want,
            Set(want) => {
                let mut g = got.clone();
                let mut w: Vec<String> = want.iter().map(|s| s.to_string()).collect();
                g.sort();
                w.sort();
                g == w
            }
            Has(want) => want.iter().all(|w| got.iter().any(|g| g == w)),
            Nothing => got.is_empty(),
        };
        if !ok {
            failures.push(format!("{query:?}: got {got:?}"));
        }
    }
    failures
}

/// Named `search` so that `cargo test search` runs these too.
mod search {
    use super::*;

    #[test]
    fn the_fixture_corpus_loads_in_two_languages() {
        let c = fixtures();
        assert_eq!(c.docs.len(), 20);
        let count = |l| c.docs.iter().filter(|d| d.language == Some(l)).count();
        assert!(count("fr") >= 8 && count("en") >= 8);
        assert!(embedded().docs.iter().all(|d| d.language == Some("fr")));
    }

    #[test]
    fn seed_queries() {
        let failures = check(&embedded(), SEED_CASES);
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn fixture_queries() {
        let failures = check(&fixtures(), FIXTURE_CASES);
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn malformed_queries_say_how_they_were_read() {
        for (query, hint) in [
            ("\"propagande en ligne", "unclosed quote"),
            ("title: wainwright", "empty field \"title:\""),
            ("date:20x9 wainwright", "bad date \"date:20x9\""),
            ("foo:bar", "unknown field \"foo:\""),
        ] {
            let hints = query_hints(query);
            assert!(
                hints.iter().any(|h| h.starts_with(hint)),
                "{query}: {hints:?}"
            );
        }
        assert!(query_hints("wainwright title:europol -date:2019 \"la haye\"").is_empty());
    }

    #[test]
    fn sort_by_date_and_title() {
        let corpus = fixtures();
        let index = Index::build(&corpus);
        let mut hits = run(&index, &corpus, "propagande | propaganda");
        sort_hits(&mut hits, &corpus, SortBy::Date);
        let by_date: Vec<String> = hits.iter().map(|h| name(&corpus, h)).collect();
        assert_eq!(
            by_date.first().map(String::as_str),
            Some("f01_europol_pays_bas")
        );
        // The undated history of propaganda comes last.
        assert_eq!(
            by_date.last().map(String::as_str),
            Some("f10_history_propaganda")
        );
        sort_hits(&mut hits, &corpus, SortBy::Title);
        let titles: Vec<String> = hits
            .iter()
            .map(|h| veille::search::fold_str(&corpus.docs[h.doc].title))
            .collect();
        assert!(titles.windows(2).all(|w| w[0] <= w[1]), "{titles:?}");
        let before = hits.clone();
        sort_hits(&mut hits, &corpus, SortBy::Relevance);
        assert_eq!(hits, before);
    }

    #[test]
    fn hits_carry_counts_and_snippets() {
        let corpus = fixtures();
        let index = Index::build(&corpus);
        let hits = run(&index, &corpus, "Wainright");
        let hit = &hits[0];
        // Title once, body twice.
        assert_eq!(hit.matches, 3);
        let snippet = hit.snippet().cloned().unwrap_or_default();
        let chars: Vec<char> = snippet.text.chars().collect();
        let marked: Vec<String> = snippet
            .highlights
            .iter()
            .map(|r| chars[r.clone()].iter().collect())
            .collect();
        assert_eq!(marked, ["Wainwright"]);
        assert!(snippet.text.chars().count() <= 160 && !snippet.text.contains('\n'));
        // Only the title matched: the snippet is the lead, unmarked.
        let hits = run(&index, &corpus, "title:hybrid");
        let lead = hits[0].snippet().cloned().unwrap_or_default();
        assert!(lead.text.starts_with("Hybrid threats mix") && lead.highlights.is_empty());
        // An empty query asks for nothing to be shown.
        assert!(
            run(&index, &corpus, "")
                .iter()
                .all(|h| h.matches == 0 && h.snippet().is_none())
        );
    }

    #[test]
    fn a_wrong_expectation_is_reported() {
        let wrong: &[(&str, Expect)] = &[("wainwright", Nothing), ("zqxjk", Has(&["x"]))];
        assert_eq!(check(&fixtures(), wrong).len(), 2);
    }

    #[test]
    fn there_are_at_least_thirty_queries() {
        assert!(SEED_CASES.len() + FIXTURE_CASES.len() >= 30);
    }
}
