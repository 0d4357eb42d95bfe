//! What the facilitator does to a whole session from the HTTP API — revoke a link,
//! remove a person, end, delete — as it reaches the session's room on this node and,
//! in a cluster, on every other node (`RoomRegistry::tell_everywhere`).

use super::RoomCommand;
use ovaal_shared::ParticipantId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionAction {
    /// Drop every connection that came in through this link.
    RevokeLink { link_id: String },
    /// Drop this person's connections.
    RemoveParticipant { participant: ParticipantId },
    /// Read-only from now on.
    End,
    /// Drop everyone and unload.
    Delete,
}

impl SessionAction {
    /// The command the room carries it out with.
    pub fn command(self) -> RoomCommand {
        match self {
            SessionAction::RevokeLink { link_id } => RoomCommand::RevokeLink {
                link_id: Box::new(link_id),
            },
            SessionAction::RemoveParticipant { participant } => RoomCommand::RemoveParticipant {
                participant: Box::new(participant),
            },
            SessionAction::End => RoomCommand::End,
            SessionAction::Delete => RoomCommand::Delete,
        }
    }
}
