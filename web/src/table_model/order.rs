//! Moving cards between places and within one: which place a keyboard move goes to,
//! which sort key "move up / down" writes, and which place a dropped card lands in.
//!
//! A place's order is the shared one ([`card_order`]): an explicit `order` where a card
//! was moved, else its creation time. "Move up" writes a key between the two cards
//! before it, so one write moves one card and nothing else changes; a card moved to
//! another place gets a key after every card there, so it shows as the place's newest
//! (nearest to the seat, never folded away at once).

use std::collections::BTreeMap;

use ovaal_shared::CardId;
use ovaal_shared::layout::ring::nearest_seat;
use ovaal_shared::layout::{Place, card_order};

use super::{TableFacts, TableScene};

/// Within this fraction of the table top's radii a drop counts as the centre (the
/// rule stored positions are read by).
const CENTRE_REGION: f64 = ovaal_shared::layout::ring::CENTRE_REGION;

/// A card's sort key within its place and whether it belongs to the current phase.
struct Keyed<'a> {
    id: &'a CardId,
    key: f64,
    created: i64,
    current: bool,
}

/// Each place's cards in the place's order.
pub fn ordered_places(
    facts: &TableFacts<'_>,
    places: &BTreeMap<CardId, Place>,
) -> BTreeMap<Place, Vec<CardId>> {
    let mut out: BTreeMap<Place, Vec<CardId>> = BTreeMap::new();
    for place in places.values() {
        out.entry(*place).or_default();
    }
    for (place, ids) in out.iter_mut() {
        *ids = keyed(facts, places, *place)
            .into_iter()
            .map(|k| k.id.clone())
            .collect();
    }
    out
}

fn keyed<'a>(
    facts: &TableFacts<'a>,
    places: &BTreeMap<CardId, Place>,
    place: Place,
) -> Vec<Keyed<'a>> {
    let mut cards: Vec<Keyed<'a>> = facts
        .cards
        .iter()
        .filter(|c| places.get(&c.id) == Some(&place))
        .map(|c| Keyed {
            id: &c.id,
            key: c
                .arranged
                .order
                .filter(|o| o.is_finite())
                .unwrap_or(c.created_ms as f64),
            created: c.created_ms,
            // The centre shows every card large, as one group.
            current: place == Place::Centre
                || facts
                    .current_phase
                    .is_none_or(|p| c.phase.as_deref() == Some(p)),
        })
        .collect();
    ovaal_shared::sort::sort_by(&mut cards, |a, b| {
        card_order(
            (Some(a.key), a.created, a.id),
            (Some(b.key), b.created, b.id),
        )
    });
    cards
}

/// The key that puts a card after every other card of `place`.
pub fn key_at_end(
    facts: &TableFacts<'_>,
    places: &BTreeMap<CardId, Place>,
    place: Place,
    id: &CardId,
) -> Option<f64> {
    keyed(facts, places, place)
        .iter()
        .filter(|k| k.id != id)
        .map(|k| k.key)
        .reduce(f64::max)
        .map(|last| last + 1.0)
}

/// The key that moves `id` one step earlier (`up`) or later among the cards shown
/// with it (the same phase group of its place); `None` when it is already first or
/// last there.
pub fn step_key(
    facts: &TableFacts<'_>,
    places: &BTreeMap<CardId, Place>,
    id: &CardId,
    up: bool,
) -> Option<f64> {
    let place = *places.get(id)?;
    let cards = keyed(facts, places, place);
    let i = cards.iter().position(|k| k.id == id)?;
    let group = cards[i].current;
    let same = |j: &usize| cards[*j].current == group;
    if up {
        let j = (0..i).rev().find(same)?;
        let b = cards[j].key;
        Some(match j.checked_sub(1).map(|p| cards[p].key) {
            Some(a) if a < b => (a + b) / 2.0,
            Some(a) => a - 0.5,
            None => b - 1.0,
        })
    } else {
        let j = (i + 1..cards.len()).find(same)?;
        let a = cards[j].key;
        Some(match cards.get(j + 1).map(|n| n.key) {
            Some(b) if a < b => (a + b) / 2.0,
            Some(b) => b + 0.5,
            None => a + 1.0,
        })
    }
}

/// The places in the order the keyboard walks them: the centre, then the seats
/// clockwise from the top.
pub fn next_place(current: Place, seats: u32, forward: bool) -> Place {
    let seats = seats.max(1);
    // Index 0 is the centre, 1 + n is seat n.
    let len = seats + 1;
    let index = match current {
        Place::Centre => 0,
        Place::Seat(n) => n.min(seats - 1) + 1,
    };
    let next = if forward {
        (index + 1) % len
    } else {
        (index + len - 1) % len
    };
    if next == 0 {
        Place::Centre
    } else {
        Place::Seat(next - 1)
    }
}

/// The place a card dropped at `(x, y)` (CSS px of the table) lands in: the seat or
/// the place whose box is under the point, else the centre region of the table top,
/// else the seat in whose direction the point lies.
pub fn place_at(scene: &TableScene, x: f64, y: f64) -> Place {
    let inside =
        |r: &ovaal_shared::layout::Rect| x >= r.x && x <= r.right() && y >= r.y && y <= r.bottom();
    if let Some(seat) = scene.seats.iter().find(|s| inside(&s.target)) {
        return Place::Seat(seat.seat);
    }
    if let Some(card) = scene.cards.iter().find(|c| inside(&c.rect)) {
        return card.place;
    }
    if let Some(chip) = scene.chips.iter().find(|c| inside(&c.rect)) {
        return chip.place;
    }
    let t = &scene.table;
    let (nx, ny) = ((x - t.cx) / t.rx, (y - t.cy) / t.ry);
    if !nx.is_finite() || !ny.is_finite() || nx.hypot(ny) < CENTRE_REGION {
        return Place::Centre;
    }
    // At most MAX_SEATS seats.
    let seats = u32::try_from(scene.seats.len()).unwrap_or(u32::MAX);
    Place::Seat(nearest_seat(nx, ny, seats))
}
