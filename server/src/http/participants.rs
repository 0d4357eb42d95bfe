//! `DELETE /api/sessions/{id}/participants/{participant}` (facilitator): removes a
//! person from the session (`session/lifecycle.rs`). Their connections drop at once
//! and their participant id cannot come back; their cards stay until the facilitator
//! removes them. To keep them out entirely, also revoke the link they used.

use axum::extract::State;

use super::path::Path;
use axum::http::{HeaderMap, StatusCode};

use super::auth;
use crate::error::AppError;
use crate::session::{self, existing};
use crate::state::AppState;
use ovaal_shared::ParticipantId;

pub async fn remove(
    State(state): State<AppState>,
    Path((raw_id, raw_participant)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<StatusCode, AppError> {
    let session = existing(&state, &raw_id).await?;
    auth::facilitator(&state, &session.id, &headers).await?;
    let participant: ParticipantId = raw_participant
        .parse()
        .map_err(|_| AppError::UnknownParticipant)?;
    session::lifecycle::remove_participant(&state, &session.id, participant).await?;
    Ok(StatusCode::NO_CONTENT)
}
