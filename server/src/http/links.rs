//! The facilitator's links over HTTP: list them, make extra ones, revoke one. The
//! work is the session service's (`session/links.rs`).

use axum::Json;
use axum::extract::State;

use super::path::Path;
use axum::http::{HeaderMap, StatusCode};

use super::auth;
use super::body::JsonBody;
use crate::error::AppError;
use crate::session::{self, existing};
use crate::state::AppState;
use ovaal_shared::Role;
use ovaal_shared::http_api::{CreatedLink, ListedLink, NewLinkRequest};

/// `GET /api/sessions/{id}/links` (facilitator): the working links, without tokens.
pub async fn list(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Vec<ListedLink>>, AppError> {
    let session = existing(&state, &raw_id).await?;
    let caller = auth::facilitator(&state, &session.id, &headers).await?;
    Ok(Json(
        session::links::list(&state, &session.id, &caller).await?,
    ))
}

/// `POST /api/sessions/{id}/links` (facilitator): a new link for a role.
pub async fn create(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    headers: HeaderMap,
    JsonBody(request): JsonBody<NewLinkRequest>,
) -> Result<(StatusCode, Json<CreatedLink>), AppError> {
    let session = existing(&state, &raw_id).await?;
    auth::facilitator(&state, &session.id, &headers).await?;
    let role: Role = request
        .role
        .parse()
        .map_err(|e: ovaal_shared::role::UnknownRole| AppError::BadRequest(e.to_string()))?;
    let created = session::links::add(&state, &session.id, role, &request.label).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// `DELETE /api/sessions/{id}/links/{link}` (facilitator): the link stops working and
/// everyone connected through it is disconnected at once.
pub async fn revoke(
    State(state): State<AppState>,
    Path((raw_id, link_id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<StatusCode, AppError> {
    let session = existing(&state, &raw_id).await?;
    let caller = auth::facilitator(&state, &session.id, &headers).await?;
    session::links::revoke(&state, &session.id, &caller, link_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
