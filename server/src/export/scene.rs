//! The picture of the table as a list of shapes: the oval table, its seats with the
//! names of who sat there (the hot seat marked), and every card at its position
//! ([`super::picture_card`]), moved just off a seat's name where it would hide it
//! ([`super::placement`]). [`super::svg`] writes the shapes as SVG, [`super::png`]
//! rasterises them and the PDF draws them, so all three show one picture.
//!
//! Units follow the web client's table drawing (`web/src/geometry.rs`: a 1000 × 600
//! board, the same table and seat ring), with a 60-unit title band on top. Colours are
//! the board's (`web/src/palette.rs`).

pub use super::shapes::*;

use super::ExportError;
use super::entries::Board;
use super::font::{Font, Weight, fonts};
use super::picture_card::{self, Face};
use super::placement::Area;
use super::schema::Harvest;
use super::text::one_line;
use super::time;
use super::words::{self, Lang, kind_name, label_name, location_name, method_name};
use ovaal_shared::ParticipantId;
use ovaal_shared::board::seating::seat_holders;
use ovaal_shared::board::{Location, Profile};

pub const WIDTH: f32 = 1000.0;
pub const HEADER: f32 = 60.0;
pub const BOARD_H: f32 = 600.0;
pub const HEIGHT: f32 = HEADER + BOARD_H;

const TABLE_RX: f32 = 300.0;
const TABLE_RY: f32 = 165.0;
const SEAT_RING_RX: f32 = 410.0;
const SEAT_RING_RY: f32 = 256.0;
const SEAT_W: f32 = 144.0;
const SEAT_H: f32 = 64.0;
/// The room left around a seat's name that no card may cover.
const LABEL_MARGIN: f32 = 3.0;

fn seat_centre(index: u32, count: u32) -> (f32, f32) {
    let count = count.max(1);
    let angle = -std::f32::consts::FRAC_PI_2
        + std::f32::consts::TAU * (index % count) as f32 / count as f32;
    (
        WIDTH / 2.0 + SEAT_RING_RX * angle.cos(),
        HEADER + BOARD_H / 2.0 + SEAT_RING_RY * angle.sin(),
    )
}

pub fn build(harvest: &Harvest, lang: Lang) -> Result<Scene, ExportError> {
    let (regular, bold) = (fonts()?.get(Weight::Regular), fonts()?.get(Weight::Bold));
    let w = words::words(lang);
    let board = Board::new(harvest);
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

    // The table.
    let (cx, cy) = (WIDTH / 2.0, HEADER + BOARD_H / 2.0);
    shapes.push(Shape::Ellipse {
        cx,
        cy: cy + 10.0,
        rx: TABLE_RX,
        ry: TABLE_RY,
        fill: Some(rgb(0x281e14).alpha(0.10)),
        stroke: None,
    });
    shapes.push(Shape::Ellipse {
        cx,
        cy,
        rx: TABLE_RX,
        ry: TABLE_RY,
        fill: Some(WOOD),
        stroke: Some((WOOD_EDGE, 6.0)),
    });
    shapes.push(Shape::Ellipse {
        cx,
        cy,
        rx: TABLE_RX - 26.0,
        ry: TABLE_RY - 26.0,
        fill: None,
        stroke: Some((WHITE.alpha(0.28), 2.0)),
    });
    shapes.push(text(
        cx,
        cy + 16.0,
        46.0,
        Weight::Bold,
        WHITE.alpha(0.35),
        Anchor::Middle,
        "Ovaal".to_owned(),
    ));

    // The seats, with whoever holds each (the earliest claim, as on every screen).
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
    let holders = seat_holders(profiles.iter().map(|(id, p)| (id, p)), seats);
    let caseholder = board.caseholder();
    // Where the names of who sat where are drawn: no card may cover them.
    let mut labels: Vec<Area> = Vec::new();
    for index in 0..seats {
        let (sx, sy) = seat_centre(index, seats);
        let holder = holders.get(&index);
        let hot = holder.is_some() && holder == caseholder;
        shapes.push(Shape::Rect {
            x: sx - SEAT_W / 2.0,
            y: sy - SEAT_H / 2.0,
            w: SEAT_W,
            h: SEAT_H,
            radius: 14.0,
            fill: Some(if holder.is_some() { WHITE } else { FREE_SEAT }),
            stroke: Some(if hot { (HOT, 4.0) } else { (SEAT_EDGE, 2.0) }),
        });
        match holder {
            Some(id) => {
                let location = profiles
                    .iter()
                    .find(|(pid, _)| pid == id)
                    .map_or(Location::Remote, |(_, p)| p.location);
                let name = bold.fit(&board.name_of(id), 15.0, SEAT_W - 16.0);
                let place = location_name(location, lang);
                let name_area = text_area(bold, &name, (sx, sy - 3.0), 15.0);
                let place_area = text_area(regular, place, (sx, sy + 17.0), 12.0);
                labels.push(name_area.union(&place_area).grown(LABEL_MARGIN));
                shapes.push(text(
                    sx,
                    sy - 3.0,
                    15.0,
                    Weight::Bold,
                    TEXT,
                    Anchor::Middle,
                    name,
                ));
                shapes.push(text(
                    sx,
                    sy + 17.0,
                    12.0,
                    Weight::Regular,
                    MUTED,
                    Anchor::Middle,
                    place.to_owned(),
                ));
            }
            None => shapes.push(text(
                sx,
                sy + 5.0,
                13.0,
                Weight::Regular,
                MUTED,
                Anchor::Middle,
                w.free_seat.to_owned(),
            )),
        }
        if hot {
            let label = w.caseholder.to_owned();
            let badge_w = bold.width(&label, 12.0) + 20.0;
            let top = sy - SEAT_H / 2.0 - 12.0;
            let badge = Area {
                x: sx - badge_w / 2.0,
                y: top,
                w: badge_w,
                h: 22.0,
            };
            // The badge says who the case-holder is: it belongs to the name (pushed
            // just above: the hot seat is always held).
            if let Some(name) = labels.last_mut() {
                *name = name.union(&badge.grown(LABEL_MARGIN));
            }
            shapes.push(Shape::Rect {
                x: badge.x,
                y: badge.y,
                w: badge.w,
                h: badge.h,
                radius: 11.0,
                fill: Some(HOT),
                stroke: None,
            });
            shapes.push(text(
                sx,
                top + 15.5,
                12.0,
                Weight::Bold,
                WHITE,
                Anchor::Middle,
                label,
            ));
        }
    }

    // The cards: carried ones first (they come from earlier sessions), then the
    // session's own, oldest first so the newest lies on top (as on the board).
    let mut cards = Vec::new();
    for card in &harvest.carried {
        let author = board
            .carried_author(card)
            .map(|a| format!("{a} · {}", one_line(&card.from_title)));
        let face = Face {
            kind: card.kind,
            head: format!("{} · ↩", kind_name(card.kind, lang).to_uppercase()),
            text: &card.text,
            author,
            at: (card.x, card.y),
        };
        cards.push(picture_card::draw(&mut shapes, face, &labels)?);
    }
    for entry in board.entries() {
        let card = entry.card;
        let mut head = kind_name(card.kind, lang).to_uppercase();
        if let Some(label) = entry.label {
            head = format!("{head} · {}", label_name(label, lang).to_uppercase());
        }
        if entry.useful {
            head = format!("{head} · ★ {}", words::useful(lang).to_uppercase());
        }
        let face = Face {
            kind: card.kind,
            head,
            text: &card.text,
            author: board.author_shown(entry),
            at: (card.x, card.y),
        };
        cards.push(picture_card::draw(&mut shapes, face, &labels)?);
    }
    Ok(Scene {
        width: WIDTH,
        height: HEIGHT,
        title,
        shapes,
        seat_labels: labels,
        cards,
    })
}

/// Where a middle-anchored line of text with its baseline at `(x, y)` is drawn.
fn text_area(font: &Font, s: &str, (x, y): (f32, f32), size: f32) -> Area {
    let w = font.width(s, size);
    Area {
        x: x - w / 2.0,
        y: y - font.ascent(size),
        w,
        h: font.ascent(size) - font.descent(size),
    }
}
