//! Where an article says it comes from, beyond the dateline parse.rs reads: an agency in a
//! signature (`PARIS (AFP) -`, `… (Belga)`, `Source : Reuters`) and, when nothing better is
//! stated, the author of an embedded tweet (`— Police Fédérale (@policefederale) November 25,
//! 2019`). Must not guess: only agencies in `assets/gazetteer/agencies.txt` count as a
//! signature, and a tweet counts only in the form Twitter's embed writes.

use super::gazetteer::LISTS;
use super::{Block, Document};

/// How far into the first paragraph, or from the end of the last, a signature may sit.
const SIGNATURE_CHARS: usize = 80;

/// The source an article states outside its dateline, in order of trust: an agency's
/// signature, then a tweet's author.
pub fn stated_source(doc: &Document) -> Option<String> {
    let paragraphs: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.as_str()),
            Block::Heading(_) => None,
        })
        .collect();
    let first = paragraphs.first().copied().unwrap_or("");
    let last = paragraphs.last().copied().unwrap_or("");
    head_signature(first)
        .or_else(|| tail_signature(last))
        .or_else(|| paragraphs.iter().find_map(|p| tweet_author(p)))
}

/// `agencies` as written when every part of it is a known agency: `AFP`, `AFP/Belga`.
fn agencies(s: &str) -> Option<String> {
    let s = s.trim();
    let parts: Vec<&str> = s
        .split(['/', ','])
        .flat_map(|p| p.split(" et "))
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .collect();
    let known = |p: &&str| LISTS.agencies.iter().any(|a| a == p);
    (!parts.is_empty() && parts.iter().all(known)).then(|| s.to_string())
}

fn prefix_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// The last `n` chars of `s`, found from its end: a last paragraph is often long.
fn suffix_chars(s: &str, n: usize) -> &str {
    let Some(back) = n.checked_sub(1) else {
        return "";
    };
    s.char_indices().rev().nth(back).map_or(s, |(i, _)| &s[i..])
}

/// `BRUXELLES (Belga) - Le texte…`: an agency in parentheses followed by a dash.
fn head_signature(first: &str) -> Option<String> {
    let head = prefix_chars(first, SIGNATURE_CHARS);
    let open = head.find('(')?;
    let close = open + head[open..].find(')')?;
    let after = head[close + 1..].trim_start();
    if !after.starts_with(['-', '–', '—']) {
        return None;
    }
    agencies(&head[open + 1..close])
}

/// `… a-t-il dit. (AFP)`, a last line `Belga`, `avec AFP`, `Source : Reuters`.
fn tail_signature(last: &str) -> Option<String> {
    let tail = suffix_chars(last, SIGNATURE_CHARS).trim_end_matches(['.', ' ']);
    if let Some(inner) = tail
        .strip_suffix(')')
        .and_then(|t| t.rfind('(').map(|o| &t[o + 1..]))
    {
        if let Some(a) = agencies(inner) {
            return Some(a);
        }
    }
    if last.chars().nth(SIGNATURE_CHARS).is_some() {
        return None;
    }
    let mut line = tail.trim_start_matches(['-', '–', '—', '©', ' ']);
    for lead in [
        "avec ", "Avec ", "with ", "With ", "Sources", "Source", "source",
    ] {
        if let Some(rest) = line.strip_prefix(lead) {
            line = rest.trim_start_matches([' ', ':', '\u{a0}', '\u{202f}']);
        }
    }
    agencies(line)
}

/// Twitter's embed text ends with `— Name (@handle) Month D, YYYY`: the name is the author.
fn tweet_author(p: &str) -> Option<String> {
    let mut from = 0;
    while let Some(dash) = p[from..].find('—').map(|d| from + d) {
        from = dash + '—'.len_utf8();
        let rest = p[from..].trim_start();
        let Some(open) = rest.find("(@") else {
            continue;
        };
        let name = rest[..open].trim();
        let after = &rest[open + 2..];
        let handle_ok = after.find(')').is_some_and(|c| {
            c > 0
                && after[..c]
                    .chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '_')
        });
        let words = name.split_whitespace().count();
        if handle_ok
            && (1..=6).contains(&words)
            && name.chars().count() <= 50
            && name.starts_with(char::is_uppercase)
        {
            return Some(name.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(paras: &[&str]) -> Document {
        Document {
            blocks: paras
                .iter()
                .map(|p| Block::Paragraph((*p).into()))
                .collect(),
            ..Document::default()
        }
    }

    #[test]
    fn the_last_chars_of_a_paragraph() {
        assert_eq!(suffix_chars("l'opération", 5), "ation");
        assert_eq!(suffix_chars("opéré", 3), "éré");
        assert_eq!(suffix_chars("court", 80), "court");
        assert_eq!(suffix_chars("", 3), "");
        let long = format!("{} a-t-il dit. (AFP)", "mot ".repeat(200));
        assert_eq!(tail_signature(&long).as_deref(), Some("AFP"));
        let signed_long = format!("Source : Reuters {}", "é".repeat(80));
        assert_eq!(tail_signature(&signed_long), None);
    }

    #[test]
    fn signatures() {
        assert_eq!(
            stated_source(&doc(&["BRUXELLES (Belga) - Le parquet a dit.", "Fin."])).as_deref(),
            Some("Belga")
        );
        assert_eq!(
            stated_source(&doc(&["Texte.", "Fin. (AFP/Reuters)"])).as_deref(),
            Some("AFP/Reuters")
        );
        assert_eq!(
            stated_source(&doc(&["Texte.", "Source : Reuters"])).as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            stated_source(&doc(&["Texte (voir) - non.", "Fin (Europol)."])),
            None
        );
        assert_eq!(
            stated_source(&doc(&[
                "x https://t.co/a — Police Fédérale (@policefederale) November 25, 2019",
                "Fin. (Belga)"
            ]))
            .as_deref(),
            Some("Belga")
        );
        assert_eq!(
            stated_source(&doc(&[
                "x — Police Fédérale (@policefederale) November 25, 2019"
            ]))
            .as_deref(),
            Some("Police Fédérale")
        );
        assert_eq!(stated_source(&doc(&["un tiret — puis (@x y)"])), None);
    }
}
