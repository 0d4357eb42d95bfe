//! A small anti-aliased canvas: fills paths of lines and Bézier curves with
//! `ab_glyph_rasterizer`'s exact-area coverage, and draws shaped text from the
//! embedded fonts' glyph outlines. Enough for the picture of the table; strokes are drawn as rings
//! (an outer outline and a reversed inner one).

use ab_glyph_rasterizer::{Point, Rasterizer, point};
use ttf_parser::{GlyphId, OutlineBuilder};

use super::font::Fonts;
use super::shape::ShapedLine;
use super::shapes::{KAPPA, Paint, oval_outline};
use ovaal_shared::float;

#[derive(Debug, Clone, Copy)]
enum Segment {
    Line(Point, Point),
    Quad(Point, Point, Point),
    Cubic(Point, Point, Point, Point),
}

/// Closed contours in canvas pixels.
#[derive(Debug, Default)]
pub struct Path {
    segments: Vec<Segment>,
    start: Option<Point>,
    current: Option<Point>,
}

impl Path {
    pub fn move_to(&mut self, x: f32, y: f32) {
        self.close();
        self.start = Some(point(x, y));
        self.current = self.start;
    }

    pub fn line_to(&mut self, x: f32, y: f32) {
        if let Some(from) = self.current {
            self.segments.push(Segment::Line(from, point(x, y)));
        }
        self.current = Some(point(x, y));
    }

    pub fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        if let Some(from) = self.current {
            self.segments
                .push(Segment::Quad(from, point(x1, y1), point(x, y)));
        }
        self.current = Some(point(x, y));
    }

    pub fn cubic_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        if let Some(from) = self.current {
            self.segments.push(Segment::Cubic(
                from,
                point(x1, y1),
                point(x2, y2),
                point(x, y),
            ));
        }
        self.current = Some(point(x, y));
    }

    /// Closes the current contour with a straight line back to its start.
    pub fn close(&mut self) {
        if let (Some(start), Some(current)) = (self.start, self.current)
            && (start.x != current.x || start.y != current.y)
        {
            self.segments.push(Segment::Line(current, start));
        }
        self.current = self.start;
    }

    /// An oval of `exponent` (2 for an ellipse); `reverse` runs it the other way (to
    /// cut a hole).
    pub fn oval(&mut self, (cx, cy, rx, ry): (f32, f32, f32, f32), exponent: f32, reverse: bool) {
        let mut c = Path::default();
        let outline = oval_outline(cx, cy, rx, ry, exponent);
        for (i, &(x, y)) in outline.iter().enumerate() {
            if i == 0 {
                c.move_to(x, y);
            } else {
                c.line_to(x, y);
            }
        }
        c.close();
        self.append(c, reverse);
    }

    /// A rectangle with rounded corners; `reverse` runs it the other way.
    pub fn round_rect(&mut self, x: f32, y: f32, w: f32, h: f32, r: f32, reverse: bool) {
        let r = r.clamp(0.0, w.min(h) / 2.0);
        let k = r * (1.0 - KAPPA);
        let mut c = Path::default();
        c.move_to(x + r, y);
        c.line_to(x + w - r, y);
        c.cubic_to(x + w - k, y, x + w, y + k, x + w, y + r);
        c.line_to(x + w, y + h - r);
        c.cubic_to(x + w, y + h - k, x + w - k, y + h, x + w - r, y + h);
        c.line_to(x + r, y + h);
        c.cubic_to(x + k, y + h, x, y + h - k, x, y + h - r);
        c.line_to(x, y + r);
        c.cubic_to(x, y + k, x + k, y, x + r, y);
        c.close();
        self.append(c, reverse);
    }

    /// Adds another path's closed contours, optionally run backwards.
    fn append(&mut self, other: Path, reverse: bool) {
        self.close();
        if reverse {
            self.segments
                .extend(other.segments.into_iter().rev().map(|s| match s {
                    Segment::Line(a, b) => Segment::Line(b, a),
                    Segment::Quad(a, b, c) => Segment::Quad(c, b, a),
                    Segment::Cubic(a, b, c, d) => Segment::Cubic(d, c, b, a),
                }));
        } else {
            self.segments.extend(other.segments);
        }
        self.start = None;
        self.current = None;
    }

    fn bounds(&self) -> Option<(f32, f32, f32, f32)> {
        let mut b: Option<(f32, f32, f32, f32)> = None;
        let mut add = |p: Point| {
            if !p.x.is_finite() || !p.y.is_finite() {
                return;
            }
            b = Some(match b {
                None => (p.x, p.y, p.x, p.y),
                Some((x0, y0, x1, y1)) => (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y)),
            });
        };
        for s in &self.segments {
            match *s {
                Segment::Line(a, b) => [a, b].into_iter().for_each(&mut add),
                Segment::Quad(a, b, c) => [a, b, c].into_iter().for_each(&mut add),
                Segment::Cubic(a, b, c, d) => [a, b, c, d].into_iter().for_each(&mut add),
            }
        }
        b
    }
}

/// Collects a glyph outline (font units, y up) into a [`Path`] (pixels, y down).
struct GlyphPen<'a> {
    path: &'a mut Path,
    x: f32,
    y: f32,
    scale: f32,
}

impl GlyphPen<'_> {
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (self.x + x * self.scale, self.y - y * self.scale)
    }
}

impl OutlineBuilder for GlyphPen<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.path.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x1, y1) = self.at(x1, y1);
        let (x, y) = self.at(x, y);
        self.path.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (x1, y1) = self.at(x1, y1);
        let (x2, y2) = self.at(x2, y2);
        let (x, y) = self.at(x, y);
        self.path.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.path.close();
    }
}

/// An opaque RGB image.
pub struct Canvas {
    pub width: u32,
    pub height: u32,
    pixels: Vec<[u8; 3]>,
}

impl Canvas {
    pub fn new(width: u32, height: u32, background: Paint) -> Self {
        Self {
            width,
            height,
            pixels: vec![[background.r, background.g, background.b]; (width * height) as usize],
        }
    }

    /// The pixel rows, RGB, top to bottom.
    pub fn rgb_bytes(&self) -> Vec<u8> {
        self.pixels.iter().flatten().copied().collect()
    }

    pub fn pixel(&self, x: u32, y: u32) -> Option<[u8; 3]> {
        (x < self.width && y < self.height).then(|| self.pixels[(y * self.width + x) as usize])
    }

    /// Fills a path (non-zero winding, overlaps saturate) with a paint.
    pub fn fill(&mut self, path: &Path, paint: Paint) {
        let Some((x0, y0, x1, y1)) = path.bounds() else {
            return;
        };
        // Nothing of it on the canvas.
        if x1 < 0.0 || y1 < 0.0 || x0 > self.width as f32 || y0 > self.height as f32 {
            return;
        }
        // Rasterise in the path's own box (with a spare column, so coverage never
        // spills into the next row), then blend what lies on the canvas.
        let (ox, oy) = (x0.floor(), y0.floor());
        // Saturating: a path too large for memory is refused just below.
        let w = float::to_usize(f64::from(x1.ceil() - ox)).saturating_add(2);
        let h = float::to_usize(f64::from(y1.ceil() - oy)).saturating_add(1);
        if w.saturating_mul(h) > 64 << 20 {
            return;
        }
        let mut raster = Rasterizer::new(w, h);
        let local = |p: Point| point(p.x - ox, p.y - oy);
        for s in &path.segments {
            match *s {
                Segment::Line(a, b) => raster.draw_line(local(a), local(b)),
                Segment::Quad(a, b, c) => raster.draw_quad(local(a), local(b), local(c)),
                Segment::Cubic(a, b, c, d) => {
                    raster.draw_cubic(local(a), local(b), local(c), local(d))
                }
            }
        }
        let (width, height) = (self.width as i64, self.height as i64);
        let (ox, oy) = (float::to_i64(f64::from(ox)), float::to_i64(f64::from(oy)));
        let src = [f32::from(paint.r), f32::from(paint.g), f32::from(paint.b)];
        raster.for_each_pixel_2d(|x, y, coverage| {
            let a = coverage.min(1.0) * paint.a;
            if a <= 0.002 {
                return;
            }
            let (px, py) = (ox + i64::from(x), oy + i64::from(y));
            if px < 0 || py < 0 || px >= width || py >= height {
                return;
            }
            // Both on the canvas (checked above): the index is within `pixels`.
            let Ok(index) = usize::try_from(py * width + px) else {
                return;
            };
            let pixel = &mut self.pixels[index];
            for (c, s) in pixel.iter_mut().zip(src) {
                let blended = f32::from(*c) + (s - f32::from(*c)) * a;
                *c = float::to_u8(f64::from(blended.round().clamp(0.0, 255.0)));
            }
        });
    }

    /// Draws one shaped line with its baseline starting at (`x`, `y`) pixels.
    pub fn text(
        &mut self,
        fonts: &Fonts,
        line: &ShapedLine,
        (x, y): (f32, f32),
        size: f32,
        paint: Paint,
    ) {
        let mut path = Path::default();
        let mut pen_x = x;
        for glyph in &line.glyphs {
            let font = fonts.face(glyph.face);
            let mut pen = GlyphPen {
                path: &mut path,
                x: pen_x + glyph.x_offset * size,
                y: y - glyph.y_offset * size,
                scale: size / font.units_per_em(),
            };
            font.face.outline_glyph(GlyphId(glyph.id), &mut pen);
            path.close();
            pen_x += glyph.advance * size;
        }
        self.fill(&path, paint);
    }
}

#[cfg(test)]
mod tests {
    use super::super::shapes::{WHITE, rgb};
    use super::*;

    const BLACK: Paint = rgb(0x000000);

    #[test]
    fn shapes_cover_what_they_should() {
        let mut canvas = Canvas::new(100, 60, WHITE);
        let mut ring = Path::default();
        ring.oval((50.0, 30.0, 40.0, 25.0), 2.0, false);
        ring.oval((50.0, 30.0, 30.0, 15.0), 2.0, true);
        canvas.fill(&ring, BLACK);
        assert_eq!(
            canvas.pixel(50, 30),
            Some([255, 255, 255]),
            "the hole stays empty"
        );
        assert_eq!(canvas.pixel(50, 8), Some([0, 0, 0]), "the ring is filled");
        assert_eq!(
            canvas.pixel(2, 2),
            Some([255, 255, 255]),
            "outside stays empty"
        );

        let mut canvas = Canvas::new(100, 60, WHITE);
        let mut frame = Path::default();
        frame.round_rect(10.0, 10.0, 80.0, 40.0, 8.0, false);
        frame.round_rect(14.0, 14.0, 72.0, 32.0, 4.0, true);
        canvas.fill(&frame, BLACK);
        assert_eq!(canvas.pixel(50, 30), Some([255, 255, 255]));
        assert_eq!(canvas.pixel(50, 11), Some([0, 0, 0]));
        assert_eq!(
            canvas.pixel(10, 10),
            Some([255, 255, 255]),
            "the corner is round"
        );

        // Shapes reaching over the edge are clipped, not wrapped into other rows.
        let mut canvas = Canvas::new(20, 20, WHITE);
        let mut big = Path::default();
        big.round_rect(-5.0, 5.0, 30.0, 5.0, 0.0, false);
        canvas.fill(&big, BLACK);
        assert_eq!(canvas.pixel(0, 7), Some([0, 0, 0]));
        assert_eq!(canvas.pixel(0, 12), Some([255, 255, 255]));
    }

    #[test]
    fn text_leaves_ink() {
        let fonts = super::super::font::fonts().unwrap();
        let line = fonts
            .get(super::super::font::Weight::Regular)
            .shape("Zoë 🤔 شكرا", false);
        let mut canvas = Canvas::new(120, 30, WHITE);
        canvas.text(fonts, &line, (4.0, 22.0), 16.0, BLACK);
        let inked = canvas.rgb_bytes().iter().filter(|b| **b < 128).count();
        assert!(inked > 50, "{inked}");
    }
}
