//! The first frame of a connection: who is this and may they in?

use ovaal_shared::protocol::{ClientMessage, ErrorCode, Hello, PROTOCOL_VERSION};
use ovaal_shared::{ParticipantId, Role, SessionId};

use crate::close_reason::CloseReason;
use crate::session::access::{check_participant_key, link_of_token};
use crate::state::AppState;
use crate::storage::KeyCheck;

pub struct Admitted {
    pub role: Role,
    pub link_id: String,
    pub participant: ParticipantId,
}

/// Decodes and checks the `Hello` frame; a refusal says why, for the peer.
pub async fn admit(
    state: &AppState,
    session: &SessionId,
    first: &[u8],
) -> Result<Admitted, CloseReason> {
    let hello = match ClientMessage::decode(first) {
        Ok(ClientMessage::Hello(hello)) => hello,
        Ok(_) => {
            return Err(CloseReason::new(
                ErrorCode::HelloExpected,
                "the first message must be a hello",
            ));
        }
        Err(e) => {
            return Err(CloseReason::new(
                ErrorCode::MalformedMessage,
                format!("the hello could not be read: {e}"),
            ));
        }
    };
    let Hello {
        version,
        token,
        participant,
        key,
    } = hello;
    if version != PROTOCOL_VERSION {
        return Err(CloseReason::new(
            ErrorCode::VersionMismatch,
            format!(
                "this page speaks protocol version {version}, the server speaks {PROTOCOL_VERSION}: reload the page"
            ),
        ));
    }
    if !Hello::valid_key(&key) {
        return Err(CloseReason::new(
            ErrorCode::MalformedMessage,
            format!(
                "the participant key must have {} to {} characters",
                Hello::MIN_KEY_CHARS,
                Hello::MAX_KEY_CHARS
            ),
        ));
    }
    let internal = |e: crate::storage::StorageError| {
        tracing::error!(error = %e, "handshake storage error");
        CloseReason::new(ErrorCode::Internal, "the server could not check this link")
    };
    let link = link_of_token(state, session, &token)
        .await
        .map_err(internal)?
        .ok_or_else(|| {
            CloseReason::new(
                ErrorCode::Unauthorized,
                "this link is not valid for this session",
            )
        })?;
    match check_participant_key(state, session, &participant, &key)
        .await
        .map_err(internal)?
    {
        KeyCheck::Bound | KeyCheck::Matches => Ok(Admitted {
            role: link.role,
            link_id: link.id,
            participant,
        }),
        KeyCheck::Removed => Err(CloseReason::new(
            ErrorCode::Unauthorized,
            "the facilitator removed you from this session",
        )),
        KeyCheck::Mismatch => Err(CloseReason::new(
            ErrorCode::ParticipantKeyMismatch,
            "someone else already uses this participant id",
        )),
    }
}
