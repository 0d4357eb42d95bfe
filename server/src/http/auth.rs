//! Who is asking: the capability token from `Authorization: Bearer <token>`, checked
//! against the session. This is where an HTTP request's permission is decided.

use axum::http::{HeaderMap, header};

use crate::error::AppError;
use crate::session::access::link_of_token;
use crate::state::AppState;
use crate::storage::LinkRecord;
use ovaal_shared::{Role, SessionId};

/// The link the request's token belongs to, in this session.
pub async fn caller(
    state: &AppState,
    session: &SessionId,
    headers: &HeaderMap,
) -> Result<LinkRecord, AppError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(AppError::MissingToken)?;
    link_of_token(state, session, token)
        .await?
        .ok_or(AppError::WrongToken)
}

/// Like [`caller`], and the caller must be a facilitator.
pub async fn facilitator(
    state: &AppState,
    session: &SessionId,
    headers: &HeaderMap,
) -> Result<LinkRecord, AppError> {
    let link = caller(state, session, headers).await?;
    if link.role == Role::Facilitator {
        Ok(link)
    } else {
        Err(AppError::FacilitatorOnly)
    }
}
