//! What a command handled by the room's core ([`super::core::RoomCore`]) asks of the
//! world beyond it: everything that waits. The room's task (`task.rs`) carries them
//! out in the order they were made, before it takes the next command, so storage sees
//! updates and acknowledgements in the order the room accepted them.
//!
//! Frames and close reasons are not effects: they go straight into each connection's
//! outbox (`outbox.rs`), a memory queue that never waits, where a full queue is known
//! at once and the slow connection dropped in the same command (`fanout.rs`).

use super::ConnId;
use crate::storage::worker::Ack;
use crate::storage::{AppendUpdate, AttendanceEvent};

pub enum Effect {
    /// Store an accepted update; `ack` tells the writer once it is on disk.
    Store {
        append: AppendUpdate,
        ack: Option<Ack>,
    },
    /// Acknowledge a write that needed no storing (refused, or changing nothing), once
    /// every update queued before it is on disk.
    AckInLine(Ack),
    /// A person arrived or left (`attendance.rs`).
    Attendance(AttendanceEvent),
    /// Presence accepted from this node's connection `conn`, for the other nodes.
    PresenceOut { conn: ConnId, update: Vec<u8> },
    /// This node's connection `conn` left: its presence is gone on the other nodes too.
    PresenceGone { conn: ConnId },
}
