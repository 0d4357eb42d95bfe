//! Where everything on the table goes, decided once for every screen.
//!
//! The web table, the room screen, the phone and the harvest picture all call
//! [`layout`] with the same board and get the same arrangement, scaled to their own
//! size. It is a pure function: no stored position moves a card, and equal inputs
//! give equal outputs, so the same board looks the same everywhere.
//!
//! ## Places
//! Every card belongs to one [`Place`]: the centre of the table, or the room in front
//! of one seat. A card's place is the place it was moved to (the card's `place` key,
//! `"centre"` or `"seat:<n>"`, see [`Place`]'s `FromStr`), else the centre for the
//! case of the case-holder, else its author's seat, else, for a card whose author has
//! no seat, the place its stored position lies in ([`region_of`]). Choosing a theme
//! is moving it to the centre. Within a place cards keep one order ([`card_order`]):
//! an explicit `order` (written by "move up / down", in the units of the creation
//! time), then the creation time, then the id.
//!
//! ## Arrangement
//! The table top is a rounded oval ([`Oval`]: a superellipse of exponent
//! [`Oval::TABLE`], between an ellipse and a rectangle), so it reaches into the corners
//! of the viewport where the diagonal seats' cards go; an inscribed ellipse leaves
//! those corners empty and starves those seats. Seats sit on a ring of the same shape
//! filling the viewport, seat 0 at the top, clockwise, each with its name label and
//! room for the hot-seat badge above it, its target as wide as its own label or the
//! badge (not as the longest name could be); the table top is the largest such oval
//! clear of them all. Every screen draws the table from [`Oval::outline`] (or
//! [`Oval::svg_path`]), so the web table and the harvest picture have one shape. The
//! table top is a grid of units (see `grid`): the
//! units in the middle belong to the centre (a column of blocks per centre card, up
//! to the surface's limit, none while it is empty), the others to the seat with cards
//! whose direction they lie in (a seat without cards lends its direction to its
//! neighbours). A current-phase card takes a block of 2 × 2 units, a centre card
//! 3 × 3 (large enough to read the case and the chosen theme), an earlier-phase card
//! or a chip one unit. Since everything is made of different units, nothing overlaps,
//! and since the table top is clear of the seats, no card covers a seat. The centre's
//! blocks tile its units from the top left, side by side (on a phone, whose table is
//! narrow, one above the other, and on a room screen too where that lets more seats
//! show a large card), so the case and the chosen theme are both large;
//! the case-holder's case comes first and is the last centre card to lose its block.
//!
//! ## Tiers
//! Every seat shows each of its current cards large before any earlier card gets more
//! than one unit: only then do the earlier cards grow into the units nobody uses
//! (`roomy`), each seat in turn turning its newest small earlier card into a
//! [`CardSize::Medium`] one (a current card's block, the small text), on the free
//! block nearest its edge whose middle lies in its direction, next to one of its
//! place's boxes. A place that folds
//! cards onto a chip is crowded and keeps them small. Each seat's place gets a
//! [`Tether`], a line from its label to its nearest box, where that line passes under
//! no other place's box and no other seat.
//!
//! ## Overflow and folding
//! A place puts its newest current cards nearest to its seat; when they do not all
//! fit, the oldest are counted on a "+N" chip ([`MoreChip`]). Earlier-phase cards fill
//! the units left over as small cards; the rest fold into an "earlier phases" chip
//! ([`EarlierChip`]) with a count per phase. A place short of units shows one chip for
//! both instead of giving a block to the second: its "+N" then lists the hidden
//! earlier cards too. Chips take the single units nearest the seat that no current
//! card needs, so they sit right behind their seat's cards. Each chip lists its cards,
//! so a click opens them as a list. Every card is either visible or on exactly one chip. On a
//! phone ([`Surface::Phone`]) the seats' places show only their chips, and the phone
//! opens a place's cards as a list; the centre still shows its cards.
//!
//! ## Sizes
//! [`Surface`] picks the sizes: current card text 20 px on a projector (cards
//! 208 × 88), 14 px on a laptop and in print (150 × 66), chips and small cards one
//! unit, tap targets at least 24 × 24 on a phone. A viewport too small for its
//! surface's sizes gets the same arrangement scaled down until it fits
//! ([`Layout::text`] tells the renderer the sizes used). A projector steps further
//! down, to a floor set by the board's height (`projector_least`), while that lets
//! more seats show a card of the round large, or, before the round has cards, the
//! earlier cards keep their medium size.

mod chips;
mod fill;
mod grid;
mod model;
mod place;
mod rect;
pub mod ring;
mod roomy;
mod seats;
mod surface;
mod tether;

pub use model::{
    CardBox, CardSize, EarlierChip, Layout, LayoutCard, LayoutInput, MoreChip, PhaseCount,
    PlaceBox, SeatBox, SeatInput, Tether, Viewport,
};
pub use place::{Place, PlaceError, PlaceInput, card_order, place_of};
pub use rect::{Oval, Rect};
pub use ring::region_of;
pub use surface::{Surface, TextSizes};

use chips::phase_counts;
use fill::{PlaceCards, fill};
use grid::Grid;
use surface::Metrics;

/// The fewest and most seats a table has.
pub const MIN_SEATS: usize = 4;
pub const MAX_SEATS: usize = 14;
/// The smallest viewport the layout is made for; a smaller one is laid out at this
/// size.
pub const MIN_VIEWPORT: f64 = 240.0;

/// Where every seat, card and chip goes on a screen. Pure and deterministic.
pub fn layout(input: &LayoutInput) -> Layout {
    let mut seats = input.seats.clone();
    seats.truncate(MAX_SEATS);
    seats.resize(seats.len().max(MIN_SEATS), SeatInput::default());
    // At most MAX_SEATS (truncated above): every seat index fits a u32.
    let count = u32::try_from(seats.len()).unwrap_or(u32::MAX);
    let hot_seat = seats
        .iter()
        .position(|s| s.hot)
        .and_then(|i| u32::try_from(i).ok());
    let size = |v: f64| {
        if v.is_finite() {
            v.max(MIN_VIEWPORT)
        } else {
            MIN_VIEWPORT
        }
    };
    let (width, height) = (size(input.viewport.width), size(input.viewport.height));

    // Each place's cards in the place's order, split into current and earlier ones.
    let mut by_place: Vec<Vec<&LayoutCard>> = vec![Vec::new(); seats.len() + 1];
    for card in &input.cards {
        let index = match place_of(card.kind, &card.place, count, hot_seat) {
            Place::Centre => 0,
            Place::Seat(n) => n as usize + 1,
        };
        by_place[index].push(card);
    }
    let current_phase = input.current_phase.as_deref();
    let places: Vec<PlaceCards<'_>> = by_place
        .into_iter()
        .zip(0u32..)
        .map(|(mut cards, i)| {
            crate::sort::sort_by(&mut cards, |a, b| {
                card_order(
                    (a.order, a.created_ms, &a.id),
                    (b.order, b.created_ms, &b.id),
                )
            });
            let place = if i == 0 {
                Place::Centre
            } else {
                Place::Seat(i - 1)
            };
            // The centre holds what the whole group works on: all of it stays large.
            let (current, earlier) = if place == Place::Centre {
                (centre_order(cards), Vec::new())
            } else {
                cards.into_iter().partition(|c| c.is_current(current_phase))
            };
            PlaceCards {
                place,
                current,
                earlier,
            }
        })
        .collect();

    let base = Metrics::of(input.surface);
    // A room screen is read from across the room, where a count says nothing: it
    // steps its sizes down, as far as `projector_least` allows, until every seat
    // shows a card of the round large, and otherwise keeps the sizes at which the
    // most seats do (the largest of those). Before anyone has written in the round,
    // the earlier rounds' cards are what the room reads: then it steps down until
    // they all keep a medium size.
    let least = match input.surface {
        Surface::Projector => projector_least(height),
        _ => 1.0,
    };
    let mut factor = 1.0;
    let mut best: Option<((usize, usize), Layout)> = None;
    for _ in 0..24 {
        let m = base.scaled(factor);
        let missing_of = |done: &Layout| {
            (
                seats_without_a_large_card(&places, done),
                earlier_kept_small(&places, done),
            )
        };
        // A room screen also tries the case and the theme one above the other, which
        // leaves the seats at the sides room for a large card, and keeps whichever
        // leaves fewer seats without one.
        let side = arrange(&seats, &places, (width, height), &m);
        let stacked = if input.surface == Surface::Projector && m.centre_cols > 1 {
            let mut s = m;
            s.centre_cols = 1;
            s.centre_rows = m.centre_cols;
            arrange(&seats, &places, (width, height), &s)
        } else {
            None
        };
        // The first of the fewest: side by side unless stacking leaves fewer.
        let chosen = [side, stacked]
            .into_iter()
            .flatten()
            .map(|done| (missing_of(&done), done))
            .min_by_key(|(missing, _)| *missing);
        if let Some((missing, done)) = chosen {
            if missing == (0, 0) || factor * 0.85 < least {
                return match best {
                    Some((fewer, earlier)) if fewer <= missing => earlier,
                    _ => done,
                };
            }
            if best.as_ref().is_none_or(|(fewer, _)| missing < *fewer) {
                best = Some((missing, done));
            }
        }
        factor *= 0.85;
    }
    match best {
        Some((_, done)) => done,
        None => folded_flat(&seats, &places, (width, height), &base.scaled(factor)),
    }
}

/// The centre's cards in the order `fill` shows them: the case-holder's case last,
/// as if newest, so it is the last to lose its block to a "+N" chip however many
/// themes are moved beside it (`fill` then puts it first in reading order).
fn centre_order(cards: Vec<&LayoutCard>) -> Vec<&LayoutCard> {
    let (cases, others): (Vec<_>, Vec<_>) = cards
        .into_iter()
        .partition(|c| c.kind == crate::board::CardKind::Case);
    others.into_iter().chain(cases).collect()
}

/// The smallest share of its own sizes a room screen may step down to. Its sizes are
/// made for the board a 1080p projector gives (about 900 px high beside the join
/// panel), where 17 px (0.85 of its 20 px card text) still reads from the back; a
/// lower board is a projector of fewer pixels on the same wall, where fewer pixels
/// make the same size, so the share shrinks with the board's height.
fn projector_least(height: f64) -> f64 {
    const BOARD_AT_1080P: f64 = 900.0;
    0.85 * (height / BOARD_AT_1080P).min(1.0)
}

/// Before anyone has written in the current round: how many earlier cards at the
/// seats are not shown medium (small, or folded on a chip). Zero once the round has
/// cards, which then lead.
fn earlier_kept_small(places: &[PlaceCards<'_>], done: &Layout) -> usize {
    let seats = || {
        places
            .iter()
            .zip(&done.places)
            .filter(|(p, _)| p.place != Place::Centre)
    };
    if seats().any(|(p, _)| !p.current.is_empty()) {
        return 0;
    }
    seats()
        .map(|(p, b)| {
            let medium = b
                .cards
                .iter()
                .filter(|c| c.size == CardSize::Medium)
                .count();
            p.earlier.len() - medium
        })
        .sum()
}

/// How many seats with cards of the current phase show none of them large.
fn seats_without_a_large_card(places: &[PlaceCards<'_>], done: &Layout) -> usize {
    places
        .iter()
        .zip(&done.places)
        .filter(|(p, b)| {
            p.place != Place::Centre
                && !p.current.is_empty()
                && !b.cards.iter().any(|c| c.size == CardSize::Large)
        })
        .count()
}

/// The whole layout at one set of sizes, if everything fits.
fn arrange(
    seats: &[SeatInput],
    places: &[PlaceCards<'_>],
    viewport: (f64, f64),
    m: &Metrics,
) -> Option<Layout> {
    let (seat_boxes, table) = seats::seat_ring(seats, viewport, m)?;
    // `places` holds the centre first, then the seats in order.
    let counts: Vec<usize> = places
        .iter()
        .map(|p| p.current.len() + p.earlier.len())
        .collect();
    let grid = Grid::new(table, &seat_boxes, m, &counts)?;
    let mut boxes = places
        .iter()
        .map(|p| fill(&grid, p))
        .collect::<Option<Vec<_>>>()?;
    // Every seat a large block for each current card before any earlier card gets a
    // block of its own: only then do earlier cards grow into the room left over.
    if places.iter().zip(&boxes).all(|(p, b)| all_large(p, b)) {
        let current: std::collections::BTreeSet<&crate::ids::CardId> =
            crate::sort::set_of(places.iter().flat_map(|p| p.current.iter().map(|c| &c.id)));
        roomy::grow(&grid, &mut boxes, &current);
    }
    tether::tie(&mut boxes, &seat_boxes, &table);
    Some(Layout {
        width: viewport.0,
        height: viewport.1,
        table,
        text: m.text,
        seats: seat_boxes,
        places: boxes,
    })
}

/// Whether every current card of a seat's place is shown large (the centre's cards
/// are always shown at their own size, so it does not count).
fn all_large(cards: &PlaceCards<'_>, shown: &PlaceBox) -> bool {
    cards.place == Place::Centre
        || (shown.more.is_none()
            && shown
                .cards
                .iter()
                .filter(|c| c.size == CardSize::Large)
                .count()
                == cards.current.len())
}

/// The last resort, for a viewport where even the smallest sizes do not fit: no seat
/// boxes and every card on its place's chips, so at least nothing is lost.
fn folded_flat(
    seats: &[SeatInput],
    places: &[PlaceCards<'_>],
    (width, height): (f64, f64),
    m: &Metrics,
) -> Layout {
    let table = Oval {
        cx: width / 2.0,
        cy: height / 2.0,
        rx: width / 2.0,
        ry: height / 2.0,
        exponent: Oval::TABLE,
    };
    let dot = Rect {
        x: width / 2.0,
        y: height / 2.0,
        w: 0.0,
        h: 0.0,
    };
    let ids = |cards: &[&LayoutCard]| cards.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    Layout {
        width,
        height,
        table,
        text: m.text,
        seats: (0u32..)
            .zip(seats)
            .map(|(seat, _)| SeatBox {
                seat,
                label: dot,
                label_chars: 0,
                badge: None,
                target: dot,
            })
            .collect(),
        places: places
            .iter()
            .map(|p| PlaceBox {
                place: p.place,
                cards: Vec::new(),
                more: (!p.current.is_empty()).then(|| MoreChip {
                    rect: dot,
                    cards: ids(&p.current),
                }),
                earlier: (!p.earlier.is_empty()).then(|| EarlierChip {
                    rect: dot,
                    phases: phase_counts(&p.earlier),
                    cards: ids(&p.earlier),
                }),
                tether: None,
            })
            .collect(),
    }
}
