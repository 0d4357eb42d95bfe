//! The embedded store: one SQLite file (`ovaal.db`) in the data directory, created on
//! first run. WAL mode with `synchronous=FULL`: a transaction is on the disk (the WAL
//! fsynced) when its commit returns, so it survives a power cut as well as a crash.

use std::path::Path;

use rusqlite::{Connection, params};

use super::{
    AppendUpdate, AttendanceEvent, KeyCheck, LinkRecord, NewLink, SessionRecord, Storage,
    StorageError, StoredDoc, Visit, compact,
};

mod access;
mod attendance;
pub mod backup;
mod dump;
mod migrate;
use ovaal_shared::{DocName, ParticipantId, SessionId};

pub const DB_FILE: &str = "ovaal.db";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS sessions (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    method      TEXT NOT NULL,
    created_ms  INTEGER NOT NULL,
    ended_ms    INTEGER,
    previous_id TEXT
);
CREATE TABLE IF NOT EXISTS tokens (
    hash        BLOB PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    role        TEXT NOT NULL,
    link_id     TEXT NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    created_ms  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS tokens_by_session ON tokens (session_id, link_id);
CREATE TABLE IF NOT EXISTS participants (
    session_id      TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    participant_id  TEXT NOT NULL,
    key_hash        BLOB NOT NULL,
    removed         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, participant_id)
);
CREATE TABLE IF NOT EXISTS snapshots (
    session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    doc         TEXT NOT NULL,
    data        BLOB NOT NULL,
    PRIMARY KEY (session_id, doc)
);
CREATE TABLE IF NOT EXISTS updates (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    doc         TEXT NOT NULL,
    data        BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_by_doc ON updates (session_id, doc, seq);
";

/// SQLite's page cache, in KiB (a negative `cache_size` counts KiB, a positive one
/// pages): docs/benchmarks.md measures what it costs per idle connection.
const CACHE_KIB: i64 = -256;

pub struct SqliteStorage {
    conn: Connection,
}

impl SqliteStorage {
    /// Opens (or creates) the store in `data_dir`.
    pub fn open(data_dir: &Path) -> Result<Self, StorageError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StorageError::DataDir {
            path: data_dir.display().to_string(),
            source,
        })?;
        let conn = Connection::open(data_dir.join(DB_FILE))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL in WAL mode: every commit fsyncs the WAL before it returns, so what the
        // server acknowledges (`Stored`) is on the disk, not only in the kernel's cache.
        // The storage thread commits appends in groups, so this is one fsync per group,
        // not per update (docs/storage.md, "The guarantee").
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Deleted rows are overwritten, not just unlinked: a deleted session's card
        // text must not linger in free pages of the file.
        conn.pragma_update(None, "secure_delete", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // The page cache stays this size for good once filled (SQLite's default is
        // 2 MiB). The store mostly appends, and a room reads its session once when it
        // loads; what the cache misses the kernel's page cache holds.
        conn.pragma_update(None, "cache_size", CACHE_KIB)?;
        conn.execute_batch(SCHEMA)?;
        let mut conn = conn;
        migrate::migrate(&mut conn)?;
        Ok(Self { conn })
    }
}

fn parse_doc(name: String) -> Result<DocName, StorageError> {
    name.parse()
        .map_err(|e| StorageError::Corrupt(format!("document name {name:?}: {e}")))
}

impl Storage for SqliteStorage {
    fn create_session(
        &mut self,
        session: &SessionRecord,
        links: &[NewLink],
        initial_updates: &[(DocName, Vec<u8>)],
    ) -> Result<(), StorageError> {
        access::create_session(&mut self.conn, session, links, initial_updates)
    }

    fn session(&mut self, id: &SessionId) -> Result<Option<SessionRecord>, StorageError> {
        access::session(&self.conn, id)
    }

    fn link_for_token(
        &mut self,
        token_hash: &[u8; 32],
    ) -> Result<Option<(SessionId, LinkRecord)>, StorageError> {
        access::link_for_token(&self.conn, token_hash)
    }

    fn links(&mut self, id: &SessionId) -> Result<Vec<LinkRecord>, StorageError> {
        access::links(&self.conn, id)
    }

    fn add_link(&mut self, id: &SessionId, link: &NewLink) -> Result<(), StorageError> {
        access::add_link(&self.conn, id, link)
    }

    fn revoke_link(&mut self, id: &SessionId, link_id: &str) -> Result<bool, StorageError> {
        access::revoke_link(&self.conn, id, link_id)
    }

    fn end_session(&mut self, id: &SessionId, now_ms: i64) -> Result<bool, StorageError> {
        access::end_session(&self.conn, id, now_ms)
    }

    fn delete_session(&mut self, id: &SessionId) -> Result<bool, StorageError> {
        access::delete_session(&mut self.conn, id)
    }

    fn ended_before(&mut self, before_ms: i64) -> Result<Vec<SessionId>, StorageError> {
        access::ended_before(&self.conn, before_ms)
    }

    fn set_previous(&mut self, id: &SessionId, previous: &SessionId) -> Result<(), StorageError> {
        access::set_previous(&self.conn, id, previous)
    }

    fn arc(&mut self, id: &SessionId) -> Result<Vec<SessionRecord>, StorageError> {
        access::arc(&self.conn, id)
    }

    fn check_participant_key(
        &mut self,
        id: &SessionId,
        participant: &ParticipantId,
        key_hash: &[u8; 32],
    ) -> Result<KeyCheck, StorageError> {
        access::check_participant_key(&self.conn, id, participant, key_hash)
    }

    fn remove_participant(
        &mut self,
        id: &SessionId,
        participant: &ParticipantId,
    ) -> Result<bool, StorageError> {
        access::remove_participant(&self.conn, id, participant)
    }

    fn append(&mut self, updates: &[AppendUpdate]) -> Result<(), StorageError> {
        let txn = self.conn.transaction()?;
        {
            let mut insert = txn.prepare_cached(
                "INSERT INTO updates (session_id, doc, data) VALUES (?1, ?2, ?3)",
            )?;
            for u in updates {
                insert.execute(params![u.session.as_str(), u.doc.to_string(), u.update])?;
            }
        }
        txn.commit()?;
        Ok(())
    }

    fn load(&mut self, id: &SessionId) -> Result<Vec<(DocName, StoredDoc)>, StorageError> {
        let mut docs: std::collections::BTreeMap<DocName, StoredDoc> = Default::default();
        let mut snaps = self
            .conn
            .prepare_cached("SELECT doc, data FROM snapshots WHERE session_id = ?1")?;
        let rows = snaps.query_map(params![id.as_str()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
        })?;
        for row in rows {
            let (doc, data) = row?;
            docs.entry(parse_doc(doc)?).or_default().snapshot = Some(data);
        }
        let mut ups = self
            .conn
            .prepare_cached("SELECT doc, data FROM updates WHERE session_id = ?1 ORDER BY seq")?;
        let rows = ups.query_map(params![id.as_str()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
        })?;
        for row in rows {
            let (doc, data) = row?;
            docs.entry(parse_doc(doc)?).or_default().updates.push(data);
        }
        Ok(docs.into_iter().collect())
    }

    fn compact(&mut self, id: &SessionId) -> Result<(), StorageError> {
        let txn = self.conn.transaction()?;
        let max_seq: Option<i64> = txn.query_row(
            "SELECT MAX(seq) FROM updates WHERE session_id = ?1",
            params![id.as_str()],
            |r| r.get(0),
        )?;
        let Some(max_seq) = max_seq else {
            return Ok(()); // nothing appended since the last compaction
        };
        drop(txn);
        for (doc, stored) in self.load(id)? {
            let snapshot = compact::snapshot(&stored)?;
            let txn = self.conn.transaction()?;
            txn.execute(
                "INSERT INTO snapshots (session_id, doc, data) VALUES (?1, ?2, ?3)
                 ON CONFLICT (session_id, doc) DO UPDATE SET data = excluded.data",
                params![id.as_str(), doc.to_string(), snapshot],
            )?;
            txn.execute(
                "DELETE FROM updates WHERE session_id = ?1 AND doc = ?2 AND seq <= ?3",
                params![id.as_str(), doc.to_string(), max_seq],
            )?;
            txn.commit()?;
        }
        // The rows just replaced were overwritten in the database file
        // (`secure_delete`); their copies in the write-ahead log go with it.
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    fn record_attendance(&mut self, event: &AttendanceEvent) -> Result<(), StorageError> {
        attendance::record(&self.conn, event)
    }

    fn attendance(&mut self, id: &SessionId) -> Result<Vec<Visit>, StorageError> {
        attendance::visits(&self.conn, id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A commit is fsynced before it returns (WAL + `synchronous=FULL`, value 2), so an
    /// acknowledgement sent after it means the data is on the disk.
    #[test]
    fn commits_are_fsynced_before_they_return() {
        let dir = tempfile::tempdir().unwrap();
        let store = SqliteStorage::open(dir.path()).unwrap();
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        let synchronous: i64 = store
            .conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(synchronous, 2, "synchronous=FULL");
    }

    /// The scenarios every backend passes (`storage::contract`), each on a new store.
    #[test]
    fn the_storage_contract_holds() {
        let dirs: std::cell::RefCell<Vec<tempfile::TempDir>> = Default::default();
        crate::storage::contract::run_all(|| {
            let dir = tempfile::tempdir().unwrap();
            let store = SqliteStorage::open(dir.path()).unwrap();
            dirs.borrow_mut().push(dir);
            Box::new(store)
        });
    }
}
