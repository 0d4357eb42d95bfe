//! How a connection ends: it leaves the room, and the peer is told why, with time for
//! the reason to arrive and for frames already in flight to count.

use std::future::poll_fn;
use std::task::Poll;
use std::time::Duration;

use axum::extract::ws::Message;
use bytes::Bytes;
use tokio::time::{Instant, timeout, timeout_at};

use super::connection::{End, Event, Link};
use super::duplex::close_frames;
use crate::room::RoomCommand;

/// How long a socket stays open after the server closed it for a bad frame.
const CLOSE_LINGER: Duration = Duration::from_millis(500);
/// How long frames are still read after the server closed a connection.
const CLOSE_DRAIN: Duration = Duration::from_secs(2);
/// How long the close frame may take to leave: a peer that stops reading must not keep
/// a connection (or the server's shutdown) waiting forever.
const CLOSE_FLUSH: Duration = Duration::from_secs(10);
/// The same after a bad frame, when the peer is not read from any more.
pub(super) const CLOSE_FLUSH_AFTER_BAD_FRAME: Duration = Duration::from_secs(5);

impl Link {
    async fn leave(&mut self) {
        let _ = self.room.send(RoomCommand::Leave { conn: self.conn }).await;
    }

    /// Ends a connection the way `end` says; the room has let go of it afterwards.
    pub(super) async fn finish(&mut self, end: End) {
        match end {
            End::PeerGone => {
                // The WebSocket layer has queued its answer to the peer's close frame.
                let _ = timeout(CLOSE_LINGER, poll_fn(|cx| self.io.poll_flush(cx))).await;
            }
            End::Bad(why) => {
                tracing::info!(conn = self.conn, code = ?why.code, "closing connection");
                self.leave().await;
                let mut goodbye = close_frames(&why).into_iter();
                let flushed = poll_fn(|cx| self.io.poll_write(cx, |_| goodbye.next()));
                let _ = timeout(CLOSE_FLUSH_AFTER_BAD_FRAME, flushed).await;
                // After a bad frame the peer may still be sending (e.g. the rest of an
                // oversized message), and it is not read any more. Closing the socket
                // with unread data makes the kernel reset the connection, and the peer
                // would lose our close frame and its reason; keeping the socket open
                // briefly lets the reason arrive first.
                tokio::time::sleep(CLOSE_LINGER).await;
                return;
            }
            End::Close(why) => {
                self.drain(Some(close_frames(&why))).await;
            }
            End::Drain => self.drain(None).await,
        }
        self.leave().await;
    }

    /// Sends the close frames, if any, then keeps handing the peer's frames to the room
    /// until the peer answers the close or a short deadline passes: edits in flight
    /// are not dropped (on shutdown the room still applies and stores them).
    async fn drain(&mut self, goodbye: Option<[Message; 2]>) {
        let mut flushing = goodbye.is_some();
        let mut goodbye = goodbye.into_iter().flatten();
        let mut deadline = Instant::now() + if flushing { CLOSE_FLUSH } else { CLOSE_DRAIN };
        loop {
            let next = poll_fn(|cx| {
                match self.io.poll_write(cx, |_| goodbye.next()) {
                    Poll::Ready(Err(_)) => return Poll::Ready(Drained::Over),
                    Poll::Ready(Ok(())) if flushing => return Poll::Ready(Drained::Flushed),
                    _ => {}
                }
                self.poll_read(cx).map(|event| match event {
                    Event::Frame(frame) => Drained::Frame(frame),
                    Event::End(_) => Drained::Over,
                })
            });
            let got = timeout_at(deadline, next).await;
            match got {
                Ok(Drained::Flushed) => {
                    flushing = false;
                    deadline = Instant::now() + CLOSE_DRAIN;
                }
                Ok(Drained::Frame(frame)) => {
                    if self.forward(frame).await.is_err() {
                        return;
                    }
                }
                // Past the deadline, the peer closed, or a bad frame: the peer has been
                // told why already.
                Ok(Drained::Over) | Err(_) => return,
            }
        }
    }
}

/// What happens while a connection closes.
enum Drained {
    Frame(Bytes),
    /// The close frames are out.
    Flushed,
    Over,
}
