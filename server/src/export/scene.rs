//! The picture of the table as a list of shapes: the oval table, its seats with the
//! names of who sat there (the hot seat marked), and every card near its position, in
//! its kind's colours, with its kind, the case-holder's label or useful mark, its text
//! (wrapped, at most six lines) and its author. [`super::svg`] writes the shapes as SVG,
//! [`super::png`] rasterises them and the PDF draws them, so all three show one picture.
//!
//! Units follow the web client's table drawing (`web/src/geometry.rs`: a 1000 × 600
//! board, the same table and seat ring), with a 60-unit title band on top. Colours are
//! the board's (`web/src/palette.rs`).

pub use super::shapes::*;

use super::ExportError;
use super::entries::Board;
use super::font::{Weight, fonts};
use super::schema::Harvest;
use super::text::one_line;
use super::time;
use super::words::{self, Lang, kind_name, label_name, location_name, method_name};
use ovaal_shared::ParticipantId;
use ovaal_shared::board::seating::seat_holders;
use ovaal_shared::board::{CardKind, Location, Profile};

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
const CARD_W: f32 = 150.0;
const CARD_PAD: f32 = 8.0;
const CARD_EDGE: f32 = 5.0;
const CARD_TEXT: f32 = 11.0;
const CARD_LINE: f32 = 14.0;
const CARD_MAX_LINES: usize = 6;

fn text(
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
    }
}

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
    let bold = fonts()?.get(Weight::Bold);
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
                    location_name(location, lang).to_owned(),
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
            shapes.push(Shape::Rect {
                x: sx - badge_w / 2.0,
                y: top,
                w: badge_w,
                h: 22.0,
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
    for card in &harvest.carried {
        let author = board
            .carried_author(card)
            .map(|a| format!("{a} · {}", one_line(&card.from_title)));
        let head = format!("{} · ↩", kind_name(card.kind, lang).to_uppercase());
        draw_card(
            &mut shapes,
            card.kind,
            &head,
            &card.text,
            author,
            (card.x, card.y),
        )?;
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
        draw_card(
            &mut shapes,
            card.kind,
            &head,
            &card.text,
            board.author_shown(entry),
            (card.x, card.y),
        )?;
    }
    Ok(Scene {
        width: WIDTH,
        height: HEIGHT,
        title,
        shapes,
    })
}

/// One card: a shadow, the kind's edge colour as border and left bar, its head line,
/// up to six lines of text and its author, centred on its board position (kept
/// inside the picture).
fn draw_card(
    shapes: &mut Vec<Shape>,
    kind: CardKind,
    head: &str,
    body: &str,
    author: Option<String>,
    (px, py): (f64, f64),
) -> Result<(), ExportError> {
    let fonts = fonts()?;
    let (regular, bold) = (fonts.get(Weight::Regular), fonts.get(Weight::Bold));
    let inner_w = CARD_W - CARD_EDGE - 2.0 * CARD_PAD;
    let (bg, edge) = kind_colours(kind);
    let head = bold.fit(head, 9.0, inner_w);
    let lines = regular.wrap_at_most(body, CARD_TEXT, inner_w, CARD_MAX_LINES);
    let author = author.map(|a| regular.fit(&format!("— {a}"), 9.5, inner_w));
    let h = CARD_PAD
        + 12.0
        + 4.0
        + lines.len() as f32 * CARD_LINE
        + if author.is_some() { 13.0 } else { 0.0 }
        + CARD_PAD
        - 2.0;
    let x = (px as f32 * WIDTH - CARD_W / 2.0).clamp(4.0, WIDTH - CARD_W - 4.0);
    let y = (HEADER + py as f32 * BOARD_H - h / 2.0).clamp(HEADER + 4.0, HEIGHT - h - 4.0);
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
    Ok(())
}
