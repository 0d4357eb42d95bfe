//! One card in the picture of the table ([`super::scene`]): a shadow, the kind's edge
//! colour as border and left bar, its head line (kind, label, useful mark), up to six
//! lines of its text and its author, centred on its board position, kept inside the
//! picture and off the seats' names ([`super::placement`]).

use ovaal_shared::board::CardKind;

use super::ExportError;
use super::font::{Weight, fonts};
use super::placement::{self, Area};
use super::scene::{BOARD_H, HEADER, HEIGHT, WIDTH};
use super::shapes::{Anchor, MUTED, Paint, Shape, TEXT, kind_colours, rgb, text};

const CARD_W: f32 = 150.0;
const CARD_PAD: f32 = 8.0;
const CARD_EDGE: f32 = 5.0;
const CARD_TEXT: f32 = 11.0;
const CARD_LINE: f32 = 14.0;
const CARD_MAX_LINES: usize = 6;
/// How close to the picture's edge a card may come.
const EDGE_MARGIN: f32 = 4.0;

/// What a card shows, and where its author put it.
pub struct Face<'a> {
    pub kind: CardKind,
    /// The head line: kind, label, useful mark.
    pub head: String,
    pub text: &'a str,
    /// `None` when the facilitator hides names.
    pub author: Option<String>,
    /// Its board position, fractions 0–1 of the board's width and height.
    pub at: (f64, f64),
}

/// Draws the card, moved off any of `labels` it would cover, and returns where it
/// went.
pub fn draw(shapes: &mut Vec<Shape>, face: Face<'_>, labels: &[Area]) -> Result<Area, ExportError> {
    let fonts = fonts()?;
    let (regular, bold) = (fonts.get(Weight::Regular), fonts.get(Weight::Bold));
    let inner_w = CARD_W - CARD_EDGE - 2.0 * CARD_PAD;
    let (bg, edge) = kind_colours(face.kind);
    let head = bold.fit(&face.head, 9.0, inner_w);
    let lines = regular.wrap_at_most(face.text, CARD_TEXT, inner_w, CARD_MAX_LINES);
    let author = face
        .author
        .map(|a| regular.fit(&format!("— {a}"), 9.5, inner_w));
    let h = CARD_PAD
        + 12.0
        + 4.0
        + lines.len() as f32 * CARD_LINE
        + if author.is_some() { 13.0 } else { 0.0 }
        + CARD_PAD
        - 2.0;
    let (px, py) = face.at;
    let at_position = Area {
        x: (px as f32 * WIDTH - CARD_W / 2.0).clamp(EDGE_MARGIN, WIDTH - CARD_W - EDGE_MARGIN),
        y: (HEADER + py as f32 * BOARD_H - h / 2.0)
            .clamp(HEADER + EDGE_MARGIN, HEIGHT - h - EDGE_MARGIN),
        w: CARD_W,
        h,
    };
    let inside = Area {
        x: EDGE_MARGIN,
        y: HEADER + EDGE_MARGIN,
        w: WIDTH - 2.0 * EDGE_MARGIN,
        h: BOARD_H - 2.0 * EDGE_MARGIN,
    };
    let area = placement::clear_of(at_position, labels, inside);
    let (x, y) = (area.x, area.y);
    let rect = |x: f32, y: f32, w: f32, h: f32, radius: f32, fill: Paint| Shape::Rect {
        x,
        y,
        w,
        h,
        radius,
        fill: Some(fill),
        stroke: None,
    };
    shapes.push(rect(
        x + 1.5,
        y + 2.5,
        CARD_W,
        h,
        8.0,
        rgb(0x1c242c).alpha(0.12),
    ));
    shapes.push(rect(x, y, CARD_W, h, 8.0, edge));
    shapes.push(rect(
        x + CARD_EDGE,
        y + 1.5,
        CARD_W - CARD_EDGE - 1.5,
        h - 3.0,
        6.5,
        bg,
    ));
    let left = x + CARD_EDGE + CARD_PAD;
    let mut baseline = y + CARD_PAD + 9.0;
    shapes.push(text(
        left,
        baseline,
        9.0,
        Weight::Bold,
        edge,
        Anchor::Start,
        head,
    ));
    baseline += 4.0 + CARD_LINE;
    for line in lines {
        shapes.push(text(
            left,
            baseline - 1.0,
            CARD_TEXT,
            Weight::Regular,
            TEXT,
            Anchor::Start,
            line,
        ));
        baseline += CARD_LINE;
    }
    if let Some(author) = author {
        shapes.push(text(
            left,
            baseline,
            9.5,
            Weight::Regular,
            MUTED,
            Anchor::Start,
            author,
        ));
    }
    Ok(area)
}
