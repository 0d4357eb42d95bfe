//! Writing whole sessions into PostgreSQL (`ovaal copy`), all in one transaction: a
//! copy that fails half-way leaves the database as it was, so it can simply be run
//! again.

use postgres::Transaction;

use super::PostgresStorage;
use super::access;
use crate::storage::StorageError;
use crate::storage::dump::SessionDump;
use ovaal_shared::SessionId;

/// Why sessions were not copied.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error(
        "the database already holds {} of these sessions ({}); nothing was copied",
        .0.len(), preview(.0)
    )]
    AlreadyThere(Vec<SessionId>),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<postgres::Error> for RestoreError {
    fn from(e: postgres::Error) -> Self {
        RestoreError::Storage(e.into())
    }
}

fn preview(ids: &[SessionId]) -> String {
    let shown: Vec<&str> = ids.iter().take(3).map(SessionId::as_str).collect();
    let more = if ids.len() > 3 { ", …" } else { "" };
    format!("{}{more}", shown.join(", "))
}

impl PostgresStorage {
    /// Copies the sessions `ids` in, reading each with `read` just before writing it
    /// (so only one session is in memory at a time) and reporting each with
    /// `progress`. Refuses, before writing anything, if any of them is already there.
    pub fn restore(
        &mut self,
        ids: &[SessionId],
        mut read: impl FnMut(&SessionId) -> Result<Option<SessionDump>, StorageError>,
        mut progress: impl FnMut(usize, &SessionDump),
    ) -> Result<usize, RestoreError> {
        let mut txn = self.conn()?.transaction()?;
        let wanted: Vec<&str> = ids.iter().map(SessionId::as_str).collect();
        let mut present = Vec::new();
        for row in txn.query(
            "SELECT id FROM sessions WHERE id = ANY($1) ORDER BY id",
            &[&wanted],
        )? {
            let id: String = row.try_get(0)?;
            present.push(
                id.parse()
                    .map_err(|e| StorageError::Corrupt(format!("session id {id:?}: {e}")))?,
            );
        }
        if !present.is_empty() {
            return Err(RestoreError::AlreadyThere(present));
        }
        let mut copied = 0;
        for id in ids {
            // A session deleted in the source meanwhile is skipped.
            let Some(dump) = read(id)? else { continue };
            write(&mut txn, &dump)?;
            copied += 1;
            progress(copied, &dump);
        }
        txn.commit()?;
        Ok(copied)
    }
}

fn write(txn: &mut Transaction<'_>, dump: &SessionDump) -> Result<(), StorageError> {
    let session = &dump.record;
    let id = session.id.as_str();
    access::create_session(txn, session, &dump.links, &dump.updates)?;
    if let Some(previous) = &dump.previous {
        access::set_previous(txn, &session.id, previous)?;
    }
    if let Some(ended) = session.ended_ms {
        access::end_session(txn, &session.id, ended)?;
    }
    for key in &dump.participants {
        txn.execute(
            "INSERT INTO participants (session_id, participant_id, key_hash, removed)
             VALUES ($1, $2, $3, $4)",
            &[
                &id,
                &key.participant.as_str(),
                &&key.key_hash[..],
                &key.removed,
            ],
        )?;
    }
    for (doc, data) in &dump.snapshots {
        txn.execute(
            "INSERT INTO snapshots (session_id, doc, data) VALUES ($1, $2, $3)",
            &[&id, &doc.to_string(), data],
        )?;
    }
    for visit in &dump.attendance {
        txn.execute(
            "INSERT INTO attendance (session_id, participant_id, role, joined_ms, left_ms)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &id,
                &visit.participant.as_str(),
                &visit.role.as_str(),
                &visit.joined_ms,
                &visit.left_ms,
            ],
        )?;
    }
    Ok(())
}
