//! From the shared [`Layout`] to what the table view draws: the layout says where
//! boxes go; this adds what goes in them (a seat's shortened name, a card's text size,
//! the cards a chip stands for with their kind, text and author).

use std::collections::BTreeMap;

use ovaal_shared::CardId;
use ovaal_shared::board::CardKind;
use ovaal_shared::layout::{
    CardSize, Layout, Oval, PhaseCount, Place, Rect, Surface, Tether, TextSizes, layout,
};
use ovaal_shared::sort::map_of;

use super::{TableFacts, layout_input, order, places, seat_of};

/// The table, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct TableScene {
    pub width: f64,
    pub height: f64,
    pub surface: Surface,
    pub table: Oval,
    pub text: TextSizes,
    /// One per seat, in seat order.
    pub seats: Vec<SeatScene>,
    /// The cards drawn on the table, in reading order per place (the centre first).
    pub cards: Vec<CardScene>,
    /// "+N" and "earlier phases" chips.
    pub chips: Vec<ChipScene>,
    /// Each seat's line to its cards (seat number, line), where the layout drew one.
    pub tethers: Vec<(u32, Tether)>,
    /// Every card's place, drawn or folded.
    pub places: BTreeMap<CardId, Place>,
    /// Every place's cards in the place's order, for the list a place opens.
    pub by_place: BTreeMap<Place, Vec<CardId>>,
    /// What a list shows of each card.
    pub entries: BTreeMap<CardId, ChipEntry>,
}

/// A seat's boxes and its name as it fits on the label.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatScene {
    pub seat: u32,
    pub label: Rect,
    /// Room for the hot-seat badge (drawn on the hot seat only).
    pub badge: Option<Rect>,
    /// What a click or tap hits, at least 24 × 24.
    pub target: Rect,
    /// The holder's name shortened to the label (with "…"); `None` for a free seat.
    pub name: Option<String>,
    pub hot: bool,
}

/// A card drawn on the table.
#[derive(Debug, Clone, PartialEq)]
pub struct CardScene {
    pub id: CardId,
    pub place: Place,
    pub rect: Rect,
    pub size: CardSize,
    /// The text size its box was made for, in CSS px.
    pub text_px: f64,
}

/// What a chip stands for.
#[derive(Debug, Clone, PartialEq)]
pub enum ChipKind {
    /// Current cards that did not fit ("+N").
    More,
    /// Cards of earlier phases, folded, with a count per phase.
    Earlier(Vec<PhaseCount>),
}

/// A chip on the table; opening it lists `cards`.
#[derive(Debug, Clone, PartialEq)]
pub struct ChipScene {
    pub place: Place,
    pub kind: ChipKind,
    pub rect: Rect,
    pub text_px: f64,
    /// The cards it stands for, in the place's order.
    pub cards: Vec<CardId>,
}

/// A card as a place's list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChipEntry {
    pub id: CardId,
    pub kind: CardKind,
    pub text: String,
    /// Who wrote it; `None` while the facilitator hides names.
    pub author: Option<String>,
    pub phase: Option<String>,
}

/// The table for this board on this screen.
pub fn table_scene(facts: &TableFacts<'_>) -> TableScene {
    let done = layout(&layout_input(facts));
    scene_of(facts, &done)
}

fn scene_of(facts: &TableFacts<'_>, done: &Layout) -> TableScene {
    let holders: BTreeMap<_, _> = map_of(seat_of(facts).into_iter().map(|(id, seat)| (seat, id)));
    let seats = done
        .seats
        .iter()
        .map(|s| {
            let holder = holders.get(&s.seat);
            SeatScene {
                seat: s.seat,
                label: s.label,
                badge: s.badge,
                target: s.target,
                name: holder.map(|id| {
                    let name = facts.profiles.get(id).map_or("", |p| p.name.as_str());
                    shorten(name, s.label_chars)
                }),
                hot: holder.is_some() && facts.hot_seat == holder,
            }
        })
        .collect();
    let text_px = |size: CardSize| match size {
        CardSize::Centre => done.text.centre,
        CardSize::Large => done.text.card,
        CardSize::Medium | CardSize::Small => done.text.small,
    };
    let places = places(facts);
    let mut cards = Vec::new();
    let mut chips = Vec::new();
    let mut tethers = Vec::new();
    for place in &done.places {
        if let (Place::Seat(n), Some(tether)) = (place.place, place.tether) {
            tethers.push((n, tether));
        }
        for card in &place.cards {
            cards.push(CardScene {
                id: card.id.clone(),
                place: place.place,
                rect: card.rect,
                size: card.size,
                text_px: text_px(card.size),
            });
        }
        if let Some(more) = &place.more {
            chips.push(ChipScene {
                place: place.place,
                kind: ChipKind::More,
                rect: more.rect,
                text_px: done.text.chip,
                cards: more.cards.clone(),
            });
        }
        if let Some(earlier) = &place.earlier {
            chips.push(ChipScene {
                place: place.place,
                kind: ChipKind::Earlier(earlier.phases.clone()),
                rect: earlier.rect,
                text_px: done.text.chip,
                cards: earlier.cards.clone(),
            });
        }
    }
    let mut by_place: BTreeMap<Place, Vec<CardId>> = BTreeMap::new();
    for (place, ids) in order::ordered_places(facts, &places) {
        by_place.insert(place, ids);
    }
    let entries = map_of(facts.cards.iter().map(|c| {
        let author = if facts.hide_names {
            None
        } else if let Some(from) = &c.carried {
            Some(from.author_name.clone()).filter(|n| !n.is_empty())
        } else {
            c.author
                .as_ref()
                .and_then(|a| facts.profiles.get(a))
                .map(|p| p.name.clone())
        };
        let entry = ChipEntry {
            id: c.id.clone(),
            kind: c.kind,
            text: c.text.clone(),
            author,
            phase: c.phase.clone(),
        };
        (c.id.clone(), entry)
    }));
    TableScene {
        width: done.width,
        height: done.height,
        surface: facts.surface,
        table: done.table,
        text: done.text,
        seats,
        cards,
        chips,
        tethers,
        places,
        by_place,
        entries,
    }
}

/// Shortens a name to `max` characters, ending in "…" when cut (an SVG label does not
/// wrap, so a long name would run into the next seat).
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out = out.trim_end().to_owned();
    out.push('…');
    out
}
