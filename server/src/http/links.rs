//! The facilitator's links: list them, make extra ones (a second facilitator, a
//! sponsor, a room screen), and revoke one — its connections drop at once.

use axum::Json;
use axum::extract::State;

use super::path::Path;
use axum::http::{HeaderMap, StatusCode};

use super::auth;
use super::body::JsonBody;
use super::sessions::{existing, link, now_ms, room_screen_link};
use crate::error::AppError;
use crate::room::action::SessionAction;
use crate::state::AppState;
use crate::storage::{LinkRecord, NewLink};
use crate::tokens::{self, RandomError};
use ovaal_shared::http_api::{self, CreatedLink, ListedLink, NewLinkRequest};
use ovaal_shared::{Role, link_label};

/// A label is for people; keep it short.
const MAX_LABEL_CHARS: usize = 60;

pub enum NewToken {
    /// A long random token for a link.
    Link,
    /// A short code to type from the room screen.
    JoinCode,
}

/// A freshly made token and what is stored of it.
pub struct Minted {
    pub token: String,
    pub stored: NewLink,
}

/// Makes a new token and its stored record (hash only).
pub fn mint(role: Role, label: &str, kind: NewToken) -> Result<Minted, RandomError> {
    let token = match kind {
        NewToken::Link => tokens::new_token()?,
        NewToken::JoinCode => tokens::new_join_code()?,
    };
    let id = ovaal_shared::CardId::from_random(tokens::random_bytes()?).to_string();
    Ok(Minted {
        stored: NewLink {
            record: LinkRecord {
                id: id.chars().take(12).collect(),
                role,
                label: label.to_owned(),
                created_ms: now_ms(),
            },
            token_hash: tokens::hash_secret(&token),
        },
        token,
    })
}

/// What the API shows of a stored link (the same fields; the store keeps its own
/// type so that its layout is its own business).
fn shown(record: LinkRecord) -> http_api::LinkRecord {
    http_api::LinkRecord {
        id: record.id,
        role: record.role,
        label: record.label,
        created_ms: record.created_ms,
    }
}

/// `GET /api/sessions/{id}/links` (facilitator): the working links, without tokens.
pub async fn list(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<Vec<ListedLink>>, AppError> {
    let session = existing(&state, &raw_id).await?;
    let caller = auth::facilitator(&state, &session.id, &headers).await?;
    let links = state.store().links(&session.id).await?;
    Ok(Json(
        links
            .into_iter()
            .map(|record| ListedLink {
                current: record.id == caller.id,
                record: shown(record),
            })
            .collect(),
    ))
}

/// `POST /api/sessions/{id}/links` (facilitator): a new link for a role.
///
/// A room screen shows a join code, but the server keeps only the hash of the code it
/// made with the session; a room-screen link made here therefore comes with a join
/// code of its own (listed as a join code, revoked on its own), so the new screen
/// shows a code and a QR code that work. This is also how a session made before room
/// screens had their own links gets one (its observers' link, carrying the first
/// join code, keeps opening the room view).
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
    let label = request.label.trim();
    if label.chars().count() > MAX_LABEL_CHARS {
        return Err(AppError::BadRequest(format!(
            "a label has at most {MAX_LABEL_CHARS} characters"
        )));
    }
    let base = state.base_url();
    let (label, code) = match role {
        Role::RoomScreen => {
            let code = mint(Role::Participant, link_label::JOIN_CODE, NewToken::JoinCode)?;
            // The code first: a screen is never stored without the code it shows.
            state
                .store()
                .add_link(&session.id, code.stored.clone())
                .await?;
            let label = if label.is_empty() {
                link_label::ROOM_SCREEN
            } else {
                label
            };
            (label, Some(code.token))
        }
        _ => (label, None),
    };
    let minted = mint(role, label, NewToken::Link)?;
    state
        .store()
        .add_link(&session.id, minted.stored.clone())
        .await?;
    tracing::info!(session = %session.id, link = %minted.stored.record.id, %role, "link created");
    let link = match &code {
        Some(code) => room_screen_link(base, &session.id, &minted.token, code),
        None => link(base, &session.id, &minted.token),
    };
    Ok((
        StatusCode::CREATED,
        Json(CreatedLink {
            link,
            join_code: code.as_deref().map(tokens::display_join_code),
            record: shown(minted.stored.record),
        }),
    ))
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
    if caller.id == link_id {
        return Err(AppError::BadRequest(
            "you cannot revoke the link you are using".into(),
        ));
    }
    if !state.store().revoke_link(&session.id, &link_id).await? {
        return Err(AppError::UnknownLink);
    }
    tracing::info!(session = %session.id, link = %link_id, "link revoked");
    state
        .rooms()
        .tell_everywhere(&session.id, SessionAction::RevokeLink { link_id })
        .await;
    Ok(StatusCode::NO_CONTENT)
}
