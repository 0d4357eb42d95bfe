//! Sessions, links and participants in PostgreSQL: who may come in. The same
//! questions as `sqlite/access.rs`, in PostgreSQL's dialect.

use postgres::GenericClient;

use crate::storage::{KeyCheck, LinkRecord, NewLink, SessionRecord, StorageError};
use ovaal_shared::{DocName, ParticipantId, Role, SessionId};

fn corrupt(what: &str, e: impl std::fmt::Display) -> StorageError {
    StorageError::Corrupt(format!("{what}: {e}"))
}

pub fn create_session(
    conn: &mut impl GenericClient,
    session: &SessionRecord,
    links: &[NewLink],
    initial_updates: &[(DocName, Vec<u8>)],
) -> Result<(), StorageError> {
    let mut txn = conn.transaction()?;
    let count = initial_updates.len() as i64;
    txn.execute(
        "INSERT INTO sessions (id, title, method, created_ms, time_zone, last_position)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            &session.id.as_str(),
            &session.title,
            &session.method.as_str(),
            &session.created_ms,
            &session.time_zone.map(|z| z.to_string()),
            &count,
        ],
    )?;
    for link in links {
        add_link(&mut txn, &session.id, link)?;
    }
    for (position, (doc, update)) in (1_i64..).zip(initial_updates) {
        txn.execute(
            "INSERT INTO updates (session_id, position, doc, data) VALUES ($1, $2, $3, $4)",
            &[&session.id.as_str(), &position, &doc.to_string(), update],
        )?;
    }
    txn.commit()?;
    Ok(())
}

pub fn session(
    conn: &mut impl GenericClient,
    id: &SessionId,
) -> Result<Option<SessionRecord>, StorageError> {
    let Some(row) = conn.query_opt(
        "SELECT title, method, created_ms, ended_ms, time_zone FROM sessions WHERE id = $1",
        &[&id.as_str()],
    )?
    else {
        return Ok(None);
    };
    let method: String = row.try_get(1)?;
    let time_zone: Option<String> = row.try_get(4)?;
    Ok(Some(SessionRecord {
        id: id.clone(),
        title: row.try_get(0)?,
        method: method.parse().map_err(|e| corrupt("session method", e))?,
        created_ms: row.try_get(2)?,
        ended_ms: row.try_get(3)?,
        time_zone: time_zone
            .map(|z| z.parse().map_err(|e| corrupt("session time zone", e)))
            .transpose()?,
    }))
}

const LINK_COLUMNS: &str = "session_id, role, link_id, label, created_ms";

fn link_record(row: &postgres::Row) -> Result<(SessionId, LinkRecord), StorageError> {
    let session: String = row.try_get(0)?;
    let role: String = row.try_get(1)?;
    Ok((
        session.parse().map_err(|e| corrupt("link session", e))?,
        LinkRecord {
            id: row.try_get(2)?,
            role: role.parse::<Role>().map_err(|e| corrupt("link role", e))?,
            label: row.try_get(3)?,
            created_ms: row.try_get(4)?,
        },
    ))
}

pub fn link_for_token(
    conn: &mut impl GenericClient,
    token_hash: &[u8; 32],
) -> Result<Option<(SessionId, LinkRecord)>, StorageError> {
    conn.query_opt(
        &format!("SELECT {LINK_COLUMNS} FROM tokens WHERE hash = $1"),
        &[&&token_hash[..]],
    )?
    .as_ref()
    .map(link_record)
    .transpose()
}

pub fn links(
    conn: &mut impl GenericClient,
    id: &SessionId,
) -> Result<Vec<LinkRecord>, StorageError> {
    conn.query(
        &format!(
            "SELECT {LINK_COLUMNS} FROM tokens WHERE session_id = $1 ORDER BY created_ms, link_id"
        ),
        &[&id.as_str()],
    )?
    .iter()
    .map(|row| Ok(link_record(row)?.1))
    .collect()
}

pub fn add_link(
    conn: &mut impl GenericClient,
    id: &SessionId,
    link: &NewLink,
) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO tokens (hash, session_id, role, link_id, label, created_ms)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            &&link.token_hash[..],
            &id.as_str(),
            &link.record.role.as_str(),
            &link.record.id,
            &link.record.label,
            &link.record.created_ms,
        ],
    )?;
    Ok(())
}

pub fn revoke_link(
    conn: &mut impl GenericClient,
    id: &SessionId,
    link_id: &str,
) -> Result<bool, StorageError> {
    let deleted = conn.execute(
        "DELETE FROM tokens WHERE session_id = $1 AND link_id = $2",
        &[&id.as_str(), &link_id],
    )?;
    Ok(deleted > 0)
}

/// One statement, so two nodes binding the same participant id at once cannot both
/// see "first use": the insert that loses the race reads the winner's key.
pub fn check_participant_key(
    conn: &mut impl GenericClient,
    id: &SessionId,
    participant: &ParticipantId,
    key_hash: &[u8; 32],
) -> Result<KeyCheck, StorageError> {
    let inserted = conn.execute(
        "INSERT INTO participants (session_id, participant_id, key_hash)
         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        &[&id.as_str(), &participant.as_str(), &&key_hash[..]],
    )?;
    if inserted == 1 {
        return Ok(KeyCheck::Bound);
    }
    let row = conn.query_one(
        "SELECT key_hash, removed FROM participants
         WHERE session_id = $1 AND participant_id = $2",
        &[&id.as_str(), &participant.as_str()],
    )?;
    let stored: Vec<u8> = row.try_get(0)?;
    let removed: bool = row.try_get(1)?;
    Ok(if removed {
        KeyCheck::Removed
    } else if stored == key_hash {
        KeyCheck::Matches
    } else {
        KeyCheck::Mismatch
    })
}

pub fn remove_participant(
    conn: &mut impl GenericClient,
    id: &SessionId,
    participant: &ParticipantId,
) -> Result<bool, StorageError> {
    let changed = conn.execute(
        "UPDATE participants SET removed = true WHERE session_id = $1 AND participant_id = $2",
        &[&id.as_str(), &participant.as_str()],
    )?;
    Ok(changed > 0)
}

pub fn end_session(
    conn: &mut impl GenericClient,
    id: &SessionId,
    now_ms: i64,
) -> Result<bool, StorageError> {
    let changed = conn.execute(
        "UPDATE sessions SET ended_ms = COALESCE(ended_ms, $2) WHERE id = $1",
        &[&id.as_str(), &now_ms],
    )?;
    Ok(changed > 0)
}

/// The rows are deleted (not marked): once the transaction commits no query sees
/// them, and VACUUM (autovacuum) frees their space. Old copies may remain in the
/// write-ahead log and in backups until those are rotated (docs/storage.md).
pub fn delete_session(conn: &mut impl GenericClient, id: &SessionId) -> Result<bool, StorageError> {
    let mut txn = conn.transaction()?;
    for table in [
        "updates",
        "snapshots",
        "participants",
        "tokens",
        "attendance",
    ] {
        txn.execute(
            &format!("DELETE FROM {table} WHERE session_id = $1"),
            &[&id.as_str()],
        )?;
    }
    let deleted = txn.execute("DELETE FROM sessions WHERE id = $1", &[&id.as_str()])?;
    txn.commit()?;
    Ok(deleted > 0)
}

pub fn ended_before(
    conn: &mut impl GenericClient,
    before_ms: i64,
) -> Result<Vec<SessionId>, StorageError> {
    conn.query(
        "SELECT id FROM sessions WHERE ended_ms IS NOT NULL AND ended_ms < $1",
        &[&before_ms],
    )?
    .iter()
    .map(|row| {
        let id: String = row.try_get(0)?;
        id.parse().map_err(|e| corrupt("session id", e))
    })
    .collect()
}

pub fn set_previous(
    conn: &mut impl GenericClient,
    id: &SessionId,
    previous: &SessionId,
) -> Result<(), StorageError> {
    conn.execute(
        "UPDATE sessions SET previous_id = $2 WHERE id = $1",
        &[&id.as_str(), &previous.as_str()],
    )?;
    Ok(())
}

/// The arc a session belongs to, oldest first (as `sqlite::access::arc`).
pub fn arc(
    conn: &mut impl GenericClient,
    id: &SessionId,
) -> Result<Vec<SessionRecord>, StorageError> {
    let mut chain = Vec::new();
    let mut next = Some(id.clone());
    while let Some(current) = next.take() {
        if chain.len() > 100 || chain.iter().any(|s: &SessionRecord| s.id == current) {
            break;
        }
        let Some(record) = session(conn, &current)? else {
            break;
        };
        let previous: Option<String> = conn
            .query_one(
                "SELECT previous_id FROM sessions WHERE id = $1",
                &[&current.as_str()],
            )?
            .try_get(0)?;
        next = previous.and_then(|p| p.parse().ok());
        chain.push(record);
    }
    chain.reverse();
    Ok(chain)
}
