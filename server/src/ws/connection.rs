//! One WebSocket connection after the upgrade.
//!
//! The socket is split: this task reads frames and forwards them to the room; a writer
//! task drains the connection's bounded outbound queue into the socket. Whoever ends
//! the connection (a bad frame here, the room dropping a slow client, or shutdown)
//! tells the writer, which sends an `Error` frame and a close frame with the reason.

use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use bytes::Bytes;
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use tokio::sync::{oneshot, watch};
use tokio::time::{Instant, sleep_until};

use super::handshake::{self, Refused};
use crate::room::registry::Joined;
use crate::room::{ConnId, JoinError, Outbound, RoomCommand};
use crate::state::AppState;
use ovaal_shared::SessionId;
use ovaal_shared::protocol::{ClientMessage, ErrorCode, ServerMessage};

type Sink = SplitSink<WebSocket, Message>;

/// How long a socket stays open after the server closed it for a bad frame.
const CLOSE_LINGER: Duration = Duration::from_millis(500);
/// How long frames are still read after the server closed a connection.
const CLOSE_DRAIN: Duration = Duration::from_secs(2);
type Stream = SplitStream<WebSocket>;

pub async fn serve(socket: WebSocket, session: SessionId, state: AppState) {
    let _guard = state.connections().track();
    let conn = state.next_conn_id();
    let (mut sink, mut stream) = socket.split();

    let first = match read_first(&state, &mut stream).await {
        Ok(bytes) => bytes,
        Err(Refused(code, reason)) => return close(&mut sink, code, &reason).await,
    };
    let admitted = match handshake::admit(&state, &session, &first).await {
        Ok(admitted) => admitted,
        Err(Refused(code, reason)) => {
            tracing::info!(%session, conn, ?code, "connection refused");
            return close(&mut sink, code, &reason).await;
        }
    };
    let joined = match state
        .rooms()
        .join(
            &session,
            conn,
            admitted.role,
            &admitted.link_id,
            &admitted.participant,
        )
        .await
    {
        Ok(joined) => joined,
        Err(e) => {
            let code = match e {
                JoinError::RoomFull(_) => ErrorCode::RoomFull,
                JoinError::Unloading | JoinError::LoadFailed => ErrorCode::Internal,
            };
            return close(&mut sink, code, &e.to_string()).await;
        }
    };
    tracing::info!(%session, conn, role = %admitted.role, "connected");
    let welcome = ServerMessage::Welcome(joined.welcome.clone()).encode();
    if sink.send(Message::Binary(welcome.into())).await.is_err() {
        let _ = joined.room.tx.send(RoomCommand::Leave { conn }).await;
        return;
    }
    run(conn, &state, sink, stream, joined).await;
    tracing::info!(%session, conn, "disconnected");
}

/// Waits for the first binary frame, within the hello timeout.
async fn read_first(state: &AppState, stream: &mut Stream) -> Result<Bytes, Refused> {
    let timeout = state.config().limits.hello_timeout;
    match tokio::time::timeout(timeout, stream.next()).await {
        Err(_) => Err(Refused(
            ErrorCode::HelloExpected,
            "no hello received in time".into(),
        )),
        Ok(Some(Ok(Message::Binary(bytes)))) => Ok(bytes),
        Ok(Some(Ok(_))) => Err(Refused(
            ErrorCode::HelloExpected,
            "the first message must be a binary hello".into(),
        )),
        Ok(Some(Err(e))) => Err(read_error(&e)),
        Ok(None) => Err(Refused(
            ErrorCode::HelloExpected,
            "closed before hello".into(),
        )),
    }
}

/// Maps a socket read error to the reason the peer is told.
fn read_error(e: &axum::Error) -> Refused {
    let text = e.to_string();
    if text.contains("Space limit exceeded") || text.contains("too long") || text.contains("size") {
        Refused(
            ErrorCode::MessageTooLarge,
            "the message is larger than the server accepts".into(),
        )
    } else {
        Refused(
            ErrorCode::MalformedMessage,
            "the WebSocket frame could not be read".into(),
        )
    }
}

async fn run(conn: ConnId, state: &AppState, sink: Sink, mut stream: Stream, joined: Joined) {
    let Joined {
        room,
        outbound,
        kicked,
        ..
    } = joined;
    let (stop_tx, stop_rx) = oneshot::channel();
    let mut writer = tokio::spawn(write_loop(
        sink,
        outbound,
        kicked,
        stop_rx,
        state.shutdown(),
    ));
    let mut writer_done = false;

    // Once the writer has closed (kicked, or the server is shutting down), frames the
    // peer sent before it saw our close are still read and handled, until the peer
    // answers the close or a short deadline passes: edits in flight are not dropped.
    let mut drain_until: Option<Instant> = None;
    let stop_reason = loop {
        let next = tokio::select! {
            next = stream.next() => next,
            _ = &mut writer, if !writer_done => {
                writer_done = true;
                drain_until = Some(Instant::now() + CLOSE_DRAIN);
                continue;
            }
            _ = sleep_until(drain_until.unwrap_or_else(Instant::now)), if drain_until.is_some() => {
                break None;
            }
        };
        let frame = match next {
            Some(Ok(Message::Binary(bytes))) => bytes,
            Some(Ok(Message::Text(_))) => {
                break Some((
                    ErrorCode::MalformedMessage,
                    "text frames are not part of the protocol".into(),
                ));
            }
            Some(Ok(Message::Close(_))) | None => break None,
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            Some(Err(e)) => {
                let Refused(code, reason) = read_error(&e);
                break Some((code, reason));
            }
        };
        let message = match ClientMessage::decode(&frame) {
            Ok(message) => message,
            Err(e) => {
                break Some((
                    ErrorCode::MalformedMessage,
                    format!("malformed message: {e}"),
                ));
            }
        };
        let command = RoomCommand::Frame {
            conn,
            message,
            raw: frame,
        };
        if room.tx.send(command).await.is_err() {
            break Some((ErrorCode::Internal, "the room closed".into()));
        }
    };
    let _ = room.tx.send(RoomCommand::Leave { conn }).await;
    let linger = stop_reason.is_some();
    if let Some((code, reason)) = stop_reason {
        tracing::info!(conn, ?code, "closing connection");
        let _ = stop_tx.send((code, reason));
    }
    if !writer_done {
        // Give the writer a moment to flush its close frame; never wait forever.
        let _ = tokio::time::timeout(Duration::from_secs(5), writer).await;
    }
    if linger {
        // After a bad frame the peer may still be sending (e.g. the rest of an
        // oversized message). Closing the socket with unread data makes the kernel
        // reset the connection, and the peer would lose our close frame and its
        // reason; keeping the socket open briefly lets the reason arrive first.
        tokio::time::sleep(CLOSE_LINGER).await;
    }
    drop(stream);
}

async fn write_loop(
    mut sink: Sink,
    mut outbound: tokio::sync::mpsc::Receiver<Outbound>,
    mut kicked: oneshot::Receiver<(ErrorCode, String)>,
    mut stop: oneshot::Receiver<(ErrorCode, String)>,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            biased;
            reason = &mut stop => {
                if let Ok((code, reason)) = reason {
                    close(&mut sink, code, &reason).await;
                }
                return;
            }
            reason = &mut kicked => {
                if let Ok((code, reason)) = reason {
                    close(&mut sink, code, &reason).await;
                }
                return;
            }
            _ = shutting_down(&mut shutdown) => {
                close(&mut sink, ErrorCode::ShuttingDown, "the server is restarting; reconnecting…").await;
                return;
            }
            frame = outbound.recv() => match frame {
                Some(Outbound::Frame(bytes)) => {
                    if sink.send(Message::Binary(bytes)).await.is_err() {
                        return;
                    }
                }
                None => return,
            },
        }
    }
}

/// Sends the `Error` frame and a close frame carrying the same code and reason.
async fn close(sink: &mut Sink, code: ErrorCode, reason: &str) {
    let error = ServerMessage::Error {
        code,
        reason: reason.to_owned(),
    };
    let _ = sink.send(Message::Binary(error.encode().into())).await;
    // Close reasons are limited to 123 bytes by the WebSocket spec.
    let mut short: String = reason.chars().take(60).collect();
    while short.len() > 120 {
        short.pop();
    }
    let frame = CloseFrame {
        code: code.close_code(),
        reason: short.into(),
    };
    let _ = sink.send(Message::Close(Some(frame))).await;
    let _ = sink.close().await;
}

/// Completes when the server starts shutting down (or its state is gone).
async fn shutting_down(shutdown: &mut watch::Receiver<bool>) {
    // The guard `wait_for` returns is not `Send`; drop it before returning.
    let _ = shutdown.wait_for(|down| *down).await.is_ok();
}
