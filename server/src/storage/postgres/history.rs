//! Documents in PostgreSQL: appended updates with their position, snapshots, and
//! compaction.
//!
//! Every stored update of a session has a position: 1, 2, 3, … with no gaps, in
//! commit order. An append takes the session row's lock to number its updates
//! (`sessions.last_position`), so two nodes appending to one session commit one after
//! the other and a reader never sees position 7 before 6 is committed. A node that
//! misses an update on the fan-out channel can see the gap and read it from here.

use std::collections::BTreeMap;

use postgres::{Client, GenericClient, IsolationLevel};

use crate::storage::{AppendUpdate, Missed, StorageError, StoredDoc, compact};
use ovaal_shared::{DocName, SessionId};

fn parse_doc(name: String) -> Result<DocName, StorageError> {
    name.parse()
        .map_err(|e| StorageError::Corrupt(format!("document name {name:?}: {e}")))
}

/// Stores a batch in one transaction: committed all together, or not at all.
/// Sessions are numbered in the order of their ids, so two nodes' batches lock
/// session rows in the same order and cannot deadlock. An update of a session that
/// is gone (deleted while its room drained) is dropped, not a failure of the batch.
/// Returns each update's position, in the order given (`None`: dropped).
pub fn append(
    conn: &mut impl GenericClient,
    updates: &[AppendUpdate],
) -> Result<Vec<Option<u64>>, StorageError> {
    // Each session's updates keep their order, and remember where they were given.
    let mut by_session: BTreeMap<&str, Vec<(usize, &AppendUpdate)>> = BTreeMap::new();
    for (index, update) in updates.iter().enumerate() {
        by_session
            .entry(update.session.as_str())
            .or_default()
            .push((index, update));
    }
    let mut numbered = vec![None; updates.len()];
    let mut txn = conn.transaction()?;
    for (session, updates) in by_session {
        let count = updates.len() as i64;
        let Some(row) = txn.query_opt(
            "UPDATE sessions SET last_position = last_position + $2 WHERE id = $1
             RETURNING last_position",
            &[&session, &count],
        )?
        else {
            tracing::debug!(session, count, "updates of a deleted session dropped");
            continue;
        };
        let last: i64 = row.try_get(0)?;
        let positions: Vec<i64> = (last - count + 1..=last).collect();
        let docs: Vec<String> = updates.iter().map(|(_, u)| u.doc.to_string()).collect();
        let data: Vec<&[u8]> = updates.iter().map(|(_, u)| u.update.as_slice()).collect();
        for ((index, _), position) in updates.iter().zip(&positions) {
            numbered[*index] = Some(*position as u64);
        }
        // One statement for the session's whole share of the batch.
        txn.execute(
            "INSERT INTO updates (session_id, position, doc, data)
             SELECT $1, p, d, x FROM unnest($2::bigint[], $3::text[], $4::bytea[]) AS u(p, d, x)",
            &[&session, &positions, &docs, &data],
        )?;
    }
    txn.commit()?;
    Ok(numbered)
}

/// A session's snapshots and its updates in position order, read in one snapshot of
/// the database (a compaction committing meanwhile is seen entirely or not at all),
/// and the position of the last update included.
pub fn load(
    conn: &mut Client,
    id: &SessionId,
) -> Result<(Vec<(DocName, StoredDoc)>, u64), StorageError> {
    load_through(conn, id, i64::MAX)
}

/// What was stored after position `after`, in one snapshot of the database: the
/// updates after it, and the snapshots of documents a compaction folded past it
/// (whose updates are gone from `updates`). Applying a snapshot the node already
/// mostly has changes nothing it had (CRDT).
pub fn missed_since(conn: &mut Client, id: &SessionId, after: u64) -> Result<Missed, StorageError> {
    let after = i64::try_from(after).unwrap_or(i64::MAX);
    let mut txn = conn
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
    let mut missed = Missed::default();
    let Some(row) = txn.query_opt(
        "SELECT last_position FROM sessions WHERE id = $1",
        &[&id.as_str()],
    )?
    else {
        missed.gone = true;
        return Ok(missed);
    };
    let last: i64 = row.try_get(0)?;
    missed.through = last.max(0) as u64;
    for row in txn.query(
        "SELECT doc, data FROM snapshots WHERE session_id = $1 AND through_position > $2",
        &[&id.as_str(), &after],
    )? {
        missed
            .snapshots
            .push((parse_doc(row.try_get(0)?)?, row.try_get(1)?));
    }
    for row in txn.query(
        "SELECT position, doc, data FROM updates WHERE session_id = $1 AND position > $2
         ORDER BY position",
        &[&id.as_str(), &after],
    )? {
        let position: i64 = row.try_get(0)?;
        missed.updates.push((
            position.max(0) as u64,
            parse_doc(row.try_get(1)?)?,
            row.try_get(2)?,
        ));
    }
    txn.commit()?;
    Ok(missed)
}

/// Like [`load`], leaving out updates after position `through`.
fn load_through(
    conn: &mut Client,
    id: &SessionId,
    through: i64,
) -> Result<(Vec<(DocName, StoredDoc)>, u64), StorageError> {
    let mut txn = conn
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
    // Positions are given and committed under the session row's lock, so in this
    // snapshot every update up to `last_position` is there.
    let last: i64 = txn
        .query_opt(
            "SELECT last_position FROM sessions WHERE id = $1",
            &[&id.as_str()],
        )?
        .map(|row| row.try_get(0))
        .transpose()?
        .unwrap_or(0);
    let mut docs: BTreeMap<DocName, StoredDoc> = BTreeMap::new();
    for row in txn.query(
        "SELECT doc, data FROM snapshots WHERE session_id = $1",
        &[&id.as_str()],
    )? {
        docs.entry(parse_doc(row.try_get(0)?)?)
            .or_default()
            .snapshot = Some(row.try_get(1)?);
    }
    for row in txn.query(
        "SELECT doc, data FROM updates WHERE session_id = $1 AND position <= $2
         ORDER BY position",
        &[&id.as_str(), &through],
    )? {
        docs.entry(parse_doc(row.try_get(0)?)?)
            .or_default()
            .updates
            .push(row.try_get(1)?);
    }
    txn.commit()?;
    Ok((docs.into_iter().collect(), last.min(through).max(0) as u64))
}

/// Folds each document's snapshot and updates up to the session's current position
/// into a new snapshot, one transaction per document. Updates appended meanwhile
/// (by another node) have higher positions and stay.
pub fn compact(conn: &mut Client, id: &SessionId) -> Result<(), StorageError> {
    let through: Option<i64> = conn
        .query_one(
            "SELECT MAX(position) FROM updates WHERE session_id = $1",
            &[&id.as_str()],
        )?
        .try_get(0)?;
    let Some(through) = through else {
        return Ok(()); // nothing appended since the last compaction
    };
    for (doc, stored) in load_through(conn, id, through)?.0 {
        let snapshot = compact::snapshot(&stored)?;
        let mut txn = conn.transaction()?;
        txn.execute(
            "INSERT INTO snapshots (session_id, doc, data, through_position)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (session_id, doc)
             DO UPDATE SET data = excluded.data, through_position = excluded.through_position
             WHERE snapshots.through_position <= excluded.through_position",
            &[&id.as_str(), &doc.to_string(), &snapshot, &through],
        )?;
        txn.execute(
            "DELETE FROM updates WHERE session_id = $1 AND doc = $2 AND position <= $3",
            &[&id.as_str(), &doc.to_string(), &through],
        )?;
        txn.commit()?;
    }
    Ok(())
}

/// The latest position of each of `ids` that exists, in one query.
pub fn latest_positions(
    conn: &mut Client,
    ids: &[SessionId],
) -> Result<Vec<(SessionId, u64)>, StorageError> {
    let ids: Vec<&str> = ids.iter().map(SessionId::as_str).collect();
    let mut latest = Vec::with_capacity(ids.len());
    for row in conn.query(
        "SELECT id, last_position FROM sessions WHERE id = ANY($1)",
        &[&ids],
    )? {
        let id: String = row.try_get(0)?;
        let position: i64 = row.try_get(1)?;
        let id = id
            .parse()
            .map_err(|e| StorageError::Corrupt(format!("session id {id:?}: {e}")))?;
        latest.push((id, position.max(0) as u64));
    }
    Ok(latest)
}
