//! PostgreSQL, for deployments where several nodes serve the same sessions
//! (`--database-url`). The same [`Storage`] contract as the embedded SQLite store;
//! `docs/storage.md` has the schema and what each failure does.
//!
//! ## Why the `postgres` crate
//! The storage worker is one synchronous thread that owns its backend and runs one
//! job at a time (group commit, acknowledgements after commit, the panic guard). The
//! synchronous `postgres` crate — a thin blocking wrapper over `tokio-postgres` that
//! drives it on a small runtime of its own — fits that thread as it is: no pool, no
//! async trait, no second place where jobs are ordered. One connection is enough for
//! one thread that runs one transaction at a time. Built without default features
//! and without a TLS library (`connect.rs` says what that means for `sslmode`).
//! `sqlx` would bring macros and its own pool; `diesel` an ORM; neither helps here.
//!
//! ## Layout
//! - [`connect`]: the URL, TLS support, opening a connection.
//! - [`migrate`]: numbered migrations under an advisory lock.
//! - [`locks`]: cluster-wide locks (advisory locks) for compaction and retention.
//! - `access`: sessions, links, participant keys.
//! - `history`: appended updates with their positions, snapshots, compaction.
//! - `attendance`: visits.
//! - [`restore`]: writing whole sessions copied from another store (`ovaal copy`).

use postgres::Client;

use super::{
    AppendUpdate, AttendanceEvent, KeyCheck, LinkRecord, Missed, NewLink, SessionRecord, Storage,
    StorageError, StoredDoc, Visit,
};
use ovaal_shared::{DocName, ParticipantId, SessionId};

mod access;
mod attendance;
pub mod connect;
mod history;
pub mod locks;
pub mod migrate;
pub mod restore;

pub use connect::DatabaseUrl;

/// One connection, opened again when the database went away: a call while it is
/// unreachable fails (and a failed commit shows in `/healthz`), the next call after
/// it is back reconnects.
pub struct PostgresStorage {
    url: DatabaseUrl,
    client: Option<Client>,
}

impl PostgresStorage {
    /// Connects and brings the schema up to date. Blocks (see [`connect::open`]).
    pub fn open(url: &DatabaseUrl) -> Result<Self, StorageError> {
        let mut client = connect::open(url)?;
        migrate::migrate(&mut client)?;
        Ok(Self {
            url: url.clone(),
            client: Some(client),
        })
    }

    /// The open connection, or a new one if the last one closed.
    fn conn(&mut self) -> Result<&mut Client, StorageError> {
        let client = match self.client.take() {
            Some(client) if !client.is_closed() => client,
            stale => {
                drop(stale);
                let client = connect::open(&self.url)?;
                tracing::info!(database = %self.url.describe(), "connected to the database again");
                client
            }
        };
        Ok(self.client.insert(client))
    }
}

impl Storage for PostgresStorage {
    fn create_session(
        &mut self,
        session: &SessionRecord,
        links: &[NewLink],
        initial_updates: &[(DocName, Vec<u8>)],
    ) -> Result<(), StorageError> {
        access::create_session(self.conn()?, session, links, initial_updates)
    }

    fn session(&mut self, id: &SessionId) -> Result<Option<SessionRecord>, StorageError> {
        access::session(self.conn()?, id)
    }

    fn link_for_token(
        &mut self,
        token_hash: &[u8; 32],
    ) -> Result<Option<(SessionId, LinkRecord)>, StorageError> {
        access::link_for_token(self.conn()?, token_hash)
    }

    fn links(&mut self, id: &SessionId) -> Result<Vec<LinkRecord>, StorageError> {
        access::links(self.conn()?, id)
    }

    fn add_link(&mut self, id: &SessionId, link: &NewLink) -> Result<(), StorageError> {
        access::add_link(self.conn()?, id, link)
    }

    fn revoke_link(&mut self, id: &SessionId, link_id: &str) -> Result<bool, StorageError> {
        access::revoke_link(self.conn()?, id, link_id)
    }

    fn check_participant_key(
        &mut self,
        id: &SessionId,
        participant: &ParticipantId,
        key_hash: &[u8; 32],
    ) -> Result<KeyCheck, StorageError> {
        access::check_participant_key(self.conn()?, id, participant, key_hash)
    }

    fn remove_participant(
        &mut self,
        id: &SessionId,
        participant: &ParticipantId,
    ) -> Result<bool, StorageError> {
        access::remove_participant(self.conn()?, id, participant)
    }

    fn end_session(&mut self, id: &SessionId, now_ms: i64) -> Result<bool, StorageError> {
        access::end_session(self.conn()?, id, now_ms)
    }

    fn delete_session(&mut self, id: &SessionId) -> Result<bool, StorageError> {
        access::delete_session(self.conn()?, id)
    }

    fn ended_before(&mut self, before_ms: i64) -> Result<Vec<SessionId>, StorageError> {
        access::ended_before(self.conn()?, before_ms)
    }

    fn set_previous(&mut self, id: &SessionId, previous: &SessionId) -> Result<(), StorageError> {
        access::set_previous(self.conn()?, id, previous)
    }

    fn arc(&mut self, id: &SessionId) -> Result<Vec<SessionRecord>, StorageError> {
        access::arc(self.conn()?, id)
    }

    fn append(&mut self, updates: &[AppendUpdate]) -> Result<(), StorageError> {
        history::append(self.conn()?, updates).map(drop)
    }

    fn append_numbered(
        &mut self,
        updates: &[AppendUpdate],
    ) -> Result<Vec<Option<u64>>, StorageError> {
        history::append(self.conn()?, updates)
    }

    fn load(&mut self, id: &SessionId) -> Result<Vec<(DocName, StoredDoc)>, StorageError> {
        history::load(self.conn()?, id).map(|(docs, _)| docs)
    }

    fn load_numbered(
        &mut self,
        id: &SessionId,
    ) -> Result<(Vec<(DocName, StoredDoc)>, u64), StorageError> {
        history::load(self.conn()?, id)
    }

    fn missed_since(&mut self, id: &SessionId, after: u64) -> Result<Missed, StorageError> {
        history::missed_since(self.conn()?, id, after)
    }

    fn latest_positions(
        &mut self,
        ids: &[SessionId],
    ) -> Result<Vec<(SessionId, u64)>, StorageError> {
        history::latest_positions(self.conn()?, ids)
    }

    fn compact(&mut self, id: &SessionId) -> Result<(), StorageError> {
        let conn = self.conn()?;
        // Two nodes unloading the same session at once would each fold and delete:
        // one at a time, and the one that finds the lock taken leaves it to the other.
        let name = locks::compaction(id);
        if !locks::try_take(conn, &name)? {
            tracing::debug!(session = %id, "another node is compacting this session");
            return Ok(());
        }
        let compacted = history::compact(conn, id);
        let released = locks::release(conn, &name);
        compacted.and(released)
    }

    fn try_exclusive(&mut self, name: &str) -> Result<bool, StorageError> {
        locks::try_take(self.conn()?, name)
    }

    fn release_exclusive(&mut self, name: &str) -> Result<(), StorageError> {
        locks::release(self.conn()?, name)
    }

    fn record_attendance(&mut self, event: &AttendanceEvent) -> Result<(), StorageError> {
        attendance::record(self.conn()?, event)
    }

    fn attendance(&mut self, id: &SessionId) -> Result<Vec<Visit>, StorageError> {
        attendance::visits(self.conn()?, id)
    }
}
