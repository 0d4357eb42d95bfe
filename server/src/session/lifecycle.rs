//! The end of a session and of a person's place in it: ending (read-only, still
//! readable and exportable), deleting for good (the facilitator, or retention), and
//! removing a participant. Each is stored first, then told to the session's rooms on
//! every node, which drop the connections concerned (`room/action.rs`).

use crate::clock::now_ms;
use crate::error::AppError;
use crate::room::action::SessionAction;
use crate::state::AppState;
use ovaal_shared::{ParticipantId, SessionId};

/// The board becomes read-only for everyone; links still open it for reading and
/// export. Ending twice is harmless.
pub async fn end(state: &AppState, id: &SessionId) -> Result<(), AppError> {
    state.store().end_session(id, now_ms()).await?;
    tracing::info!(session = %id, "session ended");
    state.rooms().tell_everywhere(id, SessionAction::End).await;
    Ok(())
}

/// Drops the room's connections, then deletes everything of the session from the
/// store — updates, snapshots, links, participants.
pub async fn delete(state: &AppState, id: &SessionId) -> Result<(), AppError> {
    state
        .rooms()
        .tell_everywhere(id, SessionAction::Delete)
        .await;
    state.store().delete_session(id).await?;
    tracing::info!(session = %id, "session deleted");
    Ok(())
}

/// Removes a person: their connections drop at once and their participant id cannot
/// come back; their cards stay until the facilitator removes them.
pub async fn remove_participant(
    state: &AppState,
    id: &SessionId,
    participant: ParticipantId,
) -> Result<(), AppError> {
    if !state.store().remove_participant(id, &participant).await? {
        return Err(AppError::UnknownParticipant);
    }
    tracing::info!(session = %id, %participant, "participant removed");
    state
        .rooms()
        .tell_everywhere(id, SessionAction::RemoveParticipant { participant })
        .await;
    Ok(())
}
