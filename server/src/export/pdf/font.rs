//! Embedding the font in the PDF so that its text is drawn everywhere and can be
//! copied and extracted (`pdftotext`).
//!
//! Each distinct character of the document gets its own CID (1, 2, 3, … in order of
//! first use). `CIDToGIDMap` maps a CID to its glyph in the subsetted font, and the
//! `ToUnicode` map maps it back to the character — also for characters the font has
//! no glyph for (emoji): they show as the font's empty box but still extract as
//! themselves, because the CID, not the glyph, carries the character.

use std::collections::HashMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Name, Pdf, Rect, Ref, Str};

use super::super::ExportError;
use super::super::font::Font;

/// The characters one font shows in the document, each with its CID.
#[derive(Default)]
pub struct CidMap {
    chars: Vec<char>,
    cids: HashMap<char, u16>,
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
    /// The text as a string of 2-byte CIDs (the `Identity-H` encoding), registering
    /// new characters. Past 65 534 distinct characters the rest show as CID 0.
    pub fn encode(&mut self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let cid = match self.cids.get(&c) {
                Some(cid) => *cid,
                None if self.chars.len() < usize::from(u16::MAX - 1) => {
                    self.chars.push(c);
                    let cid = self.chars.len() as u16;
                    self.cids.insert(c, cid);
                    cid
                }
                None => 0,
            };
            out.extend_from_slice(&cid.to_be_bytes());
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
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
        let glyphs: Vec<u16> = self.chars.iter().map(|c| font.glyph(*c).0).collect();
        let mut remapper = subsetter::GlyphRemapper::new();
        remapper.remap(0);
        for g in &glyphs {
            remapper.remap(*g);
        }
        let program = subsetter::subset(font.data, 0, &remapper)
            .map_err(|e| ExportError::Pdf(format!("font subsetting failed: {e}")))?;

        let to_1000 = |units: f32| units * 1000.0 / font.units_per_em();
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
                    .map(|g| to_1000(font.advance_units(ttf_parser::GlyphId(*g)))),
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
            .pair(Name(b"Length1"), program.len() as i32);

        let mut map = Vec::with_capacity((glyphs.len() + 1) * 2);
        map.extend_from_slice(&0u16.to_be_bytes());
        for g in &glyphs {
            map.extend_from_slice(&remapper.get(*g).unwrap_or(0).to_be_bytes());
        }
        pdf.stream(refs.cid_to_gid, &super::deflate(&map))
            .filter(Filter::FlateDecode);

        let mut cmap = UnicodeCmap::new(Name(b"Ovaal-UTF16"), system_info());
        for (i, c) in self.chars.iter().enumerate() {
            cmap.pair(i as u16 + 1, *c);
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
    fn characters_get_stable_cids_in_order_of_first_use() {
        let mut map = CidMap::default();
        assert_eq!(map.encode("aba"), vec![0, 1, 0, 2, 0, 1]);
        assert_eq!(map.encode("🤔a"), vec![0, 3, 0, 1]);
    }
}
