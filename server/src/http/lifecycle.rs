//! The end of a session over HTTP: ending it (read-only, still readable and
//! exportable) and deleting it for good. The work is `session/lifecycle.rs`'s.

use axum::extract::State;

use super::path::Path;
use axum::http::{HeaderMap, StatusCode};

use super::auth;
use crate::error::AppError;
use crate::session::{self, existing};
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
    session::lifecycle::end(&state, &session.id).await?;
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
    session::lifecycle::delete(&state, &session.id).await?;
    Ok(StatusCode::NO_CONTENT)
}
