//! The table top as a grid of units, each owned by one place. A chip or a small card
//! fills one unit and a card a block of units, so two things on the table can never
//! overlap: they are made of different units, and units keep a gap between them. The
//! grid is centred on the table with the centre's units in the middle; every other
//! unit belongs to the seat whose direction it lies in (the rule `region_of` applies
//! to stored positions), so a seat's cards fan out from the table's edge in front of
//! it. A seat with no cards lends its direction to the seats beside it that have
//! some: its units go to the nearest of them, so an empty or free seat's share of
//! the table is not left bare while its neighbours fold their cards. Each place with
//! cards keeps at least the units its chips need, borrowing the nearest units of a
//! neighbour that can spare them.

use std::collections::BTreeMap;

use super::model::SeatBox;
use super::place::Place;
use super::rect::{Oval, Rect};
use super::ring::{nearest_seat, seat_angle};
use super::surface::Metrics;
use crate::float;

/// A unit's column and row; (0, 0) is the centre's top-left unit.
pub(crate) type Cell = (i32, i32);

pub(crate) struct Grid {
    pub metrics: Metrics,
    pub table: Oval,
    origin: (f64, f64),
    seats: u32,
    /// Whether each place has cards: the centre first, then the seats.
    has_cards: Vec<bool>,
    /// The seats units go to (those with cards, or all when none has any).
    takers: Vec<u32>,
    /// Every usable unit and its owner, keyed by (row, column) so iteration is
    /// deterministic and in reading order.
    owners: BTreeMap<(i32, i32), Place>,
}

impl Grid {
    /// The grid over `table`, clear of every seat, for places holding `cards` cards
    /// (the centre first, then each seat); `None` when some place cannot get the units
    /// its chips need.
    ///
    /// The centre keeps a block per card up to the surface's `centre_cols` side by
    /// side and `centre_rows` below each other, and none when it is empty: on a laptop two empty 3 × 3 blocks
    /// would take most of the table's width and leave the seats too few units for a
    /// single large card. An empty centre still gets a unit from `balance`.
    pub fn new(table: Oval, seats: &[SeatBox], m: &Metrics, cards: &[usize]) -> Option<Grid> {
        // At most MAX_SEATS seats.
        let count = u32::try_from(seats.len()).ok()?;
        let has_cards: Vec<bool> = (0..=seats.len())
            .map(|i| cards.get(i).is_some_and(|&n| n > 0))
            .collect();
        let centre_cards = cards.first().copied().unwrap_or(0);
        // The seats units go to: those with cards, or all when none has any.
        let takers: Vec<u32> = if has_cards[1..].iter().any(|&h| h) {
            (0..count).filter(|&s| has_cards[s as usize + 1]).collect()
        } else {
            (0..count).collect()
        };
        let (pw, ph) = (m.unit_w + m.gap, m.unit_h + m.gap);
        // A block per centre card, up to the surface's columns × rows, tiled from the
        // top left (`fill` places the centre's blocks on that tiling).
        let blocks = m.centre_cols.max(1) * m.centre_rows.max(1);
        let slots = i32::try_from(centre_cards).map_or(blocks, |n| n.min(blocks));
        let centre_cols = slots.min(m.centre_cols.max(1));
        let centre_rows = if slots == 0 {
            0
        } else {
            (slots + centre_cols - 1) / centre_cols
        };
        let centre_w = centre_cols * m.centre.0;
        let centre_h = if slots == 0 {
            0
        } else {
            centre_rows * m.centre.1 + i32::from(m.centre_rows == 1)
        };
        let origin = (
            table.cx - (f64::from(centre_w) * pw - m.gap) / 2.0,
            table.cy - (f64::from(centre_h) * ph - m.gap) / 2.0,
        );
        let mut grid = Grid {
            metrics: *m,
            table,
            origin,
            seats: count,
            has_cards,
            takers: takers.clone(),
            owners: BTreeMap::new(),
        };
        // The table's radii are a screen's size, a few dozen units at most.
        let cols = float::to_i32((table.rx / pw).ceil()) + centre_w + 1;
        let rows = float::to_i32((table.ry / ph).ceil()) + centre_h + 1;
        for row in -rows..=rows {
            for col in -cols..=cols {
                let rect = grid.rect((col, row), (1, 1));
                let usable = table.holds(&rect)
                    && seats.iter().all(|s| !s.target.grown(m.gap).overlaps(&rect));
                if !usable {
                    continue;
                }
                let owner = if (0..centre_w).contains(&col) && (0..centre_h).contains(&row) {
                    Place::Centre
                } else {
                    let (x, y) = rect.centre();
                    let (nx, ny) = table.normalised(x, y);
                    Place::Seat(nearest_of(nx, ny, count, &takers))
                };
                grid.owners.insert((row, col), owner);
            }
        }
        grid.balance().then_some(grid)
    }

    /// The box of a block of `size` units whose top-left unit is `cell`.
    pub fn rect(&self, (col, row): Cell, size: (i32, i32)) -> Rect {
        let m = &self.metrics;
        let (w, h) = m.block(size);
        Rect {
            x: self.origin.0 + f64::from(col) * (m.unit_w + m.gap),
            y: self.origin.1 + f64::from(row) * (m.unit_h + m.gap),
            w,
            h,
        }
    }

    /// The unit whose top-left corner is nearest to `(x, y)` (the inverse of
    /// [`Grid::rect`] for a box the grid made).
    pub fn cell_of(&self, x: f64, y: f64) -> Cell {
        let m = &self.metrics;
        (
            // A point on the screen is a few hundred units from the origin at most; one
            // far outside saturates to a cell no place owns.
            float::to_i32(((x - self.origin.0) / (m.unit_w + m.gap)).round()),
            float::to_i32(((y - self.origin.1) / (m.unit_h + m.gap)).round()),
        )
    }

    /// The units of `place`, in reading order.
    pub fn units_of(&self, place: Place) -> Vec<Cell> {
        self.owners
            .iter()
            .filter(|(_, p)| **p == place)
            .map(|(&(row, col), _)| (col, row))
            .collect()
    }

    /// Where a place's cards gather: the middle for the centre, the table's edge in
    /// front of the seat for a seat.
    pub fn anchor(&self, place: Place) -> (f64, f64) {
        let t = &self.table;
        match place {
            Place::Centre => (t.cx, t.cy),
            Place::Seat(n) => t.edge_at(seat_angle(n, self.seats)),
        }
    }

    /// Every usable unit with its owner, in reading order.
    pub fn units(&self) -> impl Iterator<Item = (Cell, Place)> + '_ {
        self.owners.iter().map(|(&(row, col), &p)| ((col, row), p))
    }

    /// The seat whose direction the point `(x, y)` lies in, by the rule that gave
    /// the units their owners.
    pub fn seat_towards(&self, x: f64, y: f64) -> Place {
        let (nx, ny) = self.table.normalised(x, y);
        Place::Seat(nearest_of(nx, ny, self.seats, &self.takers))
    }

    /// Every place in layout order: the centre, then the seats.
    pub fn places(&self) -> impl Iterator<Item = Place> {
        std::iter::once(Place::Centre).chain((0..self.seats).map(Place::Seat))
    }

    /// The units a place needs at least: one chip, which stands for all its hidden
    /// cards when it has no room for two (see `fill`); none for a place without cards.
    fn needs(&self, place: Place) -> usize {
        let index = match place {
            Place::Centre => 0,
            Place::Seat(n) => n as usize + 1,
        };
        usize::from(self.has_cards.get(index).copied().unwrap_or(false))
    }

    /// Gives every place the units it needs, each time taking the unit nearest to the
    /// needy place from a place with units to spare (the centre's last). Whether
    /// every place got them.
    fn balance(&mut self) -> bool {
        let places: Vec<Place> = self.places().collect();
        for place in places {
            loop {
                let mut counts: BTreeMap<Place, usize> = BTreeMap::new();
                for p in self.owners.values() {
                    *counts.entry(*p).or_default() += 1;
                }
                if counts.get(&place).copied().unwrap_or(0) >= self.needs(place) {
                    break;
                }
                let (ax, ay) = self.anchor(place);
                let best = self
                    .owners
                    .iter()
                    .filter(|(_, p)| **p != place && counts[*p] > self.needs(**p))
                    .map(|(&(row, col), p)| {
                        let (x, y) = self.rect((col, row), (1, 1)).centre();
                        ((*p == Place::Centre), (x - ax).hypot(y - ay), row, col)
                    })
                    .min_by(|a, b| {
                        a.0.cmp(&b.0)
                            .then(a.1.total_cmp(&b.1))
                            .then((a.2, a.3).cmp(&(b.2, b.3)))
                    });
                match best {
                    Some((_, _, row, col)) => {
                        self.owners.insert((row, col), place);
                    }
                    None => return false,
                }
            }
        }
        true
    }
}

/// The seat among `takers` whose direction is nearest to the point `(nx, ny)` (in
/// fractions of the table's radii from its middle), the lower number on a tie; the
/// same rule as `ring::nearest_seat` when every seat takes.
fn nearest_of(nx: f64, ny: f64, seats: u32, takers: &[u32]) -> u32 {
    if takers.len() == seats as usize {
        return nearest_seat(nx, ny, seats);
    }
    let seats_f = f64::from(seats.max(1));
    let turn = (ny.atan2(nx) + std::f64::consts::FRAC_PI_2).rem_euclid(std::f64::consts::TAU)
        / std::f64::consts::TAU
        * seats_f;
    let apart = |s: u32| {
        let d = (turn - f64::from(s)).abs() % seats_f;
        d.min(seats_f - d)
    };
    takers
        .iter()
        .copied()
        .min_by(|&a, &b| apart(a).total_cmp(&apart(b)).then(a.cmp(&b)))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seat_without_cards_lends_its_units_to_its_neighbours() {
        let m = Metrics::of(Surface::Laptop);
        let (boxes, table) =
            seat_ring(&vec![SeatInput::default(); 8], (1280.0, 720.0), &m).unwrap();
        let all = Grid::new(table, &boxes, &m, &[1; 9]).unwrap();
        let mut cards = [1; 9];
        cards[2] = 0; // seat 1 is empty
        let lent = Grid::new(table, &boxes, &m, &cards).unwrap();
        assert!(lent.units_of(Place::Seat(1)).is_empty());
        for seat in [0, 2] {
            assert!(
                lent.units_of(Place::Seat(seat)).len() > all.units_of(Place::Seat(seat)).len(),
                "seat {seat} gets a share"
            );
        }
        // Seats with cards keep what they had between them.
        for seat in [3, 4, 5, 6, 7] {
            assert_eq!(
                lent.units_of(Place::Seat(seat)),
                all.units_of(Place::Seat(seat))
            );
        }
    }
    use crate::layout::model::SeatInput;
    use crate::layout::seats::seat_ring;
    use crate::layout::surface::Surface;

    fn grid(seats: usize, surface: Surface, size: (f64, f64)) -> Grid {
        let m = Metrics::of(surface);
        let (boxes, table) = seat_ring(&vec![SeatInput::default(); seats], size, &m).unwrap();
        let mut cards = vec![1; seats + 1];
        cards[0] = 2;
        Grid::new(table, &boxes, &m, &cards).expect("every place gets its units")
    }

    #[test]
    fn units_are_apart_on_the_table_and_off_the_seats() {
        let g = grid(14, Surface::Projector, (1920.0, 1080.0));
        let all: Vec<Rect> = g
            .places()
            .flat_map(|p| g.units_of(p))
            .map(|c| g.rect(c, (1, 1)))
            .collect();
        for (i, a) in all.iter().enumerate() {
            assert!(g.table.holds(a));
            assert!(all[i + 1..].iter().all(|b| !a.overlaps(b)));
        }
    }

    #[test]
    fn every_place_gets_room_for_its_chips_and_the_centre_for_its_cards() {
        for (surface, size) in [
            (Surface::Projector, (1920.0, 1080.0)),
            (Surface::Laptop, (1280.0, 720.0)),
            (Surface::Phone, (375.0, 667.0)),
        ] {
            for seats in [4, 9, 14] {
                let g = grid(seats, surface, size);
                for place in g.places() {
                    assert!(
                        g.units_of(place).len() >= g.needs(place),
                        "{surface:?} {place:?}"
                    );
                }
                let m = Metrics::of(surface);
                let (w, h) = m.centre;
                assert!(
                    g.units_of(Place::Centre).len() >= usize::try_from(w * h).unwrap(),
                    "{surface:?} {seats}: the centre holds a whole card"
                );
            }
        }
    }

    #[test]
    fn a_seats_units_lie_in_its_direction() {
        let g = grid(8, Surface::Laptop, (1280.0, 720.0));
        let top = g.units_of(Place::Seat(0));
        assert!(!top.is_empty());
        assert!(
            top.iter()
                .all(|&c| g.rect(c, (1, 1)).centre().1 < g.table.cy)
        );
        let right = g.units_of(Place::Seat(2));
        assert!(
            right
                .iter()
                .all(|&c| g.rect(c, (1, 1)).centre().0 > g.table.cx)
        );
    }

    #[test]
    fn an_empty_centre_gives_more_seats_room_for_a_large_card() {
        // The board of a 1280 × 800 laptop page with its side panel.
        let m = Metrics::of(Surface::Laptop);
        let (boxes, table) = seat_ring(&vec![SeatInput::default(); 8], (880.0, 527.0), &m).unwrap();
        let seats_with_a_block = |centre_cards: usize| {
            let mut cards = vec![1; 9];
            cards[0] = centre_cards;
            let g = Grid::new(table, &boxes, &m, &cards).unwrap();
            (0..8)
                .filter(|&seat| {
                    let units: std::collections::BTreeSet<Cell> =
                        g.units_of(Place::Seat(seat)).into_iter().collect();
                    let (w, h) = m.large;
                    units.iter().any(|&(c, r)| {
                        (0..w).all(|dc| (0..h).all(|dr| units.contains(&(c + dc, r + dr))))
                    })
                })
                .count()
        };
        let (empty, one) = (seats_with_a_block(0), seats_with_a_block(1));
        // The square table gives all eight a block even beside a case; an empty
        // centre must never give fewer.
        assert!(
            empty >= 4 && empty >= one,
            "{empty} seats with a block, {one} with a case"
        );
    }
}
