//! The header's undo and redo buttons: offered to people who write, enabled when the
//! undo manager holds a step to take back (or bring back) and this person may write
//! their own document now (not on a locked board, not while listening in the hot
//! seat, not after the end).

use ovaal_shared::Role;

use super::inputs::Who;
use super::page_mode::PageMode;

/// What the undo manager over this person's own document holds, as last asked
/// (after each local change, undo and redo).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UndoHeld {
    pub can_undo: bool,
    pub can_redo: bool,
}

/// The buttons as shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UndoButtonsShown {
    /// Offered at all: this person writes on the board.
    pub offered: bool,
    pub undo: bool,
    pub redo: bool,
}

pub fn derive(who: &Who, mode: &PageMode, held: UndoHeld) -> UndoButtonsShown {
    let offered = who.role.is_some_and(Role::writes);
    let allowed = offered && mode.may_undo;
    UndoButtonsShown {
        offered,
        undo: allowed && held.can_undo,
        redo: allowed && held.can_redo,
    }
}
