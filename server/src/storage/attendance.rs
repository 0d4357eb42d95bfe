//! The attendance record: who was in a session, in which role, from when until when.
//! Accredited intervision asks for it, and only the server sees every join and leave.
//!
//! A room reports an [`AttendanceEvent`] when a person's first connection joins and
//! when their last one leaves (two tabs are one presence). The store keeps one
//! [`Visit`] per person per stay: a join within [`MERGE_GAP_MS`] of the same person's
//! leave, in the same role, reopens that visit, so a flaky network, a reload or a
//! server restart does not turn one afternoon into twenty rows.

use ovaal_shared::{ParticipantId, Role, SessionId};

/// How long a person may be away and still be on the same visit: long enough for a
/// reconnect after a network change or a server restart, short enough that a real
/// break (lunch) shows as two visits.
pub const MERGE_GAP_MS: i64 = 2 * 60 * 1000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttendanceEvent {
    /// The person's first connection to the session's room.
    Joined {
        session: SessionId,
        participant: ParticipantId,
        role: Role,
        at_ms: i64,
        /// Within this long after their last leave, the visit continues.
        merge_gap_ms: i64,
    },
    /// The person's last connection in this role left (or the server is shutting
    /// down).
    Left {
        session: SessionId,
        participant: ParticipantId,
        role: Role,
        at_ms: i64,
    },
}

/// One stay of one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub participant: ParticipantId,
    pub role: Role,
    pub joined_ms: i64,
    /// `None` while they are still there, or when the server stopped without seeing
    /// them go (a crash).
    pub left_ms: Option<i64>,
}

/// What a join does to the person's latest visit in the same role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnJoin {
    /// A new visit starts.
    Start,
    /// The latest visit is still open (another record of the same stay): nothing.
    Continue,
    /// The latest visit ended less than the gap ago: it is open again.
    Reopen,
}

/// The decision, apart from the database: `latest_left` is the end of the person's
/// latest visit in this role (`Some(None)` when it is open, `None` when there is none).
pub fn on_join(latest_left: Option<Option<i64>>, at_ms: i64, merge_gap_ms: i64) -> OnJoin {
    match latest_left {
        None => OnJoin::Start,
        Some(None) => OnJoin::Continue,
        Some(Some(left)) if at_ms.saturating_sub(left) <= merge_gap_ms => OnJoin::Reopen,
        Some(Some(_)) => OnJoin::Start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quick_return_continues_the_visit_and_a_break_does_not() {
        assert_eq!(on_join(None, 1_000, MERGE_GAP_MS), OnJoin::Start);
        assert_eq!(on_join(Some(None), 1_000, MERGE_GAP_MS), OnJoin::Continue);
        let left = 10_000;
        assert_eq!(
            on_join(Some(Some(left)), left + MERGE_GAP_MS, MERGE_GAP_MS),
            OnJoin::Reopen
        );
        assert_eq!(
            on_join(Some(Some(left)), left + MERGE_GAP_MS + 1, MERGE_GAP_MS),
            OnJoin::Start
        );
        // A clock that stepped back still counts as a quick return.
        assert_eq!(
            on_join(Some(Some(left)), left - 5, MERGE_GAP_MS),
            OnJoin::Reopen
        );
    }
}
