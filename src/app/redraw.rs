//! What a change costs on screen (nothing, the progress gauge, or a frame), known from the
//! action before it is applied. Must not change the model.

use super::action::Action;
use super::model::{Loading, Model};
use ratatui::layout::Rect;

/// What an update changed on screen, so the loop draws only when there is something new.
/// Ordered: a change that needs the whole screen covers a progress tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Redraw {
    #[default]
    Nothing,
    /// Only the indexing percentage moved: worth showing, not worth a frame per message.
    Progress,
    Screen,
}

impl Model {
    /// What an action changes on screen, known before it is applied; None for search
    /// results, which show only if they are still wanted.
    pub(super) fn redraw_for(&self, action: &Action) -> Option<Redraw> {
        let percent = |loading: Loading| match loading {
            Loading::Reading { done, total } => Some((0, done * 100 / total.max(1))),
            Loading::Indexing { done, total } => Some((1, done * 100 / total.max(1))),
            Loading::Ready => None,
        };
        Some(match action {
            Action::SearchDone { .. } | Action::Idle => return None,
            Action::Resize(w, h) if Rect::new(0, 0, *w, *h) == self.size => Redraw::Nothing,
            Action::Indexing { .. } | Action::Reading { .. } => {
                let next = match *action {
                    Action::Reading { done, total } => Loading::Reading { done, total },
                    Action::Indexing { done, total } => Loading::Indexing { done, total },
                    _ => self.loading,
                };
                if self.loading == Loading::Ready || percent(next) == percent(self.loading) {
                    Redraw::Nothing
                } else {
                    Redraw::Progress
                }
            }
            // The status line only; a few reports a second at most.
            Action::Checking(_) => Redraw::Progress,
            _ => Redraw::Screen,
        })
    }
}
