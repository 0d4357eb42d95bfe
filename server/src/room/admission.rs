//! Who may take one more of a room's connections. No single person or shared link
//! can lock the others out:
//!
//! - at most `per_room` connections in all;
//! - `facilitator_reserve` of them only facilitators may use, so the facilitator can
//!   always come in (on a second device too);
//! - one participant id holds at most `per_participant` (a phone, a laptop, a spare
//!   tab);
//! - one link holds at most `per_room - link_reserve`: a participant link is shared by
//!   the whole group (it is shown on a projector), so whoever holds it cannot fill the
//!   room and keep out the room screen or another link.
//!
//! The reserves are each at most a quarter of the room, so that a small room (tests
//! use two connections) still admits anyone.
//!
//! Pure: the room's join calls it with the connections it has.

use super::JoinError;
use ovaal_shared::{ParticipantId, Role};

/// How a room's connections are shared out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdmissionLimits {
    pub per_room: usize,
    pub per_participant: usize,
    pub facilitator_reserve: usize,
    pub link_reserve: usize,
}

impl Default for AdmissionLimits {
    fn default() -> Self {
        Self {
            per_room: 64,
            per_participant: 4,
            facilitator_reserve: 4,
            link_reserve: 8,
        }
    }
}

impl AdmissionLimits {
    fn facilitator_reserve(&self) -> usize {
        self.facilitator_reserve.min(self.per_room / 4)
    }

    /// The most connections one link may hold.
    pub fn per_link(&self) -> usize {
        self.per_room
            .saturating_sub(self.link_reserve.min(self.per_room / 4))
    }
}

/// One connection (present or asking to join), as far as admission cares.
#[derive(Debug, Clone, Copy)]
pub struct Seat<'a> {
    pub role: Role,
    pub link_id: &'a str,
    pub participant: &'a ParticipantId,
}

/// Whether `newcomer` may join a room that holds `present`.
pub fn admit<'a>(
    limits: &AdmissionLimits,
    present: impl IntoIterator<Item = Seat<'a>>,
    newcomer: &Seat<'_>,
) -> Result<(), JoinError> {
    let (mut all, mut others, mut same_person, mut same_link) = (0, 0, 0, 0);
    for seat in present {
        all += 1;
        others += usize::from(seat.role != Role::Facilitator);
        same_person += usize::from(seat.participant == newcomer.participant);
        same_link += usize::from(seat.link_id == newcomer.link_id);
    }
    let open_to_newcomer = if newcomer.role == Role::Facilitator {
        all < limits.per_room
    } else {
        all < limits.per_room && others < limits.per_room - limits.facilitator_reserve()
    };
    if !open_to_newcomer {
        return Err(JoinError::RoomFull(limits.per_room));
    }
    if same_person >= limits.per_participant {
        return Err(JoinError::ParticipantFull(limits.per_participant));
    }
    if same_link >= limits.per_link() {
        return Err(JoinError::LinkFull(limits.per_link()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Present(Vec<(Role, String, ParticipantId)>);

    impl Present {
        fn seats(&self) -> impl Iterator<Item = Seat<'_>> {
            self.0.iter().map(|(role, link_id, participant)| Seat {
                role: *role,
                link_id,
                participant,
            })
        }

        /// Joins `n` different people through `link`, as far as they are admitted;
        /// returns the first refusal.
        fn fill(
            &mut self,
            limits: &AdmissionLimits,
            role: Role,
            link: &str,
            n: usize,
        ) -> Option<JoinError> {
            for i in 0..n {
                let id: ParticipantId = format!("{link}-person-{i:03}").parse().unwrap();
                let seat = Seat {
                    role,
                    link_id: link,
                    participant: &id,
                };
                if let Err(e) = admit(limits, self.seats(), &seat) {
                    return Some(e);
                }
                self.0.push((role, link.to_owned(), id));
            }
            None
        }
    }

    fn join(
        limits: &AdmissionLimits,
        present: &Present,
        role: Role,
        link: &str,
        who: &str,
    ) -> Result<(), JoinError> {
        let id: ParticipantId = who.parse().unwrap();
        admit(
            limits,
            present.seats(),
            &Seat {
                role,
                link_id: link,
                participant: &id,
            },
        )
    }

    #[test]
    fn one_shared_link_leaves_room_for_the_room_screen_and_the_facilitator() {
        let limits = AdmissionLimits::default();
        let mut present = Present(Vec::new());
        let refused = present.fill(&limits, Role::Participant, "group", 64);
        assert!(
            matches!(refused, Some(JoinError::LinkFull(56))),
            "{refused:?}"
        );
        assert_eq!(present.0.len(), 56);
        assert!(join(&limits, &present, Role::Observer, "screen", "room-screen-1").is_ok());
        assert!(
            join(
                &limits,
                &present,
                Role::Facilitator,
                "lead",
                "facilitator-1"
            )
            .is_ok()
        );
    }

    #[test]
    fn others_cannot_fill_the_facilitators_reserve() {
        let limits = AdmissionLimits::default();
        let mut present = Present(Vec::new());
        assert!(
            present
                .fill(&limits, Role::Participant, "group-a", 30)
                .is_none()
        );
        let refused = present.fill(&limits, Role::Observer, "screens", 64);
        assert!(
            matches!(refused, Some(JoinError::RoomFull(64))),
            "{refused:?}"
        );
        assert_eq!(present.0.len(), 60);
        assert!(
            present
                .fill(&limits, Role::Facilitator, "lead", 4)
                .is_none()
        );
        assert!(matches!(
            join(
                &limits,
                &present,
                Role::Facilitator,
                "lead",
                "facilitator-x"
            ),
            Err(JoinError::RoomFull(64))
        ));
    }

    #[test]
    fn one_person_holds_a_few_connections() {
        let limits = AdmissionLimits::default();
        let mut present = Present(Vec::new());
        for _ in 0..4 {
            join(&limits, &present, Role::Participant, "group", "anna-0001").unwrap();
            present.0.push((
                Role::Participant,
                "group".into(),
                "anna-0001".parse().unwrap(),
            ));
        }
        assert!(matches!(
            join(&limits, &present, Role::Participant, "group", "anna-0001"),
            Err(JoinError::ParticipantFull(4))
        ));
        assert!(join(&limits, &present, Role::Participant, "group", "bram-0001").is_ok());
    }

    #[test]
    fn a_small_room_keeps_no_reserve() {
        let limits = AdmissionLimits {
            per_room: 2,
            ..AdmissionLimits::default()
        };
        let mut present = Present(Vec::new());
        assert!(
            present
                .fill(&limits, Role::Participant, "group", 2)
                .is_none()
        );
        assert!(matches!(
            join(&limits, &present, Role::Participant, "group", "third-0001"),
            Err(JoinError::RoomFull(2))
        ));
    }
}
