//! Changes to the schema after its first release, applied in order to stores of any
//! age. The base schema (`CREATE TABLE IF NOT EXISTS …` in `mod.rs`) is what every
//! store has; each migration here adds to it, and `PRAGMA user_version` counts those
//! applied. A migration runs inside an immediate transaction that first reads the
//! version again, so a server and an `ovaal export` opening an old store together
//! apply it once.

use rusqlite::{Connection, TransactionBehavior};

use crate::storage::StorageError;

/// Migration `n` (from 1) is `MIGRATIONS[n - 1]`.
const MIGRATIONS: &[&str] = &[
    // 1: the attendance record, and the session's time zone for reading it.
    "
    ALTER TABLE sessions ADD COLUMN time_zone TEXT;
    CREATE TABLE IF NOT EXISTS attendance (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id      TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        participant_id  TEXT NOT NULL,
        role            TEXT NOT NULL,
        joined_ms       INTEGER NOT NULL,
        left_ms         INTEGER
    );
    CREATE INDEX IF NOT EXISTS attendance_by_person
        ON attendance (session_id, participant_id, role, id);
    ",
];

/// Brings the store up to the newest schema.
pub fn migrate(conn: &mut Connection) -> Result<(), StorageError> {
    for (index, sql) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        let txn = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current: i64 = txn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current >= version {
            continue;
        }
        txn.execute_batch(sql)?;
        txn.pragma_update(None, "user_version", version)?;
        txn.commit()?;
        tracing::info!(version, "store schema migrated");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store as the first release made it: the base tables only.
    const FIRST_RELEASE: &str = "
        CREATE TABLE sessions (id TEXT PRIMARY KEY, title TEXT NOT NULL, method TEXT NOT NULL,
            created_ms INTEGER NOT NULL, ended_ms INTEGER, previous_id TEXT);
        INSERT INTO sessions (id, title, method, created_ms) VALUES ('old', 'Oud', 'free', 5);
    ";

    #[test]
    fn an_existing_store_gains_the_new_table_and_keeps_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ovaal.db");
        Connection::open(&path)
            .unwrap()
            .execute_batch(FIRST_RELEASE)
            .unwrap();
        for _ in 0..2 {
            // Twice: the second opening finds nothing to do.
            let mut conn = Connection::open(&path).unwrap();
            migrate(&mut conn).unwrap();
            let version: i64 = conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(version, MIGRATIONS.len() as i64);
            let (title, zone): (String, Option<String>) = conn
                .query_row("SELECT title, time_zone FROM sessions", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .unwrap();
            assert_eq!((title.as_str(), zone), ("Oud", None));
            let visits: i64 = conn
                .query_row("SELECT COUNT(*) FROM attendance", [], |r| r.get(0))
                .unwrap();
            assert_eq!(visits, 0);
        }
    }
}
