//! The harvest's board as the shared layout reads it ([`ovaal_shared::layout`]): who
//! holds each seat, every exported card with its author's seat and its hand-made
//! arrangement, and the phase that counts as current. The picture draws what the
//! layout makes of this, so the table on paper is the table on the screens.
//!
//! ## The current phase
//! A finished session has no "now", but the layout needs one: the cards of the current
//! phase are large, earlier ones small or folded into a chip. The picture takes the
//! last phase of the plan that has an exported card: that is the table as the group
//! left it, with its newest work in sight. Taking the facilitator's phase at export
//! time instead would often pick a phase without cards (a closing talk, an unrevealed
//! private round) and shrink every card; taking every card as current would fold the
//! oldest under "+N more" without saying which phase they were from. On a board
//! without a plan every card is current, as on the screens.

use std::collections::BTreeMap;

use super::entries::Board;
use super::schema::Harvest;
use super::text::one_line;
use super::words::{self, Lang, kind_name, label_name};
use ovaal_shared::board::seating::seat_holders;
use ovaal_shared::board::{CardKind, Location, Position, Profile};
use ovaal_shared::layout::{
    LayoutCard, LayoutInput, Place, PlaceInput, SeatInput, Surface, Viewport,
};
use ovaal_shared::{CardId, ParticipantId};

/// The picture's table area in CSS pixels (the layout's unit and the picture's): the
/// size the laptop board is designed for, so print shows what a screen shows.
pub const TABLE_W: f64 = 1280.0;
pub const TABLE_H: f64 = 720.0;

/// Who holds a seat.
#[derive(Debug, Clone, PartialEq)]
pub struct Holder {
    pub name: String,
    pub location: Location,
}

/// A card as the picture shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct TableCard {
    pub id: CardId,
    pub kind: CardKind,
    /// Kind, the case-holder's label or useful mark, "↩" for a carried card.
    pub head: String,
    pub text: String,
    /// Who wrote it; `None` when the facilitator hid names.
    pub author: Option<String>,
    /// The seat its author holds, if any.
    pub author_seat: Option<u32>,
}

/// What the picture lays out: the layout's input and, alongside it, what to draw for
/// each seat and card (`cards[i]` is `input.cards[i]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub input: LayoutInput,
    /// One per seat, `None` for a free seat.
    pub holders: Vec<Option<Holder>>,
    pub cards: Vec<TableCard>,
}

/// The harvest's table, with texts in `lang`.
pub fn table(harvest: &Harvest, lang: Lang) -> Table {
    let board = Board::new(harvest);
    let profiles: Vec<(ParticipantId, Profile)> = harvest
        .participants
        .iter()
        .filter_map(|p| {
            let pr = p.profile.as_ref()?;
            Some((
                p.id.clone(),
                Profile {
                    name: pr.name.clone(),
                    seat: pr.seat,
                    location: pr.location,
                    seat_claimed_ms: pr.seat_claimed_ms.unwrap_or(i64::MAX),
                },
            ))
        })
        .collect();
    let seats = harvest.session.seats;
    // The earliest claim holds a seat, as on every screen.
    let holders = seat_holders(profiles.iter().map(|(id, p)| (id, p)), seats);
    let seat_of: BTreeMap<&ParticipantId, u32> =
        holders.iter().map(|(seat, id)| (id, *seat)).collect();
    let hot = board.caseholder();
    let seat_inputs = (0..seats)
        .map(|seat| {
            let holder = holders.get(&seat);
            SeatInput {
                name: holder.map(|id| board.name_of(id)),
                hot: holder.is_some() && holder == hot,
            }
        })
        .collect();
    let holder_list = (0..seats)
        .map(|seat| {
            let id = holders.get(&seat)?;
            let location = profiles
                .iter()
                .find(|(pid, _)| pid == id)
                .map_or(Location::Remote, |(_, p)| p.location);
            Some(Holder {
                name: board.name_of(id),
                location,
            })
        })
        .collect();

    let mut layout_cards = Vec::new();
    let mut cards = Vec::new();
    for card in &harvest.carried {
        layout_cards.push(LayoutCard {
            id: card.id.clone(),
            kind: card.kind,
            place: place_input(card.place.as_deref(), None, (card.x, card.y)),
            phase: None,
            created_ms: card.created_ms,
            order: card.order,
        });
        cards.push(TableCard {
            id: card.id.clone(),
            kind: card.kind,
            head: format!("{} · ↩", kind_name(card.kind, lang).to_uppercase()),
            text: card.text.clone(),
            author: board
                .carried_author(card)
                .map(|a| format!("{a} · {}", one_line(&card.from_title))),
            author_seat: None,
        });
    }
    for entry in board.entries() {
        let card = entry.card;
        let author_seat = seat_of.get(entry.author).copied();
        let mut head = kind_name(card.kind, lang).to_uppercase();
        if let Some(label) = entry.label {
            head = format!("{head} · {}", label_name(label, lang).to_uppercase());
        }
        if entry.useful {
            head = format!("{head} · ★ {}", words::useful(lang).to_uppercase());
        }
        layout_cards.push(LayoutCard {
            id: card.id.clone(),
            kind: card.kind,
            place: place_input(card.place.as_deref(), author_seat, (card.x, card.y)),
            phase: card.phase.clone(),
            created_ms: card.created_ms,
            order: card.order,
        });
        cards.push(TableCard {
            id: card.id.clone(),
            kind: card.kind,
            head,
            text: card.text.clone(),
            author: board.author_shown(entry),
            author_seat,
        });
    }
    Table {
        input: LayoutInput {
            seats: seat_inputs,
            cards: layout_cards,
            current_phase: current_phase(harvest),
            viewport: Viewport {
                width: TABLE_W,
                height: TABLE_H,
            },
            surface: Surface::Print,
        },
        holders: holder_list,
        cards,
    }
}

/// The last phase of the plan with an exported card (see the module's docs).
pub fn current_phase(harvest: &Harvest) -> Option<String> {
    let written = |id: &str| {
        harvest
            .participants
            .iter()
            .flat_map(|p| &p.cards)
            .chain(harvest.private_cards.iter().flat_map(|r| &r.cards))
            .any(|c| c.phase.as_deref() == Some(id))
    };
    harvest
        .facilitation
        .plan
        .iter()
        .rev()
        .find(|p| written(&p.id))
        .map(|p| p.id.clone())
}

fn place_input(place: Option<&str>, author_seat: Option<u32>, (x, y): (f64, f64)) -> PlaceInput {
    PlaceInput {
        explicit: place.and_then(|p| p.parse::<Place>().ok()),
        author_seat,
        position: Position::clamped(x, y),
    }
}
