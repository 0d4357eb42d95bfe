//! What pictures are made of: colours (the board's own, `web/src/palette.rs`), and
//! rectangles, ellipses and lines of text in picture units. The picture of the table
//! ([`super::scene`]) and the PDF's pages are lists of these shapes, so the SVG, the
//! PNG and the PDF draw them alike.

use super::font::Weight;
use ovaal_shared::board::CardKind;

/// An sRGB colour with opacity.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Paint {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: f32,
}

pub const fn rgb(hex: u32) -> Paint {
    Paint {
        r: (hex >> 16) as u8,
        g: (hex >> 8) as u8,
        b: hex as u8,
        a: 1.0,
    }
}

impl Paint {
    pub const fn alpha(self, a: f32) -> Paint {
        Paint { a, ..self }
    }
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

pub const PAGE: Paint = rgb(0xf4f2ee);
pub const BOARD: Paint = rgb(0xf6f3ed);
pub const TEXT: Paint = rgb(0x1d2731);
pub const MUTED: Paint = rgb(0x4c5763);
pub const WOOD: Paint = rgb(0xc9a27e);
pub const WOOD_EDGE: Paint = rgb(0xa77d56);
pub const HOT: Paint = rgb(0x9a220e);
pub const WHITE: Paint = rgb(0xffffff);
pub const SEAT_EDGE: Paint = rgb(0xc9c1b4);
pub const FREE_SEAT: Paint = rgb(0xf8f6f2);

/// A card kind's background and edge colours (as on the board).
pub fn kind_colours(kind: CardKind) -> (Paint, Paint) {
    match kind {
        CardKind::Theme => (rgb(0xf1ebfb), rgb(0x5a3d99)),
        CardKind::Question => (rgb(0xe7f0fb), rgb(0x1d5596)),
        CardKind::Advice => (rgb(0xfff4c9), rgb(0x6a4e00)),
        CardKind::Case => (rgb(0xfde8e2), rgb(0x96311c)),
        CardKind::Mirror => (rgb(0xe0f3f0), rgb(0x125e57)),
        CardKind::Insight => (rgb(0xe7f4e0), rgb(0x2d631d)),
        CardKind::Action => (rgb(0xfdebd9), rgb(0x854207)),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        radius: f32,
        fill: Option<Paint>,
        stroke: Option<(Paint, f32)>,
    },
    Ellipse {
        cx: f32,
        cy: f32,
        rx: f32,
        ry: f32,
        fill: Option<Paint>,
        stroke: Option<(Paint, f32)>,
    },
    /// One line of text; `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        paint: Paint,
        anchor: Anchor,
        text: String,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: f32,
    pub height: f32,
    /// For the SVG's `<title>`.
    pub title: String,
    pub shapes: Vec<Shape>,
}
