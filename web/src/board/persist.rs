//! The board's local copy ([`crate::local_store`]): read before connecting, so the
//! board shows (and takes new cards) while the server is down. One's own changes are
//! written at once (a card written offline must survive a reload a moment later);
//! changes from others shortly after they arrive, a burst in one write, since the
//! server keeps those anyway; and everything pending when the page is left.
//!
//! The copy is applied like server data (it does not go out as live updates): what
//! the server lacks of it reaches the server through the next handshake's Step2s.

use std::rc::Rc;

use ovaal_shared::DocName;
use wasm_bindgen_futures::spawn_local;
use yrs::{ReadTxn, StateVector, Transact};

use super::Board;
use crate::browser;
use crate::clock::ServerClock;
use crate::dom::log_error;
use crate::local_store::{Loaded, Meta, Opening};

/// How long the local copy waits for more changes from others before it is written.
const SAVE_DELAY_MS: f64 = 400.0;
/// How long connecting waits for the local copy (a stuck IndexedDB must not keep
/// the board offline).
const LOAD_TIMEOUT_MS: f64 = 2_000.0;

impl Board {
    /// Reads the local copy (being opened since the page started), then connects. A
    /// `new_identity` (made on this visit) has no local copy to show or to send, so
    /// it connects at once, while the copy's database is still opening (on a first
    /// visit that creates it).
    pub(super) fn start_local(self: &Rc<Self>, local: Opening, new_identity: bool) {
        if new_identity {
            self.connect_once();
        }
        let weak = Rc::downgrade(self);
        browser::set_timeout(LOAD_TIMEOUT_MS, move || {
            if let Some(board) = weak.upgrade() {
                board.connect_once();
            }
        });
        let weak = Rc::downgrade(self);
        spawn_local(async move {
            let opened = local.finish().await;
            let loaded = match &opened {
                Ok(store) => store.load().await,
                Err(e) => {
                    log_error("local copy", e);
                    Ok(Loaded::default())
                }
            };
            let Some(board) = weak.upgrade() else { return };
            if let Ok(store) = opened {
                *board.store.borrow_mut() = Some(Rc::new(store));
                // What arrived from the server before the copy was open (a new
                // identity connects at once) is written now.
                if !board.unsaved_locally.borrow().is_empty() {
                    board.save_locally_soon();
                }
            }
            match loaded {
                Ok(loaded) => board.apply_local(loaded),
                Err(e) => log_error("local copy", &e),
            }
            board.connect_once();
        });
    }

    fn connect_once(&self) {
        if !self.connecting.replace(true) && !self.closed.get() {
            self.conn.connect();
        }
    }

    /// Shows what the local copy holds. Normally before connecting; should the copy
    /// come late (a slow disk), it is merged all the same and the handshake is done
    /// again, so that changes made offline in an earlier visit still reach the server.
    fn apply_local(&self, loaded: Loaded) {
        if loaded.docs.is_empty() || self.closed.get() {
            return;
        }
        let late = self.connecting.get();
        {
            let mut session = self.session.borrow_mut();
            for (name, state) in &loaded.docs {
                match session.docs.apply_remote(name, state) {
                    // Unsure whether the server has it all: "not yet saved" until the
                    // handshake says otherwise.
                    Ok(()) => session.saves.changed_offline(name),
                    Err(e) => log_error("local copy", &e),
                }
            }
            if let Some(role) = loaded
                .meta
                .as_ref()
                .and_then(|m| m.role.as_deref())
                .and_then(|r| r.parse().ok())
            {
                session.assume_role(role);
            }
        }
        if let Some(meta) = loaded.meta.as_ref().filter(|_| !late) {
            self.clock.set(ServerClock::with_offset(meta.offset_ms));
        }
        let role = self.session.borrow().role();
        if let Some(role) = role.filter(|_| !late) {
            self.show_role(role);
        }
        self.render_dirty(false);
        self.note_save_state();
        if late {
            self.session.borrow_mut().disconnected();
            self.conn.connect();
        }
    }

    /// Notes documents to write to the local copy soon.
    pub(super) fn remember_locally(&self, names: &std::collections::BTreeSet<DocName>) {
        self.unsaved_locally
            .borrow_mut()
            .extend(names.iter().cloned());
        self.save_locally_soon();
    }

    /// Writes what is noted (and the role and clock) to the local copy soon, once the
    /// copy is open and unless a write is already waiting.
    fn save_locally_soon(&self) {
        if self.local_save_timer.get().is_some() || self.store.borrow().is_none() {
            return;
        }
        let weak = self.weak();
        let timer = browser::set_timeout(SAVE_DELAY_MS, move || {
            if let Some(board) = weak.upgrade() {
                board.save_locally_now();
            }
        });
        self.local_save_timer.set(timer);
    }

    /// Writes the changed documents to the local copy now (a write that was waiting
    /// is part of this one).
    pub(super) fn save_locally_now(&self) {
        if let Some(waiting) = self.local_save_timer.take() {
            browser::clear_timeout(waiting);
        }
        if self.closed.get() {
            return;
        }
        let Some(store) = self.store.borrow().clone() else {
            return;
        };
        let names = std::mem::take(&mut *self.unsaved_locally.borrow_mut());
        let session = self.session.borrow();
        let docs: Vec<(DocName, Vec<u8>)> = names
            .into_iter()
            .filter_map(|name| {
                let doc = session.docs.get(&name)?;
                let txn = doc.try_transact().ok()?;
                Some((name, txn.encode_state_as_update_v1(&StateVector::default())))
            })
            .collect();
        let meta = Meta {
            role: session.role().map(|r| r.as_str().to_owned()),
            offset_ms: self.clock.get().offset_ms(),
        };
        drop(session);
        store.save(&docs, Some(&meta));
    }

    /// Tells the model whether every change made here is stored (the header's
    /// "saved" / "not yet saved" follows), and draws what moved.
    pub(super) fn note_save_state(&self) {
        let state = self.session.borrow().saves.state();
        self.model.borrow_mut().saves.set(state);
        self.render_model(false);
    }
}
