//! Earlier cards grow into the room the table has to spare. Once every seat shows
//! every one of its current cards large, the single units nobody uses are free: the
//! seats take turns, each turning its newest small earlier card into a medium one (a
//! current card's block, its text at the small size, so two or three lines can be
//! read) on the free block nearest to its edge of the table, one card per seat per
//! turn, until no seat can. The seat's other small earlier cards may step aside to
//! free units in its direction to make room for the block. A block may reach over
//! into a neighbour's (or the centre's) units when they are free, but its middle
//! lies in its own seat's direction and it lies next to one of its place's boxes, so
//! it still reads as that seat's. A place that folds cards away keeps them small: it
//! is crowded.

use std::collections::BTreeSet;

use super::grid::{Cell, Grid};
use super::model::{CardSize, PlaceBox};
use super::place::Place;
use super::rect::Rect;
use crate::ids::CardId;

/// Grows the small earlier cards of `places` where there is room; the `current`
/// cards keep their size.
pub(crate) fn grow(grid: &Grid, places: &mut [PlaceBox], current: &BTreeSet<&CardId>) {
    let block = grid.metrics.large;
    let seat_units: Vec<Cell> = grid.units().map(|(c, _)| c).collect();
    let taken = |places: &[PlaceBox], cell: Cell| {
        let r = grid.rect(cell, (1, 1));
        places.iter().any(|p| boxes(p).any(|b| b.overlaps(&r)))
    };
    let mut free: BTreeSet<Cell> =
        crate::sort::set_of(seat_units.iter().copied().filter(|&c| !taken(places, c)));
    let cells_of = move |(c, r): Cell| {
        (0..block.0).flat_map(move |dc| (0..block.1).map(move |dr| (c + dc, r + dr)))
    };
    let distance_to = |(ax, ay): (f64, f64), cell: Cell, size: (i32, i32)| {
        let (x, y) = grid.rect(cell, size).centre();
        (x - ax).hypot(y - ay)
    };
    loop {
        let mut grew = false;
        for entry in places.iter_mut() {
            let place = entry.place;
            if place == Place::Centre || entry.more.is_some() || entry.earlier.is_some() {
                continue;
            }
            // The place's small earlier cards and their units; the newest (last in
            // the place's order) is the one to grow. The others may move aside to
            // free units in the seat's direction to make room for its block.
            let smalls: Vec<(usize, Cell)> = (0..entry.cards.len())
                .filter(|&i| {
                    let c = &entry.cards[i];
                    c.size == CardSize::Small && !current.contains(&c.id)
                })
                .map(|i| {
                    (
                        i,
                        grid.cell_of(entry.cards[i].rect.x, entry.cards[i].rect.y),
                    )
                })
                .collect();
            let Some(&(card, _)) = smalls.last() else {
                continue;
            };
            let anchor = grid.anchor(place);
            let mut room = free.clone();
            room.extend(smalls.iter().map(|&(_, cell)| cell));
            let towards_place = |cell: Cell| {
                let (x, y) = grid.rect(cell, (1, 1)).centre();
                grid.seat_towards(x, y) == place
            };
            let mut candidates: Vec<Cell> = room
                .iter()
                .copied()
                .filter(|&cell| cells_of(cell).all(|u| room.contains(&u)))
                .filter(|&cell| {
                    let (x, y) = grid.rect(cell, block).centre();
                    grid.seat_towards(x, y) == place
                })
                .collect();
            crate::sort::sort_by(&mut candidates, |&a, &b| {
                distance_to(anchor, a, block)
                    .total_cmp(&distance_to(anchor, b, block))
                    .then((a.1, a.0).cmp(&(b.1, b.0)))
            });
            let others = &smalls[..smalls.len() - 1];
            // A block stays with its place: next to one of the place's boxes (the
            // card's own unit among them), never out in the middle on its own.
            let near = grid.metrics.gap * 1.5;
            let beside: Vec<Rect> = boxes(entry).map(|r| r.grown(near)).collect();
            candidates.retain(|&cell| {
                let r = grid.rect(cell, block);
                beside.iter().any(|b| b.overlaps(&r))
            });
            let plan = candidates.into_iter().find_map(|cell| {
                let covered: BTreeSet<Cell> = crate::sort::set_of(cells_of(cell));
                let (moved, stay): (Vec<_>, Vec<_>) =
                    others.iter().partition(|(_, u)| covered.contains(u));
                let mut spare: Vec<Cell> = room
                    .iter()
                    .copied()
                    .filter(|u| !covered.contains(u) && !stay.iter().any(|(_, s)| s == u))
                    .filter(|&u| towards_place(u))
                    .collect();
                if spare.len() < moved.len() {
                    return None;
                }
                crate::sort::sort_by(&mut spare, |&a, &b| {
                    distance_to(anchor, a, (1, 1))
                        .total_cmp(&distance_to(anchor, b, (1, 1)))
                        .then((a.1, a.0).cmp(&(b.1, b.0)))
                });
                let moves: Vec<(usize, Cell)> =
                    moved.iter().zip(spare).map(|(&(i, _), u)| (i, u)).collect();
                Some((cell, moves))
            });
            let Some((cell, moves)) = plan else { continue };
            for &(i, u) in &moves {
                entry.cards[i].rect = grid.rect(u, (1, 1));
            }
            let shown = &mut entry.cards[card];
            shown.rect = grid.rect(cell, block);
            shown.size = CardSize::Medium;
            // What the place's cards no longer stand on is free again.
            free = room;
            for u in cells_of(cell) {
                free.remove(&u);
            }
            for c in entry.cards.iter().filter(|c| c.size == CardSize::Small) {
                free.remove(&grid.cell_of(c.rect.x, c.rect.y));
            }
            grew = true;
        }
        if !grew {
            return;
        }
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
