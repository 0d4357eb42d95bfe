//! Where each card belongs, for the list and the spotlight: the same rule the table
//! and the harvest use ([`ovaal_shared::layout::place_of`]), so every screen puts a
//! card in the same place. A card lies in front of its author whatever its stored
//! position says (a drag does not take it away from them); only a card moved to a
//! place ("move to…", stored as its `place`) lies elsewhere; the case of whoever
//! sits in the hot seat lies in the centre. And what a place is called.

use std::collections::BTreeMap;

use ovaal_shared::ParticipantId;
use ovaal_shared::board::seating;
use ovaal_shared::layout::{Place, PlaceInput, place_of};

use super::card_looks::display_name;
use super::inputs::{Control, People};
use crate::card_model::BoardCard;
use crate::i18n::{self, Key, Lang};

/// A card's place and what decided it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardPlace {
    pub place: Place,
    /// Its order within the place, if it was ordered by hand.
    pub order: Option<f64>,
    /// It lies somewhere else than in front of its author because it was moved there.
    pub moved: bool,
}

/// What every card's place depends on: the seats and who holds them, and the hot
/// seat.
#[derive(Debug, Clone, PartialEq)]
pub struct Places {
    seats: u32,
    hot_seat: Option<u32>,
    /// Who holds each seat.
    holders: BTreeMap<u32, ParticipantId>,
    /// Each holder's seat.
    seat_of: BTreeMap<ParticipantId, u32>,
}

impl Places {
    pub fn new(control: &Control, people: &People) -> Self {
        let seats = control.seats();
        let holders = seating::seat_holders(people.profiles.iter(), seats);
        let seat_of: BTreeMap<ParticipantId, u32> = ovaal_shared::sort::map_of(
            holders.iter().map(|(seat, holder)| (holder.clone(), *seat)),
        );
        let hot_seat = control
            .hot_seat
            .as_ref()
            .and_then(|h| seat_of.get(h))
            .copied();
        Self {
            seats,
            hot_seat,
            holders,
            seat_of,
        }
    }

    /// A place's name: "Table centre", "Seat 3 · Anna", "Seat 4 · empty seat".
    pub fn name(&self, lang: Lang, people: &People, place: Place) -> String {
        match place {
            Place::Centre => i18n::t(lang, Key::TableCentre).to_owned(),
            Place::Seat(seat) => {
                let name = self
                    .holders
                    .get(&seat)
                    .map(|id| display_name(lang, people, id))
                    .unwrap_or_else(|| i18n::t(lang, Key::SeatEmpty).to_owned());
                seat_label(lang, seat, &name)
            }
        }
    }

    pub fn place(&self, card: &BoardCard) -> CardPlace {
        let author_seat = card
            .author
            .as_ref()
            .and_then(|a| self.seat_of.get(a))
            .copied();
        let input = PlaceInput {
            explicit: card.arranged.place,
            author_seat,
            position: card.position,
        };
        let place = place_of(card.kind, &input, self.seats, self.hot_seat);
        let unmoved = PlaceInput {
            explicit: None,
            ..input
        };
        CardPlace {
            place,
            order: card.arranged.order,
            moved: card.arranged.place.is_some()
                && author_seat.is_some()
                && place != place_of(card.kind, &unmoved, self.seats, self.hot_seat),
        }
    }
}

/// A place's name ([`Places::name`]), for one place.
pub fn place_name(lang: Lang, control: &Control, people: &People, place: Place) -> String {
    Places::new(control, people).name(lang, people, place)
}

/// "Seat 3 · Anna" for the seat numbered `seat` from 0.
pub fn seat_label(lang: Lang, seat: u32, name: &str) -> String {
    i18n::tf(
        lang,
        Key::SeatNumberName,
        &[("n", &(seat + 1).to_string()), ("name", name)],
    )
}
