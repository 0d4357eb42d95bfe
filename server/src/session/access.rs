//! Who someone is in a session: the link a capability token belongs to, and whether a
//! participant id's key matches. HTTP reads the token from `Authorization`
//! (`http/auth.rs`), the WebSocket from its `Hello` (`ws/handshake.rs`); both ask here.

use crate::state::AppState;
use crate::storage::{KeyCheck, LinkRecord, StorageError};
use crate::tokens;
use ovaal_shared::{ParticipantId, SessionId};

/// The link `token` belongs to in this session, if any.
pub async fn link_of_token(
    state: &AppState,
    session: &SessionId,
    token: &str,
) -> Result<Option<LinkRecord>, StorageError> {
    state
        .store()
        .link_in_session(session, tokens::hash_secret(token))
        .await
}

/// Whether `key` is this participant id's: a first key binds the id.
pub async fn check_participant_key(
    state: &AppState,
    session: &SessionId,
    participant: &ParticipantId,
    key: &str,
) -> Result<KeyCheck, StorageError> {
    state
        .store()
        .check_participant_key(session, participant, tokens::hash_secret(key))
        .await
}
