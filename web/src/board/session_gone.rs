//! When the board must leave the page: the session was deleted, or this person can no
//! longer come in (their link was revoked, or the facilitator removed them). Either
//! way the page stops connecting, forgets its local copy and takes the board's content
//! off the screen: what was said at the table is no longer theirs to read.

use std::rc::Rc;

use ovaal_shared::protocol::ErrorCode;
use wasm_bindgen_futures::spawn_local;

use super::Board;
use crate::api::ApiError;
use crate::dom::{self, log_error};
use crate::i18n::Key;
use crate::session_api;

impl Board {
    /// The session is gone: only that is shown.
    pub(super) fn show_deleted(&self) {
        self.show_gone(Key::DeletedPage);
    }

    /// The session is gone, in the words of `key`.
    fn show_gone(&self, key: Key) {
        if !self.close() {
            return;
        }
        if let Err(e) = crate::message_page(key) {
            log_error("deleted", &e);
        }
        if let Some(body) = dom::document().ok().and_then(|d| d.body()) {
            dom::set_attr(&body, "data-page", "deleted");
        }
    }

    /// This person may no longer come in: the header stays (its connection pill says
    /// why), everything else makes way for the message `key`.
    pub(super) fn shut_out(&self, key: Key) {
        if !self.close() {
            return;
        }
        let Some(body) = dom::document().ok().and_then(|d| d.body()) else {
            return;
        };
        let children = body.children();
        let others: Vec<_> = (0..children.length())
            .filter_map(|i| children.item(i))
            .filter(|child| *child != self.header.root)
            .collect();
        for child in others {
            child.remove();
        }
        let _ = body.append_child(&crate::message_main(self.lang(), key));
        dom::set_attr(&body, "data-page", "shut-out");
    }

    /// Stops connecting and saving and forgets the local copy; false if that already
    /// happened.
    fn close(&self) -> bool {
        if self.closed.replace(true) {
            return false;
        }
        self.conn.stop();
        if let Some(store) = self.store.borrow().as_ref() {
            store.clear();
        }
        true
    }

    /// After a failed connection attempt: asks the HTTP API whether the session still
    /// exists and this link still opens it. The WebSocket cannot say: its address
    /// answers 404 before the upgrade, and a browser reports only that it closed. So a
    /// link to a deleted session, opened later, shows that it was deleted instead of
    /// reconnecting for ever. Without an answer (server down) nothing changes.
    pub(super) fn probe_session(self: &Rc<Self>) {
        let weak = Rc::downgrade(self);
        let (session, token) = (self.session_id.to_string(), self.token.clone());
        spawn_local(async move {
            let answer = session_api::check_link(&session, &token).await;
            let Some(board) = weak.upgrade() else { return };
            match answer {
                // Deleted, or a link that never led anywhere: it cannot tell which.
                Err(ApiError::Refused { status: 404, .. }) => {
                    board.show_gone(Key::ErrorUnknownSession)
                }
                Err(ApiError::Refused {
                    status: 401 | 403, ..
                }) => board.give_up_unless_retryable(ErrorCode::Unauthorized),
                _ => {}
            }
        });
    }
}
