//! The table as the page draws it, derived from what the board knows: who sits where,
//! every card with the place and order it was given by hand, the hot seat, the phase,
//! the screen. Pure, so it is tested on the host; the table view only puts these boxes
//! on the page.
//!
//! Two steps: [`layout_input`] turns the board into the shared layout's input (each
//! card's place is decided by `ovaal_shared::layout::place_of`, the same rule the room
//! screen and the harvest picture use), and [`table_scene`] turns the shared
//! [`Layout`] into what the view needs: boxes per card with their text size, per seat
//! the label, badge and click target with the name shortened to fit, and the chips with
//! the cards they stand for, ready to be listed.
//!
//! Moving and ordering (which place comes next, which sort key "move up" writes, which
//! place a drop point lies in) are in [`order`].

mod fit;
pub mod order;
mod scene;

use std::collections::BTreeMap;

use ovaal_shared::board::Profile;
use ovaal_shared::board::seating::seat_holders;
use ovaal_shared::layout::{
    LayoutCard, LayoutInput, Place, PlaceInput, SeatInput, Surface, Viewport, place_of,
};
use ovaal_shared::sort::map_of;
use ovaal_shared::{CardId, ParticipantId};

use crate::card_model::BoardCard;

pub use fit::{LETTER, TextFit, fit};
pub use scene::{CardScene, ChipEntry, ChipKind, ChipScene, SeatScene, TableScene, table_scene};

/// Below this width (CSS px) the table is drawn for a phone: places show their chips
/// and open as lists (the same width at which the page itself turns into a phone page).
pub const PHONE_MAX_WIDTH: f64 = 600.0;

/// Everything the table depends on, as the board has it.
pub struct TableFacts<'a> {
    /// The facilitator's seat count.
    pub seats: u32,
    /// Everyone's profile (name, seat and when it was claimed).
    pub profiles: &'a BTreeMap<ParticipantId, Profile>,
    /// Who sits in the hot seat, if anyone.
    pub hot_seat: Option<&'a ParticipantId>,
    /// The phase the group is in; `None` on a free board.
    pub current_phase: Option<&'a str>,
    /// The facilitator hides who wrote what (seats keep their names).
    pub hide_names: bool,
    /// The cards this person may see: their own and others' participant documents,
    /// revealed (and their own) private rounds, the carried cards.
    pub cards: &'a [&'a BoardCard],
    /// The drawing area in CSS pixels.
    pub viewport: Viewport,
    pub surface: Surface,
}

/// The surface a page's table is drawn for: the room screen is a projector, a
/// phone-sized board a phone, anything else a laptop.
pub fn surface_for(width: f64, room_screen: bool) -> Surface {
    if room_screen {
        Surface::Projector
    } else if width < PHONE_MAX_WIDTH {
        Surface::Phone
    } else {
        Surface::Laptop
    }
}

/// Which seat each seated person holds (the seat they claimed first wins a dispute,
/// as everywhere else).
pub fn seat_of(facts: &TableFacts<'_>) -> BTreeMap<ParticipantId, u32> {
    map_of(
        seat_holders(facts.profiles.iter(), facts.seats)
            .into_iter()
            .map(|(seat, id)| (id, seat)),
    )
}

/// The shared layout's input for this board.
pub fn layout_input(facts: &TableFacts<'_>) -> LayoutInput {
    let holders = seat_holders(facts.profiles.iter(), facts.seats);
    let seats = (0..facts.seats)
        .map(|seat| match holders.get(&seat) {
            Some(id) => SeatInput {
                name: Some(name_of(facts, id)),
                hot: facts.hot_seat == Some(id),
            },
            None => SeatInput::default(),
        })
        .collect();
    let seat_of = seat_of(facts);
    let cards = facts
        .cards
        .iter()
        .map(|card| layout_card(card, &seat_of))
        .collect();
    LayoutInput {
        seats,
        cards,
        current_phase: facts.current_phase.map(str::to_owned),
        viewport: facts.viewport,
        surface: facts.surface,
    }
}

/// The place every card lies in, by the shared rule.
pub fn places(facts: &TableFacts<'_>) -> BTreeMap<CardId, Place> {
    let input = layout_input(facts);
    // At most MAX_SEATS seats.
    let count = u32::try_from(input.seats.len()).unwrap_or(u32::MAX);
    let hot = input
        .seats
        .iter()
        .position(|s| s.hot)
        .and_then(|i| u32::try_from(i).ok());
    map_of(
        input
            .cards
            .iter()
            .map(|c| (c.id.clone(), place_of(c.kind, &c.place, count, hot))),
    )
}

fn layout_card(card: &BoardCard, seat_of: &BTreeMap<ParticipantId, u32>) -> LayoutCard {
    LayoutCard {
        id: card.id.clone(),
        kind: card.kind,
        place: PlaceInput {
            explicit: card.arranged.place,
            // Carried cards have no author in this session: their stored position
            // (where the server put them) decides.
            author_seat: card.author.as_ref().and_then(|a| seat_of.get(a).copied()),
            position: card.position,
        },
        phase: card.phase.clone(),
        created_ms: card.created_ms,
        order: card.arranged.order,
    }
}

fn name_of(facts: &TableFacts<'_>, id: &ParticipantId) -> String {
    facts
        .profiles
        .get(id)
        .map(|p| p.name.clone())
        .unwrap_or_default()
}

#[cfg(test)]
pub(crate) mod tests;
