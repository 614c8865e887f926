//! Terminal events → app inputs: crossterm keys to keymap keys, paste and resize to actions.
//! Must not decide what a key means (that is the keymap's job).

use crate::app::{Action, Key, KeyCode};
use ratatui::crossterm::event::{self, Event, KeyEventKind, KeyModifiers};

/// What an event asks of the app: a key to look up, or an action as it is.
#[derive(Debug, Clone)]
pub enum Input {
    Key(Key),
    Action(Action),
}

pub fn translate(event: Event) -> Option<Input> {
    match event {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
            let alt = k.modifiers.contains(KeyModifiers::ALT);
            let code = match k.code {
                event::KeyCode::Char(c) => KeyCode::Char(c),
                event::KeyCode::Enter => KeyCode::Enter,
                event::KeyCode::Esc => KeyCode::Esc,
                event::KeyCode::Tab => KeyCode::Tab,
                event::KeyCode::BackTab => KeyCode::BackTab,
                event::KeyCode::Backspace => KeyCode::Backspace,
                event::KeyCode::Up => KeyCode::Up,
                event::KeyCode::Down => KeyCode::Down,
                event::KeyCode::Left => KeyCode::Left,
                event::KeyCode::Right => KeyCode::Right,
                event::KeyCode::Home => KeyCode::Home,
                event::KeyCode::End => KeyCode::End,
                event::KeyCode::PageUp => KeyCode::PageUp,
                event::KeyCode::PageDown => KeyCode::PageDown,
                _ => return None,
            };
            Some(Input::Key(Key { code, ctrl, alt }))
        }
        Event::Paste(text) => Some(Input::Action(Action::Paste(text))),
        Event::Resize(w, h) => Some(Input::Action(Action::Resize(w, h))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyEvent, KeyEventState};

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
}
