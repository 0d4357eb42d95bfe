//! The WebSocket endpoint `GET /api/sessions/{id}/ws`.
//!
//! - [`handshake`]: checks the first frame (`Hello`): protocol version, token, key.
//! - [`connection`]: after the handshake, one task per connection: frames from the
//!   socket go to the room, frames from the connection's outbox go to the socket.
//! - [`duplex`]: both directions of a socket, driven from that one task.
//! - [`closing`]: leaving the room and telling the peer why, without losing frames
//!   that were in flight.

mod closing;
mod connection;
mod duplex;
mod handshake;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::error::AppError;
use crate::session::parse_session_id;
use crate::state::AppState;

/// Buffer sizes are kept small: an idle connection should cost a few kilobytes, and
/// Ovaal's frames are small (a moved card or a presence update is well under 256 bytes).
/// The read buffer is allocated up front and kept for the connection's life; a larger
/// frame is read into a buffer grown for it, in reads of this size. Nothing is held
/// back for writing: every frame goes out at once.
const READ_BUFFER: usize = 256;
const WRITE_BUFFER: usize = 0;

pub async fn upgrade(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    ws: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response, AppError> {
    // Refuse before upgrading, so a wrong link gets a plain 404 instead of a socket.
    let session = crate::session::find(&state, &parse_session_id(&raw_id)?)
        .await?
        .id;
    let ws = ws.map_err(|e| {
        AppError::BadRequest(format!("this address expects a WebSocket upgrade: {e}"))
    })?;
    let max = state.config().limits.max_message_bytes;
    Ok(ws
        .max_message_size(max)
        .max_frame_size(max)
        .read_buffer_size(READ_BUFFER)
        .write_buffer_size(WRITE_BUFFER)
        .on_upgrade(move |socket| connection::serve(socket, session, state)))
}
