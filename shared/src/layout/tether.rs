//! The thin line from a seat's name to its place's cards. Cards lie on the table's
//! edge in front of their seat, but at fourteen seats a neighbour's cards lie about as
//! near; the line says whose they are without a word. It is drawn only where it is
//! clear: it passes under no other place's card or chip and no other seat, so it
//! never points at the wrong seat's cards or crosses a name.

use super::model::{PlaceBox, SeatBox, Tether};
use super::place::Place;
use super::rect::{Oval, Rect};

/// Ties every seat's place to its seat, where a clear line exists.
pub(crate) fn tie(places: &mut [PlaceBox], seats: &[SeatBox], table: &Oval) {
    let all: Vec<(Place, Rect)> = places
        .iter()
        .flat_map(|p| boxes(p).map(move |r| (p.place, r)))
        .collect();
    for place in places.iter_mut() {
        let Place::Seat(n) = place.place else {
            continue;
        };
        let Some(seat) = seats.iter().find(|s| s.seat == n) else {
            continue;
        };
        place.tether = tether_of(place, seat, seats, &all, table);
    }
}

/// Every box a place shows: cards and chips.
fn boxes(place: &PlaceBox) -> impl Iterator<Item = Rect> + '_ {
    place
        .cards
        .iter()
        .map(|c| c.rect)
        .chain(place.more.iter().map(|m| m.rect))
        .chain(place.earlier.iter().map(|e| e.rect))
}

fn tether_of(
    place: &PlaceBox,
    seat: &SeatBox,
    seats: &[SeatBox],
    all: &[(Place, Rect)],
    table: &Oval,
) -> Option<Tether> {
    let from = seat.label.nearest_to((table.cx, table.cy));
    let distance = |p: (f64, f64)| (p.0 - from.0).hypot(p.1 - from.1);
    let to = boxes(place)
        .map(|r| r.nearest_to(from))
        .min_by(|a, b| distance(*a).total_cmp(&distance(*b)))?;
    let clear = all
        .iter()
        .filter(|(p, _)| *p != place.place)
        .all(|(_, r)| !r.crossed_by(from, to))
        && seats
            .iter()
            .filter(|s| s.seat != seat.seat)
            .all(|s| !s.target.crossed_by(from, to));
    clear.then_some(Tether { from, to })
}
