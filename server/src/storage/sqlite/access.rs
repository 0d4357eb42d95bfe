//! Sessions, links and participants in SQLite: who may come in.

use rusqlite::{Connection, OptionalExtension, params};

use crate::storage::{KeyCheck, LinkRecord, NewLink, SessionRecord, StorageError};
use ovaal_shared::{DocName, ParticipantId, Role, SessionId};

fn corrupt(what: &str, e: impl std::fmt::Display) -> StorageError {
    StorageError::Corrupt(format!("{what}: {e}"))
}

pub fn create_session(
    conn: &mut Connection,
    session: &SessionRecord,
    links: &[NewLink],
    initial_updates: &[(DocName, Vec<u8>)],
) -> Result<(), StorageError> {
    let txn = conn.transaction()?;
    txn.execute(
        "INSERT INTO sessions (id, title, method, created_ms, time_zone)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            session.id.as_str(),
            session.title,
            session.method.as_str(),
            session.created_ms,
            session.time_zone.map(|z| z.to_string())
        ],
    )?;
    for link in links {
        add_link(&txn, &session.id, link)?;
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

pub fn session(conn: &Connection, id: &SessionId) -> Result<Option<SessionRecord>, StorageError> {
    let row = conn
        .query_row(
            "SELECT title, method, created_ms, ended_ms, time_zone FROM sessions WHERE id = ?1",
            params![id.as_str()],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            },
        )
        .optional()?;
    row.map(|(title, method, created_ms, ended_ms, time_zone)| {
        Ok(SessionRecord {
            id: id.clone(),
            title,
            method: method.parse().map_err(|e| corrupt("session method", e))?,
            created_ms,
            ended_ms,
            time_zone: time_zone
                .map(|z| z.parse().map_err(|e| corrupt("session time zone", e)))
                .transpose()?,
        })
    })
    .transpose()
}

type LinkRow = (String, String, String, String, i64);

fn link_record(row: LinkRow) -> Result<(SessionId, LinkRecord), StorageError> {
    let (session, role, id, label, created_ms) = row;
    Ok((
        session.parse().map_err(|e| corrupt("link session", e))?,
        LinkRecord {
            id,
            role: role.parse::<Role>().map_err(|e| corrupt("link role", e))?,
            label,
            created_ms,
        },
    ))
}

const LINK_COLUMNS: &str = "session_id, role, link_id, label, created_ms";

fn read_link(r: &rusqlite::Row<'_>) -> rusqlite::Result<LinkRow> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

pub fn link_for_token(
    conn: &Connection,
    token_hash: &[u8; 32],
) -> Result<Option<(SessionId, LinkRecord)>, StorageError> {
    conn.query_row(
        &format!("SELECT {LINK_COLUMNS} FROM tokens WHERE hash = ?1"),
        params![&token_hash[..]],
        read_link,
    )
    .optional()?
    .map(link_record)
    .transpose()
}

pub fn links(conn: &Connection, id: &SessionId) -> Result<Vec<LinkRecord>, StorageError> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {LINK_COLUMNS} FROM tokens WHERE session_id = ?1 ORDER BY created_ms, link_id"
    ))?;
    let rows = statement.query_map(params![id.as_str()], read_link)?;
    rows.map(|row| Ok(link_record(row?)?.1)).collect()
}

pub fn add_link(conn: &Connection, id: &SessionId, link: &NewLink) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO tokens (hash, session_id, role, link_id, label, created_ms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            &link.token_hash[..],
            id.as_str(),
            link.record.role.as_str(),
            link.record.id,
            link.record.label,
            link.record.created_ms
        ],
    )?;
    Ok(())
}

pub fn revoke_link(conn: &Connection, id: &SessionId, link_id: &str) -> Result<bool, StorageError> {
    let deleted = conn.execute(
        "DELETE FROM tokens WHERE session_id = ?1 AND link_id = ?2",
        params![id.as_str(), link_id],
    )?;
    Ok(deleted > 0)
}

pub fn check_participant_key(
    conn: &Connection,
    id: &SessionId,
    participant: &ParticipantId,
    key_hash: &[u8; 32],
) -> Result<KeyCheck, StorageError> {
    let inserted = conn.execute(
        "INSERT OR IGNORE INTO participants (session_id, participant_id, key_hash)
         VALUES (?1, ?2, ?3)",
        params![id.as_str(), participant.as_str(), &key_hash[..]],
    )?;
    if inserted == 1 {
        return Ok(KeyCheck::Bound);
    }
    let (stored, removed): (Vec<u8>, bool) = conn.query_row(
        "SELECT key_hash, removed FROM participants
         WHERE session_id = ?1 AND participant_id = ?2",
        params![id.as_str(), participant.as_str()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(if removed {
        KeyCheck::Removed
    } else if stored == key_hash {
        KeyCheck::Matches
    } else {
        KeyCheck::Mismatch
    })
}

pub fn remove_participant(
    conn: &Connection,
    id: &SessionId,
    participant: &ParticipantId,
) -> Result<bool, StorageError> {
    let changed = conn.execute(
        "UPDATE participants SET removed = 1 WHERE session_id = ?1 AND participant_id = ?2",
        params![id.as_str(), participant.as_str()],
    )?;
    Ok(changed > 0)
}

pub fn end_session(conn: &Connection, id: &SessionId, now_ms: i64) -> Result<bool, StorageError> {
    let changed = conn.execute(
        "UPDATE sessions SET ended_ms = COALESCE(ended_ms, ?2) WHERE id = ?1",
        params![id.as_str(), now_ms],
    )?;
    Ok(changed > 0)
}

pub fn delete_session(conn: &mut Connection, id: &SessionId) -> Result<bool, StorageError> {
    let txn = conn.transaction()?;
    // Children first (foreign keys cascade too, but explicit is clearer to read).
    for table in [
        "updates",
        "snapshots",
        "participants",
        "tokens",
        "attendance",
    ] {
        txn.execute(
            &format!("DELETE FROM {table} WHERE session_id = ?1"),
            params![id.as_str()],
        )?;
    }
    let deleted = txn.execute("DELETE FROM sessions WHERE id = ?1", params![id.as_str()])?;
    txn.commit()?;
    // The write-ahead log still holds the old pages until a checkpoint; truncate it so
    // the content is gone from every file, not only from the database.
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(deleted > 0)
}

pub fn ended_before(conn: &Connection, before_ms: i64) -> Result<Vec<SessionId>, StorageError> {
    let mut statement = conn
        .prepare_cached("SELECT id FROM sessions WHERE ended_ms IS NOT NULL AND ended_ms < ?1")?;
    let rows = statement.query_map(params![before_ms], |r| r.get::<_, String>(0))?;
    rows.map(|row| row?.parse().map_err(|e| corrupt("session id", e)))
        .collect()
}

pub fn set_previous(
    conn: &Connection,
    id: &SessionId,
    previous: &SessionId,
) -> Result<(), StorageError> {
    conn.execute(
        "UPDATE sessions SET previous_id = ?2 WHERE id = ?1",
        params![id.as_str(), previous.as_str()],
    )?;
    Ok(())
}

/// The arc a session belongs to, oldest first, ending with the session itself. A
/// deleted earlier session ends the walk; a cycle cannot occur (a session only points
/// to one that existed before it) but is guarded against anyway.
pub fn arc(conn: &Connection, id: &SessionId) -> Result<Vec<SessionRecord>, StorageError> {
    let mut chain = Vec::new();
    let mut next = Some(id.clone());
    while let Some(current) = next.take() {
        if chain.len() > 100 || chain.iter().any(|s: &SessionRecord| s.id == current) {
            break;
        }
        let Some(record) = session(conn, &current)? else {
            break;
        };
        let previous: Option<String> = conn.query_row(
            "SELECT previous_id FROM sessions WHERE id = ?1",
            params![current.as_str()],
            |r| r.get(0),
        )?;
        next = previous.and_then(|p| p.parse().ok());
        chain.push(record);
    }
    chain.reverse();
    Ok(chain)
}
