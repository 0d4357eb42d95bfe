//! Both directions of one WebSocket, driven from one task: frames are written as the
//! socket accepts them and read as they arrive, and neither direction waits for the
//! other (a peer that stops reading still has its frames read, and the other way round).

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use futures_util::{Sink, Stream};

use crate::close_reason::CloseReason;
use ovaal_shared::protocol::ServerMessage;

/// Frames written in one go before reading gets its turn again.
const WRITE_BUDGET: usize = 32;

pub(super) struct Duplex {
    /// Boxed: the socket is large, and the connection's future stays small.
    ws: Box<WebSocket>,
    /// A frame the socket has not accepted yet (its buffer was full).
    unsent: Option<Message>,
    /// Frames were handed to the socket since the last completed flush.
    unflushed: bool,
}

impl Duplex {
    pub(super) fn new(ws: Box<WebSocket>) -> Self {
        Self {
            ws,
            unsent: None,
            unflushed: false,
        }
    }

    /// Writes the frames `next` supplies until it has none or the socket is full, then
    /// flushes. `Ready(Ok)`: everything is written and `next` had nothing more (it
    /// arranges its own wake-up); `Pending`: the socket wakes us when it takes more.
    pub(super) fn poll_write(
        &mut self,
        cx: &mut Context<'_>,
        mut next: impl FnMut(&mut Context<'_>) -> Option<Message>,
    ) -> Poll<Result<(), axum::Error>> {
        let mut budget = WRITE_BUDGET;
        let mut yielded = false;
        loop {
            if budget == 0 {
                // Come back right after reading: a busy outbox must not starve reads.
                cx.waker().wake_by_ref();
                yielded = true;
                break;
            }
            let message = match self.unsent.take() {
                Some(message) => message,
                None => match next(cx) {
                    Some(message) => message,
                    None => break,
                },
            };
            match Pin::new(&mut *self.ws).poll_ready(cx) {
                Poll::Ready(Ok(())) => {}
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => {
                    self.unsent = Some(message);
                    return Poll::Pending;
                }
            }
            if let Err(e) = Pin::new(&mut *self.ws).start_send(message) {
                return Poll::Ready(Err(e));
            }
            self.unflushed = true;
            budget -= 1;
        }
        if self.unflushed {
            match Pin::new(&mut *self.ws).poll_flush(cx) {
                Poll::Ready(Ok(())) => self.unflushed = false,
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
        if yielded {
            Poll::Pending
        } else {
            Poll::Ready(Ok(()))
        }
    }

    /// Writes out whatever the WebSocket layer still holds (such as its answer to the
    /// peer's close frame).
    pub(super) fn poll_flush(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), axum::Error>> {
        Pin::new(&mut *self.ws).poll_flush(cx)
    }

    /// The next frame from the peer; `None` once the connection is closed.
    pub(super) fn poll_read(
        &mut self,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Message, axum::Error>>> {
        Pin::new(&mut *self.ws).poll_next(cx)
    }
}

/// The `Error` frame and the close frame that carry a code and a reason to the peer.
pub(super) fn close_frames(why: &CloseReason) -> [Message; 2] {
    let CloseReason { code, reason } = why;
    let code = *code;
    let error = ServerMessage::Error {
        code,
        reason: reason.to_string(),
    };
    // Close reasons are limited to 123 bytes by the WebSocket spec.
    let mut short: String = reason.chars().take(60).collect();
    while short.len() > 120 {
        short.pop();
    }
    let close = CloseFrame {
        code: code.close_code(),
        reason: short.into(),
    };
    [
        Message::Binary(error.encode().into()),
        Message::Close(Some(close)),
    ]
}
