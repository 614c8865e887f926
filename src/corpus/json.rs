//! JSON corpora: an array of records, or one record a line (JSONL/NDJSON). A broken record is
//! skipped with "FILE:LINE:COL: reason" and the rest loads. Must not read files (source.rs)
//! nor decide what a record's fields mean (formats.rs).
//!
//! Caps before parsing: a line over `MAX_LINE_BYTES` or nesting deeper than `MAX_DEPTH` is
//! refused by a flat byte scan, so no input reaches a recursive parser deep enough to
//! overflow the stack (serde_json would stop at 128 anyway).

use super::Document;
use super::decode::sanitize;
use super::formats::{Field, FieldMap, Record, record_document};
use serde_json::Value;

pub const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;
pub const MAX_DEPTH: usize = 128;

/// Documents read from one JSON file, and what was skipped.
#[derive(Debug, Default)]
pub struct Loaded {
    pub docs: Vec<Document>,
    pub warnings: Vec<String>,
}

/// Line and column (1-based, in characters) of byte `at`, counted on from `from`.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    col: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor {
            text,
            at: 0,
            line: 1,
            col: 1,
        }
    }

    fn advance_to(&mut self, to: usize) -> (usize, usize) {
        let to = to.min(self.text.len());
        if to > self.at {
            for c in self.text[self.at..to].chars() {
                if c == '\n' {
                    self.line += 1;
                    self.col = 1;
                } else {
                    self.col += 1;
                }
            }
            self.at = to;
        }
        (self.line, self.col)
    }
}

/// Where a byte-by-byte scan of JSON stands with respect to strings, so that brackets and
/// commas inside them are not taken for structure.
#[derive(Default)]
struct Strings {
    inside: bool,
    escaped: bool,
}

impl Strings {
    /// Feed one byte; true when it belongs to a string (its quotes included).
    fn skip(&mut self, b: u8) -> bool {
        if !self.inside {
            self.inside = b == b'"';
            return self.inside;
        }
        match b {
            _ if self.escaped => self.escaped = false,
            b'\\' => self.escaped = true,
            b'"' => self.inside = false,
            _ => {}
        }
        true
    }
}

/// The deepest nesting of `[`/`{` outside strings. Flat scan, no recursion.
pub fn max_depth(s: &str) -> usize {
    let (mut depth, mut max, mut strings) = (0usize, 0usize, Strings::default());
    for b in s.bytes() {
        if strings.skip(b) {
            continue;
        }
        match b {
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// serde_json's message without its own " at line L column C" (we give file positions).
fn reason(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or("");
    sanitize(msg)
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A record's fields through the field map. Text may be an array of paragraphs and tags a
/// comma-separated string; anything else of the wrong type makes the record an error.
pub fn record(v: &Value, fields: &FieldMap) -> Result<Record, String> {
    let Value::Object(obj) = v else {
        return Err(format!("record is {}, expected an object", type_name(v)));
    };
    let find = |field: Field| {
        fields
            .keys(field)
            .iter()
            .find_map(|k| obj.get(k).filter(|v| !v.is_null()).map(|v| (k, v)))
    };
    let string = |field: Field| -> Result<Option<String>, String> {
        match find(field) {
            None => Ok(None),
            Some((_, Value::String(s))) => Ok(Some(s.clone())),
            Some((_, Value::Array(items))) if field == Field::Text => items
                .iter()
                .map(|i| i.as_str().ok_or(()))
                .collect::<Result<Vec<&str>, ()>>()
                .map(|parts| Some(parts.join("\n\n")))
                .map_err(|()| {
                    format!(
                        "field {:?} holds something other than text",
                        sanitize(&field_key(fields, field))
                    )
                }),
            Some((k, other)) => Err(format!(
                "field {:?} is {}, expected a string",
                sanitize(k),
                type_name(other)
            )),
        }
    };
    let tags = match find(Field::Tags) {
        None => Vec::new(),
        Some((_, Value::String(s))) => s
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        Some((_, Value::Array(items))) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_string))
            .collect(),
        Some((k, other)) => {
            return Err(format!(
                "field {:?} is {}, expected a list",
                sanitize(k),
                type_name(other)
            ));
        }
    };
    let r = Record {
        title: string(Field::Title)?,
        date: string(Field::Date)?,
        source: string(Field::Source)?,
        text: string(Field::Text)?,
        url: string(Field::Url)?,
        author: string(Field::Author)?,
        tags,
    };
    if r.text.is_none() && r.title.is_none() {
        let names = fields.keys(Field::Text).join(", ");
        return Err(format!("no text ({}) and no title", sanitize(&names)));
    }
    Ok(r)
}

fn field_key(fields: &FieldMap, field: Field) -> String {
    fields
        .keys(field)
        .first()
        .cloned()
        .unwrap_or_else(|| field.name().to_string())
}

/// Parse one record's text, already known to be within the caps.
fn parse_record(text: &str, fields: &FieldMap) -> Result<Record, (usize, usize, String)> {
    if max_depth(text) > MAX_DEPTH {
        return Err((1, 1, format!("nested deeper than {MAX_DEPTH} levels")));
    }
    let v: Value = serde_json::from_str(text).map_err(|e| (e.line(), e.column(), reason(&e)))?;
    record(&v, fields).map_err(|r| (1, 1, r))
}

/// One record a line. Blank lines are skipped; a UTF-8 BOM at a line's start is dropped.
pub fn load_lines(text: &str, shown: &str, fields: &FieldMap, encoding: &'static str) -> Loaded {
    let mut out = Loaded::default();
    for (n, line) in text.split('\n').enumerate() {
        let lineno = n + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let line = line.strip_prefix('\u{FEFF}').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        if line.len() > MAX_LINE_BYTES {
            out.warnings.push(format!(
                "{shown}:{lineno}:1: line longer than {} MiB, skipped",
                MAX_LINE_BYTES / (1024 * 1024)
            ));
            continue;
        }
        match parse_record(line, fields) {
            Ok(r) => out.docs.push({
                let path = format!("{shown}:{lineno}");
                record_document(&r, &path, &path, encoding)
            }),
            Err((_, col, why)) => out.warnings.push(format!("{shown}:{lineno}:{col}: {why}")),
        }
    }
    out
}

/// Byte ranges of the top-level elements of the array opening at `open`, found by a flat scan
/// so that one broken element does not lose the others; and where the array ends, if it does.
fn elements(text: &str, open: usize) -> (Vec<(usize, usize)>, Option<usize>) {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut depth, mut strings) = (1usize, Strings::default());
    let mut start = open + 1;
    for (i, &b) in bytes.iter().enumerate().skip(open + 1) {
        if strings.skip(b) {
            continue;
        }
        match b {
            b'[' | b'{' => depth += 1,
            b',' if depth == 1 => {
                out.push((start, i));
                start = i + 1;
            }
            b']' if depth == 1 => {
                out.push((start, i));
                return (out, Some(i + 1));
            }
            // A stray `}` at the top level belongs to a broken element, not to the array.
            b']' | b'}' if depth > 1 => depth -= 1,
            _ => {}
        }
    }
    out.push((start, bytes.len()));
    (out, None)
}

/// An array of records (or a single record object). Record N is shown as `FILE#N`.
pub fn load_array(text: &str, shown: &str, fields: &FieldMap, encoding: &'static str) -> Loaded {
    let mut out = Loaded::default();
    let body_at = text.len()
        - text
            .trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n'])
            .len();
    let mut cursor = Cursor::new(text);
    match text.as_bytes().get(body_at) {
        Some(b'[') => {}
        Some(b'{') => {
            let (line, col) = cursor.advance_to(body_at);
            match parse_record(&text[body_at..], fields) {
                Ok(r) => out.docs.push({
                    let path = format!("{shown}#1");
                    record_document(&r, &path, &path, encoding)
                }),
                Err((l, c, why)) => {
                    let (l, c) = shift(line, col, l, c);
                    out.warnings.push(format!("{shown}:{l}:{c}: {why}"));
                }
            }
            return out;
        }
        _ => {
            let (line, col) = cursor.advance_to(body_at);
            out.warnings
                .push(format!("{shown}:{line}:{col}: not a JSON array or object"));
            return out;
        }
    }
    let (ranges, end) = elements(text, body_at);
    let last = ranges.len();
    for (n, (from, to)) in ranges.into_iter().enumerate() {
        let raw = &text[from..to];
        let lead = raw.len() - raw.trim_start().len();
        let (line, col) = cursor.advance_to(from + lead);
        let element = raw.trim();
        if element.is_empty() {
            // `[]` and the end of `[a, b]` have no element after the last separator.
            if n + 1 == last && (n == 0 || end.is_some()) {
                if n > 0 {
                    out.warnings
                        .push(format!("{shown}:{line}:{col}: trailing comma"));
                }
                continue;
            }
            out.warnings
                .push(format!("{shown}:{line}:{col}: empty record"));
            continue;
        }
        if element.len() > MAX_LINE_BYTES {
            out.warnings.push(format!(
                "{shown}:{line}:{col}: record longer than {} MiB, skipped",
                MAX_LINE_BYTES / (1024 * 1024)
            ));
            continue;
        }
        match parse_record(element, fields) {
            Ok(r) => out.docs.push({
                let path = format!("{shown}#{}", n + 1);
                record_document(&r, &path, &path, encoding)
            }),
            Err((l, c, why)) => {
                let (l, c) = shift(line, col, l, c);
                out.warnings.push(format!("{shown}:{l}:{c}: {why}"));
            }
        }
    }
    match end {
        None => {
            let (line, col) = cursor.advance_to(text.len());
            out.warnings.push(format!(
                "{shown}:{line}:{col}: array not closed (file truncated?)"
            ));
        }
        Some(end) if !text[end..].trim().is_empty() => {
            let lead = text[end..].len() - text[end..].trim_start().len();
            let (line, col) = cursor.advance_to(end + lead);
            out.warnings.push(format!(
                "{shown}:{line}:{col}: text after the array, ignored"
            ));
        }
        Some(_) => {}
    }
    out
}

/// A position inside an element (1-based line, column) as a position in the file.
fn shift(line: usize, col: usize, l: usize, c: usize) -> (usize, usize) {
    if l <= 1 {
        (line, col + c.saturating_sub(1))
    } else {
        (line + l - 1, c)
    }
}

#[cfg(test)]
mod tests;
