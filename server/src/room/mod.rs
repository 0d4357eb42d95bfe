//! Rooms: the live state of one session while anyone is connected.
//!
//! A room is an I/O-free core ([`core::RoomCore`]: commands in, effects out) with a
//! thin task around it ([`task`]). Connections talk to the task over a bounded
//! channel of [`RoomCommand`]s; the core handles one at a time, puts frames and close
//! reasons into the connections' outboxes, and returns what must wait (storage,
//! acknowledgements, attendance, presence for other nodes) as [`effect::Effect`]s,
//! which the task carries out before the next command. No lock is shared between
//! connections, and the core is tested without sockets (`core_tests.rs`).
//!
//! - [`registry`]: the map of live rooms (`dashmap`), creating a room on first join.
//! - [`task`]: the loop: load, feed commands to the core, carry out its effects, read
//!   missed positions, unload after a grace period.
//! - [`core`]: the room's state and [`core::RoomCore::handle`]: join, frames, leave,
//!   reveals of private rounds (`policy_changed`), shutdown; [`effect`]: what it asks
//!   of the task.
//! - `write`: one write: permission check (`may_write_in`), schema, budgets, apply,
//!   relay, store, acknowledge.
//! - `fanout`: sending to one, all, or all readers of a document; slow ones dropped;
//!   kicks (`kick`, `kick_where`) with a [`crate::close_reason::CloseReason`].
//! - [`outbox`]: a connection's queue of frames, and the reason it was dropped.
//! - [`documents`]: the sync logic on a room's `yrs` documents (no I/O, unit-tested);
//!   [`replica`]: each document kept as one encoded update until it is written to.
//! - [`awareness`]: who is here, kept per connection and relayed.
//! - `attendance`: arrivals and departures reported for the attendance record.
//! - `lifecycle`: ending (read-only) and deleting a session while people are in it.
//! - [`policy`]: the facilitator's settings that permissions depend on.
//! - [`admission`]: who may take one more of a room's connections (fair shares).
//! - [`rate`]: a token bucket; `throttle`: each connection's write and presence rate.
//! - [`load`]: the documents from storage; damage quarantines the session.
//! - [`action`]: revoke, remove, end, delete, as they reach rooms on every node.
//! - [`remote`]: what other nodes of a cluster send a room (updates, presence), and
//!   applying what the fan-out missed; [`positions`]: which stored updates it has.

pub mod action;
pub mod admission;
mod attendance;
pub mod awareness;
pub mod core;
#[cfg(test)]
mod core_tests;
pub mod documents;
pub mod effect;
mod fanout;
mod lifecycle;
pub mod load;
pub mod outbox;
pub mod policy;
pub mod positions;
pub mod rate;
pub mod registry;
pub mod remote;
pub mod replica;
mod synced;
pub mod task;
mod throttle;
mod write;

use bytes::Bytes;
use tokio::sync::{mpsc, oneshot};

use crate::close_reason::CloseReason;
use crate::storage::quarantine::Damage;
use ovaal_shared::protocol::{ClientMessage, ErrorCode, Welcome};
use ovaal_shared::{ParticipantId, Role};

pub use outbox::Outbox;
pub use registry::RoomRegistry;

/// Identifies one WebSocket connection within the server.
pub type ConnId = u64;

pub struct JoinRequest {
    pub conn: ConnId,
    pub role: Role,
    /// The link the connection came in through (so revoking it can drop it).
    pub link_id: String,
    pub participant: ParticipantId,
    /// Encoded frames, shared between all recipients without copying, and the reason
    /// if the room drops the connection.
    pub outbox: Outbox,
    pub reply: oneshot::Sender<Result<Welcome, JoinError>>,
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum JoinError {
    #[error("this session already has the maximum of {0} connections")]
    RoomFull(usize),
    /// One participant id holds its share (`admission`).
    #[error("you are already connected to this session on {0} devices or tabs; close one")]
    ParticipantFull(usize),
    /// The link holds its share: the rest is kept for the room screen and other links.
    #[error("this link already has the maximum of {0} connections to this session")]
    LinkFull(usize),
    #[error("the room is being unloaded")]
    Unloading,
    #[error("the session could not be loaded")]
    LoadFailed,
    /// The session's data failed (`storage::quarantine`); the server's log names it.
    #[error("this session's stored data is damaged: {0}")]
    Quarantined(Damage),
    #[error("the server is shutting down")]
    ShuttingDown,
}

impl JoinError {
    /// Why the connection is closed: this error's code, and its sentence.
    pub fn close_reason(&self) -> CloseReason {
        CloseReason::new(self.code(), self.to_string())
    }

    /// The error code the connection is closed with.
    pub fn code(&self) -> ErrorCode {
        match self {
            JoinError::RoomFull(_) => ErrorCode::RoomFull,
            JoinError::ParticipantFull(_) => ErrorCode::ParticipantFull,
            JoinError::LinkFull(_) => ErrorCode::LinkFull,
            JoinError::Quarantined(_) => ErrorCode::SessionDamaged,
            JoinError::ShuttingDown => ErrorCode::ShuttingDown,
            JoinError::Unloading | JoinError::LoadFailed => ErrorCode::Internal,
        }
    }
}

/// A decoded frame from a joined connection.
pub struct Incoming {
    pub conn: ConnId,
    pub message: ClientMessage,
    /// The frame as received, relayed byte for byte where it can be.
    pub raw: Bytes,
}

/// Kept small (16 bytes): a room's queue reserves its slots in blocks of 32 commands
/// for as long as the room is loaded, so every payload larger than a word is boxed.
pub enum RoomCommand {
    Join(Box<JoinRequest>),
    Frame(Box<Incoming>),
    Leave {
        conn: ConnId,
    },
    /// The facilitator revoked a link: drop every connection that came in through it.
    RevokeLink {
        link_id: Box<String>,
    },
    /// The facilitator removed a participant: drop their connections.
    RemoveParticipant {
        participant: Box<ParticipantId>,
    },
    /// The facilitator ended the session: from now on nobody writes.
    End,
    /// The facilitator deleted the session: drop everyone and unload.
    Delete,
    /// Answers once every command queued before it has been handled (used on shutdown
    /// so that every update has reached storage before the store is flushed).
    Drain {
        done: oneshot::Sender<()>,
    },
    /// From the other nodes serving the session (`remote`).
    Remote(Box<remote::Remote>),
}

/// The sending side of a room's command queue.
#[derive(Clone)]
pub struct RoomHandle {
    /// Distinguishes this room instance from a later one for the same session.
    pub generation: u64,
    pub tx: mpsc::Sender<RoomCommand>,
}

#[cfg(test)]
mod tests {
    use super::RoomCommand;

    /// Every loaded room keeps a block of 32 commands: 512 bytes at this size, 1 KiB
    /// at the next.
    #[test]
    fn a_room_command_is_two_words() {
        assert!(std::mem::size_of::<RoomCommand>() <= 16);
    }
}
