//! Each connection's write and presence rate. A connection that floods the room is
//! slowed down, not the room: its excess writes are refused (`Refused` with
//! [`Refusal::TooFast`]; not applied, relayed or stored, but counted and acknowledged
//! like any refused write) and its excess presence updates dropped (presence is
//! re-sent every few seconds, so nothing lasting is lost).

use bytes::Bytes;
use tokio::time::Instant;

use super::ConnId;
use super::core::{RoomCore, frame};
use super::effect::Effect;
use super::rate::TokenBucket;
use crate::config::Limits;
use crate::storage::worker::Ack;
use ovaal_shared::DocName;
use ovaal_shared::permissions::Refusal;
use ovaal_shared::protocol::ServerMessage;

/// One connection's buckets.
pub(super) struct Throttle {
    writes: TokenBucket,
    awareness: TokenBucket,
}

impl Throttle {
    pub(super) fn new(limits: &Limits, now: Instant) -> Self {
        Self {
            writes: TokenBucket::full(limits.write_rate, now),
            awareness: TokenBucket::full(limits.awareness_rate, now),
        }
    }
}

impl RoomCore {
    /// Whether a write from `conn` is within its rate. If not, it is refused here,
    /// and counted and acknowledged in line like any other refused write.
    pub(super) fn write_within_rate(&mut self, conn: ConnId, doc: &DocName) -> bool {
        let rate = self.ctx.limits.write_rate;
        let Some(c) = self.conns.get_mut(&conn) else {
            return false;
        };
        if c.throttle.writes.try_take(rate, Instant::now()) {
            return true;
        }
        c.writes += 1;
        let (count, outbox) = (c.writes, c.outbox.clone());
        tracing::debug!(session = %self.ctx.session, conn, %doc, "write refused: too fast");
        let refusal = Refusal::TooFast;
        self.ctx.metrics.updates.refused.inc(refusal.code());
        self.send_to(
            conn,
            frame(&ServerMessage::Refused {
                doc: doc.clone(),
                code: refusal.code(),
                reason: refusal.to_string(),
            }),
        );
        let ack = Ack {
            writer: conn,
            count,
            send: Box::new(move || {
                // As for every acknowledgement: a full queue means the connection is
                // being dropped, and it resyncs on reconnect.
                let _ = outbox.push(Bytes::from(ServerMessage::Stored { count }.encode()));
            }),
        };
        self.effects.push(Effect::AckInLine(ack));
        false
    }

    /// Whether a presence update from `conn` is within its rate (if not, it is dropped).
    pub(super) fn awareness_within_rate(&mut self, conn: ConnId) -> bool {
        let rate = self.ctx.limits.awareness_rate;
        self.conns
            .get_mut(&conn)
            .is_some_and(|c| c.throttle.awareness.try_take(rate, Instant::now()))
    }
}
