//! What the layout reads and what it hands back. The input is what any screen already
//! knows about a board (seats, cards, the current phase) plus the screen itself; the
//! output is boxes in CSS pixels of that screen, ready to draw and to hit-test.

use super::place::{Place, PlaceInput};
use super::rect::{Oval, Rect};
use super::surface::{Surface, TextSizes};
use crate::board::CardKind;
use crate::ids::CardId;

/// Everything the layout depends on. Two equal inputs give equal layouts.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutInput {
    /// The seats in order (seat 0 at the top, clockwise). A table has 4 to 14 seats;
    /// fewer are filled up with free seats, more are cut off.
    pub seats: Vec<SeatInput>,
    pub cards: Vec<LayoutCard>,
    /// The phase the group is in; `None` on a free board, where every card is current.
    pub current_phase: Option<String>,
    /// The drawing area in CSS pixels.
    pub viewport: Viewport,
    pub surface: Surface,
}

/// The size of the drawing area in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub width: f64,
    pub height: f64,
}

/// One seat as the table shows it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SeatInput {
    /// Who holds the seat (its display name), `None` for a free seat. Only its length
    /// sizes the label.
    pub name: Option<String>,
    /// Whether this is the hot seat (the case-holder's).
    pub hot: bool,
}

/// One card as the layout needs it: no text, since a card's box does not grow with
/// its text (the renderer shortens what does not fit).
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutCard {
    pub id: CardId,
    pub kind: CardKind,
    pub place: PlaceInput,
    /// The phase it was written in.
    pub phase: Option<String>,
    pub created_ms: i64,
    /// Its explicit order within its place, if it was moved up or down.
    pub order: Option<f64>,
}

impl LayoutCard {
    /// Whether the card belongs to the phase the group is in (every card does on a
    /// free board).
    pub fn is_current(&self, current_phase: Option<&str>) -> bool {
        current_phase.is_none_or(|p| self.phase.as_deref() == Some(p))
    }
}

/// Where everything goes, in CSS pixels of the viewport (origin top left).
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// The table top.
    pub table: Oval,
    /// The text sizes the boxes were made for.
    pub text: TextSizes,
    /// One per seat, in seat order.
    pub seats: Vec<SeatBox>,
    /// The centre first, then one per seat in seat order.
    pub places: Vec<PlaceBox>,
}

/// A seat's boxes. No card, chip or other seat covers any of them.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatBox {
    pub seat: u32,
    /// The name (or "free").
    pub label: Rect,
    /// How many characters of the name fit on the label (shorten with an ellipsis).
    pub label_chars: usize,
    /// The hot-seat badge, drawn only on the hot seat; its room is kept on every seat
    /// so nothing moves when the hot seat changes.
    pub badge: Option<Rect>,
    /// What a click or tap on the seat hits: label and badge room together, at least
    /// 24 × 24.
    pub target: Rect,
}

/// How a card is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CardSize {
    /// In the centre: the case, the chosen theme.
    Centre,
    /// A card of the current phase.
    Large,
    /// A card of an earlier phase while its place has room to spare: a current card's
    /// block with its text at the small size, so two or three lines can be read.
    Medium,
    /// A card of an earlier phase on a crowded place, or a current card without room
    /// for a block: one line.
    Small,
}

/// A card's box.
#[derive(Debug, Clone, PartialEq)]
pub struct CardBox {
    pub id: CardId,
    pub rect: Rect,
    pub size: CardSize,
}

/// A chip standing for the current cards of a place that did not fit ("+N"). They
/// are the place's oldest; opening the chip lists them. When the place has room for
/// one chip only it stands for the folded earlier cards too (then `earlier` is
/// `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct MoreChip {
    pub rect: Rect,
    /// The cards it stands for, in the place's order.
    pub cards: Vec<CardId>,
}

/// A chip standing for a place's earlier-phase cards that are folded away.
#[derive(Debug, Clone, PartialEq)]
pub struct EarlierChip {
    pub rect: Rect,
    /// How many folded cards each phase has, earliest phase first.
    pub phases: Vec<PhaseCount>,
    /// The cards it stands for, in the place's order.
    pub cards: Vec<CardId>,
}

/// The number of folded cards of one phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseCount {
    pub phase: Option<String>,
    pub count: usize,
}

/// A place's cards and chips. Every card of the place is either in `cards` or in
/// exactly one chip.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceBox {
    pub place: Place,
    /// The visible cards, in the place's order (reading order on the screen).
    pub cards: Vec<CardBox>,
    pub more: Option<MoreChip>,
    pub earlier: Option<EarlierChip>,
    /// A seat's thin line from its name to the nearest of its boxes, so a place's
    /// cards read as that seat's; `None` for the centre, an empty place, or where the
    /// line would pass under another place's box or another seat.
    pub tether: Option<Tether>,
}

/// A straight line from a seat's label to one of its place's boxes, drawn under
/// everything else.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tether {
    /// On the edge of the seat's label, the point nearest to the table's middle.
    pub from: (f64, f64),
    /// On the edge of the place's box nearest to `from`.
    pub to: (f64, f64),
}
