//! The private round's strip: in a private phase, "only you see your cards until the
//! reveal", the writers' "ready", the facilitator's "4/6 ready" and Reveal.

use std::collections::BTreeSet;

use ovaal_shared::Role;
use ovaal_shared::board::seating;

use super::inputs::{Control, People, Present, Who};
use crate::awareness::ready_count;

/// What the strip shows in a private phase.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrivateShown {
    pub revealed: bool,
    /// This person writes in the round and may say "ready" (and whether they did).
    pub can_ready: Option<bool>,
    /// The facilitator's "4/6 ready".
    pub count: Option<(usize, usize)>,
    pub can_reveal: bool,
}

/// `None` outside a private phase (the strip is hidden). `ready` is the round this
/// person said they are ready in.
pub fn derive(
    who: &Who,
    control: &Control,
    people: &People,
    present: &Present,
    ready: Option<&str>,
) -> Option<PrivateShown> {
    let f = &control.facilitation;
    let phase = f.current().filter(|p| p.private)?;
    let facilitator = who.role == Some(Role::Facilitator);
    let writer = who.role.is_some_and(Role::is_participant);
    let count = facilitator.then(|| {
        let seated: BTreeSet<String> = ovaal_shared::sort::set_of(
            seating::seat_holders(people.profiles.iter(), control.seats())
                .into_values()
                .map(|id| id.to_string()),
        );
        ready_count(present.values(), &seated, &phase.id)
    });
    let revealed = f.is_revealed(&phase.id);
    Some(PrivateShown {
        revealed,
        can_ready: (writer && !f.ended).then_some(ready == Some(phase.id.as_str())),
        count,
        can_reveal: facilitator && !f.ended && !revealed,
    })
}
