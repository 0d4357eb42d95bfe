//! Reading whole sessions out of the SQLite store, for `ovaal copy`.

use rusqlite::params;

use super::{SqliteStorage, access, attendance, parse_doc};
use crate::storage::dump::{ParticipantKey, SessionDump, hash32};
use crate::storage::{LinkRecord, NewLink, StorageError};
use ovaal_shared::{Role, SessionId};

fn corrupt(what: &str, e: impl std::fmt::Display) -> StorageError {
    StorageError::Corrupt(format!("{what}: {e}"))
}

impl SqliteStorage {
    /// Every session id, oldest first.
    pub fn session_ids(&mut self) -> Result<Vec<SessionId>, StorageError> {
        let mut statement = self
            .conn
            .prepare("SELECT id FROM sessions ORDER BY created_ms, id")?;
        let rows = statement.query_map([], |r| r.get::<_, String>(0))?;
        rows.map(|row| row?.parse().map_err(|e| corrupt("session id", e)))
            .collect()
    }

    /// Everything stored for one session; `None` if it does not exist.
    pub fn dump(&mut self, id: &SessionId) -> Result<Option<SessionDump>, StorageError> {
        let Some(record) = access::session(&self.conn, id)? else {
            return Ok(None);
        };
        let sid = id.as_str();
        let previous: Option<String> = self.conn.query_row(
            "SELECT previous_id FROM sessions WHERE id = ?1",
            params![sid],
            |r| r.get(0),
        )?;
        let previous = previous
            .map(|p| p.parse().map_err(|e| corrupt("previous session", e)))
            .transpose()?;

        let mut statement = self.conn.prepare(
            "SELECT hash, role, link_id, label, created_ms FROM tokens
             WHERE session_id = ?1 ORDER BY created_ms, link_id",
        )?;
        let rows = statement.query_map(params![sid], |r| {
            Ok((
                r.get::<_, Vec<u8>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
            ))
        })?;
        let mut links = Vec::new();
        for row in rows {
            let (hash, role, link_id, label, created_ms) = row?;
            links.push(NewLink {
                record: LinkRecord {
                    id: link_id,
                    role: role.parse::<Role>().map_err(|e| corrupt("link role", e))?,
                    label,
                    created_ms,
                },
                token_hash: hash32("token hash", &hash)?,
            });
        }

        let mut statement = self.conn.prepare(
            "SELECT participant_id, key_hash, removed FROM participants
             WHERE session_id = ?1 ORDER BY participant_id",
        )?;
        let rows = statement.query_map(params![sid], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Vec<u8>>(1)?,
                r.get::<_, bool>(2)?,
            ))
        })?;
        let mut participants = Vec::new();
        for row in rows {
            let (participant, key_hash, removed) = row?;
            participants.push(ParticipantKey {
                participant: participant.parse().map_err(|e| corrupt("participant", e))?,
                key_hash: hash32("participant key hash", &key_hash)?,
                removed,
            });
        }

        let docs = |sql: &str| -> Result<Vec<_>, StorageError> {
            let mut statement = self.conn.prepare(sql)?;
            let rows = statement.query_map(params![sid], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
            })?;
            rows.map(|row| {
                let (doc, data) = row?;
                Ok((parse_doc(doc)?, data))
            })
            .collect()
        };
        let snapshots = docs("SELECT doc, data FROM snapshots WHERE session_id = ?1 ORDER BY doc")?;
        let updates = docs("SELECT doc, data FROM updates WHERE session_id = ?1 ORDER BY seq")?;

        Ok(Some(SessionDump {
            record,
            previous,
            links,
            participants,
            snapshots,
            updates,
            attendance: attendance::visits(&self.conn, id)?,
        }))
    }
}
