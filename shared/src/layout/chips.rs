//! Where a place's chips go and what they say. The chips take the single units
//! nearest to the place's anchor that no current card took, so a chip sits just
//! behind its seat's cards; the small earlier cards get the units behind them. An
//! "earlier phases" chip counts its cards per phase.

use std::collections::BTreeMap;

use super::fill::Taken;
use super::grid::{Cell, Grid};
use super::model::{LayoutCard, PhaseCount};
use super::place::Place;

/// The units for `chips` chips, nearest to the place's anchor first, and the units
/// left for the small earlier cards, out of the units the attempt gave to earlier
/// cards or kept free.
pub(crate) fn chip_units(
    grid: &Grid,
    place: Place,
    taken: &Taken,
    chips: usize,
) -> (std::vec::IntoIter<Cell>, Vec<Cell>) {
    let (ax, ay) = grid.anchor(place);
    let mut pool: Vec<Cell> = taken.singles.clone();
    crate::sort::sort_by(&mut pool, |&a, &b| {
        let d = |cell: Cell| {
            let (x, y) = grid.rect(cell, (1, 1)).centre();
            (x - ax).hypot(y - ay)
        };
        d(a).total_cmp(&d(b)).then((a.1, a.0).cmp(&(b.1, b.0)))
    });
    let smalls_count = taken.smalls.len();
    let chip_cells: Vec<Cell> = pool.iter().copied().take(chips).collect();
    let mut smalls: Vec<Cell> = pool[chips.min(pool.len())..]
        .iter()
        .copied()
        .take(smalls_count)
        .collect();
    crate::sort::sort_by_key(&mut smalls, |&(c, r)| (r, c));
    (chip_cells.into_iter(), smalls)
}

/// Never used: `fill` reserves a unit for every chip before arranging.
pub(crate) const ZERO: super::rect::Rect = super::rect::Rect {
    x: 0.0,
    y: 0.0,
    w: 0.0,
    h: 0.0,
};

/// How many cards each phase has, the phase whose first card is oldest first.
pub(crate) fn phase_counts(cards: &[&LayoutCard]) -> Vec<PhaseCount> {
    let mut phases: BTreeMap<Option<&str>, (i64, usize)> = BTreeMap::new();
    for card in cards {
        let entry = phases
            .entry(card.phase.as_deref())
            .or_insert((card.created_ms, 0));
        entry.0 = entry.0.min(card.created_ms);
        entry.1 += 1;
    }
    let mut list: Vec<(i64, Option<&str>, usize)> =
        phases.into_iter().map(|(p, (t, n))| (t, p, n)).collect();
    crate::sort::sort(&mut list);
    list.into_iter()
        .map(|(_, phase, count)| PhaseCount {
            phase: phase.map(str::to_owned),
            count,
        })
        .collect()
}
