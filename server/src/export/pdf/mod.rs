//! The harvest report as a PDF: the report's blocks on A4 pages (see [`layout`]),
//! then the picture of the table on a landscape page, with the embedded font
//! subsetted to the characters used (see [`font`]).

pub mod font;
pub mod layout;
pub mod writer;

use super::font::fonts;
use super::scene;
use super::schema::Harvest;
use super::words::{self, Lang};
use super::{ExportError, report, time};
use writer::{Info, Page};

/// The picture's page: A4 landscape.
const PICTURE_MARGIN: f32 = 36.0;

pub fn render(harvest: &Harvest, lang: Lang) -> Result<Vec<u8>, ExportError> {
    let fonts = fonts()?;
    let w = words::words(lang);
    let blocks = report::build(harvest, lang);
    let title = match blocks.first() {
        Some(report::Block::Title(t)) => t.clone(),
        _ => harvest.session.title.clone(),
    };
    let mut layout = layout::Layout::new(fonts, w);
    for block in &blocks {
        layout.block(block);
    }
    layout.push_page(picture_page(harvest, lang)?);
    let pages = layout.finish(&title);
    let created = harvest
        .exported_at
        .get(..23)
        .and_then(|_| parse_iso(&harvest.exported_at))
        .unwrap_or(0);
    writer::write(
        &pages,
        fonts,
        &Info {
            title,
            lang: lang.tag(),
            created: time::pdf_date(created),
        },
    )
}

/// Report blocks alone as a PDF (no picture page): the case-holder's own harvest.
pub fn render_blocks(
    blocks: &[report::Block],
    lang: Lang,
    exported_at: &str,
) -> Result<Vec<u8>, ExportError> {
    let fonts = fonts()?;
    let title = match blocks.first() {
        Some(report::Block::Title(t)) => t.clone(),
        _ => String::new(),
    };
    let mut layout = layout::Layout::new(fonts, words::words(lang));
    for block in blocks {
        layout.block(block);
    }
    let pages = layout.finish(&title);
    writer::write(
        &pages,
        fonts,
        &Info {
            title,
            lang: lang.tag(),
            created: time::pdf_date(parse_iso(exported_at).unwrap_or(0)),
        },
    )
}

/// The picture of the table scaled onto an A4 landscape page.
fn picture_page(harvest: &Harvest, lang: Lang) -> Result<Page, ExportError> {
    let picture = scene::build(harvest, lang)?;
    let (width, height) = (layout::A4_H, layout::A4_W);
    let scale = ((width - 2.0 * PICTURE_MARGIN) / picture.width)
        .min((height - 2.0 * PICTURE_MARGIN - 30.0) / picture.height);
    let (ox, oy) = ((width - picture.width * scale) / 2.0, PICTURE_MARGIN);
    let shapes = picture
        .shapes
        .into_iter()
        .map(|shape| shape.scaled(scale, (ox, oy)))
        .collect();
    Ok(Page {
        width,
        height,
        shapes,
    })
}

/// Milliseconds since the epoch of "YYYY-MM-DDTHH:MM:SS.mmmZ" (as the export writes it).
fn parse_iso(s: &str) -> Option<i64> {
    let num = |range: std::ops::Range<usize>| s.get(range)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec, ms) = (num(11..13)?, num(14..16)?, num(17..19)?, num(20..23)?);
    // Days from civil (Howard Hinnant), the inverse of `time::civil`.
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 24 + h) * 60 + mi) * 60_000 + sec * 1000 + ms)
}

/// zlib-compresses a stream (`/FlateDecode`).
pub fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_times_parse_back() {
        for ms in [0, 1_741_944_413_589, 951_782_400_000] {
            assert_eq!(parse_iso(&time::iso_millis(ms)), Some(ms));
        }
        assert_eq!(parse_iso("garbage"), None);
    }
}
