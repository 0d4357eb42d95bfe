//! Undo and redo of the person's own cards (a `yrs` undo manager over their own
//! document), and the header's buttons. They wait while the document may not be
//! written (a locked board, a listening case-holder, an ended session).

use super::Board;
use crate::i18n::{self, Key};
use crate::undo::OwnUndo;

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

    /// Starts recording our own changes (called once the role is known).
    pub(super) fn start_undo(&self) {
        self.with_undo(|_| ());
        self.update_undo_buttons();
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
        self.update_undo_buttons();
    }

    pub(super) fn redo(&self) {
        if !self.may_undo() {
            return;
        }
        if self.with_undo(|u| u.redo()) == Some(true) {
            self.after_local_change();
            self.notices.announce(i18n::t(self.lang(), Key::Redone));
        }
        self.update_undo_buttons();
    }

    pub(super) fn update_undo_buttons(&self) {
        let state = self
            .undo
            .borrow()
            .as_ref()
            .map(|(_, u)| (u.can_undo(), u.can_redo()));
        let (can_undo, can_redo) = state.unwrap_or((false, false));
        let allowed = self.may_undo();
        self.undo_buttons
            .set_state(can_undo && allowed, can_redo && allowed);
    }
}
