//! The table as every screen has drawn it so far: a 1000 × 600 board with an oval table
//! and a ring of seats, the rule that tells which place a stored position lies in, and
//! the position written for a new card in a place. Boards written before cards had a
//! named place carry only a position (fractions of the board), so this geometry stays
//! the one reading of those positions for the web client, the server's harvest and the
//! layout alike.
//!
//! Cards are drawn by their place, not by a stored position; a new card still gets
//! `x`, `y` (its place's centre, [`place_position`]) so boards read by older clients
//! and exports keep a sensible picture, and a card whose author later leaves their
//! seat keeps its place (the position is how the layout places cards of unseated
//! authors).

use std::f64::consts::{FRAC_PI_2, TAU};

use super::place::Place;
use crate::board::Position;
use crate::float;

/// Width of the board in the units stored positions were drawn in.
pub const VIEW_W: f64 = 1000.0;
/// Height of that board.
pub const VIEW_H: f64 = 600.0;
/// The middle of the table.
pub const CENTRE_X: f64 = VIEW_W / 2.0;
pub const CENTRE_Y: f64 = VIEW_H / 2.0;
/// Radii of the table top.
pub const TABLE_RX: f64 = 300.0;
pub const TABLE_RY: f64 = 165.0;
/// Radii of the ring the seats' centres lie on.
pub const SEAT_RING_RX: f64 = 410.0;
pub const SEAT_RING_RY: f64 = 256.0;

/// Fraction of the table's radii inside which a stored position counts as lying in
/// the middle of the table.
pub const CENTRE_REGION: f64 = 0.45;

/// The direction of seat `index` of `count` from the table's middle, in radians in
/// screen coordinates (y down): seat 0 at the top, numbering clockwise, as people
/// count around a table.
pub fn seat_angle(index: u32, count: u32) -> f64 {
    let count = count.max(1);
    -FRAC_PI_2 + TAU * f64::from(index % count) / f64::from(count)
}

/// The centre of seat `index` of `count` on the 1000 × 600 board.
pub fn seat_centre(index: u32, count: u32) -> (f64, f64) {
    let angle = seat_angle(index, count);
    (
        CENTRE_X + SEAT_RING_RX * angle.cos(),
        CENTRE_Y + SEAT_RING_RY * angle.sin(),
    )
}

/// The seat whose direction is nearest to the point `(nx, ny)`, given in fractions of
/// an oval's radii from its middle. One rule for stored positions and for the layout's
/// own table, so a card drawn in front of a seat reads back as that seat's.
pub fn nearest_seat(nx: f64, ny: f64, seats: u32) -> u32 {
    let seats = seats.max(1);
    let turn = (ny.atan2(nx) + FRAC_PI_2).rem_euclid(TAU) / TAU;
    // `turn` is in [0, 1]: the product is at most `seats`.
    float::to_u32((turn * f64::from(seats)).round()) % seats
}

/// The place a stored position lies in at a table of `seats`: the centre region, else
/// the seat whose direction from the middle is nearest to the card's.
pub fn region_of(position: Position, seats: u32) -> Place {
    let nx = (position.x * VIEW_W - CENTRE_X) / TABLE_RX;
    let ny = (position.y * VIEW_H - CENTRE_Y) / TABLE_RY;
    if seats == 0 || !nx.is_finite() || !ny.is_finite() || nx.hypot(ny) < CENTRE_REGION {
        return Place::Centre;
    }
    Place::Seat(nearest_seat(nx, ny, seats))
}

/// How far from the table's middle a seat's cards are written, in fractions of the
/// table top's radii: well outside the centre region, inside the table's edge.
const SEAT_REACH: f64 = 0.7;

/// The position written for a card put in `place` at a table of `seats`; it reads
/// back as that place ([`region_of`]).
pub fn place_position(place: Place, seats: u32) -> Position {
    match place {
        Place::Centre => Position::CENTRE,
        Place::Seat(n) => {
            let angle = seat_angle(n, seats);
            Position::clamped(
                (CENTRE_X + TABLE_RX * SEAT_REACH * angle.cos()) / VIEW_W,
                (CENTRE_Y + TABLE_RY * SEAT_REACH * angle.sin()) / VIEW_H,
            )
        }
    }
}

/// Where a new card of an author without a seat is written: the front of the table,
/// where the bottom seat of a table would be.
pub fn unseated_position() -> Position {
    Position::clamped(0.5, (CENTRE_Y + TABLE_RY * SEAT_REACH) / VIEW_H)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seats_go_clockwise_from_the_top() {
        let (x, y) = seat_centre(0, 8);
        assert!((x - CENTRE_X).abs() < 1e-9 && y < CENTRE_Y);
        let (x, _) = seat_centre(2, 8);
        assert!(x > CENTRE_X, "a quarter turn clockwise is on the right");
    }

    #[test]
    fn positions_map_to_the_centre_or_the_nearest_seat() {
        assert_eq!(region_of(Position::CENTRE, 8), Place::Centre);
        assert_eq!(region_of(Position { x: 0.5, y: 0.02 }, 8), Place::Seat(0));
        assert_eq!(region_of(Position { x: 0.98, y: 0.5 }, 8), Place::Seat(2));
        assert_eq!(region_of(Position { x: 0.02, y: 0.5 }, 8), Place::Seat(6));
        assert_eq!(region_of(Position { x: 0.1, y: 0.1 }, 0), Place::Centre);
        assert_eq!(
            region_of(
                Position {
                    x: f64::NAN,
                    y: 0.0
                },
                8
            ),
            Place::Centre
        );
    }

    #[test]
    fn every_seat_owns_the_direction_of_its_seat_centre() {
        for count in 4..=14 {
            for seat in 0..count {
                let (x, y) = seat_centre(seat, count);
                let p = Position::clamped(x / VIEW_W, y / VIEW_H);
                assert_eq!(region_of(p, count), Place::Seat(seat), "{seat}/{count}");
            }
        }
    }

    #[test]
    fn a_place_s_position_reads_back_as_that_place() {
        for count in 4..=14 {
            for seat in 0..count {
                let p = place_position(Place::Seat(seat), count);
                assert_eq!(region_of(p, count), Place::Seat(seat), "{seat}/{count}");
            }
            assert_eq!(
                region_of(place_position(Place::Centre, count), count),
                Place::Centre
            );
        }
        assert!(unseated_position().y > 0.5);
    }
}
