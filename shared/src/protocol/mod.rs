//! The wire protocol: y-protocols sync and awareness messages, each framed with the
//! name of the document it belongs to (the framing Hocuspocus uses), plus session
//! messages of our own (hello, welcome, refused, error, stored, ping and pong).
//!
//! Every frame is one binary WebSocket message:
//!
//! ```text
//! varString(document name) · varUint(message type) · payload
//! ```
//!
//! The full byte-level description lives in `docs/protocol.md`. Presence (awareness)
//! states and their updates are [`presence`].

mod client;
pub mod lib0;
pub mod presence;
mod server;
mod sync;

pub use client::{ClientMessage, Hello};
pub use lib0::DecodeError;
pub use server::{ErrorCode, ServerMessage, Welcome};
pub use sync::SyncMessage;

/// Bumped on every incompatible change; the client sends it in `Hello` and the server
/// answers a mismatch with `ErrorCode::VersionMismatch`.
pub const PROTOCOL_VERSION: u32 = 1;

/// Message type numbers. 0, 1 and 3 are the y-protocols / Hocuspocus numbers so that
/// Yjs tooling can read sync and awareness traffic; 100+ are Ovaal's own.
pub mod message_type {
    pub const SYNC: u64 = 0;
    pub const AWARENESS: u64 = 1;
    pub const QUERY_AWARENESS: u64 = 3;
    pub const HELLO: u64 = 100;
    pub const WELCOME: u64 = 101;
    pub const REFUSED: u64 = 102;
    pub const ERROR: u64 = 103;
    pub const STORED: u64 = 104;
    pub const PING: u64 = 105;
    pub const PONG: u64 = 106;
}

/// Document name used by frames that concern the whole session, not one document.
pub const SESSION_CHANNEL: &str = "";

/// Awareness (who is here, cursors, "typing…") is kept once per session and travels
/// under the control document's name, as a Hocuspocus provider for it would send it.
pub const AWARENESS_DOC: &str = "control";

/// Reads the document name and the type that start every frame.
fn read_header<'a>(d: &mut lib0::Decoder<'a>) -> Result<(&'a str, u64), DecodeError> {
    let doc = d.var_string()?;
    let kind = d.var_uint()?;
    Ok((doc, kind))
}

/// Rejects a session-level message that arrived framed with a document name, or an
/// awareness message under another name: a sign of a confused client.
fn expect_doc(actual: &str, expected: &str, field: &'static str) -> Result<(), DecodeError> {
    if actual == expected {
        Ok(())
    } else {
        Err(DecodeError::InvalidField {
            field,
            reason: format!("expected document name {expected:?}"),
        })
    }
}
