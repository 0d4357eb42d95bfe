//! The seats around the table and the table itself. Seats sit on a ring of the
//! table's rounded shape that fills the viewport, in the directions every board has
//! used (seat 0 at the top, clockwise), so the diagonal seats move out into the
//! viewport's corners instead of cutting into the table; each keeps room for its
//! badge above its name so nothing moves when the hot seat changes. The table top is
//! then the largest oval of the viewport's shape that stays clear of every seat, so
//! no card on it can cover a seat.

use super::model::{SeatBox, SeatInput};
use super::rect::{Oval, Rect};
use super::ring::seat_angle;
use super::surface::Metrics;
use crate::float;

/// What a free seat's label says at most ("free", "vrij").
const FREE_CHARS: usize = 4;
/// The smallest click target a seat may have (WCAG 2.5.8).
pub(crate) const MIN_TARGET: f64 = 24.0;

/// The seats and the table top, or `None` when the seats do not fit side by side even
/// with their smallest labels.
pub(crate) fn seat_ring(
    seats: &[SeatInput],
    (width, height): (f64, f64),
    m: &Metrics,
) -> Option<(Vec<SeatBox>, Oval)> {
    let mut cap = m.label_max_w;
    loop {
        if let Some(boxes) = ring_with(seats, (width, height), m, cap) {
            let table = table_top(&boxes, (width, height), m);
            return Some((boxes, table));
        }
        if cap <= m.label_min_w {
            return None;
        }
        cap = (cap * 0.85).max(m.label_min_w);
    }
}

/// The seats with labels at most `cap` wide, if no two seats overlap.
///
/// A seat's target is as wide as its own label or the badge, whichever is wider, not
/// as wide as the longest name may be: a short name leaves the room beside it to the
/// table, which matters most at the diagonals, where a seat's box reaches furthest in.
fn ring_with(
    seats: &[SeatInput],
    (width, height): (f64, f64),
    m: &Metrics,
    cap: f64,
) -> Option<Vec<SeatBox>> {
    let gap = m.gap;
    let badge_w = m.badge_w.min(cap);
    let labels: Vec<(f64, usize)> = seats
        .iter()
        .map(|seat| {
            let chars = seat
                .name
                .as_ref()
                .map_or(FREE_CHARS, |n| n.trim().chars().count().max(1));
            let label_w = (chars as f64 * m.char_w + 2.0 * m.label_pad).clamp(m.label_min_w, cap);
            (label_w, chars)
        })
        .collect();
    let target_h = (m.badge_h + gap + m.label_h).max(MIN_TARGET);
    let widest = labels
        .iter()
        .map(|&(w, _)| w.max(badge_w).max(MIN_TARGET))
        .fold(0.0, f64::max);
    let rx = width / 2.0 - m.margin - widest / 2.0;
    let ry = height / 2.0 - m.margin - target_h / 2.0;
    if rx <= 0.0 || ry <= 0.0 {
        return None;
    }
    let ring = Oval {
        cx: width / 2.0,
        cy: height / 2.0,
        rx,
        ry,
        exponent: Oval::TABLE,
    };
    // At most MAX_SEATS seats.
    let count = u32::try_from(seats.len()).ok()?;
    let boxes: Vec<SeatBox> = seats
        .iter()
        .zip(labels)
        .zip(0u32..)
        .map(|((seat, (label_w, chars)), i)| {
            let (sx, sy) = ring.edge_at(seat_angle(i, count));
            let target_w = label_w.max(badge_w).max(MIN_TARGET);
            let target = Rect {
                x: sx - target_w / 2.0,
                y: sy - target_h / 2.0,
                w: target_w,
                h: target_h,
            };
            // The slack keeps a label sized for exactly `chars` characters from
            // rounding down to one fewer.
            let label_chars =
                float::to_usize(((label_w - 2.0 * m.label_pad) / m.char_w + 1e-6).floor()).max(1);
            let label = Rect {
                x: sx - label_w / 2.0,
                y: target.bottom() - m.label_h,
                w: label_w,
                h: m.label_h,
            };
            let badge = seat.hot.then_some(Rect {
                x: sx - badge_w / 2.0,
                y: target.y,
                w: badge_w,
                h: m.badge_h,
            });
            SeatBox {
                seat: i,
                label,
                label_chars: label_chars.min(chars),
                badge,
                target,
            }
        })
        .collect();
    let apart = boxes.iter().enumerate().all(|(i, a)| {
        boxes[i + 1..].iter().all(|b| {
            !a.target
                .grown(gap / 2.0)
                .overlaps(&b.target.grown(gap / 2.0))
        })
    });
    apart.then_some(boxes)
}

/// The largest table of the viewport's shape clear of every seat by a gap, then
/// widened, and heightened, as far as the seats allow. One scale for both radii is
/// set by the tightest seat (on a wide board the top and bottom ones), which would
/// leave a band of empty board between the table and the seats at the sides.
fn table_top(seats: &[SeatBox], (width, height): (f64, f64), m: &Metrics) -> Oval {
    let oval = |kx: f64, ky: f64| Oval {
        cx: width / 2.0,
        cy: height / 2.0,
        rx: kx * (width / 2.0 - m.margin),
        ry: ky * (height / 2.0 - m.margin),
        exponent: Oval::TABLE,
    };
    let clear = |kx: f64, ky: f64| {
        let o = oval(kx, ky);
        seats.iter().all(|s| !o.touches(&s.target.grown(m.gap)))
    };
    let k = largest(0.0, |k| clear(k, k));
    let kx = largest(k, |kx| clear(kx, k));
    let ky = largest(k, |ky| clear(kx, ky));
    oval(kx, ky)
}

/// The largest scale in `from..=1` for which `fits` holds, given that it holds at
/// `from` and, once it fails, fails for every larger scale. Halving the interval
/// thirty times pins the size to well under a pixel.
fn largest(from: f64, fits: impl Fn(f64) -> bool) -> f64 {
    let (mut lo, mut hi) = (from, 1.0_f64);
    if fits(hi) {
        return hi;
    }
    for _ in 0..30 {
        let mid = (lo + hi) / 2.0;
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::surface::Surface;

    fn seated(n: usize) -> Vec<SeatInput> {
        (0..n)
            .map(|i| SeatInput {
                name: Some(
                    "Bartholomeüs van der Berg"
                        .chars()
                        .take(3 + i * 3)
                        .collect(),
                ),
                hot: i == 1,
            })
            .collect()
    }

    #[test]
    fn fourteen_seats_fit_on_every_surface() {
        for (surface, size) in [
            (Surface::Projector, (1920.0, 1080.0)),
            (Surface::Laptop, (1280.0, 720.0)),
            (Surface::Phone, (375.0, 667.0)),
            (Surface::Print, (1123.0, 794.0)),
        ] {
            let m = Metrics::of(surface);
            let (boxes, table) = seat_ring(&seated(14), size, &m).expect("fits");
            for b in &boxes {
                assert!(b.target.w >= MIN_TARGET && b.target.h >= MIN_TARGET);
                assert!(b.target.contains(&b.label));
                assert!(!table.touches(&b.target), "{surface:?} seat {}", b.seat);
                if let Some(badge) = b.badge {
                    assert!(b.target.contains(&badge) && !badge.overlaps(&b.label));
                }
            }
            assert!(table.rx > 0.25 * size.0, "{surface:?}: {table:?}");
        }
    }

    #[test]
    fn labels_grow_with_names_up_to_a_limit() {
        let m = Metrics::of(Surface::Laptop);
        let (boxes, _) = seat_ring(&seated(4), (1280.0, 720.0), &m).unwrap();
        assert!(boxes[0].label.w < boxes[3].label.w);
        assert_eq!(boxes[0].label_chars, 3);
        assert!(boxes[3].label.w <= m.label_max_w);
        assert!(boxes[1].badge.is_some() && boxes[0].badge.is_none());
    }
}
