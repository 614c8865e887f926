//! Terminal events → app inputs: crossterm keys to keymap keys, paste and resize to actions.
//! Must not decide what a key means (that is the keymap's job).

use crate::app::{Action, Key, KeyCode};
use ratatui::crossterm::event::{self, Event, KeyEvent, KeyEventKind, KeyModifiers};

/// What an event asks of the app: a key to look up, or an action as it is.
#[derive(Debug, Clone)]
pub enum Input {
    Key(Key),
    Action(Action),
}

/// Every non-character key both sides know, so that each way of translating agrees.
const CODES: &[(event::KeyCode, KeyCode)] = &[
    (event::KeyCode::Enter, KeyCode::Enter),
    (event::KeyCode::Esc, KeyCode::Esc),
    (event::KeyCode::Tab, KeyCode::Tab),
    (event::KeyCode::BackTab, KeyCode::BackTab),
    (event::KeyCode::Backspace, KeyCode::Backspace),
    (event::KeyCode::Up, KeyCode::Up),
    (event::KeyCode::Down, KeyCode::Down),
    (event::KeyCode::Left, KeyCode::Left),
    (event::KeyCode::Right, KeyCode::Right),
    (event::KeyCode::Home, KeyCode::Home),
    (event::KeyCode::End, KeyCode::End),
    (event::KeyCode::PageUp, KeyCode::PageUp),
    (event::KeyCode::PageDown, KeyCode::PageDown),
];

pub fn translate(event: Event) -> Option<Input> {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
            let alt = k.modifiers.contains(KeyModifiers::ALT);
            let code = match k.code {
                event::KeyCode::Char(c) => KeyCode::Char(c),
                other => CODES.iter().find(|(t, _)| *t == other)?.1,
            };
            Some(Input::Key(Key { code, ctrl, alt }))
        }
        Event::Paste(text) => Some(Input::Action(Action::Paste(text))),
        Event::Resize(w, h) => Some(Input::Action(Action::Resize(w, h))),
        _ => None,
    }
}

/// The terminal's event for `key`: what the reader receives when the key is pressed, for
/// replaying keys as a user types them.
pub fn key_event(key: Key) -> KeyEvent {
    let code = match key.code {
        KeyCode::Char(c) => event::KeyCode::Char(c),
        other => CODES
            .iter()
            .find(|(_, k)| *k == other)
            .map_or(event::KeyCode::Null, |(t, _)| *t),
    };
    let mut modifiers = KeyModifiers::NONE;
    modifiers.set(KeyModifiers::CONTROL, key.ctrl);
    modifiers.set(KeyModifiers::ALT, key.alt);
    KeyEvent::new(code, modifiers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    #[test]
    fn ctrl_letters_and_releases() {
        let press = KeyEvent::new(event::KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert!(matches!(
            translate(Event::Key(press)),
            Some(Input::Key(k)) if Some(k) == Key::parse("ctrl-d")
        ));
        let release = KeyEvent {
            kind: KeyEventKind::Release,
            state: KeyEventState::NONE,
            ..press
        };
        assert!(translate(Event::Key(release)).is_none());
    }

    #[test]
    fn a_replayed_key_reads_back_as_itself() {
        for name in [
            "j", "G", "é", "enter", "esc", "backtab", "pagedown", "ctrl-d", "alt-x",
        ] {
            let key = Key::parse(name).expect("a keymap name");
            assert!(
                matches!(translate(Event::Key(key_event(key))), Some(Input::Key(k)) if k == key),
                "{name}"
            );
        }
    }
}
