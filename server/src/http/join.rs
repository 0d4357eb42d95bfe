//! `GET /api/join/{code}`: where a join code typed from the room screen leads.

use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;

use super::sessions::link;
use crate::error::AppError;
use crate::state::AppState;
use crate::tokens;
use ovaal_shared::{Role, SessionId};

#[derive(Serialize)]
pub struct JoinTarget {
    id: SessionId,
    title: String,
    /// The participant link the code stands for.
    link: String,
}

pub async fn join(
    State(state): State<AppState>,
    Path(raw_code): Path<String>,
) -> Result<Json<JoinTarget>, AppError> {
    let code = tokens::normalize_join_code(&raw_code).ok_or(AppError::UnknownJoinCode)?;
    let (id, found) = state
        .store()
        .link_for_token(tokens::hash_secret(&code))
        .await?
        .ok_or(AppError::UnknownJoinCode)?;
    if found.role != Role::Participant {
        return Err(AppError::UnknownJoinCode);
    }
    let session = state
        .store()
        .session(&id)
        .await?
        .ok_or(AppError::UnknownJoinCode)?;
    Ok(Json(JoinTarget {
        link: link(state.base_url(), &id, &code),
        id,
        title: session.title,
    }))
}
