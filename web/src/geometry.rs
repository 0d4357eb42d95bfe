//! Where a card is written on the old 1000 × 600 board. Cards are drawn by their place
//! (`ovaal_shared::layout`), not by a stored position; a new card still gets `x`, `y`
//! (its place's centre) so boards read by older clients and exports keep a sensible
//! picture, and a card whose author later leaves their seat keeps its place (the
//! position is how the layout places cards of unseated authors).
//!
//! The drawing units and the rule that reads a position back are
//! [`ovaal_shared::layout::ring`]'s.

use ovaal_shared::board::Position;
use ovaal_shared::layout::Place;
use ovaal_shared::layout::ring::{
    CENTRE_X, CENTRE_Y, TABLE_RX, TABLE_RY, VIEW_H, VIEW_W, seat_angle,
};

/// Which part of the table a card lies in (the list view's name for a place).
pub type Region = Place;

/// How far from the table's middle a seat's cards are written, in fractions of the
/// table top's radii: well outside the centre region, inside the table's edge.
const SEAT_REACH: f64 = 0.7;

/// The position written for a card put in `place` at a table of `seats`.
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
    use ovaal_shared::layout::region_of;

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
