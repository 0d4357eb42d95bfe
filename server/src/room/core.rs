//! The room's core: its documents, its connections and their presence, changed one
//! [`RoomCommand`] at a time, without I/O. A command goes in ([`RoomCore::handle`]);
//! what it causes comes out: frames and close reasons go into the connections'
//! outboxes (memory queues that never wait), and everything that waits — storing an
//! update, an acknowledgement in line, the attendance record, presence for other
//! nodes — is collected as [`Effect`]s, which the room's task (`task.rs`) carries out,
//! in order, before the next command. Permissions (`write.rs`), reveals
//! (`RoomCore::policy_changed`) and kicks (`fanout.rs`) are therefore tested here
//! without sockets, storage or a runtime (`core_tests.rs`).

use crate::clock::now_ms;
use std::collections::HashMap;
use std::sync::Arc;

use bytes::Bytes;
use tokio::time::Instant;

use super::admission::{self, Seat};
use super::awareness::Awareness;
use super::documents::Documents;
use super::effect::Effect;
use super::load::Loaded;
use super::policy;
use super::positions::Positions;
use super::remote::RemoteUpdate;
use super::synced::Synced;
use super::throttle::Throttle;
use super::write::Write;
use super::{ConnId, Incoming, JoinError, JoinRequest, Outbox, RoomCommand};
use crate::close_reason::CloseReason;
use crate::config::Limits;
use crate::metrics::Metrics;
use ovaal_shared::permissions::{Policy, may_read};
use ovaal_shared::protocol::{
    ClientMessage, ErrorCode, PROTOCOL_VERSION, ServerMessage, SyncMessage, Welcome,
};
use ovaal_shared::{DocName, ParticipantId, Role, SessionId};

pub(super) struct Connection {
    /// Write frames (Step2, Update) received so far, for acknowledgements.
    pub(super) writes: u64,
    pub(super) role: Role,
    /// Shared by the room's connections that came in through the same link.
    pub(super) link_id: Arc<str>,
    pub(super) participant: ParticipantId,
    pub(super) outbox: Outbox,
    pub(super) throttle: Throttle,
    /// The documents whose live updates may be relayed to it.
    pub(super) synced: Synced,
}

impl Connection {
    fn seat(&self) -> Seat<'_> {
        Seat {
            role: self.role,
            link_id: &self.link_id,
            participant: &self.participant,
        }
    }
}

/// What a room is, apart from its state: fixed for the room's life.
pub struct RoomSetup {
    pub session: SessionId,
    /// The server's, shared by every room.
    pub limits: Arc<Limits>,
    pub metrics: Arc<Metrics>,
    /// The session is served by several nodes: presence is also handed to the others
    /// (as [`Effect::PresenceOut`] and [`Effect::PresenceGone`]).
    pub clustered: bool,
}

pub struct RoomCore {
    pub(super) ctx: RoomSetup,
    pub(super) docs: Documents,
    /// Boxed: the map keeps about half as many free slots as used ones, and a free
    /// slot of a boxed connection is 16 bytes instead of 160.
    pub(super) conns: HashMap<ConnId, Box<Connection>>,
    pub(super) awareness: Awareness,
    /// What the facilitator's settings allow right now (from the control document).
    pub(super) policy: Policy,
    /// The session has ended: read-only for everyone.
    pub(super) ended: bool,
    /// The session was deleted, or the room's copy became suspect: the room stops
    /// without saving or compacting anything (storage holds only checked updates).
    pub(super) deleted: bool,
    /// The server is shutting down: every connection was told to close, and nobody
    /// new joins.
    pub(super) shutting_down: bool,
    /// When the room unloads if nobody (re)joins.
    pub(super) unload_at: Option<Instant>,
    /// What the commands handled so far caused and the task has not carried out yet.
    pub(super) effects: Vec<Effect>,
    /// The stored updates the room has, by position (in a cluster, `remote`).
    pub(super) positions: Positions<RemoteUpdate>,
    /// When the room reads the database for positions it missed.
    pub(super) gap_read_at: Option<Instant>,
}

pub(super) fn frame(message: &ServerMessage) -> Bytes {
    Bytes::from(message.encode())
}

impl RoomCore {
    /// A room on what was loaded for it, empty and counting down to unload until
    /// someone joins.
    pub fn new(ctx: RoomSetup, loaded: Loaded) -> Self {
        let Loaded {
            mut docs,
            ended,
            through,
        } = loaded;
        let policy = policy::from_documents(&docs, ended);
        // Reading the policy restored the control document; until someone writes to
        // it, its encoding is enough (`replica.rs`).
        docs.release_unchanged();
        Self {
            policy,
            ended,
            deleted: false,
            shutting_down: false,
            docs,
            conns: HashMap::new(),
            awareness: Awareness::default(),
            unload_at: Some(Instant::now() + ctx.limits.room_grace),
            effects: Vec::new(),
            positions: Positions::new(through),
            gap_read_at: None,
            ctx,
        }
    }

    /// Handles one command. Its effects wait in `effects` for the task.
    pub fn handle(&mut self, command: RoomCommand) {
        match command {
            RoomCommand::Join(request) => self.join(*request),
            RoomCommand::Frame(incoming) => {
                let Incoming { conn, message, raw } = *incoming;
                self.frame(conn, message, raw);
            }
            RoomCommand::Leave { conn } => self.leave(conn),
            RoomCommand::RevokeLink { link_id } => {
                self.kick_where(|c| *c.link_id == **link_id, &CloseReason::link_revoked());
            }
            RoomCommand::End => self.end(),
            RoomCommand::Delete => self.delete(),
            RoomCommand::RemoveParticipant { participant } => self.kick_where(
                |c| c.participant == *participant,
                &CloseReason::participant_removed(),
            ),
            RoomCommand::Drain { done } => {
                let _ = done.send(());
            }
            RoomCommand::Remote(remote) => self.remote(*remote),
        }
    }

    /// Whether a command handled since the last [`Self::effects`] left effects.
    pub fn has_effects(&self) -> bool {
        !self.effects.is_empty()
    }

    /// The effects of the commands handled since the last call, in order. The list
    /// is handed over rather than drained: a drained one would keep its capacity
    /// (half a kilobyte after the first join) for as long as the room is loaded.
    pub fn effects(&mut self) -> std::vec::IntoIter<Effect> {
        std::mem::take(&mut self.effects).into_iter()
    }

    /// The session was deleted, or the room's copy became suspect: the task stops
    /// without saving or compacting anything.
    pub fn is_deleted(&self) -> bool {
        self.deleted
    }

    /// Whether the room was told that the server shuts down.
    pub fn is_shutting_down(&self) -> bool {
        self.shutting_down
    }

    /// When the room unloads if nobody (re)joins.
    pub fn unload_at(&self) -> Option<Instant> {
        self.unload_at
    }

    /// When the room means to read the database for positions it missed.
    pub fn gap_read_at(&self) -> Option<Instant> {
        self.gap_read_at
    }

    /// The session this room serves.
    pub fn session(&self) -> &SessionId {
        &self.ctx.session
    }

    fn join(&mut self, request: JoinRequest) {
        if self.shutting_down {
            let _ = request.reply.send(Err(JoinError::ShuttingDown));
            return;
        }
        let newcomer = Seat {
            role: request.role,
            link_id: &request.link_id,
            participant: &request.participant,
        };
        let present = self.conns.values().map(|c| c.seat());
        if let Err(e) = admission::admit(&self.ctx.limits.admission(), present, &newcomer) {
            let _ = request.reply.send(Err(e));
            return;
        }
        let welcome = Welcome {
            version: PROTOCOL_VERSION,
            session: self.ctx.session.clone(),
            role: request.role,
            participant: request.participant.clone(),
            server_time_ms: crate::clock::now_ms_unsigned(),
            documents: self
                .docs
                .names()
                .into_iter()
                .filter(|doc| may_read(&request.participant, doc, &self.policy))
                .collect(),
        };
        if request.reply.send(Ok(welcome)).is_err() {
            return; // the connection gave up while waiting
        }
        self.arriving(&request.participant, request.role, now_ms());
        let link_id = self
            .conns
            .values()
            .find(|c| *c.link_id == *request.link_id)
            .map_or_else(|| Arc::from(request.link_id), |c| c.link_id.clone());
        self.conns.insert(
            request.conn,
            Box::new(Connection {
                writes: 0,
                role: request.role,
                link_id,
                participant: request.participant,
                outbox: request.outbox,
                throttle: Throttle::new(&self.ctx.limits, Instant::now()),
                synced: Synced::at_join(self.docs.created()),
            }),
        );
        self.unload_at = None;
        if let Some(states) = self.awareness.encode_all() {
            self.send_to(
                request.conn,
                frame(&ServerMessage::Awareness { update: states }),
            );
        }
    }

    /// The server is shutting down: every connection is told so and closes. Each stays
    /// in the room until it leaves, so what it sent before it saw the news is still
    /// applied and stored.
    pub fn shut_down(&mut self) {
        self.shutting_down = true;
        self.everyone_departing(now_ms());
        for c in self.conns.values() {
            c.outbox.close(CloseReason::shutting_down());
        }
    }

    fn leave(&mut self, conn: ConnId) {
        if let Some(gone) = self.conns.remove(&conn) {
            self.after_removal(conn, &gone);
        }
    }

    /// Announces the departure and starts the unload countdown if the room is empty.
    pub(super) fn after_removal(&mut self, conn: ConnId, gone: &Connection) {
        self.departed(gone, now_ms());
        if let Some(gone) = self.awareness.remove_conn(conn) {
            self.broadcast(None, frame(&ServerMessage::Awareness { update: gone }));
            if self.ctx.clustered {
                self.effects.push(Effect::PresenceGone { conn });
            }
        }
        if self.conns.is_empty() {
            self.unload_at = Some(Instant::now() + self.ctx.limits.room_grace);
        }
    }

    /// Re-reads the facilitator's settings. A revealed private round is sent, whole,
    /// to everyone who could not read it before.
    pub(super) fn policy_changed(&mut self) {
        let new = policy::from_documents(&self.docs, self.ended);
        let revealed: Vec<String> = policy::newly_revealed(&self.policy, &new)
            .into_iter()
            .map(str::to_owned)
            .collect();
        let old = std::mem::replace(&mut self.policy, new);
        for phase in revealed {
            let private_docs: Vec<DocName> = self
                .docs
                .names()
                .into_iter()
                .filter(|d| matches!(d, DocName::Private { phase: p, .. } if *p == phase))
                .collect();
            for doc in private_docs {
                let Ok((full, _)) = self
                    .docs
                    .answer_step1(&doc, super::documents::EMPTY_STATE_VECTOR)
                else {
                    continue;
                };
                let bytes = frame(&ServerMessage::Sync {
                    doc: doc.clone(),
                    message: SyncMessage::Update(full),
                });
                let newcomers: Vec<ConnId> = self
                    .conns
                    .iter()
                    .filter(|(_, c)| !may_read(&c.participant, &doc, &old))
                    .map(|(id, _)| *id)
                    .collect();
                let index = self.docs.index_of(&doc);
                for conn in newcomers {
                    // The whole document: from now on its live updates follow.
                    if let (Some(index), Some(c)) = (index, self.conns.get_mut(&conn)) {
                        c.synced.mark(index);
                    }
                    self.send_to(conn, bytes.clone());
                }
            }
        }
    }

    fn frame(&mut self, conn: ConnId, message: ClientMessage, raw: Bytes) {
        let Some(c) = self.conns.get(&conn) else {
            return; // already dropped; its last frames are moot
        };
        let (role, participant) = (c.role, c.participant.clone());
        if let ClientMessage::Sync { doc, message } = &message
            && message.is_write()
            && !self.write_within_rate(conn, doc)
        {
            return;
        }
        match message {
            ClientMessage::Hello(_) => {
                let why = CloseReason::new(ErrorCode::HelloExpected, "hello was already received");
                self.kick(conn, &why);
            }
            ClientMessage::Sync { doc, message } => {
                // Only a live update's frame can be relayed as it came; a Step 2 is
                // relayed as an update frame built for it.
                let (update, raw) = match message {
                    SyncMessage::Step1(sv) => return self.step1(conn, doc, &sv),
                    SyncMessage::Step2(update) => (update, None),
                    SyncMessage::Update(update) => (update, Some(raw)),
                };
                self.write(Write {
                    conn,
                    role,
                    participant: &participant,
                    doc,
                    update,
                    raw,
                });
            }
            ClientMessage::Awareness { .. } if !self.awareness_within_rate(conn) => {}
            ClientMessage::Awareness { update } => match self.awareness.apply(
                conn,
                &super::awareness::Identity {
                    participant: participant.as_str(),
                    role: role.as_str(),
                },
                &update,
            ) {
                Ok(Some(relay)) => {
                    if self.ctx.clustered {
                        self.effects.push(Effect::PresenceOut {
                            conn,
                            update: relay.clone(),
                        });
                    }
                    self.broadcast(
                        Some(conn),
                        frame(&ServerMessage::Awareness { update: relay }),
                    );
                }
                Ok(None) => {}
                Err(e) => self.kick(conn, &CloseReason::malformed(e.to_string())),
            },
            ClientMessage::QueryAwareness => {
                if let Some(states) = self.awareness.encode_all() {
                    self.send_to(conn, frame(&ServerMessage::Awareness { update: states }));
                }
            }
            // Answered by the room task, not the socket's reader: a client that hears
            // the pong knows its writes would be handled too.
            ClientMessage::Ping => self.send_to(conn, frame(&ServerMessage::Pong)),
        }
    }

    fn step1(&mut self, conn: ConnId, doc: DocName, state_vector: &[u8]) {
        let readable = self
            .conns
            .get(&conn)
            .is_some_and(|c| may_read(&c.participant, &doc, &self.policy));
        // A document this connection may not read is answered as if it did not exist.
        let answer = if readable {
            self.docs.answer_step1(&doc, state_vector)
        } else {
            Documents::default().answer_step1(&doc, state_vector)
        };
        match answer {
            Ok((diff, ours)) => {
                let index = self.docs.index_of(&doc);
                if let (true, Some(index), Some(c)) = (readable, index, self.conns.get_mut(&conn)) {
                    c.synced.mark(index);
                }
                let step2 = ServerMessage::Sync {
                    doc: doc.clone(),
                    message: SyncMessage::Step2(diff),
                };
                self.send_to(conn, frame(&step2));
                let step1 = ServerMessage::Sync {
                    doc,
                    message: SyncMessage::Step1(ours),
                };
                self.send_to(conn, frame(&step1));
            }
            Err(e) => self.kick(conn, &CloseReason::malformed(e.to_string())),
        }
    }
}
