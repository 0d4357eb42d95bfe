//! The attendance record in PostgreSQL: one row per visit, as in
//! `sqlite/attendance.rs` (`storage::attendance` says when a join continues a visit).

use postgres::GenericClient;

use crate::storage::StorageError;
use crate::storage::attendance::{AttendanceEvent, OnJoin, Visit, on_join};
use ovaal_shared::{Role, SessionId};

pub fn record(conn: &mut impl GenericClient, event: &AttendanceEvent) -> Result<(), StorageError> {
    match event {
        AttendanceEvent::Joined {
            session,
            participant,
            role,
            at_ms,
            merge_gap_ms,
        } => {
            let latest = conn
                .query_opt(
                    "SELECT id, left_ms FROM attendance
                     WHERE session_id = $1 AND participant_id = $2 AND role = $3
                     ORDER BY id DESC LIMIT 1",
                    &[&session.as_str(), &participant.as_str(), &role.as_str()],
                )?
                .map(|r| -> Result<(i64, Option<i64>), StorageError> {
                    Ok((r.try_get(0)?, r.try_get(1)?))
                })
                .transpose()?;
            match on_join(latest.map(|(_, left)| left), *at_ms, *merge_gap_ms) {
                OnJoin::Continue => {}
                OnJoin::Reopen => {
                    if let Some((id, _)) = latest {
                        conn.execute("UPDATE attendance SET left_ms = NULL WHERE id = $1", &[&id])?;
                    }
                }
                OnJoin::Start => {
                    // Only while the session exists: a join racing its deletion leaves
                    // no row behind.
                    conn.execute(
                        "INSERT INTO attendance (session_id, participant_id, role, joined_ms)
                         SELECT $1, $2, $3, $4
                         WHERE EXISTS (SELECT 1 FROM sessions WHERE id = $1)",
                        &[
                            &session.as_str(),
                            &participant.as_str(),
                            &role.as_str(),
                            at_ms,
                        ],
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
                "UPDATE attendance SET left_ms = GREATEST($4, joined_ms)
                 WHERE session_id = $1 AND participant_id = $2 AND role = $3
                   AND left_ms IS NULL",
                &[
                    &session.as_str(),
                    &participant.as_str(),
                    &role.as_str(),
                    at_ms,
                ],
            )?;
        }
    }
    Ok(())
}

pub fn visits(conn: &mut impl GenericClient, id: &SessionId) -> Result<Vec<Visit>, StorageError> {
    let rows = conn.query(
        "SELECT participant_id, role, joined_ms, left_ms FROM attendance
         WHERE session_id = $1 ORDER BY joined_ms, id",
        &[&id.as_str()],
    )?;
    rows.iter()
        .map(|row| {
            let participant: String = row.try_get(0)?;
            let role: String = row.try_get(1)?;
            let corrupt = |e: String| StorageError::Corrupt(format!("attendance: {e}"));
            Ok(Visit {
                participant: participant.parse().map_err(|e| corrupt(format!("{e}")))?,
                role: role.parse::<Role>().map_err(|e| corrupt(format!("{e}")))?,
                joined_ms: row.try_get(2)?,
                left_ms: row.try_get(3)?,
            })
        })
        .collect()
}
