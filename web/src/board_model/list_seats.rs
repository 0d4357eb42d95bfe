//! The list view's seats: "Seat 2 · Anna (you)" with "in the room, online" and a
//! master's or sponsor's badge, the hot seat, and which empty seats this person may
//! take (they write and have joined). Worded from the table's own [`Seats`] part, so
//! the list and the table cannot disagree on who sits where.

use super::card_places::seat_label;
use super::seats::Seats;
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

/// One line per seat of the table, in seat order.
pub fn derive(lang: Lang, seats: &Seats) -> Vec<ListSeat> {
    let label = |index: u32, name: &str| seat_label(lang, index, name);
    seats
        .seats
        .iter()
        .zip(0u32..)
        .map(|(seat, index)| {
            if seat.holder.is_none() {
                return ListSeat {
                    index,
                    label: label(index, i18n::t(lang, Key::SeatEmpty)),
                    details: String::new(),
                    hot: false,
                    can_take: seats.can_sit,
                };
            }
            let name = if seat.mine {
                format!("{} ({})", seat.name, i18n::t(lang, Key::You))
            } else {
                seat.name.clone()
            };
            let online = if seat.online {
                Key::PresenceOnline
            } else {
                Key::PresenceAway
            };
            let mut details = vec![
                seat.location
                    .map_or("", |l| i18n::t(lang, i18n::location_key(l))),
                i18n::t(lang, online),
            ];
            if let Some(badge) = seat.badge {
                details.push(i18n::t(lang, i18n::role_key(badge)));
            }
            ListSeat {
                index,
                label: label(index, &name),
                details: details.join(", "),
                hot: seat.hot,
                can_take: false,
            }
        })
        .collect()
}
