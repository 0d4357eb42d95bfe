//! The list view's seats: "Seat 2 · Anna (you)" with "in the room, online" and a
//! master's or sponsor's badge, the hot seat, and which empty seats this person may
//! take (they write and have joined). The holders follow the same rule as the table
//! ([`ovaal_shared::board::seating`]).

use ovaal_shared::Role;
use ovaal_shared::board::seating;

use super::card_looks::display_name;
use super::inputs::{Control, People, Present, Who};
use super::seats;
use crate::i18n::{self, Key, Lang};

/// A seat as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListSeat {
    pub index: u32,
    /// "Seat 2 · Anna (you)".
    pub label: String,
    /// "in the room, online".
    pub details: String,
    pub hot: bool,
    pub can_take: bool,
}

/// One line per seat, in seat order; none before the control document arrived.
pub fn derive(
    lang: Lang,
    who: &Who,
    control: &Control,
    people: &People,
    present: &Present,
) -> Vec<ListSeat> {
    let me = &who.me;
    let profiles = &people.profiles;
    let holders = seating::seat_holders(profiles.iter(), control.seats());
    let may_sit = who.role.is_some_and(Role::writes) && profiles.contains_key(me);
    let label = |index: u32, name: &str| {
        i18n::tf(
            lang,
            Key::SeatNumberName,
            &[("n", &(index + 1).to_string()), ("name", name)],
        )
    };
    (0..control.seats())
        .map(|index| {
            let Some(holder) = holders.get(&index) else {
                return ListSeat {
                    index,
                    label: label(index, i18n::t(lang, Key::SeatEmpty)),
                    details: String::new(),
                    hot: false,
                    can_take: may_sit,
                };
            };
            let mut name = display_name(lang, people, holder);
            if holder == me {
                name = format!("{name} ({})", i18n::t(lang, Key::You));
            }
            let online = present.contains_key(holder.as_str()) || (holder == me && who.live);
            let mut details = vec![
                profiles
                    .get(holder)
                    .map(|p| i18n::t(lang, i18n::location_key(p.location)))
                    .unwrap_or(""),
                i18n::t(
                    lang,
                    if online {
                        Key::PresenceOnline
                    } else {
                        Key::PresenceAway
                    },
                ),
            ];
            if let Some(badge) = seats::badge(present, holder) {
                details.push(i18n::t(lang, i18n::role_key(badge)));
            }
            ListSeat {
                index,
                label: label(index, &name),
                details: details.join(", "),
                hot: control.hot_seat.as_ref() == Some(holder),
                can_take: false,
            }
        })
        .collect()
}
