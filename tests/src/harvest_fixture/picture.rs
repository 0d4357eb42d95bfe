//! Checking the harvest's PNG against the shared layout: decode the picture, lay the
//! same harvest out with the layout the picture is drawn from, and see that nothing
//! covers anything (cards, chips, seats' names) and that each card's box really shows
//! the card's colour.

use std::collections::BTreeMap;

use anyhow::{Context, Result, ensure};
use ovaal_server::export::png as picture_png;
use ovaal_server::export::scene::{self, kind_colours};
use ovaal_server::export::schema::Harvest;
use ovaal_server::export::words::Lang;
use ovaal_shared::CardId;
use ovaal_shared::layout::Rect;

/// What the picture holds, as the layout laid it out.
#[derive(Debug, Clone, Copy)]
pub struct Drawn {
    /// Cards drawn on the table.
    pub shown: usize,
    /// Cards counted on chips instead.
    pub counted: usize,
    /// Seats around the table.
    pub seats: usize,
}

/// A layout box in PNG pixels.
fn in_pixels(rect: &Rect) -> Rect {
    let s = f64::from(picture_png::SCALE);
    Rect {
        x: rect.x * s,
        y: (rect.y + f64::from(scene::HEADER)) * s,
        w: rect.w * s,
        h: rect.h * s,
    }
}

/// Decodes `png` (the harvest's picture of `harvest` in `lang`) and checks it
/// against the layout: every card drawn or counted on a chip; no card or chip
/// overlaps another or a seat's target; all inside the picture; and inside each
/// card's box (past its kind stripe) most pixels in the card's own background colour.
pub fn check_png_against_layout(harvest: &Harvest, lang: Lang, png: &[u8]) -> Result<Drawn> {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info()?;
    let mut pixels = vec![0; reader.output_buffer_size().context("png size")?];
    let info = reader.next_frame(&mut pixels)?;
    ensure!(
        info.color_type == png::ColorType::Rgb && info.bit_depth == png::BitDepth::Eight,
        "the PNG is {:?} at {:?}, 8-bit RGB expected",
        info.color_type,
        info.bit_depth
    );
    let at = |x: f64, y: f64| {
        let (x, y) = (
            ovaal_shared::float::to_usize(x),
            ovaal_shared::float::to_usize(y),
        );
        let i = (y * info.width as usize + x) * 3;
        [pixels[i], pixels[i + 1], pixels[i + 2]]
    };

    let (table, laid) = scene::table_layout(harvest, lang);
    let kinds: BTreeMap<&CardId, _> = table.cards.iter().map(|c| (&c.id, c.kind)).collect();
    let mut counted = 0;
    let mut boxes: Vec<(String, Rect)> = Vec::new();
    for place in &laid.places {
        for card in &place.cards {
            boxes.push((format!("card {}", card.id), in_pixels(&card.rect)));
        }
        for (rect, cards) in [
            place.more.as_ref().map(|c| (c.rect, c.cards.len())),
            place.earlier.as_ref().map(|c| (c.rect, c.cards.len())),
        ]
        .into_iter()
        .flatten()
        {
            boxes.push((format!("chip of {:?}", place.place), in_pixels(&rect)));
            counted += cards;
        }
    }
    let shown = laid.places.iter().map(|p| p.cards.len()).sum::<usize>();
    ensure!(
        shown + counted == kinds.len(),
        "{shown} cards drawn and {counted} counted on chips, of {} cards",
        kinds.len()
    );

    // Nothing covers anything: not another card or chip, not a seat's name or badge.
    let seats: Vec<Rect> = laid.seats.iter().map(|s| in_pixels(&s.target)).collect();
    for (i, (what, a)) in boxes.iter().enumerate() {
        for (other, b) in &boxes[i + 1..] {
            ensure!(!a.overlaps(b), "{what} covers {other}");
        }
        for (seat, s) in seats.iter().enumerate() {
            ensure!(!a.overlaps(s), "{what} covers seat {seat}");
        }
        ensure!(
            a.x >= 0.0
                && a.y >= 0.0
                && a.right() <= f64::from(info.width)
                && a.bottom() <= f64::from(info.height),
            "{what} is off the picture"
        );
    }

    // Inside each card's box the card's own background shows (around its text).
    for place in &laid.places {
        for card in &place.cards {
            let (background, _) = kind_colours(kinds[&card.id]);
            let r = in_pixels(&card.rect);
            let (mut hits, mut all) = (0, 0);
            let mut y = r.y + 3.0;
            while y < r.bottom() - 3.0 {
                let mut x = r.x + 12.0;
                while x < r.right() - 3.0 {
                    all += 1;
                    if at(x, y) == [background.r, background.g, background.b] {
                        hits += 1;
                    }
                    x += 2.0;
                }
                y += 2.0;
            }
            ensure!(
                all > 0 && hits * 2 > all,
                "card {} ({:?}): {hits} of {all} pixels in its colour",
                card.id,
                card.size
            );
        }
    }
    Ok(Drawn {
        shown,
        counted,
        seats: laid.seats.len(),
    })
}
