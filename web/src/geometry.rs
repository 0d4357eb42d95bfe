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

/// Where a new card is put: on the table in front of its author's seat (a bit more
/// than half way from the seat to the centre, clear of the seat itself), or at the
/// front of the table when the author has no seat. `nth` (the author's card count)
/// fans cards out on a small sunflower spiral so a new card never hides the previous
/// one exactly; after eight it starts over.
pub fn new_card_position(seat: Option<(u32, u32)>, nth: usize) -> Position {
    let (x, y) = match seat {
        Some((index, count)) => {
            let (sx, sy) = seat_centre(index, count);
            (sx + (CENTRE_X - sx) * 0.55, sy + (CENTRE_Y - sy) * 0.55)
        }
        None => (CENTRE_X, CENTRE_Y + TABLE_RY * 0.55),
    };
    const GOLDEN_ANGLE: f64 = 2.399_963;
    let step = (nth % 8) as f64;
    let radius = 72.0 * step.sqrt();
    let angle = step * GOLDEN_ANGLE;
    to_position(x + radius * angle.cos(), y + radius * angle.sin())
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
    fn labels_are_shortened_on_character_boundaries() {
        assert_eq!(fit_label(" Anna ", 12), "Anna");
        assert_eq!(fit_label("Bartholomeüs van der Berg", 12), "Bartholomeü…");
        assert_eq!(fit_label("ab cdef", 4), "ab…");
    }
}
