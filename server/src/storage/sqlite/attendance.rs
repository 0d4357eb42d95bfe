//! The attendance record in SQLite: one row per visit (`storage::attendance` says
//! when a join continues a visit).

use rusqlite::{Connection, OptionalExtension, params};

use crate::storage::StorageError;
use crate::storage::attendance::{AttendanceEvent, OnJoin, Visit, on_join};
use ovaal_shared::{Role, SessionId};

pub fn record(conn: &Connection, event: &AttendanceEvent) -> Result<(), StorageError> {
    match event {
        AttendanceEvent::Joined {
            session,
            participant,
            role,
            at_ms,
            merge_gap_ms,
        } => {
            let latest: Option<(i64, Option<i64>)> = conn
                .query_row(
                    "SELECT id, left_ms FROM attendance
                     WHERE session_id = ?1 AND participant_id = ?2 AND role = ?3
                     ORDER BY id DESC LIMIT 1",
                    params![session.as_str(), participant.as_str(), role.as_str()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            match on_join(latest.map(|(_, left)| left), *at_ms, *merge_gap_ms) {
                OnJoin::Continue => {}
                OnJoin::Reopen => {
                    if let Some((id, _)) = latest {
                        conn.execute(
                            "UPDATE attendance SET left_ms = NULL WHERE id = ?1",
                            params![id],
                        )?;
                    }
                }
                OnJoin::Start => {
                    // Only while the session exists: a join racing its deletion leaves
                    // no row behind.
                    conn.execute(
                        "INSERT INTO attendance (session_id, participant_id, role, joined_ms)
                         SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM sessions WHERE id = ?1)",
                        params![session.as_str(), participant.as_str(), role.as_str(), at_ms],
                    )?;
                }
            }
        }
        AttendanceEvent::Left {
            session,
            participant,
            role,
            at_ms,
        } => {
            conn.execute(
                "UPDATE attendance SET left_ms = MAX(?4, joined_ms)
                 WHERE session_id = ?1 AND participant_id = ?2 AND role = ?3
                   AND left_ms IS NULL",
                params![session.as_str(), participant.as_str(), role.as_str(), at_ms],
            )?;
        }
    }
    Ok(())
}

pub fn visits(conn: &Connection, id: &SessionId) -> Result<Vec<Visit>, StorageError> {
    let mut statement = conn.prepare_cached(
        "SELECT participant_id, role, joined_ms, left_ms FROM attendance
         WHERE session_id = ?1 ORDER BY joined_ms, id",
    )?;
    let rows = statement.query_map(params![id.as_str()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get(2)?,
            r.get(3)?,
        ))
    })?;
    rows.map(|row| {
        let (participant, role, joined_ms, left_ms) = row?;
        let corrupt = |e: String| StorageError::Corrupt(format!("attendance: {e}"));
        Ok(Visit {
            participant: participant.parse().map_err(|e| corrupt(format!("{e}")))?,
            role: role.parse::<Role>().map_err(|e| corrupt(format!("{e}")))?,
            joined_ms,
            left_ms,
        })
    })
    .collect()
}
