//! A backend that fails on demand (tests only): the embedded SQLite store, with
//! switches that make appends fail, compaction panic as `yrs` does on some merges, or
//! deleting one session panic. The tests below show that such a failure stays with its
//! job and its session.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use super::sqlite::SqliteStorage;
use super::{
    AppendUpdate, AttendanceEvent, KeyCheck, LinkRecord, NewLink, SessionRecord, Storage,
    StorageError, StoredDoc, Visit,
};
use ovaal_shared::{DocName, ParticipantId, SessionId};

#[derive(Default)]
pub struct Faults {
    pub fail_appends: AtomicBool,
    pub panic_compaction: AtomicBool,
    pub panic_deleting: Mutex<Option<SessionId>>,
}

pub struct Faulty {
    inner: SqliteStorage,
    faults: Arc<Faults>,
}

impl Faulty {
    pub fn open(dir: &std::path::Path) -> (Self, Arc<Faults>) {
        let faults = Arc::new(Faults::default());
        let inner = SqliteStorage::open(dir).expect("a temporary store opens");
        let backend = Self {
            inner,
            faults: faults.clone(),
        };
        (backend, faults)
    }
}

impl Storage for Faulty {
    fn create_session(
        &mut self,
        session: &SessionRecord,
        links: &[NewLink],
        initial_updates: &[(DocName, Vec<u8>)],
    ) -> Result<(), StorageError> {
        self.inner.create_session(session, links, initial_updates)
    }
    fn session(&mut self, id: &SessionId) -> Result<Option<SessionRecord>, StorageError> {
        self.inner.session(id)
    }
    fn link_for_token(
        &mut self,
        token_hash: &[u8; 32],
    ) -> Result<Option<(SessionId, LinkRecord)>, StorageError> {
        self.inner.link_for_token(token_hash)
    }
    fn links(&mut self, id: &SessionId) -> Result<Vec<LinkRecord>, StorageError> {
        self.inner.links(id)
    }
    fn add_link(&mut self, id: &SessionId, link: &NewLink) -> Result<(), StorageError> {
        self.inner.add_link(id, link)
    }
    fn revoke_link(&mut self, id: &SessionId, link_id: &str) -> Result<bool, StorageError> {
        self.inner.revoke_link(id, link_id)
    }
    fn check_participant_key(
        &mut self,
        id: &SessionId,
        participant: &ParticipantId,
        key_hash: &[u8; 32],
    ) -> Result<KeyCheck, StorageError> {
        self.inner.check_participant_key(id, participant, key_hash)
    }
    fn remove_participant(
        &mut self,
        id: &SessionId,
        participant: &ParticipantId,
    ) -> Result<bool, StorageError> {
        self.inner.remove_participant(id, participant)
    }
    fn end_session(&mut self, id: &SessionId, now_ms: i64) -> Result<bool, StorageError> {
        self.inner.end_session(id, now_ms)
    }
    fn delete_session(&mut self, id: &SessionId) -> Result<bool, StorageError> {
        if self.faults.panic_deleting.lock().unwrap().as_ref() == Some(id) {
            panic!("deleting {id} panicked");
        }
        self.inner.delete_session(id)
    }
    fn ended_before(&mut self, before_ms: i64) -> Result<Vec<SessionId>, StorageError> {
        self.inner.ended_before(before_ms)
    }
    fn set_previous(&mut self, id: &SessionId, previous: &SessionId) -> Result<(), StorageError> {
        self.inner.set_previous(id, previous)
    }
    fn arc(&mut self, id: &SessionId) -> Result<Vec<SessionRecord>, StorageError> {
        self.inner.arc(id)
    }
    fn append(&mut self, updates: &[AppendUpdate]) -> Result<(), StorageError> {
        if self.faults.fail_appends.load(Ordering::SeqCst) {
            return Err(StorageError::Corrupt("the disk is full".into()));
        }
        self.inner.append(updates)
    }
    fn load(&mut self, id: &SessionId) -> Result<Vec<(DocName, StoredDoc)>, StorageError> {
        self.inner.load(id)
    }
    fn compact(&mut self, id: &SessionId) -> Result<(), StorageError> {
        if self.faults.panic_compaction.load(Ordering::SeqCst) {
            // What yrs does on some merges (an unwrap in `merge_pending_v1`).
            panic!("called `Option::unwrap()` on a `None` value");
        }
        self.inner.compact(id)
    }
    fn record_attendance(&mut self, event: &AttendanceEvent) -> Result<(), StorageError> {
        self.inner.record_attendance(event)
    }
    fn attendance(&mut self, id: &SessionId) -> Result<Vec<Visit>, StorageError> {
        self.inner.attendance(id)
    }
}

/// A session record for tests.
pub fn record(id: &str) -> SessionRecord {
    SessionRecord {
        id: id.parse().expect("a valid id"),
        title: id.into(),
        method: ovaal_shared::board::Method::Free,
        created_ms: 0,
        ended_ms: None,
        time_zone: None,
    }
}

/// An update of the control document (any valid one).
pub fn some_update(session: &SessionId) -> AppendUpdate {
    use yrs::{Map, ReadTxn, Transact};
    let doc = yrs::Doc::new();
    doc.get_or_insert_map("m")
        .insert(&mut doc.transact_mut(), "k", 1);
    AppendUpdate {
        session: session.clone(),
        doc: DocName::Control,
        update: doc
            .transact()
            .encode_state_as_update_v1(&yrs::StateVector::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::health::Unhealthy;
    use crate::storage::quarantine::{Damage, Stage};
    use crate::storage::worker;

    #[tokio::test]
    async fn a_compaction_that_panics_quarantines_its_session_and_the_worker_carries_on() {
        let dir = tempfile::tempdir().unwrap();
        let (backend, faults) = Faulty::open(dir.path());
        let (store, _thread) = worker::spawn(Box::new(backend));
        let (a, b) = (record("session-a"), record("session-b"));
        for s in [&a, &b] {
            store
                .create_session(s.clone(), vec![], vec![])
                .await
                .unwrap();
            store.append(some_update(&s.id), None).await.unwrap();
        }
        faults.panic_compaction.store(true, Ordering::SeqCst);
        store.compact(&a.id).await.unwrap();
        store.flush().await.unwrap();
        assert_eq!(
            store.quarantine().damage(&a.id),
            Some(Damage::Panicked(Stage::Compaction))
        );
        // The thread is alive and serves the other session: read, write, compact.
        faults.panic_compaction.store(false, Ordering::SeqCst);
        assert!(store.session(&b.id).await.unwrap().is_some());
        store.append(some_update(&b.id), None).await.unwrap();
        store.compact(&b.id).await.unwrap();
        assert_eq!(store.load(&b.id).await.unwrap().len(), 1);
        assert_eq!(store.quarantine().damage(&b.id), None);
        assert_eq!(store.health(), Ok(()));
        // Creating sessions still works (was a 500 for good once the thread had died).
        store
            .create_session(record("session-c"), vec![], vec![])
            .await
            .unwrap();
    }

    #[tokio::test]
    async fn a_panicking_call_answers_an_error_and_the_next_call_works() {
        let dir = tempfile::tempdir().unwrap();
        let (backend, faults) = Faulty::open(dir.path());
        let (store, _thread) = worker::spawn(Box::new(backend));
        let a = record("session-a");
        store
            .create_session(a.clone(), vec![], vec![])
            .await
            .unwrap();
        *faults.panic_deleting.lock().unwrap() = Some(a.id.clone());
        assert!(matches!(
            store.delete_session(&a.id).await,
            Err(StorageError::Panicked(_))
        ));
        assert!(store.session(&a.id).await.unwrap().is_some());
    }

    #[tokio::test]
    async fn the_storage_figures_follow_commits_failures_and_drops() {
        let dir = tempfile::tempdir().unwrap();
        let (backend, faults) = Faulty::open(dir.path());
        let (store, _thread) = worker::spawn(Box::new(backend));
        let a = record("session-a");
        store
            .create_session(a.clone(), vec![], vec![])
            .await
            .unwrap();
        let figures = store.metrics().clone();
        // A commit refused for a reason other than an unreachable database: its
        // update is given up, not kept.
        faults.fail_appends.store(true, Ordering::SeqCst);
        store.append(some_update(&a.id), None).await.unwrap();
        store.flush().await.unwrap();
        assert_eq!(figures.commit_failures.get(), 1);
        assert_eq!(figures.updates_dropped.get(), 1);
        assert_eq!(figures.updates_stored.get(), 0);
        assert_eq!(figures.commit_latency.snapshot().count, 0);
        assert_eq!(figures.unsaved(), 0);
        faults.fail_appends.store(false, Ordering::SeqCst);
        store.append(some_update(&a.id), None).await.unwrap();
        store.append(some_update(&a.id), None).await.unwrap();
        store.flush().await.unwrap();
        assert_eq!(figures.updates_stored.get(), 2);
        let commits = figures.commit_latency.snapshot().count;
        assert!((1..=2).contains(&commits), "{commits} commits");
        assert_eq!(figures.unsaved(), 0);
        assert_eq!(
            figures.postgres_errors.get(),
            0,
            "SQLite's errors are not PostgreSQL's"
        );
    }

    #[tokio::test]
    async fn health_reports_a_failing_commit_until_one_succeeds() {
        let dir = tempfile::tempdir().unwrap();
        let (backend, faults) = Faulty::open(dir.path());
        let (store, _thread) = worker::spawn(Box::new(backend));
        let a = record("session-a");
        store
            .create_session(a.clone(), vec![], vec![])
            .await
            .unwrap();
        faults.fail_appends.store(true, Ordering::SeqCst);
        store.append(some_update(&a.id), None).await.unwrap();
        store.flush().await.unwrap();
        assert_eq!(store.health(), Err(Unhealthy::CommitFailing));
        faults.fail_appends.store(false, Ordering::SeqCst);
        store.append(some_update(&a.id), None).await.unwrap();
        store.flush().await.unwrap();
        assert_eq!(store.health(), Ok(()));
    }
}
