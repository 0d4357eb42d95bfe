//! Creating a session and asking what a link may do, over HTTP. The session and its
//! capability links are born in the session service (`session/create.rs`).

use axum::Json;
use axum::extract::State;

use super::path::Path;
use axum::http::{HeaderMap, StatusCode};

use super::auth;
use super::body::JsonBody;
use super::create_guard::Creator;
use crate::error::AppError;
use crate::session::create::make_session;
use crate::session::existing;
use crate::state::AppState;
use crate::time_zone::TimeZone;
use ovaal_shared::board::{Method, SessionSettings};
use ovaal_shared::http_api::{CreateSessionRequest, CreatedSession, SessionInfo};

/// `POST /api/sessions`
pub async fn create(
    State(state): State<AppState>,
    _creator: Creator,
    JsonBody(request): JsonBody<CreateSessionRequest>,
) -> Result<(StatusCode, Json<CreatedSession>), AppError> {
    let method: Method = request.method.parse()?;
    let settings = SessionSettings::new(&request.title, method, request.seats)?;
    let zone = TimeZone::resolve(request.time_zone.as_deref(), request.utc_offset_minutes)?;
    let created = make_session(&state, settings, zone, Vec::new()).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// `GET /api/sessions/{id}` with `Authorization: Bearer <token>`: what this link is.
pub async fn show(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<SessionInfo>, AppError> {
    let session = existing(&state, &raw_id).await?;
    let caller = auth::caller(&state, &session.id, &headers).await?;
    Ok(Json(SessionInfo {
        id: session.id,
        title: session.title,
        method: session.method,
        role: caller.role,
        ended_ms: session.ended_ms,
    }))
}
