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

use crate::storage::{AppendUpdate, StorageError, StoredDoc, compact};
use ovaal_shared::{DocName, SessionId};

fn parse_doc(name: String) -> Result<DocName, StorageError> {
    name.parse()
        .map_err(|e| StorageError::Corrupt(format!("document name {name:?}: {e}")))
}

/// Stores a batch in one transaction: committed all together, or not at all.
/// Sessions are numbered in the order of their ids, so two nodes' batches lock
/// session rows in the same order and cannot deadlock. An update of a session that
/// is gone (deleted while its room drained) is dropped, not a failure of the batch.
pub fn append(conn: &mut impl GenericClient, updates: &[AppendUpdate]) -> Result<(), StorageError> {
    let mut by_session: BTreeMap<&str, Vec<&AppendUpdate>> = BTreeMap::new();
    for update in updates {
        by_session
            .entry(update.session.as_str())
            .or_default()
            .push(update);
    }
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
        let docs: Vec<String> = updates.iter().map(|u| u.doc.to_string()).collect();
        let data: Vec<&[u8]> = updates.iter().map(|u| u.update.as_slice()).collect();
        // One statement for the session's whole share of the batch.
        txn.execute(
            "INSERT INTO updates (session_id, position, doc, data)
             SELECT $1, p, d, x FROM unnest($2::bigint[], $3::text[], $4::bytea[]) AS u(p, d, x)",
            &[&session, &positions, &docs, &data],
        )?;
    }
    txn.commit()?;
    Ok(())
}

/// A session's snapshots and its updates in position order, read in one snapshot of
/// the database (a compaction committing meanwhile is seen entirely or not at all).
pub fn load(conn: &mut Client, id: &SessionId) -> Result<Vec<(DocName, StoredDoc)>, StorageError> {
    load_through(conn, id, i64::MAX)
}

/// Like [`load`], leaving out updates after position `through`.
fn load_through(
    conn: &mut Client,
    id: &SessionId,
    through: i64,
) -> Result<Vec<(DocName, StoredDoc)>, StorageError> {
    let mut txn = conn
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()?;
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
    Ok(docs.into_iter().collect())
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
    for (doc, stored) in load_through(conn, id, through)? {
        let snapshot = compact::snapshot(&stored)?;
        let mut txn = conn.transaction()?;
        txn.execute(
            "INSERT INTO snapshots (session_id, doc, data, through_position)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (session_id, doc)
             DO UPDATE SET data = excluded.data, through_position = excluded.through_position",
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
