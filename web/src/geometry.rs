//! Where things are on the board. The table is drawn in an SVG `viewBox` of
//! [`VIEW_W`] × [`VIEW_H`] units and the board keeps that aspect ratio, so seat
//! positions (viewBox units) and card positions (fractions 0..1 of the board, as stored
//! in the documents) describe the same place on every screen.

use ovaal_shared::board::Position;

pub const VIEW_W: f64 = 1000.0;
pub const VIEW_H: f64 = 600.0;
pub const CENTRE_X: f64 = VIEW_W / 2.0;
pub const CENTRE_Y: f64 = VIEW_H / 2.0;

/// Radii of the table top.
pub const TABLE_RX: f64 = 300.0;
pub const TABLE_RY: f64 = 165.0;
/// Radii of the ring the seats' centres lie on.
pub const SEAT_RING_RX: f64 = 410.0;
pub const SEAT_RING_RY: f64 = 256.0;
/// Size of one seat (a rounded "chair" label).
pub const SEAT_W: f64 = 144.0;
pub const SEAT_H: f64 = 64.0;

/// The centre of seat `index` of `count`, in viewBox units. Seat 0 is at the top and
/// numbering runs clockwise, as people count around a table.
pub fn seat_centre(index: u32, count: u32) -> (f64, f64) {
    let count = count.max(1);
    let angle = -std::f64::consts::FRAC_PI_2
        + std::f64::consts::TAU * f64::from(index % count) / f64::from(count);
    (
        CENTRE_X + SEAT_RING_RX * angle.cos(),
        CENTRE_Y + SEAT_RING_RY * angle.sin(),
    )
}

/// A viewBox point as a board position.
pub fn to_position(x: f64, y: f64) -> Position {
    Position::clamped(x / VIEW_W, y / VIEW_H)
}

/// Fraction of the table's radii inside which a card counts as lying in the middle
/// of the table (the centre region of the list view and of "move to… centre").
pub const CENTRE_REGION: f64 = 0.45;

/// A point on the table in "table polar" coordinates: `r` in fractions of the table
/// top's radii (1.0 is the table's edge) at `angle` (0 = right, clockwise, like the
/// seats), as a board position.
fn on_table(angle: f64, r: f64) -> Position {
    to_position(
        CENTRE_X + TABLE_RX * r * angle.cos(),
        CENTRE_Y + TABLE_RY * r * angle.sin(),
    )
}

/// The angle of seat `index` of `count` as seen from the table's centre.
fn seat_angle(index: u32, count: u32) -> f64 {
    -std::f64::consts::FRAC_PI_2
        + std::f64::consts::TAU * f64::from(index % count.max(1)) / f64::from(count.max(1))
}

/// Where a card goes in front of a seat: on the table top between the seat and the
/// middle, never in the centre region. `nth` (how many cards already lie there) puts
/// cards in a small 3 × 3 fan (three along the table's edge, three rows deep) so a new
/// card never hides the previous one exactly; after nine it starts over.
pub fn seat_card_position(index: u32, count: u32, nth: usize) -> Position {
    let k = nth % 9;
    let spacing = std::f64::consts::TAU / f64::from(count.max(1));
    let step = (spacing * 0.3).min(0.3);
    let along = [0.0, step, -step][k % 3];
    let r = [0.8, 0.66, 0.52][k / 3];
    on_table(seat_angle(index, count) + along, r)
}

/// Where a card goes in the middle of the table (a case card, a theme the group
/// chose): the first exactly in the centre, later ones on a small sunflower spiral
/// that stays inside the centre region.
pub fn centre_card_position(nth: usize) -> Position {
    const GOLDEN_ANGLE: f64 = 2.399_963;
    let k = nth % 8;
    if k == 0 {
        return Position::CENTRE;
    }
    let r = 0.32 * (k as f64 / 7.0).sqrt();
    on_table(k as f64 * GOLDEN_ANGLE, r)
}

/// Where a new card is put: in front of its author's seat, or at the front of the
/// table when the author has no seat (see [`seat_card_position`]).
pub fn new_card_position(seat: Option<(u32, u32)>, nth: usize) -> Position {
    match seat {
        Some((index, count)) => seat_card_position(index, count, nth),
        // The front of the table: where seat "half" of a 2-seat table would be.
        None => {
            let k = nth % 9;
            on_table(
                std::f64::consts::FRAC_PI_2 + [0.0, 0.3, -0.3][k % 3],
                [0.8, 0.66, 0.52][k / 3],
            )
        }
    }
}

/// Which part of the table a card lies in: the middle, or in front of a seat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Region {
    Centre,
    Seat(u32),
}

/// The region of `position` at a table of `seats`: the centre region, else the seat
/// whose direction (from the middle) is nearest to the card's.
pub fn region_of(position: Position, seats: u32) -> Region {
    let nx = (position.x * VIEW_W - CENTRE_X) / TABLE_RX;
    let ny = (position.y * VIEW_H - CENTRE_Y) / TABLE_RY;
    if seats == 0 || nx.hypot(ny) < CENTRE_REGION {
        return Region::Centre;
    }
    let turn = (ny.atan2(nx) + std::f64::consts::FRAC_PI_2).rem_euclid(std::f64::consts::TAU)
        / std::f64::consts::TAU;
    let index = (turn * f64::from(seats)).round() as u32 % seats;
    Region::Seat(index)
}

/// Shortens a name to fit on a seat (`max` characters, ending in "…"). SVG text does
/// not wrap, so long names would spill over the neighbouring seats.
pub fn fit_label(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out = out.trim_end().to_owned();
    out.push('…');
    out
}

/// A board position as CSS percentages (`left`, `top`).
pub fn css_percent(p: Position) -> (String, String) {
    (
        format!("{:.3}%", p.x * 100.0),
        format!("{:.3}%", p.y * 100.0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seats_go_clockwise_from_the_top_and_stay_in_view() {
        let (x, y) = seat_centre(0, 8);
        assert!((x - CENTRE_X).abs() < 1e-9 && y < CENTRE_Y);
        let (x, _) = seat_centre(2, 8);
        assert!(x > CENTRE_X, "a quarter turn clockwise is on the right");
        for count in 4..=14 {
            for i in 0..count {
                let (x, y) = seat_centre(i, count);
                assert!(x - SEAT_W / 2.0 >= 0.0 && x + SEAT_W / 2.0 <= VIEW_W);
                assert!(y - SEAT_H / 2.0 >= 0.0 && y + SEAT_H / 2.0 <= VIEW_H);
            }
        }
    }

    #[test]
    fn seats_do_not_overlap_at_the_largest_table() {
        let n = 14;
        for i in 0..n {
            let (ax, ay) = seat_centre(i, n);
            let (bx, by) = seat_centre((i + 1) % n, n);
            assert!(
                (ax - bx).abs() >= SEAT_W || (ay - by).abs() >= SEAT_H,
                "seats {i} and {} overlap",
                (i + 1) % n
            );
        }
    }

    #[test]
    fn new_cards_land_on_the_board_and_fan_out() {
        let first = new_card_position(Some((0, 8)), 0);
        let second = new_card_position(Some((0, 8)), 1);
        assert_ne!(first, second);
        assert!(first.y < 0.5, "in front of the top seat");
        let unseated = new_card_position(None, 0);
        assert!(unseated.y > 0.5);
        for nth in 0..50 {
            let p = new_card_position(Some((7, 14)), nth);
            assert!((0.0..=1.0).contains(&p.x) && (0.0..=1.0).contains(&p.y));
        }
        assert_eq!(
            css_percent(Position { x: 0.25, y: 1.0 }),
            ("25.000%".into(), "100.000%".into())
        );
    }

    #[test]
    fn cards_in_front_of_a_seat_belong_to_that_seat() {
        for count in 4..=14 {
            for seat in 0..count {
                for nth in 0..9 {
                    let p = seat_card_position(seat, count, nth);
                    assert_eq!(
                        region_of(p, count),
                        Region::Seat(seat),
                        "card {nth} of seat {seat}/{count} at {p:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn centre_cards_stay_in_the_centre() {
        assert_eq!(centre_card_position(0), Position::CENTRE);
        for nth in 0..20 {
            assert_eq!(region_of(centre_card_position(nth), 8), Region::Centre);
        }
        assert_ne!(centre_card_position(1), centre_card_position(2));
        assert_eq!(region_of(Position { x: 0.5, y: 0.02 }, 8), Region::Seat(0));
        assert_eq!(region_of(Position { x: 0.98, y: 0.5 }, 8), Region::Seat(2));
        assert_eq!(region_of(Position { x: 0.02, y: 0.5 }, 8), Region::Seat(6));
        assert_eq!(region_of(Position { x: 0.1, y: 0.1 }, 0), Region::Centre);
    }

    #[test]
    fn labels_are_shortened_on_character_boundaries() {
        assert_eq!(fit_label(" Anna ", 12), "Anna");
        assert_eq!(fit_label("Bartholomeüs van der Berg", 12), "Bartholomeü…");
        assert_eq!(fit_label("ab cdef", 4), "ab…");
    }
}
