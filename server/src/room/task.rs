//! The task that owns one room: its documents, its connections and their presence.
//! Everything that changes a room happens here, one command at a time, so the room
//! needs no locks.

use std::collections::HashMap;
use std::pin::pin;
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use tokio::sync::{mpsc, watch};
use tokio::time::{Instant, sleep_until};

use super::admission::{self, Seat};
use super::awareness::Awareness;
use super::documents::Documents;
use super::policy;
use super::positions::Positions;
use super::registry::RoomRegistry;
use super::remote::RemoteUpdate;
use super::synced::Synced;
use super::throttle::Throttle;
use super::write::Write;
use super::{ConnId, Incoming, JoinError, JoinRequest, Outbox, RoomCommand};
use crate::config::Limits;
use crate::storage::StoreHandle;
use ovaal_shared::permissions::{Policy, may_read};
use ovaal_shared::protocol::{
    ClientMessage, ErrorCode, PROTOCOL_VERSION, ServerMessage, SyncMessage, Welcome,
};
use ovaal_shared::{DocName, ParticipantId, Role, SessionId};

pub struct RoomContext {
    pub session: SessionId,
    pub generation: u64,
    pub store: StoreHandle,
    pub registry: RoomRegistry,
    pub limits: Limits,
    pub metrics: std::sync::Arc<crate::metrics::Metrics>,
    /// Turns true when the server shuts down.
    pub shutdown: watch::Receiver<bool>,
}

/// What every connection is told when the server shuts down.
const SHUTTING_DOWN: &str = "the server is restarting; reconnecting…";

pub(super) struct Connection {
    /// Write frames (Step2, Update) received so far, for acknowledgements.
    pub(super) writes: u64,
    pub(super) role: Role,
    pub(super) link_id: String,
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

pub(super) struct Room {
    /// Boxed, like the larger futures below: the room's task keeps the size of its
    /// largest state for as long as the room is loaded.
    pub(super) ctx: Box<RoomContext>,
    pub(super) docs: Documents,
    pub(super) conns: HashMap<ConnId, Connection>,
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
    /// Arrivals and departures not yet sent to storage (`attendance`).
    pub(super) attendance: Vec<crate::storage::AttendanceEvent>,
    /// The stored updates the room has, by position (in a cluster, `remote`).
    pub(super) positions: Positions<RemoteUpdate>,
    /// When the room reads the database for positions it missed.
    pub(super) gap_read_at: Option<Instant>,
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

pub(super) fn frame(message: &ServerMessage) -> Bytes {
    Bytes::from(message.encode())
}

pub async fn run_room(ctx: Box<RoomContext>, mut rx: mpsc::Receiver<RoomCommand>) {
    // Loading and the final compaction happen once: boxed, so that the task does not
    // keep room for them while the room is loaded.
    let super::load::Loaded {
        docs,
        ended,
        through,
    } = match Box::pin(super::load::load(&ctx)).await {
        Ok(loaded) => loaded,
        Err(e) => {
            tracing::error!(session = %ctx.session, error = %e, "could not load room");
            ctx.registry.remove_if_current(&ctx.session, ctx.generation);
            refuse_remaining(&mut rx, e.into());
            return;
        }
    };
    tracing::debug!(session = %ctx.session, documents = docs.names().len(), "room loaded");
    let mut room = Room {
        policy: policy::from_documents(&docs, ended),
        ended,
        deleted: false,
        shutting_down: false,
        docs,
        conns: HashMap::new(),
        awareness: Awareness::default(),
        unload_at: Some(Instant::now() + ctx.limits.room_grace),
        attendance: Vec::new(),
        positions: Positions::new(through),
        gap_read_at: None,
        ctx,
    };
    // One watch per room rather than per connection: every open connection would
    // otherwise carry its own.
    let mut shutdown = pin!(shutting_down(room.ctx.shutdown.clone()));
    loop {
        let (unload_at, gap_read_at) = (room.unload_at, room.gap_read_at);
        tokio::select! {
            command = rx.recv() => match command {
                Some(command) => room.handle(command).await,
                None => break,
            },
            _ = shutdown.as_mut(), if !room.shutting_down => room.shut_down(),
            _ = sleep_until(gap_read_at.unwrap_or_else(Instant::now)), if gap_read_at.is_some() => {
                Box::pin(room.read_missed()).await;
            }
            // (each branch may have people arriving or leaving; reported below)
            // (checked below, after the command that deleted it)
            _ = sleep_until(unload_at.unwrap_or_else(Instant::now)), if unload_at.is_some() => {
                break;
            }
        }
        if room.deleted {
            break;
        }
        room.report_attendance().await;
    }
    // Unload: leave the registry first so new joins start a fresh room, then turn
    // away whatever raced in. Every update is already queued for storage, so the
    // fresh room loads it all; compaction tidies up in the background.
    let ctx = &room.ctx;
    ctx.registry.remove_if_current(&ctx.session, ctx.generation);
    refuse_remaining(&mut rx, JoinError::Unloading);
    if room.deleted {
        tracing::debug!(session = %ctx.session, "room of a deleted session closed");
        return;
    }
    if let Err(e) = Box::pin(ctx.store.compact(&ctx.session)).await {
        tracing::warn!(session = %ctx.session, error = %e, "could not queue compaction");
    }
    tracing::debug!(session = %ctx.session, "room unloaded");
}

/// Completes when the server starts shutting down (or its state is gone).
async fn shutting_down(mut shutdown: watch::Receiver<bool>) {
    // The guard `wait_for` returns is not `Send`; drop it before returning.
    let _ = shutdown.wait_for(|down| *down).await.is_ok();
}

fn refuse_remaining(rx: &mut mpsc::Receiver<RoomCommand>, why: JoinError) {
    rx.close();
    while let Ok(command) = rx.try_recv() {
        match command {
            RoomCommand::Join(request) => {
                let _ = request.reply.send(Err(why.clone()));
            }
            RoomCommand::Drain { done } => {
                let _ = done.send(());
            }
            // Nobody is connected to a room that is going away.
            RoomCommand::Frame(_)
            | RoomCommand::Leave { .. }
            | RoomCommand::RevokeLink { .. }
            | RoomCommand::RemoveParticipant { .. }
            | RoomCommand::End
            | RoomCommand::Delete
            | RoomCommand::Remote(_) => {}
        }
    }
}

impl Room {
    async fn handle(&mut self, command: RoomCommand) {
        match command {
            RoomCommand::Join(request) => self.join(*request),
            RoomCommand::Frame(incoming) => {
                let Incoming { conn, message, raw } = *incoming;
                // Boxed: the room's task would otherwise keep room for a write's state
                // for as long as the room is loaded.
                Box::pin(self.frame(conn, message, raw)).await;
            }
            RoomCommand::Leave { conn } => self.leave(conn),
            RoomCommand::RevokeLink { link_id } => self.kick_where(
                |c| c.link_id == link_id,
                ErrorCode::Unauthorized,
                "this link has been revoked",
            ),
            RoomCommand::End => Box::pin(self.end()).await,
            RoomCommand::Delete => self.delete(),
            RoomCommand::RemoveParticipant { participant } => self.kick_where(
                |c| c.participant == participant,
                ErrorCode::Unauthorized,
                "the facilitator removed you from this session",
            ),
            RoomCommand::Drain { done } => {
                let _ = done.send(());
            }
            RoomCommand::Remote(remote) => Box::pin(self.remote(*remote)).await,
        }
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
        let present = self.conns.values().map(Connection::seat);
        if let Err(e) = admission::admit(&self.ctx.limits.admission(), present, &newcomer) {
            let _ = request.reply.send(Err(e));
            return;
        }
        let welcome = Welcome {
            version: PROTOCOL_VERSION,
            session: self.ctx.session.clone(),
            role: request.role,
            participant: request.participant.clone(),
            server_time_ms: now_ms(),
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
        self.arriving(&request.participant, request.role, now_ms() as i64);
        self.conns.insert(
            request.conn,
            Connection {
                writes: 0,
                role: request.role,
                link_id: request.link_id,
                participant: request.participant,
                outbox: request.outbox,
                throttle: Throttle::new(&self.ctx.limits, Instant::now()),
                synced: Synced::at_join(self.docs.created()),
            },
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
    fn shut_down(&mut self) {
        self.shutting_down = true;
        self.everyone_departing(now_ms() as i64);
        for c in self.conns.values() {
            c.outbox
                .close(ErrorCode::ShuttingDown, SHUTTING_DOWN.to_owned());
        }
    }

    fn leave(&mut self, conn: ConnId) {
        if let Some(gone) = self.conns.remove(&conn) {
            self.after_removal(conn, &gone);
        }
    }

    /// Announces the departure and starts the unload countdown if the room is empty.
    pub(super) fn after_removal(&mut self, conn: ConnId, gone: &Connection) {
        self.departed(gone, now_ms() as i64);
        if let Some(gone) = self.awareness.remove_conn(conn) {
            self.broadcast(None, frame(&ServerMessage::Awareness { update: gone }));
            if let Some(link) = self.ctx.registry.cluster() {
                link.awareness_gone(&self.ctx.session, conn);
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

    async fn frame(&mut self, conn: ConnId, message: ClientMessage, raw: Bytes) {
        let Some(c) = self.conns.get(&conn) else {
            return; // already dropped; its last frames are moot
        };
        let (role, participant) = (c.role, c.participant.clone());
        if let ClientMessage::Sync { doc, message } = &message
            && message.is_write()
            && !self.write_within_rate(conn, doc).await
        {
            return;
        }
        match message {
            ClientMessage::Hello(_) => {
                self.kick(conn, ErrorCode::HelloExpected, "hello was already received");
            }
            ClientMessage::Sync { doc, message } => match message {
                SyncMessage::Step1(sv) => self.step1(conn, doc, &sv),
                SyncMessage::Step2(update) => {
                    let write = Write {
                        conn,
                        role,
                        participant: &participant,
                        doc,
                        update,
                        raw: None,
                    };
                    self.write(write).await;
                }
                SyncMessage::Update(update) => {
                    let write = Write {
                        conn,
                        role,
                        participant: &participant,
                        doc,
                        update,
                        raw: Some(raw),
                    };
                    self.write(write).await;
                }
            },
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
                    if let Some(link) = self.ctx.registry.cluster() {
                        link.awareness(&self.ctx.session, conn, &relay);
                    }
                    self.broadcast(
                        Some(conn),
                        frame(&ServerMessage::Awareness { update: relay }),
                    );
                }
                Ok(None) => {}
                Err(e) => self.kick(conn, ErrorCode::MalformedMessage, &e.to_string()),
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
            Err(e) => self.kick(conn, ErrorCode::MalformedMessage, &e.to_string()),
        }
    }
}
