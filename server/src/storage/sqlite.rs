//! The embedded store: one SQLite file (`ovaal.db`) in the data directory, created on
//! first run. WAL mode: a committed transaction survives the process being killed.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};

use super::{AppendUpdate, KeyCheck, SessionRecord, Storage, StorageError, StoredDoc, compact};
use ovaal_shared::{DocName, ParticipantId, Role, SessionId};

pub const DB_FILE: &str = "ovaal.db";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS sessions (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    method      TEXT NOT NULL,
    created_ms  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
    hash        BLOB PRIMARY KEY,
    session_id  TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    role        TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS participants (
    session_id      TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    participant_id  TEXT NOT NULL,
    key_hash        BLOB NOT NULL,
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
        // NORMAL in WAL mode: a commit survives a process crash (kill -9); only a power
        // loss may drop the last commits.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
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
        tokens: &[(Role, [u8; 32])],
        initial_updates: &[(DocName, Vec<u8>)],
    ) -> Result<(), StorageError> {
        let txn = self.conn.transaction()?;
        txn.execute(
            "INSERT INTO sessions (id, title, method, created_ms) VALUES (?1, ?2, ?3, ?4)",
            params![
                session.id.as_str(),
                session.title,
                session.method.as_str(),
                session.created_ms
            ],
        )?;
        for (role, hash) in tokens {
            txn.execute(
                "INSERT INTO tokens (hash, session_id, role) VALUES (?1, ?2, ?3)",
                params![&hash[..], session.id.as_str(), role.as_str()],
            )?;
        }
        for (doc, update) in initial_updates {
            txn.execute(
                "INSERT INTO updates (session_id, doc, data) VALUES (?1, ?2, ?3)",
                params![session.id.as_str(), doc.to_string(), update],
            )?;
        }
        txn.commit()?;
        Ok(())
    }

    fn session(&mut self, id: &SessionId) -> Result<Option<SessionRecord>, StorageError> {
        let row = self
            .conn
            .query_row(
                "SELECT title, method, created_ms FROM sessions WHERE id = ?1",
                params![id.as_str()],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?)),
            )
            .optional()?;
        row.map(|(title, method, created_ms)| {
            Ok(SessionRecord {
                id: id.clone(),
                title,
                method: method
                    .parse()
                    .map_err(|e| StorageError::Corrupt(format!("session method: {e}")))?,
                created_ms,
            })
        })
        .transpose()
    }

    fn session_for_token(
        &mut self,
        token_hash: &[u8; 32],
    ) -> Result<Option<(SessionId, Role)>, StorageError> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT session_id, role FROM tokens WHERE hash = ?1",
                params![&token_hash[..]],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(id, role)| {
            let id = id
                .parse()
                .map_err(|e| StorageError::Corrupt(format!("token session: {e}")))?;
            let role = role
                .parse()
                .map_err(|e| StorageError::Corrupt(format!("token role: {e}")))?;
            Ok((id, role))
        })
        .transpose()
    }

    fn role_for_token(
        &mut self,
        id: &SessionId,
        token_hash: &[u8; 32],
    ) -> Result<Option<Role>, StorageError> {
        let role: Option<String> = self
            .conn
            .query_row(
                "SELECT role FROM tokens WHERE hash = ?1 AND session_id = ?2",
                params![&token_hash[..], id.as_str()],
                |r| r.get(0),
            )
            .optional()?;
        role.map(|r| {
            r.parse()
                .map_err(|e| StorageError::Corrupt(format!("token role: {e}")))
        })
        .transpose()
    }

    fn check_participant_key(
        &mut self,
        id: &SessionId,
        participant: &ParticipantId,
        key_hash: &[u8; 32],
    ) -> Result<KeyCheck, StorageError> {
        let inserted = self.conn.execute(
            "INSERT OR IGNORE INTO participants (session_id, participant_id, key_hash)
             VALUES (?1, ?2, ?3)",
            params![id.as_str(), participant.as_str(), &key_hash[..]],
        )?;
        if inserted == 1 {
            return Ok(KeyCheck::Bound);
        }
        let stored: Vec<u8> = self.conn.query_row(
            "SELECT key_hash FROM participants WHERE session_id = ?1 AND participant_id = ?2",
            params![id.as_str(), participant.as_str()],
            |r| r.get(0),
        )?;
        Ok(if stored == key_hash {
            KeyCheck::Matches
        } else {
            KeyCheck::Mismatch
        })
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
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ovaal_shared::board::Method;

    fn session() -> SessionRecord {
        SessionRecord {
            id: "session-1".parse().unwrap(),
            title: "Intervisie".into(),
            method: Method::Incident,
            created_ms: 1,
        }
    }

    #[test]
    fn sessions_tokens_and_keys() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = SqliteStorage::open(dir.path()).unwrap();
        let s = session();
        store
            .create_session(&s, &[(Role::Observer, [1; 32])], &[])
            .unwrap();
        assert_eq!(store.session(&s.id).unwrap().unwrap().title, "Intervisie");
        assert_eq!(
            store.role_for_token(&s.id, &[1; 32]).unwrap(),
            Some(Role::Observer)
        );
        assert_eq!(store.role_for_token(&s.id, &[2; 32]).unwrap(), None);
        let p: ParticipantId = "person-01".parse().unwrap();
        assert_eq!(
            store.check_participant_key(&s.id, &p, &[5; 32]).unwrap(),
            KeyCheck::Bound
        );
        assert_eq!(
            store.check_participant_key(&s.id, &p, &[5; 32]).unwrap(),
            KeyCheck::Matches
        );
        assert_eq!(
            store.check_participant_key(&s.id, &p, &[6; 32]).unwrap(),
            KeyCheck::Mismatch
        );
    }

    #[test]
    fn compaction_keeps_the_document_and_later_appends() {
        use yrs::{Doc, Map, ReadTxn, Transact};
        let dir = tempfile::tempdir().unwrap();
        let mut store = SqliteStorage::open(dir.path()).unwrap();
        let s = session();
        store.create_session(&s, &[], &[]).unwrap();
        let doc = Doc::new();
        let map = doc.get_or_insert_map("m");
        let mut append = |key: &str| {
            let before = doc.transact().state_vector();
            map.insert(&mut doc.transact_mut(), key, 1);
            let update = doc.transact().encode_state_as_update_v1(&before);
            store
                .append(&[AppendUpdate {
                    session: s.id.clone(),
                    doc: DocName::Control,
                    update,
                }])
                .unwrap();
        };
        append("a");
        append("b");
        store.compact(&s.id).unwrap();
        let loaded = store.load(&s.id).unwrap();
        assert_eq!(loaded.len(), 1);
        assert!(loaded[0].1.snapshot.is_some());
        assert!(loaded[0].1.updates.is_empty());
        let restored = compact::restore(&loaded[0].1).unwrap();
        let keys: Vec<String> = restored
            .get_or_insert_map("m")
            .keys(&restored.transact())
            .map(String::from)
            .collect();
        assert_eq!(keys.len(), 2);
        let sv = restored.transact().state_vector();
        assert_eq!(sv, doc.transact().state_vector());
    }
}
