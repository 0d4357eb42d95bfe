//! The embedded fonts and their metrics: DejaVu Sans (Regular and Bold, from the
//! `dejavu` crate) for text; for the emoji DejaVu lacks, Noto Emoji (monochrome, from
//! `epaint_default_fonts`), then a subset of Symbola for the newer emoji that Noto
//! Emoji's version lacks (🤔, 🙂, 🤝: `fonts/`, see `docs/export.md`). The picture (SVG and PNG) and the PDF
//! measure text with the shaped glyphs of [`super::shape`], so a line that fits in one
//! fits in the others.

use std::sync::OnceLock;

use ttf_parser::GlyphId;

use super::ExportError;
use super::shape::{ShapedLine, shape_line};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weight {
    Regular,
    Bold,
}

/// Which embedded face a glyph comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceId {
    Regular,
    Bold,
    /// The fallback for characters DejaVu Sans has no glyph for, in both weights.
    Emoji,
    /// The second fallback, for emoji newer than the first one's.
    Symbola,
}

/// The fallback faces, in the order they are tried.
pub const FALLBACKS: [FaceId; 2] = [FaceId::Emoji, FaceId::Symbola];

/// Symbola's emoji that neither DejaVu Sans nor Noto Emoji has (235 kB; how it was
/// made and its licence: `docs/export.md`).
const SYMBOLA_EMOJI: &[u8] = include_bytes!("fonts/symbola-emoji-subset.ttf");

impl From<Weight> for FaceId {
    fn from(weight: Weight) -> Self {
        match weight {
            Weight::Regular => FaceId::Regular,
            Weight::Bold => FaceId::Bold,
        }
    }
}

/// One embedded face: parsed for shaping (`rustybuzz::Face` also gives
/// `ttf_parser`'s outlines and metrics).
pub struct Font {
    pub face: rustybuzz::Face<'static>,
    pub data: &'static [u8],
    /// The PostScript name, for the PDF.
    pub name: &'static str,
    units_per_em: f32,
}

pub struct Fonts {
    regular: Font,
    bold: Font,
    emoji: Font,
    symbola: Font,
}

fn load(data: &'static [u8], name: &'static str) -> Result<Font, String> {
    let face = rustybuzz::Face::from_slice(data, 0).ok_or_else(|| format!("{name}: unreadable"))?;
    let units_per_em = face.units_per_em().max(1) as f32;
    Ok(Font {
        face,
        data,
        name,
        units_per_em,
    })
}

/// The fonts, parsed once.
pub fn fonts() -> Result<&'static Fonts, ExportError> {
    static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Ok(Fonts {
                regular: load(dejavu::sans::regular(), "DejaVuSans")?,
                bold: load(dejavu::sans::bold(), "DejaVuSans-Bold")?,
                emoji: load(
                    epaint_default_fonts::NOTO_EMOJI_REGULAR,
                    "NotoEmoji-Regular",
                )?,
                symbola: load(SYMBOLA_EMOJI, "Symbola")?,
            })
        })
        .as_ref()
        .map_err(|e| ExportError::Font(e.clone()))
}

impl Fonts {
    /// Text in a weight: DejaVu Sans of that weight, with the emoji fallback.
    pub fn get(&self, weight: Weight) -> Typeface<'_> {
        Typeface {
            fonts: self,
            main: weight.into(),
        }
    }

    pub fn face(&self, id: FaceId) -> &Font {
        match id {
            FaceId::Regular => &self.regular,
            FaceId::Bold => &self.bold,
            FaceId::Emoji => &self.emoji,
            FaceId::Symbola => &self.symbola,
        }
    }
}

impl Font {
    /// Whether the face has a glyph of its own for a character.
    pub fn has(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some_and(|g| g.0 != 0)
    }

    /// A glyph's advance in ems (its natural width, before shaping adjusts it).
    pub fn advance_em(&self, glyph: GlyphId) -> f32 {
        f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) / self.units_per_em
    }

    pub fn units_per_em(&self) -> f32 {
        self.units_per_em
    }
}

/// A weight of DejaVu Sans with its fallback: what text is measured and drawn with.
#[derive(Clone, Copy)]
pub struct Typeface<'a> {
    pub fonts: &'a Fonts,
    pub main: FaceId,
}

impl Typeface<'_> {
    pub fn main_font(&self) -> &Font {
        self.fonts.face(self.main)
    }

    /// One line shaped, in visual order; `rtl` makes it a right-to-left paragraph.
    pub fn shape(&self, text: &str, rtl: bool) -> ShapedLine {
        shape_line(*self, text, rtl)
    }

    /// Width of one line of text at `size` (in the same unit as `size`).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.shape(text, false).width_em() * size
    }

    /// Ascender height at `size`.
    pub fn ascent(&self, size: f32) -> f32 {
        let font = self.main_font();
        f32::from(font.face.ascender()) * size / font.units_per_em
    }

    /// Descender depth at `size` (negative).
    pub fn descent(&self, size: f32) -> f32 {
        let font = self.main_font();
        f32::from(font.face.descender()) * size / font.units_per_em
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_fonts_cover_dutch_emoji_and_measure_text() {
        let fonts = fonts().unwrap();
        let regular = fonts.face(FaceId::Regular);
        for c in "éëïöüÉ€ĳשمب".chars() {
            assert!(regular.has(c), "{c}");
        }
        assert!(!regular.has('🤔'), "no emoji in DejaVu Sans");
        for c in "👍🎉🔥😀🙏".chars() {
            assert!(fonts.face(FaceId::Emoji).has(c), "{c}");
        }
        for c in "🤔🙂🤝".chars() {
            assert!(fonts.face(FaceId::Symbola).has(c), "{c}");
        }
        let text = fonts.get(Weight::Regular);
        let w = text.width("Zoë", 10.0);
        assert!(w > 10.0 && w < 30.0, "{w}");
        assert!(fonts.get(Weight::Bold).width("Zoë", 10.0) > w);
        let emoji = text.width("👍", 10.0);
        assert!(emoji > 5.0 && emoji < 20.0, "{emoji}");
    }
}
