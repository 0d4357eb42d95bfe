//! A write: reading it, the permission check, the board schema and the budgets,
//! applying it, relaying it to the readers of the document, storing it, and telling
//! the writer once it is on disk.
//!
//! The order matters. An update that changes nothing (an empty Step2 on reconnect, a
//! resent deletion) is acknowledged without being refused, whatever the board's lock
//! says. Everything else must pass, in turn: the reader of the v1 encoding
//! (`ovaal_shared::update`), the permission rule (`may_write_in`), the schema index
//! (`DocShadow::check`: places, values, no missing history), the private-round rule,
//! and the card and byte budgets. Only then does `yrs` see it.

use bytes::Bytes;

use super::ConnId;
use super::core::{RoomCore, frame};
use super::effect::Effect;
use crate::storage::AppendUpdate;
use crate::storage::worker::Ack;
use ovaal_shared::board::schema::{DocKind, Resolved, SchemaError};
use ovaal_shared::permissions::may_write_in;
use ovaal_shared::protocol::{ServerMessage, SyncMessage};
use ovaal_shared::update::{ParsedUpdate, parse_update};
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

/// What becomes of a write that will not be applied.
enum Outcome {
    /// Nothing to do: acknowledge it.
    Nothing,
    /// Tell the writer why (a `Refused` with this code and reason).
    Refuse(u32, String),
    /// A live update that depends on changes we lack: ask for them with our Step1,
    /// which every y-protocols client answers with the missing part.
    AskForHistory,
}

impl From<SchemaError> for Outcome {
    fn from(e: SchemaError) -> Self {
        Outcome::Refuse(e.code(), e.to_string())
    }
}

impl RoomCore {
    /// Checks, applies, relays and stores a write, then acknowledges it.
    pub(super) fn write(&mut self, w: Write<'_>) {
        let Some(count) = self.conns.get_mut(&w.conn).map(|c| {
            c.writes += 1;
            c.writes
        }) else {
            return;
        };
        let ack = self.ack(w.conn, count);
        let resolved = match self.admit(&w) {
            Ok(resolved) => resolved,
            Err(outcome) => {
                match outcome {
                    Outcome::Nothing => {}
                    Outcome::Refuse(code, reason) => {
                        self.ctx.metrics.updates.refused.inc(code);
                        tracing::debug!(session = %self.ctx.session, conn = w.conn, doc = %w.doc, code, "write refused");
                        let refused = ServerMessage::Refused {
                            doc: w.doc.clone(),
                            code,
                            reason,
                        };
                        self.send_to(w.conn, frame(&refused));
                    }
                    Outcome::AskForHistory => self.ask_for_history(w.conn, &w.doc),
                }
                self.ack_in_line(ack);
                return;
            }
        };
        if let Err(e) = self.docs.apply(&w.doc, &w.update, resolved) {
            // Checked updates apply; if yrs still disagrees, only this write is lost.
            tracing::warn!(session = %self.ctx.session, conn = w.conn, doc = %w.doc, error = %e, "checked update not applied");
            self.discard();
            return;
        }
        self.ctx.metrics.updates.applied.inc();
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
        self.effects.push(Effect::Store { append, ack });
    }

    /// Every check a write must pass before it is applied (see the module header).
    fn admit(&self, w: &Write<'_>) -> Result<Resolved, Outcome> {
        let update = parse_update(&w.update).map_err(|e| Outcome::from(SchemaError::from(e)))?;
        if update.is_empty() {
            return Err(Outcome::Nothing);
        }
        if let Err(refusal) = may_write_in(w.role, w.participant, &w.doc, &self.policy) {
            // A write that changes nothing is not refused: a reconnecting page sends
            // its whole state of every document it may write, lock or no lock.
            if self.changes_nothing(&w.doc, &update) {
                return Err(Outcome::Nothing);
            }
            return Err(Outcome::Refuse(refusal.code(), refusal.to_string()));
        }
        let resolved = match self.docs.check(&w.doc, &update) {
            Ok(resolved) => resolved,
            Err(SchemaError::MissingHistory) if w.raw.is_some() => {
                return Err(Outcome::AskForHistory);
            }
            Err(e) => return Err(e.into()),
        };
        // (A permitted update with only deletions is applied as it is: deleting what
        // is already deleted changes nothing, and finding that out walks the whole
        // document — worth it only to spare a refusal, above.)
        if let DocName::Private { phase, .. } = &w.doc
            && !self.policy.private_phases.iter().any(|p| p == phase)
        {
            return Err(SchemaError::NotAPrivateRound.into());
        }
        let budget = &self.ctx.limits.budget;
        if !self.docs.has(&w.doc) {
            budget.admit_document(self.docs.count())?;
        }
        let (held, session_held) = self.docs.bytes(&w.doc);
        budget.admit_bytes(DocKind::of(&w.doc), held, session_held, w.update.len())?;
        if resolved.verdict.new_cards > 0 {
            budget.admit_cards(self.docs.live_cards(&w.doc), resolved.verdict.new_cards)?;
        }
        Ok(resolved)
    }

    fn changes_nothing(&self, doc: &DocName, update: &ParsedUpdate<'_>) -> bool {
        match self.docs.check(doc, update) {
            Ok(resolved) => !resolved.verdict.adds && self.docs.deletes_known(doc, update),
            Err(_) => false,
        }
    }

    /// Sends our state vector of `doc`, so the writer sends what we are missing.
    fn ask_for_history(&mut self, conn: ConnId, doc: &DocName) {
        let step1 = ServerMessage::Sync {
            doc: doc.clone(),
            message: SyncMessage::Step1(self.docs.state_vector(doc)),
        };
        self.send_to(conn, frame(&step1));
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
    fn ack_in_line(&mut self, ack: Option<Ack>) {
        if let Some(ack) = ack {
            self.effects.push(Effect::AckInLine(ack));
        }
    }
}
