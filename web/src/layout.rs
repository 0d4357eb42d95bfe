//! Which view of the board a browser shows, and how that choice is made.
//!
//! The three views are equal ways to see one board, not a main view and fallbacks:
//! - **table**: the oval table with seats and cards (laptops);
//! - **list**: the same board as an outline (table centre → seats → cards, or by kind),
//!   for keyboards, screen readers and phones;
//! - **room**: the projector's screen: read-only, large type, the join code and QR.
//!
//! The person's choice is kept per browser (localStorage); phones start in the list,
//! the room-screen link starts in the room view.

use ovaal_shared::Role;

/// Where the choice is remembered.
pub const STORAGE_KEY: &str = "ovaal:view";

/// Below this width (CSS px) the page is laid out for a phone.
pub const NARROW_MAX_PX: u32 = 600;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardView {
    Table,
    List,
    Room,
}

impl BoardView {
    pub const ALL: [BoardView; 3] = [BoardView::Table, BoardView::List, BoardView::Room];

    /// The value of `button[data-view]`, `<body data-view>` and the stored choice.
    pub fn as_str(self) -> &'static str {
        match self {
            BoardView::Table => "table",
            BoardView::List => "list",
            BoardView::Room => "room",
        }
    }

    pub fn parse(s: &str) -> Option<BoardView> {
        BoardView::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// The room view is for the links that only read: the room screen's and the
    /// observers' (before room screens had links of their own, the projector opened
    /// the observers' link). The others write on the board.
    pub fn allowed_for(self, role: Role) -> bool {
        self != BoardView::Room || !role.writes()
    }
}

/// The view a page starts in: the room-screen link opens the room screen; otherwise
/// the stored choice; otherwise the list on a phone and the table elsewhere.
pub fn initial_view(stored: Option<&str>, narrow: bool, room_link: bool) -> BoardView {
    if room_link {
        return BoardView::Room;
    }
    match stored.and_then(BoardView::parse) {
        Some(view) => view,
        None if narrow => BoardView::List,
        None => BoardView::Table,
    }
}

/// The view to show once the role is known (a stored "room" choice does not apply to a
/// participant's link in the same browser).
pub fn view_for_role(view: BoardView, role: Role, narrow: bool) -> BoardView {
    if view.allowed_for(role) {
        view
    } else if narrow {
        BoardView::List
    } else {
        BoardView::Table
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_round_trip() {
        for view in BoardView::ALL {
            assert_eq!(BoardView::parse(view.as_str()), Some(view));
        }
        assert_eq!(BoardView::parse("grid"), None);
    }

    #[test]
    fn start_view() {
        assert_eq!(initial_view(None, false, false), BoardView::Table);
        assert_eq!(initial_view(None, true, false), BoardView::List);
        assert_eq!(initial_view(Some("table"), true, false), BoardView::Table);
        assert_eq!(initial_view(Some("list"), false, true), BoardView::Room);
        assert_eq!(
            initial_view(Some("nonsense"), false, false),
            BoardView::Table
        );
    }

    #[test]
    fn only_the_reading_links_get_the_room_screen() {
        for reader in [Role::RoomScreen, Role::Observer] {
            assert_eq!(
                view_for_role(BoardView::Room, reader, false),
                BoardView::Room
            );
        }
        assert_eq!(
            view_for_role(BoardView::Room, Role::Participant, false),
            BoardView::Table
        );
        assert_eq!(
            view_for_role(BoardView::Room, Role::Facilitator, true),
            BoardView::List
        );
        assert_eq!(
            view_for_role(BoardView::List, Role::Participant, false),
            BoardView::List
        );
    }
}
