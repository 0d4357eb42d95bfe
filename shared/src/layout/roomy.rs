//! Earlier cards grow into the room the table has to spare. Once every seat shows
//! every one of its current cards large, the single units nobody uses are free: the
//! seats take turns, each turning its newest small earlier card into a medium one (a
//! current card's block, its text at the small size, so two or three lines can be
//! read) on the free block nearest to its edge of the table, one card per seat per
//! turn, until no seat can. A block may reach over into a neighbour's (or the
//! centre's) units when they are free, but its middle lies in its own seat's
//! direction, so it still reads as that seat's. A place that folds cards away keeps
//! them small: it is crowded.

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
    let mut free: BTreeSet<Cell> = seat_units
        .iter()
        .copied()
        .filter(|&c| !taken(places, c))
        .collect();
    let cells_of = move |(c, r): Cell| {
        (0..block.0).flat_map(move |dc| (0..block.1).map(move |dr| (c + dc, r + dr)))
    };
    loop {
        let mut grew = false;
        for entry in places.iter_mut() {
            let place = entry.place;
            if place == Place::Centre || entry.more.is_some() || entry.earlier.is_some() {
                continue;
            }
            // The newest small earlier card (the list is in the place's order).
            let cards = &entry.cards;
            let Some(card) = (0..cards.len())
                .rev()
                .find(|&i| cards[i].size == CardSize::Small && !current.contains(&cards[i].id))
            else {
                continue;
            };
            let own = grid.cell_of(cards[card].rect.x, cards[card].rect.y);
            let (ax, ay) = grid.anchor(place);
            let mut room = free.clone();
            room.insert(own);
            let best = room
                .iter()
                .copied()
                .filter(|&cell| cells_of(cell).all(|u| room.contains(&u)))
                .filter(|&cell| {
                    let (x, y) = grid.rect(cell, block).centre();
                    grid.seat_towards(x, y) == place
                })
                .min_by(|&a, &b| {
                    let d = |cell: Cell| {
                        let (x, y) = grid.rect(cell, block).centre();
                        (x - ax).hypot(y - ay)
                    };
                    d(a).total_cmp(&d(b)).then((a.1, a.0).cmp(&(b.1, b.0)))
                });
            let Some(cell) = best else { continue };
            free.insert(own);
            for u in cells_of(cell) {
                free.remove(&u);
            }
            let shown = &mut entry.cards[card];
            shown.rect = grid.rect(cell, block);
            shown.size = CardSize::Medium;
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
