//! What this person may do now: the server's own rule
//! ([`ovaal_shared::permissions::may_write_in`] with the [`Policy`] read from the
//! control document), so the page never offers what would be refused; and the
//! case-holder's modes, which decide what their page shows at all.

use ovaal_shared::board::phase::CaseholderMode;
use ovaal_shared::permissions::{Policy, Refusal, may_write_in};
use ovaal_shared::{DocName, ParticipantId, Role};

use super::inputs::{Control, Who};

/// The rights of one person under one state of the control document.
#[derive(Debug, Clone)]
pub struct Rights {
    me: ParticipantId,
    role: Option<Role>,
    policy: Policy,
    /// The current phase's id and whether it is a private round.
    phase: Option<(String, bool)>,
    mode: Option<CaseholderMode>,
    ended: bool,
}

impl Rights {
    pub fn of(who: &Who, control: &Control) -> Self {
        let f = &control.facilitation;
        let mut policy = Policy::new(f, control.hot_seat.clone());
        policy.ended = f.ended;
        let writes = who.role.is_some_and(Role::writes);
        let hot = control.hot_seat.as_ref() == Some(&who.me);
        Self {
            me: who.me.clone(),
            role: who.role,
            policy,
            phase: f.current().map(|p| (p.id.clone(), p.private)),
            mode: (writes && hot)
                .then(|| f.current().map_or(CaseholderMode::Speaks, |p| p.caseholder)),
            ended: f.ended,
        }
    }

    pub fn role(&self) -> Option<Role> {
        self.role
    }

    /// Whether this person writes at all (not an observer or a room screen).
    pub fn writes(&self) -> bool {
        self.role.is_some_and(Role::writes)
    }

    /// Why a write to `doc` would be refused now (`None`: it would not be, or the
    /// role is not known yet — then [`Self::may_write`] still says no).
    pub fn refusal(&self, doc: &DocName) -> Option<Refusal> {
        let role = self.role?;
        may_write_in(role, &self.me, doc, &self.policy).err()
    }

    /// Whether this person may change `doc` right now.
    pub fn may_write(&self, doc: &DocName) -> bool {
        self.role.is_some() && self.refusal(doc).is_none()
    }

    /// The case-holder's mode now, if this person sits in the hot seat.
    pub fn caseholder_mode(&self) -> Option<CaseholderMode> {
        self.mode
    }

    /// Sitting back-turned: the page shows only the case-holder's own notes.
    pub fn back_turned(&self) -> bool {
        self.mode == Some(CaseholderMode::BackTurned) && !self.ended
    }

    /// Where a card written now goes: the private round's document in a private
    /// phase, else the person's own document.
    pub fn target_doc(&self) -> DocName {
        match &self.phase {
            Some((phase, true)) => DocName::Private {
                phase: phase.clone(),
                owner: self.me.clone(),
            },
            _ => DocName::Participant(self.me.clone()),
        }
    }

    /// The case-holder's triage marks (not while back-turned: they see no cards).
    pub fn may_triage(&self) -> bool {
        self.may_write(&DocName::Triage) && !self.back_turned()
    }

    /// The facilitator's "show on the room screen".
    pub fn offers_spotlight(&self) -> bool {
        self.role == Some(Role::Facilitator) && self.may_write(&DocName::Control)
    }
}
