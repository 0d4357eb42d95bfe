//! The harvest as PDF: a real report whose text `pdftotext` extracts, accents,
//! quotes and right-to-left words included, without the unrevealed private card; and
//! a board written in Arabic, Hebrew and emoji, whose text is shaped in the PDF and
//! the PNG (letters joined, read right to left) and whose emoji are drawn, not boxes.

use anyhow::Context;
use ovaal_server::export::font::fonts;
use ovaal_server::export::scene::{self, Shape, left_of};
use ovaal_server::export::{Harvest, Lang, pdf, png as picture};
use ovaal_tests::harvest_fixture::{
    ADVICE, CASE, Q_HEBREW, Q_QUOTES, TITLE, export_ok, incident_session, pdf_text,
};

#[tokio::test]
async fn pdf_text_extracts_including_non_ascii() -> anyhow::Result<()> {
    let board = incident_session().await?;
    let pdf = export_ok(&board, "pdf").await?;
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    assert!(pdf.body.starts_with(b"%PDF-"));
    let extracted = pdf_text(&pdf.body)?;
    // Right-to-left words come out in reading order (they are drawn in visual order).
    for t in [CASE, ADVICE, TITLE, "Zoë", Q_QUOTES, Q_HEBREW, "سارا"] {
        assert!(
            extracted.contains(t),
            "{t:?} not in the PDF text:\n{extracted}"
        );
    }
    assert!(!extracted.contains("GEHEIM"));
    Ok(())
}

const ARABIC: &str = "مرحبا بالعالم";
const HEBREW: &str = "שלום עולם";
const MIXED: &str = "Goed idee: مرحبا بالعالم voor iedereen";
const EMOJI: &str = "Goed gedaan 👍🎉";
const NEWER_EMOJI: &str = "Even denken 🤔🙂";
/// No embedded font has Chinese characters: these stay the empty box, the pattern
/// the emoji must not look like.
const NO_FONT: &str = "Tofu 漢字";

/// A small board whose cards are all in sight in the picture.
fn scripts_harvest() -> anyhow::Result<Harvest> {
    let card = |id: &str, text: &str, at: u64| {
        serde_json::json!({ "id": id, "kind": "question", "text": text, "x": 0.5,
            "y": 0.5, "created_ms": 1_750_000_000_000u64 + at, "phase": "questions" })
    };
    let person = |id: &str, name: &str, seat: u8, cards: Vec<serde_json::Value>| {
        serde_json::json!({ "id": id, "profile": { "name": name, "seat": seat,
            "location": "room", "seat_claimed_ms": 1 }, "cards": cards })
    };
    let json = serde_json::json!({
        "format": "ovaal-harvest", "version": 2, "exported_at": "2026-03-14T09:26:53.589Z",
        "session": { "id": "Idb0DPtRGYLkQk4OJQqVVw", "title": "Oogst: شكرا en שלום",
            "method": "incident", "seats": 6, "created_ms": 1_750_000_000_000u64,
            "ended_ms": null },
        "facilitation": {
            "plan": [{ "id": "questions", "name": { "nl": "Vragenronde", "en": "Question round" },
                "instruction": { "nl": "Vragen", "en": "Questions" }, "kinds": ["question"],
                "caseholder": "speaks", "private": false, "minutes": 15 }],
            "phase": "questions", "timer": { "state": "idle" }, "locked": false,
            "hide_names": false, "revealed": [], "sponsor_phases": null,
            "participants_export": false, "hot_seat": "yIplEgMwz8adXb4ZFvyM0g" },
        "participants": [
            person("FyUi7BAoq3gdnf0X6spEJw", "דוד", 2, vec![
                card("Cj1yE0-z1sAk20xRC8FgWw", HEBREW, 3),
                card("y3Uk15IyfkxEPWGd5ccaeg", EMOJI, 4)]),
            person("W9U3_DeJtUguSTaWjw_elQ", "سارا", 1, vec![
                card("qffpeWXWz3maUpECqXO4uQ", ARABIC, 1),
                card("mrYrXvNKmFQ4v99-4BAiKQ", MIXED, 2)]),
            person("yIplEgMwz8adXb4ZFvyM0g", "Zoë", 0, vec![
                card("JeoWguFkZsBmer3AlZIPbA", NEWER_EMOJI, 5),
                card("WjTR7a6k4yhxtvdQOtRyfg", NO_FONT, 6)]),
        ],
        "private_cards": [], "carried": [], "triage": { "labels": {}, "useful": [] }
    });
    serde_json::from_value(json).context("the scripts harvest")
}

fn artifact(name: &str, bytes: &[u8]) -> anyhow::Result<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(name);
    std::fs::write(&path, bytes)?;
    Ok(path)
}

/// A box in pixels: left, top, right, bottom.
type Area = (f32, f32, f32, f32);
/// A character and the box it is drawn in.
type Cell = (String, Area);

/// A greyscale image (0 ink … 1 paper).
struct Grey {
    width: usize,
    height: usize,
    pixels: Vec<f32>,
}

impl Grey {
    fn from_png(bytes: &[u8]) -> anyhow::Result<Self> {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes.to_vec()));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
        let mut reader = decoder.read_info()?;
        let mut buf = vec![0; reader.output_buffer_size().context("png size")?];
        let info = reader.next_frame(&mut buf)?;
        let channels = info.color_type.samples();
        let pixels = buf[..info.buffer_size()]
            .chunks(channels)
            .map(|p| {
                p[..channels.min(3)]
                    .iter()
                    .map(|c| f32::from(*c))
                    .sum::<f32>()
            })
            .map(|sum| sum / (255.0 * channels.min(3) as f32))
            .collect();
        Ok(Self {
            width: info.width as usize,
            height: info.height as usize,
            pixels,
        })
    }

    /// The box (pixels) scaled to a 12 × 12 grid of ink amounts, normalised so the
    /// darkest cell is 1: the glyph's pattern, whatever its size.
    fn pattern(&self, (x0, y0, x1, y1): Area) -> Vec<f32> {
        const N: usize = 12;
        let mut grid = vec![0.0f32; N * N];
        for (i, cell) in grid.iter_mut().enumerate() {
            let (gx, gy) = ((i % N) as f32, (i / N) as f32);
            let (ax, bx) = (
                x0 + (x1 - x0) * gx / N as f32,
                x0 + (x1 - x0) * (gx + 1.0) / N as f32,
            );
            let (ay, by) = (
                y0 + (y1 - y0) * gy / N as f32,
                y0 + (y1 - y0) * (gy + 1.0) / N as f32,
            );
            let (mut ink, mut count) = (0.0, 0.0);
            let pixel = |v: f32| ovaal_shared::float::to_usize(f64::from(v));
            for y in pixel(ay.floor())..pixel(by.ceil()).min(self.height) {
                for x in pixel(ax.floor())..pixel(bx.ceil()).min(self.width) {
                    ink += 1.0 - self.pixels[y * self.width + x];
                    count += 1.0;
                }
            }
            *cell = if count > 0.0 { ink / count } else { 0.0 };
        }
        let top = grid.iter().copied().fold(0.0, f32::max).max(1e-6);
        grid.iter().map(|v| v / top).collect()
    }
}

/// How unlike two patterns are: the mean difference of their cells (0 the same).
fn unlike(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).sum::<f32>() / a.len() as f32
}

/// Checks glyph boxes: the boxes of characters no font has (the control) look alike,
/// and every emoji's box looks unlike them.
fn assert_no_tofu(image: &Grey, emoji: &[Cell], tofu: &[Area]) {
    assert!(tofu.len() >= 2 && !emoji.is_empty(), "{emoji:?} {tofu:?}");
    let tofu: Vec<Vec<f32>> = tofu.iter().map(|b| image.pattern(*b)).collect();
    let same = unlike(&tofu[0], &tofu[1]);
    // Measured: about 0.08 between two boxes (they sit on different sub-pixel
    // offsets), 0.2–0.35 between an emoji and a box.
    assert!(same < 0.12, "two empty boxes should look alike: {same}");
    for (c, b) in emoji {
        let pattern = image.pattern(*b);
        assert!(pattern.iter().any(|v| *v > 0.5), "{c} leaves no ink");
        let diff = unlike(&pattern, &tofu[0]);
        assert!(
            diff > 0.12,
            "{c} looks like the empty box (difference {diff})"
        );
    }
}

/// `pdftotext -bbox` of page 1: each word with its box in points.
fn pdf_words(path: &std::path::Path) -> anyhow::Result<Vec<(String, [f32; 4])>> {
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox", "-f", "1", "-l", "1", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .context("pdftotext (poppler-utils)")?;
    let html = String::from_utf8(out.stdout)?;
    let mut words = Vec::new();
    for part in html.split("<word ").skip(1) {
        let attr = |name: &str| -> Option<f32> {
            let start = part.find(&format!("{name}=\""))? + name.len() + 2;
            part[start..].split('"').next()?.parse().ok()
        };
        let text = part.split('>').nth(1).and_then(|t| t.split('<').next());
        if let (Some(t), Some(a), Some(b), Some(c), Some(d)) =
            (text, attr("xMin"), attr("yMin"), attr("xMax"), attr("yMax"))
        {
            words.push((t.to_owned(), [a, b, c, d]));
        }
    }
    Ok(words)
}

/// The boxes of a word's characters, in pixels, when each is as wide as the others.
fn cells(word: &str, [x0, y0, x1, y1]: [f32; 4], scale: f32) -> Vec<Cell> {
    let n = word.chars().count() as f32;
    word.chars()
        .enumerate()
        .map(|(i, c)| {
            let w = (x1 - x0) / n;
            let x = x0 + w * i as f32;
            (
                c.to_string(),
                (x * scale, y0 * scale, (x + w) * scale, y1 * scale),
            )
        })
        .collect()
}

#[test]
fn pdf_shapes_scripts_and_draws_emoji() -> anyhow::Result<()> {
    let harvest = scripts_harvest()?;
    let bytes = pdf::render(&harvest, Lang::En)?;
    let path = artifact("harvest-scripts.pdf", &bytes)?;
    let extracted = pdf_text(&bytes)?;
    for t in [
        ARABIC,
        HEBREW,
        EMOJI,
        NEWER_EMOJI,
        "Goed idee:",
        "voor iedereen",
        "سارا",
        "דוד",
    ] {
        assert!(
            extracted.contains(t),
            "{t:?} not in the PDF text:\n{extracted}"
        );
    }

    // Page 1 as pixels, 2 per point.
    let dir = tempfile::tempdir()?;
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "144", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&path)
        .arg(dir.path().join("page"))
        .status()
        .context("pdftoppm (poppler-utils)")?;
    anyhow::ensure!(status.success(), "pdftoppm failed");
    let page = std::fs::read(dir.path().join("page.png"))?;
    artifact("harvest-scripts-page1.png", &page)?;
    let image = Grey::from_png(&page)?;
    let words = pdf_words(&path)?;
    let find = |w: &str| {
        words
            .iter()
            .find(|(t, _)| t == w)
            .map(|(_, b)| *b)
            .with_context(|| format!("{w:?} not among {words:?}"))
    };
    let mut emoji = cells("👍🎉", find("👍🎉")?, 2.0);
    emoji.extend(cells("🤔🙂", find("🤔🙂")?, 2.0));
    let tofu: Vec<_> = cells("漢字", find("漢字")?, 2.0)
        .into_iter()
        .map(|(_, b)| b)
        .collect();
    assert_no_tofu(&image, &emoji, &tofu);
    Ok(())
}

#[test]
fn png_shapes_scripts_and_draws_emoji() -> anyhow::Result<()> {
    let harvest = scripts_harvest()?;
    let picture = scene::build(&harvest, Lang::En)?;
    let bytes = picture::render(&picture)?;
    artifact("harvest-scripts.png", &bytes)?;
    let image = Grey::from_png(&bytes)?;
    let fonts = fonts()?;
    // Where the scene put each character of a card's line, in pixels.
    let glyph_boxes = |needle: &str| -> anyhow::Result<Vec<Cell>> {
        let (x, y, size, weight, anchor, text, rtl) = picture
            .shapes
            .iter()
            .find_map(|s| match s {
                Shape::Text {
                    x,
                    y,
                    size,
                    weight,
                    anchor,
                    text,
                    rtl,
                    ..
                } if text.contains(needle) => {
                    Some((*x, *y, *size, *weight, *anchor, text.clone(), *rtl))
                }
                _ => None,
            })
            .with_context(|| format!("{needle:?} not drawn"))?;
        let line = fonts.get(weight).shape(&text, rtl);
        let mut pen = left_of(x, line.width_em() * size, anchor, rtl);
        let k = picture::SCALE;
        let mut boxes = Vec::new();
        for g in &line.glyphs {
            let right = pen + g.advance * size;
            if needle.contains(g.text.as_str()) && !g.text.trim().is_empty() {
                boxes.push((
                    g.text.clone(),
                    (pen * k, (y - size) * k, right * k, (y + size * 0.25) * k),
                ));
            }
            pen = right;
        }
        Ok(boxes)
    };
    let mut emoji = glyph_boxes("👍🎉")?;
    emoji.extend(glyph_boxes("🤔🙂")?);
    let tofu: Vec<_> = glyph_boxes("漢字")?.into_iter().map(|(_, b)| b).collect();
    assert_no_tofu(&image, &emoji, &tofu);
    Ok(())
}
