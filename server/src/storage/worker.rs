//! The storage thread and its async handle. SQLite calls block, so they run on one
//! dedicated thread that owns the backend; everyone else sends it commands. Appends
//! that queue up while a transaction commits are written together in the next one,
//! which keeps the write rate flat under load (group commit).
//!
//! Every job runs under [`guard::catching`]: a panic fails that job (a session-scoped
//! one quarantines its session, see [`Quarantine`]) and the thread carries on with the
//! next. [`StoreHealth`] tells whether the thread is alive and its last commit held.
//! A batch that failed because the database was unreachable is kept and tried again
//! before anything newer (`pending.rs` says why acknowledgements need that).

use std::sync::Arc;
use std::thread::JoinHandle;

use tokio::sync::{mpsc, oneshot};

use crate::metrics::StorageMetrics;

use super::guard;
use super::health::{Alive, StoreHealth, Unhealthy};
use super::pending::Pending;
use super::quarantine::{Damage, Quarantine, Stage};
use super::{
    AppendUpdate, AttendanceEvent, Committed, KeyCheck, LinkRecord, Missed, NewLink, SessionRecord,
    Storage, StorageError, StoredDoc, Visit,
};
use ovaal_shared::{DocName, ParticipantId, SessionId};

/// Most appends committed in one transaction.
const MAX_BATCH: usize = 1024;
const QUEUE: usize = 8192;
/// How long the thread waits between tries while the database is unreachable.
const RETRY_PAUSE: std::time::Duration = std::time::Duration::from_millis(500);

/// A call on the backend, run on the storage thread; it sends its own answer.
type Call = Box<dyn FnOnce(&mut dyn Storage) + Send>;

/// Hears every committed batch's numbered updates, on the storage thread, right after
/// the writers were acknowledged (the cluster's fan-out, `crate::cluster`). It must
/// not block for long: it hands the batch on.
pub type CommitSink = Box<dyn FnMut(Vec<Committed>) + Send>;

/// Tells a writer its updates are on disk. Acknowledgements of one writer (same
/// `writer` key) in one batch collapse into the one with the highest `count`.
pub struct Ack {
    pub writer: u64,
    pub count: u64,
    pub send: Box<dyn FnOnce() + Send>,
}

enum Command {
    /// Appends are batched with the appends queued behind them; the acknowledgement,
    /// if any, is sent once the batch is committed.
    Append(AppendUpdate, Option<Ack>),
    /// Anything else, in queue order.
    Call(Call),
}

/// Cheap to clone; every clone talks to the same storage thread.
#[derive(Clone)]
pub struct StoreHandle {
    tx: mpsc::Sender<Command>,
    health: Arc<StoreHealth>,
    quarantine: Quarantine,
}

/// Owns the thread; [`StoreThread::join`] waits until everything queued is written.
pub struct StoreThread {
    handle: JoinHandle<()>,
}

impl StoreThread {
    /// Waits for the thread to finish. It finishes once every [`StoreHandle`] is
    /// dropped and the queue is drained.
    pub fn join(self) {
        if self.handle.join().is_err() {
            tracing::error!("the storage thread panicked");
        }
    }
}

/// Starts the storage thread for a backend.
pub fn spawn(storage: Box<dyn Storage>) -> (StoreHandle, StoreThread) {
    spawn_with_sink(storage, None, std::time::Duration::ZERO)
}

/// Starts the storage thread for a backend; `sink` hears what each commit numbered.
/// With a `commit_window`, the thread waits that long after the first append of a
/// batch for more to join it (see [`collect`]).
pub fn spawn_with_sink(
    storage: Box<dyn Storage>,
    sink: Option<CommitSink>,
    commit_window: std::time::Duration,
) -> (StoreHandle, StoreThread) {
    let (tx, rx) = mpsc::channel(QUEUE);
    let health = Arc::new(StoreHealth::default());
    let alive = Alive(health.clone());
    let handle = std::thread::Builder::new()
        .name("ovaal-storage".into())
        .spawn(move || run(storage, rx, alive, sink, commit_window))
        .unwrap_or_else(|e| {
            // Without a storage thread the server cannot keep anything; failing to
            // start is only possible at boot, never on network input.
            panic!("cannot start the storage thread: {e}")
        });
    let store = StoreHandle {
        tx,
        health,
        quarantine: Quarantine::default(),
    };
    (store, StoreThread { handle })
}

fn run(
    mut storage: Box<dyn Storage>,
    mut rx: mpsc::Receiver<Command>,
    alive: Alive,
    mut sink: Option<CommitSink>,
    commit_window: std::time::Duration,
) {
    let mut pending = Pending::default();
    let mut after = After {
        alive: &alive,
        sink: &mut sink,
    };
    let mut next = rx.blocking_recv();
    while let Some(command) = next.take() {
        match command {
            Command::Append(first, ack) => {
                // Appends kept from a failed commit go first, in their order.
                let (mut batch, mut acks) = pending.take();
                let limit = batch.len() + MAX_BATCH;
                batch.push(first);
                acks.extend(ack);
                if !commit_window.is_zero() {
                    // Senders meanwhile find the thread busy rather than waiting, so
                    // they queue without waking it.
                    std::thread::sleep(commit_window);
                }
                next = collect(&mut rx, &mut batch, &mut acks, limit);
                commit(storage.as_mut(), batch, acks, &mut after, &mut pending);
            }
            Command::Call(call) => {
                if !pending.is_empty() {
                    // One more try, so that a call after the database came back (a
                    // flush at shutdown) finds the kept appends stored.
                    let (batch, acks) = pending.take();
                    commit(storage.as_mut(), batch, acks, &mut after, &mut pending);
                }
                // Calls catch their own panics and answer with them; this is for
                // whatever panics around them.
                if let Err(panic) = guard::catching(|| call(storage.as_mut())) {
                    tracing::error!(%panic, "a storage job panicked");
                }
            }
        }
        if next.is_none() {
            next = if pending.is_empty() {
                rx.blocking_recv()
            } else {
                wait_or_retry(storage.as_mut(), &mut rx, &mut after, &mut pending)
            };
        }
    }
    tracing::debug!("storage thread finished");
    drop(alive);
}

/// Takes every append queued behind the first into the batch, up to `limit`; returns
/// the command that stopped it, if not an append. Group commit: what queued up while
/// the last transaction committed (or during the commit window) shares this one, and
/// the thread sleeps once per batch, not once per update.
fn collect(
    rx: &mut mpsc::Receiver<Command>,
    batch: &mut Vec<AppendUpdate>,
    acks: &mut Vec<Ack>,
    limit: usize,
) -> Option<Command> {
    while batch.len() < limit {
        match rx.try_recv() {
            Ok(Command::Append(more, ack)) => {
                batch.push(more);
                acks.extend(ack);
            }
            Ok(other) => return Some(other),
            Err(_) => return None,
        }
    }
    None
}

/// Who hears about a commit: the health check, and the fan-out if any.
struct After<'a> {
    alive: &'a Alive,
    sink: &'a mut Option<CommitSink>,
}

/// While appends are kept: the next command if one comes within a pause, else
/// another try of the kept appends; `None` once every handle is gone.
fn wait_or_retry(
    storage: &mut dyn Storage,
    rx: &mut mpsc::Receiver<Command>,
    after: &mut After<'_>,
    pending: &mut Pending,
) -> Option<Command> {
    loop {
        std::thread::sleep(RETRY_PAUSE);
        match rx.try_recv() {
            Ok(command) => return Some(command),
            Err(mpsc::error::TryRecvError::Empty) => {
                let (batch, acks) = pending.take();
                commit(storage, batch, acks, after, pending);
                if pending.is_empty() {
                    return rx.blocking_recv();
                }
            }
            Err(mpsc::error::TryRecvError::Disconnected) => {
                let (batch, acks) = pending.take();
                commit(storage, batch, acks, after, pending);
                return None;
            }
        }
    }
}

/// Writes one batch and acknowledges it once committed. A batch that failed because
/// the database could not be reached is kept to be tried again; any other failure
/// drops it. Unacknowledged writes are re-sent by their clients' next handshake; the
/// log says why, and the health check that nothing is stored now.
fn commit(
    storage: &mut dyn Storage,
    batch: Vec<AppendUpdate>,
    acks: Vec<Ack>,
    after: &mut After<'_>,
    pending: &mut Pending,
) {
    let alive = after.alive;
    let metrics = &alive.0.metrics;
    let started = std::time::Instant::now();
    match guard::catching(|| storage.append_numbered(&batch)) {
        Ok(Ok(positions)) => {
            alive.0.committed();
            metrics.committed(batch.len(), started.elapsed());
            acknowledge(pending.truthful(acks));
            if let Some(sink) = after.sink.as_mut() {
                let committed: Vec<Committed> = batch
                    .into_iter()
                    .zip(positions)
                    .filter_map(|(u, position)| {
                        Some(Committed {
                            session: u.session,
                            position: position?,
                            doc: u.doc,
                            update: u.update,
                        })
                    })
                    .collect();
                if !committed.is_empty() {
                    sink(committed);
                }
            }
        }
        Ok(Err(e)) => {
            alive.0.commit_failed();
            metrics.commit_failed();
            metrics.error(&e);
            let keep = e.is_unreachable();
            tracing::error!(error = %e, updates = batch.len(), kept = keep, "could not store updates");
            let dropped = if keep {
                pending.keep(batch, acks)
            } else {
                batch.len()
            };
            metrics.dropped(dropped);
        }
        Err(panic) => {
            alive.0.commit_failed();
            metrics.commit_failed();
            metrics.dropped(batch.len());
            tracing::error!(%panic, updates = batch.len(), "storing updates panicked");
        }
    }
}

/// Sends each writer one acknowledgement: the highest count of the batch.
fn acknowledge(acks: Vec<Ack>) {
    for ack in latest_per_writer(acks) {
        (ack.send)();
    }
}

/// Of each writer's acknowledgements, the one with the highest count.
fn latest_per_writer(acks: Vec<Ack>) -> Vec<Ack> {
    let mut latest: std::collections::HashMap<u64, Ack> = std::collections::HashMap::new();
    for ack in acks {
        match latest.get(&ack.writer) {
            Some(held) if held.count >= ack.count => {}
            _ => {
                latest.insert(ack.writer, ack);
            }
        }
    }
    latest.into_values().collect()
}

impl StoreHandle {
    /// Whether the store can keep what it is given (for `/healthz`).
    pub fn health(&self) -> Result<(), Unhealthy> {
        if self.tx.is_closed() {
            return Err(Unhealthy::WorkerGone);
        }
        self.health.check()
    }

    /// The storage thread's figures, for `GET /metrics`.
    pub fn metrics(&self) -> &Arc<StorageMetrics> {
        &self.health.metrics
    }

    /// The sessions whose data failed; shared with everyone holding this handle.
    pub fn quarantine(&self) -> &Quarantine {
        &self.quarantine
    }

    /// Runs `f` on the storage thread after everything queued before it, and returns
    /// its answer (a panic in `f` answers [`StorageError::Panicked`]).
    async fn call<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut dyn Storage) -> Result<T, StorageError> + Send + 'static,
    ) -> Result<T, StorageError> {
        let (reply, answer) = oneshot::channel();
        let metrics = self.metrics().clone();
        let call: Call = Box::new(move |storage| {
            let answer = guard::catching(|| f(storage)).unwrap_or_else(|panic| {
                tracing::error!(%panic, "a storage call panicked");
                Err(StorageError::Panicked(panic))
            });
            if let Err(e) = &answer {
                metrics.error(e);
            }
            // A dropped receiver only means the asker went away.
            let _ = reply.send(answer);
        });
        self.tx
            .send(Command::Call(call))
            .await
            .map_err(|_| StorageError::WorkerGone)?;
        answer.await.map_err(|_| StorageError::WorkerGone)?
    }

    pub async fn create_session(
        &self,
        session: SessionRecord,
        links: Vec<NewLink>,
        initial: Vec<(DocName, Vec<u8>)>,
    ) -> Result<(), StorageError> {
        self.call(move |s| s.create_session(&session, &links, &initial))
            .await
    }

    pub async fn session(&self, id: &SessionId) -> Result<Option<SessionRecord>, StorageError> {
        let id = id.clone();
        self.call(move |s| s.session(&id)).await
    }

    /// The link of a token in a given session (`None` for another session's token).
    pub async fn link_in_session(
        &self,
        id: &SessionId,
        hash: [u8; 32],
    ) -> Result<Option<LinkRecord>, StorageError> {
        let id = id.clone();
        self.call(move |s| {
            Ok(s.link_for_token(&hash)?
                .filter(|(session, _)| *session == id)
                .map(|(_, link)| link))
        })
        .await
    }

    pub async fn link_for_token(
        &self,
        hash: [u8; 32],
    ) -> Result<Option<(SessionId, LinkRecord)>, StorageError> {
        self.call(move |s| s.link_for_token(&hash)).await
    }

    pub async fn links(&self, id: &SessionId) -> Result<Vec<LinkRecord>, StorageError> {
        let id = id.clone();
        self.call(move |s| s.links(&id)).await
    }

    pub async fn add_link(&self, id: &SessionId, link: NewLink) -> Result<(), StorageError> {
        let id = id.clone();
        self.call(move |s| s.add_link(&id, &link)).await
    }

    pub async fn revoke_link(&self, id: &SessionId, link_id: &str) -> Result<bool, StorageError> {
        let (id, link_id) = (id.clone(), link_id.to_owned());
        self.call(move |s| s.revoke_link(&id, &link_id)).await
    }

    pub async fn check_participant_key(
        &self,
        id: &SessionId,
        participant: &ParticipantId,
        hash: [u8; 32],
    ) -> Result<KeyCheck, StorageError> {
        let (id, participant) = (id.clone(), participant.clone());
        self.call(move |s| s.check_participant_key(&id, &participant, &hash))
            .await
    }

    pub async fn remove_participant(
        &self,
        id: &SessionId,
        participant: &ParticipantId,
    ) -> Result<bool, StorageError> {
        let (id, participant) = (id.clone(), participant.clone());
        self.call(move |s| s.remove_participant(&id, &participant))
            .await
    }

    pub async fn end_session(&self, id: &SessionId, now_ms: i64) -> Result<bool, StorageError> {
        let id = id.clone();
        self.call(move |s| s.end_session(&id, now_ms)).await
    }

    /// Deletes a session; a quarantined one leaves the quarantine with it.
    pub async fn delete_session(&self, id: &SessionId) -> Result<bool, StorageError> {
        let owned = id.clone();
        let deleted = self.call(move |s| s.delete_session(&owned)).await?;
        self.quarantine.release(id);
        Ok(deleted)
    }

    pub async fn ended_before(&self, before_ms: i64) -> Result<Vec<SessionId>, StorageError> {
        self.call(move |s| s.ended_before(before_ms)).await
    }

    pub async fn set_previous(
        &self,
        id: &SessionId,
        previous: &SessionId,
    ) -> Result<(), StorageError> {
        let (id, previous) = (id.clone(), previous.clone());
        self.call(move |s| s.set_previous(&id, &previous)).await
    }

    pub async fn arc(&self, id: &SessionId) -> Result<Vec<SessionRecord>, StorageError> {
        let id = id.clone();
        self.call(move |s| s.arc(&id)).await
    }

    /// Everything stored for a session. Rows that cannot be read (a document name
    /// that does not parse) or a panic quarantine the session; the caller decides what
    /// its own reading of the documents means.
    pub async fn load(&self, id: &SessionId) -> Result<Vec<(DocName, StoredDoc)>, StorageError> {
        let owned = id.clone();
        let loaded = self.call(move |s| s.load(&owned)).await;
        if let Err(e) = &loaded {
            self.quarantine.isolate_if_damaged(id, e, Stage::Load);
        }
        loaded
    }

    /// Everything stored for a session, and the position of the last update in it.
    pub async fn load_numbered(
        &self,
        id: &SessionId,
    ) -> Result<(Vec<(DocName, StoredDoc)>, u64), StorageError> {
        let owned = id.clone();
        let loaded = self.call(move |s| s.load_numbered(&owned)).await;
        if let Err(e) = &loaded {
            self.quarantine.isolate_if_damaged(id, e, Stage::Load);
        }
        loaded
    }

    /// What was stored for a session after position `after`.
    pub async fn missed_since(&self, id: &SessionId, after: u64) -> Result<Missed, StorageError> {
        let id = id.clone();
        self.call(move |s| s.missed_since(&id, after)).await
    }

    /// The latest stored position of each of these sessions that exists.
    pub async fn latest_positions(
        &self,
        ids: Vec<SessionId>,
    ) -> Result<Vec<(SessionId, u64)>, StorageError> {
        self.call(move |s| s.latest_positions(&ids)).await
    }

    /// Takes a cluster-wide lock if it is free (see `Storage::try_exclusive`).
    pub async fn try_exclusive(&self, name: &str) -> Result<bool, StorageError> {
        let name = name.to_owned();
        self.call(move |s| s.try_exclusive(&name)).await
    }

    /// Gives back a cluster-wide lock.
    pub async fn release_exclusive(&self, name: &str) -> Result<(), StorageError> {
        let name = name.to_owned();
        self.call(move |s| s.release_exclusive(&name)).await
    }

    /// Queues an update for the next group commit; `ack` runs once it is on disk.
    pub async fn append(&self, update: AppendUpdate, ack: Option<Ack>) -> Result<(), StorageError> {
        // Counted before it is sent: the thread may commit it before this returns.
        self.metrics().queued();
        let sent = self.tx.send(Command::Append(update, ack)).await;
        sent.map_err(|_| {
            self.metrics().not_queued();
            StorageError::WorkerGone
        })
    }

    /// Runs `ack` once everything queued before it is on disk (for writes that needed
    /// no storing, so their acknowledgement keeps its place in line).
    pub async fn after_queued(&self, ack: Ack) -> Result<(), StorageError> {
        let call: Call = Box::new(move |_| (ack.send)());
        self.tx
            .send(Command::Call(call))
            .await
            .map_err(|_| StorageError::WorkerGone)
    }

    /// Queues a background compaction of a session. A compaction that finds the
    /// session's data unreadable, or panics on it, quarantines the session.
    pub async fn compact(&self, id: &SessionId) -> Result<(), StorageError> {
        let id = id.clone();
        let quarantine = self.quarantine.clone();
        let metrics = self.metrics().clone();
        let call: Call = Box::new(move |s| match guard::catching(|| s.compact(&id)) {
            Ok(Ok(())) => tracing::debug!(session = %id, "session compacted"),
            Ok(Err(e)) => {
                metrics.error(&e);
                if !quarantine.isolate_if_damaged(&id, &e, Stage::Compaction) {
                    tracing::error!(session = %id, error = %e, "compaction failed");
                }
            }
            Err(panic) => quarantine.isolate(&id, Damage::Panicked(Stage::Compaction), &panic),
        });
        self.tx
            .send(Command::Call(call))
            .await
            .map_err(|_| StorageError::WorkerGone)
    }

    /// Queues a join or leave for the attendance record. A room does not wait for it:
    /// a failure costs a line of the record, never a connection, and is logged.
    pub async fn record_attendance(&self, event: AttendanceEvent) -> Result<(), StorageError> {
        let metrics = self.metrics().clone();
        let call: Call = Box::new(move |s| {
            if let Err(e) = s.record_attendance(&event) {
                metrics.error(&e);
                tracing::error!(error = %e, "could not record attendance");
            }
        });
        self.tx
            .send(Command::Call(call))
            .await
            .map_err(|_| StorageError::WorkerGone)
    }

    pub async fn attendance(&self, id: &SessionId) -> Result<Vec<Visit>, StorageError> {
        let id = id.clone();
        self.call(move |s| s.attendance(&id)).await
    }

    /// Waits until everything queued before this call is written.
    pub async fn flush(&self) -> Result<(), StorageError> {
        self.call(|_| Ok(())).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn append(n: u8) -> Command {
        Command::Append(
            AppendUpdate {
                session: SessionId::from_random([7; 16]),
                doc: DocName::Control,
                update: vec![n],
            },
            Some(Ack {
                writer: u64::from(n % 2),
                count: u64::from(n),
                send: Box::new(|| {}),
            }),
        )
    }

    #[test]
    fn a_batch_takes_every_queued_append_and_stops_at_anything_else() {
        let (tx, mut rx) = mpsc::channel(16);
        for n in 1..=3 {
            tx.try_send(append(n)).unwrap();
        }
        tx.try_send(Command::Call(Box::new(|_| {}))).unwrap();
        tx.try_send(append(4)).unwrap();
        let (mut batch, mut acks) = (Vec::new(), Vec::new());
        let stopped = collect(&mut rx, &mut batch, &mut acks, 100);
        assert!(matches!(stopped, Some(Command::Call(_))));
        let updates: Vec<u8> = batch.iter().map(|u| u.update[0]).collect();
        assert_eq!(updates, [1, 2, 3]);
        assert_eq!(acks.len(), 3);
        // The append behind the call waits for the next batch.
        assert!(matches!(rx.try_recv(), Ok(Command::Append(..))));
    }

    #[test]
    fn a_batch_stops_at_its_limit_and_when_the_queue_is_empty() {
        let (tx, mut rx) = mpsc::channel(16);
        for n in 1..=5 {
            tx.try_send(append(n)).unwrap();
        }
        let (mut batch, mut acks) = (Vec::new(), Vec::new());
        assert!(collect(&mut rx, &mut batch, &mut acks, 2).is_none());
        assert_eq!(batch.len(), 2);
        let (mut rest, mut rest_acks) = (Vec::new(), Vec::new());
        assert!(collect(&mut rx, &mut rest, &mut rest_acks, 100).is_none());
        assert_eq!(rest.len(), 3);
    }

    #[test]
    fn each_writer_hears_once_per_commit_with_its_highest_count() {
        use std::sync::Mutex;
        let heard: Arc<Mutex<Vec<(u64, u64)>>> = Arc::default();
        let ack = |writer: u64, count: u64| {
            let heard = heard.clone();
            Ack {
                writer,
                count,
                send: Box::new(move || heard.lock().unwrap().push((writer, count))),
            }
        };
        acknowledge(vec![ack(1, 1), ack(2, 7), ack(1, 3), ack(1, 2), ack(2, 6)]);
        let mut heard = heard.lock().unwrap().clone();
        heard.sort_unstable();
        assert_eq!(heard, [(1, 3), (2, 7)]);
    }
}
