//! One card in the picture of the table ([`super::scene`]), drawn in the box the layout
//! gave it: the kind's edge colour as border and left bar, the kind's background, and
//! as much as the box holds. A large card (current phase) and a centre card show the
//! head line (kind, label, useful mark, and the author where the card does not lie in
//! front of them) over its text; a small card (earlier phase) shows one line of text.
//! Text that does not fit ends in "…"; the SVG keeps the whole text as the card's
//! tooltip. A line that reads right to left is aligned to the card's right edge.

use ovaal_shared::float::{to_f32, to_usize};
use ovaal_shared::layout::{CardSize, TextSizes};

use super::ExportError;
use super::font::{Weight, fonts};
use super::shapes::{Anchor, Area, MUTED, Shape, TEXT, kind_colours, text};
use super::table::TableCard;
use super::text::{is_rtl_line, one_line};

/// The width of the kind's bar on the left, in print-size pixels (scaled with the
/// text, like every length here).
const EDGE: f32 = 4.0;
const PAD: f32 = 6.0;
/// Line height as a multiple of the text size.
const LEADING: f32 = 1.2;

/// Draws `card` in `area`. `away` says the card lies elsewhere than in front of its
/// author (in the centre, moved, or its author has no seat), so the head names them.
pub fn draw(
    shapes: &mut Vec<Shape>,
    card: &TableCard,
    area: Area,
    size: CardSize,
    sizes: &TextSizes,
    away: bool,
) -> Result<(), ExportError> {
    let fonts = fonts()?;
    let (regular, bold) = (fonts.get(Weight::Regular), fonts.get(Weight::Bold));
    // Lengths follow the text size the layout chose (smaller when it had to shrink).
    let k = to_f32(sizes.card / 14.0);
    let (edge, pad) = (EDGE * k, PAD * k);
    let (bg, edge_paint) = kind_colours(card.kind);
    let title = match &card.author {
        Some(author) => format!("{} — {author}: {}", card.head, one_line(&card.text)),
        None => format!("{}: {}", card.head, one_line(&card.text)),
    };
    shapes.push(Shape::GroupStart {
        id: Some(format!("card-{}", card.id)),
        title,
    });
    let rect = |x: f32, y: f32, w: f32, h: f32, radius: f32, fill| Shape::Rect {
        x,
        y,
        w,
        h,
        radius,
        fill: Some(fill),
        stroke: None,
    };
    let Area { x, y, w, h } = area;
    shapes.push(rect(x, y, w, h, 5.0 * k, edge_paint));
    shapes.push(rect(
        x + edge,
        y + k,
        w - edge - k,
        h - 2.0 * k,
        4.0 * k,
        bg,
    ));
    let left = x + edge + pad;
    let right = x + w - pad;
    let inner_w = right - left;
    // A line of the card's text, from the right edge when it reads right to left.
    let line = |shapes: &mut Vec<Shape>, s: String, size: f32, baseline: f32| {
        let rtl = is_rtl_line(&s);
        shapes.push(Shape::Text {
            x: if rtl { right } else { left },
            y: baseline,
            size,
            weight: Weight::Regular,
            paint: TEXT,
            anchor: Anchor::Start,
            text: s,
            rtl,
        });
    };

    if size == CardSize::Small {
        let s = to_f32(sizes.small);
        let baseline = y + h / 2.0 + 0.35 * s;
        line(shapes, regular.fit(&card.text, s, inner_w), s, baseline);
        shapes.push(Shape::GroupEnd);
        return Ok(());
    }

    let text_size = to_f32(match size {
        CardSize::Centre => sizes.centre,
        CardSize::Large => sizes.card,
        // An earlier card with room to spare: the large block, the small text.
        CardSize::Medium | CardSize::Small => sizes.small,
    });
    let head_size = (to_f32(sizes.small) * 0.85).max(6.0);
    let mut head = card.head.clone();
    if away && let Some(author) = &card.author {
        head = format!("{head} — {author}");
    }
    let mut baseline = y + pad + head_size;
    shapes.push(text(
        left,
        baseline,
        head_size,
        Weight::Bold,
        edge_paint,
        Anchor::Start,
        bold.fit(&head, head_size, inner_w),
    ));
    let step = text_size * LEADING;
    let room = (y + h - pad * 0.6) - baseline;
    // A card's height in lines: a handful, at least one.
    let max_lines = to_usize(f64::from(
        ((room - 0.25 * text_size) / step).floor().max(1.0),
    ));
    let lines = regular.wrap_at_most(&card.text, text_size, inner_w, max_lines);
    for l in lines {
        baseline += step;
        line(shapes, l, text_size, baseline);
    }
    // The author of a centre card, when there is room left under its text.
    if size == CardSize::Centre
        && let Some(author) = &card.author
    {
        let s = to_f32(sizes.small);
        if baseline + s * LEADING <= y + h - pad * 0.6 {
            baseline += s * LEADING;
            shapes.push(text(
                left,
                baseline,
                s,
                Weight::Regular,
                MUTED,
                Anchor::Start,
                regular.fit(&format!("— {author}"), s, inner_w),
            ));
        }
    }
    shapes.push(Shape::GroupEnd);
    Ok(())
}
