//! The arc of sessions over HTTP: start the next session from this one, and list the
//! arc. The work is `session/arc.rs`'s.

use axum::Json;
use axum::extract::State;

use super::path::Path;
use axum::http::{HeaderMap, StatusCode};

use super::auth;
use super::body::JsonBody;
use super::create_guard::CountedCreation;
use crate::error::AppError;
use crate::session::{self, existing};
use crate::state::AppState;
use ovaal_shared::http_api::{ArcEntry, CreatedSession, NextSessionRequest};

/// `POST /api/sessions/{id}/next` (facilitator of the earlier session).
pub async fn next(
    State(state): State<AppState>,
    _counted: CountedCreation,
    Path(raw_id): Path<String>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<NextSessionRequest>,
) -> Result<(StatusCode, Json<CreatedSession>), AppError> {
    let earlier = existing(&state, &raw_id).await?;
    auth::facilitator(&state, &earlier.id, &headers).await?;
    let created = session::arc::next(&state, &earlier, request).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// `GET /api/sessions/{id}/arc` (any link of the session): the sessions of its arc,
/// oldest first, ending with this one.
pub async fn list(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Vec<ArcEntry>>, AppError> {
    let session = existing(&state, &raw_id).await?;
    auth::caller(&state, &session.id, &headers).await?;
    Ok(Json(session::arc::list(&state, &session.id).await?))
}
