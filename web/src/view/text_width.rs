//! Text widths measured on a canvas, in the font the page draws a text in. Asking the
//! page for a text's length (`getComputedTextLength`, an element's box) makes the
//! browser lay the page out first; a canvas measures the same glyphs without that.
//! The cards' letter width and the seats' names are measured here.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Element};

/// The font of a kind of text, as the page's style gives it: the style and weight
/// ("italic 400") and the family, to be drawn at any size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Font {
    face: String,
    family: String,
}

impl Font {
    /// The font `element` is drawn in (computing styles, which lays nothing out);
    /// `None` for an element that is not in the page.
    pub fn of(element: &Element) -> Option<Font> {
        let css = crate::dom::window()
            .ok()?
            .get_computed_style(element)
            .ok()??;
        let read = |name: &str| css.get_property_value(name).unwrap_or_default();
        let family = read("font-family");
        // A text not in the page yet has no style to read.
        if family.is_empty() {
            return None;
        }
        Some(Font {
            face: format!("{} {}", read("font-style"), read("font-weight")),
            family,
        })
    }
}

/// A canvas to measure on, made once per user of it.
pub struct TextWidth {
    canvas: CanvasRenderingContext2d,
}

impl TextWidth {
    /// `None` where the browser gives no 2D canvas.
    pub fn new() -> Option<TextWidth> {
        let canvas = crate::dom::document()
            .ok()?
            .create_element("canvas")
            .ok()?
            .dyn_into::<web_sys::HtmlCanvasElement>()
            .ok()?
            .get_context("2d")
            .ok()??
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        Some(TextWidth { canvas })
    }

    /// How wide `text` is drawn in `font` at `px`, in px.
    pub fn of(&self, text: &str, font: &Font, px: f32) -> Option<f64> {
        self.canvas
            .set_font(&format!("{} {px}px {}", font.face, font.family));
        let width = self.canvas.measure_text(text).ok()?.width();
        (width.is_finite() && width >= 0.0).then_some(width)
    }
}
