//! Screen geometry: which panes are visible at a size and where they go. Shared by `update`
//! (to wrap and scroll for the real pane sizes) and the view (to draw there). Must not draw.

use ratatui::layout::{Constraint, Layout, Margin, Rect};

/// Below this the panes cannot be drawn usefully; a "too small" notice is shown instead.
pub const MIN_WIDTH: u16 = 30;
pub const MIN_HEIGHT: u16 = 8;
/// From this width on, list and reader share the screen; below it one pane fills it.
pub const SPLIT_WIDTH: u16 = 60;
/// From this width on, the sidebar shows itself unless hidden with its key.
pub const SIDEBAR_AUTO_WIDTH: u16 = 100;
const SIDEBAR_WIDTH: u16 = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    List,
    Reader,
    Sidebar,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::List, Pane::Reader, Pane::Sidebar];
}

/// The user's wish for the sidebar; `Auto` follows the terminal width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SidebarPref {
    #[default]
    Auto,
    Shown,
    Hidden,
}

/// Where things go on a screen big enough to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub sidebar: Option<Rect>,
    pub status: Rect,
}

impl Panes {
    pub fn rect(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::List => self.list,
            Pane::Reader => self.reader,
            Pane::Sidebar => self.sidebar,
        }
    }

    /// Visible panes, left to right.
    pub fn visible(&self) -> Vec<Pane> {
        Pane::ALL
            .into_iter()
            .filter(|&p| self.rect(p).is_some())
            .collect()
    }

    /// True when one pane fills the screen and focus decides which.
    pub fn single(&self) -> bool {
        self.visible().len() == 1
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    TooSmall,
    Panes(Panes),
}

/// The layout for `area`, given the sidebar preference and the focused pane.
pub fn screen(area: Rect, sidebar: SidebarPref, focus: Pane) -> Screen {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Screen::TooSmall;
    }
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let mut panes = Panes {
        list: None,
        reader: None,
        sidebar: None,
        status,
    };
    if area.width < SPLIT_WIDTH {
        match focus {
            Pane::List => panes.list = Some(main),
            Pane::Reader => panes.reader = Some(main),
            Pane::Sidebar => panes.sidebar = Some(main),
        }
        return Screen::Panes(panes);
    }
    let show_sidebar = match sidebar {
        SidebarPref::Auto => area.width >= SIDEBAR_AUTO_WIDTH,
        SidebarPref::Shown => true,
        SidebarPref::Hidden => false,
    };
    let list_width = (u32::from(area.width) * 35 / 100).clamp(24, 50) as u16;
    let sidebar_width = if show_sidebar { SIDEBAR_WIDTH } else { 0 };
    let [list, reader, side] = Layout::horizontal([
        Constraint::Length(list_width),
        Constraint::Min(1),
        Constraint::Length(sidebar_width),
    ])
    .areas(main);
    panes.list = Some(list);
    panes.reader = Some(reader);
    panes.sidebar = show_sidebar.then_some(side);
    Screen::Panes(panes)
}

/// The area inside a pane's border.
pub fn inner(rect: Rect) -> Rect {
    rect.inner(Margin::new(1, 1))
}

/// The reader's text area: inside the border, one column of padding each side.
pub fn reader_text_area(rect: Rect) -> Rect {
    inner(rect).inner(Margin::new(1, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panes(w: u16, h: u16, pref: SidebarPref, focus: Pane) -> Option<Panes> {
        match screen(Rect::new(0, 0, w, h), pref, focus) {
            Screen::Panes(p) => Some(p),
            Screen::TooSmall => None,
        }
    }

    #[test]
    fn sidebar_hides_itself_on_narrow_terminals_and_with_its_key() {
        let wide = panes(120, 30, SidebarPref::Auto, Pane::List).unwrap();
        assert_eq!(wide.visible(), [Pane::List, Pane::Reader, Pane::Sidebar]);
        let medium = panes(80, 24, SidebarPref::Auto, Pane::List).unwrap();
        assert_eq!(medium.visible(), [Pane::List, Pane::Reader]);
        let hidden = panes(120, 30, SidebarPref::Hidden, Pane::List).unwrap();
        assert_eq!(hidden.visible(), [Pane::List, Pane::Reader]);
        let narrow = panes(40, 12, SidebarPref::Shown, Pane::Reader).unwrap();
        assert_eq!(narrow.visible(), [Pane::Reader]);
    }

    #[test]
    fn every_size_either_fits_or_is_too_small() {
        for w in (0..300)
            .step_by(7)
            .chain([0, 1, 29, 30, 59, 60, 99, 100, 1000, u16::MAX])
        {
            for h in [0, 1, 7, 8, 24, 500, u16::MAX] {
                for pref in [SidebarPref::Auto, SidebarPref::Shown, SidebarPref::Hidden] {
                    let area = Rect::new(0, 0, w, h);
                    if let Some(p) = panes(w, h, pref, Pane::Sidebar) {
                        for pane in p.visible() {
                            let r = p.rect(pane).unwrap();
                            assert!(area.contains(r.as_position()) && r.right() <= area.right());
                        }
                    } else {
                        assert!(w < MIN_WIDTH || h < MIN_HEIGHT);
                    }
                }
            }
        }
    }
}
