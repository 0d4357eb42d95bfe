//! The room's part of the attendance record (`storage::attendance`): it sees every
//! connection come and go, and reports a person's arrival with their first connection
//! and their departure with their last, so two tabs or a phone beside a laptop are
//! one presence. Reports are effects ([`Effect::Attendance`]) the room's task sends
//! to storage after the command, so joining and leaving stay free of `.await`.

use super::core::{Connection, RoomCore};
use super::effect::Effect;
use crate::storage::AttendanceEvent;
use crate::storage::attendance::MERGE_GAP_MS;
use ovaal_shared::{ParticipantId, Role};

impl RoomCore {
    fn present(&self, participant: &ParticipantId, role: Role) -> bool {
        self.conns
            .values()
            .any(|c| c.participant == *participant && c.role == role)
    }

    /// Before a connection is added: the person arrives unless already here.
    pub(super) fn arriving(&mut self, participant: &ParticipantId, role: Role, at_ms: i64) {
        if !self.present(participant, role) {
            self.effects
                .push(Effect::Attendance(AttendanceEvent::Joined {
                    session: self.ctx.session.clone(),
                    participant: participant.clone(),
                    role,
                    at_ms,
                    merge_gap_ms: MERGE_GAP_MS,
                }));
        }
    }

    /// After a connection was removed: the person leaves if it was their last.
    pub(super) fn departed(&mut self, gone: &Connection, at_ms: i64) {
        if !self.present(&gone.participant, gone.role) {
            self.effects.push(Effect::Attendance(AttendanceEvent::Left {
                session: self.ctx.session.clone(),
                participant: gone.participant.clone(),
                role: gone.role,
                at_ms,
            }));
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
            events.push(Effect::Attendance(AttendanceEvent::Left {
                session: self.ctx.session.clone(),
                participant: c.participant.clone(),
                role: c.role,
                at_ms,
            }));
        }
        self.effects.extend(events);
    }
}
