//! Where a card belongs: the centre of the table or in front of one seat. A card's
//! place is what the layout arranges by, so every screen groups the same cards
//! together whatever their stored positions are. The board stores a place only once a
//! card has been moved (key `place`: `"centre"` or `"seat:<n>"`); every other card's
//! place follows from who wrote it, or, for cards without a seated author, from the
//! position older boards stored.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use super::ring::region_of;
use crate::board::{CardKind, Position};
use crate::ids::CardId;

/// A place on the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// The middle of the table: the case being worked on and the theme the group chose.
    Centre,
    /// In front of seat `n` (0 = top, clockwise).
    Seat(u32),
}

/// Why a stored `place` value could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaceError {
    #[error("a place is \"centre\" or \"seat:<n>\", not {0:?}")]
    Malformed(String),
}

impl Place {
    /// The largest seat number a stored place may name (a table has at most 14 seats).
    pub const MAX_SEAT: u32 = 13;
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Centre => f.write_str("centre"),
            Place::Seat(n) => write!(f, "seat:{n}"),
        }
    }
}

impl FromStr for Place {
    type Err = PlaceError;
    /// Reads exactly what [`Place`]'s `Display` writes: one spelling per place, so two
    /// boards never disagree about a stored value.
    fn from_str(s: &str) -> Result<Self, PlaceError> {
        let malformed = || PlaceError::Malformed(s.chars().take(40).collect());
        if s == "centre" {
            return Ok(Place::Centre);
        }
        let digits = s.strip_prefix("seat:").ok_or_else(malformed)?;
        // No sign, no leading zero, no white space: `u32::from_str` alone takes "+3".
        let canonical = !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (digits == "0" || !digits.starts_with('0'));
        match digits.parse::<u32>() {
            Ok(n) if canonical && n <= Place::MAX_SEAT => Ok(Place::Seat(n)),
            _ => Err(malformed()),
        }
    }
}

/// What decides a card's place, as read from the board.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceInput {
    /// The place it was moved to, if it was moved.
    pub explicit: Option<Place>,
    /// The seat its author holds now, if any.
    pub author_seat: Option<u32>,
    /// Its stored position, the only hint for cards whose author has no seat.
    pub position: Position,
}

/// The place of a card at a table of `seats` whose hot seat is `hot_seat`.
///
/// An explicit place wins (a seat the table no longer has does not count); the case
/// of whoever sits in the hot seat lies in the centre, because the whole group works
/// on it; any other card lies in front of its author; a card whose author has no seat
/// (gone, removed, or carried from an earlier session) lies where its stored position
/// points. A theme the group chooses is moved to the centre explicitly.
pub fn place_of(kind: CardKind, input: &PlaceInput, seats: u32, hot_seat: Option<u32>) -> Place {
    let valid = |p: Place| match p {
        Place::Centre => Some(p),
        Place::Seat(n) => (n < seats).then_some(p),
    };
    if let Some(place) = input.explicit.and_then(valid) {
        return place;
    }
    let author_seat = input.author_seat.filter(|&s| s < seats);
    if kind == CardKind::Case && author_seat.is_some() && author_seat == hot_seat {
        return Place::Centre;
    }
    match author_seat {
        Some(seat) => Place::Seat(seat),
        None => region_of(input.position, seats),
    }
}

/// The order of two cards within a place: an explicit `order` (written by "move up /
/// down") takes the place of the creation time, in the same units, so a moved card
/// slots between two unmoved ones; then creation time, then id, so the order is total.
pub fn card_order(a: (Option<f64>, i64, &CardId), b: (Option<f64>, i64, &CardId)) -> Ordering {
    let key = |(order, created, _): (Option<f64>, i64, &CardId)| {
        order.filter(|o| o.is_finite()).unwrap_or(created as f64)
    };
    key(a)
        .total_cmp(&key(b))
        .then(a.1.cmp(&b.1))
        .then_with(|| a.2.cmp(b.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(explicit: Option<Place>, author_seat: Option<u32>, x: f64, y: f64) -> PlaceInput {
        PlaceInput {
            explicit,
            author_seat,
            position: Position { x, y },
        }
    }

    #[test]
    fn places_round_trip_in_one_spelling() {
        for place in [Place::Centre, Place::Seat(0), Place::Seat(13)] {
            assert_eq!(place.to_string().parse::<Place>(), Ok(place));
        }
        assert_eq!("seat:7".parse::<Place>(), Ok(Place::Seat(7)));
        for bad in [
            "", "Centre", "seat:", "seat:+1", "seat:07", "seat:14", "seat: 1", "1",
        ] {
            assert!(bad.parse::<Place>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn an_explicit_place_wins() {
        let moved = input(Some(Place::Seat(3)), Some(1), 0.5, 0.5);
        assert_eq!(place_of(CardKind::Advice, &moved, 8, None), Place::Seat(3));
        let to_centre = input(Some(Place::Centre), Some(1), 0.5, 0.02);
        assert_eq!(
            place_of(CardKind::Theme, &to_centre, 8, None),
            Place::Centre
        );
        // Even a case card of the case-holder, once moved.
        let case = input(Some(Place::Seat(2)), Some(1), 0.5, 0.5);
        assert_eq!(place_of(CardKind::Case, &case, 8, Some(1)), Place::Seat(2));
        // A seat the table no longer has does not count.
        let gone = input(Some(Place::Seat(9)), Some(1), 0.5, 0.5);
        assert_eq!(place_of(CardKind::Advice, &gone, 8, None), Place::Seat(1));
    }

    #[test]
    fn an_unmoved_card_lies_in_front_of_its_author() {
        let card = input(None, Some(5), 0.5, 0.5);
        assert_eq!(
            place_of(CardKind::Question, &card, 8, Some(2)),
            Place::Seat(5)
        );
    }

    #[test]
    fn the_case_holders_case_lies_in_the_centre() {
        let case = input(None, Some(2), 0.5, 0.02);
        assert_eq!(place_of(CardKind::Case, &case, 8, Some(2)), Place::Centre);
        // Someone else's case pitch stays with them.
        assert_eq!(place_of(CardKind::Case, &case, 8, Some(4)), Place::Seat(2));
        assert_eq!(place_of(CardKind::Case, &case, 8, None), Place::Seat(2));
    }

    #[test]
    fn legacy_positions_map_like_region_of() {
        let top = input(None, None, 0.5, 0.02);
        assert_eq!(place_of(CardKind::Advice, &top, 8, None), Place::Seat(0));
        let right = input(None, None, 0.98, 0.5);
        assert_eq!(place_of(CardKind::Advice, &right, 8, None), Place::Seat(2));
        let middle = input(None, None, 0.5, 0.5);
        assert_eq!(place_of(CardKind::Advice, &middle, 8, None), Place::Centre);
        // An author on a seat the table no longer has counts as unseated.
        let off = input(None, Some(12), 0.02, 0.5);
        assert_eq!(place_of(CardKind::Advice, &off, 8, None), Place::Seat(6));
    }

    #[test]
    fn order_uses_the_explicit_order_then_time_then_id() {
        let (a, b): (CardId, CardId) = ("aaaaaaaa".parse().unwrap(), "bbbbbbbb".parse().unwrap());
        assert_eq!(card_order((None, 5, &b), (None, 6, &a)), Ordering::Less);
        assert_eq!(card_order((None, 5, &a), (None, 5, &b)), Ordering::Less);
        // Moved up between two cards written at 10 and 20.
        assert_eq!(
            card_order((Some(15.0), 30, &a), (None, 20, &b)),
            Ordering::Less
        );
        assert_eq!(
            card_order((Some(15.0), 30, &a), (None, 10, &b)),
            Ordering::Greater
        );
        assert_eq!(
            card_order((Some(f64::NAN), 30, &a), (None, 20, &b)),
            Ordering::Greater
        );
    }
}
