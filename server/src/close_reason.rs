//! Why a WebSocket connection closes: the protocol's error code and the sentence the
//! client shows. One type for every place a connection is closed — the handshake
//! refusing it (`ws/handshake.rs`), the socket reading a bad frame
//! (`ws/connection.rs`), the room dropping it (`room/fanout.rs`: too slow, revoked,
//! removed, deleted) or telling everyone the server shuts down — and for every
//! connection of a session dropped from another node (`room/action.rs`). The peer
//! receives it as an `Error` frame and a close frame (`ws/duplex.rs`).

use std::borrow::Cow;

use ovaal_shared::protocol::ErrorCode;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloseReason {
    pub code: ErrorCode,
    /// For people: shown by the client, also in the close frame (shortened there).
    pub reason: Cow<'static, str>,
}

impl CloseReason {
    pub fn new(code: ErrorCode, reason: impl Into<Cow<'static, str>>) -> Self {
        Self {
            code,
            reason: reason.into(),
        }
    }

    /// The connection's queue is full: it reads too slowly, and resyncs on reconnect.
    pub fn too_slow() -> Self {
        Self::new(
            ErrorCode::TooSlow,
            "too many pending messages; reconnecting resyncs",
        )
    }

    /// The server shuts down (the client reconnects to the next one).
    pub fn shutting_down() -> Self {
        Self::new(
            ErrorCode::ShuttingDown,
            "the server is restarting; reconnecting…",
        )
    }

    /// The facilitator revoked the link the connection came in through.
    pub fn link_revoked() -> Self {
        Self::new(ErrorCode::Unauthorized, "this link has been revoked")
    }

    /// The facilitator removed this person from the session.
    pub fn participant_removed() -> Self {
        Self::new(
            ErrorCode::Unauthorized,
            "the facilitator removed you from this session",
        )
    }

    /// The facilitator (or retention) deleted the session.
    pub fn session_deleted() -> Self {
        Self::new(
            ErrorCode::UnknownSession,
            "the facilitator deleted this session",
        )
    }

    /// The room's copy became suspect and is reloaded from storage.
    pub fn room_reloading() -> Self {
        Self::new(
            ErrorCode::Internal,
            "the session is reloading; reconnecting…",
        )
    }

    /// The room stopped while the connection was handing it a frame.
    pub fn room_closed() -> Self {
        Self::new(ErrorCode::Internal, "the room closed")
    }

    /// A frame that is not a message of the protocol.
    pub fn malformed(reason: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ErrorCode::MalformedMessage, reason)
    }
}
