//! The picture of the table as SVG. Every text is XML-escaped (and cleaned of control
//! characters, which XML forbids even escaped), so card text stays text: no element,
//! attribute or script can come from a card. Emoji and right-to-left text are kept as
//! they are; the viewer's fonts draw them, and a line that reads right to left says so
//! (`direction="rtl"`), so the viewer orders and aligns it as the PNG does.

use std::fmt::Write;

use super::font::Weight;
use super::scene::{Anchor, Paint, Scene, Shape};
use super::shapes::oval_outline;
use super::text::clean;

/// The font the layout was measured with, then what a viewer likely has.
const FONT_FAMILY: &str = "'DejaVu Sans', Verdana, 'Noto Sans', sans-serif";

pub fn render(scene: &Scene) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" font-family=\"{FONT_FAMILY}\">\n<title>{title}</title>\n",
        w = num(scene.width),
        h = num(scene.height),
        title = escape(&scene.title),
    );
    for shape in &scene.shapes {
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
                let _ = write!(
                    out,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
                    num(*x),
                    num(*y),
                    num(*w),
                    num(*h)
                );
                if *radius > 0.0 {
                    let _ = write!(out, " rx=\"{}\"", num(*radius));
                }
                paint_attrs(&mut out, *fill, *stroke);
                out.push_str("/>\n");
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
                out.push_str("<path d=\"");
                for (i, (x, y)) in oval_outline(*cx, *cy, *rx, *ry, *exponent)
                    .into_iter()
                    .enumerate()
                {
                    let command = if i == 0 { 'M' } else { 'L' };
                    let _ = write!(out, "{command}{} {} ", num(x), num(y));
                }
                out.push_str("Z\"");
                paint_attrs(&mut out, *fill, *stroke);
                out.push_str("/>\n");
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
                let _ = write!(
                    out,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{}\"",
                    num(*x),
                    num(*y),
                    num(*size)
                );
                if *weight == Weight::Bold {
                    out.push_str(" font-weight=\"bold\"");
                }
                if *anchor == Anchor::Middle {
                    out.push_str(" text-anchor=\"middle\"");
                }
                // The line's own direction, so the viewer orders it as written and
                // starts it at `x` on the right.
                if *rtl {
                    out.push_str(" direction=\"rtl\" unicode-bidi=\"embed\"");
                }
                fill_attr(&mut out, "fill", *paint);
                let _ = writeln!(out, ">{}</text>", escape(text));
            }
            Shape::GroupStart { id, title } => {
                out.push_str("<g");
                if let Some(id) = id {
                    let _ = write!(out, " id=\"{}\"", escape(id));
                }
                let _ = writeln!(out, "><title>{}</title>", escape(title));
            }
            Shape::GroupEnd => out.push_str("</g>\n"),
        }
    }
    out.push_str("</svg>\n");
    out
}

fn paint_attrs(out: &mut String, fill: Option<Paint>, stroke: Option<(Paint, f32)>) {
    match fill {
        Some(p) => fill_attr(out, "fill", p),
        None => out.push_str(" fill=\"none\""),
    }
    if let Some((p, width)) = stroke {
        fill_attr(out, "stroke", p);
        let _ = write!(out, " stroke-width=\"{}\"", num(width));
    }
}

fn fill_attr(out: &mut String, name: &str, paint: Paint) {
    let _ = write!(out, " {name}=\"{}\"", paint.hex());
    if paint.a < 1.0 {
        let _ = write!(out, " {name}-opacity=\"{}\"", num(paint.a));
    }
}

/// Numbers with at most two decimals, without trailing zeros.
fn num(v: f32) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_owned()
    } else {
        s.to_owned()
    }
}

/// XML text and attribute escaping, after dropping characters XML cannot carry.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_inert() {
        assert_eq!(
            escape("<script>alert(\"x\")</script> & 'y'\u{1}"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos;"
        );
        assert_eq!(escape("één 🤔 مرحبا"), "één 🤔 مرحبا");
        assert_eq!(num(12.0), "12");
        assert_eq!(num(0.126), "0.13");
        assert_eq!(num(-0.001), "0");
    }
}
