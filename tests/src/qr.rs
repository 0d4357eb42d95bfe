//! Reading a QR code off a page the way a phone camera would: a screenshot of the
//! element (`Page.captureScreenshot` with a clip), decoded as PNG, then searched for
//! QR codes with `rqrr`. So a test proves the code *scans* to the right text, not just
//! that some element exists.

use std::io::Cursor;

use anyhow::{Context, Result, bail, ensure};
use base64::Engine;
use serde_json::json;

use crate::board_page::{WAIT, js};
use crate::browser::Page;

/// White space kept around the element in the screenshot, in CSS pixels: scanners need a
/// quiet zone, and the element may not draw one.
const MARGIN: f64 = 24.0;

/// The screenshot is taken at this scale, so each QR module is several pixels wide.
const SCALE: f64 = 2.0;

/// A PNG of the area of the first element matching `selector` (plus a margin), once that
/// element is visible.
pub async fn element_png(page: &Page, selector: &str) -> Result<Vec<u8>> {
    let rect = page
        .wait_for(
            &format!(
                "(() => {{ const el = document.querySelector({sel}); if (!el) return null; \
                 el.scrollIntoView({{ block: 'center', inline: 'center' }}); \
                 const r = el.getBoundingClientRect(); \
                 return r.width > 0 && r.height > 0 ? \
                 [r.left + scrollX, r.top + scrollY, r.width, r.height] : null; }})()",
                sel = js(selector)
            ),
            WAIT,
        )
        .await
        .with_context(|| format!("no visible element matches `{selector}`"))?;
    let number = |i: usize| rect[i].as_f64().context("bad element rectangle");
    let (x, y, w, h) = (number(0)?, number(1)?, number(2)?, number(3)?);
    let shot = page
        .call(
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": {
                    "x": (x - MARGIN).max(0.0),
                    "y": (y - MARGIN).max(0.0),
                    "width": w + 2.0 * MARGIN,
                    "height": h + 2.0 * MARGIN,
                    "scale": SCALE,
                },
            }),
        )
        .await?;
    let data = shot["data"]
        .as_str()
        .context("the screenshot answer has no data")?;
    base64::engine::general_purpose::STANDARD
        .decode(data)
        .context("the screenshot is not valid base64")
}

/// Every QR code found in a PNG, decoded to text.
pub fn decode_png(png_bytes: &[u8]) -> Result<Vec<String>> {
    let (width, height, luma) = greyscale(png_bytes)?;
    let mut image =
        rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| luma[y * width + x]);
    let grids = image.detect_grids();
    let mut texts = Vec::new();
    let mut errors = Vec::new();
    for grid in grids {
        match grid.decode() {
            Ok((_, text)) => texts.push(text),
            Err(err) => errors.push(err.to_string()),
        }
    }
    if texts.is_empty() && !errors.is_empty() {
        bail!("found QR code(s) but could not decode them: {errors:?}");
    }
    Ok(texts)
}

/// Screenshots the element and decodes the one QR code in it.
pub async fn read_qr(page: &Page, selector: &str) -> Result<String> {
    let png_bytes = element_png(page, selector).await?;
    let texts = decode_png(&png_bytes)?;
    match texts.as_slice() {
        [one] => Ok(one.clone()),
        [] => bail!("no QR code found in `{selector}`"),
        many => bail!("{} QR codes found in `{selector}`: {many:?}", many.len()),
    }
}

/// Decodes a PNG into `(width, height, one luma byte per pixel)`, compositing any
/// transparency onto white as a screen would show it.
fn greyscale(png_bytes: &[u8]) -> Result<(usize, usize, Vec<u8>)> {
    let mut decoder = png::Decoder::new(Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().context("not a PNG")?;
    let mut buffer = vec![
        0;
        reader
            .output_buffer_size()
            .context("the PNG is too large")?
    ];
    let info = reader.next_frame(&mut buffer).context("bad PNG data")?;
    let (width, height) = (info.width as usize, info.height as usize);
    let channels = info.color_type.samples();
    ensure!(
        info.bit_depth == png::BitDepth::Eight,
        "unexpected bit depth {:?}",
        info.bit_depth
    );
    let luma = buffer[..info.buffer_size()]
        .chunks_exact(channels)
        .map(|px| {
            let (grey, alpha) = match channels {
                1 => (f64::from(px[0]), 255.0),
                2 => (f64::from(px[0]), f64::from(px[1])),
                3 => (luma_of(px), 255.0),
                _ => (luma_of(px), f64::from(px[3])),
            };
            let a = alpha / 255.0;
            ovaal_shared::float::to_u8((grey * a + 255.0 * (1.0 - a)).round())
        })
        .collect::<Vec<u8>>();
    ensure!(
        luma.len() == width * height,
        "decoded {} pixels for {width}x{height}",
        luma.len()
    );
    Ok((width, height, luma))
}

fn luma_of(rgb: &[u8]) -> f64 {
    0.299 * f64::from(rgb[0]) + 0.587 * f64::from(rgb[1]) + 0.114 * f64::from(rgb[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A blank PNG has no QR code, and says so without an error.
    #[test]
    fn a_blank_image_has_no_code() {
        let mut png_bytes = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut png_bytes, 40, 30);
            encoder.set_color(png::ColorType::Rgba);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().expect("header");
            writer
                .write_image_data(&[255; 40 * 30 * 4])
                .expect("image data");
        }
        let (w, h, luma) = greyscale(&png_bytes).expect("decodes");
        assert_eq!((w, h), (40, 30));
        assert!(luma.iter().all(|&l| l == 255));
        assert!(decode_png(&png_bytes).expect("decodes").is_empty());
    }

    /// A QR code made by `qrencode` (an independent encoder) decodes to its text.
    #[test]
    fn decodes_a_qr_made_elsewhere() {
        let png_bytes = include_bytes!("../fixtures/qr-room-link.png");
        assert_eq!(
            decode_png(png_bytes).expect("decodes"),
            vec!["http://127.0.0.1:8080/s/IerDWXZKamJOdl9rIJ_KNw#token=K7PM4QXA".to_owned()]
        );
    }

    #[test]
    fn garbage_is_not_a_png() {
        assert!(decode_png(b"not a png").is_err());
    }
}
