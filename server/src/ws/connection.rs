//! One WebSocket connection after the upgrade, in one task.
//!
//! The task reads frames and forwards them to the room, and writes what the room
//! queued in the connection's outbox, whichever is ready ([`Duplex`]). Whoever ends
//! the connection (a bad frame here; the room dropping it, or passing on that the
//! server shuts down) gives a reason: the peer is sent an `Error` frame and a close
//! frame carrying it.
//!
//! Every open connection carries this task, so its state is kept small: the handshake
//! and the closing run in boxed futures of their own, whose memory is only held while
//! they run (a task keeps the size of its largest state for as long as it lives).

use std::future::{Future, poll_fn};
use std::pin::pin;
use std::task::{Context, Poll};

use axum::extract::ws::{Message, WebSocket};
use bytes::Bytes;
use futures_util::SinkExt;
use tokio::sync::mpsc;
use tokio::time::timeout;

use super::closing::CLOSE_FLUSH_AFTER_BAD_FRAME;
use super::duplex::{Duplex, close_frames};
use super::handshake;
use crate::close_reason::CloseReason;
use crate::room::outbox::{Inbox, Next};
use crate::room::{ConnId, Incoming, RoomCommand};
use crate::state::AppState;
use ovaal_shared::SessionId;
use ovaal_shared::protocol::{ClientMessage, ErrorCode, ServerMessage};

/// Serves one upgraded socket until it closes. Not an `async fn`: the socket is boxed
/// before the connection's future exists, so that the future, which lives as long as
/// the connection, does not also keep room for it.
pub fn serve(
    socket: WebSocket,
    session: SessionId,
    state: AppState,
) -> impl Future<Output = ()> + Send + 'static {
    let mut socket = Box::new(socket);
    async move {
        let _guard = state.connections().track();
        state.metrics().connections.opened.inc();
        let conn = state.next_conn_id();
        let Some((room, inbox)) = Box::pin(enter(&state, &session, conn, &mut socket)).await else {
            return;
        };
        let mut link = Link {
            conn,
            io: Duplex::new(socket),
            inbox,
            outbox_ended: None,
            room,
        };
        if let Some(code) = run(&mut link).await {
            state.metrics().connections.dropped.inc(code.code());
        }
        tracing::info!(%session, conn, "disconnected");
    }
}

/// The handshake: the hello, the checks, joining the room, the welcome.
async fn enter(
    state: &AppState,
    session: &SessionId,
    conn: ConnId,
    socket: &mut WebSocket,
) -> Option<(mpsc::Sender<RoomCommand>, Inbox)> {
    let refused = |why: &CloseReason| state.metrics().connections.refused.inc(why.code.code());
    let first = match read_first(state, socket).await {
        Ok(bytes) => bytes,
        Err(why) => {
            refused(&why);
            return refuse(socket, &why).await;
        }
    };
    let admitted = match handshake::admit(state, session, &first).await {
        Ok(admitted) => admitted,
        Err(why) => {
            tracing::info!(%session, conn, code = ?why.code, "connection refused");
            refused(&why);
            return refuse(socket, &why).await;
        }
    };
    let joined = match state
        .rooms()
        .join(
            session,
            conn,
            admitted.role,
            &admitted.link_id,
            &admitted.participant,
            &state.shutdown(),
        )
        .await
    {
        Ok(joined) => joined,
        Err(e) => {
            let why = e.close_reason();
            tracing::info!(%session, conn, code = ?why.code, "join refused");
            refused(&why);
            return refuse(socket, &why).await;
        }
    };
    tracing::info!(%session, conn, role = %admitted.role, "connected");
    let welcome = ServerMessage::Welcome(joined.welcome).encode();
    if socket.send(Message::Binary(welcome.into())).await.is_err() {
        let _ = joined.room.tx.send(RoomCommand::Leave { conn }).await;
        return None;
    }
    Some((joined.room.tx, joined.inbox))
}

/// Waits for the first binary frame, within the hello timeout.
async fn read_first(state: &AppState, socket: &mut WebSocket) -> Result<Bytes, CloseReason> {
    let timeout = state.config().limits.hello_timeout;
    let hello_expected = |reason| CloseReason::new(ErrorCode::HelloExpected, reason);
    match tokio::time::timeout(timeout, socket.recv()).await {
        Err(_) => Err(hello_expected("no hello received in time")),
        Ok(Some(Ok(Message::Binary(bytes)))) => Ok(bytes),
        Ok(Some(Ok(_))) => Err(hello_expected("the first message must be a binary hello")),
        Ok(Some(Err(e))) => Err(read_error(&e)),
        Ok(None) => Err(hello_expected("closed before hello")),
    }
}

/// Tells a peer that was not let in why, and closes.
async fn refuse<T>(socket: &mut WebSocket, why: &CloseReason) -> Option<T> {
    let goodbye = async {
        for frame in close_frames(why) {
            socket.send(frame).await?;
        }
        socket.close().await
    };
    let _ = timeout(CLOSE_FLUSH_AFTER_BAD_FRAME, goodbye).await;
    None
}

/// Maps a socket read error to the reason the peer is told: by the WebSocket layer's
/// error type (a message or frame over `max_message_size` is a capacity error), never
/// by its wording.
fn read_error(e: &axum::Error) -> CloseReason {
    use std::error::Error as _;
    let too_large = matches!(
        e.source()
            .and_then(|inner| inner.downcast_ref::<tungstenite::Error>()),
        Some(tungstenite::Error::Capacity(
            tungstenite::error::CapacityError::MessageTooLong { .. }
        ))
    );
    if too_large {
        CloseReason::new(
            ErrorCode::MessageTooLarge,
            "the message is larger than the server accepts",
        )
    } else {
        CloseReason::malformed("the WebSocket frame could not be read")
    }
}

/// A joined connection.
pub(super) struct Link {
    pub(super) conn: ConnId,
    pub(super) io: Duplex,
    inbox: Inbox,
    /// The inbox said the connection is to close (or the room let go of it): nothing
    /// more is taken from it.
    outbox_ended: Option<Next>,
    pub(super) room: mpsc::Sender<RoomCommand>,
}

/// What ends the live phase of a connection.
pub(super) enum End {
    /// The peer closed, or the socket is gone.
    PeerGone,
    /// The peer sent something the server does not accept: the connection leaves the
    /// room at once and is closed with this reason.
    Bad(CloseReason),
    /// The room dropped the connection, or the server is shutting down: it is closed
    /// with this reason, and what the peer sent before it saw the close still counts
    /// (on shutdown the room still applies and stores it).
    Close(CloseReason),
    /// Nothing more can be sent (writing failed, or the room let go): frames in flight
    /// from the peer are still read for a moment.
    Drain,
}

/// What the socket and the outbox have for the connection.
pub(super) enum Event {
    Frame(Bytes),
    End(End),
}

/// Serves a joined connection until it ends; the error code when it ended because
/// the peer sent something the server does not accept.
async fn run(link: &mut Link) -> Option<ErrorCode> {
    let end = loop {
        let event = poll_fn(|cx| link.poll_live(cx)).await;
        let frame = match event {
            Event::Frame(frame) => frame,
            Event::End(end) => break end,
        };
        let forwarded = match link.try_forward(frame) {
            Ok(None) => Ok(()),
            // Rare: boxed, so that the wait takes no room in the connection's future.
            Ok(Some(command)) => Box::pin(link.forward_when_room(command)).await,
            Err(refused) => Err(refused),
        };
        if let Err(why) = forwarded {
            break End::Bad(why);
        }
    };
    let bad = match &end {
        End::Bad(why) => Some(why.code),
        _ => None,
    };
    Box::pin(link.finish(end)).await;
    bad
}

impl Link {
    /// Writes what the outbox holds, then reads the next frame.
    fn poll_live(&mut self, cx: &mut Context<'_>) -> Poll<Event> {
        let Self {
            io,
            inbox,
            outbox_ended,
            ..
        } = self;
        let written = io.poll_write(cx, |cx| next_frame(inbox, outbox_ended, cx));
        if let Poll::Ready(Err(e)) = written {
            tracing::debug!(conn = self.conn, error = %e, "writing failed");
            return Poll::Ready(Event::End(End::Drain));
        }
        match self.outbox_ended.take() {
            Some(Next::Close(why)) => {
                return Poll::Ready(Event::End(End::Close(why)));
            }
            Some(Next::Closed) => return Poll::Ready(Event::End(End::Drain)),
            Some(Next::Frame(_)) | None => {}
        }
        self.poll_read(cx)
    }

    /// The next frame from the peer, or why there is none.
    pub(super) fn poll_read(&mut self, cx: &mut Context<'_>) -> Poll<Event> {
        loop {
            let end = match std::task::ready!(self.io.poll_read(cx)) {
                Some(Ok(Message::Binary(bytes))) => return Poll::Ready(Event::Frame(bytes)),
                // Pings are answered by the WebSocket layer.
                Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                Some(Ok(Message::Text(_))) => End::Bad(CloseReason::malformed(
                    "text frames are not part of the protocol",
                )),
                Some(Ok(Message::Close(_))) | None => End::PeerGone,
                Some(Err(e)) => End::Bad(read_error(&e)),
            };
            return Poll::Ready(Event::End(end));
        }
    }

    /// Hands a frame from the peer to the room.
    pub(super) async fn forward(&mut self, frame: Bytes) -> Result<(), CloseReason> {
        match self.try_forward(frame)? {
            None => Ok(()),
            Some(command) => self.forward_when_room(command).await,
        }
    }

    /// Hands a frame from the peer to the room if the room's queue has space; returns
    /// the command to wait with if it has none.
    fn try_forward(&mut self, frame: Bytes) -> Result<Option<RoomCommand>, CloseReason> {
        let message = ClientMessage::decode(&frame)
            .map_err(|e| CloseReason::malformed(format!("malformed message: {e}")))?;
        let command = RoomCommand::Frame(Box::new(Incoming {
            conn: self.conn,
            message,
            raw: frame,
        }));
        match self.room.try_send(command) {
            Ok(()) => Ok(None),
            Err(mpsc::error::TrySendError::Closed(_)) => Err(CloseReason::room_closed()),
            Err(mpsc::error::TrySendError::Full(command)) => Ok(Some(command)),
        }
    }

    /// The room is busy: waits for it (not reading from the peer meanwhile, which slows
    /// the peer down), but keeps writing to the peer.
    async fn forward_when_room(&mut self, command: RoomCommand) -> Result<(), CloseReason> {
        let Self {
            io,
            inbox,
            outbox_ended,
            room,
            ..
        } = self;
        let mut send = pin!(room.send(command));
        let mut writing = true;
        let sent = poll_fn(|cx| {
            if let Poll::Ready(sent) = send.as_mut().poll(cx) {
                return Poll::Ready(sent);
            }
            if writing {
                // A failed write is noticed again by the next `poll_live`.
                writing = !matches!(
                    io.poll_write(cx, |cx| next_frame(inbox, outbox_ended, cx)),
                    Poll::Ready(Err(_))
                );
            }
            Poll::Pending
        })
        .await;
        sent.map_err(|_| CloseReason::room_closed())
    }
}

/// The next frame from the outbox, if the connection still takes frames.
fn next_frame(
    inbox: &mut Inbox,
    outbox_ended: &mut Option<Next>,
    cx: &mut Context<'_>,
) -> Option<Message> {
    if outbox_ended.is_some() {
        return None;
    }
    match inbox.poll_next(cx) {
        Poll::Ready(Next::Frame(bytes)) => Some(Message::Binary(bytes)),
        Poll::Ready(ended) => {
            *outbox_ended = Some(ended);
            None
        }
        Poll::Pending => None,
    }
}
