//! The WebSocket endpoint `GET /api/sessions/{id}/ws`.
//!
//! - [`handshake`]: checks the first frame (`Hello`): protocol version, token, key.
//! - [`connection`]: after the handshake, the reader loop (socket → room) and the
//!   writer task (room → socket), joined by bounded channels.

mod connection;
mod handshake;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::ws::rejection::WebSocketUpgradeRejection;
use axum::extract::{Path, State};
use axum::response::Response;

use crate::error::AppError;
use crate::http::parse_session_id;
use crate::state::AppState;

/// Buffer sizes are kept small: an idle connection should cost a few kilobytes, and
/// Ovaal's frames are small (a card is well under a kilobyte).
const READ_BUFFER: usize = 1024;
const WRITE_BUFFER: usize = 0;

pub async fn upgrade(
    State(state): State<AppState>,
    Path(raw_id): Path<String>,
    ws: Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Result<Response, AppError> {
    let session = parse_session_id(&raw_id)?;
    // Refuse before upgrading, so a wrong link gets a plain 404 instead of a socket.
    if state.store().session(&session).await?.is_none() {
        return Err(AppError::UnknownSession);
    }
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
