//! A write: the permission check, applying it, relaying it to the readers of the
//! document, storing it, and telling the writer once it is on disk.

use bytes::Bytes;

use super::ConnId;
use super::task::{Room, frame};
use crate::storage::AppendUpdate;
use crate::storage::worker::Ack;
use ovaal_shared::permissions::may_write_in;
use ovaal_shared::protocol::{ErrorCode, ServerMessage, SyncMessage};
use ovaal_shared::{DocName, ParticipantId, Role};

/// A Step2 or Update frame from a connection.
pub struct Write<'a> {
    pub conn: ConnId,
    pub role: Role,
    pub participant: &'a ParticipantId,
    pub doc: DocName,
    pub update: Vec<u8>,
    /// The incoming frame when it can be relayed byte for byte (an Update); a Step2 is
    /// re-framed as an Update.
    pub raw: Option<Bytes>,
}

impl Room {
    /// Checks, applies, relays and stores a write, then acknowledges it.
    pub(super) async fn write(&mut self, w: Write<'_>) {
        let Some(count) = self.conns.get_mut(&w.conn).map(|c| {
            c.writes += 1;
            c.writes
        }) else {
            return;
        };
        let ack = self.ack(w.conn, count);
        if let Err(refusal) = may_write_in(w.role, w.participant, &w.doc, &self.policy) {
            tracing::debug!(session = %self.ctx.session, conn = w.conn, doc = %w.doc, ?refusal, "write refused");
            let refused = ServerMessage::Refused {
                doc: w.doc,
                code: refusal.code(),
                reason: refusal.to_string(),
            };
            self.send_to(w.conn, frame(&refused));
            self.ack_in_line(ack).await;
            return;
        }
        match self.docs.apply(&w.doc, &w.update) {
            Ok(true) => {}
            Ok(false) => {
                self.ack_in_line(ack).await;
                return;
            }
            Err(e) => {
                self.kick(w.conn, ErrorCode::MalformedMessage, &e.to_string());
                return;
            }
        }
        let relay = match w.raw {
            Some(raw) => raw,
            None => frame(&ServerMessage::Sync {
                doc: w.doc.clone(),
                message: SyncMessage::Update(w.update.clone()),
            }),
        };
        self.broadcast_doc(Some(w.conn), &w.doc, relay);
        if w.doc == DocName::Control {
            self.policy_changed();
        }
        let append = AppendUpdate {
            session: self.ctx.session.clone(),
            doc: w.doc,
            update: w.update,
        };
        if let Err(e) = self.ctx.store.append(append, ack).await {
            tracing::error!(session = %self.ctx.session, error = %e, "update not stored");
        }
    }

    /// The acknowledgement "your first `count` writes are handled", sent through the
    /// connection's queue once storage has them on disk.
    fn ack(&self, conn: ConnId, count: u64) -> Option<Ack> {
        let outbox = self.conns.get(&conn)?.outbox.clone();
        Some(Ack {
            writer: conn,
            count,
            send: Box::new(move || {
                let stored = Bytes::from(ServerMessage::Stored { count }.encode());
                // A full queue means the connection is being dropped as too slow; it
                // resyncs on reconnect, so a lost acknowledgement costs nothing.
                let _ = outbox.push(stored);
            }),
        })
    }

    /// Acknowledges a write that needed no storing, after the writes before it.
    async fn ack_in_line(&self, ack: Option<Ack>) {
        if let Some(ack) = ack
            && let Err(e) = self.ctx.store.after_queued(ack).await
        {
            tracing::error!(session = %self.ctx.session, error = %e, "acknowledgement lost");
        }
    }
}
