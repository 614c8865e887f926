//! Tests of `corpus::json`.

use super::*;

fn fields() -> FieldMap {
    FieldMap::default()
}

#[test]
fn array_with_broken_records() {
    let text = "[\n {\"title\": \"A\", \"text\": \"Un.\"},\n {\"title\": \"B\",},\n {\"title\": 3},\n {\"text\": \"Deux.\"},\n]";
    let l = load_array(text, "f.json", &fields(), "UTF-8");
    let titles: Vec<&str> = l.docs.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["A", "Deux"]);
    assert_eq!(l.docs[1].path, "f.json#4");
    assert_eq!(l.warnings.len(), 3, "{:?}", l.warnings);
    assert!(l.warnings[0].starts_with("f.json:3:"), "{:?}", l.warnings);
    assert!(l.warnings[1].starts_with("f.json:4:2: field \"title\" is a number"));
    assert_eq!(l.warnings[2], "f.json:6:1: trailing comma");
}

#[test]
fn lines_with_bom_nan_and_depth() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let text = format!(
        "\u{FEFF}{{\"text\": \"Un.\"}}\n{{\"text\": NaN}}\n\n{deep}\n{{\"text\": \"Deux.\", \"date\": \"2019-11-25\"}}\n{{\"text\": \"tron"
    );
    let l = load_lines(&text, "f.jsonl", &fields(), "UTF-8");
    assert_eq!(l.docs.len(), 2);
    assert_eq!(l.docs[1].path, "f.jsonl:5");
    assert_eq!(
        l.docs[1].date.map(|d| d.to_string()).as_deref(),
        Some("2019-11-25")
    );
    assert_eq!(l.warnings.len(), 3, "{:?}", l.warnings);
    assert!(
        l.warnings[0].starts_with("f.jsonl:2:10: expected value"),
        "{:?}",
        l.warnings
    );
    assert!(l.warnings[1].starts_with("f.jsonl:4:1: nested deeper"));
    assert!(l.warnings[2].starts_with("f.jsonl:6:"));
}
