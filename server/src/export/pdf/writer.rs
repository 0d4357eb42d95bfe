//! Pages of shapes (the same [`Shape`]s as the picture, in points from the page's
//! top-left corner) written as a PDF: one compressed content stream per page, the
//! embedded fonts (each used face subsetted), text as shaped glyphs, transparency
//! through graphics states, and the document's title.

use std::collections::BTreeMap;

use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::super::ExportError;
use super::super::font::{FaceId, Fonts};
use super::super::scene::{Paint, Shape, left_of};
use super::super::shape::ShapedLine;
use super::super::shapes::{KAPPA, oval_outline};
use super::font::{CidMap, FontRefs};

pub struct Page {
    pub width: f32,
    pub height: f32,
    pub shapes: Vec<Shape>,
}

/// What the PDF says about itself.
pub struct Info {
    pub title: String,
    pub lang: &'static str,
    /// (year, month, day, hour, minute, second), UTC.
    pub created: (i32, u8, u8, u8, u8, u8),
}

struct Ids(i32);

impl Ids {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

fn font_name(face: FaceId) -> Name<'static> {
    match face {
        FaceId::Regular => Name(b"F1"),
        FaceId::Bold => Name(b"F2"),
        FaceId::Emoji => Name(b"F3"),
        FaceId::Symbola => Name(b"F4"),
    }
}

/// The subset tag in front of a font's name (six capitals, as the PDF standard asks).
fn subset_tag(face: FaceId) -> &'static str {
    match face {
        FaceId::Regular => "OVLREG",
        FaceId::Bold => "OVLBLD",
        FaceId::Emoji => "OVLEMO",
        FaceId::Symbola => "OVLSYM",
    }
}

/// One item of a `TJ` array: a glyph's CID or a move in thousandths of an em
/// (positive moves left, as the operator counts).
enum Item {
    Glyph([u8; 2]),
    Move(f32),
}

/// Opacity in thousandths, as a graphics-state key.
fn alpha_key(a: f32) -> u16 {
    // In 0..=1000.
    ovaal_shared::float::to_u16(f64::from((a.clamp(0.0, 1.0) * 1000.0).round()))
}

struct Painter<'a> {
    content: Content,
    height: f32,
    fonts: &'a Fonts,
    maps: &'a mut BTreeMap<FaceId, CidMap>,
    alphas: &'a mut BTreeMap<u16, String>,
}

impl Painter<'_> {
    fn set_fill(&mut self, paint: Paint) {
        self.content.set_fill_rgb(
            f32::from(paint.r) / 255.0,
            f32::from(paint.g) / 255.0,
            f32::from(paint.b) / 255.0,
        );
        self.set_alpha(paint.a);
    }

    fn set_stroke(&mut self, paint: Paint, width: f32) {
        self.content.set_stroke_rgb(
            f32::from(paint.r) / 255.0,
            f32::from(paint.g) / 255.0,
            f32::from(paint.b) / 255.0,
        );
        self.content.set_line_width(width);
        self.set_alpha(paint.a);
    }

    fn set_alpha(&mut self, a: f32) {
        let key = alpha_key(a);
        let count = self.alphas.len();
        let name = self
            .alphas
            .entry(key)
            .or_insert_with(|| format!("GS{count}"))
            .clone();
        self.content.set_parameters(Name(name.as_bytes()));
    }

    fn round_rect(&mut self, x: f32, y: f32, w: f32, h: f32, r: f32) {
        let r = r.clamp(0.0, w.min(h) / 2.0);
        let (top, bottom) = (self.height - y, self.height - y - h);
        let k = r * KAPPA;
        let c = &mut self.content;
        c.move_to(x + r, top);
        c.line_to(x + w - r, top);
        c.cubic_to(x + w - r + k, top, x + w, top - r + k, x + w, top - r);
        c.line_to(x + w, bottom + r);
        c.cubic_to(
            x + w,
            bottom + r - k,
            x + w - r + k,
            bottom,
            x + w - r,
            bottom,
        );
        c.line_to(x + r, bottom);
        c.cubic_to(x + r - k, bottom, x, bottom + r - k, x, bottom + r);
        c.line_to(x, top - r);
        c.cubic_to(x, top - r + k, x + r - k, top, x + r, top);
        c.close_path();
    }

    fn oval(&mut self, (cx, cy, rx, ry): (f32, f32, f32, f32), exponent: f32) {
        let height = self.height;
        let c = &mut self.content;
        for (i, (x, y)) in oval_outline(cx, cy, rx, ry, exponent)
            .into_iter()
            .enumerate()
        {
            if i == 0 {
                c.move_to(x, height - y);
            } else {
                c.line_to(x, height - y);
            }
        }
        c.close_path();
    }

    fn paint_path(
        &mut self,
        fill: Option<Paint>,
        stroke: Option<(Paint, f32)>,
        path: impl Fn(&mut Self),
    ) {
        if let Some(paint) = fill {
            self.set_fill(paint);
            path(self);
            self.content.fill_nonzero();
        }
        if let Some((paint, width)) = stroke {
            self.set_stroke(paint, width);
            path(self);
            self.content.stroke();
        }
    }

    /// Shows a shaped line from (`x`, `y`) (PDF coordinates): a `TJ` array per stretch
    /// of one face and height, whose moves make up the difference between each
    /// glyph's natural width (the font's `W` array) and its shaped advance and offset.
    fn glyphs(&mut self, line: &ShapedLine, x: f32, y: f32, size: f32) {
        self.content.begin_text();
        self.content.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, y]);
        let (mut face, mut rise) = (None, 0.0f32);
        for stretch in line
            .glyphs
            .chunk_by(|a, b| a.face == b.face && a.y_offset == b.y_offset)
        {
            let first = &stretch[0];
            if face != Some(first.face) {
                face = Some(first.face);
                self.content.set_font(font_name(first.face), size);
            }
            if first.y_offset != rise {
                rise = first.y_offset;
                self.content.set_rise(rise * size);
            }
            let font = self.fonts.face(first.face);
            let map = self.maps.entry(first.face).or_default();
            let mut items = Vec::with_capacity(stretch.len() * 2);
            for glyph in stretch {
                if glyph.x_offset != 0.0 {
                    items.push(Item::Move(-glyph.x_offset * 1000.0));
                }
                items.push(Item::Glyph(map.encode(glyph.id, &glyph.text)));
                let natural = font.advance_em(ttf_parser::GlyphId(glyph.id));
                let rest = glyph.advance - glyph.x_offset - natural;
                if rest.abs() > 1e-4 {
                    items.push(Item::Move(-rest * 1000.0));
                }
            }
            let mut show = self.content.show_positioned();
            let mut array = show.items();
            for item in &items {
                match item {
                    Item::Glyph(cid) => array.show(Str(cid)),
                    Item::Move(amount) => array.adjust(*amount),
                };
            }
        }
        if rise != 0.0 {
            self.content.set_rise(0.0);
        }
        self.content.end_text();
    }

    fn shape(&mut self, shape: &Shape) {
        match shape {
            Shape::Rect {
                x,
                y,
                w,
                h,
                radius,
                fill,
                stroke,
            } => {
                let (x, y, w, h, r) = (*x, *y, *w, *h, *radius);
                self.paint_path(*fill, *stroke, |p| p.round_rect(x, y, w, h, r));
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
                let (oval, exponent) = ((*cx, *cy, *rx, *ry), *exponent);
                self.paint_path(*fill, *stroke, |p| p.oval(oval, exponent));
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
                if text.is_empty() {
                    return;
                }
                let line = self.fonts.get(*weight).shape(text, *rtl);
                let left = left_of(*x, line.width_em() * size, *anchor, *rtl);
                self.set_fill(*paint);
                self.glyphs(&line, left, self.height - y, *size);
            }
            Shape::GroupStart { .. } | Shape::GroupEnd => {}
        }
    }
}

pub fn write(pages: &[Page], fonts: &Fonts, info: &Info) -> Result<Vec<u8>, ExportError> {
    let mut ids = Ids(0);
    let catalog = ids.next();
    let tree = ids.next();
    let info_id = ids.next();
    let mut pdf = Pdf::new();
    let mut maps: BTreeMap<FaceId, CidMap> = BTreeMap::new();
    let mut alphas: BTreeMap<u16, String> = BTreeMap::new();

    // Content first: it decides which characters the fonts need.
    let mut page_refs = Vec::new();
    let mut contents = Vec::new();
    for page in pages {
        let mut painter = Painter {
            content: Content::new(),
            height: page.height,
            fonts,
            maps: &mut maps,
            alphas: &mut alphas,
        };
        for shape in &page.shapes {
            painter.shape(shape);
        }
        contents.push(painter.content.finish());
        page_refs.push((ids.next(), ids.next()));
    }
    // Only the faces the text used.
    let font_refs: Vec<(FaceId, FontRefs)> = maps
        .keys()
        .map(|face| {
            (
                *face,
                FontRefs {
                    type0: ids.next(),
                    cid_font: ids.next(),
                    descriptor: ids.next(),
                    file: ids.next(),
                    cid_to_gid: ids.next(),
                    to_unicode: ids.next(),
                },
            )
        })
        .collect();
    let mut gs_refs = Vec::new();
    for (key, name) in &alphas {
        let id = ids.next();
        let a = f32::from(*key) / 1000.0;
        pdf.ext_graphics(id).non_stroking_alpha(a).stroking_alpha(a);
        gs_refs.push((name.clone(), id));
    }

    pdf.catalog(catalog).pages(tree).lang(TextStr(info.lang));
    pdf.pages(tree)
        .kids(page_refs.iter().map(|(page, _)| *page))
        // A report is tens of pages.
        .count(i32::try_from(pages.len()).unwrap_or(i32::MAX));
    for (page, ((page_id, content_id), content)) in pages.iter().zip(page_refs.iter().zip(contents))
    {
        let mut p = pdf.page(*page_id);
        p.media_box(Rect::new(0.0, 0.0, page.width, page.height))
            .parent(tree)
            .contents(*content_id);
        let mut resources = p.resources();
        let mut font_dict = resources.fonts();
        for (face, refs) in &font_refs {
            font_dict.pair(font_name(*face), refs.type0);
        }
        font_dict.finish();
        let mut states = resources.ext_g_states();
        for (name, id) in &gs_refs {
            states.pair(Name(name.as_bytes()), *id);
        }
        states.finish();
        resources.finish();
        p.finish();
        pdf.stream(*content_id, &super::deflate(content.as_slice()))
            .filter(Filter::FlateDecode);
    }
    for (face, refs) in &font_refs {
        let map = maps.remove(face).unwrap_or_default();
        map.write(&mut pdf, refs, fonts.face(*face), subset_tag(*face))?;
    }
    let (year, month, day, hour, minute, second) = info.created;
    let date = pdf_writer::Date::new(u16::try_from(year).unwrap_or(1970))
        .month(month)
        .day(day)
        .hour(hour)
        .minute(minute)
        .second(second)
        .utc_offset_hour(0)
        .utc_offset_minute(0);
    pdf.document_info(info_id)
        .title(TextStr(&info.title))
        .producer(TextStr("Ovaal"))
        .creation_date(date);
    Ok(pdf.finish())
}
