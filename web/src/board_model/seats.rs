//! The seats around the table: who holds each (the earlier claim wins, see
//! [`ovaal_shared::board::seating`]), whether they are online, whether they are the
//! case-holder, and their master's or sponsor's badge.

use ovaal_shared::board::{Location, seating};
use ovaal_shared::{ParticipantId, Role};

use super::card_looks::display_name;
use super::inputs::{Control, People, Present, Who};
use crate::i18n::Lang;

/// What one seat shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SeatInfo {
    pub holder: Option<ParticipantId>,
    pub name: String,
    pub location: Option<Location>,
    pub online: bool,
    pub mine: bool,
    /// The holder sits in the hot seat (is the case-holder).
    pub hot: bool,
    /// A master's or sponsor's badge.
    pub badge: Option<Role>,
}

/// The table's seats as shown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seats {
    /// The language the names were made in ("someone"), so a switch redraws.
    pub lang: Option<Lang>,
    /// One per seat; empty before the control document arrived.
    pub seats: Vec<SeatInfo>,
    /// This person may sit down (writes, and has a profile).
    pub can_sit: bool,
}

/// A master's or sponsor's badge, as they announce it.
fn badge(present: &Present, participant: &ParticipantId) -> Option<Role> {
    present
        .get(participant.as_str())
        .and_then(|state| state.role.parse().ok())
        .filter(|r| matches!(r, Role::Master | Role::Sponsor))
}

pub fn derive(
    lang: Lang,
    who: &Who,
    control: &Control,
    people: &People,
    present: &Present,
) -> Seats {
    let me = &who.me;
    let count = control.seats();
    let holders = seating::seat_holders(people.profiles.iter(), count);
    let seats = (0..count)
        .map(|seat| match holders.get(&seat) {
            Some(holder) => SeatInfo {
                holder: Some(holder.clone()),
                name: display_name(lang, people, holder),
                location: people.profiles.get(holder).map(|p| p.location),
                online: present.contains_key(holder.as_str()) || (holder == me && who.live),
                mine: holder == me,
                hot: control.hot_seat.as_ref() == Some(holder),
                badge: if holder == me {
                    who.role
                        .filter(|r| matches!(r, Role::Master | Role::Sponsor))
                } else {
                    badge(present, holder)
                },
            },
            None => SeatInfo::default(),
        })
        .collect();
    Seats {
        lang: control.settings.is_some().then_some(lang),
        seats,
        can_sit: who.role.is_some_and(Role::writes) && people.profiles.contains_key(me),
    }
}
