//! The end of a session: ending it (read-only, still readable and exportable) and
//! deleting it for good.

use axum::extract::State;

use super::path::Path;
use axum::http::{HeaderMap, StatusCode};

use super::auth;
use super::sessions::{existing, now_ms};
use crate::error::AppError;
use crate::room::action::SessionAction;
use crate::state::AppState;

/// `POST /api/sessions/{id}/end` (facilitator): the board becomes read-only for
/// everyone; links still open it for reading and export. Ending twice is harmless.
pub async fn end(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    headers: HeaderMap,
) -> Result<StatusCode, AppError> {
    let session = existing(&state, &raw_id).await?;
    auth::facilitator(&state, &session.id, &headers).await?;
    state.store().end_session(&session.id, now_ms()).await?;
    tracing::info!(session = %session.id, "session ended");
    state
        .rooms()
        .tell_everywhere(&session.id, SessionAction::End)
        .await;
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /api/sessions/{id}` (facilitator): everything of the session leaves the
/// store — updates, snapshots, links, participants — and everyone connected is
/// dropped at once.
pub async fn delete(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    headers: HeaderMap,
) -> Result<StatusCode, AppError> {
    let session = existing(&state, &raw_id).await?;
    auth::facilitator(&state, &session.id, &headers).await?;
    delete_session(&state, &session.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Drops the room's connections, then deletes the stored session. Also used by
/// retention.
pub async fn delete_session(
    state: &AppState,
    id: &ovaal_shared::SessionId,
) -> Result<(), AppError> {
    state
        .rooms()
        .tell_everywhere(id, SessionAction::Delete)
        .await;
    state.store().delete_session(id).await?;
    tracing::info!(session = %id, "session deleted");
    Ok(())
}
