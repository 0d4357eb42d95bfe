//! Embedding a font in the PDF so that its text is drawn everywhere and can be
//! copied and extracted (`pdftotext`).
//!
//! Text arrives shaped ([`super::super::shape`]): glyphs, each with the characters
//! it stands for. Each distinct pair of glyph and characters gets its own CID (1, 2,
//! 3, … in order of first use). `CIDToGIDMap` maps a CID to its glyph in the
//! subsetted font, and the `ToUnicode` map maps it back to the characters — so an
//! Arabic letter's joined form extracts as the letter, an emoji as the emoji, and
//! even the empty box of a character no font has as that character.

use std::collections::HashMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Name, Pdf, Rect, Ref, Str};

use super::super::ExportError;
use super::super::font::Font;

/// The glyphs one font shows in the document (with their characters), each with its
/// CID.
#[derive(Default)]
pub struct CidMap {
    glyphs: Vec<(u16, String)>,
    cids: HashMap<(u16, String), u16>,
}

/// The objects one embedded font needs.
pub struct FontRefs {
    pub type0: Ref,
    pub cid_font: Ref,
    pub descriptor: Ref,
    pub file: Ref,
    pub cid_to_gid: Ref,
    pub to_unicode: Ref,
}

fn system_info() -> SystemInfo<'static> {
    SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    }
}

impl CidMap {
    /// A glyph as a 2-byte CID (the `Identity-H` encoding), registering it. Past
    /// 65 534 distinct glyphs the rest show as CID 0.
    pub fn encode(&mut self, glyph: u16, text: &str) -> [u8; 2] {
        let key = (glyph, text.to_owned());
        let cid = match self.cids.get(&key) {
            Some(cid) => *cid,
            None => match u16::try_from(self.glyphs.len() + 1) {
                Ok(cid) if cid < u16::MAX => {
                    self.glyphs.push(key.clone());
                    self.cids.insert(key, cid);
                    cid
                }
                _ => 0,
            },
        };
        cid.to_be_bytes()
    }

    pub fn is_empty(&self) -> bool {
        self.glyphs.is_empty()
    }

    /// Writes the font's objects: a Type 0 font over a CIDFontType2 with the
    /// subsetted TrueType program.
    pub fn write(
        &self,
        pdf: &mut Pdf,
        refs: &FontRefs,
        font: &Font,
        tag: &str,
    ) -> Result<(), ExportError> {
        let glyphs: Vec<u16> = self.glyphs.iter().map(|(g, _)| *g).collect();
        let mut remapper = subsetter::GlyphRemapper::new();
        remapper.remap(0);
        for g in &glyphs {
            remapper.remap(*g);
        }
        let program = subsetter::subset(font.data, 0, &remapper)
            .map_err(|e| ExportError::Pdf(format!("font subsetting failed: {e}")))?;

        let to_1000 = |units: f32| units * 1000.0 / font.units_per_em();
        let em_to_1000 = |em: f32| em * 1000.0;
        let base_name = format!("{tag}+{}", font.name);

        pdf.type0_font(refs.type0)
            .base_font(Name(base_name.as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(refs.cid_font)
            .to_unicode(refs.to_unicode);

        let mut cid = pdf.cid_font(refs.cid_font);
        cid.subtype(CidFontType::Type2)
            .base_font(Name(base_name.as_bytes()))
            .system_info(system_info())
            .font_descriptor(refs.descriptor)
            .default_width(0.0)
            .cid_to_gid_map_stream(refs.cid_to_gid);
        if !glyphs.is_empty() {
            cid.widths().consecutive(
                1,
                glyphs
                    .iter()
                    .map(|g| em_to_1000(font.advance_em(ttf_parser::GlyphId(*g)))),
            );
        }
        drop(cid);

        let face = &font.face;
        let bbox = face.global_bounding_box();
        let mut flags = FontFlags::SYMBOLIC;
        if face.is_monospaced() {
            flags |= FontFlags::FIXED_PITCH;
        }
        pdf.font_descriptor(refs.descriptor)
            .name(Name(base_name.as_bytes()))
            .flags(flags)
            .bbox(Rect::new(
                to_1000(f32::from(bbox.x_min)),
                to_1000(f32::from(bbox.y_min)),
                to_1000(f32::from(bbox.x_max)),
                to_1000(f32::from(bbox.y_max)),
            ))
            .italic_angle(0.0)
            .ascent(to_1000(f32::from(face.ascender())))
            .descent(to_1000(f32::from(face.descender())))
            .cap_height(to_1000(f32::from(
                face.capital_height().unwrap_or(face.ascender()),
            )))
            .stem_v(if face.is_bold() { 140.0 } else { 80.0 })
            .font_file2(refs.file);

        pdf.stream(refs.file, &super::deflate(&program))
            .filter(Filter::FlateDecode)
            // A subset of one font: far below 2 GiB.
            .pair(
                Name(b"Length1"),
                i32::try_from(program.len()).unwrap_or(i32::MAX),
            );

        let mut map = Vec::with_capacity((glyphs.len() + 1) * 2);
        map.extend_from_slice(&0u16.to_be_bytes());
        for g in &glyphs {
            map.extend_from_slice(&remapper.get(*g).unwrap_or(0).to_be_bytes());
        }
        pdf.stream(refs.cid_to_gid, &super::deflate(&map))
            .filter(Filter::FlateDecode);

        let mut cmap = UnicodeCmap::new(Name(b"Ovaal-UTF16"), system_info());
        for (i, (_, text)) in self.glyphs.iter().enumerate() {
            // `encode` gives at most 65 534 CIDs, from 1.
            let Ok(cid) = u16::try_from(i + 1) else {
                break;
            };
            // The further glyphs of a cluster carry no characters of their own.
            if !text.is_empty() {
                cmap.pair_with_multiple(cid, text.chars());
            }
        }
        let cmap = cmap.finish();
        pdf.cmap(refs.to_unicode, &super::deflate(cmap.as_slice()))
            .filter(Filter::FlateDecode);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyphs_get_stable_cids_in_order_of_first_use() {
        let mut map = CidMap::default();
        assert_eq!(map.encode(7, "a"), [0, 1]);
        assert_eq!(map.encode(9, "b"), [0, 2]);
        assert_eq!(map.encode(7, "a"), [0, 1]);
        // The same glyph standing for other characters (the empty box) is another CID.
        assert_eq!(map.encode(0, "漢"), [0, 3]);
        assert_eq!(map.encode(0, "字"), [0, 4]);
    }
}
