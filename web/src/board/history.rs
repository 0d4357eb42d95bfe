//! Undo and redo of the person's own cards (a `yrs` undo manager over their own
//! document). What the manager holds is a model input, set after each local change,
//! undo and redo; the header's buttons are drawn from the model's part
//! ([`crate::board_model::undo_buttons`]), which also waits while the document may
//! not be written (a locked board, a listening case-holder, an ended session).

use ovaal_shared::DocName;

use super::Board;
use crate::board_model::undo_buttons::UndoHeld;
use crate::browser;
use crate::i18n::{self, Key};
use crate::undo::OwnUndo;

/// How long the undo manager waits for a frame in a tab that paints nothing.
const UNDO_FALLBACK_MS: f64 = 100.0;

impl Board {
    /// Our own undo manager, made for our own document the first time it is needed
    /// (and made again if the server gave us another participant id).
    fn with_undo<R>(&self, f: impl FnOnce(&mut OwnUndo) -> R) -> Option<R> {
        let mut session = self.session.borrow_mut();
        let own = session.own_doc_name();
        let mut undo = self.undo.borrow_mut();
        if undo.as_ref().map(|(name, _)| name) != Some(&own) {
            let doc = session.docs.get_or_create(&own);
            *undo = Some((own, OwnUndo::new(doc)));
        }
        undo.as_mut().map(|(_, manager)| f(manager))
    }

    /// Starts recording our own changes, called once the role is known: after the
    /// next frame and the task after it, so that making the manager is not in the way
    /// of the first drawn board (docs/benchmarks.md). A card written before then makes
    /// it at once ([`Board::ready_to_write`]), so every change can be undone.
    pub(super) fn start_undo(&self) {
        let board = self.this.clone();
        browser::next_frame(UNDO_FALLBACK_MS, move || {
            browser::set_timeout(0.0, move || {
                if let Some(board) = board.upgrade() {
                    board.record_own_changes();
                }
            });
        });
    }

    /// Whether this person may write `doc` now; when they may, the undo manager is
    /// made first (if the first frame has not made it yet), so the write that follows
    /// can be undone. Every card write asks this before it changes a document.
    pub(super) fn ready_to_write(&self, doc: &DocName) -> bool {
        let may = self.may_write_now(doc);
        if may {
            self.record_own_changes();
        }
        may
    }

    /// Makes sure the undo manager records our own changes from here on.
    fn record_own_changes(&self) {
        self.with_undo(|_| ());
        self.note_undo_held();
    }

    /// Undo and redo change the person's own document, so they wait while it may
    /// not be written (locked board, listening case-holder, ended session).
    fn may_undo(&self) -> bool {
        self.model.borrow().page_mode().get().may_undo
    }

    pub(super) fn undo(&self) {
        if !self.may_undo() {
            return;
        }
        if self.with_undo(|u| u.undo()) == Some(true) {
            self.after_local_change();
            self.notices.announce(i18n::t(self.lang(), Key::Undone));
        }
    }

    pub(super) fn redo(&self) {
        if !self.may_undo() {
            return;
        }
        if self.with_undo(|u| u.redo()) == Some(true) {
            self.after_local_change();
            self.notices.announce(i18n::t(self.lang(), Key::Redone));
        }
    }

    /// Tells the model what the undo manager holds now (the buttons follow).
    pub(super) fn note_undo_held(&self) {
        let held = self
            .undo
            .borrow()
            .as_ref()
            .map(|(_, u)| UndoHeld {
                can_undo: u.can_undo(),
                can_redo: u.can_redo(),
            })
            .unwrap_or_default();
        self.model.borrow_mut().undo_held.set(held);
    }
}
