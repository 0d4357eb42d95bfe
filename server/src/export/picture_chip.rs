//! The layout's chips in the picture: "+7 more" for a place's current cards that did
//! not fit, "3 earlier" for its earlier-phase cards folded away. On a screen a click
//! opens the cards; on paper the count says how many there are and the report lists
//! them. The SVG's tooltip on an "earlier" chip names the phases and their counts.

use ovaal_shared::float::to_f32;
use ovaal_shared::layout::TextSizes;

use super::ExportError;
use super::font::{Weight, fonts};
use super::shapes::{Anchor, Area, Paint, SEAT_EDGE, Shape, WHITE, text};

/// What a chip says, and its tooltip.
pub struct Chip {
    pub label: String,
    pub title: String,
    /// The text's colour: the "+N" chip dark (current cards), the earlier one muted.
    pub paint: Paint,
}

/// Draws a chip in `area`. Its text shrinks to fit rather than losing the count.
pub fn draw(
    shapes: &mut Vec<Shape>,
    chip: Chip,
    area: Area,
    sizes: &TextSizes,
) -> Result<(), ExportError> {
    let bold = fonts()?.get(Weight::Bold);
    let Area { x, y, w, h } = area;
    shapes.push(Shape::GroupStart {
        id: None,
        title: chip.title,
    });
    shapes.push(Shape::Rect {
        x,
        y,
        w,
        h,
        radius: h / 2.0,
        fill: Some(WHITE.alpha(0.9)),
        stroke: Some((SEAT_EDGE, 1.0)),
    });
    let room = w - h * 0.5;
    let mut size = to_f32(sizes.chip);
    let width = bold.width(&chip.label, size);
    if width > room {
        size *= room / width;
    }
    shapes.push(text(
        x + w / 2.0,
        y + h / 2.0 + 0.35 * size,
        size,
        Weight::Bold,
        chip.paint,
        Anchor::Middle,
        chip.label,
    ));
    shapes.push(Shape::GroupEnd);
    Ok(())
}
