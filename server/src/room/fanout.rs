//! Sending frames from a room to its connections. A connection whose queue is full
//! is dropped with a reason rather than silently skipped: it reconnects and resyncs.

use bytes::Bytes;

use super::ConnId;
use super::core::{Connection, RoomCore};
use crate::close_reason::CloseReason;
use ovaal_shared::DocName;
use ovaal_shared::permissions::may_read;

/// Queues a frame; `true` only if the queue is full (a slow reader). A closing
/// connection takes frames silently: it may still deliver frames that were in flight,
/// and its `Leave` follows, so it is not dropped here.
fn queue_full(c: &Connection, bytes: Bytes) -> bool {
    c.outbox.push(bytes).is_err()
}

impl RoomCore {
    /// Drops a connection with a reason it will be told before its socket closes.
    pub(super) fn kick(&mut self, conn: ConnId, why: &CloseReason) {
        if let Some(c) = self.conns.remove(&conn) {
            tracing::info!(session = %self.ctx.session, conn, code = ?why.code, "dropping connection");
            self.ctx.metrics.connections.dropped.inc(why.code.code());
            c.outbox.close(why.clone());
            self.after_removal(conn, &c);
        }
    }

    pub(super) fn send_to(&mut self, conn: ConnId, bytes: Bytes) {
        let full = self.conns.get(&conn).is_some_and(|c| queue_full(c, bytes));
        if full {
            self.kick(conn, &CloseReason::too_slow());
        }
    }

    /// Sends a frame to every connection except `except`. A connection whose queue is
    /// full is dropped rather than silently skipped: it reconnects and resyncs.
    pub(super) fn broadcast(&mut self, except: Option<ConnId>, bytes: Bytes) {
        self.send_where(except, bytes, |_, _| true);
    }

    /// Sends a document's live update to every connection that may read the document
    /// and is in sync with it (see `synced`).
    pub(super) fn broadcast_doc(&mut self, except: Option<ConnId>, doc: &DocName, bytes: Bytes) {
        let index = self.docs.index_of(doc);
        self.send_where(except, bytes, |room, c| {
            may_read(&c.participant, doc, &room.policy)
                && index.is_none_or(|index| c.synced.has(index))
        });
    }

    fn send_where(
        &mut self,
        except: Option<ConnId>,
        bytes: Bytes,
        wanted: impl Fn(&RoomCore, &Connection) -> bool,
    ) {
        let slow: Vec<ConnId> = self
            .conns
            .iter()
            .filter(|(id, _)| Some(**id) != except)
            .filter(|(_, c)| wanted(self, c))
            .filter(|(_, c)| queue_full(c, bytes.clone()))
            .map(|(id, _)| *id)
            .collect();
        for conn in slow {
            self.kick(conn, &CloseReason::too_slow());
        }
    }

    /// Drops every connection matching `which`, telling each why.
    pub(super) fn kick_where(&mut self, which: impl Fn(&Connection) -> bool, why: &CloseReason) {
        let gone: Vec<ConnId> = self
            .conns
            .iter()
            .filter(|(_, c)| which(c))
            .map(|(id, _)| *id)
            .collect();
        for conn in gone {
            self.kick(conn, why);
        }
    }
}
