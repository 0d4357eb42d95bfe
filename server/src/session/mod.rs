//! The session service: every operation on a session, whoever asks. The HTTP
//! handlers (`http/`), the WebSocket handshake (`ws/handshake.rs`), the import
//! (`http/export.rs`), retention and `ovaal export` call these; none of them reaches
//! into the store's session rows or the rooms' session actions on its own. Nothing
//! here knows about HTTP requests: callers have already read who is asking (a link's
//! token, `access.rs`) and pass plain values.
//!
//! - [`create`]: where a session and its links are born (new, imported, next of an
//!   arc), and the shape of a link.
//! - [`links`]: the facilitator's links: list, add, revoke (connections drop).
//! - [`access`]: which link a token is in a session, and a participant's key.
//! - [`lifecycle`]: ending, deleting (also for retention), removing a participant.
//! - [`arc`]: the next session of an arc and the arc's list; [`carry`]: what a
//!   session hands to the next one.
//! - [`join_code`]: where a join code typed from the room screen leads.

pub mod access;
pub mod arc;
pub mod carry;
pub mod create;
pub mod join_code;
pub mod lifecycle;
pub mod links;

use crate::error::AppError;
use crate::state::AppState;
use crate::storage::SessionRecord;
use ovaal_shared::SessionId;

/// Parses a session id from a path; a malformed id is simply an unknown session.
pub fn parse_session_id(raw: &str) -> Result<SessionId, AppError> {
    raw.parse().map_err(|_| AppError::UnknownSession)
}

/// The session a path names, or `UnknownSession`.
pub async fn existing(state: &AppState, raw_id: &str) -> Result<SessionRecord, AppError> {
    let id = parse_session_id(raw_id)?;
    find(state, &id).await
}

/// The stored session, or `UnknownSession`.
pub async fn find(state: &AppState, id: &SessionId) -> Result<SessionRecord, AppError> {
    state
        .store()
        .session(id)
        .await?
        .ok_or(AppError::UnknownSession)
}
