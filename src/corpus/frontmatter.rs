//! Markdown front matter: `---` YAML (the `key: value`, `tags: [a, b]` and `- item` subset
//! articles use) or `+++` TOML (the `toml` crate). Must not parse the body (parse.rs does).
//!
//! No YAML crate: serde_yaml is unmaintained and its forks young, and front matter of
//! articles needs only scalars and lists of scalars; anything else is left out of the record
//! with a warning, never a panic.

use super::formats::{Field, FieldMap, Record};

/// The front matter's record and the body after it. `None` when the text has none.
pub fn split<'t>(text: &'t str, fields: &FieldMap) -> Option<(Record, &'t str, Vec<String>)> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let (fence, toml) = if text.starts_with("---") {
        ("---", false)
    } else if text.starts_with("+++") {
        ("+++", true)
    } else {
        return None;
    };
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != fence {
        return None;
    }
    let inner_start = first_end + 1;
    let mut at = inner_start;
    let mut close = None;
    for line in text[inner_start..].split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == fence || (!toml && bare == "...") {
            close = Some((at, at + line.len()));
            break;
        }
        at += line.len();
    }
    // An opening `---` never closed is a horizontal rule, not front matter.
    let (inner_end, body_start) = close?;
    let inner = &text[inner_start..inner_end];
    let mut warnings = Vec::new();
    let pairs = if toml {
        toml_pairs(inner, &mut warnings)
    } else {
        yaml_pairs(inner, &mut warnings)
    };
    Some((record(&pairs, fields), &text[body_start..], warnings))
}

/// A front matter value: one scalar or a list of scalars.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    One(String),
    Many(Vec<String>),
}

fn record(pairs: &[(String, Value)], fields: &FieldMap) -> Record {
    let get = |field: Field| {
        fields
            .keys(field)
            .iter()
            .find_map(|k| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v))
    };
    let one = |field: Field| match get(field) {
        Some(Value::One(s)) => Some(s.clone()),
        Some(Value::Many(items)) if field == Field::Text => Some(items.join("\n\n")),
        _ => None,
    };
    Record {
        title: one(Field::Title),
        date: one(Field::Date),
        source: one(Field::Source),
        text: None,
        url: one(Field::Url),
        author: one(Field::Author),
        tags: match get(Field::Tags) {
            Some(Value::Many(items)) => items.clone(),
            Some(Value::One(s)) => s
                .split(',')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
            None => Vec::new(),
        },
    }
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner.to_string();
        }
    }
    // `title: Un titre # note`: a comment after a space.
    s.split(" #").next().unwrap_or(s).trim().to_string()
}

fn yaml_pairs(inner: &str, warnings: &mut Vec<String>) -> Vec<(String, Value)> {
    let mut pairs: Vec<(String, Value)> = Vec::new();
    for (n, line) in inner.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(item) = trimmed
            .strip_prefix("- ")
            .or(trimmed.strip_prefix('-').filter(|r| r.is_empty()))
        {
            // `- item` under the last `key:` with no value.
            match pairs.last_mut() {
                Some((_, Value::Many(items))) if line.starts_with([' ', '\t', '-']) => {
                    items.push(unquote(item));
                }
                _ => warnings.push(format!(
                    "front matter line {}: list item without a key",
                    n + 2
                )),
            }
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            warnings.push(format!("front matter line {}: not `key: value`", n + 2));
            continue;
        };
        let key = key.trim().to_string();
        let value = value.trim();
        let parsed = if value.is_empty() {
            Value::Many(Vec::new())
        } else if let Some(list) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Value::Many(
                list.split(',')
                    .map(unquote)
                    .filter(|t| !t.is_empty())
                    .collect(),
            )
        } else {
            Value::One(unquote(value))
        };
        pairs.push((key, parsed));
    }
    pairs
}

fn toml_pairs(inner: &str, warnings: &mut Vec<String>) -> Vec<(String, Value)> {
    let table: toml::Table = match inner.parse() {
        Ok(t) => t,
        Err(e) => {
            let msg = e.to_string();
            let first = msg.lines().next().unwrap_or("invalid TOML");
            warnings.push(format!("front matter: {first}"));
            return Vec::new();
        }
    };
    let scalar = |v: &toml::Value| match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Datetime(d) => Some(d.to_string()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        toml::Value::Array(_) | toml::Value::Table(_) => None,
    };
    table
        .iter()
        .filter_map(|(k, v)| {
            let value = match v {
                toml::Value::Array(items) => Value::Many(items.iter().filter_map(scalar).collect()),
                other => Value::One(scalar(other)?),
            };
            Some((k.clone(), value))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_subset() {
        let text = "---\ntitle: \"Un titre: deux\"\ndate: 2019-11-25\nsource: Belga # agence\ntags: [propagande, 'Amaq']\nauthors:\n  - A\n  - B\n---\n# Corps\n\nTexte.";
        let (r, body, w) = split(text, &FieldMap::default()).unwrap();
        assert_eq!(r.title.as_deref(), Some("Un titre: deux"));
        assert_eq!(r.date.as_deref(), Some("2019-11-25"));
        assert_eq!(r.source.as_deref(), Some("Belga"));
        assert_eq!(r.tags, ["propagande", "Amaq"]);
        assert_eq!(body, "# Corps\n\nTexte.");
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn toml_and_unclosed() {
        let text = "+++\ntitle = \"T\"\ndate = 2019-11-25\ntags = [\"a\", \"b\"]\n+++\nTexte.";
        let (r, body, _) = split(text, &FieldMap::default()).unwrap();
        assert_eq!(
            (r.title.as_deref(), r.date.as_deref()),
            (Some("T"), Some("2019-11-25"))
        );
        assert_eq!((r.tags.len(), body), (2, "Texte."));
        assert!(split("---\ntitle: x\nTexte.", &FieldMap::default()).is_none());
        let (_, _, w) = split("+++\ntitle = \n+++\nx", &FieldMap::default()).unwrap();
        assert_eq!(w.len(), 1);
    }
}
