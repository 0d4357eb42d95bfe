//! Creating a session and asking what a link may do. This is where a session and its
//! capability links are born.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use serde::{Deserialize, Serialize};
use yrs::{Doc, ReadTxn, StateVector, Transact};

use super::body::JsonBody;
use crate::error::AppError;
use crate::state::AppState;
use crate::storage::SessionRecord;
use crate::tokens;
use ovaal_shared::board::{Method, SessionSettings, control};
use ovaal_shared::{DocName, Role, SessionId};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateSession {
    title: String,
    #[serde(default = "default_method")]
    method: String,
    #[serde(default = "default_seats")]
    seats: u32,
}

fn default_method() -> String {
    Method::Free.as_str().to_owned()
}
fn default_seats() -> u32 {
    SessionSettings::DEFAULT_SEATS
}

#[derive(Serialize)]
pub struct Links {
    facilitator: String,
    participant: String,
    observer: String,
    /// The observer link plus the join code, for the projector: the room screen shows
    /// the code and a QR code of the participant link made from it.
    room_screen: String,
}

#[derive(Serialize)]
pub struct Created {
    id: SessionId,
    title: String,
    method: Method,
    links: Links,
    /// A short participant code, e.g. `K7PM-4QXA`, for people in the room to type.
    join_code: String,
}

#[derive(Serialize)]
pub struct SessionInfo {
    id: SessionId,
    title: String,
    method: Method,
    role: Role,
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// The link for one role. The token sits in the fragment, which browsers never send to
/// servers or proxies, so it stays out of access logs.
pub fn link(base_url: &str, id: &SessionId, token: &str) -> String {
    format!("{base_url}/s/{id}#token={token}")
}

/// `POST /api/sessions`
pub async fn create(
    State(state): State<AppState>,
    JsonBody(request): JsonBody<CreateSession>,
) -> Result<(StatusCode, Json<Created>), AppError> {
    let method: Method = request.method.parse()?;
    let settings = SessionSettings::new(&request.title, method, request.seats)?;
    let id = SessionId::from_random(tokens::random_bytes()?);

    let control_doc = Doc::new();
    control::write_settings(&control_doc, &settings);
    let initial = control_doc
        .transact()
        .encode_state_as_update_v1(&StateVector::default());

    let mut links = Vec::new();
    let mut hashes = Vec::new();
    let mut observer_token = String::new();
    for role in Role::ALL {
        let token = tokens::new_token()?;
        hashes.push((role, tokens::hash_secret(&token)));
        links.push(link(state.base_url(), &id, &token));
        if role == Role::Observer {
            observer_token = token;
        }
    }
    let join_code = tokens::new_join_code()?;
    hashes.push((Role::Participant, tokens::hash_secret(&join_code)));
    let room_screen = format!(
        "{}&join={join_code}",
        link(state.base_url(), &id, &observer_token)
    );
    let record = SessionRecord {
        id: id.clone(),
        title: settings.title.clone(),
        method,
        created_ms: now_ms(),
    };
    state
        .store()
        .create_session(record, hashes, vec![(DocName::Control, initial)])
        .await?;
    tracing::info!(session = %id, %method, "session created");
    let [facilitator, participant, observer]: [String; 3] = links
        .try_into()
        .map_err(|_| AppError::BadRequest("internal link count".into()))?;
    Ok((
        StatusCode::CREATED,
        Json(Created {
            id,
            title: settings.title,
            method,
            links: Links {
                facilitator,
                participant,
                observer,
                room_screen,
            },
            join_code: tokens::display_join_code(&join_code),
        }),
    ))
}

/// Parses a session id from the path; a malformed id is simply an unknown session.
pub fn parse_session_id(raw: &str) -> Result<SessionId, AppError> {
    raw.parse().map_err(|_| AppError::UnknownSession)
}

/// `GET /api/sessions/{id}` with `Authorization: Bearer <token>`: what this link is.
pub async fn show(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    headers: HeaderMap,
) -> Result<Json<SessionInfo>, AppError> {
    let id = parse_session_id(&raw_id)?;
    let session = state
        .store()
        .session(&id)
        .await?
        .ok_or(AppError::UnknownSession)?;
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or(AppError::MissingToken)?;
    let role = state
        .store()
        .role_for_token(&id, tokens::hash_secret(token))
        .await?
        .ok_or(AppError::WrongToken)?;
    Ok(Json(SessionInfo {
        id,
        title: session.title,
        method: session.method,
        role,
    }))
}

#[derive(Serialize)]
pub struct JoinTarget {
    id: SessionId,
    title: String,
    /// The participant link the code stands for.
    link: String,
}

/// `GET /api/join/{code}`: where a typed join code leads.
pub async fn join(
    State(state): State<AppState>,
    Path(raw_code): Path<String>,
) -> Result<Json<JoinTarget>, AppError> {
    let code = tokens::normalize_join_code(&raw_code).ok_or(AppError::UnknownJoinCode)?;
    let (id, role) = state
        .store()
        .session_for_token(tokens::hash_secret(&code))
        .await?
        .ok_or(AppError::UnknownJoinCode)?;
    if role != Role::Participant {
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
