//! The KEYS of `veille bench --replay`: plain characters are typed, `<name>` names a key.
//! Turns them into the terminal events the reader would receive. Must not decide what a
//! key does (the keymap does).

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

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

const NAMES: &[(&str, KeyCode)] = &[
    ("esc", KeyCode::Esc),
    ("enter", KeyCode::Enter),
    ("bs", KeyCode::Backspace),
    ("backspace", KeyCode::Backspace),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("down", KeyCode::Down),
    ("up", KeyCode::Up),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("space", KeyCode::Char(' ')),
    ("lt", KeyCode::Char('<')),
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
        event: KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
    }
}

const MODIFIERS: &[(&str, KeyModifiers)] = &[
    ("c-", KeyModifiers::CONTROL),
    ("ctrl-", KeyModifiers::CONTROL),
    ("a-", KeyModifiers::ALT),
    ("alt-", KeyModifiers::ALT),
];

/// `<esc>`, `<c-u>` (also `<ctrl-u>`), `<a-x>` (also `<alt-x>`), `<c-down>`...
fn named(name: &str) -> Option<ReplayKey> {
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = name;
    while let Some((prefix, flag)) = MODIFIERS.iter().find(|(p, _)| {
        rest.len() > p.len()
            && rest
                .get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
    }) {
        modifiers |= *flag;
        rest = &rest[prefix.len()..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if modifiers != KeyModifiers::NONE => KeyCode::Char(c),
        _ => {
            let lower = rest.to_ascii_lowercase();
            NAMES.iter().find(|(n, _)| *n == lower)?.1
        }
    };
    Some(ReplayKey {
        label: format!("<{name}>"),
        event: KeyEvent::new(code, modifiers),
    })
}

fn unknown(name: &str) -> String {
    let known: Vec<String> = NAMES.iter().map(|(n, _)| format!("<{n}>")).collect();
    format!(
        "unknown key <{name}> in KEYS; known: {}, and <c-x> / <a-x> for Ctrl / Alt",
        known.join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
