//! The picture of the table as a list of shapes, drawn from the shared layout
//! ([`ovaal_shared::layout::layout`] with [`Surface::Print`]): the oval table, the
//! seats with the names of who sat there (the hot seat badged), every card in the box
//! the layout gave it ([`super::picture_card`]) and the "+N more" and "earlier" chips
//! ([`super::picture_chip`]). The layout keeps every card off every other card, chip
//! and seat, so nothing here moves anything. [`super::svg`] writes the shapes as SVG,
//! [`super::png`] rasterises them and the PDF draws them, so all three show one
//! picture, and it is the picture every screen shows of the same board.
//!
//! Units are the layout's CSS pixels; the table area ([`super::table::TABLE_W`] ×
//! [`super::table::TABLE_H`]) lies under a title band of [`HEADER`]. Colours are the
//! board's ([`ovaal_shared::palette`], through [`super::shapes`]).

pub use super::shapes::*;

use ovaal_shared::layout::{
    Layout, PhaseCount, Place, PlaceBox, SeatBox, Surface, TextSizes, layout,
};

use super::ExportError;
use super::font::{Weight, fonts};
use super::picture_card;
use super::picture_chip::{self, Chip};
use super::schema::Harvest;
use super::table::{self, TABLE_H, TABLE_W, Table};
use super::text::{is_rtl_line, one_line};
use super::time;
use super::words::{self, Lang, Words, location_name, method_name};
use ovaal_shared::float::to_f32;

pub const WIDTH: f32 = to_f32(TABLE_W);
/// The title band above the table.
pub const HEADER: f32 = 60.0;
pub const BOARD_H: f32 = to_f32(TABLE_H);
pub const HEIGHT: f32 = HEADER + BOARD_H;

/// The layout of the harvest's table: what the picture draws, for callers (and tests)
/// that need the boxes themselves. Boxes are in table-area pixels; the picture puts
/// them [`HEADER`] lower.
pub fn table_layout(harvest: &Harvest, lang: Lang) -> (Table, Layout) {
    let table = table::table(harvest, lang);
    debug_assert_eq!(table.input.surface, Surface::Print);
    let laid = layout(&table.input);
    (table, laid)
}

pub fn build(harvest: &Harvest, lang: Lang) -> Result<Scene, ExportError> {
    let bold = fonts()?.get(Weight::Bold);
    let w = words::words(lang);
    let title = format!("{}: {}", w.harvest, one_line(&harvest.session.title));
    let mut shapes = vec![
        Shape::Rect {
            x: 0.0,
            y: 0.0,
            w: WIDTH,
            h: HEIGHT,
            radius: 0.0,
            fill: Some(PAGE),
            stroke: None,
        },
        text(
            24.0,
            32.0,
            22.0,
            Weight::Bold,
            TEXT,
            Anchor::Start,
            bold.fit(&title, 22.0, WIDTH - 48.0),
        ),
        text(
            24.0,
            51.0,
            13.0,
            Weight::Regular,
            MUTED,
            Anchor::Start,
            format!(
                "{} · {}",
                method_name(harvest.session.method, lang),
                time::date(harvest.session.created_ms)
            ),
        ),
        Shape::Rect {
            x: 0.0,
            y: HEADER,
            w: WIDTH,
            h: BOARD_H,
            radius: 0.0,
            fill: Some(BOARD),
            stroke: None,
        },
    ];
    let (table, laid) = table_layout(harvest, lang);
    draw_table(&mut shapes, &laid);
    let mut seat_labels = Vec::new();
    for seat in &laid.seats {
        seat_labels.push(draw_seat(&mut shapes, seat, &table, &laid.text, w, lang)?);
    }
    let (mut cards, mut chips) = (Vec::new(), Vec::new());
    // A layout box names its card by id; ids are random and unique in practice, but
    // a card of a private round could share one with a participant's card, so each
    // box takes the next unused card of its id.
    let mut unused: Vec<bool> = vec![true; table.cards.len()];
    for place in &laid.places {
        for card_box in &place.cards {
            let Some(i) =
                (0..table.cards.len()).find(|&i| unused[i] && table.cards[i].id == card_box.id)
            else {
                continue;
            };
            unused[i] = false;
            let card = &table.cards[i];
            let away = match place.place {
                Place::Centre => true,
                Place::Seat(n) => card.author_seat != Some(n),
            };
            let area = Area::of(&card_box.rect, HEADER);
            picture_card::draw(&mut shapes, card, area, card_box.size, &laid.text, away)?;
            cards.push(area);
        }
        chips.extend(draw_chips(
            &mut shapes,
            place,
            harvest,
            &laid.text,
            w,
            lang,
        )?);
    }
    Ok(Scene {
        width: WIDTH,
        height: HEIGHT,
        title,
        shapes,
        seat_labels,
        cards,
        chips,
    })
}

/// The table top: a shadow, the wood with its edge, and a light inner line.
fn draw_table(shapes: &mut Vec<Shape>, laid: &Layout) {
    let t = laid.table;
    // The drawing works in f32: lengths of a screen-sized table lose nothing that shows.
    let (cx, cy, rx, ry) = (
        to_f32(t.cx),
        HEADER + to_f32(t.cy),
        to_f32(t.rx),
        to_f32(t.ry),
    );
    let exponent = to_f32(t.exponent);
    shapes.push(Shape::Oval {
        cx,
        cy: cy + 8.0,
        rx,
        ry,
        exponent,
        fill: Some(rgb(0x281e14).alpha(0.10)),
        stroke: None,
    });
    shapes.push(Shape::Oval {
        cx,
        cy,
        rx,
        ry,
        exponent,
        fill: Some(WOOD),
        stroke: Some((WOOD_EDGE, 5.0)),
    });
    let inset = 0.06 * rx.min(ry);
    shapes.push(Shape::Oval {
        cx,
        cy,
        rx: rx - inset,
        ry: ry - inset,
        exponent,
        fill: None,
        stroke: Some((WHITE.alpha(0.28), 2.0)),
    });
}

/// A seat: its name (or "free") on its label, and above it the hot seat's badge or
/// where the holder sat (in the room, remote). Returns the seat's whole box.
fn draw_seat(
    shapes: &mut Vec<Shape>,
    seat: &SeatBox,
    table: &Table,
    sizes: &TextSizes,
    w: &Words,
    lang: Lang,
) -> Result<Area, ExportError> {
    let fonts = fonts()?;
    let (regular, bold) = (fonts.get(Weight::Regular), fonts.get(Weight::Bold));
    let holder = table
        .holders
        .get(seat.seat as usize)
        .and_then(Option::as_ref);
    let hot = table
        .input
        .seats
        .get(seat.seat as usize)
        .is_some_and(|s| s.hot);
    let label = Area::of(&seat.label, HEADER);
    let target = Area::of(&seat.target, HEADER);
    let k = to_f32(sizes.label / 14.0);
    shapes.push(Shape::Rect {
        x: label.x,
        y: label.y,
        w: label.w,
        h: label.h,
        radius: 8.0 * k,
        fill: Some(if holder.is_some() { WHITE } else { FREE_SEAT }),
        stroke: Some(if hot {
            (HOT, 3.0 * k)
        } else {
            (SEAT_EDGE, 1.5 * k)
        }),
    });
    let room = label.w - 6.0 * k;
    // The layout sizes a label by an average letter; a bold name a little wider than
    // that is set a little smaller rather than cut.
    let size = match holder {
        Some(h) => {
            let full = to_f32(sizes.label);
            full * (room / bold.width(&h.name, full)).clamp(0.8, 1.0)
        }
        None => to_f32(sizes.label),
    };
    let (cx, baseline) = (
        label.x + label.w / 2.0,
        label.y + label.h / 2.0 + 0.35 * size,
    );
    match holder {
        Some(h) => {
            let name = bold.fit(&h.name, size, room);
            shapes.push(Shape::Text {
                x: cx,
                y: baseline,
                size,
                weight: Weight::Bold,
                paint: TEXT,
                anchor: Anchor::Middle,
                rtl: is_rtl_line(&name),
                text: name,
            });
        }
        None => shapes.push(text(
            cx,
            baseline,
            size,
            Weight::Regular,
            MUTED,
            Anchor::Middle,
            regular.fit(w.free_seat, size, room),
        )),
    }
    let badge_size = to_f32(sizes.badge);
    match (seat.badge, holder) {
        (Some(badge), _) if hot => {
            let badge = Area::of(&badge, HEADER);
            shapes.push(Shape::Rect {
                x: badge.x,
                y: badge.y,
                w: badge.w,
                h: badge.h,
                radius: badge.h / 2.0,
                fill: Some(HOT),
                stroke: None,
            });
            shapes.push(text(
                badge.x + badge.w / 2.0,
                badge.y + badge.h / 2.0 + 0.35 * badge_size,
                badge_size,
                Weight::Bold,
                WHITE,
                Anchor::Middle,
                bold.fit(w.caseholder, badge_size, badge.w - 8.0 * k),
            ));
        }
        (_, Some(h)) => {
            // The badge's room, kept on every seat, says where they sat.
            let middle = target.y + (label.y - target.y) / 2.0;
            shapes.push(text(
                cx,
                middle + 0.35 * badge_size,
                badge_size,
                Weight::Regular,
                MUTED,
                Anchor::Middle,
                regular.fit(location_name(h.location, lang), badge_size, target.w),
            ));
        }
        _ => {}
    }
    Ok(target)
}

/// A place's chips, if it has any; returns their boxes.
fn draw_chips(
    shapes: &mut Vec<Shape>,
    place: &PlaceBox,
    harvest: &Harvest,
    sizes: &TextSizes,
    w: &Words,
    lang: Lang,
) -> Result<Vec<Area>, ExportError> {
    let mut areas = Vec::new();
    if let Some(more) = &place.more {
        let label = format!("+{} {}", more.cards.len(), w.more);
        let area = Area::of(&more.rect, HEADER);
        let chip = Chip {
            title: label.clone(),
            label,
            paint: TEXT,
        };
        picture_chip::draw(shapes, chip, area, sizes)?;
        areas.push(area);
    }
    if let Some(earlier) = &place.earlier {
        let area = Area::of(&earlier.rect, HEADER);
        let label = format!("{} {}", earlier.cards.len(), w.earlier);
        let chip = Chip {
            title: format!("{label}: {}", phase_list(&earlier.phases, harvest, lang)),
            label,
            paint: MUTED,
        };
        picture_chip::draw(shapes, chip, area, sizes)?;
        areas.push(area);
    }
    Ok(areas)
}

/// "Question round 3 · Advice round 2": the folded cards' phases by name.
fn phase_list(phases: &[PhaseCount], harvest: &Harvest, lang: Lang) -> String {
    phases
        .iter()
        .map(|p| {
            let name = p
                .phase
                .as_deref()
                .and_then(|id| harvest.facilitation.plan.iter().find(|ph| ph.id == id))
                .map_or_else(
                    || words::words(lang).other_cards.to_owned(),
                    |ph| one_line(ph.name.get(lang.tag())),
                );
            format!("{name} {}", p.count)
        })
        .collect::<Vec<_>>()
        .join(" · ")
}
