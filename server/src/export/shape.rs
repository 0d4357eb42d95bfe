//! One line of text as positioned glyphs, for the drawings the server makes itself
//! (the PNG and the PDF). The Unicode bidirectional algorithm (`unicode-bidi`) splits
//! the line into runs of one direction and puts them in visual order; each run is
//! shaped by `rustybuzz` (HarfBuzz's shaping in Rust), so Arabic letters take their
//! joined forms, marks sit on their letters and brackets mirror in right-to-left
//! runs. A character DejaVu Sans has no glyph for (emoji, many symbols) comes from
//! the first fallback face that has it, cluster by cluster; whatever no face has
//! stays DejaVu's empty box.

use std::ops::Range;

use rustybuzz::{Direction, UnicodeBuffer};
use unicode_bidi::{Level, ParagraphBidiInfo};

use super::font::{FALLBACKS, FaceId, Typeface};

/// One glyph, measured in ems (fractions of the font size), so that faces with
/// different units per em share a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub face: FaceId,
    pub id: u16,
    /// How far the pen moves after this glyph.
    pub advance: f32,
    /// Where the glyph sits relative to the pen (y up), e.g. a mark over its letter.
    pub x_offset: f32,
    pub y_offset: f32,
    /// The characters the glyph stands for, in logical order: what the PDF maps it
    /// back to for copying and `pdftotext`. Empty for the further glyphs of a
    /// cluster, so a character is extracted once.
    pub text: String,
}

/// A shaped line: its glyphs from left to right.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShapedLine {
    pub glyphs: Vec<Glyph>,
}

impl ShapedLine {
    /// The line's width in ems.
    pub fn width_em(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }

    /// Glyphs drawn as the empty box because no embedded face has the character.
    pub fn missing(&self) -> usize {
        self.glyphs.iter().filter(|g| g.id == 0).count()
    }
}

/// Shapes one line (no line breaks) whose paragraph direction is right to left when
/// `rtl`.
pub fn shape_line(typeface: Typeface<'_>, text: &str, rtl: bool) -> ShapedLine {
    let mut line = ShapedLine::default();
    if text.is_empty() {
        return line;
    }
    let level = if rtl { Level::rtl() } else { Level::ltr() };
    let bidi = ParagraphBidiInfo::new(text, Some(level));
    let (levels, runs) = bidi.visual_runs(0..text.len());
    for run in runs {
        let run_rtl = levels[run.start].is_rtl();
        let mut pieces = by_face(typeface, &text[run.clone()]);
        // Within a right-to-left run the logically first piece is drawn rightmost.
        if run_rtl {
            pieces.reverse();
        }
        for (face, range) in pieces {
            let piece = &text[run.start + range.start..run.start + range.end];
            shape_piece(typeface, face, piece, run_rtl, &mut line.glyphs);
        }
    }
    line
}

/// Characters that belong to the character before them (joiners, variation
/// selectors, skin tones, tags, combining marks): they take its face, so an emoji
/// sequence is shaped by one font.
fn extends_previous(c: char) -> bool {
    matches!(u32::from(c),
        0x200D | 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF | 0xE0020..=0xE007F | 0xE0100..=0xE01EF
        | 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The text split into pieces of one face each (byte ranges, logical order).
fn by_face(typeface: Typeface<'_>, text: &str) -> Vec<(FaceId, Range<usize>)> {
    let main = typeface.main_font();
    let mut pieces: Vec<(FaceId, Range<usize>)> = Vec::new();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let previous = pieces.last().map(|(face, _)| *face);
        let face = match previous {
            Some(face) if extends_previous(c) => face,
            _ if main.has(c) || c.is_whitespace() => typeface.main,
            _ => FALLBACKS
                .into_iter()
                .find(|f| typeface.fonts.face(*f).has(c))
                .unwrap_or(typeface.main),
        };
        match pieces.last_mut() {
            Some((last, range)) if *last == face => range.end = end,
            _ => pieces.push((face, i..end)),
        }
    }
    pieces
}

/// Shapes one piece of one face and direction, adding its glyphs left to right.
fn shape_piece(typeface: Typeface<'_>, face: FaceId, text: &str, rtl: bool, out: &mut Vec<Glyph>) {
    let font = typeface.fonts.face(face);
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    buffer.guess_segment_properties();
    let shaped = rustybuzz::shape(&font.face, &[], buffer);
    let em = font.units_per_em();
    // Each cluster's characters run from its start to the next cluster's start.
    let mut starts: Vec<usize> = shaped
        .glyph_infos()
        .iter()
        .map(|g| g.cluster as usize)
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let mut given = vec![false; starts.len()];
    for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
        let start = info.cluster as usize;
        let k = starts.binary_search(&start).unwrap_or(0);
        let end = starts.get(k + 1).copied().unwrap_or(text.len());
        let chars = if given[k] {
            String::new()
        } else {
            given[k] = true;
            text.get(start..end).unwrap_or_default().to_owned()
        };
        out.push(Glyph {
            face,
            id: u16::try_from(info.glyph_id).unwrap_or(0),
            advance: pos.x_advance as f32 / em,
            x_offset: pos.x_offset as f32 / em,
            y_offset: pos.y_offset as f32 / em,
            text: chars,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::font::{Weight, fonts};
    use super::*;

    fn shaped(text: &str, rtl: bool) -> ShapedLine {
        fonts().unwrap().get(Weight::Regular).shape(text, rtl)
    }

    /// The characters of a shaped line in the order they are drawn.
    fn drawn(line: &ShapedLine) -> String {
        line.glyphs.iter().map(|g| g.text.as_str()).collect()
    }

    #[test]
    fn arabic_letters_join() {
        let font = fonts().unwrap().face(FaceId::Regular);
        let isolated = font.face.glyph_index('ب').unwrap().0;
        let pair = shaped("بب", false);
        assert_eq!(pair.glyphs.len(), 2);
        for g in &pair.glyphs {
            assert_ne!(g.id, isolated, "a joined form, not the isolated letter");
        }
        assert_ne!(
            pair.glyphs[0].id, pair.glyphs[1].id,
            "initial and final differ"
        );
        // Drawn from the right: the logically first letter is the rightmost glyph.
        let word = shaped("مرحبا", false);
        assert_eq!(drawn(&word), "ابحرم");
        assert_eq!(word.missing(), 0);
    }

    #[test]
    fn mixed_lines_come_out_in_visual_order() {
        assert_eq!(
            drawn(&shaped("Zoë zegt שלום עולם.", false)),
            "Zoë zegt םלוע םולש."
        );
        assert_eq!(drawn(&shaped("שלום 123", false)), "123 םולש");
        assert_eq!(
            drawn(&shaped("שלום: wie besluit er?", true)),
            "?wie besluit er :םולש"
        );
        assert_eq!(
            drawn(&shaped("Goed: مرحبا بالعالم!", false)),
            "Goed: ملاعلاب ابحرم!"
        );
        // Brackets mirror inside a right-to-left run: the glyph is the mirrored one.
        let font = fonts().unwrap().face(FaceId::Regular);
        let open = font.face.glyph_index('(').unwrap().0;
        let close = font.face.glyph_index(')').unwrap().0;
        let bracketed = shaped("(שלום)", true);
        assert_eq!(bracketed.glyphs.first().map(|g| g.id), Some(open));
        assert_eq!(bracketed.glyphs.last().map(|g| g.id), Some(close));
    }

    #[test]
    fn emoji_come_from_the_fallback_face() {
        let line = shaped("Goed gedaan 👍🎉", false);
        assert_eq!(line.missing(), 0, "{line:?}");
        let emoji: Vec<&Glyph> = line
            .glyphs
            .iter()
            .filter(|g| g.face == FaceId::Emoji)
            .collect();
        assert_eq!(emoji.len(), 2);
        assert_eq!(emoji[0].text, "👍");
        assert!(emoji.iter().all(|g| g.advance > 0.5));
        // A thumbs-up with a skin tone stays one cluster of the emoji face.
        let toned = shaped("👍🏽", false);
        assert!(toned.glyphs.iter().all(|g| g.face == FaceId::Emoji));
        assert_eq!(drawn(&toned), "👍🏽");
        // Characters no embedded face has stay the empty box, and still say what they are.
        let newer = shaped("🤔🙂", false);
        assert!(
            newer
                .glyphs
                .iter()
                .all(|g| g.face == FaceId::Symbola && g.id != 0)
        );
        let cjk = shaped("漢", false);
        assert_eq!(cjk.missing(), 1);
        assert_eq!(drawn(&cjk), "漢");
    }
}
