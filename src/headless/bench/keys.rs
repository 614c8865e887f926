//! The KEYS of `veille bench --replay`: plain characters are typed, `<name>` names a key.
//! Turns them into the terminal events the reader would receive. Must not decide what a
//! key does (the keymap does).

use crate::app::Key;
use crate::tui::input::key_event;
use ratatui::crossterm::event::{Event, KeyEvent};

/// One key of the replay, with the name it is printed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayKey {
    pub label: String,
    pub event: KeyEvent,
}

impl ReplayKey {
    pub fn event(&self) -> Event {
        Event::Key(self.event)
    }
}

/// Short names a replay may use for the keymap's: `<bs>`, `<lt>` for a plain `<`.
const ALIASES: &[(&str, &str)] = &[("bs", "backspace"), ("lt", "<")];

/// Modifier prefixes a replay may use, each for the keymap's own.
const MODIFIERS: &[(&str, &str)] = &[
    ("c-", "ctrl-"),
    ("ctrl-", "ctrl-"),
    ("a-", "alt-"),
    ("alt-", "alt-"),
];

/// Parse KEYS, e.g. `/radical<bs><bs>` or `jj<c-d><enter>`; the error names what is wrong.
pub fn parse(keys: &str) -> Result<Vec<ReplayKey>, String> {
    let mut parsed = Vec::new();
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        if c != '<' {
            parsed.push(typed(c));
            continue;
        }
        let Some(end) = rest.find('>') else {
            return Err(format!(
                "unclosed `<` in KEYS {keys:?} (write <lt> for a plain `<`)"
            ));
        };
        let name = &rest[..end];
        rest = &rest[end + 1..];
        parsed.push(named(name).ok_or_else(|| unknown(name))?);
    }
    if parsed.is_empty() {
        return Err("KEYS is empty: give at least one key, e.g. '/radical'".into());
    }
    Ok(parsed)
}

fn typed(c: char) -> ReplayKey {
    ReplayKey {
        label: c.to_string(),
        event: key_event(Key::char(c)),
    }
}

/// `<esc>`, `<c-u>` (also `<ctrl-u>`), `<a-x>` (also `<alt-x>`), `<c-down>`...: the keymap's
/// names, in any case, with the replay's shorter aliases.
fn named(name: &str) -> Option<ReplayKey> {
    let mut keymap_name = String::new();
    let mut rest = name;
    while let Some((prefix, full)) = MODIFIERS.iter().find(|(p, _)| {
        rest.len() > p.len()
            && rest
                .get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
    }) {
        keymap_name.push_str(full);
        rest = &rest[prefix.len()..];
    }
    // A single character keeps its case (`<c-G>`); a name does not (`<Down>`).
    let base = if rest.chars().count() == 1 {
        rest.to_string()
    } else {
        let lower = rest.to_ascii_lowercase();
        let alias = ALIASES.iter().find(|(a, _)| *a == lower);
        alias.map_or(lower, |(_, full)| (*full).to_string())
    };
    keymap_name.push_str(&base);
    let key = Key::parse(&keymap_name)?;
    // Without a modifier a lone character is typed, never a key name such as `<j>`.
    if key.typed_char().is_some() && rest.chars().count() == 1 {
        return None;
    }
    Some(ReplayKey {
        label: format!("<{name}>"),
        event: key_event(key),
    })
}

fn unknown(name: &str) -> String {
    let known: Vec<String> = Key::names()
        .chain(ALIASES.iter().map(|(a, _)| *a))
        .map(|n| format!("<{n}>"))
        .collect();
    format!(
        "unknown key <{name}> in KEYS; known: {}, and <c-x> / <a-x> for Ctrl / Alt",
        known.join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn labels(keys: &str) -> Vec<String> {
        parse(keys)
            .expect("valid keys")
            .into_iter()
            .map(|k| k.label)
            .collect()
    }

    #[test]
    fn characters_and_named_keys() {
        assert_eq!(
            labels("/ab<bs><c-u><esc>"),
            ["/", "a", "b", "<bs>", "<c-u>", "<esc>"]
        );
        let ctrl_u = &parse("<c-u>").expect("valid")[0];
        assert_eq!(ctrl_u.event.code, KeyCode::Char('u'));
        assert!(ctrl_u.event.modifiers.contains(KeyModifiers::CONTROL));
        assert_eq!(
            parse("<lt>").expect("valid")[0].event.code,
            KeyCode::Char('<')
        );
        assert_eq!(labels("é<Down>"), ["é", "<Down>"]);
    }

    #[test]
    fn bad_keys_are_named_in_the_error() {
        assert!(parse("ab<nope>").unwrap_err().contains("<nope>"));
        assert!(parse("ab<esc").unwrap_err().contains("unclosed"));
        assert!(parse("").is_err());
        assert!(parse("<c->").is_err());
        assert!(parse("<>").is_err());
    }
}
