//! Where a session and its capability links are born: a new session from its settings,
//! an imported one from its documents, the next one of an arc (`arc.rs`). Every one
//! goes through [`store_session`], which mints its links.

use yrs::{ReadTxn, StateVector, Transact};

use super::links::{NewToken, mint};
use crate::clock::now_ms;
use crate::error::AppError;
use crate::state::AppState;
use crate::storage::SessionRecord;
use crate::time_zone::TimeZone;
use crate::tokens;
use ovaal_shared::board::facilitation::start_plan;
use ovaal_shared::board::{Method, SessionSettings, control, new_doc};
use ovaal_shared::http_api::{CreatedSession, SessionLinks};
use ovaal_shared::{DocName, Role, SessionId, link_label};

/// The link for a token. The token sits in the fragment, which browsers never send to
/// servers or proxies, so it stays out of access logs.
pub fn link(base_url: &str, id: &SessionId, token: &str) -> String {
    ovaal_shared::http_api::paths::board_link(base_url, id.as_str(), token)
}

/// A room-screen link: its token, and the join code after it (`&join=`) for the
/// screen to show, with a QR code of the participant link made from it. The code
/// travels in the fragment as the token does, never to the server's logs.
pub fn room_screen_link(base_url: &str, id: &SessionId, token: &str, join_code: &str) -> String {
    format!("{}&join={join_code}", link(base_url, id, token))
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
