//! Keys → commands, per context, from the keymap table in `assets/keymap.toml`; also the
//! status-bar hints and the help screen's rows, so both always tell the truth about the
//! bindings. Must not know what a command does.

use super::action::Command;
use std::collections::BTreeMap;
use std::fmt;

/// The default keymap, read at build time.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// A key as the app sees it, independent of the terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("space", KeyCode::Char(' ')),
];

impl Key {
    pub fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    /// Parse a keymap name: `j`, `G`, `enter`, `ctrl-d`, `alt-x`.
    pub fn parse(name: &str) -> Option<Key> {
        let mut rest = name;
        let (mut ctrl, mut alt) = (false, false);
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-").filter(|r| !r.is_empty()) {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-").filter(|r| !r.is_empty()) {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => NAMED.iter().find(|(n, _)| *n == rest)?.1,
        };
        Some(Key { code, ctrl, alt })
    }

    /// The names [`Key::parse`] knows besides single characters.
    pub fn names() -> impl Iterator<Item = &'static str> {
        NAMED.iter().map(|(name, _)| *name)
    }

    /// Parse a sequence written as a user types it: `"/etat<enter>jj<ctrl-d>"`.
    /// Returns None on an unknown `<name>`.
    pub fn parse_sequence(seq: &str) -> Option<Vec<Key>> {
        let mut keys = Vec::new();
        let mut chars = seq.chars();
        while let Some(c) = chars.next() {
            if c == '<' {
                let name: String = chars.by_ref().take_while(|&c| c != '>').collect();
                keys.push(Key::parse(&name)?);
            } else {
                keys.push(Key::char(c));
            }
        }
        Some(keys)
    }

    /// The printable character this key types into a text field, if any.
    pub fn typed_char(self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt && !c.is_control() => Some(c),
            _ => None,
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            write!(f, "Ctrl-")?;
        }
        if self.alt {
            write!(f, "Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => write!(f, "Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => write!(f, "Enter"),
            KeyCode::Esc => write!(f, "Esc"),
            KeyCode::Tab => write!(f, "Tab"),
            KeyCode::BackTab => write!(f, "Shift-Tab"),
            KeyCode::Backspace => write!(f, "Backspace"),
            KeyCode::Up => write!(f, "↑"),
            KeyCode::Down => write!(f, "↓"),
            KeyCode::Left => write!(f, "←"),
            KeyCode::Right => write!(f, "→"),
            KeyCode::Home => write!(f, "Home"),
            KeyCode::End => write!(f, "End"),
            KeyCode::PageUp => write!(f, "PgUp"),
            KeyCode::PageDown => write!(f, "PgDn"),
        }
    }
}

/// Where a key is looked up; see the comment at the top of `assets/keymap.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Context {
    Global,
    Navigation,
    List,
    Reader,
    Sidebar,
    Typing,
    Help,
}

impl Context {
    pub const ALL: &'static [Context] = &[
        Context::List,
        Context::Reader,
        Context::Sidebar,
        Context::Navigation,
        Context::Global,
        Context::Typing,
        Context::Help,
    ];

    /// The order of the help screen: moving first, the rarely needed last.
    pub const HELP_ORDER: &'static [Context] = &[
        Context::Navigation,
        Context::List,
        Context::Reader,
        Context::Sidebar,
        Context::Typing,
        Context::Global,
        Context::Help,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Global => "global",
            Context::Navigation => "navigation",
            Context::List => "list",
            Context::Reader => "reader",
            Context::Sidebar => "sidebar",
            Context::Typing => "typing",
            Context::Help => "help",
        }
    }

    /// The contexts searched, in order, when `self` is the innermost one.
    fn chain(self) -> &'static [Context] {
        match self {
            Context::List => &[Context::List, Context::Navigation, Context::Global],
            Context::Reader => &[Context::Reader, Context::Navigation, Context::Global],
            Context::Sidebar => &[Context::Sidebar, Context::Navigation, Context::Global],
            Context::Navigation => &[Context::Navigation, Context::Global],
            Context::Global => &[Context::Global],
            Context::Typing => &[Context::Typing],
            Context::Help => &[Context::Help],
        }
    }
}

/// One line of help: every key bound to a command in a context.
pub type HelpRow = (Vec<Key>, Command);

/// Bindings per context, in file order (the first key of an action is its hint).
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<Context, Vec<(Key, Command)>>,
}

impl Keymap {
    /// The keymap shipped in `assets/`; a broken asset is a build defect caught by tests.
    pub fn default_keymap() -> Keymap {
        Keymap::parse(DEFAULT_KEYMAP).unwrap_or_else(|e| panic!("assets/keymap.toml: {e}"))
    }

    /// Parse a keymap in the format of `assets/keymap.toml`, naming the first bad entry.
    pub fn parse(text: &str) -> Result<Keymap, String> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
        let mut bindings: BTreeMap<Context, Vec<(Key, Command)>> = BTreeMap::new();
        // `preserve_order` keeps the file's order: the first key listed is the hinted one.
        for (section, entries) in &table {
            let context = Context::ALL
                .iter()
                .copied()
                .find(|c| c.name() == section)
                .ok_or_else(|| format!("unknown section [{section}]"))?;
            let entries = entries
                .as_table()
                .ok_or_else(|| format!("[{section}] is not a table"))?;
            let mut list = Vec::new();
            for (key_name, command) in entries {
                let key = Key::parse(key_name)
                    .ok_or_else(|| format!("[{section}] unknown key \"{key_name}\""))?;
                let command = command
                    .as_str()
                    .and_then(Command::from_name)
                    .ok_or_else(|| {
                        format!("[{section}] \"{key_name}\": unknown action {command}")
                    })?;
                list.push((key, command));
            }
            bindings.insert(context, list);
        }
        Ok(Keymap { bindings })
    }

    /// The command bound to `key` in `context` (searching its outer contexts too).
    pub fn lookup(&self, context: Context, key: Key) -> Option<Command> {
        context.chain().iter().find_map(|c| {
            self.bindings
                .get(c)?
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, cmd)| *cmd)
        })
    }

    /// Every key bound to `command` reachable from `context`, in file order.
    pub fn keys_for(&self, context: Context, command: Command) -> Vec<Key> {
        let mut keys = Vec::new();
        for c in context.chain() {
            for (k, cmd) in self.bindings.get(c).into_iter().flatten() {
                // A key shadowed by an inner context does not reach this command.
                if *cmd == command && self.lookup(context, *k) == Some(command) && !keys.contains(k)
                {
                    keys.push(*k);
                }
            }
        }
        keys
    }

    /// Short hints for the status bar: `(first key, command)` for each command that has a key.
    pub fn hints(&self, context: Context, commands: &[Command]) -> Vec<(Key, Command)> {
        commands
            .iter()
            .filter_map(|&cmd| Some((*self.keys_for(context, cmd).first()?, cmd)))
            .collect()
    }

    /// Lines the help screen takes: per section a title and its rows, a blank between.
    pub fn help_line_count(&self) -> usize {
        let sections = self.help_rows();
        let rows: usize = sections.iter().map(|(_, rows)| rows.len() + 1).sum();
        rows + sections.len().saturating_sub(1)
    }

    /// Rows for the help screen: per context, each command with all its keys.
    pub fn help_rows(&self) -> Vec<(Context, Vec<HelpRow>)> {
        let mut out = Vec::new();
        for &context in Context::HELP_ORDER {
            let Some(list) = self.bindings.get(&context) else {
                continue;
            };
            let mut rows: Vec<HelpRow> = Vec::new();
            for (key, cmd) in list {
                match rows.iter_mut().find(|(_, c)| c == cmd) {
                    Some((keys, _)) => keys.push(*key),
                    None => rows.push((vec![*key], *cmd)),
                }
            }
            if !rows.is_empty() {
                out.push((context, rows));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_keymap_parses_and_binds_the_documented_keys() {
        let km = Keymap::default_keymap();
        let l = Context::List;
        assert_eq!(km.lookup(l, Key::char('j')), Some(Command::Down));
        assert_eq!(km.lookup(l, Key::plain(KeyCode::Down)), Some(Command::Down));
        assert_eq!(km.lookup(l, Key::char('G')), Some(Command::Bottom));
        assert_eq!(
            km.lookup(l, Key::parse("ctrl-d").unwrap()),
            Some(Command::HalfPageDown)
        );
        assert_eq!(
            km.lookup(l, Key::plain(KeyCode::Enter)),
            Some(Command::Open)
        );
        assert_eq!(km.lookup(l, Key::char('q')), Some(Command::Quit));
        assert_eq!(
            km.lookup(Context::Reader, Key::char(']')),
            Some(Command::NextArticle)
        );
        // Typing a query must not trigger navigation: `j` is text there.
        assert_eq!(km.lookup(Context::Typing, Key::char('j')), None);
        assert_eq!(
            km.lookup(Context::Typing, Key::plain(KeyCode::Esc)),
            Some(Command::Cancel)
        );
    }

    #[test]
    fn hints_use_the_first_key_listed() {
        let km = Keymap::default_keymap();
        let hints = km.hints(
            Context::List,
            &[Command::Down, Command::Open, Command::Quit],
        );
        let shown: Vec<String> = hints.iter().map(|(k, _)| k.to_string()).collect();
        assert_eq!(shown, ["j", "Enter", "q"]);
    }

    #[test]
    fn bad_keymaps_name_the_problem() {
        assert!(
            Keymap::parse("[list]\n\"j\" = \"fly\"")
                .unwrap_err()
                .contains("fly")
        );
        assert!(
            Keymap::parse("[nowhere]\n")
                .unwrap_err()
                .contains("nowhere")
        );
        assert!(Keymap::parse("[list]\n\"ctrl-\" = \"down\"").is_err());
    }

    #[test]
    fn key_sequences_parse_like_typing() {
        let keys = Key::parse_sequence("/ab<enter><ctrl-d>").unwrap();
        assert_eq!(keys.len(), 5);
        assert_eq!(keys[3], Key::plain(KeyCode::Enter));
        assert_eq!(keys[4], Key::parse("ctrl-d").unwrap());
        assert!(Key::parse_sequence("<nope>").is_none());
    }
}
