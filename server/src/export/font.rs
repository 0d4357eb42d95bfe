//! The embedded font (DejaVu Sans, Regular and Bold, from the `dejavu` crate), its
//! metrics, and line wrapping. The picture (SVG and PNG) and the PDF lay text out with
//! these metrics, so a line that fits in one fits in the others.

use std::sync::OnceLock;

use ttf_parser::{Face, GlyphId};

use super::ExportError;
use super::text::clean;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weight {
    Regular,
    Bold,
}

pub struct Font {
    pub face: Face<'static>,
    pub data: &'static [u8],
    /// The PostScript name, for the PDF.
    pub name: &'static str,
    units_per_em: f32,
}

pub struct Fonts {
    regular: Font,
    bold: Font,
}

impl Fonts {
    pub fn get(&self, weight: Weight) -> &Font {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }
}

fn load(data: &'static [u8], name: &'static str) -> Result<Font, ExportError> {
    let face = Face::parse(data, 0).map_err(|e| ExportError::Font(e.to_string()))?;
    let units_per_em = f32::from(face.units_per_em().max(1));
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
                regular: load(dejavu::sans::regular(), "DejaVuSans").map_err(|e| e.to_string())?,
                bold: load(dejavu::sans::bold(), "DejaVuSans-Bold").map_err(|e| e.to_string())?,
            })
        })
        .as_ref()
        .map_err(|e| ExportError::Font(e.clone()))
}

impl Font {
    /// The glyph for a character; the font's "missing" box (glyph 0) when it has none.
    pub fn glyph(&self, c: char) -> GlyphId {
        self.face.glyph_index(c).unwrap_or(GlyphId(0))
    }

    /// A glyph's advance in font units.
    pub fn advance_units(&self, glyph: GlyphId) -> f32 {
        f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0))
    }

    pub fn units_per_em(&self) -> f32 {
        self.units_per_em
    }

    /// Width of one line of text at `size` (in the same unit as `size`).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text
            .chars()
            .map(|c| self.advance_units(self.glyph(c)))
            .sum();
        units * size / self.units_per_em
    }

    /// Ascender height at `size`.
    pub fn ascent(&self, size: f32) -> f32 {
        f32::from(self.face.ascender()) * size / self.units_per_em
    }

    /// Descender depth at `size` (negative).
    pub fn descent(&self, size: f32) -> f32 {
        f32::from(self.face.descender()) * size / self.units_per_em
    }

    /// Breaks text into lines no wider than `max_width`: at line breaks, between
    /// words, and inside a word only when the word alone is too wide. Blank lines are
    /// dropped.
    pub fn wrap(&self, text: &str, size: f32, max_width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in clean(text).split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size) <= max_width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // The word alone: break it by characters if it is too wide.
                for c in word.chars() {
                    line.push(c);
                    if self.width(&line, size) > max_width && line.chars().count() > 1 {
                        line.pop();
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    }
                }
            }
            if !line.is_empty() {
                lines.push(line);
            }
        }
        lines
    }

    /// At most `max_lines` lines; when text is cut, the last line ends in "…".
    pub fn wrap_at_most(
        &self,
        text: &str,
        size: f32,
        max_width: f32,
        max_lines: usize,
    ) -> Vec<String> {
        let mut lines = self.wrap(text, size, max_width);
        if lines.len() > max_lines {
            lines.truncate(max_lines);
            if let Some(last) = lines.last_mut() {
                self.ellipsize(last, size, max_width);
            }
        }
        lines
    }

    /// Shortens a line so that it and a trailing "…" fit in `max_width`.
    pub fn ellipsize(&self, line: &mut String, size: f32, max_width: f32) {
        while !line.is_empty() && self.width(&format!("{line}…"), size) > max_width {
            line.pop();
        }
        let trimmed = line.trim_end().len();
        line.truncate(trimmed);
        line.push('…');
    }

    /// One line, cut with "…" if it is wider than `max_width`.
    pub fn fit(&self, text: &str, size: f32, max_width: f32) -> String {
        let mut line = super::text::one_line(text);
        if self.width(&line, size) > max_width {
            self.ellipsize(&mut line, size, max_width);
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_fonts_cover_dutch_and_measure_text() {
        let fonts = fonts().unwrap();
        let regular = fonts.get(Weight::Regular);
        for c in "éëïöüÉ€ĳ".chars() {
            assert_ne!(regular.glyph(c), GlyphId(0), "{c}");
        }
        assert_eq!(regular.glyph('🤔'), GlyphId(0), "no emoji in DejaVu Sans");
        let w = regular.width("Zoë", 10.0);
        assert!(w > 10.0 && w < 30.0, "{w}");
        assert!(fonts.get(Weight::Bold).width("Zoë", 10.0) > w);
    }

    #[test]
    fn wrapping_respects_width_breaks_and_long_words() {
        let font = fonts().unwrap().get(Weight::Regular);
        let lines = font.wrap("een twee drie vier vijf zes\n\nzeven", 10.0, 60.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(lines.last().unwrap(), "zeven");
        for line in &lines {
            assert!(font.width(line, 10.0) <= 60.0, "{line}");
        }
        let long = font.wrap(&"x".repeat(100), 10.0, 50.0);
        assert!(long.len() > 5 && long.iter().all(|l| font.width(l, 10.0) <= 50.0));
        let cut = font.wrap_at_most("een twee drie vier vijf zes zeven acht", 10.0, 40.0, 2);
        assert_eq!(cut.len(), 2);
        assert!(cut[1].ends_with('…'));
        assert!(font.fit(&"lang ".repeat(20), 10.0, 50.0).ends_with('…'));
    }
}
