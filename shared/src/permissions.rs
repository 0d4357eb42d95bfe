//! Who may write which document. This is the single place where a write permission is
//! decided; the server calls it for every incoming update and the client calls it to
//! decide what to offer, so the two can never disagree.

use crate::ids::{DocName, ParticipantId};
use crate::role::Role;

/// Why a write is refused. Sent back to the writer in a `Refused` message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("observers cannot change the board")]
    ReadOnlyRole,
    #[error("only the facilitator can change the session settings")]
    FacilitatorOnly,
    #[error("you can only change your own cards and profile")]
    NotYourDocument,
}

impl Refusal {
    /// Stable numeric code carried on the wire.
    pub fn code(self) -> u32 {
        match self {
            Refusal::ReadOnlyRole => 1,
            Refusal::FacilitatorOnly => 2,
            Refusal::NotYourDocument => 3,
        }
    }
}

/// Decides whether a connection with `role`, acting as participant `me`, may apply an
/// update to `doc`.
pub fn may_write(role: Role, me: &ParticipantId, doc: &DocName) -> Result<(), Refusal> {
    match (role, doc) {
        (Role::Observer, _) => Err(Refusal::ReadOnlyRole),
        // The facilitator moderates: they may change settings and anyone's cards.
        (Role::Facilitator, _) => Ok(()),
        (Role::Participant, DocName::Control) => Err(Refusal::FacilitatorOnly),
        (Role::Participant, DocName::Participant(owner)) if owner == me => Ok(()),
        (Role::Participant, DocName::Participant(_)) => Err(Refusal::NotYourDocument),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pid(s: &str) -> ParticipantId {
        s.parse().unwrap()
    }

    #[test]
    fn the_rule_table() {
        let me = pid("me-123456");
        let other = pid("other-1234");
        let mine = DocName::Participant(me.clone());
        let theirs = DocName::Participant(other);
        assert_eq!(
            may_write(Role::Observer, &me, &mine),
            Err(Refusal::ReadOnlyRole)
        );
        assert_eq!(may_write(Role::Participant, &me, &mine), Ok(()));
        assert_eq!(
            may_write(Role::Participant, &me, &theirs),
            Err(Refusal::NotYourDocument)
        );
        assert_eq!(
            may_write(Role::Participant, &me, &DocName::Control),
            Err(Refusal::FacilitatorOnly)
        );
        assert_eq!(may_write(Role::Facilitator, &me, &theirs), Ok(()));
        assert_eq!(may_write(Role::Facilitator, &me, &DocName::Control), Ok(()));
    }
}
