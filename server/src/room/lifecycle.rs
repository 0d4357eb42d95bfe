//! Ending and deleting a session while people are in it.

use bytes::Bytes;
use yrs::{ReadTxn, Transact};

use super::core::{RoomCore, frame};
use super::effect::Effect;
use crate::close_reason::CloseReason;
use crate::storage::AppendUpdate;
use ovaal_shared::DocName;
use ovaal_shared::board::facilitation::{Timer, write_ended, write_timer};
use ovaal_shared::protocol::{ServerMessage, SyncMessage};

impl RoomCore {
    /// Makes the board read-only for everyone, and says so in the control document so
    /// every screen shows it. The store already has the session marked ended.
    pub(super) fn end(&mut self) {
        if self.ended {
            return;
        }
        self.ended = true;
        let control = self.docs.get_or_create(&DocName::Control);
        let before = control.transact().state_vector();
        write_ended(control);
        // A timer left running would go on counting down on every screen of a board
        // that nobody works on any more.
        write_timer(control, Timer::Idle);
        let update = control.transact().encode_state_as_update_v1(&before);
        self.docs.record_own(&DocName::Control, &update);
        let relay: Bytes = frame(&ServerMessage::Sync {
            doc: DocName::Control,
            message: SyncMessage::Update(update.clone()),
        });
        self.broadcast_doc(None, &DocName::Control, relay);
        self.policy_changed();
        let append = AppendUpdate {
            session: self.ctx.session.clone(),
            doc: DocName::Control,
            update,
        };
        self.effects.push(Effect::Store { append, ack: None });
    }

    /// `yrs` failed on an update that passed every check: the room's copy may be
    /// damaged, so it is thrown away, never compacted. Everyone reconnects to a fresh
    /// room loaded from storage, which has only what was applied cleanly.
    pub(super) fn discard(&mut self) {
        tracing::error!(session = %self.ctx.session, "room discarded after a failed apply");
        self.kick_where(|_| true, &CloseReason::room_reloading());
        self.deleted = true;
    }

    /// Drops everyone at once; the room then closes without saving anything.
    pub(super) fn delete(&mut self) {
        self.kick_where(|_| true, &CloseReason::session_deleted());
        self.deleted = true;
    }
}
