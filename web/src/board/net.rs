//! From the server to the screen: connection events, decoding frames, handing them to
//! the protocol engine ([`crate::sync::Session`]) and acting on what it reports.

use std::rc::Rc;

use ovaal_shared::protocol::{ClientMessage, ErrorCode, ServerMessage};

use super::Board;
use crate::browser;
use crate::connection::ConnEvent;
use crate::dom::log_error;
use crate::i18n::{self, Key};
use crate::sync::Event;
use crate::view::header::Status;

/// When no frame comes (a hidden tab), incoming documents are drawn (and kept in the
/// local copy) after this long anyway.
const RENDER_FALLBACK_MS: f64 = 100.0;

impl Board {
    pub(super) fn on_connection(self: &Rc<Self>, event: ConnEvent) {
        match event {
            ConnEvent::Open => {
                let hello = self
                    .session
                    .borrow_mut()
                    .hello(&self.token, &self.identity.key);
                self.send(&hello);
            }
            ConnEvent::Frame(bytes) => match ServerMessage::decode(&bytes) {
                Ok(message) => self.on_message(message),
                // A frame we cannot read is the server's bug or a newer server; skip
                // it rather than drop a connection that otherwise works.
                Err(e) => log_error("undecodable frame", &e),
            },
            ConnEvent::Closed { code } => {
                self.session.borrow_mut().disconnected();
                self.awareness.borrow_mut().clear_peers();
                self.presence_sent.set(false);
                // A close code in the 4000 range carries the error even if the Error
                // frame itself got lost.
                if let Some(error) = code
                    .checked_sub(4000)
                    .and_then(|c| ErrorCode::from_code(u32::from(c)))
                {
                    self.give_up_unless_retryable(error);
                }
                self.note_save_state();
            }
            ConnEvent::Quiet => self.send(&ClientMessage::Ping),
            ConnEvent::Retrying { attempt } => {
                if self.status().failure().is_some() {
                    return;
                }
                let online = browser::navigator_online();
                self.set_status(if online {
                    Status::Reconnecting(attempt)
                } else {
                    Status::Offline
                });
                // Is the session still there? Asked at the first failure and now and
                // then after, not at every attempt.
                if online && (attempt == 1 || attempt % 4 == 0) {
                    self.probe_session();
                }
            }
        }
    }

    fn on_message(self: &Rc<Self>, message: ServerMessage) {
        let outcome = self.session.borrow_mut().handle(message);
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(e) => {
                log_error("sync", &e);
                return;
            }
        };
        for reply in &outcome.replies {
            self.send(reply);
        }
        match outcome.event {
            None => {}
            Some(Event::Welcomed {
                role,
                server_time_ms,
            }) => {
                let mut clock = self.clock.get();
                clock.observe(server_time_ms, browser::now_ms());
                self.clock.set(clock);
                self.conn.established();
                self.set_status(Status::Connected);
                self.show_role(role);
                self.send(&ClientMessage::QueryAwareness);
                self.send_presence();
                self.render_dirty(false);
                // What this role may do with each card is known now.
                self.note_save_state();
                // Keep the role and the clock for a visit while the server is down.
                self.remember_locally(&Default::default());
                // The links as they are now (also after the server was away).
                self.load_links();
            }
            Some(Event::Applied { live, .. }) => self.render_dirty_soon(live),
            Some(Event::Stored) => self.note_save_state(),
            Some(Event::Awareness(update)) => {
                let changed = self
                    .awareness
                    .borrow_mut()
                    .apply(&update, browser::now_ms());
                match changed {
                    Ok(true) => self.render_model(false),
                    Ok(false) => {}
                    Err(e) => log_error("awareness", &e),
                }
            }
            Some(Event::Refused { code, reason, .. }) => {
                let lang = self.lang();
                let text = match i18n::refusal_key(code) {
                    Some(key) => i18n::t(lang, key).to_owned(),
                    None => i18n::tf(lang, Key::RefusedOther, &[("reason", &reason)]),
                };
                self.notices.show(lang, &text, "warning");
            }
            Some(Event::Closing { code, reason }) => {
                // A restart or a full room is weather, not a fault (the page retries), and
                // a deleted session gets its own page.
                if !code.is_retryable() && code != ErrorCode::UnknownSession {
                    log_error(
                        "server closed the connection",
                        &format!("{code:?}: {reason}"),
                    );
                }
                self.give_up_unless_retryable(code);
            }
        }
    }

    /// Draws the documents changed by incoming messages once, before the next paint,
    /// instead of once per message: joining brings one message per document (a full
    /// board: a dozen), and drawing the whole table for each of them was most of the
    /// time until the board was interactive (docs/benchmarks.md). Whether any of them
    /// was live (its new cards read out) is kept until then.
    fn render_dirty_soon(&self, live: bool) {
        self.announce_pending
            .set(self.announce_pending.get() || live);
        if self.render_pending.replace(true) {
            return;
        }
        let board = self.this.clone();
        browser::next_frame(RENDER_FALLBACK_MS, move || {
            if let Some(board) = board.upgrade() {
                board.render_pending.set(false);
                board.render_dirty(false);
            }
        });
    }

    /// Stops reconnecting when the server said retrying cannot help (wrong link, other
    /// version), and tells the person what to do instead.
    pub(super) fn give_up_unless_retryable(&self, code: ErrorCode) {
        if code == ErrorCode::UnknownSession {
            // The session existed a moment ago (we were welcomed): it was deleted.
            return self.show_deleted();
        }
        if code.is_retryable() || self.status().failure().is_some() {
            return;
        }
        self.conn.stop();
        if code == ErrorCode::ParticipantKeyMismatch {
            // The server asks us to start as a new participant: the next load will.
            crate::identity::forget(&self.session_id, &self.token);
        }
        let key = i18n::error_key(code);
        self.set_status(Status::Failed(key));
        if code == ErrorCode::Unauthorized {
            // The link was revoked or the facilitator removed this person.
            return self.shut_out(key);
        }
        self.notices
            .show(self.lang(), i18n::t(self.lang(), key), "error");
        self.render_model(false);
    }

    /// The connection pill's state: a model input, drawn by the header with the
    /// language like any other part.
    pub(super) fn set_status(&self, status: Status) {
        if self.model.borrow_mut().status.set(status) {
            self.render_model(false);
        }
    }

    pub(super) fn status(&self) -> Status {
        *self.model.borrow().status.get()
    }

    pub(super) fn send(&self, message: &ClientMessage) {
        self.conn.send(&message.encode());
    }

    /// Sends the local edits queued since the last call (while connected).
    pub(super) fn flush(&self) {
        let outgoing = self.session.borrow_mut().outgoing();
        for message in &outgoing {
            self.send(message);
        }
    }

    /// Sends our presence (a new clock value), if we have one and are connected.
    pub(super) fn send_presence(&self) {
        if !self.session.borrow().is_live() {
            return;
        }
        // What the model derived (role, profile, ready round, language).
        let Some(state) = self.model.borrow().own_presence().get().clone() else {
            return;
        };
        let update = self.awareness.borrow_mut().encode_own(Some(&state));
        self.send(&ClientMessage::Awareness { update });
        self.presence_sent.set(true);
    }

    /// Says goodbye so others see us leave at once instead of after a timeout.
    pub(super) fn send_presence_leaving(&self) {
        if self.presence_sent.get() && self.session.borrow().is_live() {
            let update = self.awareness.borrow_mut().encode_own(None);
            self.send(&ClientMessage::Awareness { update });
            self.presence_sent.set(false);
        }
    }

    /// Every [`crate::awareness::HEARTBEAT_MS`]: renew our presence, forget peers
    /// that stopped renewing theirs.
    pub(super) fn heartbeat(&self) {
        self.send_presence();
        let expired = self.awareness.borrow_mut().expire(browser::now_ms());
        if expired {
            self.render_model(false);
        }
    }
}
