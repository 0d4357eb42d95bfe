//! The registry of live rooms. A room is created on the first join and removes itself
//! when it unloads; a join that races with an unload simply retries on a fresh room.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use dashmap::DashMap;
use tokio::sync::{mpsc, oneshot, watch};

use super::action::SessionAction;
use super::outbox::{Inbox, outbox};
use super::remote::Remote;
use super::task::{RoomContext, run_room};
use super::{ConnId, JoinError, JoinRequest, RoomCommand, RoomHandle};
use crate::cluster::ClusterLink;
use crate::config::Limits;
use crate::metrics::Metrics;
use crate::storage::StoreHandle;
use ovaal_shared::protocol::Welcome;
use ovaal_shared::{ParticipantId, Role, SessionId};

/// Attempts before a join gives up on a room that keeps unloading (never seen in
/// practice: one retry lands on a fresh room).
const JOIN_ATTEMPTS: usize = 5;

#[derive(Clone)]
pub struct RoomRegistry {
    rooms: Arc<DashMap<SessionId, RoomHandle>>,
    next_generation: Arc<AtomicU64>,
    store: StoreHandle,
    /// Shared with every room rather than copied into each (a few hundred bytes).
    limits: Arc<Limits>,
    /// The other nodes serving the same sessions, when there are (`--redis-url`).
    cluster: Option<ClusterLink>,
    metrics: Arc<Metrics>,
}

/// The room's queue is full: the message was not delivered.
#[derive(Debug)]
pub struct RoomBusy;

/// What a connection holds once it is in a room.
pub struct Joined {
    pub welcome: Welcome,
    pub room: RoomHandle,
    pub inbox: Inbox,
}

impl RoomRegistry {
    pub fn new(store: StoreHandle, limits: Limits, metrics: Arc<Metrics>) -> Self {
        Self::in_cluster(store, limits, metrics, None)
    }

    /// A registry whose rooms share their sessions with other nodes over `cluster`.
    pub fn in_cluster(
        store: StoreHandle,
        limits: Limits,
        metrics: Arc<Metrics>,
        cluster: Option<ClusterLink>,
    ) -> Self {
        Self {
            rooms: Arc::new(DashMap::new()),
            next_generation: Arc::new(AtomicU64::new(1)),
            store,
            limits: Arc::new(limits),
            cluster,
            metrics,
        }
    }

    /// The store the rooms load from and append to.
    pub fn store(&self) -> &StoreHandle {
        &self.store
    }

    /// The link to the other nodes, if this node is one of several.
    pub fn cluster(&self) -> Option<&ClusterLink> {
        self.cluster.as_ref()
    }

    fn handle(&self, session: &SessionId, shutdown: &watch::Receiver<bool>) -> RoomHandle {
        self.rooms
            .entry(session.clone())
            .or_insert_with(|| {
                let generation = self.next_generation.fetch_add(1, Ordering::Relaxed);
                self.metrics.rooms_loaded.inc();
                let (tx, rx) = mpsc::channel(self.limits.room_queue);
                let ctx = Box::new(RoomContext {
                    session: session.clone(),
                    generation,
                    store: self.store.clone(),
                    registry: self.clone(),
                    limits: self.limits.clone(),
                    metrics: self.metrics.clone(),
                    shutdown: shutdown.clone(),
                });
                tokio::spawn(run_room(ctx, rx));
                RoomHandle { generation, tx }
            })
            .clone()
    }

    /// Removes a room from the registry, unless a newer instance already replaced it.
    pub fn remove_if_current(&self, session: &SessionId, generation: u64) {
        self.rooms
            .remove_if(session, |_, handle| handle.generation == generation);
    }

    /// Tells a live room something; a room that is not loaded has nobody to tell.
    pub async fn tell(&self, session: &SessionId, command: RoomCommand) {
        let room = self.rooms.get(session).map(|r| r.value().clone());
        if let Some(room) = room {
            let _ = room.tx.send(command).await;
        }
    }

    /// Carries out a facilitator's action on the session's room here and, in a
    /// cluster, on every other node.
    pub async fn tell_everywhere(&self, session: &SessionId, action: SessionAction) {
        if let Some(cluster) = &self.cluster {
            cluster.session_action(session, action.clone()).await;
        }
        self.tell(session, action.command()).await;
    }

    /// Hands a live room a message from the cluster without waiting: `Ok` also when
    /// the session is not live here (nobody to tell), `Err` when its queue is full.
    pub fn deliver(&self, session: &SessionId, remote: Remote) -> Result<(), RoomBusy> {
        let Some(room) = self.rooms.get(session).map(|r| r.value().clone()) else {
            return Ok(());
        };
        match room.tx.try_send(RoomCommand::Remote(Box::new(remote))) {
            Ok(()) | Err(mpsc::error::TrySendError::Closed(_)) => Ok(()),
            Err(mpsc::error::TrySendError::Full(_)) => Err(RoomBusy),
        }
    }

    /// The sessions live on this node.
    pub fn live_sessions(&self) -> Vec<SessionId> {
        self.rooms.iter().map(|r| r.key().clone()).collect()
    }

    /// Every live room (for shutdown).
    pub fn all(&self) -> Vec<RoomHandle> {
        self.rooms.iter().map(|r| r.value().clone()).collect()
    }

    pub fn live_rooms(&self) -> usize {
        self.rooms.len()
    }

    /// Joins a connection to the session's room, creating the room if needed. A room
    /// closes its connections when `shutdown` turns true.
    pub async fn join(
        &self,
        session: &SessionId,
        conn: ConnId,
        role: Role,
        link_id: &str,
        participant: &ParticipantId,
        shutdown: &watch::Receiver<bool>,
    ) -> Result<Joined, JoinError> {
        // A quarantined session is not loaded again (until a restart re-checks it).
        if let Some(damage) = self.store.quarantine().damage(session) {
            return Err(JoinError::Quarantined(damage));
        }
        for _ in 0..JOIN_ATTEMPTS {
            let room = self.handle(session, shutdown);
            let (outbox, inbox) = outbox(self.limits.outbound_queue);
            let (reply, answer) = oneshot::channel();
            let request = Box::new(JoinRequest {
                conn,
                role,
                link_id: link_id.to_owned(),
                participant: participant.clone(),
                outbox,
                reply,
            });
            if room.tx.send(RoomCommand::Join(request)).await.is_err() {
                // The room task ended between lookup and send.
                self.remove_if_current(session, room.generation);
                continue;
            }
            match answer.await {
                Ok(Ok(welcome)) => {
                    return Ok(Joined {
                        welcome,
                        room,
                        inbox,
                    });
                }
                Ok(Err(JoinError::Unloading)) | Err(_) => continue,
                Ok(Err(other)) => return Err(other),
            }
        }
        Err(JoinError::Unloading)
    }
}
