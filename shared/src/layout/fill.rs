//! How one place arranges its cards on its units. Current cards take blocks of units
//! nearest to the place's anchor (the table's edge in front of the seat, or the
//! middle), then earlier-phase cards take single units as small cards. What does not
//! fit is never dropped: the place's oldest current cards are counted on a "+N" chip
//! and its oldest earlier cards folded into an "earlier phases" chip. A place short of
//! units gives one chip for both rather than lose a block to the second chip: the
//! "+N" then stands for its hidden earlier cards too. The newest cards stay in sight
//! because they are the ones being talked about.
//!
//! Chips take the single units nearest to the anchor that no current card needs, so
//! a chip sits just behind its seat's cards, on the seat's side, and reads as that
//! seat's; earlier cards take the single units behind the chips.

use std::collections::BTreeSet;

use super::chips::{ZERO, chip_units, phase_counts};
use super::grid::{Cell, Grid};
use super::model::{CardBox, CardSize, EarlierChip, LayoutCard, MoreChip, PlaceBox};
use super::place::Place;
use crate::board::CardKind;

/// What a place shows: its cards split into current and earlier ones, each in the
/// place's order.
pub(crate) struct PlaceCards<'a> {
    pub place: Place,
    pub current: Vec<&'a LayoutCard>,
    pub earlier: Vec<&'a LayoutCard>,
}

/// Units taken by one attempt: blocks for current cards, units for small cards.
pub(crate) struct Taken {
    blocks: Vec<Cell>,
    /// Current cards that got no block, as small cards.
    current_smalls: Vec<Cell>,
    pub smalls: Vec<Cell>,
    /// Every unit neither a block nor a current small card took, the reserved ones
    /// included: where the chips and the small earlier cards go.
    pub singles: Vec<Cell>,
}

/// Lays out one place, or `None` if it has fewer units than its chips need.
pub(crate) fn fill(grid: &Grid, cards: &PlaceCards<'_>) -> Option<PlaceBox> {
    let m = &grid.metrics;
    let (size, block, show) = match cards.place {
        Place::Centre => (CardSize::Centre, m.centre, true),
        Place::Seat(_) => (CardSize::Large, m.large, m.seat_cards),
    };
    let (ax, ay) = grid.anchor(cards.place);
    let distance = |cell: Cell, size: (i32, i32)| {
        let (x, y) = grid.rect(cell, size).centre();
        (x - ax).hypot(y - ay)
    };
    let nearest_first = |cells: &mut Vec<Cell>, size: (i32, i32)| {
        crate::sort::sort_by(cells, |&a, &b| {
            distance(a, size)
                .total_cmp(&distance(b, size))
                .then((a.1, a.0).cmp(&(b.1, b.0)))
        });
    };
    let mut units = grid.units_of(cards.place);
    nearest_first(&mut units, (1, 1));
    let wanted = (
        if show { cards.current.len() } else { 0 },
        if show { cards.earlier.len() } else { 0 },
    );
    let attempt = |reserved: usize| -> Taken {
        let free: BTreeSet<Cell> =
            crate::sort::set_of(units[..units.len() - reserved].iter().copied());
        let mut candidates: Vec<Cell> = free
            .iter()
            .copied()
            .filter(|&(c, r)| {
                (0..block.0).all(|dc| (0..block.1).all(|dr| free.contains(&(c + dc, r + dr))))
            })
            .collect();
        nearest_first(&mut candidates, block);
        // The centre's blocks tile its units from the top left (see `Grid::new`), so
        // one block in the very middle never leaves the second card no room; where
        // some units were lent to the seats, any block that fits comes after.
        if cards.place == Place::Centre {
            crate::sort::sort_by_key(&mut candidates, |&(c, r)| {
                c % block.0 != 0 || r % block.1 != 0
            });
        }
        let mut used: BTreeSet<Cell> = BTreeSet::new();
        let mut blocks = Vec::new();
        for (c, r) in candidates {
            if blocks.len() == wanted.0 {
                break;
            }
            let cells: Vec<Cell> = (0..block.0)
                .flat_map(|dc| (0..block.1).map(move |dr| (c + dc, r + dr)))
                .collect();
            if cells.iter().all(|cell| !used.contains(cell)) {
                used.extend(cells);
                blocks.push((c, r));
            }
        }
        // The current phase leads: current cards without a block take single units
        // first, and earlier cards only what is left.
        let mut left = units[..units.len() - reserved]
            .iter()
            .copied()
            .filter(|cell| !used.contains(cell));
        let current_smalls: Vec<Cell> = left.by_ref().take(wanted.0 - blocks.len()).collect();
        let smalls = left.take(wanted.1).collect();
        let singles = units
            .iter()
            .copied()
            .filter(|cell| !used.contains(cell) && !current_smalls.contains(cell))
            .collect();
        Taken {
            blocks,
            current_smalls,
            smalls,
            singles,
        }
    };
    // Two chips only when the second chip costs no block: a place short of units
    // shows its blocks and one chip standing for everything hidden.
    let mut fallback = None;
    for reserved in 0..=2.min(units.len()) {
        let taken = attempt(reserved);
        let more = cards.current.len() - taken.blocks.len() - taken.current_smalls.len();
        let folded = cards.earlier.len() - taken.smalls.len();
        let chips = usize::from(more > 0) + usize::from(folded > 0);
        if chips <= reserved {
            let separate = (more, folded, taken);
            return Some(match fallback {
                Some(combined) if blocks_of(&combined) > blocks_of(&separate) => {
                    arrange(grid, cards, combined, size, block, true)
                }
                _ => arrange(grid, cards, separate, size, block, false),
            });
        }
        if reserved == 1 && chips == 2 {
            fallback = Some((more, folded, taken));
        }
    }
    fallback.map(|combined| arrange(grid, cards, combined, size, block, true))
}

/// What one attempt leaves hidden (current, earlier) and the units it took.
type Attempt = (usize, usize, Taken);

fn blocks_of(attempt: &Attempt) -> usize {
    attempt.2.blocks.len()
}

/// The place's boxes from the units an attempt took.
fn arrange(
    grid: &Grid,
    cards: &PlaceCards<'_>,
    (more, folded, mut taken): Attempt,
    size: CardSize,
    block: (i32, i32),
    combined: bool,
) -> PlaceBox {
    let chips = if combined {
        1
    } else {
        usize::from(more > 0) + usize::from(folded > 0)
    };
    // The chips and the small earlier cards share the single units no current card
    // took; the chips get the ones nearest the seat.
    let (mut chip_cells, smalls) = chip_units(grid, cards.place, &taken, chips);
    taken.smalls = smalls;
    // Reading order on the screen follows the place's order; the newest current
    // cards get the blocks, the older ones the single units.
    let reading = |cells: &mut Vec<Cell>| crate::sort::sort_by_key(cells, |&(c, r)| (r, c));
    reading(&mut taken.blocks);
    reading(&mut taken.current_smalls);
    reading(&mut taken.smalls);
    let shown = &cards.current[more..];
    let (as_small, as_block) = shown.split_at(shown.len() - taken.blocks.len());
    // In the centre the case leads: it is read first (see `centre_order`).
    let mut as_block = as_block.to_vec();
    if cards.place == Place::Centre {
        crate::sort::sort_by_key(&mut as_block, |c| c.kind != CardKind::Case);
    }
    let mut boxes: Vec<CardBox> = as_small
        .iter()
        .zip(&taken.current_smalls)
        .map(|(card, &cell)| CardBox {
            id: card.id.clone(),
            rect: grid.rect(cell, (1, 1)),
            size: CardSize::Small,
        })
        .collect();
    boxes.extend(
        as_block
            .iter()
            .zip(&taken.blocks)
            .map(|(card, &cell)| CardBox {
                id: card.id.clone(),
                rect: grid.rect(cell, block),
                size,
            }),
    );
    boxes.extend(
        cards.earlier[folded..]
            .iter()
            .zip(&taken.smalls)
            .map(|(card, &cell)| CardBox {
                id: card.id.clone(),
                rect: grid.rect(cell, (1, 1)),
                size: CardSize::Small,
            }),
    );
    let mut chip_rect = || {
        chip_cells
            .next()
            .map(|c| grid.rect(c, (1, 1)))
            .unwrap_or(ZERO)
    };
    let hidden_current = cards.current[..more].iter();
    let hidden_earlier = &cards.earlier[..folded];
    let (more, earlier) = if combined {
        let chip = MoreChip {
            rect: chip_rect(),
            cards: hidden_current
                .chain(hidden_earlier)
                .map(|c| c.id.clone())
                .collect(),
        };
        (Some(chip), None)
    } else {
        let more = (more > 0).then(|| MoreChip {
            rect: chip_rect(),
            cards: hidden_current.map(|c| c.id.clone()).collect(),
        });
        let earlier = (folded > 0).then(|| EarlierChip {
            rect: chip_rect(),
            phases: phase_counts(hidden_earlier),
            cards: hidden_earlier.iter().map(|c| c.id.clone()).collect(),
        });
        (more, earlier)
    };
    PlaceBox {
        place: cards.place,
        cards: boxes,
        more,
        earlier,
        tether: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::board::{CardKind, Position};
    use crate::ids::CardId;
    use crate::layout::model::SeatInput;
    use crate::layout::place::PlaceInput;
    use crate::layout::seats::seat_ring;
    use crate::layout::surface::{Metrics, Surface};

    fn card(n: usize, phase: &str) -> LayoutCard {
        LayoutCard {
            id: format!("card{n:04}").parse().unwrap(),
            kind: CardKind::Question,
            place: PlaceInput {
                explicit: None,
                author_seat: Some(0),
                position: Position::CENTRE,
            },
            phase: Some(phase.to_owned()),
            created_ms: n as i64,
            order: None,
        }
    }

    fn grid(surface: Surface) -> Grid {
        let m = Metrics::of(surface);
        let (boxes, table) =
            seat_ring(&vec![SeatInput::default(); 8], (1280.0, 720.0), &m).unwrap();
        Grid::new(table, &boxes, &m, &[1; 9]).unwrap()
    }

    #[test]
    fn a_few_cards_all_show_without_chips() {
        let g = grid(Surface::Laptop);
        let cards: Vec<LayoutCard> = (0..2).map(|n| card(n, "now")).collect();
        let place = PlaceCards {
            place: Place::Seat(0),
            current: cards.iter().collect(),
            earlier: vec![],
        };
        let out = fill(&g, &place).unwrap();
        assert_eq!(out.cards.len(), 2);
        assert!(out.more.is_none() && out.earlier.is_none());
        assert_eq!(
            out.cards[0].id, cards[0].id,
            "reading order is the place's order"
        );
    }

    #[test]
    fn overflow_keeps_the_newest_and_counts_the_rest() {
        let g = grid(Surface::Laptop);
        let cards: Vec<LayoutCard> = (0..60).map(|n| card(n, "now")).collect();
        let old: Vec<LayoutCard> = (100..130)
            .map(|n| card(n, if n < 110 { "a" } else { "b" }))
            .collect();
        let place = PlaceCards {
            place: Place::Seat(0),
            current: cards.iter().collect(),
            earlier: old.iter().collect(),
        };
        let out = fill(&g, &place).unwrap();
        let more = out.more.expect("a +N chip");
        assert_eq!(more.cards[0], cards[0].id, "the oldest are counted");
        let is_current = |id: &CardId| cards.iter().any(|c| &c.id == id);
        assert_eq!(
            out.cards.iter().filter(|c| is_current(&c.id)).count() + more.cards.len(),
            60
        );
        assert!(
            out.cards.iter().any(|c| c.id == cards[59].id),
            "the newest shows"
        );
        let earlier = out.earlier.expect("an earlier chip");
        let shown_earlier = out.cards.iter().filter(|c| !is_current(&c.id)).count();
        assert_eq!(shown_earlier + earlier.cards.len(), 30);
        assert!(
            out.cards
                .iter()
                .filter(|c| !is_current(&c.id))
                .all(|c| c.size == CardSize::Small),
            "earlier cards are small"
        );
        assert_eq!(
            earlier.phases.iter().map(|p| p.count).sum::<usize>(),
            earlier.cards.len()
        );
        assert_eq!(earlier.phases[0].phase.as_deref(), Some("a"));
    }

    #[test]
    fn a_phone_counts_a_seats_cards_and_shows_the_centre() {
        let g = grid(Surface::Phone);
        let cards: Vec<LayoutCard> = (0..3).map(|n| card(n, "now")).collect();
        let seat = PlaceCards {
            place: Place::Seat(3),
            current: cards.iter().collect(),
            earlier: cards.iter().collect(),
        };
        let out = fill(&g, &seat).unwrap();
        assert!(out.cards.is_empty());
        assert_eq!(out.more.unwrap().cards.len(), 3);
        assert_eq!(out.earlier.unwrap().cards.len(), 3);
        let centre = PlaceCards {
            place: Place::Centre,
            current: cards[..1].iter().collect(),
            earlier: vec![],
        };
        let out = fill(&g, &centre).unwrap();
        assert_eq!(out.cards.len(), 1);
        assert_eq!(out.cards[0].size, CardSize::Centre);
    }
}
