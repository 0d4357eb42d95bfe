//! Who may write and read which document. This is the single place where those
//! permissions are decided; the server calls it for every incoming update and every
//! outgoing document, and the client calls it to decide what to offer, so the two can
//! never disagree.
//!
//! Most rules follow from the document alone (each document has exactly the writers
//! allowed to change it). A few depend on what the facilitator set in the control
//! document — the lock, the phase, the hot seat, revealed rounds — and come in as a
//! [`Policy`].

use crate::board::facilitation::Facilitation;
use crate::board::phase::{CaseholderMode, Phase};
use crate::ids::{DocName, ParticipantId};
use crate::role::Role;

/// Why a write is refused. Sent back to the writer in a `Refused` message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// An observer or a room screen: links that read only.
    #[error("observers and room screens cannot change the board")]
    ReadOnlyRole,
    #[error("only the facilitator can change the session settings")]
    FacilitatorOnly,
    #[error("you can only change your own cards and profile")]
    NotYourDocument,
    #[error("the facilitator has locked the board")]
    BoardLocked,
    #[error("the case-holder listens in this phase and adds no cards")]
    CaseholderListens,
    #[error("only the case-holder labels the cards")]
    NotCaseholder,
    #[error("sponsors take part in other phases")]
    SponsorNotNow,
    #[error("this session has ended; the board can be read and exported, not changed")]
    SessionEnded,
    /// The connection sent more writes than its rate allows (the server's `Limits`);
    /// never returned by [`may_write_in`], which knows no time.
    #[error("too many changes in a short time; this one was not saved, wait a moment")]
    TooFast,
}

impl Refusal {
    pub const ALL: [Refusal; 9] = [
        Refusal::ReadOnlyRole,
        Refusal::FacilitatorOnly,
        Refusal::NotYourDocument,
        Refusal::BoardLocked,
        Refusal::CaseholderListens,
        Refusal::NotCaseholder,
        Refusal::SponsorNotNow,
        Refusal::SessionEnded,
        Refusal::TooFast,
    ];

    /// The refusal a code on the wire stands for (codes 20 and up are the board
    /// schema's, see `board::schema::code`).
    pub fn from_code(code: u32) -> Option<Refusal> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Stable numeric code carried on the wire.
    pub fn code(self) -> u32 {
        match self {
            Refusal::ReadOnlyRole => 1,
            Refusal::FacilitatorOnly => 2,
            Refusal::NotYourDocument => 3,
            Refusal::BoardLocked => 4,
            Refusal::CaseholderListens => 5,
            Refusal::NotCaseholder => 6,
            Refusal::SponsorNotNow => 7,
            Refusal::SessionEnded => 8,
            Refusal::TooFast => 9,
        }
    }
}

/// The facilitator's settings that permissions depend on.
#[derive(Debug, Clone, Default)]
pub struct Policy {
    /// The facilitator ended the session: nobody writes any more.
    pub ended: bool,
    pub locked: bool,
    pub hot_seat: Option<ParticipantId>,
    /// The current phase, if the session follows a plan.
    pub phase: Option<Phase>,
    /// Private rounds everyone may read.
    pub revealed: Vec<String>,
    /// Phases in which sponsors may write; `None`: all.
    pub sponsor_phases: Option<Vec<String>>,
    /// The plan's private rounds: the only phases with private documents.
    pub private_phases: Vec<String>,
}

impl Policy {
    pub fn new(facilitation: &Facilitation, hot_seat: Option<ParticipantId>) -> Self {
        Self {
            ended: false,
            locked: facilitation.locked,
            hot_seat,
            phase: facilitation.current().cloned(),
            revealed: facilitation.revealed.clone(),
            sponsor_phases: facilitation.sponsor_phases.clone(),
            private_phases: facilitation
                .plan
                .iter()
                .filter(|p| p.private)
                .map(|p| p.id.clone())
                .collect(),
        }
    }

    fn caseholder_mode(&self) -> CaseholderMode {
        self.phase
            .as_ref()
            .map_or(CaseholderMode::Speaks, |p| p.caseholder)
    }

    fn is_caseholder(&self, me: &ParticipantId) -> bool {
        self.hot_seat.as_ref() == Some(me)
    }
}

/// Whether a connection with `role`, acting as participant `me`, may write `doc`,
/// ignoring the facilitator's current settings (no lock, no phase).
pub fn may_write(role: Role, me: &ParticipantId, doc: &DocName) -> Result<(), Refusal> {
    may_write_in(role, me, doc, &Policy::default())
}

/// Whether a connection may write `doc` under the facilitator's current settings.
pub fn may_write_in(
    role: Role,
    me: &ParticipantId,
    doc: &DocName,
    policy: &Policy,
) -> Result<(), Refusal> {
    if !role.writes() {
        return Err(Refusal::ReadOnlyRole);
    }
    if policy.ended {
        return Err(Refusal::SessionEnded);
    }
    let facilitator = role == Role::Facilitator;
    match doc {
        DocName::Control | DocName::Carried if facilitator => return Ok(()),
        DocName::Control | DocName::Carried => return Err(Refusal::FacilitatorOnly),
        // Labels are the case-holder's own judgement: not even the facilitator
        // changes them.
        DocName::Triage if policy.is_caseholder(me) => {}
        DocName::Triage => return Err(Refusal::NotCaseholder),
        // Private notes are nobody else's, the facilitator's neither.
        DocName::Private { owner, .. } if owner != me => return Err(Refusal::NotYourDocument),
        DocName::Private { .. } => {}
        // The facilitator moderates: they may move or remove anyone's cards.
        DocName::Participant(_) if facilitator => return Ok(()),
        DocName::Participant(owner) if owner != me => return Err(Refusal::NotYourDocument),
        DocName::Participant(_) => {}
    }
    if facilitator {
        return Ok(());
    }
    if policy.locked {
        return Err(Refusal::BoardLocked);
    }
    if role == Role::Sponsor {
        sponsor_may_write_now(policy)?;
    }
    if matches!(doc, DocName::Participant(_))
        && policy.is_caseholder(me)
        && policy.caseholder_mode() != CaseholderMode::Speaks
    {
        return Err(Refusal::CaseholderListens);
    }
    Ok(())
}

/// Extra rule for sponsors, who may be limited to the phases they belong in.
pub fn sponsor_may_write_now(policy: &Policy) -> Result<(), Refusal> {
    match (&policy.sponsor_phases, &policy.phase) {
        (None, _) => Ok(()),
        (Some(allowed), Some(phase)) if allowed.contains(&phase.id) => Ok(()),
        (Some(_), _) => Err(Refusal::SponsorNotNow),
    }
}

/// Whether a connection may receive `doc` at all. Private rounds reach only their
/// author until revealed; the server never sends them to anyone else.
pub fn may_read(me: &ParticipantId, doc: &DocName, policy: &Policy) -> bool {
    match doc {
        DocName::Private { phase, owner } => {
            owner == me || policy.revealed.iter().any(|r| r == phase)
        }
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::board::Method;
    use crate::board::templates::phases;

    fn pid(s: &str) -> ParticipantId {
        s.parse().unwrap()
    }

    #[test]
    fn the_rule_table_without_facilitation() {
        let me = pid("me-123456");
        let other = pid("other-1234");
        let mine = DocName::Participant(me.clone());
        let theirs = DocName::Participant(other);
        for reader in [Role::Observer, Role::RoomScreen] {
            for doc in [&mine, &theirs, &DocName::Control, &DocName::Carried] {
                assert_eq!(
                    may_write(reader, &me, doc),
                    Err(Refusal::ReadOnlyRole),
                    "{reader} may write {doc}"
                );
            }
        }
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

    #[test]
    fn lock_hot_seat_and_phase_rules() {
        let anna = pid("anna-12345");
        let bram = pid("bram-12345");
        let facilitator = pid("fenna-1234");
        let plan = phases(Method::Incident);
        let advice = plan.iter().find(|p| p.id == "advice").cloned();
        let mut policy = Policy {
            hot_seat: Some(anna.clone()),
            phase: advice,
            ..Policy::default()
        };
        let annas = DocName::Participant(anna.clone());
        // The case-holder listens in the advice round; others write.
        assert_eq!(
            may_write_in(Role::Participant, &anna, &annas, &policy),
            Err(Refusal::CaseholderListens)
        );
        let brams = DocName::Participant(bram.clone());
        assert_eq!(
            may_write_in(Role::Participant, &bram, &brams, &policy),
            Ok(())
        );
        // Only the case-holder labels.
        assert_eq!(
            may_write_in(Role::Participant, &anna, &DocName::Triage, &policy),
            Ok(())
        );
        for (role, who) in [
            (Role::Participant, &bram),
            (Role::Facilitator, &facilitator),
        ] {
            assert_eq!(
                may_write_in(role, who, &DocName::Triage, &policy),
                Err(Refusal::NotCaseholder)
            );
        }
        // Locked: only the facilitator writes.
        policy.locked = true;
        assert_eq!(
            may_write_in(Role::Participant, &bram, &brams, &policy),
            Err(Refusal::BoardLocked)
        );
        assert_eq!(
            may_write_in(Role::Facilitator, &facilitator, &brams, &policy),
            Ok(())
        );
    }

    #[test]
    fn private_rounds_are_read_by_their_author_until_revealed() {
        let anna = pid("anna-12345");
        let bram = pid("bram-12345");
        let doc = DocName::Private {
            phase: "stillness".into(),
            owner: anna.clone(),
        };
        let mut policy = Policy::default();
        assert!(may_read(&anna, &doc, &policy));
        assert!(!may_read(&bram, &doc, &policy));
        assert_eq!(
            may_write_in(Role::Facilitator, &bram, &doc, &policy),
            Err(Refusal::NotYourDocument)
        );
        policy.revealed.push("stillness".into());
        assert!(may_read(&bram, &doc, &policy));
        assert!(may_read(&bram, &DocName::Control, &policy));
    }

    #[test]
    fn sponsors_can_be_limited_to_phases() {
        let plan = phases(Method::MastercircleUrgentie);
        let mut policy = Policy {
            phase: plan.first().cloned(),
            ..Policy::default()
        };
        assert_eq!(sponsor_may_write_now(&policy), Ok(()));
        policy.sponsor_phases = Some(vec!["urgency".into()]);
        assert_eq!(sponsor_may_write_now(&policy), Err(Refusal::SponsorNotNow));
        let sponsor: ParticipantId = "sponsor-01".parse().unwrap();
        let own = DocName::Participant(sponsor.clone());
        assert_eq!(
            may_write_in(Role::Sponsor, &sponsor, &own, &policy),
            Err(Refusal::SponsorNotNow)
        );
        // Masters and other participants are not limited.
        assert_eq!(may_write_in(Role::Master, &sponsor, &own, &policy), Ok(()));
        policy.phase = plan.iter().find(|p| p.id == "urgency").cloned();
        assert_eq!(sponsor_may_write_now(&policy), Ok(()));
        assert_eq!(may_write_in(Role::Sponsor, &sponsor, &own, &policy), Ok(()));
    }

    #[test]
    fn refusal_codes_are_distinct() {
        let all = [
            Refusal::ReadOnlyRole,
            Refusal::FacilitatorOnly,
            Refusal::NotYourDocument,
            Refusal::BoardLocked,
            Refusal::CaseholderListens,
            Refusal::NotCaseholder,
            Refusal::SponsorNotNow,
            Refusal::SessionEnded,
        ];
        let mut codes: Vec<u32> = all.iter().map(|r| r.code()).collect();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
    }
}
