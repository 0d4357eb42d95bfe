//! The picture of the table as a PNG: the same shapes as the SVG, rasterised at 1.5
//! pixels per unit (1920 × 1170 pixels: a full-HD screen's width), RGB, 8 bits per
//! channel.

use super::ExportError;
use super::font::fonts;
use super::raster::{Canvas, Path};
use super::scene::{PAGE, Scene, Shape, left_of};

/// Pixels per scene unit.
pub const SCALE: f32 = 1.5;

/// The PNG's size in pixels for a scene.
pub fn size_of(scene: &Scene) -> (u32, u32) {
    (
        // A page of a few thousand pixels a side.
        ovaal_shared::float::to_u32(f64::from((scene.width * SCALE).round())),
        ovaal_shared::float::to_u32(f64::from((scene.height * SCALE).round())),
    )
}

/// Draws the scene on a canvas.
pub fn draw(scene: &Scene) -> Result<Canvas, ExportError> {
    let fonts = fonts()?;
    let (width, height) = size_of(scene);
    let mut canvas = Canvas::new(width, height, PAGE);
    // In pixels from here on.
    let shapes = scene
        .shapes
        .iter()
        .map(|s| s.clone().scaled(SCALE, (0.0, 0.0)));
    for shape in shapes {
        match shape {
            Shape::Rect {
                x,
                y,
                w,
                h,
                radius: r,
                fill,
                stroke,
            } => {
                if let Some(paint) = fill {
                    let mut path = Path::default();
                    path.round_rect(x, y, w, h, r, false);
                    canvas.fill(&path, paint);
                }
                if let Some((paint, width)) = stroke {
                    let half = width / 2.0;
                    let mut ring = Path::default();
                    ring.round_rect(
                        x - half,
                        y - half,
                        w + 2.0 * half,
                        h + 2.0 * half,
                        r + half,
                        false,
                    );
                    ring.round_rect(
                        x + half,
                        y + half,
                        w - 2.0 * half,
                        h - 2.0 * half,
                        (r - half).max(0.0),
                        true,
                    );
                    canvas.fill(&ring, paint);
                }
            }
            Shape::Oval {
                cx,
                cy,
                rx,
                ry,
                exponent,
                fill,
                stroke,
            } => {
                if let Some(paint) = fill {
                    let mut path = Path::default();
                    path.oval((cx, cy, rx, ry), exponent, false);
                    canvas.fill(&path, paint);
                }
                if let Some((paint, width)) = stroke {
                    // The band between the oval grown and shrunk by half the width: for
                    // a stroke a few pixels wide the same as an offset curve.
                    let half = width / 2.0;
                    let (inner_x, inner_y) = ((rx - half).max(0.0), (ry - half).max(0.0));
                    let mut ring = Path::default();
                    ring.oval((cx, cy, rx + half, ry + half), exponent, false);
                    ring.oval((cx, cy, inner_x, inner_y), exponent, true);
                    canvas.fill(&ring, paint);
                }
            }
            Shape::Text {
                x,
                y,
                size,
                weight,
                paint,
                anchor,
                text,
                rtl,
            } => {
                let line = fonts.get(weight).shape(&text, rtl);
                let left = left_of(x, line.width_em() * size, anchor, rtl);
                canvas.text(fonts, &line, (left, y), size, paint);
            }
            Shape::GroupStart { .. } | Shape::GroupEnd => {}
        }
    }
    Ok(canvas)
}

pub fn render(scene: &Scene) -> Result<Vec<u8>, ExportError> {
    let canvas = draw(scene)?;
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, canvas.width, canvas.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Balanced);
        let mut writer = encoder
            .write_header()
            .map_err(|e| ExportError::Png(e.to_string()))?;
        writer
            .write_image_data(&canvas.rgb_bytes())
            .map_err(|e| ExportError::Png(e.to_string()))?;
        writer
            .finish()
            .map_err(|e| ExportError::Png(e.to_string()))?;
    }
    Ok(out)
}
