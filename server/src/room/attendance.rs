//! The room's part of the attendance record (`storage::attendance`): it sees every
//! connection come and go, and reports a person's arrival with their first connection
//! and their departure with their last, so two tabs or a phone beside a laptop are
//! one presence. Reports are collected while a command is handled and sent to storage
//! after it, so joining and leaving stay free of `.await`.

use super::task::{Connection, Room};
use crate::storage::AttendanceEvent;
use crate::storage::attendance::MERGE_GAP_MS;
use ovaal_shared::{ParticipantId, Role};

impl Room {
    fn present(&self, participant: &ParticipantId, role: Role) -> bool {
        self.conns
            .values()
            .any(|c| c.participant == *participant && c.role == role)
    }

    /// Before a connection is added: the person arrives unless already here.
    pub(super) fn arriving(&mut self, participant: &ParticipantId, role: Role, at_ms: i64) {
        if !self.present(participant, role) {
            self.attendance.push(AttendanceEvent::Joined {
                session: self.ctx.session.clone(),
                participant: participant.clone(),
                role,
                at_ms,
                merge_gap_ms: MERGE_GAP_MS,
            });
        }
    }

    /// After a connection was removed: the person leaves if it was their last.
    pub(super) fn departed(&mut self, gone: &Connection, at_ms: i64) {
        if !self.present(&gone.participant, gone.role) {
            self.attendance.push(AttendanceEvent::Left {
                session: self.ctx.session.clone(),
                participant: gone.participant.clone(),
                role: gone.role,
                at_ms,
            });
        }
    }

    /// The server is going down: everyone leaves now, in case storage stops before
    /// their sockets have closed. A later leave of the same visit changes nothing.
    pub(super) fn everyone_departing(&mut self, at_ms: i64) {
        let mut seen: Vec<(&ParticipantId, Role)> = Vec::new();
        let mut events = Vec::new();
        for c in self.conns.values() {
            if seen.contains(&(&c.participant, c.role)) {
                continue;
            }
            seen.push((&c.participant, c.role));
            events.push(AttendanceEvent::Left {
                session: self.ctx.session.clone(),
                participant: c.participant.clone(),
                role: c.role,
                at_ms,
            });
        }
        self.attendance.extend(events);
    }

    /// Sends what was collected to storage, in order.
    pub(super) async fn report_attendance(&mut self) {
        if self.attendance.is_empty() {
            return;
        }
        for event in std::mem::take(&mut self.attendance) {
            if let Err(e) = self.ctx.store.record_attendance(event).await {
                tracing::warn!(session = %self.ctx.session, error = %e, "attendance not recorded");
            }
        }
    }
}
