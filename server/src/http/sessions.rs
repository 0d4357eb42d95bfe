//! Creating a session and asking what a link may do. This is where a session and its
//! capability links are born.

use axum::Json;
use axum::extract::State;

use super::path::Path;
use axum::http::{HeaderMap, StatusCode};
use yrs::{ReadTxn, StateVector, Transact};

use super::auth;
use super::body::JsonBody;
use super::create_guard::Creator;
use super::links::{NewToken, mint};
use crate::error::AppError;
use crate::state::AppState;
use crate::storage::SessionRecord;
use crate::time_zone::TimeZone;
use crate::tokens;
use ovaal_shared::board::facilitation::start_plan;
use ovaal_shared::board::{Method, SessionSettings, control, new_doc};
use ovaal_shared::http_api::{CreateSessionRequest, CreatedSession, SessionInfo, SessionLinks};
use ovaal_shared::{DocName, Role, SessionId, link_label};

pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The link for a token. The token sits in the fragment, which browsers never send to
/// servers or proxies, so it stays out of access logs.
pub fn link(base_url: &str, id: &SessionId, token: &str) -> String {
    format!("{base_url}/s/{id}#token={token}")
}

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

/// Makes a session: its control document (settings, and the method's plan at its
/// first phase), any further documents it starts with, and its links.
pub async fn make_session(
    state: &AppState,
    settings: SessionSettings,
    time_zone: Option<TimeZone>,
    mut documents: Vec<(DocName, Vec<u8>)>,
) -> Result<CreatedSession, AppError> {
    let control_doc = new_doc();
    control::write_settings(&control_doc, &settings);
    start_plan(&control_doc, settings.method);
    let initial = control_doc
        .transact()
        .encode_state_as_update_v1(&StateVector::default());
    documents.insert(0, (DocName::Control, initial));
    store_session(
        state,
        NewSession {
            title: settings.title,
            method: settings.method,
            created_ms: now_ms(),
            time_zone,
            documents,
        },
    )
    .await
}

/// A session ready to be stored: its documents are complete (control included).
pub struct NewSession {
    pub title: String,
    pub method: Method,
    pub created_ms: i64,
    pub time_zone: Option<TimeZone>,
    pub documents: Vec<(DocName, Vec<u8>)>,
}

/// Stores a new session with freshly minted links (facilitator, participants,
/// observers, room screen, join code) and answers with them. The one place a
/// session's links are born (the facilitator adds more in `links.rs`).
pub async fn store_session(state: &AppState, new: NewSession) -> Result<CreatedSession, AppError> {
    let id = SessionId::from_random(tokens::random_bytes()?);
    // The page shows these labels in its own language (`link_label`).
    let facilitator = mint(Role::Facilitator, link_label::FACILITATOR, NewToken::Link)?;
    let participant = mint(Role::Participant, link_label::PARTICIPANTS, NewToken::Link)?;
    let observer = mint(Role::Observer, link_label::OBSERVERS, NewToken::Link)?;
    let room_screen = mint(Role::RoomScreen, link_label::ROOM_SCREEN, NewToken::Link)?;
    let code = mint(Role::Participant, link_label::JOIN_CODE, NewToken::JoinCode)?;
    let record = SessionRecord {
        id: id.clone(),
        title: new.title.clone(),
        method: new.method,
        created_ms: new.created_ms,
        ended_ms: None,
        time_zone: new.time_zone,
    };
    let stored = [&facilitator, &participant, &observer, &room_screen, &code]
        .iter()
        .map(|t| t.stored.clone())
        .collect();
    state
        .store()
        .create_session(record, stored, new.documents)
        .await?;
    tracing::info!(session = %id, method = %new.method, "session created");
    let base = state.base_url();
    Ok(CreatedSession {
        title: new.title,
        method: new.method,
        links: SessionLinks {
            facilitator: link(base, &id, &facilitator.token),
            participant: link(base, &id, &participant.token),
            observer: link(base, &id, &observer.token),
            room_screen: room_screen_link(base, &id, &room_screen.token, &code.token),
        },
        join_code: tokens::display_join_code(&code.token),
        id,
    })
}

/// A room-screen link: its token, and the join code after it (`&join=`) for the
/// screen to show, with a QR code of the participant link made from it. The code
/// travels in the fragment as the token does, never to the server's logs.
pub fn room_screen_link(base_url: &str, id: &SessionId, token: &str, join_code: &str) -> String {
    format!("{}&join={join_code}", link(base_url, id, token))
}

/// Parses a session id from the path; a malformed id is simply an unknown session.
pub fn parse_session_id(raw: &str) -> Result<SessionId, AppError> {
    raw.parse().map_err(|_| AppError::UnknownSession)
}

/// The session, or `UnknownSession`.
pub async fn existing(state: &AppState, raw_id: &str) -> Result<SessionRecord, AppError> {
    let id = parse_session_id(raw_id)?;
    state
        .store()
        .session(&id)
        .await?
        .ok_or(AppError::UnknownSession)
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
