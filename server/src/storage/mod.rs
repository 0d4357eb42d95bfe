//! Durable storage behind a small trait, so the embedded SQLite store used by default
//! can be swapped for a networked one in multi-node deployments.
//!
//! - [`Storage`]: the synchronous trait a backend implements.
//! - [`sqlite`]: the embedded default (one file under the data directory).
//! - [`postgres`]: PostgreSQL, for several nodes (`--database-url`).
//! - [`dump`], [`copy`]: whole sessions moved from SQLite to PostgreSQL (`ovaal copy`).
//! - [`contract`]: the behaviour every backend shares, as tests run against each.
//! - [`worker`]: a dedicated thread owning the backend; [`StoreHandle`] is its async
//!   front used by the rest of the server. Appends that arrive while a write is in
//!   progress are committed together in one transaction (group commit).
//! - [`attendance`]: who was present when: visits as a room reports them.
//! - [`compact`]: folds a document's appended updates into one snapshot.
//! - `pending`: appends kept while the database is unreachable, tried again first.
//! - [`guard`]: runs one job so that a panic fails that job only.
//! - [`quarantine`]: the sessions whose data failed; the others carry on.
//! - [`health`]: whether the worker can store (for `/healthz`).

pub mod attendance;
pub mod compact;
#[cfg(any(test, feature = "contract"))]
pub mod contract;
pub mod copy;
pub mod dump;
#[cfg(test)]
pub mod faulty;
pub mod guard;
pub mod health;
mod pending;
pub mod postgres;
pub mod quarantine;
pub mod sqlite;
pub mod worker;

use ovaal_shared::board::Method;
use ovaal_shared::{DocName, ParticipantId, Role, SessionId};

use crate::time_zone::TimeZone;
pub use attendance::{AttendanceEvent, Visit};
pub use worker::StoreHandle;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    /// PostgreSQL answered with an error, or could not be reached.
    #[error("database error: {0}")]
    Postgres(#[from] ::postgres::Error),
    #[error(transparent)]
    Schema(#[from] postgres::migrate::SchemaError),
    #[error(transparent)]
    Url(#[from] postgres::connect::UrlError),
    #[error("could not create the data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    #[error("the storage worker has stopped")]
    WorkerGone,
    /// Positions of stored updates are kept by PostgreSQL only; a node asked for
    /// them on another store is misconfigured (`--redis-url` needs `--database-url`).
    #[error("this store does not number its updates (only PostgreSQL does)")]
    Unnumbered,
    /// A job panicked (inside `yrs`, most likely); the storage thread carries on.
    #[error("a storage job panicked: {0}")]
    Panicked(String),
}

impl StorageError {
    /// Whether the database could not be reached (as opposed to refusing what was
    /// asked): worth trying the same work again once it is back.
    pub fn is_unreachable(&self) -> bool {
        match self {
            // No error from the server itself: the connection failed or closed. Class
            // 08 is "connection exception"; 57P01–57P03 are a server shutting down or
            // starting up.
            StorageError::Postgres(e) => match e.as_db_error() {
                None => true,
                Some(db) => {
                    let code = db.code().code();
                    code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03")
                }
            },
            _ => false,
        }
    }
}

/// A session as stored: its settings and the hashes of its link tokens.
#[derive(Debug, Clone)]
pub struct SessionRecord {
    pub id: SessionId,
    pub title: String,
    pub method: Method,
    pub created_ms: i64,
    /// When the facilitator ended it (read-only from then on).
    pub ended_ms: Option<i64>,
    /// Where the group sits, for times people read; `None` when the browser did not
    /// say (`crate::export::zone_for` picks then).
    pub time_zone: Option<TimeZone>,
}

/// One appended update, in arrival order.
#[derive(Debug, Clone)]
pub struct AppendUpdate {
    pub session: SessionId,
    pub doc: DocName,
    pub update: Vec<u8>,
}

/// An update as committed, with its position among the session's stored updates
/// (1, 2, 3, … without gaps; PostgreSQL only). What a node publishes to the others.
#[derive(Debug, Clone)]
pub struct Committed {
    pub session: SessionId,
    pub position: u64,
    pub doc: DocName,
    pub update: Vec<u8>,
}

/// What a node missed of a session after a position it had: the snapshots folded
/// past that position by a compaction meanwhile, and the updates after it.
#[derive(Debug, Clone, Default)]
pub struct Missed {
    pub snapshots: Vec<(DocName, Vec<u8>)>,
    /// In position order.
    pub updates: Vec<(u64, DocName, Vec<u8>)>,
    /// The highest position this read covers (the session's latest when it was read).
    pub through: u64,
    /// The session no longer exists (deleted meanwhile).
    pub gone: bool,
}

/// Everything stored for one document: an optional snapshot plus the updates appended
/// after it. Applying them in order gives the document.
#[derive(Debug, Clone, Default)]
pub struct StoredDoc {
    pub snapshot: Option<Vec<u8>>,
    pub updates: Vec<Vec<u8>>,
}

/// Result of presenting a participant key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyCheck {
    /// First use: the key is now bound to the participant id.
    Bound,
    /// The same key as before.
    Matches,
    /// Someone else holds this participant id.
    Mismatch,
    /// The facilitator removed this participant from the session.
    Removed,
}

/// A capability link (or join code) as stored: never the token, only its hash.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LinkRecord {
    /// Public id of the link, used to list and revoke it.
    pub id: String,
    pub role: Role,
    /// What the facilitator called it ("second facilitator", "sponsor Anna", …).
    pub label: String,
    pub created_ms: i64,
}

/// A link to store: its record and the hash of its token.
#[derive(Debug, Clone)]
pub struct NewLink {
    pub record: LinkRecord,
    pub token_hash: [u8; 32],
}

/// A storage backend. Calls are made from one dedicated thread, in order.
pub trait Storage: Send {
    /// Creates a session with its links and the initial control document.
    fn create_session(
        &mut self,
        session: &SessionRecord,
        links: &[NewLink],
        initial_updates: &[(DocName, Vec<u8>)],
    ) -> Result<(), StorageError>;

    fn session(&mut self, id: &SessionId) -> Result<Option<SessionRecord>, StorageError>;

    /// The link a token hash belongs to, in any session (join codes are typed without
    /// a session id).
    fn link_for_token(
        &mut self,
        token_hash: &[u8; 32],
    ) -> Result<Option<(SessionId, LinkRecord)>, StorageError>;

    /// The session's working links.
    fn links(&mut self, id: &SessionId) -> Result<Vec<LinkRecord>, StorageError>;

    fn add_link(&mut self, id: &SessionId, link: &NewLink) -> Result<(), StorageError>;

    /// Makes a link stop working; `false` if there was no such link.
    fn revoke_link(&mut self, id: &SessionId, link_id: &str) -> Result<bool, StorageError>;

    /// Binds a participant id to a key hash on first use, then checks it.
    fn check_participant_key(
        &mut self,
        id: &SessionId,
        participant: &ParticipantId,
        key_hash: &[u8; 32],
    ) -> Result<KeyCheck, StorageError>;

    /// Bars a participant id from the session; `false` if it never joined.
    fn remove_participant(
        &mut self,
        id: &SessionId,
        participant: &ParticipantId,
    ) -> Result<bool, StorageError>;

    /// Marks a session ended (read-only); `false` if it does not exist. Ending twice
    /// keeps the first time.
    fn end_session(&mut self, id: &SessionId, now_ms: i64) -> Result<bool, StorageError>;

    /// Deletes a session and everything of it, so that none of its content remains in
    /// the store's files; `false` if it does not exist.
    fn delete_session(&mut self, id: &SessionId) -> Result<bool, StorageError>;

    /// Sessions ended before `before_ms` (for retention).
    fn ended_before(&mut self, before_ms: i64) -> Result<Vec<SessionId>, StorageError>;

    /// Records that `id` continues the arc of `previous`.
    fn set_previous(&mut self, id: &SessionId, previous: &SessionId) -> Result<(), StorageError>;

    /// The sessions of the arc ending in `id`, oldest first.
    fn arc(&mut self, id: &SessionId) -> Result<Vec<SessionRecord>, StorageError>;

    /// Appends updates, all in one transaction.
    fn append(&mut self, updates: &[AppendUpdate]) -> Result<(), StorageError>;

    /// Everything stored for a session's documents.
    fn load(&mut self, id: &SessionId) -> Result<Vec<(DocName, StoredDoc)>, StorageError>;

    /// Like [`Storage::append`], and the position each update got (`None` for an
    /// update that was not stored, or a store that does not number them).
    fn append_numbered(
        &mut self,
        updates: &[AppendUpdate],
    ) -> Result<Vec<Option<u64>>, StorageError> {
        self.append(updates)?;
        Ok(vec![None; updates.len()])
    }

    /// Like [`Storage::load`], and the position of the last update it includes (0
    /// for a store that does not number them).
    fn load_numbered(
        &mut self,
        id: &SessionId,
    ) -> Result<(Vec<(DocName, StoredDoc)>, u64), StorageError> {
        Ok((self.load(id)?, 0))
    }

    /// What was stored for a session after position `after` (for a node that saw a
    /// gap in the fan-out, or lost it for a while).
    fn missed_since(&mut self, _id: &SessionId, _after: u64) -> Result<Missed, StorageError> {
        Err(StorageError::Unnumbered)
    }

    /// The latest stored position of each of these sessions that exists (a check
    /// that no news was lost without a trace).
    fn latest_positions(
        &mut self,
        _ids: &[SessionId],
    ) -> Result<Vec<(SessionId, u64)>, StorageError> {
        Err(StorageError::Unnumbered)
    }

    /// Takes the cluster-wide lock named `name` if nobody holds it (a store serving
    /// one node only has nobody to share with: always `true`).
    fn try_exclusive(&mut self, _name: &str) -> Result<bool, StorageError> {
        Ok(true)
    }

    /// Gives back a lock taken with [`Storage::try_exclusive`].
    fn release_exclusive(&mut self, _name: &str) -> Result<(), StorageError> {
        Ok(())
    }

    /// Replaces a session's snapshots and updates by one snapshot per document.
    fn compact(&mut self, id: &SessionId) -> Result<(), StorageError>;

    /// Records a join or a leave; a join soon after the same person's leave continues
    /// that visit (see [`attendance`]). Nothing happens for a session that is gone.
    fn record_attendance(&mut self, event: &AttendanceEvent) -> Result<(), StorageError>;

    /// A session's visits, in the order they began.
    fn attendance(&mut self, id: &SessionId) -> Result<Vec<Visit>, StorageError>;
}
