//! Query syntax: words, `"phrases"`, `-exclusions`, `a | b` alternatives, fields (`title:`,
//! `source:`, `date:`, `lang:`). Parsing is total: any input gives a Query, malformed parts are
//! read as plainly as possible and each oddity is told in a hint. Must not look at the index
//! or documents.

use super::fields::{DateRange, KNOWN_LANGS, lang_code};
use super::fold::fold;
use super::tokens::tokenize;

/// Clauses are ANDed; an empty query (no clauses) matches every document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
}

/// Alternatives are ORed; a negated clause removes the documents it matches.
#[derive(Debug, Clone)]
pub struct Clause {
    pub negated: bool,
    pub alternatives: Vec<Alternative>,
    /// Parallel to `alternatives`: each as the user typed it (`Eurpol`, `État islamique`),
    /// without field name or quotes, for per-term counts shown back to the user.
    pub typed: Vec<String>,
}

/// Two clauses are the same when they ask for the same thing, however it was typed.
impl PartialEq for Clause {
    fn eq(&self, other: &Self) -> bool {
        self.negated == other.negated && self.alternatives == other.alternatives
    }
}

impl Eq for Clause {}

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
    /// `title:word`, `title:"a phrase"`: a Word or Phrase that must occur in the title (or
    /// the stated source, which the index keeps with it).
    Title(Box<Alternative>),
    /// `source:afp`: folded words each starting a word of the document's stated source.
    Source(Vec<String>),
    /// `date:2019`, `date:2019-11`, `date:2017..2018`; undated documents never match.
    Date(DateRange),
    /// `lang:fr`: the detected language's ISO code.
    Lang(String),
}

impl Alternative {
    /// The word or phrase to find in the text, if this alternative has one.
    pub fn text_part(&self) -> Option<&Alternative> {
        match self {
            Alternative::Word(_) | Alternative::Phrase { .. } => Some(self),
            Alternative::Title(inner) => inner.text_part(),
            _ => None,
        }
    }
}

/// A pasted page must not become thousands of vocabulary scans per keystroke; nobody types
/// more than this into a filter.
const MAX_INPUT_CHARS: usize = 1024;
const MAX_CLAUSES: usize = 32;

impl Query {
    pub fn parse(input: &str) -> Query {
        Parser::new(input).run().0
    }

    /// True when the query asks for nothing in particular.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }
}

/// What was odd about `input` and how it was read anyway, one short sentence each, for the
/// status bar (`unclosed quote: searched as a phrase to the end`). Empty for a clean query.
pub fn query_hints(input: &str) -> Vec<String> {
    Parser::new(input).run().1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Source,
    Date,
    Lang,
}

struct Parser {
    /// Folded input.
    chars: Vec<char>,
    /// The original input's chars, and for each folded char the original it came from.
    original: Vec<char>,
    origin: Vec<usize>,
    hints: Vec<String>,
}

impl Parser {
    fn new(input: &str) -> Parser {
        let mut hints = Vec::new();
        let cut = match input.char_indices().nth(MAX_INPUT_CHARS) {
            Some((i, _)) => {
                hints.push(format!(
                    "query too long: only its first {MAX_INPUT_CHARS} characters are searched"
                ));
                i
            }
            None => input.len(),
        };
        let folded = fold(&input[..cut]);
        Parser {
            chars: folded.text.chars().collect(),
            original: input[..cut].chars().collect(),
            origin: folded.origin,
            hints,
        }
    }

    fn hint(&mut self, h: String) {
        if !self.hints.contains(&h) {
            self.hints.push(h);
        }
    }

    /// The original text behind folded chars `a..b`.
    fn typed(&self, a: usize, b: usize) -> String {
        if a >= b || b > self.origin.len() {
            return String::new();
        }
        let (from, to) = (self.origin[a], self.origin[b - 1] + 1);
        self.original
            .get(from..to.min(self.original.len()))
            .map(|c| c.iter().collect())
            .unwrap_or_default()
    }

    fn run(mut self) -> (Query, Vec<String>) {
        let mut clauses: Vec<Clause> = Vec::new();
        // Set by `|`: the next alternative joins the previous clause instead of starting one.
        let mut join_next = false;
        let mut i = 0;
        while i < self.chars.len() && clauses.len() <= MAX_CLAUSES {
            let c = self.chars[i];
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            if c == '|' {
                join_next = !clauses.is_empty();
                if clauses.is_empty() {
                    self.hint("\"|\" with nothing before it: ignored".into());
                }
                i += 1;
                continue;
            }
            let negated = c == '-' && self.chars.get(i + 1).is_some_and(|n| !n.is_whitespace());
            if c == '-' && !negated && self.chars.get(i + 1).is_none_or(|n| *n != '-') {
                self.hint("lone \"-\": ignored".into());
            }
            if negated {
                i += 1;
            }
            let (alt, typed, next) = self.read_item(i);
            i = next;
            let Some(alt) = alt else { continue };
            match clauses.last_mut() {
                Some(last) if join_next && !last.negated => {
                    if negated {
                        self.hint("\"-\" after \"|\": alternatives cannot be excluded, searched as a word".into());
                    }
                    last.alternatives.push(alt);
                    last.typed.push(typed);
                }
                _ => {
                    let clause = Clause {
                        negated,
                        alternatives: vec![alt],
                        typed: vec![typed],
                    };
                    // A repeated word asks for nothing more; counting it twice would skew ranks.
                    if !clauses.contains(&clause) {
                        clauses.push(clause);
                    }
                }
            }
            join_next = false;
        }
        if join_next {
            self.hint("\"|\" with nothing after it: ignored".into());
        }
        if clauses.len() > MAX_CLAUSES {
            self.hint(format!(
                "too many terms: only the first {MAX_CLAUSES} are searched"
            ));
        }
        clauses.truncate(MAX_CLAUSES);
        (Query { clauses }, self.hints)
    }

    /// Reads one item starting at `i`: the alternative (if it has any word), how it was typed,
    /// and where reading stopped.
    fn read_item(&mut self, i: usize) -> (Option<Alternative>, String, usize) {
        if let Some((field, name_end)) = self.field_at(i) {
            return self.read_field(field, i, name_end);
        }
        self.read_plain(i)
    }

    /// A quoted phrase or a bare word starting at `i`.
    fn read_plain(&mut self, i: usize) -> (Option<Alternative>, String, usize) {
        let chars = &self.chars;
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
            let alt = alternative(&text, !closed, true);
            if !closed && alt.is_some() {
                self.hint("unclosed quote: searched as a phrase to the end".into());
            } else if alt.is_none() {
                self.hint("empty quotes: ignored".into());
            }
            let typed = self.typed(start, end).trim().to_string();
            return (alt, typed, (end + 1).min(self.chars.len()));
        }
        let end = self.word_end(i);
        let text: String = self.chars[i..end].iter().collect();
        // Always advance, even past a lone quote char that `alternative` ignores.
        (
            alternative(&text, true, false),
            self.typed(i, end),
            end.max(i + 1),
        )
    }

    fn word_end(&self, i: usize) -> usize {
        self.chars[i..]
            .iter()
            .position(|&c| c.is_whitespace() || c == '|' || c == '"' || c == '«')
            .map_or(self.chars.len(), |p| i + p)
    }

    /// `name:` at `i`: the field and the index just after the colon. An unknown name is
    /// reported and left to be read as text.
    fn field_at(&mut self, i: usize) -> Option<(Field, usize)> {
        let len = self.chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_lowercase())
            .count();
        if len == 0 || self.chars.get(i + len) != Some(&':') {
            return None;
        }
        let name: String = self.chars[i..i + len].iter().collect();
        let field = match name.as_str() {
            "title" | "titre" => Field::Title,
            "source" => Field::Source,
            "date" => Field::Date,
            "lang" | "langue" | "language" => Field::Lang,
            // Pasted links are text, not a field the user got wrong.
            "http" | "https" => return None,
            _ => {
                self.hint(format!("unknown field \"{name}:\": searched as words"));
                return None;
            }
        };
        Some((field, i + len + 1))
    }

    fn read_field(
        &mut self,
        field: Field,
        i: usize,
        at: usize,
    ) -> (Option<Alternative>, String, usize) {
        let name: String = self.chars[i..at].iter().collect();
        let empty = |p: &mut Parser| {
            p.hint(format!("empty field \"{name}\": ignored"));
        };
        let at_end = self
            .chars
            .get(at)
            .is_none_or(|c| c.is_whitespace() || *c == '|');
        if at_end {
            empty(self);
            return (None, String::new(), at);
        }
        match field {
            Field::Title => {
                let (inner, typed, next) = self.read_plain(at);
                if inner.is_none() {
                    empty(self);
                }
                (inner.map(|a| Alternative::Title(Box::new(a))), typed, next)
            }
            Field::Source => {
                let (inner, typed, next) = self.read_plain(at);
                let words = match inner {
                    Some(Alternative::Word(w)) => vec![w],
                    Some(Alternative::Phrase { words, .. }) => words,
                    _ => Vec::new(),
                };
                if words.is_empty() {
                    empty(self);
                    return (None, typed, next);
                }
                (Some(Alternative::Source(words)), typed, next)
            }
            Field::Date => {
                let end = self.word_end(at);
                let value: String = self.chars[at..end].iter().collect();
                let alt = match DateRange::parse(&value) {
                    Some((range, swapped)) => {
                        if swapped {
                            self.hint(format!("date range \"{name}{value}\" reversed: swapped"));
                        }
                        Some(Alternative::Date(range))
                    }
                    None => {
                        self.hint(format!("bad date \"{name}{value}\": ignored"));
                        None
                    }
                };
                (alt, self.typed(at, end), end.max(at + 1))
            }
            Field::Lang => {
                let end = self.word_end(at);
                let value: String = self.chars[at..end].iter().collect();
                let Some(word) = tokenize(&value).into_iter().next() else {
                    empty(self);
                    return (None, String::new(), end.max(at + 1));
                };
                let code = lang_code(&word.text);
                if !KNOWN_LANGS.contains(&code.as_str()) {
                    self.hint(format!(
                        "unknown language \"{value}\" (fr, en): no article matches"
                    ));
                }
                (
                    Some(Alternative::Lang(code)),
                    self.typed(at, end),
                    end.max(at + 1),
                )
            }
        }
    }
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

#[cfg(test)]
mod tests;
