//! What pictures are made of: colours (the board's own, [`ovaal_shared::palette`]), and
//! rectangles, the table's oval and lines of text in picture units. The picture of the
//! table ([`super::scene`]) and the PDF's pages are lists of these shapes, so the SVG,
//! the PNG and the PDF draw them alike; scaling a shape and the outline of an oval are
//! here too, so that all three draw the table the shape the layout gave it.

use super::font::Weight;
use ovaal_shared::board::CardKind;
use ovaal_shared::float::to_f32;
use ovaal_shared::layout::{Oval, Rect};
use ovaal_shared::palette::{self, Rgb};

/// A box in picture units: its left, top, width and height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Area {
    /// A layout box (CSS pixels of the table area) in picture units, `top` below the
    /// picture's top.
    pub fn of(rect: &Rect, top: f32) -> Area {
        Area {
            // Screen-sized lengths: f32 keeps every pixel.
            x: to_f32(rect.x),
            y: top + to_f32(rect.y),
            w: to_f32(rect.w),
            h: to_f32(rect.h),
        }
    }

    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// Whether the two share more than an edge.
    pub fn overlaps(&self, other: &Area) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }
}

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
        // One byte each of 0xRRGGBB.
        r: ((hex >> 16) & 0xff) as u8,
        g: ((hex >> 8) & 0xff) as u8,
        b: (hex & 0xff) as u8,
        a: 1.0,
    }
}

/// A palette colour, opaque.
pub const fn paint(Rgb(r, g, b): Rgb) -> Paint {
    Paint { r, g, b, a: 1.0 }
}

impl Paint {
    pub const fn alpha(self, a: f32) -> Paint {
        Paint { a, ..self }
    }
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

pub const PAGE: Paint = paint(palette::PAGE);
pub const BOARD: Paint = paint(palette::BOARD_FLAT);
pub const TEXT: Paint = paint(palette::TEXT);
pub const MUTED: Paint = paint(palette::MUTED);
pub const WOOD: Paint = paint(palette::WOOD);
pub const WOOD_EDGE: Paint = paint(palette::WOOD_EDGE);
pub const HOT: Paint = paint(palette::HOT);
pub const WHITE: Paint = paint(palette::WHITE);
pub const SEAT_EDGE: Paint = paint(palette::SEAT_EDGE);
pub const FREE_SEAT: Paint = paint(palette::FREE_SEAT);

/// A card kind's background and edge colours (as on the board).
pub fn kind_colours(kind: CardKind) -> (Paint, Paint) {
    let colours = palette::kind_colours(kind);
    (paint(colours.bg), paint(colours.edge))
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
    /// A superellipse (the table top, see [`Oval`]).
    Oval {
        cx: f32,
        cy: f32,
        rx: f32,
        ry: f32,
        exponent: f32,
        fill: Option<Paint>,
        stroke: Option<(Paint, f32)>,
    },
    /// One line of text; `y` is the baseline. `x` is where the line starts in its own
    /// direction: its left end, or with `rtl` its right end (as SVG's `direction`).
    Text {
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        paint: Paint,
        anchor: Anchor,
        text: String,
        /// The line reads right to left (its first letter is Hebrew or Arabic).
        rtl: bool,
    },
    /// The shapes up to the matching [`Shape::GroupEnd`] are one thing on the table (a
    /// card, a chip). The SVG wraps them in a `<g>` whose `<title>` is the thing's
    /// whole text, which the drawing may have shortened (a tooltip, and what a screen
    /// reader says); the PNG and the PDF draw the shapes alone.
    GroupStart {
        /// The SVG element's id (a card's id), if any.
        id: Option<String>,
        title: String,
    },
    GroupEnd,
}

impl Shape {
    /// The shape scaled by `scale` about the origin, then moved by `(ox, oy)`: its
    /// position, its size (lengths, corner radius, stroke width, font size) all alike.
    pub fn scaled(mut self, scale: f32, (ox, oy): (f32, f32)) -> Shape {
        let place = |x: &mut f32, y: &mut f32| {
            *x = ox + *x * scale;
            *y = oy + *y * scale;
        };
        let scale_stroke = |stroke: &mut Option<(Paint, f32)>| {
            if let Some((_, width)) = stroke {
                *width *= scale;
            }
        };
        match &mut self {
            Shape::Rect {
                x,
                y,
                w,
                h,
                radius,
                stroke,
                ..
            } => {
                place(x, y);
                for length in [w, h, radius] {
                    *length *= scale;
                }
                scale_stroke(stroke);
            }
            Shape::Oval {
                cx,
                cy,
                rx,
                ry,
                stroke,
                ..
            } => {
                place(cx, cy);
                for length in [rx, ry] {
                    *length *= scale;
                }
                scale_stroke(stroke);
            }
            Shape::Text { x, y, size, .. } => {
                place(x, y);
                *size *= scale;
            }
            Shape::GroupStart { .. } | Shape::GroupEnd => {}
        }
        self
    }
}

/// One line of left-to-right text (a [`Shape::Text`]).
pub fn text(
    x: f32,
    y: f32,
    size: f32,
    weight: Weight,
    paint: Paint,
    anchor: Anchor,
    s: String,
) -> Shape {
    Shape::Text {
        x,
        y,
        size,
        weight,
        paint,
        anchor,
        text: s,
        rtl: false,
    }
}

/// Where a line drawn from `x` with `anchor` begins on the left, `width` being its
/// width: the PNG and the PDF place glyphs from there.
pub fn left_of(x: f32, width: f32, anchor: Anchor, rtl: bool) -> f32 {
    match (anchor, rtl) {
        (Anchor::Middle, _) => x - width / 2.0,
        (Anchor::Start, false) => x,
        (Anchor::Start, true) => x - width,
    }
}

/// The distance of a cubic Bézier's control points from its ends that best draws a
/// quarter of a circle.
pub const KAPPA: f32 = 0.552_284_8;

/// The edge of an oval as a closed polygon, starting at `(cx + rx, cy)`: the shared
/// layout's own outline, so the PNG and the PDF draw the table the web draws.
pub fn oval_outline(cx: f32, cy: f32, rx: f32, ry: f32, exponent: f32) -> Vec<(f32, f32)> {
    let oval = Oval {
        cx: f64::from(cx),
        cy: f64::from(cy),
        rx: f64::from(rx),
        ry: f64::from(ry),
        exponent: f64::from(exponent),
    };
    oval.outline()
        .into_iter()
        .map(|(x, y)| (to_f32(x), to_f32(y)))
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub width: f32,
    pub height: f32,
    /// For the SVG's `<title>`.
    pub title: String,
    pub shapes: Vec<Shape>,
    /// Each seat's name and the room above it for its badge (the hot seat's
    /// "case-holder", another seat's "in the room" or "remote").
    pub seat_labels: Vec<Area>,
    /// Where each card is drawn, in drawing order. With `seat_labels` and `chips`,
    /// this shows (and the tests check) that nothing covers anything else.
    pub cards: Vec<Area>,
    /// The "+N more" and "earlier phases" chips.
    pub chips: Vec<Area>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaling_scales_every_length_and_moves_the_position() {
        let rect = Shape::Rect {
            x: 10.0,
            y: 20.0,
            w: 30.0,
            h: 40.0,
            radius: 5.0,
            fill: Some(WHITE),
            stroke: Some((HOT, 2.0)),
        };
        assert_eq!(
            rect.scaled(2.0, (1.0, 3.0)),
            Shape::Rect {
                x: 21.0,
                y: 43.0,
                w: 60.0,
                h: 80.0,
                radius: 10.0,
                fill: Some(WHITE),
                stroke: Some((HOT, 4.0)),
            }
        );
        let text = Shape::Text {
            x: 4.0,
            y: 8.0,
            size: 12.0,
            weight: Weight::Bold,
            paint: TEXT,
            anchor: Anchor::Middle,
            text: "Zoë".to_owned(),
            rtl: false,
        };
        let Shape::Text { x, y, size, .. } = text.scaled(0.5, (0.0, 0.0)) else {
            panic!("a text stays a text");
        };
        assert_eq!((x, y, size), (2.0, 4.0, 6.0));
    }

    #[test]
    fn an_oval_goes_round_its_centre_from_the_right() {
        let outline = oval_outline(100.0, 50.0, 40.0, 20.0, 2.0);
        assert_eq!(outline[0], (140.0, 50.0));
        let quarter = outline[outline.len() / 4];
        assert!((quarter.0 - 100.0).abs() < 1e-3 && (quarter.1 - 70.0).abs() < 1e-3);
        assert!(outline.iter().all(|&(x, _)| (60.0..=140.0).contains(&x)));
    }
}
