//! Where each card belongs, for the list and the spotlight: the same rule the table
//! and the harvest use ([`ovaal_shared::layout::place_of`]), so every screen puts a
//! card in the same place. A card lies in front of its author whatever its stored
//! position says (a drag does not take it away from them); only a card moved to a
//! place ("move to…", stored as its `place`) lies elsewhere; the case of whoever
//! sits in the hot seat lies in the centre.

use std::collections::BTreeMap;

use ovaal_shared::board::arrangement::{Arrangement, read_arrangements};
use ovaal_shared::board::seating;
use ovaal_shared::layout::{Place, PlaceInput, place_of};
use ovaal_shared::{CardId, DocName, ParticipantId};

use super::Board;
use crate::card_model::BoardCard;
use ovaal_shared::layout::Place as Region;

/// A card's place and what decided it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct CardPlace {
    pub(super) place: Place,
    /// Its order within the place, if it was ordered by hand.
    pub(super) order: Option<f64>,
    /// It lies somewhere else than in front of its author because it was moved there.
    pub(super) moved: bool,
}

/// What every card's place depends on, read once per redraw.
pub(super) struct PlaceContext {
    seats: u32,
    hot_seat: Option<u32>,
    seat_of: BTreeMap<ParticipantId, u32>,
    arrangements: BTreeMap<DocName, BTreeMap<CardId, Arrangement>>,
}

impl PlaceContext {
    pub(super) fn place(&self, card: &BoardCard) -> CardPlace {
        let arrangement = self
            .arrangements
            .get(&card.doc)
            .and_then(|a| a.get(&card.id))
            .copied()
            .unwrap_or_default();
        let author_seat = card
            .author
            .as_ref()
            .and_then(|a| self.seat_of.get(a))
            .copied();
        let input = PlaceInput {
            explicit: arrangement.place,
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
            order: arrangement.order,
            moved: arrangement.place.is_some()
                && author_seat.is_some()
                && place != place_of(card.kind, &unmoved, self.seats, self.hot_seat),
        }
    }
}

/// The list's and the move menu's name for a place.
pub(super) fn region(place: Place) -> Region {
    match place {
        Place::Centre => Region::Centre,
        Place::Seat(n) => Region::Seat(n),
    }
}

impl Board {
    pub(super) fn place_context(&self) -> PlaceContext {
        let seats = self.seat_count();
        let profiles = self.profiles();
        let seat_of: BTreeMap<ParticipantId, u32> = seating::seat_holders(profiles.iter(), seats)
            .into_iter()
            .map(|(seat, holder)| (holder, seat))
            .collect();
        drop(profiles);
        let hot_seat = self
            .hot_seat()
            .as_ref()
            .and_then(|h| seat_of.get(h))
            .copied();
        let session = self.session.borrow();
        let arrangements = self
            .all_cards()
            .keys()
            .filter_map(|name| Some((name.clone(), read_arrangements(session.docs.get(name)?))))
            .collect();
        PlaceContext {
            seats,
            hot_seat,
            seat_of,
            arrangements,
        }
    }
}
